import * as vscode from 'vscode';
import { targetOfRow } from '../changes/targets';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/** chatRoles.makeMember: the context menu's Make Member on an admin's row (always confirmed). */
export function registerMakeMember(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.makeMember', async (row?: unknown) => {
      const target = targetOfRow(row);
      if (target) await runInteractively(services, () => services.roleChanges.setRole({ ...target, role: 'Member', confirm: true }));
    }),
  );
}
