import * as vscode from 'vscode';
import type { CheckRequest } from '../checks/checker';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { reportFailure } from '../ui/reportFailure';
import { toRange } from '../views/results';
import { MAX_IDS_PER_SCAN } from '../chat/ids';

/** chatRoles.refreshAll: checks every group in the tree again, each with the accounts of its last check. */
export function registerRefreshAll(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.refreshAll', async () => {
      const records = services.results.all();
      if (!records.length) return;
      if (!(await ensureCredentials(services.credentials, services.log))) return;
      // Groups checked with the same accounts go in one check.
      type Batch = CheckRequest & { sources: Map<string, { uri: vscode.Uri; range: vscode.Range }> };
      const batches: Batch[] = [];
      const open = new Map<string, Batch>();
      for (const r of records) {
        const key = r.accounts.join('\n');
        let batch = open.get(key);
        if (!batch || batch.groupIds.length >= MAX_IDS_PER_SCAN) {
          batch = { groupIds: [], accounts: r.accounts, sources: new Map() };
          batches.push(batch);
          open.set(key, batch);
        }
        batch.groupIds.push(r.groupId);
        if (r.source) batch.sources.set(r.groupId, { uri: vscode.Uri.parse(r.source.uri), range: toRange(r.source) });
      }
      for (const batch of batches) {
        try {
          await services.checker.check(batch);
        } catch (err) {
          reportFailure(services.log, 'Refreshing the roles failed', err);
          return;
        }
      }
    }),
  );
}
