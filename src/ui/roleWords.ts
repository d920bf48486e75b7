// The one word people read for each role, on every surface (rows, summaries, hover, copies, messages).
// JSON and CSV keep the contract names (Owner, Admin, Member, NotMember). No `vscode` import.
import type { Role } from '../chat/types';

/** "owner", "admin", "member", "not in group". */
export function roleWord(role: Role): string {
  switch (role) {
    case 'Owner':
      return 'owner';
    case 'Admin':
      return 'admin';
    case 'Member':
      return 'member';
    case 'NotMember':
      return 'not in group';
  }
}

/** "alice is the owner of group @TGS#…": what a row's icon and colour show, for a screen reader or a tooltip. */
export function roleSentence(account: string, role: Role, groupId: string): string {
  switch (role) {
    case 'Owner':
      return `${account} is the owner of group ${groupId}`;
    case 'Admin':
      return `${account} is an admin of group ${groupId}`;
    case 'Member':
      return `${account} is a member of group ${groupId}`;
    case 'NotMember':
      return `${account} is not in group ${groupId}`;
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
