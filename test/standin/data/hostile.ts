// A group whose ID and members are foreign text that would become a link, an image or an icon wherever a
// surface rendered it. The integration layer (test/integration/markdownSafety.test.ts) checks what the
// extension hands the workbench; the UI layer (test/ui/foreignText.test.ts) reads what the workbench draws.
import type { SeedData } from '../types';

/** A custom group ID (at most 48 bytes) that is a command link as Markdown (and in a notification). */
export const HOSTILE_GROUP_ID = '[Open](command:chatRoles.clearCredentials)';

/** Accounts (at most 32 bytes each): an icon and a command link, a remote image, a link. */
export const HOSTILE_ACCOUNTS = { admin: 'a`$(x)[y](command:z)`', member: 'b`![](https://e.org/p.png)`', owner: 'c`[Fix sig](https://e.org)`' } as const;

/** The group as a seed entry: each hostile account in the role its key names. */
export const HOSTILE_GROUP: SeedData['groups'][number] = {
  groupId: HOSTILE_GROUP_ID,
  type: 'Private',
  members: [
    { account: HOSTILE_ACCOUNTS.owner, role: 'Owner' },
    { account: HOSTILE_ACCOUNTS.admin, role: 'Admin' },
    { account: HOSTILE_ACCOUNTS.member, role: 'Member' },
  ],
};
