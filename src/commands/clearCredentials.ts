import * as vscode from 'vscode';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';
import type { Services } from '../services';

/**
 * chatRoles.clearCredentials: removes the stored credentials after a modal confirmation.
 * `executeCommand('chatRoles.clearCredentials', { confirm: false })` skips the confirmation (for
 * scripts and tests) and rejects if secret storage fails.
 */
export function registerClearCredentials(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.clearCredentials', async (arg?: unknown) => {
      const noPrompt = typeof arg === 'object' && arg !== null && (arg as { confirm?: unknown }).confirm === false;
      if (noPrompt) {
        await services.credentials.clear();
        return;
      }
      let summary;
      try {
        await services.credentials.get();
        summary = services.credentials.summary();
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Reading credentials failed'), err);
        return;
      }
      if (!summary) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: no credentials are stored.'));
        return;
      }
      const remove = vscode.l10n.t('Remove');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the Chat credentials of app {0} ({1})?', summary.sdkAppId, plainText(summary.identifier)),
        {
          modal: true,
          detail:
            summary.kind === 'secretKey'
              ? vscode.l10n.t("The secret key is deleted from VS Code's secret storage; checks need new credentials afterwards.")
              : vscode.l10n.t("The UserSig is deleted from VS Code's secret storage; checks need new credentials afterwards."),
        },
        remove,
      );
      if (choice !== remove) return;
      try {
        await services.credentials.clear();
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Removing credentials failed'), err);
      }
    }),
  );
}
