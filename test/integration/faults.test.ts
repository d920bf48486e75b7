// The fault matrix: every way the network and the server can misbehave, each run through the real
// chatRoles.checkRoles command against the stand-in's fault injection. For each: the check ends within
// its deadline, every requested account ends in a role or a named error, nothing is thrown unhandled, and
// the very next check works. The tests are generated from FAULTS, the one table of faults and outcomes.
import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import { TEST_GROUPS } from '../standin/data/test-app';
import type { FaultRule, StandIn } from '../standin/server';
import { assertEveryAccountAccounted, UnhandledWatch, withUserSettings, workRole } from './hardeningKit';
import { extensionApi, resetExtensionState, setTestCredentials, sleep, startTestServer, stopTestServer, within, type CheckJson } from './support';

const GROUP = TEST_GROUPS.work;
/** An Owner, an Admin, a Member and an account in no group: every role the answer can carry. */
const ACCOUNTS = ['alice', 'bob', 'carol', 'yuri'];
/** chatRoles.timeoutSeconds for this suite: its minimum, so "slower than the timeout" costs 4 s, not 10. */
const TIMEOUT_SECONDS = 4;
/**
 * The longest a check of one batch may take: the client's total retry deadline (RetryOptions.deadlineMs,
 * 30 s by default; the extension keeps the default). Asserted with slack for a loaded 2-core machine.
 */
const CHECK_DEADLINE_MS = 30_000;
const SLACK_MS = 10_000;

type Expected =
  /** Every account ends in its seed role (the client recovered, or the fault did not matter). */
  | { roles: 'all' }
  /** Every account ends in this error. */
  | { error: string | number }
  /** These accounts end in the error; the others in their roles. */
  | { error: string | number; only: string[] };

interface FaultRow {
  fault: string;
  /** Stand-in fault rules (scoped to get_role_in_group), or an endpoint that cannot be reached at all. */
  cause: { rules: FaultRule['fault'][]; times?: number } | { endpoint: 'closed port' | 'unresolvable host' };
  expect: Expected;
}

