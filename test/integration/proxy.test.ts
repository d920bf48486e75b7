// Proxies in the real extension host: the user's http.proxy never carries a request to the loopback
// stand-in, and a value that cannot be used ends each check in one clear error that names http.proxy (its
// password masked) with nothing sent, while the next check after fixing it works.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { TEST_GROUPS } from '../standin/data/test-app';
import type { StandIn } from '../standin/server';
import { assertEveryAccountAccounted, connectionCounter, UnhandledWatch, workRole } from './hardeningKit';
import { extensionApi, resetExtensionState, setTestCredentials, sleep, startTestServer, stopTestServer, within, type CheckJson } from './support';

const GROUPS = [TEST_GROUPS.work, TEST_GROUPS.public];
const ACCOUNTS = ['alice', 'bob', 'yuri'];
const PASSWORD = 's3cret-proxy-pw';

function check(): Promise<CheckJson> {
  return within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds: GROUPS, accounts: ACCOUNTS }), 60_000, 'chatRoles.checkRoles');
}

/** Sets the user's http.proxy; the extension follows it from its next request. */
function setUserProxy(value: string | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration('http').update('proxy', value, vscode.ConfigurationTarget.Global);
}

describe('proxies: http.proxy in the extension host', function () {
  this.timeout(120_000);
  let server: StandIn;
  let previousProxy: string | undefined;
  let watch: UnhandledWatch;

  before(async () => {
    await extensionApi();
    server = await startTestServer();
    await setTestCredentials();
    previousProxy = vscode.workspace.getConfiguration('http').inspect<string>('proxy')?.globalValue;
  });
  after(async () => {
    await setUserProxy(previousProxy);
    await stopTestServer(server);
    await resetExtensionState();
  });
  beforeEach(() => {
    watch = new UnhandledWatch();
    server.resetRecords();
  });
  afterEach(async () => {
    await setUserProxy(previousProxy);
    await sleep(50); // a stray rejection surfaces on a later turn
    watch.assertNone('this test');
    watch.dispose();
  });

  function assertAllRoles(result: CheckJson, what: string): void {
    const [work] = assertEveryAccountAccounted(result, GROUPS, ACCOUNTS);
    for (const account of ACCOUNTS) assert.strictEqual(work.get(account), workRole(account), `${what}: ${account}`);
  }

  it('a loopback endpoint is reached directly: the user\'s http.proxy (written host:port) sees no connection', async () => {
    const proxy = await connectionCounter();
    try {
      await setUserProxy(proxy.hostPort);
      assertAllRoles(await check(), 'through http.proxy');
      assert.ok(server.requests.length >= GROUPS.length, 'the stand-in answered');
      assert.strictEqual(proxy.count(), 0, 'the proxy saw no connection');
    } finally {
      await proxy.close();
    }
  });

  it('an unusable http.proxy: one INVALID_PROXY per group naming http.proxy (password masked), nothing sent; the next check after fixing it works', async () => {
    // A check first, so that the client exists and the bad setting reaches it as a rebuild.
    assertAllRoles(await check(), 'before');
    server.resetRecords();

    await setUserProxy(`http://admin:${PASSWORD}@[bad`);
    const result = await check();
    assertEveryAccountAccounted(result, GROUPS, ACCOUNTS);
    for (const group of result.groups) {
      assert.deepStrictEqual(group.roles, [], `${group.groupId}: no role`);
      const errors = group.errors ?? (group.error ? [group.error] : []);
      assert.strictEqual(errors.length, 1, `${group.groupId}: one error (${JSON.stringify(errors)})`);
      const [error] = errors;
      assert.strictEqual(error.code, 'INVALID_PROXY');
      assert.ok(error.message.includes('http.proxy "http://admin:***@[bad" cannot be used'), error.message);
      assert.ok(!error.message.includes(PASSWORD), 'the password is masked');
      assert.doesNotMatch(error.message, /attempts|DESTROYED/, 'final at the first attempt');
    }
    assert.strictEqual(server.requests.length, 0, 'the stand-in saw no request');

    await setUserProxy(previousProxy);
    assertAllRoles(await check(), 'after fixing http.proxy');
  });
});
