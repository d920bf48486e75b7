// The stand-in's control API (through the standInControl client) and its command line.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { standInControl } from '../standin/control';
import { DEMO_SDK_APP_ID, DEMO_SECRET_KEY } from '../standin/data/demo-app';
import { TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import type { SeedData } from '../standin/types';
import { call, userSig, useStandInServer, validQuery } from '../standin/test-kit';

const BODY = { GroupId: TEST_GROUPS.work, User_Account: ['alice'] };

describe('Chat API stand-in: control API', function () {
  this.timeout(10_000);
  const standIn = useStandInServer({ data: TEST_DATA_FILE, requestsPerSecond: false });
  let ctl: ReturnType<typeof standInControl>;
  beforeEach(() => {
    ctl = standInControl(standIn.server.url);
  });

  const roles = async (body: unknown = BODY) => (await call(standIn.server.url, 'get_role_in_group', { body })).json;

  it('adds and clears faults', async () => {
    await ctl.addFault({ fault: { kind: 'errorCode', code: 10002 }, times: 2 });
    assert.equal((await roles()).ErrorCode, 10002);
    await ctl.clearFaults();
    assert.equal((await roles()).ErrorCode, 0);
  });

  it('lists requests (UserSig redacted) and stats, resets them, and records none of its own calls', async () => {
    const sig = userSig();
    await call(standIn.server.url, 'get_role_in_group', { body: BODY, query: validQuery({ usersig: sig }) });
    const records = await ctl.requests();
    assert.equal(records.length, 1);
    assert.equal(records[0].query.usersig, '***');
    assert.equal(records[0].errorCode, 0);
    assert.ok(!JSON.stringify(records).includes(sig.slice(0, 40)));
    assert.deepEqual(await ctl.stats(), { total: 1, byCode: { '0': 1 }, faults: 0, rateLimited: 0 });
    await ctl.resetRecords();
    assert.deepEqual(await ctl.requests(), []);
    assert.equal((await ctl.stats()).total, 0);
  });

  it('sets the rate limit, and turns it off', async () => {
    await ctl.setRequestsPerSecond(1);
    assert.equal((await roles()).ErrorCode, 0);
    assert.equal((await roles()).ErrorCode, 60007);
    await ctl.setRequestsPerSecond(false);
    assert.equal((await roles()).ErrorCode, 0);
    await assert.rejects(ctl.setRequestsPerSecond(-3), /HTTP 400.*positive integer or false/);
  });

  it('replaces the data', async () => {
    const data: SeedData = {
      app: { sdkAppId: TEST_SDK_APP_ID, secretKey: TEST_SECRET_KEY, admins: ['administrator'] },
      users: ['administrator', 'neo'],
      groups: [{ groupId: 'matrix', type: 'Public', members: [{ account: 'neo', role: 'Owner' }] }],
    };
    await ctl.setData(data);
    assert.deepEqual((await roles({ GroupId: 'matrix', User_Account: ['neo'] })).UserIdList, [{ Member_Account: 'neo', Role: 'Owner' }]);
    assert.equal((await roles()).ErrorCode, 10010, 'the old groups are gone');
  });

  it('refuses bad input with a 400 that says why', async () => {
    await assert.rejects(ctl.addFault({ fault: { kind: 'nope' } } as never), /HTTP 400.*unknown or malformed fault/);
    await assert.rejects(ctl.setData({ app: {} } as never), /HTTP 400.*app\.sdkAppId/);
    const res = await fetch(new URL('/__standin/faults', standIn.server.url), { method: 'POST', body: '{not json' });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /the body must be JSON/);
    const missing = await fetch(new URL('/__standin/nothing', standIn.server.url));
    assert.equal(missing.status, 404);
    await missing.text();
    assert.equal(standIn.server.requests.length, 0, 'control calls are not recorded');
  });
});

describe('Chat API stand-in: command line', function () {
  this.timeout(15_000);
  const cli = join(__dirname, '..', 'standin', 'cli.js');
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  function start(args: string[]): { child: ChildProcess; output: () => string; url: Promise<string> } {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let text = '';
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line within 5 s: ${text}`)), 5000);
      const onData = (chunk: Buffer) => {
        text += chunk.toString();
        const m = /^Chat API stand-in listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => {
        clearTimeout(timer);
        reject(new Error(`exited: ${text}`));
      });
    });
    url.catch(() => undefined);
    return { child, output: () => text, url };
  }

  it('serves the given data, prints URL, SDKAppID and admin but no secret, and stops on SIGTERM', async () => {
    const { child, output, url } = start(['--port', '0', '--data', TEST_DATA_FILE, '--rate', 'off']);
    const base = await url;
    const { json } = await call(base, 'get_role_in_group', { body: BODY });
    assert.equal(json.ErrorCode, 0);
    assert.match(output(), new RegExp(`SDKAppID ${TEST_SDK_APP_ID}, admin administrator, ops_admin, no rate limit`));
    assert.ok(!output().includes(TEST_SECRET_KEY));
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.match(output(), /stopped \(SIGTERM\)/);
  });

  it('serves the demo data by default, prints the secret key only when asked, and stops on SIGINT', async () => {
    const { child, output, url } = start(['--print-credentials']);
    await url;
    assert.match(output(), new RegExp(`SDKAppID ${DEMO_SDK_APP_ID}`));
    assert.ok(output().includes(`Secret key ${DEMO_SECRET_KEY}`));
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  it('refuses bad arguments and unreadable data with a clear message', async () => {
    for (const [args, status, message] of [
      [['--rate', 'fast'], 2, /--rate must be a positive integer or off/],
      [['--bogus'], 2, /unknown argument --bogus/],
      [['--data', '/nonexistent/x.json'], 1, /Cannot read stand-in seed file/],
    ] as const) {
      const { child, output } = start([...args]);
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, status, output());
      assert.match(output(), message);
    }
  });
});
