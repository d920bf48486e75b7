import * as vscode from 'vscode';
import type { AppListing } from '../apps/registry';
import type { Services } from '../services';

/** chatRoles.listApps: `{ active, apps: [...] }`; every field is shown elsewhere too, and no secret is. */
export function registerListApps(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.listApps', async (): Promise<{ active: string | null; apps: AppListing[] }> => {
      const apps = await services.apps.listings();
      return { active: services.apps.active(), apps };
    }),
  );
}
