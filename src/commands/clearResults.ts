import * as vscode from 'vscode';
import type { GroupRecord } from '../results/record';
import type { Services } from '../services';

/** How long Clear Results can be undone (the undo puts groups back behind any checked since). */
const UNDO_MS = 30_000;
const CAN_UNDO = 'chatRoles.canUndoClearResults';

/**
 * chatRoles.clearResults: empties the roles tree and removes every Chat Roles diagnostic at once (nothing
 * to confirm), then offers Undo: chatRoles.undoClearResults puts the groups back for a short while, behind
 * any group checked since. The editor's marks of failed groups are not put back; checking again does.
 */
export function registerClearResults(context: vscode.ExtensionContext, services: Services): void {
  let undo: { records: readonly GroupRecord[]; expiry: NodeJS.Timeout } | undefined;
  const forget = () => {
    if (!undo) return;
    clearTimeout(undo.expiry);
    undo = undefined;
    void vscode.commands.executeCommand('setContext', CAN_UNDO, false);
  };
  context.subscriptions.push(
    { dispose: forget },
    vscode.commands.registerCommand('chatRoles.clearResults', async () => {
      const records = [...services.results.all()];
      forget();
      services.diagnostics.clearAll();
      await services.results.clear();
      await services.listings.clear();
      if (!records.length) return;
      undo = { records, expiry: setTimeout(forget, UNDO_MS) };
      void vscode.commands.executeCommand('setContext', CAN_UNDO, true);
      const message =
        records.length === 1
          ? vscode.l10n.t('Chat Roles: cleared the result of 1 group.')
          : vscode.l10n.t('Chat Roles: cleared the results of {0} groups.', records.length);
      const undoLabel = vscode.l10n.t('Undo');
      void vscode.window.showInformationMessage(message, undoLabel).then((choice) => {
        if (choice === undoLabel) void vscode.commands.executeCommand('chatRoles.undoClearResults');
      });
    }),
    vscode.commands.registerCommand('chatRoles.undoClearResults', async () => {
      const cleared = undo?.records;
      forget();
      if (!cleared) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: there is no Clear Results to undo any more.'));
        return;
      }
      // Groups checked since the clear are newer: they stay ahead, and keep their new result.
      const current = services.results.all();
      const since = new Set(current.map((r) => r.groupId));
      await services.results.put([...current, ...cleared.filter((r) => !since.has(r.groupId))]);
    }),
  );
}
