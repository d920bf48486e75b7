import * as vscode from 'vscode';
import { pickApp } from '../apps/appPicker';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';
import { editAppInteractively, runConnectionTest } from './appEditor';
import { confirmRemoval } from './removeApp';

type Action = 'use' | 'edit' | 'test' | 'toggleRoleChanges' | 'remove';

interface ActionItem extends vscode.QuickPickItem {
  action: Action;
}

/** chatRoles.manageApps: pick an app, then use, edit, test, allow or forbid role changes, or remove it. */
export function registerManageApps(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.manageApps', async () => {
      const choice = await pickApp(services, { title: vscode.l10n.t('Chat Roles: Manage Apps'), withActions: false });
      if (choice?.kind !== 'app') return;
      const app = services.apps.get(choice.label);
      if (!app) return;
      const label = plainText(app.label);
      const items: ActionItem[] = [
        { action: 'use', label: `$(arrow-swap) ${vscode.l10n.t('Use in This Window')}` },
        { action: 'edit', label: `$(edit) ${vscode.l10n.t('Edit…')}`, detail: vscode.l10n.t('SDKAppID, admin identifier, region or endpoint, UserSig or secret key') },
        { action: 'test', label: `$(plug) ${vscode.l10n.t('Test Connection')}` },
        app.allowRoleChanges
          ? { action: 'toggleRoleChanges', label: `$(lock) ${vscode.l10n.t('Make Read-Only')}`, detail: vscode.l10n.t('Role changes are allowed in this app now.') }
          : { action: 'toggleRoleChanges', label: `$(unlock) ${vscode.l10n.t('Allow Role Changes')}`, detail: vscode.l10n.t('This app is read-only now: no role can be changed in it.') },
        { action: 'remove', label: `$(trash) ${vscode.l10n.t('Remove…')}`, detail: vscode.l10n.t('Deletes its UserSig or secret key.') },
      ];
      const picked = await services.prompts.pick({ title: vscode.l10n.t('Chat Roles: App {0} (SDKAppID {1})', label, app.sdkAppId), items });
      if (!picked) return;
      try {
        switch (picked.action) {
          case 'use':
            await services.apps.use(app.label);
            return;
          case 'edit':
            await editAppInteractively(services, { kind: 'edit', label: app.label });
            return;
          case 'test':
            await runConnectionTest(services, app.label);
            return;
          case 'toggleRoleChanges':
            await services.apps.setRoleChangeAllowed(app.label, !app.allowRoleChanges);
            return;
          case 'remove':
            if (await confirmRemoval(app.label, app.sdkAppId)) await services.apps.remove(app.label);
            return;
        }
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Managing the app failed'), err);
      }
    }),
  );
}