/** The fault matrix. `times` unset = every request fails that way (the client must give up cleanly). */
const FAULTS: FaultRow[] = [
  { fault: 'connection refused (nothing listens on the port)', cause: { endpoint: 'closed port' }, expect: { error: 'NETWORK' } },
  { fault: 'unresolvable host (https://nonexistent.invalid)', cause: { endpoint: 'unresolvable host' }, expect: { error: 'NETWORK' } },
  { fault: 'reset before the response, every time', cause: { rules: [{ kind: 'resetBeforeResponse' }] }, expect: { error: 'NETWORK' } },
  { fault: 'reset before the response, once', cause: { rules: [{ kind: 'resetBeforeResponse' }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'socket closed without an answer, every time', cause: { rules: [{ kind: 'close' }] }, expect: { error: 'NETWORK' } },
  { fault: 'reset mid-body, every time', cause: { rules: [{ kind: 'resetMidBody' }] }, expect: { error: 'NETWORK' } },
  { fault: 'reset mid-body, once', cause: { rules: [{ kind: 'resetMidBody' }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'HTTP 502 with an HTML page, every time', cause: { rules: [{ kind: 'http502' }] }, expect: { error: 'HTTP_STATUS' } },
  { fault: 'HTTP 503, every time', cause: { rules: [{ kind: 'http503' }] }, expect: { error: 'HTTP_STATUS' } },
  { fault: 'HTTP 503, once', cause: { rules: [{ kind: 'http503' }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'headers slower than the timeout, every time', cause: { rules: [{ kind: 'delay', ms: (TIMEOUT_SECONDS + 2) * 1000 }] }, expect: { error: 'TIMEOUT' } },
  { fault: 'headers slower than the timeout, once', cause: { rules: [{ kind: 'delay', ms: (TIMEOUT_SECONDS + 2) * 1000 }], times: 1 }, expect: { roles: 'all' } },
  // The body is ~250 bytes: 8 bytes every 250 ms takes ~8 s, past the 4 s timeout that covers the body too.
  { fault: 'a body that trickles past the timeout, once', cause: { rules: [{ kind: 'trickle', chunkBytes: 8, intervalMs: 250 }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'a body that trickles within the timeout, every time', cause: { rules: [{ kind: 'trickle', chunkBytes: 16, intervalMs: 20 }] }, expect: { roles: 'all' } },
  { fault: 'truncated JSON, every time', cause: { rules: [{ kind: 'truncatedJson' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'truncated JSON, once', cause: { rules: [{ kind: 'truncatedJson' }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'non-JSON 200 (an HTML sign-in page), every time', cause: { rules: [{ kind: 'nonJson' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'wrong shape: a JSON array', cause: { rules: [{ kind: 'wrongShape', variant: 'array' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'wrong type: ErrorCode a string', cause: { rules: [{ kind: 'wrongShape', variant: 'errorCodeString' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'wrong type: UserIdList an object', cause: { rules: [{ kind: 'wrongShape', variant: 'userIdListNotArray' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'wrong type: Role a number or null', cause: { rules: [{ kind: 'wrongShape', variant: 'roleNotString' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'UserIdList missing', cause: { rules: [{ kind: 'userIdList', variant: 'missing' }] }, expect: { error: 'BAD_RESPONSE' } },
  { fault: 'UserIdList with an unrequested account', cause: { rules: [{ kind: 'userIdList', variant: 'unrequested' }] }, expect: { roles: 'all' } },
  { fault: 'UserIdList with a duplicated account', cause: { rules: [{ kind: 'userIdList', variant: 'duplicated' }] }, expect: { roles: 'all' } },
  { fault: 'UserIdList missing a requested account', cause: { rules: [{ kind: 'userIdList', variant: 'dropOne' }] }, expect: { error: 'MISSING_FROM_RESPONSE', only: ['yuri'] } },
  { fault: '10002 (server busy) once, then success', cause: { rules: [{ kind: 'errorCode', code: 10002, info: 'System error' }], times: 1 }, expect: { roles: 'all' } },
  { fault: 'a 60007 storm (over the frequency limit, every time)', cause: { rules: [{ kind: 'errorCode', code: 60007, info: 'Request frequency limit' }] }, expect: { error: 60007 } },
];

/** A loopback port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function describeExpected(e: Expected): string {
  if ('roles' in e) return 'every account gets its role';
  return 'only' in e ? `${e.only.join(', ')} end in ${String(e.error)}, the rest in roles` : `every account ends in ${String(e.error)}`;
}

function runCheck(): Promise<CheckJson> {
  return within(
    vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds: [GROUP], accounts: ACCOUNTS }),
    CHECK_DEADLINE_MS + SLACK_MS,
    'the check to end',
  );
}

function assertAllRoles(result: CheckJson, what: string): void {
  const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ACCOUNTS);
  for (const account of ACCOUNTS) assert.strictEqual(outcomes.get(account), workRole(account), `${what}: ${account}`);
}

describe('hardening: fault matrix', function () {
  this.timeout(CHECK_DEADLINE_MS * 2 + SLACK_MS * 2);
  let server: StandIn;
  let settings: { restore(): Promise<void> };

  before(async () => {
    await extensionApi();
    server = await startTestServer();
    settings = await withUserSettings({ timeoutSeconds: TIMEOUT_SECONDS });
    await setTestCredentials();
  });
  after(async () => {
    await settings?.restore();
    await stopTestServer(server);
    await resetExtensionState();
  });

  it('the table covers every fault of the issue', () => {
    const kinds = new Set<string>(FAULTS.flatMap((row) => ('rules' in row.cause ? row.cause.rules.map((r) => r.kind) : [row.cause.endpoint])));
    for (const kind of ['closed port', 'unresolvable host', 'resetBeforeResponse', 'resetMidBody', 'http502', 'http503', 'delay', 'trickle', 'truncatedJson', 'nonJson', 'wrongShape', 'userIdList', 'errorCode']) {
      assert.ok(kinds.has(kind), `no row for ${kind}`);
    }
  });

  for (const row of FAULTS) {
    it(`${row.fault} → ${describeExpected(row.expect)}; the next check works`, async () => {
      const watch = new UnhandledWatch();
      try {
        server.clearFaults();
        server.resetRecords();
        if ('rules' in row.cause) {
          for (const fault of row.cause.rules) server.addFault({ fault, api: 'get_role_in_group', times: row.cause.times });
        } else {
          const endpoint = row.cause.endpoint === 'closed port' ? `http://127.0.0.1:${await closedPort()}` : 'https://nonexistent.invalid';
          await vscode.workspace.getConfiguration('chatRoles').update('endpoint', endpoint, vscode.ConfigurationTarget.Global);
        }

        const started = Date.now();
        const result = await runCheck();
        const elapsed = Date.now() - started;
        assert.ok(elapsed < CHECK_DEADLINE_MS + SLACK_MS, `ended within its deadline (took ${elapsed} ms)`);
        const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ACCOUNTS);
        const expect = row.expect;
        for (const account of ACCOUNTS) {
          const wanted = 'roles' in expect || ('only' in expect && !expect.only.includes(account)) ? workRole(account) : expect.error;
          assert.strictEqual(outcomes.get(account), wanted, `${account} (answer: ${JSON.stringify(result.groups[0])})`);
        }
        if ('rules' in row.cause) assert.ok(server.stats().faults > 0, 'the fault was injected');

        // The very next check, with the fault gone, works.
        server.clearFaults();
        if (!('rules' in row.cause)) await vscode.workspace.getConfiguration('chatRoles').update('endpoint', server.url, vscode.ConfigurationTarget.Global);
        assertAllRoles(await runCheck(), 'the next check');
        await sleep(50); // a stray rejection surfaces on a later turn
        watch.assertNone(row.fault);
      } finally {
        watch.dispose();
        server.clearFaults();
        await vscode.workspace.getConfiguration('chatRoles').update('endpoint', server.url, vscode.ConfigurationTarget.Global);
      }
    });
  }
});
