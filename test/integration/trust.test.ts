// Trust and scope: a repository's .vscode/settings.json must never decide where the UserSig goes. A second
// stand-in plays the attacker; the first, set in user settings, must get every request. The integration
// layer runs this file twice: in a trusted workspace (with the rest of the suite) and again with workspace
// trust on and the folder untrusted (CHAT_ROLES_TEST_TRUST=off). Also: plain http off loopback is refused,
// and a failing SecretStorage gives the keyring message instead of a crash.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import { readConnectionSettings } from '../../src/settings';
import { TEST_DATA_FILE, TEST_GROUPS } from '../standin/data/test-app';
import { startStandIn, type StandIn } from '../standin/server';
import { assertEveryAccountAccounted, connectionCounter, type ConnectionCounter, NotificationRecorder, UnhandledWatch, withUserSettings, workRole } from './hardeningKit';
import { extensionApi, resetExtensionState, setTestCredentials, sleep, startTestServer, stopTestServer, waitFor, within, type CheckJson } from './support';

const GROUP = TEST_GROUPS.work;
const ACCOUNTS = ['alice', 'bob', 'yuri'];
/** A harmless workspace setting written with the hostile ones: once it applies, VS Code has read the file. */
const SENTINEL = 'workspace-settings-applied';
const expectTrusted = process.env.CHAT_ROLES_TEST_TRUST !== 'off';

function check(groupIds = [GROUP], accounts = ACCOUNTS): Promise<CheckJson> {
  return within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds, accounts }), 60_000, 'chatRoles.checkRoles');
}

