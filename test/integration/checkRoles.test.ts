import * as assert from 'assert';
import * as vscode from 'vscode';
import { TEST_GROUPS, TEST_SDK_APP_ID, TEST_WORK_ROLES } from '../standin/data/test-app';
import type { StandIn } from '../standin/server';
import { answer, answerAccounts, type CheckJson, checkRoles, closeAllEditors, openEditor, rangeOf, useCheckSuite, within } from './support';

/** What get_group_info tells about the groups of test.json (Private is reported as Work). */
const PUBLIC_FACTS = { type: 'Public', name: 'Test public group', memberCount: 5 };
const CUSTOM_FACTS = { type: 'Work', name: 'Custom-ID team', memberCount: 3 };

const byAccount = (a: { account: string }, b: { account: string }) => a.account.localeCompare(b.account);

/** What the stand-in was asked: group ID → accounts, in request order. */
function asked(server: StandIn): { groupId?: string; accounts?: string[] }[] {
  return server.requests.filter((r) => r.api === 'get_role_in_group').map((r) => ({ groupId: r.groupId, accounts: r.accounts }));
}

describe('checkRoles', () => {
  const suite = useCheckSuite();

  /** Runs chatRoles.checkRoles with no arguments and types `accounts` into the accounts prompt it shows. */
  async function checkTypingAccounts(accounts: string[]): Promise<CheckJson> {
    const done = vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles');
    await answerAccounts(await suite.prompts.next(), accounts);
    return within(done, 20_000, 'the check');
  }

  it('answers the programmatic form with exactly the documented JSON', async () => {
    const result = await checkRoles([TEST_GROUPS.work], TEST_WORK_ROLES.map((r) => r.account));
    assert.deepStrictEqual(Object.keys(result), ['groups']);
    assert.strictEqual(result.groups.length, 1);
    const [group] = result.groups;
    assert.deepStrictEqual(Object.keys(group).sort(), ['app', 'groupId', 'memberCount', 'name', 'roles', 'sdkAppId', 'type']);
    assert.deepStrictEqual(
      { ...group, roles: [...group.roles].sort(byAccount) },
      { groupId: TEST_GROUPS.work, app: 'default', sdkAppId: String(TEST_SDK_APP_ID), roles: TEST_WORK_ROLES, type: 'Work', name: 'Test work group', memberCount: 4 },
    );
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result)), result, 'plain JSON');
    assert.strictEqual(suite.prompts.count, 0, 'the programmatic form prompts for nothing');
  });

  it('reports a group-level error with every account in error.accounts', async () => {
    const result = await checkRoles(['@TGS#2NOSUCHGRP'], ['alice', 'bob']);
    const [group] = result.groups;
    assert.deepStrictEqual(group.roles, []);
    assert.strictEqual(group.error?.code, 10010);
    assert.deepStrictEqual([...(group.error?.accounts ?? [])].sort(), ['alice', 'bob']);
    assert.match(group.error?.message ?? '', /\S/);
    assert.strictEqual(group.errors, undefined, 'errors[] only when there is more than one');
    assert.deepStrictEqual([group.type, group.name, group.memberCount], [undefined, undefined, undefined], 'no facts when get_group_info had none');
  });

  it('checks several groups in one call', async () => {
    const result = await checkRoles([TEST_GROUPS.public, TEST_GROUPS.custom], ['erin']);
    assert.deepStrictEqual(
      result.groups.map((g) => [g.groupId, g.roles]),
      [
        [TEST_GROUPS.public, [{ account: 'erin', role: 'Admin' }]],
        [TEST_GROUPS.custom, [{ account: 'erin', role: 'Owner' }]],
      ],
    );
  });

  it('rejects bad programmatic input clearly', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [], accounts: ['alice'] })), /groupIds/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: ['x'], accounts: 'alice' })), /accounts/);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `group-${i}`);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: tooMany, accounts: ['alice'] })), /At most 1000 groups/);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('rejects the programmatic form without credentials, sending nothing', async () => {
    await vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false });
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts: ['alice'] })), /Set Credentials/);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('takes every @TGS# ID in one selection, and accounts typed into the quick input', async () => {
    const editor = await openEditor(`const groups = [\n  "${TEST_GROUPS.work}",\n  "${TEST_GROUPS.meeting}",\n];\n`);
    editor.selection = new vscode.Selection(0, 0, 3, 0);
    const result = await checkTypingAccounts(['carol', 'dave']);
    assert.deepStrictEqual(result.groups.map((g) => g.groupId), [TEST_GROUPS.work, TEST_GROUPS.meeting]);
    assert.deepStrictEqual([...result.groups[1].roles].sort(byAccount), [
      { account: 'carol', role: 'Owner' },
      { account: 'dave', role: 'Member' },
    ]);
    assert.deepStrictEqual(suite.api.services.results.get(TEST_GROUPS.work)?.source?.range, rangeToArray(rangeOf(editor.document, TEST_GROUPS.work)));
  });

  it('takes IDs from several selections, and a whole trimmed selection as a custom ID', async () => {
    const editor = await openEditor(`const a = "${TEST_GROUPS.work}";\nconst b = ' ${TEST_GROUPS.custom} ';\n`);
    const doc = editor.document;
    const custom = rangeOf(doc, ` ${TEST_GROUPS.custom} `);
    editor.selections = [new vscode.Selection(rangeOf(doc, TEST_GROUPS.work).start, rangeOf(doc, TEST_GROUPS.work).end), new vscode.Selection(custom.start, custom.end)];
    const result = await checkTypingAccounts(['erin']);
    assert.deepStrictEqual(result.groups.map((g) => g.groupId), [TEST_GROUPS.work, TEST_GROUPS.custom]);
    assert.deepStrictEqual(result.groups[1].roles, [{ account: 'erin', role: 'Owner' }]);
    assert.deepStrictEqual(suite.api.services.results.get(TEST_GROUPS.custom)?.source?.range, rangeToArray(rangeOf(doc, TEST_GROUPS.custom)));
  });

  const UNDER_THE_CURSOR = [
    { title: 'takes the @TGS# ID under the cursor', line: `sendTo("${TEST_GROUPS.public}");\n`, groupId: TEST_GROUPS.public, into: 4, account: 'bob', role: 'Owner', facts: PUBLIC_FACTS },
    { title: 'takes the string literal under the cursor as a custom ID', line: `const GROUP = '${TEST_GROUPS.custom}';\n`, groupId: TEST_GROUPS.custom, into: 3, account: 'frank', role: 'Admin', facts: CUSTOM_FACTS },
  ];
  for (const { title, line, groupId, into, account, role, facts } of UNDER_THE_CURSOR) {
    it(title, async () => {
      const editor = await openEditor(line);
      const at = rangeOf(editor.document, groupId).start.translate(0, into);
      editor.selection = new vscode.Selection(at, at);
      const result = await checkTypingAccounts([account]);
      assert.deepStrictEqual(result.groups, [{ groupId, app: 'default', sdkAppId: String(TEST_SDK_APP_ID), roles: [{ account, role }], ...facts }]);
    });
  }

  it('takes group and accounts from a selected request body without asking', async () => {
    const body = `{\n  "GroupId": "${TEST_GROUPS.custom}",\n  "User_Account": ["erin", "grace", "yuri"]\n}\n`;
    const editor = await openEditor(body, 'json');
    editor.selection = new vscode.Selection(0, 0, 4, 0);
    const result = await within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles'), 20_000, 'the check');
    assert.strictEqual(suite.prompts.count, 0, 'no prompt: the body names the accounts');
    assert.strictEqual(result.groups.length, 1);
    assert.strictEqual(result.groups[0].groupId, TEST_GROUPS.custom);
    assert.deepStrictEqual([...result.groups[0].roles].sort(byAccount), [
      { account: 'erin', role: 'Owner' },
      { account: 'grace', role: 'Member' },
      { account: 'yuri', role: 'NotMember' },
    ]);
  });

  it('asks for the accounts when a selected request body has an empty User_Account array', async () => {
    const body = `{\n  "GroupId": "${TEST_GROUPS.custom}",\n  "User_Account": []\n}\n`;
    const editor = await openEditor(body, 'json');
    editor.selection = new vscode.Selection(0, 0, 4, 0);
    const result = await checkTypingAccounts(['erin']);
    assert.deepStrictEqual(result.groups, [{ groupId: TEST_GROUPS.custom, app: 'default', sdkAppId: String(TEST_SDK_APP_ID), roles: [{ account: 'erin', role: 'Owner' }], ...CUSTOM_FACTS }]);
  });

  it('asks for the group ID when the editor has none, and prefills the accounts last used for it', async () => {
    await checkRoles([TEST_GROUPS.work], ['bob', 'dave']);
    await closeAllEditors();
    const done = vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles');
    const idBox = await suite.prompts.next();
    await answer(idBox, TEST_GROUPS.work);
    const accounts = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
    assert.strictEqual(accounts.value, 'bob, dave', 'prefilled with the accounts last used for this group');
    assert.ok(accounts.items.some((i) => i.label === 'bob, dave'), 'recent lists are offered');
    await answerAccounts(accounts, ['bob', 'dave']);
    const result = await within(done, 20_000, 'the check');
    assert.deepStrictEqual([...result.groups[0].roles].sort(byAccount), [
      { account: 'bob', role: 'Admin' },
      { account: 'dave', role: 'Member' },
    ]);
  });

  it('prefills the chatRoles.accounts setting for a group never checked (only sendable accounts, at most 2,000), and splits typed lists on commas and spaces', async () => {
    // The setting may come from a repository: what could never be sent is left out, and the list is capped.
    const padding = Array.from({ length: 2500 }, (_, i) => `pad${i}`);
    await vscode.workspace.getConfiguration('chatRoles').update('accounts', ['alice', 'a\u0000b', 'x'.repeat(40), ' zoe ', ...padding], vscode.ConfigurationTarget.Global);
    try {
      const editor = await openEditor(`"${TEST_GROUPS.community}"`);
      editor.selection = new vscode.Selection(0, 3, 0, 3);
      const done = vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles');
      const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      assert.strictEqual(pick.value, ['alice', 'zoe', ...padding.slice(0, 1998)].join(', '));
      await answer(pick, 'alice,dave  erin, grace', () => ((pick.activeItems[0] as { accounts?: string[] })?.accounts ?? []).length === 4);
      const result = await within(done, 20_000, 'the check');
      assert.deepStrictEqual(asked(suite.server), [{ groupId: TEST_GROUPS.community, accounts: ['alice', 'dave', 'erin', 'grace'] }]);
      assert.strictEqual(result.groups[0].roles.length, 4);
    } finally {
      await vscode.workspace.getConfiguration('chatRoles').update('accounts', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sends nothing when the user dismisses the accounts prompt', async () => {
    const editor = await openEditor(`"${TEST_GROUPS.work}"`);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const done = vscode.commands.executeCommand('chatRoles.checkRoles');
    (await suite.prompts.next()).hide();
    assert.strictEqual(await within(done, 5000, 'the dismissed check'), undefined);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('ignores workspace values of chatRoles.endpoint: only the user setting decides where the UserSig goes', async () => {
    const config = vscode.workspace.getConfiguration('chatRoles');
    const inspected = config.inspect('endpoint');
    assert.strictEqual(inspected?.globalValue, suite.server.url);
    if (!vscode.workspace.workspaceFolders?.length) return; // no workspace to write to in this run
    await config.update('endpoint', 'https://attacker.invalid', vscode.ConfigurationTarget.Workspace).then(
      () => undefined,
      () => undefined, // application-scoped: VS Code itself may refuse the workspace write
    );
    try {
      const result = await checkRoles([TEST_GROUPS.work], ['alice']);
      assert.deepStrictEqual(result.groups[0].roles, [{ account: 'alice', role: 'Owner' }]);
    } finally {
      await config.update('endpoint', undefined, vscode.ConfigurationTarget.Workspace).then(
        () => undefined,
        () => undefined,
      );
    }
  });
});

function rangeToArray(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}
