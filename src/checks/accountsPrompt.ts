import * as vscode from 'vscode';
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
  /** "Owner and admins of this group": the accounts are listed once chosen. */
  ownerAdmins?: boolean;
}

/** Lists a group's owner and admins (get_group_member_info): their accounts, or an error to show. */
export type OwnerAdminsLister = (groupId: string) => Promise<{ accounts: string[]; error?: string }>;

/**
 * Accounts to check in a group: typed (comma, space or newline separated), a recent list, or (for one group,
 * when `listOwnerAdmins` is given) the group's owner and admins, listed when chosen.
 */
export async function promptForAccounts(prompts: Prompts, recents: RecentAccounts, groupIds: readonly string[], listOwnerAdmins?: OwnerAdminsLister): Promise<string[] | undefined> {
  const initial = recents.forGroup(groupIds[0]) ?? defaultAccounts();
  const ownerAdminsItems: AccountsItem[] =
    listOwnerAdmins && groupIds.length === 1
      ? [{ label: vscode.l10n.t('Owner and admins of this group'), description: vscode.l10n.t('listed from the group'), alwaysShow: true, accounts: [], ownerAdmins: true }]
      : [];
  // The recent lists first (Enter on an empty box asks about the first of them), then the group's own.
  const recentItems: AccountsItem[] = [
    ...recents.lists().map((accounts) => ({
      label: plainText(accounts.join(', ')),
      description: accounts.length === 1 ? vscode.l10n.t('recent · 1 account') : vscode.l10n.t('recent · {0} accounts', accounts.length),
      accounts,
    })),
    ...ownerAdminsItems,
  ];
  const typedItem = (value: string): AccountsItem | undefined => {
    const typed = parseAccountList(value);
    if (!typed.length) return undefined;
    const problem = typed
      .map((a) => {
        const reason = checkAccount(a);
        return reason && vscode.l10n.t('{0}: {1}', a, reason);
      })
      .find(Boolean) || undefined;
    return {
      label: plainText(typed.join(', ')),
      description: problem ? undefined : typed.length === 1 ? vscode.l10n.t('check 1 account') : vscode.l10n.t('check {0} accounts', typed.length),
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
  const chosen = await prompts.pick<AccountsItem>({
    title: groupIds.length === 1 ? vscode.l10n.t('Chat Roles: accounts to check in {0}', plainText(groupIds[0])) : vscode.l10n.t('Chat Roles: accounts to check in {0} groups', groupIds.length),
    placeholder: vscode.l10n.t('Accounts (UserIDs), separated by commas, spaces or new lines'),
    value: initial.join(', '),
    items: recentItems,
    itemsFor,
    onAccept: (item, value) => (item.typed ? (typedItem(value) ?? item) : item),
    canAccept: (item) => item.ownerAdmins === true || (!item.problem && item.accounts.length > 0),
    confirmOnEmpty: (item) =>
      item.ownerAdmins === true
        ? vscode.l10n.t('Press Enter again to list the owner and admins of this group and check them, pick another with the arrow keys, or type accounts.')
        : item.accounts.length === 1
        ? vscode.l10n.t('Press Enter again to check the recent list {0}, pick another with the arrow keys, or type accounts.', item.label)
        : vscode.l10n.t('Press Enter again to check the recent list of {0} accounts, pick another with the arrow keys, or type accounts.', item.accounts.length),
  });
  if (!chosen?.ownerAdmins || !listOwnerAdmins) return chosen?.accounts;
  const { accounts, error } = await listOwnerAdmins(groupIds[0]);
  if (!accounts.length) {
    const why = error ?? vscode.l10n.t('the group has no owner or admin.');
    void vscode.window.showWarningMessage(vscode.l10n.t('Chat Roles: the owner and admins of {0} could not be listed: {1}', plainText(groupIds[0]), plainText(why)));
    return undefined;
  }
  return accounts;
}
