import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_SDK_APP_ID, TEST_GROUPS } from '../standin/data/test-app';
import { NotificationRecorder } from './hardeningKit';
import { answerAccounts, checkRoles, openEditor, PromptRecorder, setTestCredentials, useCheckSuite, within } from './support';

function label(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

function icon(node: vscode.TreeItem): [string, string | undefined] {
  const i = node.iconPath as vscode.ThemeIcon;
  return [i.id, i.color?.id];
}

describe('roles tree', () => {
  const suite = useCheckSuite();

  const roots = () => suite.api.services.tree.getChildren();
  const children = (node: RolesNode) => suite.api.services.tree.getChildren(node);


  it('shows a group with a summary, a tooltip with the app and time, and accounts with an icon per role', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice', 'bob', 'carol', 'zoe']);
    const [group] = roots();
    assert.strictEqual(label(group), TEST_GROUPS.work);
    assert.strictEqual(group.description, '1 owner · 1 admin · 1 member · 1 not in group · Work · “Test work group” · 4 in total');
    const tooltip = (group.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /4 checked · 1 owner · 1 admin · 1 member · 1 not in group/);
    assert.match(tooltip, new RegExp(String(TEST_SDK_APP_ID)));
    assert.match(tooltip, /checked \d{4}-\d\d-\d\d \d\d:\d\d/);
    const accounts = children(group).filter((n) => n.kind === 'account');
    assert.deepStrictEqual(
      accounts.map((n) => [label(n), ...icon(n)]),
      [
        ['alice · owner', 'star-full', 'charts.yellow'],
        ['bob · admin', 'shield', 'charts.blue'],
        ['carol · member', 'person', 'charts.green'],
        ['zoe · not in group', 'circle-slash', 'disabledForeground'],
      ],
    );
    for (const n of accounts) assert.strictEqual(suite.api.services.tree.getParent(n), group);
    await within(suite.api.services.treeView.reveal(accounts[1], { select: false, focus: false }).then(undefined, () => suite.api.services.treeView.reveal(accounts[1])), 10_000, 'reveal');
  });

  it('shows an error node with code, meaning, advice and a link to the docs', async () => {
    await checkRoles(['@TGS#2NOSUCHGRP'], ['alice']);
    const [group] = roots();
    assert.match(String(group.description), /1 error/);
    const [error] = children(group);
    assert.strictEqual(label(error), '10010 Group not found');
    assert.match((error.tooltip as vscode.MarkdownString).value, /disbanded/);
    assert.strictEqual(error.command?.command, 'chatRoles.openErrorDocs');
    assert.strictEqual(error.contextValue, 'chatRoles.error');
  });

  it('copies a group as a Markdown table and as JSON, never with a secret', async () => {
    const sig = await setTestCredentials();
    await checkRoles([TEST_GROUPS.meeting], ['carol', 'dave']);
    const [group] = roots();
    await vscode.commands.executeCommand('chatRoles.copyAsMarkdown', group);
    const md = await vscode.env.clipboard.readText();
    assert.match(md, /\| Account \| Role \|\n\| --- \| --- \|\n/);
    assert.match(md, /\| carol \| owner \|/);
    assert.match(md, /\| dave \| member \|/);
    assert.ok(!md.includes(sig));
    await vscode.commands.executeCommand('chatRoles.copyAsJson', group);
    const json = JSON.parse(await vscode.env.clipboard.readText()) as { groups: { groupId: string; roles: { account: string; role: string }[] }[] };
    assert.deepStrictEqual(Object.keys(json), ['groups']);
    assert.deepStrictEqual(Object.keys(json.groups[0]).sort(), ['app', 'groupId', 'roles', 'sdkAppId']);
    assert.strictEqual(json.groups[0].groupId, TEST_GROUPS.meeting);
    assert.deepStrictEqual(json.groups[0].roles.map((r) => `${r.account}:${r.role}`).sort(), ['carol:Owner', 'dave:Member']);
  });

  it('checks a group again with the same accounts, removes it, and clears everything', async () => {
    await checkRoles([TEST_GROUPS.work, TEST_GROUPS.public], ['alice']);
    suite.server.resetRecords();
    const target = roots().find((n) => label(n) === TEST_GROUPS.public)!;
    await within(vscode.commands.executeCommand('chatRoles.checkAgain', target), 20_000, 'check again');
    assert.deepStrictEqual(
      suite.server.requests.filter((r) => r.api === 'get_role_in_group').map((r) => [r.groupId, r.accounts]),
      [[TEST_GROUPS.public, ['alice']]],
    );
    assert.strictEqual(label(roots()[0]), TEST_GROUPS.public, 'the group checked last comes first');
    await vscode.commands.executeCommand('chatRoles.removeGroup', roots()[0]);
    assert.deepStrictEqual(roots().map(label), [TEST_GROUPS.work]);
    await vscode.commands.executeCommand('chatRoles.clearResults');
    assert.deepStrictEqual(roots(), []);
  });

  it('refreshes all groups', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    await checkRoles([TEST_GROUPS.meeting], ['carol', 'dave']);
    suite.server.resetRecords();
    await within(vscode.commands.executeCommand('chatRoles.refreshAll'), 20_000, 'refresh all');
    const asked = suite.server.requests.filter((r) => r.api === 'get_role_in_group').map((r) => `${r.groupId}:${(r.accounts ?? []).join(',')}`).sort();
    assert.deepStrictEqual(asked, [`${TEST_GROUPS.meeting}:carol,dave`, `${TEST_GROUPS.work}:alice`].sort());
  });

  it('refreshes all groups as one check: groups failing with a credential error (checked with different accounts) raise one notification', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    await checkRoles([TEST_GROUPS.meeting], ['carol', 'dave']);
    suite.server.addFault({ fault: { kind: 'errorCode', code: 70001, info: 'usersig expired' }, api: 'get_role_in_group' });
    const notifications = new NotificationRecorder();
    try {
      await within(vscode.commands.executeCommand('chatRoles.refreshAll'), 20_000, 'refresh all');
      assert.deepStrictEqual(roots().map((g) => String(g.description).endsWith('1 error')), [true, true], 'both groups failed');
      assert.strictEqual(notifications.texts.filter((t) => /\(70001\)/.test(t)).length, 1, JSON.stringify(notifications.texts));
    } finally {
      notifications.dispose();
    }
  });

  it('goes to where the ID was found', async () => {
    const prompts = new PromptRecorder(suite.api);
    try {
      const editor = await openEditor(`// groups\nconst g = "${TEST_GROUPS.work}";\n`);
      const document = editor.document;
      editor.selection = new vscode.Selection(1, 14, 1, 14);
      const done = vscode.commands.executeCommand('chatRoles.checkRoles');
      await answerAccounts(await prompts.next(), ['alice']);
      await within(done, 20_000, 'the check');
      const [group] = roots();
      assert.strictEqual(group.contextValue, 'chatRoles.group.withSource');
      await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
      await vscode.commands.executeCommand('chatRoles.goToSource', group);
      const active = vscode.window.activeTextEditor;
      assert.strictEqual(active?.document.uri.toString(), document.uri.toString());
      assert.strictEqual(active?.document.getText(active.selection), TEST_GROUPS.work);
    } finally {
      prompts.dispose();
    }
  });

  it('shows the last result when hovering a checked group ID', async () => {
    await checkRoles([TEST_GROUPS.meeting], ['carol', 'dave']);
    const editor = await openEditor(`join("${TEST_GROUPS.meeting}");\n`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 10));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Chat Roles.*2 checked · 1 owner · 1 member/);
    assert.match(text, /- carol: owner/);
  });

  it('keeps results (and no secret) across a reload: a new store over the same workspace state shows them', async () => {
    const sig = await setTestCredentials();
    await checkRoles([TEST_GROUPS.work, '@TGS#2NOSUCHGRP'], ['alice', 'bob']);
    const restored = suite.api.restoredTree();
    try {
      const shape = (tree: vscode.TreeDataProvider<RolesNode>) =>
        (tree.getChildren() as RolesNode[]).map((g) => [label(g), g.description, (tree.getChildren(g) as RolesNode[]).map((n) => `${label(n)}=${String(n.description)}`)]);
      assert.deepStrictEqual(shape(restored), shape(suite.api.services.tree));
      assert.strictEqual(shape(restored).length, 2);
      const stored = JSON.stringify(suite.api.services.results.all());
      assert.ok(!stored.includes(sig), 'the persisted results hold no UserSig');
    } finally {
      restored.dispose();
    }
  });
});
