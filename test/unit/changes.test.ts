// The role writes (modify_group_member_info, change_group_owner) against the stand-in: applied and seen by
// later reads, refused with the documented rules, and never sent twice unless an answer proves the first was
// not applied. Reads keep retrying as before.
import * as assert from 'assert';
import { createServer, type Server } from 'node:net';
import { ChatClient, type ChatClientOptions } from '../../src/chat/client';
import type { Credentials } from '../../src/chat/types';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import type { FaultRule } from '../standin/server';
import { useStandInServer } from '../standin/test-kit';

const WITH_KEY: Credentials = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY };

describe('role changes (core against the stand-in)', function () {
  this.timeout(20_000);
  const fixture = useStandInServer({ data: TEST_DATA_FILE });
  const clients: ChatClient[] = [];

  function client(options: Partial<ChatClientOptions> = {}): ChatClient {
    const c = new ChatClient({ region: 'singapore', endpoint: fixture.server.url, retry: { baseDelayMs: 5, maxDelayMs: 40 }, ...options });
    clients.push(c);
    return c;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  async function roleOf(c: ChatClient, groupId: string, account: string): Promise<string | undefined> {
    const [result] = await c.getRoleInGroup(WITH_KEY, [groupId], [account]);
    return result.roles.find((r) => r.account === account)?.role;
  }

  const writes = (api: string) => fixture.server.requests.filter((r) => r.api === api);

  function fault(rule: FaultRule): void {
    fixture.server.addFault(rule);
  }

  it('makes a member an admin and an admin a member, and later reads see it', async () => {
    const c = client();
    assert.deepStrictEqual(await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'carol', 'Admin'), { applied: true });
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'carol'), 'Admin');
    assert.deepStrictEqual(await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'alice', 'Member'), { applied: true });
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'alice'), 'Member');
    assert.deepStrictEqual(writes('modify_group_member_info').map((r) => r.body), [
      { GroupId: TEST_GROUPS.public, Member_Account: 'carol', Role: 'Admin' },
      { GroupId: TEST_GROUPS.public, Member_Account: 'alice', Role: 'Member' },
    ]);
  });

  it('transfers ownership: the new owner is Owner, the old one a Member', async () => {
    const c = client();
    assert.deepStrictEqual(await c.changeGroupOwner(WITH_KEY, TEST_GROUPS.public, 'carol'), { applied: true });
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'carol'), 'Owner');
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'bob'), 'Member');
    assert.deepStrictEqual(writes('change_group_owner').map((r) => r.body), [{ GroupId: TEST_GROUPS.public, NewOwner_Account: 'carol' }]);
  });

  it('refuses each documented rule with its code, changes nothing, and words the advice for a change', async () => {
    const c = client();
    const cases: [Promise<unknown>, number, RegExp][] = [
      [c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'bob', 'Member'), 10004, /owner's role cannot be changed/],
      [c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'yuri', 'Admin'), 10004, /not a member/],
      [c.setMemberRole(WITH_KEY, TEST_GROUPS.work, 'carol', 'Admin'), 10007, /Work groups have no admins/],
      [c.setMemberRole(WITH_KEY, TEST_GROUPS.avChatRoom, 'bob', 'Admin'), 10007, /AVChatRoom/],
      [c.changeGroupOwner(WITH_KEY, TEST_GROUPS.avChatRoom, 'bob'), 10007, /AVChatRoom/],
      [c.changeGroupOwner(WITH_KEY, TEST_GROUPS.public, 'yuri'), 10004, /must already be a member/],
      [c.changeGroupOwner(WITH_KEY, TEST_GROUPS.public, 'nobody_here'), 10019, /does not exist in this app/],
      [c.setMemberRole(WITH_KEY, '@TGS#2NOSUCHGRP', 'bob', 'Admin'), 10010, /nothing was changed/],
    ];
    for (const [outcome, code, advice] of cases) {
      const got = (await outcome) as { applied: unknown; error: { code: unknown; message: string } };
      assert.strictEqual(got.applied, false);
      assert.strictEqual(got.error.code, code, got.error.message);
      assert.match(got.error.message, advice);
    }
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'bob'), 'Owner');
    assert.strictEqual(await roleOf(c, TEST_GROUPS.work, 'carol'), 'Member');
  });

  it('refuses an admin over the limit a test sets, with no number assumed by the client', async () => {
    fixture.server.setAdminLimit(2); // the public group has alice and erin
    const c = client();
    const refused = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'carol', 'Admin');
    assert.ok(!refused.applied && refused.error.code === 10004);
    assert.match(refused.error.message, /as many admins as the server allows/);
    assert.match(refused.error.message, /Server said: the number of admins has reached the limit of 2/);
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'carol'), 'Member');
    // An admin already counted stays an admin (making it Admin again is no new admin).
    assert.deepStrictEqual(await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'erin', 'Admin'), { applied: true });
  });

  it('a write whose connection drops after it was applied is sent once and reported unknown', async () => {
    fault({ fault: { kind: 'applyThenClose' }, api: 'modify_group_member_info', times: 1 });
    const c = client();
    const outcome = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'carol', 'Admin');
    assert.strictEqual(outcome.applied, 'unknown');
    assert.ok(!('uncertain' in (outcome as { error: object }).error), 'the outcome says unknown once, in applied');
    assert.strictEqual(writes('modify_group_member_info').length, 1, 'never sent again');
    assert.strictEqual(await roleOf(c, TEST_GROUPS.public, 'carol'), 'Admin', 'the stand-in applied it');
  });

  for (const [kind, why] of [
    ['http503', 'a 5xx may come from a gateway after the server applied it'],
    ['resetBeforeResponse', 'a reset after sending'],
    ['truncatedJson', 'an unreadable 200'],
  ] as const) {
    it(`a write is not retried after ${kind} (${why}) and its outcome is unknown; a read is retried`, async () => {
      fault({ fault: { kind }, times: 1 });
      const c = client();
      const outcome = await c.changeGroupOwner(WITH_KEY, TEST_GROUPS.meeting, 'dave');
      assert.strictEqual(outcome.applied, 'unknown');
      assert.strictEqual(writes('change_group_owner').length, 1);
      fault({ fault: { kind }, times: 1 });
      // 503 and the reset answer instead of the stand-in's API; truncatedJson answers after applying.
      assert.strictEqual(await roleOf(c, TEST_GROUPS.meeting, 'dave'), kind === 'truncatedJson' ? 'Owner' : 'Member');
      assert.strictEqual(writes('get_role_in_group').length, 2, 'the read was sent again');
    });
  }

  it('a write is not retried after a timeout, and its outcome is unknown', async () => {
    fault({ fault: { kind: 'delay', ms: 6000 }, api: 'modify_group_member_info', times: 1 });
    const c = client({ timeoutMs: 4000 });
    const outcome = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'frank', 'Admin');
    assert.strictEqual(outcome.applied, 'unknown');
    assert.ok(!outcome.applied || outcome.applied === 'unknown');
    assert.match((outcome as { error: { code: unknown } }).error.code as string, /TIMEOUT|DEADLINE/);
    assert.strictEqual(writes('modify_group_member_info').length, 1);
  });

  it('a server error code is final for a write (not retried) and reported as not applied', async () => {
    fault({ fault: { kind: 'errorCode', code: 10002 }, api: 'modify_group_member_info', times: 1 });
    const c = client();
    const outcome = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'frank', 'Admin');
    assert.ok(outcome.applied === false && outcome.error.code === 10002);
    assert.strictEqual(writes('modify_group_member_info').length, 1);
  });

  it('a rate-limit answer proves nothing was applied: the write is sent again and applied', async () => {
    fault({ fault: { kind: 'errorCode', code: 60007 }, api: 'modify_group_member_info', times: 1 });
    const c = client();
    assert.deepStrictEqual(await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'frank', 'Admin'), { applied: true });
    assert.deepStrictEqual(
      writes('modify_group_member_info').map((r) => r.errorCode),
      [60007, 0],
    );
  });

  describe('a connection that is never made', () => {
    let closed: Server;
    let port: number;
    before(async () => {
      // A port that refuses connections: bind, note it, close.
      closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      port = (closed.address() as { port: number }).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    });

    it('is retried for a write (nothing was sent) and ends not applied', async () => {
      const c = client({ endpoint: `http://127.0.0.1:${port}`, retry: { baseDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 } });
      const outcome = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'frank', 'Admin');
      assert.ok(outcome.applied === false && outcome.error.code === 'NETWORK', JSON.stringify(outcome));
      assert.strictEqual(c.stats.requests, 3, 'every attempt was made');
    });
  });

  it('refuses a group ID or account that cannot be sent, sending nothing', async () => {
    const c = client();
    const outcome = await c.setMemberRole(WITH_KEY, TEST_GROUPS.public, 'a\nb', 'Admin');
    assert.ok(outcome.applied === false && outcome.error.code === 'INVALID_INPUT');
    assert.strictEqual(fixture.server.requests.length, 0);
  });
});
