import * as vscode from 'vscode';
import type { Services } from '../services';
import { sourceUri, toRange } from '../results/record';
import { plainText } from '../ui/foreignText';
import { targetGroups } from './targetNodes';

/** chatRoles.goToSource: opens the document a group ID was taken from and selects the ID. */
export function registerGoToSource(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.goToSource', async (arg?: unknown) => {
      const group = targetGroups(services, arg)[0];
      const source = group?.record.source;
      if (!group || !source) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Chat Roles: this group was not checked from a document.'));
        return;
      }
      const range = toRange(source);
      const uri = sourceUri(source);
      // Opening an untitled URI that is not open creates a blank document of that name: it is gone, say so.
      const gone = !uri || (uri.scheme === 'untitled' && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
      try {
        if (gone) throw new Error(vscode.l10n.t('not an open or openable document'));
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { selection: range, preview: true });
      } catch (err) {
        services.log.warn(vscode.l10n.t('Opening {0} failed: {1}', source.uri, err instanceof Error ? err.message : String(err)));
        void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: the document where {0} was found is no longer available.', plainText(group.record.groupId)));
      }
    }),
  );
}
