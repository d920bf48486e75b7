// Hostile stored state, huge documents and other windows: none of them may break or block the extension.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { GroupRecord } from '../../src/results/record';
import { TEST_GROUPS } from '../standin/data/test-app';
import { NotificationRecorder } from './hardeningKit';
import { answerAccounts, checkRoles, openEditor, sleep, useCheckSuite, waitFor, within, type CheckJson } from './support';

const MISSING = '@TGS#2NOSUCHGRP';
const KEY_PREFIX = 'chatRoles.results.v2/';

function record(groupId: string, extra: Partial<GroupRecord> = {}): GroupRecord {
  return { groupId, app: 'default', sdkAppId: 1400000000, identifier: 'administrator', checkedAt: Date.now(), accounts: ['alice'], counts: { Owner: 1, Admin: 0, Member: 0, NotMember: 0 }, roles: [{ account: 'alice', role: 'Owner' }], errors: [], ...extra };
}

describe('hostile state, huge documents and other windows', () => {
  const suite = useCheckSuite();
  const services = () => suite.api.services;
  const ours = (doc: vscode.TextDocument) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Chat Roles');
  const failure = (groupId: string) => ({ groupId, code: 10010, message: 'The group does not exist.', moreErrors: 0 });
  const roleRequests = () => suite.server.requests.filter((r) => r.api === 'get_role_in_group').length;

  it('marks at most 100 places of a group written 200,000 times, and an edit moves them without rescanning', async () => {
    const editor = await openEditor(`${MISSING}\n`.repeat(200_000), 'plaintext');
    const doc = editor.document;
    services().diagnostics.reportMany(doc, [failure(MISSING)]);
    assert.strictEqual(ours(doc).length, 100);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'abcde'));
    // The first mark was touched by the insertion and goes; the others stay where they were, one each.
    await waitFor('the edit to reach the marks', () => ours(doc).length === 99, 10_000);
    assert.deepStrictEqual(ours(doc).slice(0, 2).map((d) => d.range.start.line), [1, 2]);
  });

  it('marks at most 1,000 places in one document however many groups failed in it', async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `@TGS#2MISS${String(i).padStart(5, '0')}`);
    const content = ids.map((id) => `"${id}", "${id}"`).join('\n');
    let doc = (await openEditor(content, 'plaintext')).document;
    // An untitled name can come back with the backup of the previous test's 3 MB document for a while.
    for (let attempt = 1; doc.getText() !== content && attempt < 20; attempt++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await sleep(500);
      doc = (await openEditor(content, 'plaintext')).document;
    }
    assert.strictEqual(doc.getText(), content);
    services().diagnostics.reportMany(doc, ids.map(failure));
    assert.strictEqual(ours(doc).length, 1000);
  });

  it('drops a stored source whose URI does not parse or is not ours to open, keeping the group, and every command still works', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    const key = KEY_PREFIX + TEST_GROUPS.work;
    const stored = suite.api.state.workspace.get<Record<string, unknown>>(key);
    for (const uri of ['a b:c', 'x:////y', 'command:chatRoles.clearResults']) {
      await suite.api.state.workspace.update(key, { ...stored, source: { uri, range: [0, 0, 0, 5] } });
      const restored = suite.api.restoredTree();
      try {
        const groups = restored.getChildren();
        assert.deepStrictEqual(groups.map((g) => g.kind === 'group' && g.record.groupId), [TEST_GROUPS.work], uri);
      } finally {
        restored.dispose();
      }
    }
    // The same URIs reaching this window's store directly: Check All Groups Again and Go to Source do not throw.
    await services().results.put([record(TEST_GROUPS.work, { source: { uri: 'a b:c', range: [0, 0, 0, 5] } })]);
    assert.strictEqual(services().results.get(TEST_GROUPS.work)?.source, undefined);
    await within(vscode.commands.executeCommand('chatRoles.refreshAll'), 30_000, 'Check All Groups Again');
    assert.ok(roleRequests() >= 2, 'the group was checked again');
  });

  it('Go to Source does not create a blank untitled document for a stored untitled URI that is not open', async () => {
    await services().results.put([record(TEST_GROUPS.work, { source: { uri: 'untitled:Untitled-99', range: [0, 0, 0, 5] } })]);
    await vscode.commands.executeCommand('chatRoles.goToSource', { groupId: TEST_GROUPS.work });
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === 'untitled:Untitled-99'));
  });

  it('a group without accounts fails on its own and says so: the other groups are still checked', async () => {
    const notes = new NotificationRecorder();
    try {
      const result = await within(
        services().checker.checkAll([
          { groupIds: [TEST_GROUPS.public], accounts: [] },
          { groupIds: [TEST_GROUPS.work], accounts: ['alice'] },
        ]),
        30_000,
        'the check',
      );
      assert.deepStrictEqual(result.groups.map((g) => g.groupId), [TEST_GROUPS.work]);
      assert.ok(notes.texts.some((t) => /1 group\(s\) were not checked: No account to check\./.test(t)), notes.texts.join('\n'));
    } finally {
      notes.dispose();
    }
  });

  it('a stored record with no accounts counts as "accounts not kept": Check All Groups Again asks for them and checks every group', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    await services().results.put([record(TEST_GROUPS.public, { accounts: [] })]);
    const before = roleRequests();
    const done = vscode.commands.executeCommand('chatRoles.refreshAll');
    await answerAccounts(await suite.prompts.next(), ['bob']);
    await within(done, 30_000, 'Check All Groups Again');
    const checked = new Set(suite.server.requests.slice(before).filter((r) => r.api === 'get_role_in_group').map((r) => r.groupId));
    assert.deepStrictEqual([...checked].sort(), [TEST_GROUPS.public, TEST_GROUPS.work].sort());
  });

  it('keeps a refused 2 MB account only clipped, and remembers only sendable accounts', async () => {
    const huge = 'a'.repeat(2_000_000);
    await within(services().checker.check({ groupIds: [TEST_GROUPS.work], accounts: ['alice', huge] }), 60_000, 'the check');
    const kept = services().results.get(TEST_GROUPS.work);
    assert.deepStrictEqual(kept?.accounts, ['alice']);
    assert.ok(kept?.errors.every((e) => e.accounts.every((a) => a.length <= 65)), 'refused accounts are clipped');
    assert.deepStrictEqual(services().recents.forGroup(TEST_GROUPS.work), ['alice']);
    assert.deepStrictEqual(services().recents.lists()[0], ['alice']);
    for (const memento of [suite.api.state.workspace, suite.api.state.global]) {
      const bytes = memento.keys().reduce((n, k) => n + (JSON.stringify(memento.get(k)) ?? '').length, 0);
      assert.ok(bytes < 100_000, `state holds ${bytes} bytes`);
    }
  });

  it('cancels a running check when the credentials are cleared in another window, and says why', async () => {
    suite.server.addFault({ fault: { kind: 'delay', ms: 8000 }, api: 'get_role_in_group' });
    const notes = new NotificationRecorder();
    try {
      const running = Promise.resolve(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts: ['alice'] }));
      await waitFor('the request to reach the server', () => roleRequests() > 0, 10_000);
      // SecretStorage's change event, as another window's Clear Credentials fires it here.
      suite.api.useSecretStorage({ get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve() });
      const result = await within(running, 5000, 'the check to stop');
      assert.strictEqual(result.groups[0].error?.code, 'CANCELLED');
      await waitFor('the notification', () => notes.texts.some((t) => /cancelled because the credentials changed/.test(t)), 5000);
    } finally {
      notes.dispose();
      suite.api.useSecretStorage();
    }
  });
});
