import * as vscode from 'vscode';
import { findOccurrences } from '../chat/text/ids';
import { promptForAccounts } from '../checks/accountsPrompt';
import { batchByAccounts, type GroupToCheck } from '../checks/batches';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { reportFailure } from '../ui/reportFailure';
import { sourceUri, toRange, type GroupRecord } from '../results/record';
import { targetGroups } from './targetNodes';

/** Where to put diagnostics for a re-check: the given document (a quick fix's), else the remembered source. */
function sourceFor(record: GroupRecord | undefined, groupId: string, uri: string | undefined): GroupToCheck['source'] {
  if (uri) {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const occ = document && findOccurrences(document.getText(), groupId)[0];
    if (document && occ) return { uri: document.uri, range: new vscode.Range(document.positionAt(occ.start), document.positionAt(occ.end)) };
  }
  const remembered = record?.source && sourceUri(record.source);
  return remembered && record?.source && { uri: remembered, range: toRange(record.source) };
}

/**
 * chatRoles.checkAgain: re-checks a group with the accounts of its last check. Takes a tree node, or
 * `{ groupId, uri? }` (the quick fix passes the document the diagnostic is in).
 */
export function registerCheckAgain(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.checkAgain', async (arg?: unknown, selected?: unknown) => {
      const plain = typeof arg === 'object' && arg !== null && typeof (arg as { groupId?: unknown }).groupId === 'string' ? (arg as { groupId: string; uri?: unknown }) : undefined;
      const groupIds = plain ? [plain.groupId] : targetGroups(services, arg, selected).map((g) => g.record.groupId);
      if (!groupIds.length) return;
      if (!(await ensureCredentials(services.credentials, services.log))) return;
      const groups: GroupToCheck[] = [];
      for (const groupId of groupIds) {
        const record = services.results.get(groupId);
        const accounts = record?.accounts ?? services.recents.forGroup(groupId) ?? (await promptForAccounts(services.prompts, services.recents, [groupId]));
        if (!accounts?.length) return;
        groups.push({ groupId, accounts, source: sourceFor(record, groupId, typeof plain?.uri === 'string' ? plain.uri : undefined) });
      }
      // One check for all of them: one progress notification, one credential or rate notification.
      try {
        await services.checker.checkAll(batchByAccounts(groups));
      } catch (err) {
        reportFailure(services.log, groupIds.length === 1 ? `Checking ${groupIds[0]} again failed` : 'Checking the groups again failed', err);
      }
    }),
  );
}
