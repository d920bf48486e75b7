// The one word people read for each role, on every surface (rows, summaries, hover, copies, messages).
// JSON and CSV keep the contract names (Owner, Admin, Member, NotMember). No `vscode` import: the words
// come from @vscode/l10n, which the VS Code layer hands the display language's bundle.
import * as l10n from '@vscode/l10n';
import type { Role } from '../chat/types';

/** "owner", "admin", "member", "not in group". */
export function roleWord(role: Role): string {
  switch (role) {
    case 'Owner':
      return l10n.t('owner');
    case 'Admin':
      return l10n.t('admin');
    case 'Member':
      return l10n.t('member');
    case 'NotMember':
      return l10n.t('not in group');
  }
}

/** "alice is the owner of group @TGS#…": what a row's icon and colour show, for a screen reader or a tooltip. */
export function roleSentence(account: string, role: Role, groupId: string): string {
  switch (role) {
    case 'Owner':
      return l10n.t('{0} is the owner of group {1}', account, groupId);
    case 'Admin':
      return l10n.t('{0} is an admin of group {1}', account, groupId);
    case 'Member':
      return l10n.t('{0} is a member of group {1}', account, groupId);
    case 'NotMember':
      return l10n.t('{0} is not in group {1}', account, groupId);
  }
}

/** Where a role stands in lists: owner first, accounts not in the group last. */
function roleRank(role: Role): number {
  switch (role) {
    case 'Owner':
      return 0;
    case 'Admin':
      return 1;
    case 'Member':
      return 2;
    case 'NotMember':
      return 3;
  }
}

/** Owner, Admin, Member, then not in the group; accounts of one role keep the order they were checked in. */
export function sortByRole<T extends { role: Role }>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => roleRank(a.role) - roleRank(b.role));
}

/**
 * A role named by its contract name where a surface shows that name (a role change's before and after, a
 * listing's Role column): "Owner" in English as before, the role's word in other languages.
 */
export function roleName(role: Role): string {
  switch (role) {
    case 'Owner':
      return l10n.t({ message: 'Owner', comment: ['role name'] });
    case 'Admin':
      return l10n.t({ message: 'Admin', comment: ['role name'] });
    case 'Member':
      return l10n.t({ message: 'Member', comment: ['role name'] });
    case 'NotMember':
      return l10n.t({ message: 'NotMember', comment: ['role name'] });
  }
}

/** Whether a role string (from a server or stored state) is one of the four roles. */
export function isRole(role: string): role is Role {
  return role === 'Owner' || role === 'Admin' || role === 'Member' || role === 'NotMember';
}

/** A role as people read it where English shows the contract name (`Admin`, 管理员); any other text as it is. */
export function shownRole(role: string): string {
  return isRole(role) ? roleName(role) : role;
}
