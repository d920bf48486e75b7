import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GroupRecord } from '../../src/results/record';
import { ResultsStore } from '../../src/results/store';
import { recordToJson, recordToMarkdown } from '../../src/views/export';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_GROUPS } from '../standin/data/test-app';
import { checkRoles, useCheckSuite, waitFor, within } from './support';

const LEGACY_KEY = 'chatRoles.results.v1';
const KEY_PREFIX = 'chatRoles.results.v2/';

function label(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

/** The size of everything the extension keeps in workspace state, as UTF-8 JSON. */
function workspaceStateBytes(memento: vscode.Memento): number {
  return memento.keys().reduce((n, k) => n + Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(memento.get(k)) ?? ''), 0);
}

/** The real workspace state, recording which keys are written. */
function recording(memento: vscode.Memento): { memento: vscode.Memento; written: string[] } {
  const written: string[] = [];
  return {
    written,
    memento: {
      keys: () => memento.keys(),
      get: <T>(key: string, fallback?: T) => (fallback === undefined ? memento.get<T>(key) : memento.get<T>(key, fallback)),
      update: (key: string, value: unknown) => {
        written.push(key);
        return memento.update(key, value);
      },
    },
  };
}

describe('stored results', () => {
  const suite = useCheckSuite();
  const tree = () => suite.api.services.tree;
  const children = (provider: vscode.TreeDataProvider<RolesNode>, node?: RolesNode) => provider.getChildren(node) as RolesNode[];
  /** A group's rows with its folds opened. */
  const rowsOf = (provider: vscode.TreeDataProvider<RolesNode>, node: RolesNode) => children(provider, node).flatMap((n) => (n.kind === 'fold' ? children(provider, n) : [n]));

  it('keeps a 100,000-account check under 2 MB: this window lists every account, a reload 2,000 and "… N more", its copies say they are partial', async () => {
    const accounts = ['alice', 'bob', ...Array.from({ length: 99_998 }, (_, i) => `user${i}`)];
    const result = await within(
      vscode.commands.executeCommand<{ groups: { roles: unknown[] }[] }>('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts }),
      240_000,
      'a check of 100,000 accounts',
    );
    assert.strictEqual(result.groups[0].roles.length, 100_000);
    const bytes = workspaceStateBytes(suite.api.state.workspace);
    assert.ok(bytes < 2_000_000, `workspace state holds ${bytes} bytes`);

    const [group] = children(tree());
    const summary = '1 owner · 1 admin · 99,998 not in group · Work · “Test work group” · 4 in total';
    assert.strictEqual(group.description, summary);
    assert.deepStrictEqual(children(tree(), group).map(label).slice(0, 3), ['alice · owner', 'bob · admin', 'Not in group (99,998)']);
    const listed = rowsOf(tree(), group);
    assert.strictEqual(listed.filter((n) => n.kind === 'account').length, 100_000, 'this window lists every account');
    assert.ok(!listed.some((n) => n.kind === 'more'));

    const restored = suite.api.restoredTree();
    try {
      const [again] = children(restored);
      assert.strictEqual(again.description, summary, 'the counts survive the reload');
      const rows = rowsOf(restored, again);
      assert.strictEqual(rows.filter((n) => n.kind === 'account').length, 2000);
      assert.deepStrictEqual(rows.slice(0, 3).map(label), ['alice · owner', 'bob · admin', 'user0 · not in group']);
      // The last of the group's own rows (Owner & Admins follows them).
      const more = rows.filter((n) => n.kind !== 'ownerAdmins').at(-1)!;
      assert.strictEqual(label(more), '… 98000 more (check again to list them)');
      assert.strictEqual(more.command?.command, 'chatRoles.checkAgain');
      assert.strictEqual(restored.getParent(more), again);

      const record = (again as RolesNode & { record: GroupRecord }).record;
      assert.strictEqual(record.accounts, undefined, 'a list of 100,000 accounts is not kept (Check Again asks)');
      assert.match(recordToMarkdown(record), /Partial list: 98000 accounts are not listed \(100,000 checked/);
      const json = recordToJson(record);
      assert.strictEqual(json.roles.length, 2000);
      assert.deepStrictEqual(json.partial?.counts, { Owner: 1, Admin: 1, Member: 0, NotMember: 99_998 });
      assert.strictEqual(json.partial?.unlistedRoles, 98_000);
    } finally {
      restored.dispose();
    }
  });

  it('writes only the key of the group that changed', async () => {
    await checkRoles([TEST_GROUPS.work, TEST_GROUPS.meeting, TEST_GROUPS.public], ['alice', 'carol']);
    const meeting = suite.api.services.results.get(TEST_GROUPS.meeting);
    assert.ok(meeting);
    const { memento, written } = recording(suite.api.state.workspace);
    const store = new ResultsStore(memento, suite.api.services.log);
    try {
      await store.loaded;
      assert.deepStrictEqual(written, [], 'loading what this version stored writes nothing');
      await store.put([{ ...meeting, checkedAt: meeting.checkedAt + 1 }]);
      assert.deepStrictEqual(written, [KEY_PREFIX + TEST_GROUPS.meeting]);
      assert.deepStrictEqual(store.all().map((r) => r.groupId), [TEST_GROUPS.meeting, TEST_GROUPS.work, TEST_GROUPS.public]);
      written.length = 0;
      await store.remove(TEST_GROUPS.work);
      assert.deepStrictEqual(written, [KEY_PREFIX + TEST_GROUPS.work]);
    } finally {
      store.dispose();
    }
  });

  it('migrates a hostile 0.1.0 array: bad records dropped, big ones bounded, the old key removed, the tree never blank', async () => {
    const good = { groupId: TEST_GROUPS.work, sdkAppId: 1400000000, identifier: 'administrator', checkedAt: 1_700_000_000_000, accounts: ['alice'], roles: [{ account: 'alice', role: 'Owner' }], errors: [] };
    const bigAccounts = Array.from({ length: 3000 }, (_, i) => `user${i}`);
    const big = {
      ...good,
      groupId: TEST_GROUPS.public,
      accounts: [...bigAccounts, 'x'],
      roles: bigAccounts.map((account) => ({ account, role: 'Member' })),
      errors: [{ code: 10019, message: 'no such account', accounts: ['x'] }],
    };
    const malformed: unknown[] = [
      { ...good, groupId: '@TGS#2BADERRORS', errors: [{}] },
      { ...good, groupId: '@TGS#2BADROLES', roles: [{ account: 'x', role: 'Boss' }] },
      { ...good, groupId: '@TGS#2NOIDENT', identifier: 7 },
      { ...good, groupId: '@TGS#2BADSOURCE', source: { uri: 'file:///x.ts', range: [0] } },
      { ...good, groupId: '@TGS#2BADACCOUNTS', accounts: [1] },
      { ...good, groupId: 'bad\nid' },
      { ...good, groupId: '@TGS#2PROTO', roles: { length: 1 } },
      null,
      'text',
      [good],
    ];
    await suite.api.state.workspace.update(LEGACY_KEY, [...malformed, big, good, { ...good, roles: [] }]);
    await suite.api.state.workspace.update(`${KEY_PREFIX}@TGS#2HOSTILEV2`, { groupId: '@TGS#2HOSTILEV2', seq: 'x' });
    const restored = suite.api.restoredTree();
    try {
      const groups = children(restored);
      assert.deepStrictEqual(groups.map(label), [TEST_GROUPS.public, TEST_GROUPS.work], 'the valid records, newest first, one per group');
      const rows = children(restored, groups[0]);
      assert.strictEqual(rows.filter((n) => n.kind === 'account').length, 2000);
      assert.strictEqual(label(rows.filter((n) => n.kind !== 'ownerAdmins').at(-1)!), '… 1000 more (check again to list them)');
      assert.strictEqual(groups[0].description, '3,000 members · 1 error');
      assert.deepStrictEqual(children(restored, groups[1]).filter((n) => n.kind !== 'ownerAdmins').map(label), ['alice · owner']);
      const state = suite.api.state.workspace;
      await waitFor('the migration to be written', () => state.get(LEGACY_KEY) === undefined && state.get(`${KEY_PREFIX}@TGS#2HOSTILEV2`) === undefined);
      assert.deepStrictEqual(state.keys().filter((k) => k.startsWith(KEY_PREFIX)).sort(), [KEY_PREFIX + TEST_GROUPS.public, KEY_PREFIX + TEST_GROUPS.work].sort());
      assert.ok(workspaceStateBytes(state) < 200_000, 'the migrated records are bounded');
    } finally {
      restored.dispose();
    }
  });

  it('forgets the accounts last used for a group once it is checked with too many to remember', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    assert.deepStrictEqual(suite.api.services.recents.forGroup(TEST_GROUPS.work), ['alice']);
    await checkRoles([TEST_GROUPS.work], Array.from({ length: 2001 }, (_, i) => `user${i}`));
    assert.strictEqual(suite.api.services.recents.forGroup(TEST_GROUPS.work), undefined, 'Check Again after a reload asks rather than checking an older list');
  });

  it('survives 0.1.0 state that is no array at all', async () => {
    for (const hostile of ['text', { 0: 'x' }, 42, null]) {
      await suite.api.state.workspace.update(LEGACY_KEY, hostile);
      const restored = suite.api.restoredTree();
      try {
        assert.deepStrictEqual(children(restored), []);
      } finally {
        restored.dispose();
      }
      await waitFor('the old key to go', () => suite.api.state.workspace.get(LEGACY_KEY) === undefined);
    }
  });
});
