import * as vscode from 'vscode';
import type { Role } from '../chat/types';
import { roleWord } from '../ui/roleWords';
import { formatLocalTime, formatRelative } from '../ui/time';
import type { GroupNode } from './nodes';

/**
 * The last good role of an account whose newest check failed on credentials: shown dimmed (grey icon, the
 * time in the description) under the group's error, so a refused re-check does not hide what was known.
 */
export class KeptAccountNode extends vscode.TreeItem {
  readonly kind = 'kept';

  constructor(
    readonly parent: GroupNode,
    readonly account: string,
    readonly role: Role,
    readonly answeredAt: number,
  ) {
    super(account, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id}/kept:${account}`;
    this.description = `last good: ${roleWord(role)}, checked ${formatLocalTime(answeredAt)}`;
    this.iconPath = new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'));
    this.tooltip = `${account} was ${roleWord(role)} of ${parent.record.groupId} when last checked successfully (${formatLocalTime(answeredAt)}); the newest check failed on credentials.`;
    this.accessibilityInformation = {
      label: `${account}: last good result ${roleWord(role)} of group ${parent.record.groupId}, checked ${formatRelative(answeredAt)}; the newest check failed on credentials`,
    };
    this.contextValue = 'chatRoles.kept';
  }
}
