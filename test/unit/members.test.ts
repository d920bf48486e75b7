// listMembers (get_group_member_info) and listAccountGroups (get_joined_group_list) against the stand-in:
// paging both ways, the cap cutting the last page, role filters, refusals, errors.
import * as assert from 'assert';
import { readFileSync } from 'node:fs';
import { ChatClient } from '../../src/chat/client';
import type { Credentials } from '../../src/chat/types';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { startStandIn, type SeedData, type StandIn } from '../standin/server';

const WITH_KEY: Credentials = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY };
const BIG = '@TGS#2BIGGROUP1';
const BIG_COMMUNITY = '@TGS#_@TGS#cBIGCOMM1';
const BIG_SIZE = 250;

/** test.json plus a Public group and a Community of 250 members each (owner, 3 admins), and user_0001 in 120 groups. */
function seed(): SeedData {
  const base = JSON.parse(readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;
  const users = Array.from({ length: BIG_SIZE }, (_, i) => `user_${String(i + 1).padStart(4, '0')}`);
  const members = users.map((account, i) => ({ account, role: i === 0 ? ('Owner' as const) : i <= 3 ? ('Admin' as const) : ('Member' as const) }));
  const many = Array.from({ length: 120 }, (_, i) => ({
    groupId: `@TGS#2MANY${i}`,
    type: 'Public' as const,
    name: `Many ${i}`,
    members: [{ account: 'user_0002', role: 'Owner' as const }, { account: 'user_0001', role: i % 2 ? ('Admin' as const) : ('Member' as const) }],
  }));
  return {
    ...base,
    users: [...base.users, ...users],
    groups: [...base.groups, { groupId: BIG, type: 'Public', name: 'Big', members }, { groupId: BIG_COMMUNITY, type: 'Community', name: 'Big community', members }, ...many],
  };
}

describe('listMembers and listAccountGroups against the stand-in', function () {
  this.timeout(20_000);
  let standIn: StandIn;
  let client: ChatClient;
  const sent = (api: string) => standIn.requests.filter((r) => r.api === api).map((r) => r.body as Record<string, unknown>);

  beforeEach(async () => {
    standIn = await startStandIn({ data: seed(), requestsPerSecond: false });
    client = new ChatClient({ region: 'singapore', endpoint: standIn.url, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
  });
  afterEach(async () => {
    await client.close();
    await standIn.close();
  });

  describe('listMembers', () => {
    it('pages a group by Offset to the end, 100 at a time and together, with type, total, roles, join times and name cards', async () => {
      const listing = await client.listMembers(WITH_KEY, BIG, undefined, 10_000);
      assert.strictEqual(listing.error, undefined);
      assert.strictEqual(listing.type, 'Public');
      assert.strictEqual(listing.memberCount, BIG_SIZE);
      assert.strictEqual(listing.truncated, false);
      assert.strictEqual(listing.members.length, BIG_SIZE);
      assert.deepStrictEqual(new Set(listing.members.map((m) => m.account)).size, BIG_SIZE);
      assert.deepStrictEqual(listing.members[0], { account: 'user_0001', role: 'Owner', joinTime: 1_700_000_000, nameCard: 'Card of user_0001' });
      assert.deepStrictEqual(listing.members[1], { account: 'user_0002', role: 'Admin', joinTime: 1_700_000_060 });
      const pages = sent('get_group_member_info');
      // The group's size is known: its three pages are planned at once, and no fourth asks whether more are left.
      assert.deepStrictEqual(pages.map((p) => [p.Offset, p.Limit]).sort((a, b) => (a[0] as number) - (b[0] as number)), [[0, 100], [100, 100], [200, 50]]);
      assert.ok(pages.every((p) => p.Next === undefined && p.MemberRoleFilter === undefined));
      assert.strictEqual(sent('get_group_info').length, 1);
    });

    it('pages a Community by its Next cursor', async () => {
      const listing = await client.listMembers(WITH_KEY, BIG_COMMUNITY, undefined, 10_000);
      assert.strictEqual(listing.type, 'Community');
      assert.strictEqual(listing.members.length, BIG_SIZE);
      const pages = sent('get_group_member_info');
      assert.strictEqual(pages.length, 3);
      assert.strictEqual(pages[0].Next, '');
      assert.ok(pages.slice(1).every((p) => typeof p.Next === 'string' && p.Next !== ''));
      assert.ok(pages.every((p) => p.Offset === undefined));
    });

    it('stops at exactly the cap, cutting the last page, and says it was truncated', async () => {
      for (const [groupId, cap] of [[BIG, 150], [BIG_COMMUNITY, 100], [BIG, 249]] as const) {
        standIn.resetRecords();
        const listing = await client.listMembers(WITH_KEY, groupId, undefined, cap);
        assert.strictEqual(listing.members.length, cap, `${groupId} at ${cap}`);
        assert.strictEqual(listing.truncated, true);
        assert.strictEqual(listing.memberCount, BIG_SIZE);
        const limits = sent('get_group_member_info').map((p) => p.Limit as number);
        assert.ok(limits.reduce((a, b) => a + b, 0) <= cap + 1, `asked for ${limits.join('+')} members`);
      }
      const exact = await client.listMembers(WITH_KEY, BIG, undefined, BIG_SIZE);
      assert.strictEqual(exact.members.length, BIG_SIZE);
      assert.strictEqual(exact.truncated, false, 'a cap equal to the size cuts nothing');
    });

    it('filters by role; memberCount stays the group total', async () => {
      const listing = await client.listMembers(WITH_KEY, BIG, ['Owner', 'Admin'], 10_000);
      assert.deepStrictEqual(listing.members.map((m) => `${m.account}:${m.role}`), ['user_0001:Owner', 'user_0002:Admin', 'user_0003:Admin', 'user_0004:Admin']);
      assert.strictEqual(listing.memberCount, BIG_SIZE);
      assert.deepStrictEqual(sent('get_group_member_info')[0].MemberRoleFilter, ['Owner', 'Admin']);
      const work = await client.listMembers(WITH_KEY, TEST_GROUPS.work, ['Member'], 10_000);
      assert.strictEqual(work.type, 'Work', 'Private is reported as Work');
      assert.deepStrictEqual(work.members.map((m) => m.account), ['carol', 'dave']);
    });

    it('an AVChatRoom or a missing group resolves with an error and no members; no member page is asked for', async () => {
      const av = await client.listMembers(WITH_KEY, TEST_GROUPS.avChatRoom, undefined, 10_000);
      assert.strictEqual(av.type, 'AVChatRoom');
      assert.strictEqual(av.error?.code, 10007);
      assert.match(av.error.message, /AVChatRoom .*Show Groups of Account/);
      assert.deepStrictEqual(av.members, []);
      const missing = await client.listMembers(WITH_KEY, '@TGS#2NOSUCHGRP', undefined, 10_000);
      assert.strictEqual(missing.error?.code, 10010);
      assert.deepStrictEqual(missing.members, []);
      assert.strictEqual(sent('get_group_member_info').length, 0);
      const bad = await client.listMembers(WITH_KEY, 'bad\u0002', undefined, 10_000);
      assert.strictEqual(bad.error?.code, 'INVALID_INPUT');
      assert.strictEqual(standIn.requests.length, 2);
    });

    it('retries a transient failure of a page and keeps the pages before a final one', async () => {
      standIn.addFault({ fault: { kind: 'errorCode', code: 10002 }, api: 'get_group_member_info', times: 1 });
      const retried = await client.listMembers(WITH_KEY, BIG, undefined, 10_000);
      assert.strictEqual(retried.members.length, BIG_SIZE);
      assert.strictEqual(retried.error, undefined);
      standIn.clearFaults();
      standIn.resetRecords();
      // A Community pages one by one: from the second page on it answers 10004; the first page is kept, the error says why it stopped.
      let faulted = false;
      const c = new ChatClient({ region: 'singapore', endpoint: standIn.url, log: () => undefined });
      try {
        const listing = await c.listMembers(WITH_KEY, BIG_COMMUNITY, undefined, 10_000, {
          // Progress counts the get_group_info request, then each page: done = 2 after the first page.
          onProgress: ({ done }) => {
            if (done === 2 && !faulted && (faulted = true)) standIn.addFault({ fault: { kind: 'errorCode', code: 10004 }, api: 'get_group_member_info' });
          },
        });
        assert.strictEqual(listing.error?.code, 10004);
        assert.strictEqual(listing.members.length, 100);
      } finally {
        await c.close();
      }
    });

    it('a refused credential stops the listing with it', async () => {
      const listing = await client.listMembers({ ...WITH_KEY, secretKey: 'wrong-key-wrong-key-wrong-key' }, BIG, undefined, 10_000);
      assert.strictEqual(listing.error?.code, 70009);
      assert.deepStrictEqual(listing.members, []);
      assert.strictEqual(standIn.requests.length, 1, 'nothing more is sent after the refusal');
    });

    it('rejects bad arguments', async () => {
      await assert.rejects(client.listMembers(WITH_KEY, BIG, ['Boss' as 'Owner'], 100), /roles/);
      await assert.rejects(client.listMembers(WITH_KEY, BIG, [], 100), /roles/);
      await assert.rejects(client.listMembers(WITH_KEY, BIG, undefined, 0), /max/);
    });
  });

  describe('listAccountGroups', () => {
    it('pages to the end with huge and inactive groups, in contract names', async () => {
      const listing = await client.listAccountGroups(WITH_KEY, 'user_0001', 10_000);
      assert.strictEqual(listing.error, undefined);
      assert.strictEqual(listing.truncated, false);
      assert.strictEqual(listing.groups.length, 122);
      assert.deepStrictEqual(listing.groups.slice(0, 2), [
        { groupId: BIG, type: 'Public', name: 'Big', role: 'Owner' },
        { groupId: BIG_COMMUNITY, type: 'Community', name: 'Big community', role: 'Owner' },
      ]);
      assert.deepStrictEqual(listing.groups[3], { groupId: '@TGS#2MANY1', type: 'Public', name: 'Many 1', role: 'Admin' });
      const pages = sent('get_joined_group_list');
      assert.deepStrictEqual(pages.map((p) => [p.Offset, p.Limit]), [[0, 50], [50, 50], [100, 50]]);
      assert.ok(pages.every((p) => p.WithHugeGroups === 1 && p.WithNoActiveGroups === 1));
      assert.deepStrictEqual(pages[0].ResponseFilter, { GroupBaseInfoFilter: ['Type', 'Name'], SelfInfoFilter: ['Role'] });
    });

    it('lists AVChatRoom and Meeting groups with the account\'s role', async () => {
      const alice = await client.listAccountGroups(WITH_KEY, 'alice', 10_000);
      const types = new Map(alice.groups.map((g) => [g.groupId, `${g.type}:${g.role}`]));
      assert.strictEqual(types.get(TEST_GROUPS.work), 'Work:Owner');
      assert.strictEqual(types.get(TEST_GROUPS.avChatRoom), 'AVChatRoom:Owner');
      assert.strictEqual(types.get(TEST_GROUPS.public), 'Public:Admin');
      assert.strictEqual(types.get(TEST_GROUPS.community), 'Community:Member');
    });

    it('stops at exactly the cap and says so', async () => {
      const listing = await client.listAccountGroups(WITH_KEY, 'user_0001', 60);
      assert.strictEqual(listing.groups.length, 60);
      assert.strictEqual(listing.truncated, true);
      const limits = sent('get_joined_group_list').map((p) => p.Limit as number);
      assert.deepStrictEqual(limits, [50, 11]);
    });

    it('an unknown account and an unsendable one end in an error', async () => {
      const unknown = await client.listAccountGroups(WITH_KEY, 'nobody-at-all', 100);
      assert.strictEqual(unknown.error?.code, 10019);
      assert.deepStrictEqual(unknown.groups, []);
      const bad = await client.listAccountGroups(WITH_KEY, '', 100);
      assert.strictEqual(bad.error?.code, 'INVALID_INPUT');
    });
  });
});
