// Every fault the stand-in injects, observed from the client side, and the per-app rate limit.
import assert from 'node:assert/strict';
import { TEST_DATA_FILE, TEST_GROUPS } from '../standin/data/test-app';
import { startStandIn, type StandIn } from '../standin/server';
import type { FaultRule } from '../standin/types';
import { apiUrl, type ApiReply, useStandInServer, validQuery } from '../standin/test-kit';

const BODY = { GroupId: TEST_GROUPS.work, User_Account: ['alice', 'bob', 'zoe'] };
const EXPECTED_LIST = [
  { Member_Account: 'alice', Role: 'Owner' },
  { Member_Account: 'bob', Role: 'Admin' },
  { Member_Account: 'zoe', Role: 'NotMember' },
];

describe('Chat API stand-in: faults and rate limit', function () {
  this.timeout(10_000);
  const standIn = useStandInServer({ data: TEST_DATA_FILE, requestsPerSecond: false });

  const post = (body: unknown = BODY, api = 'get_role_in_group', to: StandIn = standIn.server) =>
    fetch(apiUrl(to.url, api, validQuery()), { method: 'POST', body: JSON.stringify(body) });
  const postJson = async (body: unknown = BODY, api = 'get_role_in_group') => (await post(body, api)).json() as Promise<ApiReply>;
  const withFault = (rule: FaultRule) => standIn.server.addFault(rule);
  /** The error a failed fetch (or body read) ends in, with its cause's code. */
  const failure = async (p: Promise<unknown>) => {
    const e = (await p.then(
      () => assert.fail('expected the request to fail'),
      (err: unknown) => err,
    )) as Error & { cause?: { code?: string } };
    return { message: e.message, code: e.cause?.code };
  };

  describe('transport faults', () => {
    it('delay holds the headers back', async () => {
      withFault({ fault: { kind: 'delay', ms: 300 } });
      const start = Date.now();
      const res = await post();
      assert.ok(Date.now() - start >= 280, `took ${Date.now() - start} ms`);
      assert.deepEqual(((await res.json()) as ApiReply).UserIdList, EXPECTED_LIST);
    });

    it('trickle sends the body slowly but completely', async () => {
      withFault({ fault: { kind: 'trickle', chunkBytes: 20, intervalMs: 25 } });
      const start = Date.now();
      const res = await post();
      const text = await res.text();
      const chunks = Math.ceil(Buffer.byteLength(text) / 20);
      assert.ok(Date.now() - start >= (chunks - 1) * 25 - 20, `took ${Date.now() - start} ms for ${chunks} chunks`);
      assert.deepEqual((JSON.parse(text) as ApiReply).UserIdList, EXPECTED_LIST);
    });

    it('resetBeforeResponse fails the request with a connection reset', async () => {
      withFault({ fault: { kind: 'resetBeforeResponse' } });
      const { code } = await failure(post());
      assert.equal(code, 'ECONNRESET');
    });

    it('resetMidBody gives headers, then fails while reading the body', async () => {
      withFault({ fault: { kind: 'resetMidBody' } });
      const res = await post();
      assert.equal(res.status, 200);
      const { code } = await failure(res.text());
      assert.equal(code, 'ECONNRESET');
    });

    it('close drops the connection without an answer', async () => {
      withFault({ fault: { kind: 'close' } });
      const { message } = await failure(post());
      assert.match(message, /fetch failed/);
    });

    it('http502 answers an HTML page with status 502', async () => {
      withFault({ fault: { kind: 'http502' } });
      const res = await post();
      assert.equal(res.status, 502);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /<html>[\s\S]*502 Bad Gateway/);
    });

    it('http503 answers status 503', async () => {
      withFault({ fault: { kind: 'http503' } });
      const res = await post();
      assert.equal(res.status, 503);
      await res.text();
    });

    it('nonJson answers 200 with a body that does not parse', async () => {
      withFault({ fault: { kind: 'nonJson' } });
      const res = await post();
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.throws(() => JSON.parse(text), SyntaxError);
    });

    it('truncatedJson answers a complete message whose JSON stops halfway', async () => {
      withFault({ fault: { kind: 'truncatedJson' } });
      const res = await post();
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.ok(text.startsWith('{"ActionStatus":"OK"'), text);
      assert.throws(() => JSON.parse(text), SyntaxError);
    });
  });

  describe('shape faults', () => {
    const cases: [FaultRule['fault'], (json: ApiReply) => void][] = [
      [{ kind: 'wrongShape', variant: 'array' }, (json) => assert.ok(Array.isArray(json))],
      [{ kind: 'wrongShape', variant: 'errorCodeString' }, (json) => assert.equal(json.ErrorCode, '0')],
      [{ kind: 'wrongShape', variant: 'userIdListNotArray' }, (json) => assert.ok(json.UserIdList && !Array.isArray(json.UserIdList))],
      [{ kind: 'wrongShape', variant: 'roleNotString' }, (json) => assert.ok(json.UserIdList.every((e: { Role: unknown }) => typeof e.Role !== 'string'))],
      [{ kind: 'userIdList', variant: 'missing' }, (json) => assert.equal('UserIdList' in json, false)],
      [{ kind: 'userIdList', variant: 'unrequested' }, (json) => assert.deepEqual(json.UserIdList.slice(0, 3), EXPECTED_LIST)],
      [{ kind: 'userIdList', variant: 'duplicated' }, (json) => assert.deepEqual(json.UserIdList, [...EXPECTED_LIST, EXPECTED_LIST[0]])],
      [{ kind: 'userIdList', variant: 'dropOne' }, (json) => assert.deepEqual(json.UserIdList, EXPECTED_LIST.slice(0, 2))],
    ];
    for (const [fault, check] of cases) {
      it(`${fault.kind} ${'variant' in fault ? fault.variant : ''}`, async () => {
        withFault({ fault, times: 1 });
        const json = await postJson();
        check(json);
        if (fault.kind === 'userIdList' && fault.variant === 'unrequested') {
          assert.equal(json.UserIdList.length, 4);
          assert.ok(!BODY.User_Account.includes(json.UserIdList[3].Member_Account));
        }
        assert.deepEqual((await postJson()).UserIdList, EXPECTED_LIST, 'times: 1 hits one request only');
      });
    }
  });

  describe('errorCode, counts, probability, filters', () => {
    it('10002 once, then success', async () => {
      withFault({ fault: { kind: 'errorCode', code: 10002 }, times: 1 });
      const first = await postJson();
      assert.equal(first.ErrorCode, 10002);
      assert.equal(first.ActionStatus, 'FAIL');
      assert.equal((await postJson()).ErrorCode, 0);
      assert.equal(standIn.server.requests[0].fault, 'errorCode');
      assert.equal(standIn.server.requests[0].errorCode, 10002);
      assert.equal(standIn.server.requests[1].fault, undefined);
    });

    it('uses the given ErrorInfo', async () => {
      withFault({ fault: { kind: 'errorCode', code: 70001, info: 'sig expired (injected)' } });
      assert.deepEqual(await postJson(), { ActionStatus: 'FAIL', ErrorCode: 70001, ErrorInfo: 'sig expired (injected)' });
    });

    it('a 60007 storm by probability hits some requests, reproducibly for a seed', async () => {
      const run = async (s: StandIn) => {
        s.addFault({ fault: { kind: 'errorCode', code: 60007 }, probability: 0.5 });
        const codes: number[] = [];
        for (let i = 0; i < 40; i++) {
          const res = await fetch(apiUrl(s.url, 'get_role_in_group'), { method: 'POST', body: JSON.stringify(BODY) });
          codes.push(((await res.json()) as { ErrorCode: number }).ErrorCode);
        }
        return codes;
      };
      const first = await run(standIn.server);
      const hits = first.filter((c) => c === 60007).length;
      assert.ok(hits > 5 && hits < 35, `${hits} of 40 hit`);
      assert.ok(first.every((c) => c === 0 || c === 60007));
      assert.equal(standIn.server.stats().faults, hits);
      const twin = await startStandIn({ data: TEST_DATA_FILE, requestsPerSecond: false });
      try {
        assert.deepEqual(await run(twin), first, 'the same seed gives the same storm');
      } finally {
        await twin.close();
      }
    });

    it('filters by api and by group', async () => {
      withFault({ fault: { kind: 'errorCode', code: 10002 }, api: 'get_group_info' });
      withFault({ fault: { kind: 'errorCode', code: 10010 }, groupId: TEST_GROUPS.public });
      assert.equal((await postJson()).ErrorCode, 0);
      assert.equal((await postJson({ GroupIdList: [TEST_GROUPS.work] }, 'get_group_info')).ErrorCode, 10002);
      assert.equal((await postJson({ ...BODY, GroupId: TEST_GROUPS.public })).ErrorCode, 10010);
      assert.equal((await postJson({ GroupIdList: [TEST_GROUPS.public] }, 'get_group_member_info')).ErrorCode, 10010);
      standIn.server.clearFaults();
      assert.equal((await postJson({ ...BODY, GroupId: TEST_GROUPS.public })).ErrorCode, 0);
    });

    it('refuses a malformed rule', () => {
      assert.throws(() => standIn.server.addFault({ fault: { kind: 'explode' } } as unknown as FaultRule), /unknown or malformed fault/);
      assert.throws(() => standIn.server.addFault({ fault: { kind: 'delay', ms: 1 }, probability: 2 }), /probability/);
      assert.throws(() => standIn.server.addFault({ fault: { kind: 'delay', ms: 1 }, times: 0 }), /times/);
    });

    it('close() ends pending delayed answers at once', async () => {
      withFault({ fault: { kind: 'delay', ms: 60_000 } });
      const pending = post().then(
        () => 'answered',
        () => 'failed',
      );
      await new Promise((r) => setTimeout(r, 100));
      const start = Date.now();
      await standIn.server.close();
      assert.equal(await pending, 'failed');
      assert.ok(Date.now() - start < 1000);
    });
  });

  describe('rate limit', () => {
    const burst = async (count: number, to: StandIn = standIn.server) => {
      const codes = await Promise.all(
        Array.from({ length: count }, () => post(BODY, 'get_role_in_group', to).then(async (r) => ((await r.json()) as { ErrorCode: number }).ErrorCode)),
      );
      return { ok: codes.filter((c) => c === 0).length, limited: codes.filter((c) => c === 60007).length };
    };

    it('answers 60007 above 200 requests/s by default', async () => {
      const limiting = await startStandIn({ data: TEST_DATA_FILE });
      try {
        // A loaded machine may spread one burst over more than a second; a few bursts always saturate it.
        const started = Date.now();
        let ok = 0;
        let limited = 0;
        for (let i = 0; i < 4 && limited === 0; i++) {
          const b = await burst(250, limiting);
          ok += b.ok;
          limited += b.limited;
        }
        const seconds = (Date.now() - started) / 1000;
        assert.ok(limited > 0, 'some requests were limited');
        assert.ok(ok >= 200, `${ok} admitted`);
        assert.ok(ok <= 200 * Math.ceil(seconds + 1), `${ok} admitted in ${seconds} s`);
        assert.equal(limiting.stats().rateLimited, limited);
        assert.equal(limiting.requests.filter((r) => r.errorCode === 60007).length, limited);
      } finally {
        await limiting.close();
      }
    });

    it('limits nothing when off', async () => {
      const { limited } = await burst(250);
      assert.equal(limited, 0);
    });

    it('follows setRequestsPerSecond and frees the window after a second', async () => {
      standIn.server.setRequestsPerSecond(5);
      const first = await burst(8);
      assert.deepEqual(first, { ok: 5, limited: 3 });
      await new Promise((r) => setTimeout(r, 1050));
      assert.deepEqual(await burst(5), { ok: 5, limited: 0 });
      assert.throws(() => standIn.server.setRequestsPerSecond(0), /positive integer or false/);
    });
  });
});
