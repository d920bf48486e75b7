import * as vscode from 'vscode';
import { pickApp } from '../apps/appPicker';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';

/**
 * chatRoles.removeApp: `{ app, confirm?: boolean }` removes the app and deletes its secrets after a modal
 * confirmation (none with `confirm: false`); an unknown label rejects. Without an argument it asks which.
 */
export function registerRemoveApp(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.removeApp', async (arg?: unknown) => {
      const given = typeof arg === 'object' && arg !== null ? (arg as { app?: unknown; confirm?: unknown }) : undefined;
      if (given?.app !== undefined) {
        if (typeof given.app !== 'string') throw new Error(vscode.l10n.t('chatRoles.removeApp expects { app: string, confirm?: boolean }.'));
        const profile = services.apps.get(given.app);
        if (!profile) throw new Error(vscode.l10n.t('There is no Chat app labelled "{0}".', given.app));
        if (given.confirm !== false && !(await confirmRemoval(profile.label, profile.sdkAppId))) return;
        await services.apps.remove(given.app);
        return;
      }
      const choice = await pickApp(services, { title: vscode.l10n.t('Chat Roles: Remove App'), withActions: false });
      if (choice?.kind !== 'app') return;
      const profile = services.apps.get(choice.label);
      if (!profile || !(await confirmRemoval(profile.label, profile.sdkAppId))) return;
      try {
        await services.apps.remove(profile.label);
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Removing the app failed'), err);
      }
    }),
  );
}

export async function confirmRemoval(label: string, sdkAppId: string): Promise<boolean> {
  const remove = vscode.l10n.t('Remove');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the Chat app "{0}" (SDKAppID {1})?', plainText(label), sdkAppId),
    { modal: true, detail: vscode.l10n.t("Its UserSig or secret key is deleted from VS Code's secret storage. Results checked with it stay in the view.") },
    remove,
  );
  return choice === remove;
}
