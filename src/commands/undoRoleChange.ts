import * as vscode from 'vscode';
import type { Services } from '../services';
import { runInteractively } from './roleChangeRun';

/** chatRoles.undoRoleChange: on a Recent Changes row of a plain role change, changes the role back (confirmed). */
export function registerUndoRoleChange(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.undoRoleChange', async (row?: unknown) => {
      const id = typeof row === 'object' && row !== null ? (row as { entry?: { id?: unknown } }).entry?.id : undefined;
      const entry = typeof id === 'number' ? services.recentChanges.get(id) : undefined;
      if (entry) return runInteractively(services, () => services.roleChanges.undo(entry));
      return undefined;
    }),
  );
}
