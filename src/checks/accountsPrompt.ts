import type * as vscode from 'vscode';
import { checkAccount, parseAccountList } from '../chat/ids';
import { defaultAccounts } from '../settings';
import type { Prompts } from '../ui/prompts';
import type { RecentAccounts } from './recentAccounts';

interface AccountsItem extends vscode.QuickPickItem {
  accounts: string[];
  /** Why the typed list cannot be used, if it cannot. */
  problem?: string;
}

/** Accounts to check in a group: typed (comma, space or newline separated) or a recent list. */
export async function promptForAccounts(prompts: Prompts, recents: RecentAccounts, groupIds: readonly string[]): Promise<string[] | undefined> {
  const initial = recents.forGroup(groupIds[0]) ?? defaultAccounts();
  const recentItems: AccountsItem[] = recents.lists().map((accounts) => ({
    label: accounts.join(', '),
    description: `recent · ${accounts.length} account${accounts.length === 1 ? '' : 's'}`,
    accounts,
  }));
  const itemsFor = (value: string): AccountsItem[] => {
    const typed = parseAccountList(value);
    if (!typed.length) return recentItems;
    const problem = typed.map((a) => checkAccount(a) && `${a}: ${checkAccount(a)}`).find(Boolean) || undefined;
    const head: AccountsItem = {
      label: typed.join(', '),
      description: problem ? undefined : `check ${typed.length} account${typed.length === 1 ? '' : 's'}`,
      detail: problem ? `$(error) ${problem}` : undefined,
      alwaysShow: true,
      accounts: typed,
      problem,
    };
    return [head, ...recentItems.filter((r) => r.label !== head.label)];
  };
  const target = groupIds.length === 1 ? groupIds[0] : `${groupIds.length} groups`;
  const chosen = await prompts.pick<AccountsItem>({
    title: `Chat Roles: accounts to check in ${target}`,
    placeholder: 'Accounts (UserIDs), separated by commas, spaces or new lines',
    value: initial.join(', '),
    items: recentItems,
    itemsFor,
    canAccept: (item) => !item.problem && item.accounts.length > 0,
  });
  return chosen?.accounts;
}
