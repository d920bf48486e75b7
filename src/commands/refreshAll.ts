import * as vscode from 'vscode';
import { batchByAccounts } from '../checks/batches';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { reportFailure } from '../ui/reportFailure';
import { toRange } from '../views/results';

/**
 * chatRoles.refreshAll: checks every group in the tree again, each with the accounts of its last check,
 * as one check (one progress notification, one credential or rate notification).
 */
export function registerRefreshAll(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.refreshAll', async () => {
      const records = services.results.all();
      if (!records.length) return;
      if (!(await ensureCredentials(services.credentials, services.log))) return;
      const batches = batchByAccounts(
        records.map((r) => ({
          groupId: r.groupId,
          accounts: r.accounts,
          source: r.source && { uri: vscode.Uri.parse(r.source.uri), range: toRange(r.source) },
        })),
      );
      try {
        await services.checker.checkAll(batches);
      } catch (err) {
        reportFailure(services.log, 'Refreshing the roles failed', err);
      }
    }),
  );
}
