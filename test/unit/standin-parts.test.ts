// The stand-in's parts on their own: UserSig verifier, lockout and rate window with a fake clock,
// seed validation, the seed files themselves, and the fixtures that start it for tests.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DEMO_ADMIN, DEMO_DATA_FILE, DEMO_GROUPS, DEMO_MISSING_GROUP, DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import { ALL_HANDS_SIZE, demoSeed, formatSeed } from '../standin/data/generate-demo';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_LONERS, TEST_OTHER_ADMIN, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { RateWindow, RateWindows } from '../standin/rate-window';
import { buildModel, loadModel } from '../standin/seed';
import { LOCKOUT_MS, SigLockout } from '../standin/sig-lockout';
import { Api } from 'tls-sig-api-v2';
import { fixtureValues } from '../standin/fixture';
import { userSig, useStandInServer } from '../standin/test-kit';
import { checkUserSig } from '../standin/usersig-check';

const app = { sdkAppId: TEST_SDK_APP_ID, secretKey: TEST_SECRET_KEY };

function encode(doc: unknown): string {
  return deflateSync(JSON.stringify(doc)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

describe('Chat API stand-in parts', () => {
  describe('UserSig verifier', () => {
    const issued = 1_700_000_000;
    const sig = userSig({ issuedAtMs: issued * 1000, expireSeconds: 100 });

    it('accepts a tls-sig-api-v2 UserSig up to and including its last second', () => {
      assert.equal(checkUserSig(sig, app, TEST_ADMIN, issued), 0);
      assert.equal(checkUserSig(sig, app, TEST_ADMIN, issued + 100), 0);
      assert.equal(checkUserSig(sig, app, TEST_ADMIN, issued + 101), 70001);
    });

    it('verifies a UserSig carrying a userbuf', () => {
      const withBuf = new Api(TEST_SDK_APP_ID, TEST_SECRET_KEY).genSig(TEST_ADMIN, 3600, Buffer.from('room-42'));
      assert.equal(checkUserSig(withBuf, app, TEST_ADMIN, Math.floor(Date.now() / 1000)), 0);
    });

    it('names the mismatch: SDKAppID before identifier before signature', () => {
      const now = Math.floor(Date.now() / 1000);
      assert.equal(checkUserSig(userSig({ sdkAppId: 1, identifier: 'x', key: 'k' }), app, TEST_ADMIN, now), 70014);
      assert.equal(checkUserSig(userSig({ identifier: 'x', key: 'k' }), app, TEST_ADMIN, now), 70013);
      assert.equal(checkUserSig(userSig({ key: 'k' }), app, TEST_ADMIN, now), 70009);
    });

    it('answers 70003 for what does not decode or lacks fields, 70016 for a legacy ECDSA sig', () => {
      const now = Math.floor(Date.now() / 1000);
      for (const bad of ['', '!!!', 'eJw', encode('just a string'), encode({ 'TLS.ver': '2.0', 'TLS.identifier': TEST_ADMIN }), encode([1, 2])]) {
        assert.equal(checkUserSig(bad, app, TEST_ADMIN, now), 70003, bad);
      }
      const legacy = encode({
        'TLS.account_type': '0',
        'TLS.identifier': TEST_ADMIN,
        'TLS.appid_at_3rd': '0',
        'TLS.sdk_appid': String(TEST_SDK_APP_ID),
        'TLS.expire_after': '86400',
        'TLS.version': '201610110000',
        'TLS.time': String(now),
        'TLS.sig': 'MEUCIQD',
      });
      assert.equal(checkUserSig(legacy, app, TEST_ADMIN, now), 70016);
    });
  });

  describe('UserSig lockout', () => {
    it('locks after 5 failures within a minute, for a minute', () => {
      const lock = new SigLockout();
      for (let i = 0; i < 4; i++) lock.recordFailure(1000 + i);
      assert.equal(lock.isLocked(2000), false);
      lock.recordFailure(2000);
      assert.equal(lock.isLocked(2001), true);
      assert.equal(lock.isLocked(2000 + LOCKOUT_MS - 1), true);
      assert.equal(lock.isLocked(2000 + LOCKOUT_MS), false);
    });

    it('forgets failures older than a minute', () => {
      const lock = new SigLockout();
      for (let i = 0; i < 4; i++) lock.recordFailure(0);
      lock.recordFailure(60_000);
      assert.equal(lock.isLocked(60_001), false);
    });
  });

  describe('rate window', () => {
    it('admits N per sliding second', () => {
      const w = new RateWindow(3);
      assert.deepEqual([0, 100, 200, 300].map((t) => w.admit(t)), [true, true, true, false]);
      assert.equal(w.admit(999), false);
      assert.equal(w.admit(1000), true, 'the first admission left the window');
      assert.equal(w.admit(1050), false);
      assert.equal(w.admit(1100), true);
    });

    it('does not count refused requests, and admits everything when off', () => {
      const w = new RateWindow(1);
      assert.equal(w.admit(0), true);
      for (let t = 1; t < 1000; t += 10) assert.equal(w.admit(t), false);
      assert.equal(w.admit(1000), true);
      const off = new RateWindow(false);
      for (let i = 0; i < 10_000; i++) assert.equal(off.admit(0), true);
    });

    it('counts each API on its own (every API page states its own 200/s)', () => {
      const w = new RateWindows(2);
      assert.deepEqual([0, 1, 2].map((t) => w.admit('get_role_in_group', t)), [true, true, false]);
      assert.deepEqual([3, 4, 5].map((t) => w.admit('get_group_member_info', t)), [true, true, false]);
      assert.equal(w.admit('get_joined_group_list', 6), true);
      w.setLimit(false);
      assert.equal(w.admit('get_role_in_group', 7), true);
    });
  });

  describe('seed validation', () => {
    const valid = () => ({
      app: { sdkAppId: 1400000001, secretKey: 'k', admins: ['administrator'] },
      users: ['administrator', 'a', 'b'],
      groups: [{ groupId: 'g', type: 'Work', members: [{ account: 'a', role: 'Owner' }] }],
    });
    /** A seed as raw JSON before validation, where any field may hold the wrong type. */
    type RawSeed = { app: Record<string, unknown>; groups: { type: unknown; members: Record<string, unknown>[] }[] };
    const broken: [string, (d: RawSeed) => void, RegExp][] = [
      ['sdkAppId', (d) => (d.app.sdkAppId = '1400000001'), /app\.sdkAppId/],
      ['secretKey', (d) => (d.app.secretKey = ''), /app\.secretKey/],
      ['admins', (d) => (d.app.admins = []), /app\.admins/],
      ['group type', (d) => (d.groups[0].type = 'Club'), /groups\[0\]\.type/],
      ['member not a user', (d) => d.groups[0].members.push({ account: 'stranger', role: 'Member' }), /members\[1\]\.account/],
      ['role', (d) => (d.groups[0].members[0].role = 'NotMember'), /members\[0\]\.role/],
      ['duplicate member', (d) => d.groups[0].members.push({ account: 'a', role: 'Member' }), /already a member/],
      ['two owners', (d) => d.groups[0].members.push({ account: 'b', role: 'Owner' }), /more than one Owner/],
      ['duplicate group', (d) => d.groups.push({ ...d.groups[0] }), /duplicate group/],
    ];
    for (const [name, breakIt, message] of broken) {
      it(`refuses a bad ${name} with a message naming where`, () => {
        const d = valid();
        breakIt(d);
        assert.throws(() => buildModel(d), message);
      });
    }

    it('maps Work to Private and Meeting to ChatRoom', () => {
      const d = valid();
      d.groups.push({ groupId: 'm', type: 'Meeting', members: [] });
      const m = buildModel(d);
      assert.equal(m.groups.get('g')?.type, 'Private');
      assert.equal(m.groups.get('m')?.type, 'ChatRoom');
    });

    it('names an unreadable or broken seed file without quoting its content', () => {
      assert.throws(() => loadModel('/nonexistent/seed.json'), /Cannot read stand-in seed file \/nonexistent\/seed\.json: ENOENT/);
      const dir = mkdtempSync(join(tmpdir(), 'standin-'));
      try {
        const file = join(dir, 'broken.json');
        writeFileSync(file, '{"app": {"secretKey": "s3cr3t-value" oops');
        assert.throws(
          () => loadModel(file),
          (e: Error) => /is not valid JSON$/.test(e.message) && !e.message.includes('s3cr3t'),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('seed files', () => {
    it('test.json matches the test-app constants', () => {
      const m = loadModel(TEST_DATA_FILE);
      assert.equal(m.app.sdkAppId, TEST_SDK_APP_ID);
      assert.equal(m.app.secretKey, TEST_SECRET_KEY);
      assert.deepEqual([...m.app.admins], [TEST_ADMIN, TEST_OTHER_ADMIN]);
      const types = Object.values(TEST_GROUPS).map((id) => m.groups.get(id)?.type);
      assert.deepEqual(types, ['Private', 'Public', 'ChatRoom', 'Community', 'AVChatRoom', 'Private']);
      const raw = JSON.parse(readFileSync(TEST_DATA_FILE, 'utf8')) as { groups: { type: string }[] };
      assert.deepEqual(raw.groups.map((g: { type: string }) => g.type), ['Work', 'Public', 'Meeting', 'Community', 'AVChatRoom', 'Private']);
      for (const loner of TEST_LONERS) {
        assert.ok(m.users.has(loner));
        assert.ok([...m.groups.values()].every((g) => !g.roles.has(loner)));
      }
    });

    it('demo.json is exactly what generate-demo.ts writes', () => {
      assert.equal(readFileSync(DEMO_DATA_FILE, 'utf8'), formatSeed(demoSeed()));
    });

    it('demo.json has every group kind, a 1,200-member group and every role', () => {
      const m = loadModel(DEMO_DATA_FILE);
      assert.equal(m.app.sdkAppId, DEMO_SDK_APP_ID);
      assert.equal(m.app.secretKey, DEMO_SECRET_KEY);
      assert.ok(m.app.admins.has(DEMO_ADMIN));
      const types = new Set([...m.groups.values()].map((g) => g.type));
      assert.deepEqual([...types].sort(), ['AVChatRoom', 'ChatRoom', 'Community', 'Private', 'Public']);
      assert.ok(DEMO_GROUPS.community.startsWith('@TGS#_'));
      assert.ok(!DEMO_GROUPS.custom.startsWith('@TGS#'));
      assert.equal(m.groups.get(DEMO_GROUPS.allHands)?.members.length, ALL_HANDS_SIZE);
      assert.equal(m.groups.has(DEMO_MISSING_GROUP), false);
      const work = m.groups.get(DEMO_GROUPS.work)!;
      // The API page's example answer: leckie Owner, peter Member, wesley NotMember.
      assert.deepEqual(['leckie', 'peter', 'wesley'].map((a) => work.roles.get(a) ?? 'NotMember'), ['Owner', 'Member', 'NotMember']);
      for (const id of Object.values(DEMO_GROUPS)) assert.ok(m.groups.has(id), id);
      const allRoles = new Set([...m.groups.values()].flatMap((g) => [...g.roles.values()]));
      assert.deepEqual([...allRoles].sort(), ['Admin', 'Member', 'Owner']);
    });
  });

  describe('fixtures', () => {
    it('fixtureValues reads each value when asked, and names one its hooks have not set', () => {
      // What a suite's hooks would set: unset until the "hook" below runs.
      const hooksSet: { server?: string } = {};
      const values = fixtureValues<{ server: string }>({ server: () => hooksSet.server });
      assert.throws(() => values.server, /^Error: server is set up by the suite's hooks: use it inside a test or hook$/);
      hooksSet.server = 'http://127.0.0.1:1';
      assert.equal(values.server, 'http://127.0.0.1:1');
    });

    const answers = async (url: string) => fetch(url).then(() => true, () => false);

    describe('useStandInServer, a stand-in per test', () => {
      const standIn = useStandInServer();
      let earlier: string | undefined;
      it('starts one before the test', async () => {
        earlier = standIn.server.url;
        assert.ok(await answers(earlier));
      });
      it('closes it after the test and starts another', async () => {
        assert.ok(earlier);
        assert.notEqual(standIn.server.url, earlier);
        assert.equal(await answers(earlier), false);
      });
    });

    describe('useStandInServer, one stand-in per suite', () => {
      const standIn = useStandInServer({ data: TEST_DATA_FILE }, 'suite');
      let earlier: string | undefined;
      it('starts one before all tests', async () => {
        earlier = standIn.server.url;
        assert.ok(await answers(earlier));
      });
      it('keeps it for the next test', () => {
        assert.equal(standIn.server.url, earlier);
      });
    });
  });
});
