import * as vscode from 'vscode';
import type { Role } from '../chat/types';

const ROLE_ICONS: Readonly<Record<Role, [icon: string, color: string]>> = {
  Owner: ['star-full', 'charts.yellow'],
  Admin: ['shield', 'charts.blue'],
  Member: ['person', 'charts.green'],
  NotMember: ['circle-slash', 'disabledForeground'],
};

/** A role's icon and colour, the same on every row that shows one (role results, member lists, an account's groups). */
export function roleIcon(role: Role): vscode.ThemeIcon {
  const [icon, color] = ROLE_ICONS[role];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}
