// Concurrency: two checks at once, a check while the credentials change, cancel mid-flight, and a reload
// mid-flight. The tree stays consistent (no duplicate or orphan nodes), no request outlives its check, and
// deactivate() closes every connection (counted by a TCP relay in front of the stand-in).
//
// A real window reload cannot be done from here (this suite runs inside the extension host it would
// restart), so "reload" is simulated: the extension module's own deactivate() mid-flight, then a new check
// (what the next activation would run), and the tree a reloaded window would rebuild from workspace state
// (the test API's restoredTree()).
import * as assert from 'assert';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import type { GroupNode, RolesNode } from '../../src/views/nodes';
import type { RolesTreeProvider } from '../../src/views/rolesTree';
import { chatRolesExtension } from '../host/extensionUnderTest';
import { TEST_ADMIN, TEST_GROUPS, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import type { StandIn } from '../standin/server';
import { assertEveryAccountAccounted, UnhandledWatch, workRole } from './hardeningKit';
import { extensionApi, resetExtensionState, setTestCredentials, sleep, startTestServer, stopTestServer, waitFor, within, type CheckJson } from './support';

/** How long after a check ends a late request would still be noticed. */
const GRACE_MS = 1000;

/** A TCP relay to the stand-in that knows how many client connections are open. */
async function socketRelay(targetPort: number): Promise<{ url: string; open(): number; opened(): number; close(): Promise<void> }> {
  const clients = new Set<net.Socket>();
  let opened = 0;
  const server = net.createServer((client) => {
    opened++;
    clients.add(client);
    const upstream = net.connect(targetPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      clients.delete(client);
      upstream.destroy();
    });
    client.on('error', end);
    upstream.on('error', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    open: () => clients.size,
    opened: () => opened,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.destroy();
        server.close(() => resolve());
      }),
  };
}

function check(groupIds: string[], accounts: string[]): Thenable<CheckJson> {
  return vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds, accounts });
}

/**
 * One group node per stored record and the other way round, each group once; every child belongs to its
 * group, once, and matches the record. The same for the tree a reloaded window would build.
 */
function assertTreeConsistent(api: ChatRolesApi): void {
  const verify = (tree: RolesTreeProvider, what: string) => {
    const roots = tree.getChildren();
    const ids = roots.map((n) => (n as GroupNode).record.groupId);
    // By kind, not instanceof: the extension's classes come from its bundle, not from these sources.
    assert.ok(roots.every((n) => n.kind === 'group'), `${what}: only group nodes at the top`);
    assert.strictEqual(new Set(ids).size, ids.length, `${what}: no duplicate group nodes: ${ids.join(', ')}`);
    assert.deepStrictEqual(ids, api.services.results.all().map((r) => r.groupId), `${what}: one node per stored record, in order`);
    for (const root of roots) {
      const children = tree.getChildren(root);
      const keys = children.map((c) => c.id);
      assert.strictEqual(new Set(keys).size, keys.length, `${what}: no duplicate children under ${root.record.groupId}`);
      for (const child of children as Exclude<RolesNode, GroupNode>[]) {
        assert.strictEqual(tree.getParent(child)?.id, root.id, `${what}: ${child.id} is no orphan`);
      }
      const accounts = children.filter((c) => c.kind === 'account').map((c) => (c as { account: string }).account);
      // Rows are sorted by role, the record keeps answer order: the same accounts either way.
      assert.deepStrictEqual([...accounts].sort(), root.record.roles.map((r) => r.account).sort(), `${what}: account nodes of ${root.record.groupId}`);
      // Every account of the record ended in a role or one of its errors, once.
      const covered = [...accounts, ...root.record.errors.flatMap((e) => e.accounts)].sort();
      assert.deepStrictEqual(covered, [...(root.record.accounts ?? [])].sort(), `${what}: the accounts of ${root.record.groupId}`);
    }
  };
  verify(api.services.tree, 'the tree');
  const restored = api.restoredTree();
  try {
    verify(restored, 'the tree after a reload');
  } finally {
    restored.dispose();
  }
}

/** Waits out the grace period, then asserts the stand-in saw no request after `endedAt`. */
async function assertNothingAfter(server: StandIn, endedAt: number): Promise<void> {
  await sleep(GRACE_MS);
  const late = server.requests.filter((r) => r.time > endedAt + 50);
  assert.deepStrictEqual(late.map((r) => `${r.api} ${r.groupId ?? ''} at +${r.time - endedAt} ms`), [], 'no request outlived its check');
}

