// Issue 13 items 1 and 4: a cancelled check keeps what was answered (marked partial, said so, logged as
// cancelled), a later check of a group merges into its record, and a credential failure keeps the last good
// roles under the error.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GroupRecord } from '../../src/results/record';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_GROUPS } from '../standin/data/test-app';
import { assertEveryAccountAccounted, NotificationRecorder, ProgressRecorder, withUserSettings } from './hardeningKit';
import { checkRoles, setTestCredentials, sleep, testUserSig, useCheckSuite, waitFor, within, type CheckJson } from './support';

const GROUP = TEST_GROUPS.work;

function label(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

describe('re-checks and cancel', () => {
  const suite = useCheckSuite();
  const children = (provider: vscode.TreeDataProvider<RolesNode>, node?: RolesNode) => provider.getChildren(node) as RolesNode[];
  const record = () => {
    const r = suite.api.services.results.get(GROUP);
    assert.ok(r, 'the group has a record');
    return r;
  };
  /** account → its own answer time, for the roles of a record. */
  const timesOf = (r: GroupRecord) => new Map(r.roles.map((e) => [e.account, e.at ?? r.checkedAt]));

  it('cancelled at "2 of 3 requests" (1 request per second, 1,200 new accounts): says Cancelled, keeps the answered accounts marked partial, the old ones with their own time, logs a cancel', async () => {
    await checkRoles([GROUP], ['alice', 'bob']);
    const earlier = record().checkedAt;
    await sleep(20);
    const settings = await withUserSettings({ requestsPerSecond: 1 });
    const progress = new ProgressRecorder();
    const notes = new NotificationRecorder();
    const accounts = Array.from({ length: 1200 }, (_, i) => `user${i}`);
    try {
      const running = Promise.resolve(vscode.commands.executeCommand<CheckJson & { cancelled?: boolean }>('chatRoles.checkRoles', { groupIds: [GROUP], accounts }));
      await waitFor('"2 of 3 requests"', () => progress.reports.some((r) => r.message === '2 of 3 requests'), 30_000);
      progress.cancel();
      const result = await within(running, 10_000, 'the cancelled check');
      const [outcomes] = assertEveryAccountAccounted(result, [GROUP], accounts);
      const cancelled = [...outcomes.values()].filter((o) => o === 'CANCELLED').length;
      assert.strictEqual(cancelled, 200, 'the third request (200 accounts) was cancelled');
      assert.strictEqual(result.cancelled, true, 'the JSON says the check was cancelled');

      await waitFor('the Cancelled message', () => notes.texts.some((t) => /^Chat Roles: Cancelled\. 1000 of 1200 accounts were answered/.test(t)), 5000);

      const r = record();
      assert.ok(r.checkedAt > earlier);
      const times = timesOf(r);
      assert.strictEqual(times.get('alice'), earlier, 'an old answer keeps its own time, never the fresh one');
      assert.strictEqual(times.get('bob'), earlier);
      assert.strictEqual(times.get('user0'), r.checkedAt);
      assert.strictEqual(r.roles.length, 1002, 'the 1,000 answered accounts and the 2 earlier ones');
      assert.deepStrictEqual(r.errors.map((e) => [e.code, e.accounts.length]), [['CANCELLED', 200]]);

      const [group] = children(suite.api.services.tree);
      assert.match(String(group.description), /^Cancelled, partial · /);
      const rows = children(suite.api.services.tree, group);
      const alice = rows.find((n) => n.kind === 'account' && label(n) === 'alice · owner');
      assert.match(String(alice?.description), /^checked \d{4}-\d\d-\d\d \d\d:\d\d$/, 'the old answer shows its own time');
      // Many accounts not in the group fold under one node.
      const fold = rows.find((n) => n.kind === 'fold');
      const user0 = (fold ? children(suite.api.services.tree, fold) : rows).find((n) => n.kind === 'account' && label(n) === 'user0 · not in group');
      assert.ok(user0, 'an account answered before the cancel is listed');
      assert.strictEqual(user0.description, undefined, 'answered by this check: no older time');

      await sleep(1500); // file loggers flush on a short timer
      const log = fs.readFileSync(path.join(suite.api.logDirectory.fsPath, 'Chat Roles.log'), 'utf8');
      const lines = log.split('\n').filter((l) => l.includes('1200 account(s)'));
      assert.match(lines[lines.length - 1] ?? '', /Cancelled at 2 of 3 requests: 1 group\(s\) × 1200 account\(s\); 1000 of 1200 account\(s\) answered before the cancel/);
      assert.ok(!lines.some((l) => l.includes('Checked 1 group(s) × 1200')), 'no "Checked" line for the cancelled check');
    } finally {
      notes.dispose();
      progress.dispose();
      await settings.restore();
    }
  });

  it('merges a later check of other accounts: the newest answer per account wins, each with its time; Remove drops the group', async () => {
    await checkRoles([GROUP], ['alice', 'bob']);
    const first = record().checkedAt;
    await sleep(20);
    await checkRoles([GROUP], ['bob', 'carol']);
    const r = record();
    assert.ok(r.checkedAt > first);
    assert.deepStrictEqual(
      r.roles.map((e) => [e.account, e.role, e.at ?? r.checkedAt]),
      [
        ['bob', 'Admin', r.checkedAt],
        ['carol', 'Member', r.checkedAt],
        ['alice', 'Owner', first],
      ],
    );
    assert.deepStrictEqual(r.counts, { Owner: 1, Admin: 1, Member: 1, NotMember: 0 });
    assert.deepStrictEqual([...(r.accounts ?? [])].sort(), ['alice', 'bob', 'carol'], 'Check Again asks about all three');

    const restored = suite.api.restoredTree();
    try {
      const [group] = children(restored);
      const rows = children(restored, group).filter((n) => n.kind === 'account');
      assert.deepStrictEqual(rows.map(label), ['alice · owner', 'bob · admin', 'carol · member'], 'the merge survives a reload');
      assert.match(String(rows[0].description), /^checked /, 'alice keeps the time of the first check');
      assert.strictEqual(rows[1].description, undefined, 'bob was answered by the newest check');
    } finally {
      restored.dispose();
    }

    await vscode.commands.executeCommand('chatRoles.removeGroup', { groupId: GROUP });
    assert.strictEqual(suite.api.services.results.get(GROUP), undefined, 'Remove drops the whole group');
    await checkRoles([GROUP], ['dave']);
    assert.deepStrictEqual(record().roles.map((e) => e.account), ['dave'], 'nothing of before the Remove comes back');
  });

  it('keeps the last good roles under a credential error, dimmed, with their time, also after a reload', async () => {
    await checkRoles([GROUP], ['alice', 'bob']);
    const good = record().checkedAt;
    await sleep(20);
    suite.server.addFault({ fault: { kind: 'errorCode', code: 70001, info: 'usersig expired' }, api: 'get_role_in_group' });
    const failed = await checkRoles([GROUP], ['alice', 'bob']);
    assert.strictEqual(failed.groups[0].error?.code, 70001);
    assert.deepStrictEqual(failed.groups[0].roles, [], 'the JSON contract reports this check only');

    const r = record();
    assert.deepStrictEqual(r.roles, []);
    assert.deepStrictEqual(r.kept, [
      { account: 'alice', role: 'Owner', at: good },
      { account: 'bob', role: 'Admin', at: good },
    ]);
    const restored = suite.api.restoredTree();
    for (const tree of [suite.api.services.tree, restored]) {
      try {
        const [group] = children(tree);
        const rows = children(tree, group).filter((n) => n.kind !== 'ownerAdmins');
        assert.deepStrictEqual(rows.map((n) => n.kind), ['error', 'kept', 'kept'], 'the error first, the last good roles under it');
        assert.strictEqual(label(rows[1]), 'alice');
        assert.match(String(rows[1].description), /^last good: owner, checked \d{4}-\d\d-\d\d \d\d:\d\d$/);
        assert.strictEqual(((rows[1].iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'disabledForeground', 'dimmed');
        assert.strictEqual(tree.getParent(rows[1]), group);
      } finally {
        if (tree === restored) restored.dispose();
      }
    }

    // The refused credentials stay refused (remembered); new ones (another UserSig) check again.
    suite.server.clearFaults();
    await setTestCredentials(testUserSig(2 * 86400));
    await checkRoles([GROUP], ['alice']);
    const after = record();
    assert.deepStrictEqual(after.roles.map((e) => [e.account, e.role]), [['alice', 'Owner']]);
    assert.deepStrictEqual(after.kept?.map((e) => e.account), ['bob'], 'bob still has only the credential error, over his last good role');
  });
});
