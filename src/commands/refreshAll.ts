import * as vscode from 'vscode';
import { promptForAccounts } from '../checks/accountsPrompt';
import { batchByAccounts } from '../checks/batches';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { reportFailure } from '../ui/reportFailure';
import { sourceUri, toRange } from '../results/record';

/**
 * chatRoles.refreshAll: checks every group in the tree again, each with the accounts of its last check,
 * as one check (one progress notification, one credential or rate notification).
 */
export function registerRefreshAll(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.refreshAll', async () => {
      // Groups of a removed app cannot be checked with it: say so once, check the rest.
      const records = services.results.all().filter((r) => services.apps.get(r.app));
      const orphans = services.results.all().length - records.length;
      if (orphans) void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: {0} group(s) were checked with an app that was removed; they are not checked again.', orphans));
      if (!records.length) return;
      if (!(await ensureCredentials(services.credentials, services.log))) return;
      // A group checked with more accounts than a reload keeps has none stored: ask once for all such groups.
      const unknown = records.filter((r) => !r.accounts).map((r) => r.groupId);
      const asked = unknown.length ? await promptForAccounts(services.prompts, services.recents, unknown) : [];
      if (!asked?.length && unknown.length) return;
      const batches = batchByAccounts(
        records.map((r) => {
          const uri = r.source && sourceUri(r.source);
          return { groupId: r.groupId, app: r.app, accounts: r.accounts ?? asked ?? [], source: uri && r.source && { uri, range: toRange(r.source) } };
        }),
      );
      try {
        await services.checker.checkAll(batches);
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Refreshing the roles failed'), err);
      }
    }),
  );
}
