import * as vscode from 'vscode';
import type { Services } from '../services';
import { toCsv } from '../ui/csv';
import { plainText } from '../ui/foreignText';
import { CSV_HEADER, recordToCsvRows } from '../views/export';
import { targetGroups } from './targetNodes';

/** chatRoles.copyAsCsv: the selected groups as one CSV table (a row per account), safe to open in a spreadsheet. */
export function registerCopyAsCsv(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyAsCsv', async (arg?: unknown, selected?: unknown) => {
      const groups = targetGroups(services, arg, selected);
      if (!groups.length) return;
      await vscode.env.clipboard.writeText(toCsv([[...CSV_HEADER], ...groups.flatMap((g) => recordToCsvRows(g.record))]));
      vscode.window.setStatusBarMessage(`Chat Roles: copied ${groups.length === 1 ? plainText(groups[0].record.groupId) : `${groups.length} groups`} as CSV`, 3000);
    }),
  );
}
