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
        if (typeof given.app !== 'string') throw new Error('chatRoles.removeApp expects { app: string, confirm?: boolean }.');
        const profile = services.apps.get(given.app);
        if (!profile) throw new Error(`There is no Chat app labelled "${given.app}".`);
        if (given.confirm !== false && !(await confirmRemoval(profile.label, profile.sdkAppId))) return;
        await services.apps.remove(given.app);
        return;
      }
      const choice = await pickApp(services, { title: 'Chat Roles: Remove App', withActions: false });
      if (choice?.kind !== 'app') return;
      const profile = services.apps.get(choice.label);
      if (!profile || !(await confirmRemoval(profile.label, profile.sdkAppId))) return;
      try {
        await services.apps.remove(profile.label);
      } catch (err) {
        reportFailure(services.log, 'Removing the app failed', err);
      }
    }),
  );
}

export async function confirmRemoval(label: string, sdkAppId: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Remove the Chat app "${plainText(label)}" (SDKAppID ${sdkAppId})?`,
    { modal: true, detail: 'Its UserSig or secret key is deleted from VS Code\'s secret storage. Results checked with it stay in the view.' },
    'Remove',
  );
  return choice === 'Remove';
}