describe(`hardening: trust and scope (${expectTrusted ? 'trusted' : 'untrusted'} workspace)`, function () {
  this.timeout(90_000);
  let api: ChatRolesApi;
  let honest: StandIn;
  let attacker: StandIn;
  let proxy: ConnectionCounter;
  let settingsFile: string;
  let watch: UnhandledWatch;

  before(async () => {
    api = await extensionApi();
    honest = await startTestServer();
    attacker = await startStandIn({ data: TEST_DATA_FILE, requestsPerSecond: false });
    proxy = await connectionCounter();
    await setTestCredentials();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test window has a workspace folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify(
        {
          'chatRoles.endpoint': attacker.url,
          'chatRoles.region': 'china',
          'http.proxy': `http://${proxy.hostPort}`,
          // Would spend the app's shared rate limit as fast as the manifest allows.
          'chatRoles.requestsPerSecond': 10000,
          'chatRoles.timeoutSeconds': 4,
          'chatRoles.accounts': [SENTINEL],
        },
        null,
        2,
      ),
    );
    await waitFor('VS Code to apply the workspace settings', () => (vscode.workspace.getConfiguration('chatRoles').get<string[]>('accounts') ?? []).includes(SENTINEL), 20_000);
  });
  after(async () => {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    await waitFor('the workspace settings to go', () => !(vscode.workspace.getConfiguration('chatRoles').get<string[]>('accounts') ?? []).includes(SENTINEL), 20_000).catch(() => undefined);
    await stopTestServer(honest);
    await attacker?.close();
    await proxy?.close();
    await resetExtensionState();
  });
  beforeEach(() => {
    watch = new UnhandledWatch();
    honest.resetRecords();
    attacker.resetRecords();
  });
  afterEach(async () => {
    await sleep(50);
    watch.assertNone('this test');
    watch.dispose();
  });

  it(`runs in ${expectTrusted ? 'a trusted' : 'an untrusted'} workspace`, () => {
    assert.strictEqual(vscode.workspace.isTrusted, expectTrusted);
  });

  it('a workspace endpoint, region and proxy get nothing: the user-level endpoint gets the request', async () => {
    const proxyBefore = proxy.count();
    const [outcomes] = assertEveryAccountAccounted(await check(), [GROUP], ACCOUNTS);
    for (const a of ACCOUNTS) assert.strictEqual(outcomes.get(a), workRole(a));
    assert.ok(honest.requests.length >= 1, 'the user-level stand-in answered');
    assert.strictEqual(attacker.requests.length, 0, 'the workspace endpoint got no request');
    assert.strictEqual(proxy.count(), proxyBefore, 'the workspace proxy got no connection');
  });

  it('with no user-level endpoint, the user\'s region is used, never the workspace\'s endpoint or region', async () => {
    const user = await withUserSettings({ endpoint: undefined, region: 'tokyo' });
    const proxyBefore = proxy.count();
    try {
      const result = await check();
      const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ACCOUNTS);
      // Offline, Tokyo's domains do not resolve: the error names them, and only them.
      for (const a of ACCOUNTS) assert.strictEqual(outcomes.get(a), 'NETWORK');
      const message = result.groups[0].error?.message ?? '';
      assert.match(message, /adminapijpn\.(im\.qcloud|my-imcloud)\.com/, message);
      assert.doesNotMatch(message, /tim\.qq\.com|adminapi\.my-imcloud\.com|127\.0\.0\.1/, message);
      assert.strictEqual(attacker.requests.length, 0, 'the workspace endpoint got no request');
      assert.strictEqual(honest.requests.length, 0);
      assert.strictEqual(proxy.count(), proxyBefore, 'the workspace proxy got no connection');
    } finally {
      await user.restore();
    }
  });

  it('workspace values of requestsPerSecond and timeoutSeconds are ignored; user values apply', async () => {
    assert.deepStrictEqual([readConnectionSettings().requestsPerSecond, readConnectionSettings().timeoutMs], [200, 10_000], 'the defaults, not the workspace\'s 10000/s and 4 s');
    const user = await withUserSettings({ requestsPerSecond: 50, timeoutSeconds: 30 });
    try {
      assert.deepStrictEqual([readConnectionSettings().requestsPerSecond, readConnectionSettings().timeoutMs], [50, 30_000]);
    } finally {
      await user.restore();
    }
  });

  const offLoopback = ['http://example.com', 'http://10.0.0.1:8080', 'http://127.0.0.1.nip.io', 'http://localhost.example.com', 'http://[::ffff:127.0.0.1]', 'HTTP://EXAMPLE.COM:80'];
  for (const endpoint of offLoopback) {
    it(`plain http off loopback is refused before anything is sent: ${endpoint}`, async () => {
      const user = await withUserSettings({ endpoint });
      try {
        const result = await check();
        const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ACCOUNTS);
        for (const a of ACCOUNTS) assert.strictEqual(outcomes.get(a), 'INVALID_ENDPOINT');
        assert.match(result.groups[0].error?.message ?? '', /plain http is allowed only for loopback hosts/);
        assert.strictEqual(honest.requests.length + attacker.requests.length, 0);
      } finally {
        await user.restore();
      }
    });
  }

  it('plain http on loopback and https anywhere are allowed', async () => {
    const user = await withUserSettings({ endpoint: honest.url.replace('127.0.0.1', 'localhost') });
    try {
      const [outcomes] = assertEveryAccountAccounted(await check(), [GROUP], ACCOUNTS);
      assert.strictEqual(outcomes.get('alice'), 'Owner');
      await vscode.workspace.getConfiguration('chatRoles').update('endpoint', 'https://nonexistent.invalid', vscode.ConfigurationTarget.Global);
      const [offline] = assertEveryAccountAccounted(await check(), [GROUP], ACCOUNTS);
      assert.strictEqual(offline.get('alice'), 'NETWORK', 'tried (and failed to resolve), not refused');
    } finally {
      await user.restore();
    }
  });

  describe('a SecretStorage that throws', () => {
    const locked = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
    let notifications: NotificationRecorder;
    beforeEach(() => {
      notifications = new NotificationRecorder();
      api.useSecretStorage({ get: locked, store: locked, delete: locked });
    });
    afterEach(async () => {
      api.useSecretStorage();
      notifications.dispose();
      await setTestCredentials();
    });

    const keyring = /secret storage.*keyring.*password-store=basic/s;

    it('on store: setCredentials rejects with the keyring message', async () => {
      await assert.rejects(Promise.resolve(setTestCredentials()), keyring);
    });

    it('on get: a check from the palette shows the keyring message, and a programmatic check rejects with it', async () => {
      assert.strictEqual(await within(vscode.commands.executeCommand('chatRoles.checkRoles'), 20_000, 'the interactive check'), undefined);
      assert.ok(notifications.texts.some((t) => keyring.test(t)), `notifications: ${JSON.stringify(notifications.texts)}`);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [GROUP], accounts: ['alice'] })), keyring);
      assert.strictEqual(honest.requests.length, 0);
    });

    it('on clear: the keyring message, and everything works again once storage does', async () => {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false })), keyring);
      api.useSecretStorage();
      await setTestCredentials();
      const [outcomes] = assertEveryAccountAccounted(await check(), [GROUP], ACCOUNTS);
      assert.strictEqual(outcomes.get('bob'), 'Admin');
    });
  });
});
