// Several Chat apps side by side (issue 12): two apps on two stand-ins with their own SDKAppIDs, keys and
// origins; switching; one group in both; a removed app's Check Again; 0.1.0 state migrated; and a workspace
// that tries to add, change or select an app.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import { AppRegistry } from '../../src/apps/registry';
import { CREDENTIALS_SECRET_KEY } from '../../src/credentials/store';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { startStandIn, type SeedData, type StandIn } from '../standin/server';
import { NotificationRecorder } from './hardeningKit';
import { extensionApi, resetExtensionState, waitFor, within, type CheckJson } from './support';

const GROUP = TEST_GROUPS.work;
/** The second app: its own SDKAppID and key, and in its data alice is only a member of the work group. */
const PROD_SDK_APP_ID = 1400000042;
const PROD_SECRET_KEY = 'prod-test-only-not-a-real-secret-key-fedcba9876543210fedcba98765432';

function prodSeed(): SeedData {
  const seed = JSON.parse(fs.readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;
  seed.app = { ...seed.app, sdkAppId: PROD_SDK_APP_ID, secretKey: PROD_SECRET_KEY };
  const work = seed.groups.find((g) => g.groupId === GROUP)!;
  work.members = work.members.map((m) => (m.account === 'alice' ? { ...m, role: 'Member' } : m.account === 'bob' ? { ...m, role: 'Owner' } : m));
  return seed;
}

type AppsJson = { active: string | null; apps: { app: string; sdkAppId: string; identifier: string; region: string | null; endpoint: string | null; credential: string; userSigExpiresAt: string | null; allowRoleChanges: boolean }[] };

const listApps = () => vscode.commands.executeCommand<AppsJson>('chatRoles.listApps');
const check = (arg: Record<string, unknown>) => within(vscode.commands.executeCommand<CheckJson & { groups: { app: string; sdkAppId: string }[] }>('chatRoles.checkRoles', arg), 30_000, 'chatRoles.checkRoles');
const roleRequests = (server: StandIn) => server.requests.filter((r) => r.api === 'get_role_in_group').length;

/** A Memento and a SecretStorage in memory, for a registry that must start from a given stored state. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('apps: several Chat apps side by side', function () {
  this.timeout(60_000);
  let api: ChatRolesApi;
  let dev: StandIn;
  let prod: StandIn;

  before(async () => {
    api = await extensionApi();
    await resetExtensionState();
    dev = await startStandIn({ data: TEST_DATA_FILE, requestsPerSecond: false });
    prod = await startStandIn({ data: prodSeed(), requestsPerSecond: false });
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'dev', sdkAppId: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY, endpoint: dev.url });
    await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'prod', sdkAppId: String(PROD_SDK_APP_ID), identifier: TEST_ADMIN, secretKey: PROD_SECRET_KEY, endpoint: prod.url });
    dev.resetRecords();
    prod.resetRecords();
  });

  afterEach(async () => {
    await resetExtensionState();
  });

  after(async () => {
    await dev?.close();
    await prod?.close();
  });

  it('lists both apps, the first one set active, without any secret', async () => {
    const listed = await listApps();
    assert.deepStrictEqual(listed, {
      active: 'dev',
      apps: [
        { app: 'dev', sdkAppId: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, region: null, endpoint: dev.url, credential: 'secretKey', userSigExpiresAt: null, allowRoleChanges: false },
        { app: 'prod', sdkAppId: String(PROD_SDK_APP_ID), identifier: TEST_ADMIN, region: null, endpoint: prod.url, credential: 'secretKey', userSigExpiresAt: null, allowRoleChanges: false },
      ],
    });
    const text = JSON.stringify(listed) + JSON.stringify(api.state.global.keys().map((k) => api.state.global.get(k)));
    for (const secret of [TEST_SECRET_KEY, PROD_SECRET_KEY]) assert.ok(!text.includes(secret), 'no secret in the listing or in globalState');
  });

  it('checks one group in both apps, each on its own origin, and keeps two records', async () => {
    const inDev = await check({ groupIds: [GROUP], accounts: ['alice', 'bob'], app: 'dev' });
    const inProd = await check({ groupIds: [GROUP], accounts: ['alice', 'bob'], app: 'prod' });
    assert.deepStrictEqual(inDev.groups[0], {
      groupId: GROUP,
      app: 'dev',
      sdkAppId: String(TEST_SDK_APP_ID),
      roles: [{ account: 'alice', role: 'Owner' }, { account: 'bob', role: 'Admin' }],
      type: 'Work',
      name: 'Test work group',
      memberCount: 4,
    });
    assert.deepStrictEqual(inProd.groups[0], {
      groupId: GROUP,
      app: 'prod',
      sdkAppId: String(PROD_SDK_APP_ID),
      roles: [{ account: 'alice', role: 'Member' }, { account: 'bob', role: 'Owner' }],
      type: 'Work',
      name: 'Test work group',
      memberCount: 4,
    });
    assert.strictEqual(roleRequests(dev), 1, 'the dev app asks the dev origin once');
    assert.strictEqual(roleRequests(prod), 1, 'the prod app asks the prod origin once');
    assert.strictEqual((await listApps()).active, 'dev', 'checking with an app does not switch to it');

    const records = api.services.results.all().filter((r) => r.groupId === GROUP);
    assert.deepStrictEqual(records.map((r) => [r.app, r.sdkAppId]).sort(), [['dev', TEST_SDK_APP_ID], ['prod', PROD_SDK_APP_ID]]);
    // Results of two apps: the tree shows the apps at the top, each with its group.
    const top = api.services.tree.getChildren();
    assert.deepStrictEqual(top.map((n) => (n.kind === 'app' ? n.app : n.label)), ['prod', 'dev']);
    const groups = top.flatMap((n) => api.services.tree.getChildren(n));
    assert.ok(groups.every((g) => g.kind === 'group' && g.label === GROUP));
    assert.strictEqual(new Set(groups.map((g) => g.id)).size, 2, 'the same group of two apps is two nodes');
    assert.strictEqual(api.services.tree.getParent(groups[0])?.id, top[0].id);
  });

  it('shows a single app\'s results without app nodes', async () => {
    await check({ groupIds: [GROUP], accounts: ['alice'], app: 'dev' });
    const top = api.services.tree.getChildren();
    assert.ok(top.length === 1 && top[0].kind === 'group');
  });

  it('switches the active app: the status bar, the view title and unnamed checks follow it', async () => {
    await vscode.commands.executeCommand('chatRoles.useApp', { app: 'prod' });
    assert.strictEqual((await listApps()).active, 'prod');
    await waitFor('the status bar to show prod', () => api.statusBarView().text.startsWith('$(key) prod · Chat 1400000042'), 5000);
    assert.strictEqual(api.services.treeView.description, 'app prod');
    const result = await check({ groupIds: [GROUP], accounts: ['alice'] });
    assert.strictEqual(result.groups[0].app, 'prod');
    assert.strictEqual(roleRequests(prod), 1);
    assert.strictEqual(roleRequests(dev), 0);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.useApp', { app: 'staging' })), /no Chat app labelled "staging"/);
    await assert.rejects(check({ groupIds: [GROUP], accounts: ['alice'], app: 'staging' }), /no Chat app labelled "staging"/);
    assert.strictEqual((await listApps()).active, 'prod', 'an unknown label changes nothing');
  });

  it('turns the status bar red after the server refuses the active app\'s credentials, until they change', async () => {
    dev.addFault({ fault: { kind: 'errorCode', code: 70009 }, api: 'get_role_in_group', times: 1 });
    try {
      await check({ groupIds: [GROUP], accounts: ['alice'] });
    } finally {
      dev.clearFaults();
    }
    await waitFor('the error colour', () => JSON.stringify(api.statusBarView().backgroundColor) === JSON.stringify(new vscode.ThemeColor('statusBarItem.errorBackground')), 5000);
    const tip = api.statusBarView().tooltip;
    assert.match(tip instanceof vscode.MarkdownString ? tip.value : String(tip), /refused/);
    await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'dev', sdkAppId: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY, endpoint: dev.url });
    await waitFor('the normal colour', () => api.statusBarView().backgroundColor === undefined, 5000);
  });

  it('removes an app with its secret; its results stay, and Check Again says the app is gone', async () => {
    await check({ groupIds: [GROUP], accounts: ['alice'], app: 'prod' });
    await vscode.commands.executeCommand('chatRoles.useApp', { app: 'prod' });
    await vscode.commands.executeCommand('chatRoles.removeApp', { app: 'prod', confirm: false });
    const listed = await listApps();
    assert.deepStrictEqual([listed.active, listed.apps.map((a) => a.app)], [null, ['dev']], 'removing the active app leaves none active');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.removeApp', { app: 'prod', confirm: false })), /no Chat app labelled "prod"/);
    assert.ok(api.services.results.get(GROUP, 'prod'), 'the result of the removed app stays');

    const notes = new NotificationRecorder();
    try {
      prod.resetRecords();
      await vscode.commands.executeCommand('chatRoles.checkAgain', { groupId: GROUP, app: 'prod' });
      await waitFor('the removed-app warning', () => notes.texts.some((t) => /checked with app "prod", which was removed/.test(t)), 5000);
      assert.strictEqual(roleRequests(prod) + roleRequests(dev), 0, 'nothing is sent for a removed app');
    } finally {
      notes.dispose();
    }
  });

  it('sets the active app without `app`, keeping its endpoint; with `app` it replaces the whole app', async () => {
    await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: 'ops_admin', secretKey: TEST_SECRET_KEY });
    let dev1 = (await listApps()).apps.find((a) => a.app === 'dev');
    assert.deepStrictEqual([dev1?.identifier, dev1?.endpoint], ['ops_admin', dev.url]);
    await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'dev', sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY, region: 'tokyo', allowRoleChanges: true });
    dev1 = (await listApps()).apps.find((a) => a.app === 'dev');
    assert.deepStrictEqual([dev1?.region, dev1?.endpoint, dev1?.allowRoleChanges], ['tokyo', null, true]);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'bad/label', sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY })), /label/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'x', sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY, endpoint: 'http://example.com' })), /plain http/);
    assert.deepStrictEqual((await listApps()).apps.map((a) => a.app), ['dev', 'prod'], 'a refused call stores nothing');
  });

  it('migrates 0.1.0 state: the one credential set becomes app default, following the settings, asking nothing', async () => {
    const memento = new MemoryMemento();
    const stored = new Map<string, string>([[CREDENTIALS_SECRET_KEY, JSON.stringify({ sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY })]]);
    const secrets = {
      get: (k: string) => Promise.resolve(stored.get(k)),
      store: (k: string, v: string) => Promise.resolve(void stored.set(k, v)),
      delete: (k: string) => Promise.resolve(void stored.delete(k)),
    };
    const registry = new AppRegistry(memento, secrets, api.services.log);
    try {
      const resolved = await registry.resolve();
      assert.strictEqual(registry.active(), 'default');
      assert.deepStrictEqual(resolved.app, { label: 'default', sdkAppId: String(TEST_SDK_APP_ID), identifier: TEST_ADMIN, allowRoleChanges: false });
      assert.deepStrictEqual(resolved.credentials, { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY });
      assert.deepStrictEqual([...stored.keys()], [CREDENTIALS_SECRET_KEY], 'the secret stays where it was');
      await vscode.workspace.getConfiguration('chatRoles').update('region', 'frankfurt', vscode.ConfigurationTarget.Global);
      assert.strictEqual((await registry.resolve()).connection.region, 'frankfurt', 'default follows the region setting live');
    } finally {
      await vscode.workspace.getConfiguration('chatRoles').update('region', undefined, vscode.ConfigurationTarget.Global);
      registry.dispose();
    }
  });

  it('reads a 0.1.0-era stored record as app default\'s', async () => {
    const key = `chatRoles.results.v2/${GROUP}`;
    await api.state.workspace.update(key, { seq: 1, groupId: GROUP, sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, checkedAt: Date.now(), counts: { Owner: 1, Admin: 0, Member: 0, NotMember: 0 }, roles: [{ account: 'alice', role: 'Owner' }], errors: [] });
    const restored = api.restoredTree();
    try {
      const [node] = restored.getChildren();
      assert.ok(node?.kind === 'group' && node.record.app === 'default');
    } finally {
      restored.dispose();
      await api.state.workspace.update(key, undefined);
    }
  });

  it('ignores a workspace that tries to add, change or select an app through its state', async () => {
    const before = await listApps();
    for (const key of ['chatRoles.apps.v1', 'chatRoles.apps.lastUsed']) {
      await api.state.workspace.update(key, key.endsWith('lastUsed') ? 'evil' : [{ label: 'evil', sdkAppId: '1', identifier: 'x', endpoint: 'http://127.0.0.1:1', allowRoleChanges: true }]);
    }
    try {
      assert.deepStrictEqual(await listApps(), before);
      assert.strictEqual(api.services.apps.isRoleChangeAllowed('evil'), false);
      await check({ groupIds: [GROUP], accounts: ['alice'] });
      assert.strictEqual(roleRequests(dev), 1, 'the check still goes to the active app\'s own origin');
    } finally {
      for (const key of ['chatRoles.apps.v1', 'chatRoles.apps.lastUsed']) await api.state.workspace.update(key, undefined);
    }
  });
});

describe('apps: the region doctor', function () {
  this.timeout(60_000);
  let api: ChatRolesApi;
  /** One stand-in per region: Tokyo's holds the test app; the others do not know it (70020). */
  const regions = ['china', 'singapore', 'seoul', 'frankfurt', 'siliconValley', 'jakarta', 'tokyo', 'mumbai'] as const;
  const playing = new Map<string, StandIn>();
  const tokyo = () => playing.get('tokyo')!;
  const elsewhere = () => playing.get('china')!;
  const sent = () => [...playing.values()].reduce((n, s) => n + s.requests.length, 0);

  before(async () => {
    api = await extensionApi();
    await resetExtensionState();
    for (const r of regions) playing.set(r, await startStandIn({ data: r === 'tokyo' ? TEST_DATA_FILE : prodSeed(), requestsPerSecond: false }));
    api.useRegionOrigins(Object.fromEntries([...playing].map(([r, s]) => [r, s.url])));
  });

  after(async () => {
    api.useRegionOrigins();
    await resetExtensionState();
    for (const s of playing.values()) await s.close();
  });

  it('offers "Find the App\'s Region" on a 70020, asks each region once, and switches the app to the one that knows it', async () => {
    // The app was set up against the wrong data center (played by a custom endpoint here).
    await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'lost', sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY, endpoint: elsewhere().url });
    const result = await check({ groupIds: [GROUP], accounts: ['alice'] });
    assert.strictEqual(result.groups[0].error?.code, 70020);

    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: `const g = '${GROUP}';\n` }));
    api.services.diagnostics.reportMany(editor.document, [{ groupId: GROUP, app: 'lost', code: 70020, message: 'SDKAppID not found', moreErrors: 0 }]);
    const at = new vscode.Range(0, 11, 0, 11 + GROUP.length);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, at);
    const find = actions.find((a) => a.title === 'Find the App\'s Region');
    assert.deepStrictEqual(find?.command?.arguments, [{ app: 'lost' }], 'the quick fix names the app of the diagnostic');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    for (const s of playing.values()) s.resetRecords();
    const answers = await within(vscode.commands.executeCommand<{ region: string; knowsApp: boolean; code?: number }[]>('chatRoles.findAppRegion', { app: 'lost', confirm: false, switch: true }), 30_000, 'the region doctor');
    assert.deepStrictEqual(answers.filter((a) => a.knowsApp).map((a) => a.region), ['tokyo']);
    assert.ok(answers.filter((a) => !a.knowsApp).every((a) => a.code === 70020));
    assert.deepStrictEqual([...playing.values()].map((s) => s.requests.length), [1, 1, 1, 1, 1, 1, 1, 1], 'one request per region, no retry');
    assert.strictEqual(sent(), 8);
    assert.strictEqual(tokyo().requests[0]?.api, 'get_role_in_group');
    const lost = (await listApps()).apps.find((a) => a.app === 'lost');
    assert.deepStrictEqual([lost?.region, lost?.endpoint], ['tokyo', null], 'the app now sends to its region, its wrong endpoint dropped');
  });
});