describe('hardening: concurrency', function () {
  this.timeout(90_000);
  let api: ChatRolesApi;
  let server: StandIn;
  let relay: Awaited<ReturnType<typeof socketRelay>>;
  let watch: UnhandledWatch;

  before(async () => {
    api = await extensionApi();
    server = await startTestServer();
    relay = await socketRelay(server.port);
    await vscode.workspace.getConfiguration('chatRoles').update('endpoint', relay.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await stopTestServer(server);
    await relay?.close();
  });
  beforeEach(async () => {
    await setTestCredentials();
    server.clearFaults();
    server.resetRecords();
    watch = new UnhandledWatch();
  });
  afterEach(async () => {
    server.clearFaults();
    await sleep(50);
    watch.assertNone('this test');
    watch.dispose();
    await resetExtensionState();
  });

  it('two checks at once (other groups, and the same group with other accounts): each answer right, the tree consistent', async () => {
    server.addFault({ fault: { kind: 'delay', ms: 400 }, api: 'get_role_in_group', groupId: TEST_GROUPS.work, times: 1 });
    const first = check([TEST_GROUPS.work, TEST_GROUPS.meeting], ['alice', 'carol']);
    const second = check([TEST_GROUPS.public, TEST_GROUPS.work], ['bob', 'dave', 'yuri']);
    const [a, b] = await within(Promise.all([first, second]), 30_000, 'both checks');
    const endedAt = Date.now();
    const [aWork, aMeeting] = assertEveryAccountAccounted(a, [TEST_GROUPS.work, TEST_GROUPS.meeting], ['alice', 'carol']);
    const [bPublic, bWork] = assertEveryAccountAccounted(b, [TEST_GROUPS.public, TEST_GROUPS.work], ['bob', 'dave', 'yuri']);
    assert.deepStrictEqual([aWork.get('alice'), aWork.get('carol'), aMeeting.get('carol'), aMeeting.get('alice')], ['Owner', 'Member', 'Owner', 'NotMember']);
    assert.deepStrictEqual([bPublic.get('bob'), bPublic.get('dave'), bWork.get('bob'), bWork.get('dave'), bWork.get('yuri')], ['Owner', 'NotMember', 'Admin', 'Member', 'NotMember']);
    // The work group was checked twice with other accounts: its record merges both checks, each account once.
    const work = api.services.results.get(TEST_GROUPS.work);
    assert.ok(work);
    assert.deepStrictEqual(work.roles.map((r) => r.account), work.accounts, 'one role per account asked about');
    assert.deepStrictEqual([...(work.accounts ?? [])].sort(), ['alice', 'bob', 'carol', 'dave', 'yuri']);
    for (const r of work.roles) assert.strictEqual(r.role, workRole(r.account));
    assertTreeConsistent(api);
    await assertNothingAfter(server, endedAt);
  });

  it('a check while the credentials change: cancelled (it must not keep sending the replaced ones), every account accounted; the next uses the new ones', async () => {
    server.addFault({ fault: { kind: 'delay', ms: 1500 }, api: 'get_role_in_group', times: 1 });
    const running = check([TEST_GROUPS.work], ['alice', 'bob']);
    await waitFor('the request to reach the stand-in', () => server.requests.length > 0, 10_000);
    await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: TEST_SECRET_KEY });
    const result = await within(running, 30_000, 'the check');
    const [outcomes] = assertEveryAccountAccounted(result, [TEST_GROUPS.work], ['alice', 'bob']);
    assert.deepStrictEqual([outcomes.get('alice'), outcomes.get('bob')], ['CANCELLED', 'CANCELLED']);
    const [next] = assertEveryAccountAccounted(await within(check([TEST_GROUPS.public], ['bob']), 30_000, 'the next check'), [TEST_GROUPS.public], ['bob']);
    assert.strictEqual(next.get('bob'), 'Owner');
    assert.ok(server.requests.every((r) => r.usersigOk !== false), 'every UserSig sent verified');

    // Cleared mid-flight: the running check ends cleanly (cancelled); the next one says credentials are missing.
    server.addFault({ fault: { kind: 'delay', ms: 1500 }, api: 'get_role_in_group', times: 1 });
    const cleared = check([TEST_GROUPS.meeting], ['carol']);
    await waitFor('the request to reach the stand-in', () => server.requests.some((r) => r.groupId === TEST_GROUPS.meeting), 10_000);
    await vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false });
    const ended = await within(cleared, 30_000, 'the check whose credentials were cleared');
    const endedAt = Date.now();
    assertEveryAccountAccounted(ended, [TEST_GROUPS.meeting], ['carol']);
    await assert.rejects(Promise.resolve(check([TEST_GROUPS.meeting], ['carol'])), /No Chat credentials are set/);
    assertTreeConsistent(api);
    await assertNothingAfter(server, endedAt);
  });

  it('cancel mid-flight: every account CANCELLED at once, no partial result, no request afterwards', async () => {
    await within(check([TEST_GROUPS.public], ['alice']), 30_000, 'an earlier check'); // one record that must survive as is
    const before = JSON.stringify(api.services.results.all());
    server.resetRecords();
    server.addFault({ fault: { kind: 'delay', ms: 6000 }, api: 'get_role_in_group' });
    const groups = [TEST_GROUPS.work, TEST_GROUPS.meeting, TEST_GROUPS.community, TEST_GROUPS.custom];
    const running = check(groups, ['alice', 'bob']);
    await waitFor('every request to reach the stand-in', () => server.requests.length >= groups.length, 10_000);
    api.services.checker.cancelAll();
    const result = await within(running, 3000, 'the cancelled check');
    const endedAt = Date.now();
    for (const outcomes of assertEveryAccountAccounted(result, groups, ['alice', 'bob'])) {
      assert.deepStrictEqual([...new Set(outcomes.values())], ['CANCELLED']);
    }
    assert.strictEqual(JSON.stringify(api.services.results.all()), before, 'the stored results did not change');
    assertTreeConsistent(api);
    await assertNothingAfter(server, endedAt);
  });

  // One test only: deactivate() forgets the module's connection, as it does when a window goes away, so a
  // second call in this host would have nothing left to close.
  it('reload mid-flight (deactivate()): the check ends, every connection closes, nothing is sent later, the next check works', async () => {
    // Checks at once first, so that several keep-alive connections are open besides the ones in flight.
    server.addFault({ fault: { kind: 'delay', ms: 200 }, api: 'get_role_in_group', times: 4 });
    const idle = [TEST_GROUPS.public, TEST_GROUPS.community, TEST_GROUPS.work, TEST_GROUPS.meeting];
    await within(Promise.all(idle.map((g) => check([g], ['alice']))), 30_000, 'earlier checks at once');
    server.clearFaults();
    server.addFault({ fault: { kind: 'delay', ms: 8000 }, api: 'get_role_in_group' });
    const groups = [TEST_GROUPS.work, TEST_GROUPS.meeting, TEST_GROUPS.custom];
    // Only this check's requests count (the earlier checks' delayed ones are in the record too).
    const earlier = server.requests.length;
    const running = check(groups, ['alice', 'erin']);
    await waitFor('the requests to reach the stand-in', () => server.requests.slice(earlier).filter((r) => r.fault === 'delay').length >= groups.length, 10_000);
    const before = relay.open();
    assert.ok(before >= groups.length, `the in-flight (and idle keep-alive) connections are open before deactivate() (${before})`);

    const ext = chatRolesExtension();
    // The module the host loaded (same require cache): its deactivate() is what a reload runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- must be the instance the host loaded, from its require cache
    const main = require(path.join(ext.extensionPath, (ext.packageJSON as { main: string }).main)) as { deactivate(): Promise<void> };
    await within(main.deactivate(), 5000, 'deactivate()');
    const result = await within(running, 5000, 'the check cut off by deactivate()');
    const endedAt = Date.now();
    for (const outcomes of assertEveryAccountAccounted(result, groups, ['alice', 'erin'])) {
      for (const o of outcomes.values()) assert.strictEqual(o, 'CANCELLED');
    }
    // Well before idle connections would time out on their own (the stand-in's keep-alive is 5 s, undici's ~3 s).
    await waitFor('every connection to close', () => relay.open() === 0, 1500).catch(() => assert.fail(`${relay.open()} connection(s) still open after deactivate()`));
    assertTreeConsistent(api);
    await assertNothingAfter(server, endedAt);

    // What the next activation does: a new client, new connections, correct answers.
    server.clearFaults();
    const openedBefore = relay.opened();
    const [outcomes] = assertEveryAccountAccounted(await within(check([TEST_GROUPS.work], ['alice']), 30_000, 'the next check'), [TEST_GROUPS.work], ['alice']);
    assert.strictEqual(outcomes.get('alice'), 'Owner');
    assert.ok(relay.opened() > openedBefore, 'a new connection was made');
    assertTreeConsistent(api);
  });
});
