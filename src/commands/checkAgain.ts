import * as vscode from 'vscode';
import { findOccurrences } from '../chat/text/ids';
import { promptForAccounts } from '../checks/accountsPrompt';
import { batchByAccounts, type GroupToCheck } from '../checks/batches';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
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
 * chatRoles.checkAgain: re-checks a group with the accounts and the app of its last check. Takes a tree node,
 * or `{ groupId, uri?, app? }` (the quick fix passes the document the diagnostic is in, and its app). A group
 * whose app was removed is not checked: the user is told so.
 */
export function registerCheckAgain(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.checkAgain', async (arg?: unknown, selected?: unknown) => {
      const plain = typeof arg === 'object' && arg !== null && typeof (arg as { groupId?: unknown }).groupId === 'string' ? (arg as { groupId: string; uri?: unknown; app?: unknown }) : undefined;
      const plainApp = typeof plain?.app === 'string' ? plain.app : undefined;
      const targets = plain ? [{ groupId: plain.groupId, app: plainApp ?? services.results.get(plain.groupId)?.app }] : targetGroups(services, arg, selected).map((g) => ({ groupId: g.record.groupId, app: g.record.app }));
      if (!targets.length) return;
      const gone = targets.filter((t) => t.app !== undefined && !services.apps.get(t.app));
      for (const t of gone) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Chat Roles: {0} was checked with app "{1}", which was removed. Add that app again, or check the group with another app.', plainText(t.groupId), plainText(t.app ?? '')),
        );
      }
      const kept = targets.filter((t) => !gone.includes(t));
      if (!kept.length) return;
      if (kept.some((t) => t.app === undefined) && !(await ensureCredentials(services.credentials, services.log))) return;
      const groups: GroupToCheck[] = [];
      for (const { groupId, app } of kept) {
        const record = services.results.get(groupId, app);
        const accounts = record?.accounts ?? services.recents.forGroup(groupId) ?? (await promptForAccounts(services.prompts, services.recents, [groupId]));
        if (!accounts?.length) return;
        groups.push({ groupId, accounts, app, source: sourceFor(record, groupId, typeof plain?.uri === 'string' ? plain.uri : undefined) });
      }
      // One check for all of them: one progress notification, one credential or rate notification.
      try {
        await services.checker.checkAll(batchByAccounts(groups));
      } catch (err) {
        reportFailure(services.log, kept.length === 1 ? vscode.l10n.t('Checking {0} again failed', kept[0].groupId) : vscode.l10n.t('Checking the groups again failed'), err);
      }
    }),
  );
}
