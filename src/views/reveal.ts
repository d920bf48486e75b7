import type * as vscode from 'vscode';
import type { Log } from '../log';
import type { RolesNode } from './nodes';
import type { RolesTreeProvider } from './rolesTree';

/** The tree and its view, as revealGroup needs them (the commands' services are one such). */
export interface RolesTreeView {
  tree: RolesTreeProvider;
  treeView: vscode.TreeView<RolesNode>;
  log: Log;
}

/** Shows a group in the roles tree; the first reveal after the view appears can fail once, so retry. */
export async function revealGroup(view: RolesTreeView, groupId: string, app?: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const node = view.tree.groupNode(groupId, app);
    if (!node) return;
    try {
      await view.treeView.reveal(node, { select: true, focus: false, expand: true });
      return;
    } catch (err) {
      view.log.debug(`Revealing ${groupId} in the roles tree failed (attempt ${attempt + 1}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
