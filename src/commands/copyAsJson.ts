import * as vscode from 'vscode';
import type { Services } from '../services';
import { recordToJson } from '../views/export';
import { listingOfNode, listingToJson } from '../views/listingExport';
import { showCopied, targetGroups } from './targetNodes';

/** chatRoles.copyAsJson: the selected groups as `{ groups: [...] }`, the shape chatRoles.checkRoles returns. */
export function registerCopyAsJson(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyAsJson', async (arg?: unknown, selected?: unknown) => {
      const listing = listingOfNode(arg);
      if (listing) return vscode.env.clipboard.writeText(JSON.stringify(listingToJson(listing), null, 2) + '\n');
      const groups = targetGroups(services, arg, selected);
      if (!groups.length) return;
      await vscode.env.clipboard.writeText(JSON.stringify({ groups: groups.map((g) => recordToJson(g.record)) }, null, 2) + '\n');
      showCopied(groups, 'JSON');
    }),
  );
}
