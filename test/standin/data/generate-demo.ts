// Builds demo.json deterministically. Run after `node esbuild.js --tests`:
//   node out/test/standin/data/generate-demo.js
// A unit test checks that the committed demo.json equals what this produces.
import { writeFileSync } from 'node:fs';
import type { MemberRole, SeedData } from '../types';
import { DEMO_ADMIN, DEMO_BUSY_ACCOUNT, DEMO_BUSY_ACCOUNT_GROUPS, DEMO_DATA_FILE, DEMO_GROUPS, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from './demo-app';

type Members = SeedData['groups'][number]['members'];

const NAMED = [
  'leckie', 'peter', 'wesley', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy',
  'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'xavier', 'yvonne', 'zara',
];
export const ALL_HANDS_SIZE = 1200;
export const SUPPORT_FORUM_SIZE = 3000;

function members(owner: string, admins: string[], plain: string[]): Members {
  const as = (role: MemberRole) => (account: string) => ({ account, role });
  return [as('Owner')(owner), ...admins.map(as('Admin')), ...plain.map(as('Member'))];
}

function staff(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `staff_${String(i + 1).padStart(4, '0')}`);
}

/**
 * The busy account's other groups (it is also an admin of All hands and a member of Product announcements):
 * every type, Owner of every fifth, Admin of every third, Member of the rest, one inactive Work group.
 */
function busyAccountGroups(): SeedData['groups'] {
  const types = ['Work', 'Public', 'Meeting', 'Community', 'AVChatRoom'] as const;
  return Array.from({ length: DEMO_BUSY_ACCOUNT_GROUPS - 2 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const type = types[i % types.length];
    const role: MemberRole = i % 5 === 0 ? 'Owner' : i % 3 === 0 ? 'Admin' : 'Member';
    const others = ['ivan', 'judy', 'olivia'];
    const owner = role === 'Owner' ? DEMO_BUSY_ACCOUNT : others[0];
    const admins = role === 'Admin' ? [DEMO_BUSY_ACCOUNT] : [];
    const plain = role === 'Member' ? [DEMO_BUSY_ACCOUNT, ...others.slice(1)] : others.slice(1);
    const groupId = type === 'Community' ? `@TGS#_@TGS#cTEAM${n}` : type === 'AVChatRoom' ? `@TGS#aTEAM${n}` : `@TGS#2TEAM${n}`;
    return { groupId, type, name: `Team ${n}`, ...(i === 5 && { inactive: true }), members: members(owner, admins, plain) };
  });
}

export function demoSeed(): SeedData {
  // Named members of All hands, then staff accounts up to 1,200 members in total.
  const allHandsNamed = ['dave', 'erin', 'frank', 'grace', 'ivan', 'judy', 'leckie', 'peter', 'wesley'];
  const allHandsStaff = staff(ALL_HANDS_SIZE - 4 - allHandsNamed.length);
  const forumStaff = staff(SUPPORT_FORUM_SIZE - 1);
  return {
    app: { sdkAppId: DEMO_SDK_APP_ID, secretKey: DEMO_SECRET_KEY, admins: [DEMO_ADMIN, 'demo_ops'] },
    users: [DEMO_ADMIN, 'demo_ops', ...NAMED, ...forumStaff],
    groups: [
      { groupId: DEMO_GROUPS.work, type: 'Work', name: "Leckie's work group", members: members('leckie', ['alice'], ['peter', 'bob']) },
      {
        groupId: DEMO_GROUPS.public,
        type: 'Public',
        name: 'Product announcements',
        members: members('alice', ['bob', 'carol'], ['dave', 'erin', 'frank', 'grace', 'heidi']),
      },
      { groupId: DEMO_GROUPS.meeting, type: 'Meeting', name: 'Weekly sync', members: members('carol', ['dave'], ['ivan', 'judy', 'peter']) },
      {
        groupId: DEMO_GROUPS.community,
        type: 'Community',
        name: 'Developer community',
        members: members('mallory', ['niaj', 'olivia'], ['peggy', 'rupert', 'sybil', 'trent', 'leckie', 'alice']),
      },
      { groupId: DEMO_GROUPS.avChatRoom, type: 'AVChatRoom', name: 'Launch livestream', members: members('victor', [], ['walter', 'sybil']) },
      { groupId: DEMO_GROUPS.custom, type: 'Private', name: 'Project Apollo', members: members('peter', ['wesley'], ['rupert', 'sybil', 'judy']) },
      {
        groupId: DEMO_GROUPS.allHands,
        type: 'Public',
        name: 'All hands',
        members: members('alice', ['bob', 'carol', 'heidi'], [...allHandsNamed, ...allHandsStaff]),
      },
      { groupId: DEMO_GROUPS.supportForum, type: 'Public', name: 'Support forum', members: members('wesley', forumStaff.slice(0, 12), forumStaff.slice(12)) },
      ...busyAccountGroups(),
    ],
  };
}

/** JSON laid out to stay readable: long lists are packed several items to a line. */
export function formatSeed(seed: SeedData): string {
  const j = (v: unknown) => JSON.stringify(v);
  const packed = (items: unknown[], perLine: number, indent: string) => {
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(indent + items.slice(i, i + perLine).map(j).join(', '));
    return lines.join(',\n');
  };
  const groups = seed.groups.map((g) =>
    [
      '    {',
      `      "groupId": ${j(g.groupId)}, "type": ${j(g.type)}, "name": ${j(g.name)},${g.inactive ? ' "inactive": true,' : ''}`,
      '      "members": [',
      packed(g.members, 4, '        '),
      '      ]',
      '    }',
    ].join('\n'),
  );
  return [
    '{',
    `  "app": ${j(seed.app)},`,
    '  "users": [',
    packed(seed.users, 10, '    '),
    '  ],',
    '  "groups": [',
    groups.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(DEMO_DATA_FILE, formatSeed(demoSeed()));
  console.log(`wrote ${DEMO_DATA_FILE}`);
}
