import * as vscode from 'vscode';
import type { Services } from '../services';
import { targetGroups } from './targetNodes';

/** chatRoles.removeGroup: drops groups from the tree (and their diagnostics). */
export function registerRemoveGroup(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.removeGroup', async (arg?: unknown, selected?: unknown) => {
      for (const group of targetGroups(services, arg, selected)) {
        services.diagnostics.clearGroup(group.record.groupId);
        await services.results.remove(group.record.groupId, group.record.app);
      }
    }),
  );
}
