import * as vscode from 'vscode';
import type { Services } from '../services';
import { recordToMarkdown } from '../views/export';
import { listingOfNode, listingToMarkdown } from '../views/listingExport';
import { showCopied, targetGroups } from './targetNodes';

/** chatRoles.copyAsMarkdown: the selected groups as Markdown tables on the clipboard. */
export function registerCopyAsMarkdown(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.copyAsMarkdown', async (arg?: unknown, selected?: unknown) => {
      const listing = listingOfNode(arg);
      if (listing) return vscode.env.clipboard.writeText(listingToMarkdown(listing));
      const groups = targetGroups(services, arg, selected);
      if (!groups.length) return;
      await vscode.env.clipboard.writeText(groups.map((g) => recordToMarkdown(g.record)).join('\n'));
      showCopied(groups, 'Markdown');
    }),
  );
}
