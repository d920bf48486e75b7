// The Chat client against hostile or huge answers and checks: nothing it does for one may hold the
// extension host's event loop for long. Counts and sizes are asserted, never wall-clock times.
import * as assert from 'assert';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatClient, MAX_PAIRS_PER_CHECK, type LogLevel } from '../../src/chat/client';
import { clipLogLine, MAX_LOG_LINE_CHARS } from '../../src/chat/query';
import type { Credentials } from '../../src/chat/types';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { startStandIn, type StandIn } from '../standin/server';
import { userSig } from '../standin/test-kit';

const WITH_KEY: Credentials = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY };

describe('client: hostile answers and huge checks', function () {
  this.timeout(60_000);
  const logs: { level: LogLevel; message: string }[] = [];
  const clients: ChatClient[] = [];
  const servers: Server[] = [];

  const client = (endpoint: string) => {
    const c = new ChatClient({ region: 'singapore', endpoint, retry: { baseDelayMs: 5, maxDelayMs: 40 }, log: (level, message) => logs.push({ level, message }) });
    clients.push(c);
    return c;
  };
  /** A loopback server that answers every request with `answer`; `sent` counts the bytes it got out. */
  const serve = async (answer: (res: ServerResponse) => void) => {
    const server = createServer((req, res) => req.resume().on('end', () => answer(res)));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  afterEach(async () => {
    logs.length = 0;
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('stops reading a role answer past 256 KB and drops the connection: one request, BAD_RESPONSE', async () => {
    let written = 0;
    let closedEarly = false;
    const url = await serve((res) => {
      res.on('close', () => (closedEarly = !res.writableFinished));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ErrorCode":0,"X":[{}');
      // 16 MB of empty objects (over the 8 MB every answer may have), written as the client reads them.
      const chunk = ',{}'.repeat(16_384);
      const more = () => {
        while (written < 16 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        if (!res.destroyed) res.end('],"UserIdList":[]}');
      };
      more();
    });
    const c = client(url);
    const [result] = await c.getRoleInGroup(WITH_KEY, ['@TGS#1HOSTILE'], ['alice']);
    assert.strictEqual(result.errors[0]?.code, 'BAD_RESPONSE', JSON.stringify(result));
    assert.match(result.errors[0].message, /larger than 256 KB/);
    assert.strictEqual(c.stats.requests, 1, 'an oversized answer is not asked for again');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(closedEarly, 'the connection was dropped before the server finished');
    assert.ok(written < 16 * 1024 * 1024, `the server got ${written} bytes out`);
  });

  it('logs at most 64 characters of each unrequested name and caps the line before redacting it', async () => {
    const huge = 'x'.repeat(5_000);
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ErrorCode: 0, UserIdList: [{ Member_Account: 'alice', Role: 'Owner' }, ...Array.from({ length: 3 }, (_, i) => ({ Member_Account: `${i}${huge}`, Role: 'Owner' }))] }));
    });
    const [result] = await client(url).getRoleInGroup(WITH_KEY, ['@TGS#1HOSTILE'], ['alice']);
    assert.deepStrictEqual(result.roles, [{ account: 'alice', role: 'Owner' }]);
    const warn = logs.find((l) => l.level === 'warn' && /not asked for/.test(l.message));
    assert.ok(warn, 'the unrequested accounts were logged');
    assert.ok(warn.message.includes(`"0${'x'.repeat(63)}…"`), warn.message.slice(0, 300));
    assert.ok(warn.message.length < 1000, `a ${warn.message.length}-character line`);
    for (const { message } of logs) assert.ok(message.length <= 4200, `a ${message.length}-character log line`);
  });

  it('clips a log line to MAX_LOG_LINE_CHARS before it reaches redaction, saying how much was cut', () => {
    const clipped = clipLogLine('y'.repeat(1_000_000));
    assert.ok(clipped.length < MAX_LOG_LINE_CHARS + 40, `${clipped.length} characters`);
    assert.match(clipped, /… \(995904 more characters\)$/);
    assert.strictEqual(clipLogLine('short'), 'short');
  });

  describe('against the stand-in', () => {
    let standIn: StandIn;
    before(async () => (standIn = await startStandIn({ data: TEST_DATA_FILE })));
    after(async () => standIn.close());

    it(`a check of more than ${MAX_PAIRS_PER_CHECK} group × account pairs sends nothing; every account ends in INVALID_INPUT`, async () => {
      const groups = Array.from({ length: 1001 }, (_, i) => `@TGS#1GROUP${i}`);
      const accounts = Array.from({ length: 1000 }, (_, i) => `user_${i}`);
      standIn.resetRecords();
      const results = await client(standIn.url).getRoleInGroup(WITH_KEY, groups, accounts);
      assert.strictEqual(standIn.requests.length, 0, 'nothing was sent');
      assert.strictEqual(results.length, groups.length);
      for (const r of results) {
        assert.strictEqual(r.roles.length, 0);
        assert.deepStrictEqual(r.errors.map((e) => e.code), ['INVALID_INPUT']);
        assert.strictEqual(r.errors[0].accounts.length, accounts.length);
        assert.match(r.errors[0].message, /1001 group\(s\) × 1000 account\(s\) = 1001000 pairs/);
      }
    });

    it('hands the event loop back while it puts 100,000 failed accounts together', async () => {
      const expired = { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: userSig({ expireSeconds: 60, issuedAtMs: Date.now() - 3_600_000 }) };
      const accounts = Array.from({ length: 100_000 }, (_, i) => `user_${i}`);
      let turns = 0;
      let ticking = true;
      const tick = () => {
        turns++;
        if (ticking) setImmediate(tick);
      };
      setImmediate(tick);
      const [result] = await client(standIn.url).getRoleInGroup(expired, ['@TGS#1GROUP'], accounts);
      ticking = false;
      assert.strictEqual(result.errors.length, 1);
      assert.strictEqual(result.errors[0].accounts.length, accounts.length);
      // 100,000 accounts in slices of 4,096: the loop ran between at least that many slices.
      assert.ok(turns >= 20, `the event loop turned ${turns} time(s) during the check`);
    });
  });
});
