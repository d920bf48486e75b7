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
      const choice = await pickApp(services, { title: 'Chat Roles: Manage Apps', withActions: false });
      if (choice?.kind !== 'app') return;
      const app = services.apps.get(choice.label);
      if (!app) return;
      const label = plainText(app.label);
      const items: ActionItem[] = [
        { action: 'use', label: '$(arrow-swap) Use in This Window' },
        { action: 'edit', label: '$(edit) Edit…', detail: 'SDKAppID, admin identifier, region or endpoint, UserSig or secret key' },
        { action: 'test', label: '$(plug) Test Connection' },
        app.allowRoleChanges
          ? { action: 'toggleRoleChanges', label: '$(lock) Make Read-Only', detail: 'Role changes are allowed in this app now.' }
          : { action: 'toggleRoleChanges', label: '$(unlock) Allow Role Changes', detail: 'This app is read-only now: no role can be changed in it.' },
        { action: 'remove', label: '$(trash) Remove…', detail: 'Deletes its UserSig or secret key.' },
      ];
      const picked = await services.prompts.pick({ title: `Chat Roles: App ${label} (SDKAppID ${app.sdkAppId})`, items });
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
        reportFailure(services.log, 'Managing the app failed', err);
      }
    }),
  );
}
