// The stand-in answers like the real Chat REST API: every check with its code, the group read APIs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_OTHER_ADMIN, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { type ApiReply, call, userSig, useStandInServer, validQuery } from '../standin/test-kit';
import type { SeedData } from '../standin/types';

describe('Chat API stand-in: REST checks and group APIs', function () {
  this.timeout(10_000);
  const standIn = useStandInServer({ data: TEST_DATA_FILE, requestsPerSecond: false }, 'suite');
  // Each test starts clean: no records, and no UserSig lockout left by an earlier test.
  const seed = JSON.parse(readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;
  beforeEach(() => {
    standIn.server.resetRecords();
    standIn.server.setData(seed);
  });

  const roles = (body: unknown, query = validQuery()) => call(standIn.server.url, 'get_role_in_group', { body, query });
  const expectCode = async (p: Promise<{ status: number; json: ApiReply }>, code: number) => {
    const { status, json } = await p;
    assert.equal(status, 200, 'API errors still come with HTTP 200');
    assert.equal(json.ErrorCode, code, `expected ${code}, got ${JSON.stringify(json)}`);
    assert.equal(json.ActionStatus, code === 0 ? 'OK' : 'FAIL');
    assert.equal(typeof json.ErrorInfo, 'string');
    return json;
  };
  const someBody = { GroupId: TEST_GROUPS.work, User_Account: ['alice'] };

  describe('get_role_in_group success', () => {
    it('answers every role in request order, the API page shape', async () => {
      const json = await expectCode(roles({ GroupId: TEST_GROUPS.work, User_Account: ['dave', 'alice', 'zoe', 'bob', 'nobody-at-all'] }), 0);
      assert.deepEqual(json, {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        UserIdList: [
          { Member_Account: 'dave', Role: 'Member' },
          { Member_Account: 'alice', Role: 'Owner' },
          { Member_Account: 'zoe', Role: 'NotMember' },
          { Member_Account: 'bob', Role: 'Admin' },
          { Member_Account: 'nobody-at-all', Role: 'NotMember' },
        ],
      });
    });

    it('echoes duplicated accounts once per requested entry', async () => {
      const json = await expectCode(roles({ GroupId: TEST_GROUPS.work, User_Account: ['bob', 'bob'] }), 0);
      assert.deepEqual(json.UserIdList, [
        { Member_Account: 'bob', Role: 'Admin' },
        { Member_Account: 'bob', Role: 'Admin' },
      ]);
    });

    it('works for Work, Public, Meeting, Community and custom-ID groups', async () => {
      const owners: [string, string][] = [
        [TEST_GROUPS.work, 'alice'],
        [TEST_GROUPS.public, 'bob'],
        [TEST_GROUPS.meeting, 'carol'],
        [TEST_GROUPS.community, 'dave'],
        [TEST_GROUPS.custom, 'erin'],
      ];
      for (const [GroupId, owner] of owners) {
        const json = await expectCode(roles({ GroupId, User_Account: [owner] }), 0);
        assert.equal(json.UserIdList[0].Role, 'Owner', GroupId);
      }
    });

    it('accepts exactly 500 accounts and refuses 501 with 10005', async () => {
      const accounts = Array.from({ length: 501 }, (_, i) => `user_${i}`);
      const json = await expectCode(roles({ GroupId: TEST_GROUPS.public, User_Account: accounts.slice(0, 500) }), 0);
      assert.equal(json.UserIdList.length, 500);
      await expectCode(roles({ GroupId: TEST_GROUPS.public, User_Account: accounts }), 10005);
    });

    it('lets any app admin call it', async () => {
      const query = validQuery({ identifier: TEST_OTHER_ADMIN, usersig: userSig({ identifier: TEST_OTHER_ADMIN }) });
      await expectCode(roles(someBody, query), 0);
    });
  });

  describe('group errors', () => {
    it('answers 10010 for a group that does not exist', () => expectCode(roles({ GroupId: '@TGS#2NOSUCHGRP', User_Account: ['alice'] }), 10010));
    it('answers 10007 for an AVChatRoom', () => expectCode(roles({ GroupId: TEST_GROUPS.avChatRoom, User_Account: ['alice'] }), 10007));
  });

  describe('body checks', () => {
    const cases: [string, unknown, number][] = [
      ['empty body', '', 10004],
      ['not JSON', '{"GroupId": ', 60003],
      ['a JSON array', [someBody], 10004],
      ['GroupId missing', { User_Account: ['alice'] }, 10004],
      ['GroupId not a string', { GroupId: 42, User_Account: ['alice'] }, 10004],
      ['User_Account missing', { GroupId: TEST_GROUPS.work }, 10004],
      ['User_Account not an array', { GroupId: TEST_GROUPS.work, User_Account: 'alice' }, 10004],
      ['User_Account empty', { GroupId: TEST_GROUPS.work, User_Account: [] }, 10004],
      ['an account that is not a string', { GroupId: TEST_GROUPS.work, User_Account: ['alice', 7] }, 60015],
    ];
    for (const [name, body, code] of cases) it(`${name} → ${code}`, () => expectCode(roles(body), code));
  });

  describe('URL and query checks', () => {
    const q = (overrides: Record<string, string | undefined>) => validQuery(overrides);
    const cases: [string, () => Record<string, string | undefined>, number][] = [
      ['sdkappid missing', () => q({ sdkappid: undefined }), 60012],
      ['SDKAppID spelled in another case (parameters are case-sensitive)', () => ({ ...q({ sdkappid: undefined }), SDKAppID: String(TEST_SDK_APP_ID) }), 60012],
      ['sdkappid not a number', () => q({ sdkappid: 'abc' }), 60006],
      ['sdkappid of another app', () => q({ sdkappid: '1400999999' }), 70020],
      ['identifier missing', () => q({ identifier: undefined }), 60004],
      ['usersig missing', () => q({ usersig: undefined }), 70002],
      ['usersig empty', () => q({ usersig: '' }), 70002],
      ['random missing', () => q({ random: undefined }), 60002],
      ['random negative', () => q({ random: '-1' }), 60002],
      ['random above uint32', () => q({ random: '4294967296' }), 60002],
      ['random not an integer', () => q({ random: '1.5' }), 60002],
      ['contenttype missing', () => q({ contenttype: undefined }), 60002],
      ['contenttype not json', () => q({ contenttype: 'xml' }), 60002],
      ['contenttype JSON in capitals', () => q({ contenttype: 'JSON' }), 60002],
    ];
    for (const [name, query, code] of cases) it(`${name} → ${code}`, () => expectCode(roles(someBody, query()), code));

    it('accepts the largest uint32 random', () => expectCode(roles(someBody, q({ random: '4294967295' })), 0));

    it('answers 60010 when the identifier is not an app admin', async () => {
      await expectCode(roles(someBody, q({ identifier: 'alice', usersig: userSig({ identifier: 'alice' }) })), 60010);
    });

    it('answers 60009 for a path outside the group service', async () => {
      await expectCode(call(standIn.server.url, 'get_role_in_group', { path: '/v4/openim/get_role_in_group', body: someBody }), 60009);
      await expectCode(call(standIn.server.url, 'get_role_in_group', { path: '/v4/group_open_http_svc/get_role_in_group/extra', body: someBody }), 60009);
    });

    it('answers 10003 for an unknown command of the group service', () => expectCode(call(standIn.server.url, 'get_role_in_groups', { body: someBody }), 10003));

    it('answers 60002 for a method other than POST', () => expectCode(call(standIn.server.url, 'get_role_in_group', { method: 'GET' }), 60002));
  });

  describe('UserSig checks', () => {
    const sigCase = (usersig: string) => roles(someBody, validQuery({ usersig }));
    it('verifies a UserSig from tls-sig-api-v2', () => expectCode(sigCase(userSig()), 0));
    it('70009 for a UserSig signed with another key', () => expectCode(sigCase(userSig({ key: `${TEST_SECRET_KEY}x` })), 70009));
    it('70001 for an expired UserSig', () => expectCode(sigCase(userSig({ issuedAtMs: Date.now() - 2 * 86400_000, expireSeconds: 86400 })), 70001));
    it('70014 for a UserSig of another SDKAppID', () => expectCode(sigCase(userSig({ sdkAppId: 1400000008 })), 70014));
    it('70013 for a UserSig of another identifier', () => expectCode(sigCase(userSig({ identifier: TEST_OTHER_ADMIN })), 70013));
    it('70003 for a UserSig that does not decode', () => expectCode(sigCase('not-a-usersig'), 70003));

    it('fails a tampered UserSig: a changed field (70009) or changed bytes (70003)', async () => {
      const sig = userSig();
      const doc = JSON.parse(inflateSync(Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString()) as { 'TLS.expire': number };
      doc['TLS.expire'] += 1;
      const reSigned = deflateSync(JSON.stringify(doc)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
      await expectCode(sigCase(reSigned), 70009);
      const middle = Math.floor(sig.length / 2);
      const flipped = sig.slice(0, middle) + (sig[middle] === 'A' ? 'B' : 'A') + sig.slice(middle + 1);
      await expectCode(sigCase(flipped), 70003);
    });

    it('locks the app out with 70050 after 5 failed checks, even for a valid UserSig', async () => {
      for (let i = 0; i < 4; i++) await expectCode(sigCase(userSig({ key: 'wrong' })), 70009);
      await expectCode(sigCase(userSig()), 0);
      await expectCode(sigCase('garbage'), 70003);
      await expectCode(sigCase(userSig()), 70050);
      await expectCode(sigCase(userSig({ key: 'wrong' })), 70050);
      assert.equal(standIn.server.requests.at(-1)?.usersigOk, undefined, 'locked out before the UserSig is checked');
    });
  });

  describe('get_group_info', () => {
    const info = (body: unknown) => call(standIn.server.url, 'get_group_info', { body });

    it('answers per group: type, name, owner, member count, or its own ErrorCode', async () => {
      const json = await expectCode(info({ GroupIdList: [TEST_GROUPS.work, '@TGS#2NOSUCHGRP', TEST_GROUPS.avChatRoom, TEST_GROUPS.meeting] }), 0);
      const [work, missing, av, meeting] = json.GroupInfo;
      assert.equal(work.GroupId, TEST_GROUPS.work);
      assert.equal(work.ErrorCode, 0);
      assert.equal(work.Type, 'Private');
      assert.equal(work.Name, 'Test work group');
      assert.equal(work.Owner_Account, 'alice');
      assert.equal(work.MemberNum, 4);
      assert.equal(missing.GroupId, '@TGS#2NOSUCHGRP');
      assert.equal(missing.ErrorCode, 10010);
      assert.equal(missing.Type, undefined);
      assert.equal(av.Type, 'AVChatRoom');
      assert.equal(meeting.Type, 'ChatRoom');
    });

    it('keeps only the filtered base fields and lists members on request', async () => {
      const json = await expectCode(
        info({ GroupIdList: [TEST_GROUPS.meeting], ResponseFilter: { GroupBaseInfoFilter: ['Type', 'MemberNum'], MemberInfoFilter: ['Account', 'Role'] } }),
        0,
      );
      assert.deepEqual(json.GroupInfo[0], {
        GroupId: TEST_GROUPS.meeting,
        ErrorCode: 0,
        ErrorInfo: '',
        Type: 'ChatRoom',
        MemberNum: 2,
        MemberList: [
          { Member_Account: 'carol', Role: 'Owner' },
          { Member_Account: 'dave', Role: 'Member' },
        ],
      });
    });

    it('accepts 50 groups and refuses 51 with 10004', async () => {
      const ids = Array.from({ length: 51 }, (_, i) => `custom-${i}`);
      const json = await expectCode(info({ GroupIdList: ids.slice(0, 50) }), 0);
      assert.equal(json.GroupInfo.length, 50);
      await expectCode(info({ GroupIdList: ids }), 10004);
    });

    it('answers 10004 without a GroupIdList', () => expectCode(info({}), 10004));
  });

  describe('get_group_member_info', () => {
    const members = (body: unknown) => call(standIn.server.url, 'get_group_member_info', { body });

    it('pages with Limit and Offset', async () => {
      const page1 = await expectCode(members({ GroupId: TEST_GROUPS.public, Limit: 2, Offset: 0 }), 0);
      const page2 = await expectCode(members({ GroupId: TEST_GROUPS.public, Limit: 2, Offset: 2 }), 0);
      const page3 = await expectCode(members({ GroupId: TEST_GROUPS.public, Limit: 2, Offset: 4 }), 0);
      assert.equal(page1.MemberNum, 5);
      const accounts = [page1, page2, page3].flatMap((p) => p.MemberList.map((m: { Member_Account: string }) => m.Member_Account));
      assert.deepEqual(accounts, ['bob', 'alice', 'erin', 'carol', 'frank']);
      assert.equal(page1.Next, undefined, 'only Community pages by Next');
      assert.equal(page1.MemberList[0].Role, 'Owner');
      assert.equal(typeof page1.MemberList[0].JoinTime, 'number');
    });

    it('pages a Community with the Next cursor until it is empty', async () => {
      const seen: string[] = [];
      let next = '';
      for (let i = 0; i < 10; i++) {
        const json = await expectCode(members({ GroupId: TEST_GROUPS.community, Limit: 3, Next: next }), 0);
        seen.push(...json.MemberList.map((m: { Member_Account: string }) => m.Member_Account));
        next = json.Next;
        assert.equal(typeof next, 'string');
        if (next === '') break;
      }
      assert.deepEqual(seen, ['dave', 'erin', 'alice', 'bob', 'carol', 'frank', 'grace']);
      await expectCode(members({ GroupId: TEST_GROUPS.community, Limit: 3, Next: 'made-up' }), 10004);
    });

    it('filters by role and by field', async () => {
      const json = await expectCode(members({ GroupId: TEST_GROUPS.public, MemberRoleFilter: ['Admin'], MemberInfoFilter: ['Role'] }), 0);
      assert.deepEqual(json.MemberList, [
        { Member_Account: 'alice', Role: 'Admin' },
        { Member_Account: 'erin', Role: 'Admin' },
      ]);
    });

    it('accepts Limit 6000, refuses 6001; 10010 and 10007 like get_role_in_group', async () => {
      await expectCode(members({ GroupId: TEST_GROUPS.work, Limit: 6000 }), 0);
      await expectCode(members({ GroupId: TEST_GROUPS.work, Limit: 6001 }), 10004);
      await expectCode(members({ GroupId: '@TGS#2NOSUCHGRP' }), 10010);
      await expectCode(members({ GroupId: TEST_GROUPS.avChatRoom }), 10007);
    });
  });

  describe('get_joined_group_list', () => {
    const joined = (body: unknown) => call(standIn.server.url, 'get_joined_group_list', { body });
    const filter = { GroupBaseInfoFilter: ['Type', 'Name'], SelfInfoFilter: ['Role', 'JoinTime'] };

    it('lists the account\'s groups with its SelfInfo; AVChatRoom only WithHugeGroups, inactive Work only WithNoActiveGroups', async () => {
      const plain = await expectCode(joined({ Member_Account: 'alice', ResponseFilter: filter }), 0);
      const ids = (json: ApiReply) => json.GroupIdList.map((g) => g.GroupId);
      assert.ok(!ids(plain).includes(TEST_GROUPS.avChatRoom));
      assert.equal(plain.TotalCount, ids(plain).length);
      const all = await expectCode(joined({ Member_Account: 'alice', WithHugeGroups: 1, WithNoActiveGroups: 1, ResponseFilter: filter }), 0);
      assert.ok(ids(all).includes(TEST_GROUPS.avChatRoom));
      const work = all.GroupIdList.find((g) => g.GroupId === TEST_GROUPS.work)!;
      assert.deepEqual(work, { GroupId: TEST_GROUPS.work, Type: 'Private', Name: 'Test work group', MemberNum: 4, SelfInfo: { Role: 'Owner', JoinTime: 1_700_000_000 } });
      assert.equal(Object.keys(work).at(-1), 'GroupId', 'GroupId comes last');
      const seedWithInactive = { ...seed, groups: seed.groups.map((g) => (g.groupId === TEST_GROUPS.work ? { ...g, inactive: true } : g)) };
      standIn.server.setData(seedWithInactive);
      assert.ok(!ids(await expectCode(joined({ Member_Account: 'alice' }), 0)).includes(TEST_GROUPS.work));
      assert.ok(ids(await expectCode(joined({ Member_Account: 'alice', WithNoActiveGroups: 1 }), 0)).includes(TEST_GROUPS.work));
    });

    it('pages by Limit and Offset; filters by GroupType; without filters only GroupId and MemberNum', async () => {
      const page = await expectCode(joined({ Member_Account: 'alice', WithHugeGroups: 1, Limit: 2, Offset: 1 }), 0);
      assert.equal(page.GroupIdList.length, 2);
      assert.deepEqual(Object.keys(page.GroupIdList[0]).sort(), ['GroupId', 'MemberNum']);
      const meetings = await expectCode(joined({ Member_Account: 'carol', GroupType: 'Meeting' }), 0);
      assert.deepEqual(meetings.GroupIdList.map((g) => g.GroupId), [TEST_GROUPS.meeting]);
    });

    it('answers 10019 for an unknown account and 10004 for bad parameters', async () => {
      await expectCode(joined({ Member_Account: 'nobody-at-all' }), 10019);
      await expectCode(joined({}), 10004);
      await expectCode(joined({ Member_Account: 'alice', WithHugeGroups: 2 }), 10004);
      await expectCode(joined({ Member_Account: 'alice', GroupType: 'Secret' }), 10004);
      await expectCode(joined({ Member_Account: 'alice', Limit: -1 }), 10004);
    });
  });

  describe('records', () => {
    it('records each request with the UserSig redacted everywhere', async () => {
      const sig = userSig();
      const random = '123456789';
      await expectCode(roles({ GroupId: TEST_GROUPS.work, User_Account: ['alice', 'zoe'] }, validQuery({ usersig: sig, random })), 0);
      await expectCode(roles(someBody, validQuery({ usersig: sig.slice(0, 60) })), 70003);
      const [good, bad] = standIn.server.requests;
      assert.equal(standIn.server.requests.length, 2);
      assert.equal(good.method, 'POST');
      assert.equal(good.path, '/v4/group_open_http_svc/get_role_in_group');
      assert.equal(good.api, 'get_role_in_group');
      assert.deepEqual(good.query, { sdkappid: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, usersig: '***', random, contenttype: 'json' });
      assert.equal(good.usersigOk, true);
      assert.deepEqual(good.body, { GroupId: TEST_GROUPS.work, User_Account: ['alice', 'zoe'] });
      assert.equal(good.groupId, TEST_GROUPS.work);
      assert.deepEqual(good.accounts, ['alice', 'zoe']);
      assert.equal(good.errorCode, 0);
      assert.equal(good.httpStatus, 200);
      assert.equal(good.fault, undefined);
      assert.equal(bad.usersigOk, false);
      assert.equal(bad.errorCode, 70003);
      assert.ok(bad.seq > good.seq);
      const everything = JSON.stringify(standIn.server.requests) + JSON.stringify(standIn.server.stats());
      assert.ok(!everything.includes(sig.slice(0, 40)), 'the UserSig appears nowhere in the records');
      assert.ok(!everything.includes(TEST_SECRET_KEY), 'the secret key appears nowhere in the records');
    });

    it('redacts a UserSig sent under a wrongly cased parameter name too', async () => {
      const sig = userSig();
      await expectCode(roles(someBody, validQuery({ usersig: undefined, UserSig: sig })), 70002);
      assert.equal(standIn.server.requests[0].query.UserSig, '***');
      assert.ok(!JSON.stringify(standIn.server.requests).includes(sig.slice(0, 40)));
    });

    it('counts codes in stats and forgets them on resetRecords', async () => {
      await expectCode(roles(someBody), 0);
      await expectCode(roles({ GroupId: '@TGS#2NOSUCHGRP', User_Account: ['a'] }), 10010);
      assert.deepEqual(standIn.server.stats(), { total: 2, byCode: { '0': 1, '10010': 1 }, faults: 0, rateLimited: 0 });
      standIn.server.resetRecords();
      assert.deepEqual(standIn.server.stats(), { total: 0, byCode: {}, faults: 0, rateLimited: 0 });
      assert.equal(standIn.server.requests.length, 0);
    });
  });
});
