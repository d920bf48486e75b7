import * as vscode from 'vscode';
import { checkAccount } from '../chat/text/ids';
import { MissingCredentialsError } from '../checks/checker';
import { ensureCredentials } from '../credentials/ensure';
import type { AccountGroupsResultJson } from '../results/listingJson';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';

interface ProgrammaticArgs {
  account: string;
  app?: string;
}

/** The programmatic argument `{ account, app? }`, validated; undefined for a tree node or no argument. */
function programmaticArgs(arg: unknown): ProgrammaticArgs | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.TreeItem || !('account' in arg)) return undefined;
  const { account, app } = arg as Record<string, unknown>;
  if (typeof account !== 'string' || !account) throw new Error('chatRoles.listAccountGroups: account must be a non-empty string.');
  if (app !== undefined && typeof app !== 'string') throw new Error('chatRoles.listAccountGroups: app must be a string.');
  return { account, ...(app !== undefined && { app }) };
}

/** The account of a tree row the command was run on (a checked account, a member, an account's node). */
function accountOfNode(arg: unknown): string | undefined {
  return arg instanceof vscode.TreeItem && 'account' in arg && typeof arg.account === 'string' ? arg.account : undefined;
}

/** The editor's selected text as an account: trimmed, surrounding quotes dropped; undefined when none or unsendable. */
function selectedAccount(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const text = editor.document.getText(editor.selection).trim().replace(/^(["'`])(.*)\1$/s, '$2');
  return text && checkAccount(text) === undefined ? text : undefined;
}

/**
 * chatRoles.listAccountGroups. Programmatic — `{ account, app? }` — prompts for nothing and resolves to
 * `{ account, groups, truncated, error? }`; it rejects on bad input, missing credentials or an unknown app.
 * From an account row of the tree, an editor selection or the palette (asks for the account), it lists
 * the account's groups with progress and Cancel and shows them as an account node in the tree.
 */
export function registerListAccountGroups(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.listAccountGroups', async (arg?: unknown): Promise<AccountGroupsResultJson | undefined> => {
      const args = programmaticArgs(arg);
      if (args) return services.listingService.listAccountGroups({ ...args, progress: 'notification' });
      return listInteractively(services, accountOfNode(arg) ?? selectedAccount());
    }),
  );
}

async function listInteractively(services: Services, given: string | undefined): Promise<AccountGroupsResultJson | undefined> {
  if (!(await ensureCredentials(services.credentials, services.log))) return undefined;
  let account = given;
  if (!account) {
    const typed = await services.prompts.text({
      title: vscode.l10n.t('Chat Roles: Show Groups of Account'),
      prompt: vscode.l10n.t('The account (UserID) whose groups to list.'),
      placeholder: 'leckie',
      validate: (v) => {
        const reason = checkAccount(v.trim());
        return reason && plainText(reason);
      },
    });
    if (typed === undefined || !typed.trim()) return undefined;
    account = typed.trim();
  }
  try {
    const result = await services.listingService.listAccountGroups({ account, progress: 'notification' });
    const node = services.tree.accountGroupsNode(account);
    if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    return result;
  } catch (err) {
    if (err instanceof MissingCredentialsError) return undefined; // cleared while we prompted
    reportFailure(services.log, vscode.l10n.t('Listing the groups of the account failed'), err);
    return undefined;
  }
}
