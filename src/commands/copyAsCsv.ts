import * as vscode from 'vscode';
import type { Services } from '../services';
import { toCsv } from '../ui/csv';
import { CSV_HEADER, recordToCsvRows } from '../views/export';
import { showCopied, targetGroups } from './targetNodes';

/** chatRoles.copyAsCsv: the selected groups as one CSV table (a row per account), safe to open in a spreadsheet. */
export function registerCopyAsCsv(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyAsCsv', async (arg?: unknown, selected?: unknown) => {
      const groups = targetGroups(services, arg, selected);
      if (!groups.length) return;
      await vscode.env.clipboard.writeText(toCsv([[...CSV_HEADER], ...groups.flatMap((g) => recordToCsvRows(g.record))]));
      showCopied(groups, 'CSV');
    }),
  );
}
