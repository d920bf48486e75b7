import * as vscode from 'vscode';
import type { Services } from '../services';
import { pickApp } from '../apps/appPicker';
import { reportFailure } from '../ui/reportFailure';

/**
 * chatRoles.useApp: `{ app }` makes that app active in this window (rejecting an unknown label); without an
 * argument (the status bar), a quick pick of the apps with *Add App…* and *Manage Apps…*.
 */
export function registerUseApp(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.useApp', async (arg?: unknown) => {
      if (typeof arg === 'object' && arg !== null && 'app' in arg) {
        const { app } = arg;
        if (typeof app !== 'string') throw new Error(vscode.l10n.t("chatRoles.useApp expects { app: string } (the app's label)."));
        await services.apps.use(app);
        return;
      }
      const choice = await pickApp(services, { title: vscode.l10n.t('Chat Roles: Switch App'), withActions: true });
      if (choice === undefined) return;
      if (choice.kind !== 'app') {
        await vscode.commands.executeCommand(choice.kind === 'add' ? 'chatRoles.addApp' : 'chatRoles.manageApps');
        return;
      }
      try {
        await services.apps.use(choice.label);
      } catch (err) {
        reportFailure(services.log, vscode.l10n.t('Switching apps failed'), err);
      }
    }),
  );
}
