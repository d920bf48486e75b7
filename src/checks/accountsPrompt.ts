import type * as vscode from 'vscode';
import { checkAccount, parseAccountList } from '../chat/text/ids';
import { defaultAccounts } from '../settings';
import { plainText } from '../ui/foreignText';
import type { Prompts } from '../ui/prompts';
import type { RecentAccounts } from './recentAccounts';

interface AccountsItem extends vscode.QuickPickItem {
  accounts: string[];
  /** Why the typed list cannot be used, if it cannot. */
  problem?: string;
  /** The entry made from the typed text (not a recent list). */
  typed?: boolean;
}

/** Accounts to check in a group: typed (comma, space or newline separated) or a recent list. */
export async function promptForAccounts(prompts: Prompts, recents: RecentAccounts, groupIds: readonly string[]): Promise<string[] | undefined> {
  const initial = recents.forGroup(groupIds[0]) ?? defaultAccounts();
  const recentItems: AccountsItem[] = recents.lists().map((accounts) => ({
    label: plainText(accounts.join(', ')),
    description: `recent · ${accounts.length} account${accounts.length === 1 ? '' : 's'}`,
    accounts,
  }));
  const typedItem = (value: string): AccountsItem | undefined => {
    const typed = parseAccountList(value);
    if (!typed.length) return undefined;
    const problem = typed
      .map((a) => {
        const reason = checkAccount(a);
        return reason && `${a}: ${reason}`;
      })
      .find(Boolean) || undefined;
    return {
      label: plainText(typed.join(', ')),
      description: problem ? undefined : `check ${typed.length} account${typed.length === 1 ? '' : 's'}`,
      detail: problem ? `$(error) ${plainText(problem)}` : undefined,
      alwaysShow: true,
      accounts: typed,
      problem,
      typed: true,
    };
  };
  const itemsFor = (value: string): AccountsItem[] => {
    const head = typedItem(value);
    return head ? [head, ...recentItems.filter((r) => r.label !== head.label)] : recentItems;
  };
  const target = groupIds.length === 1 ? plainText(groupIds[0]) : `${groupIds.length} groups`;
  const chosen = await prompts.pick<AccountsItem>({
    title: `Chat Roles: accounts to check in ${target}`,
    placeholder: 'Accounts (UserIDs), separated by commas, spaces or new lines',
    value: initial.join(', '),
    items: recentItems,
    itemsFor,
    onAccept: (item, value) => (item.typed ? (typedItem(value) ?? item) : item),
    canAccept: (item) => !item.problem && item.accounts.length > 0,
    confirmOnEmpty: (item) =>
      item.accounts.length === 1
        ? `Press Enter again to check the recent list ${item.label}, pick another with the arrow keys, or type accounts.`
        : `Press Enter again to check the recent list of ${item.accounts.length} accounts, pick another with the arrow keys, or type accounts.`,
  });
  return chosen?.accounts;
}
