// Reading a big group in the tree and acting on its rows (issue 13, items 2, 3, 7 and 8): rows sorted by
// role with the role in the label, many accounts not in the group folded, the severity language of the
// diagnostics, the row commands, Clear Results with Undo, and the guardrails of the prompts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_GROUPS } from '../standin/data/test-app';
import { chatRolesExtension } from '../host/extensionUnderTest';
import { ProgressRecorder } from './hardeningKit';
import { answer, checkRoles, openEditor, useCheckSuite, validationText, waitFor, within } from './support';

function label(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

function icon(node: vscode.TreeItem): [string, string | undefined] {
  const i = node.iconPath as vscode.ThemeIcon;
  return [i.id, i.color?.id];
}

const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

describe('tree rows', function () {
  this.timeout(60_000);
  const suite = useCheckSuite();
  const roots = () => suite.api.services.tree.getChildren();
  const children = (node: RolesNode) => suite.api.services.tree.getChildren(node);
  const group = (groupId: string) => roots().find((n) => n.kind === 'group' && n.record.groupId === groupId)!;
  const roleRequests = () => suite.server.requests.filter((r) => r.api === 'get_role_in_group').map((r) => [r.groupId, r.accounts]);

  it('sorts by role with the role in the label, folds many accounts not in the group, and keeps the description short', async () => {
    const ghosts = Array.from({ length: 11 }, (_, i) => `ghost${i}`);
    await checkRoles([TEST_GROUPS.work], ['zoe', 'carol', ...ghosts, 'bob', 'alice']);
    const node = group(TEST_GROUPS.work);
    assert.strictEqual(node.description, '1 owner · 1 admin · 1 member · 12 not in group · Work · “Test work group” · 4 in total');
    assert.match((node.tooltip as vscode.MarkdownString).value, /15 checked · 1 owner · 1 admin · 1 member · 12 not in group/);
    const rows = children(node);
    assert.deepStrictEqual(rows.filter((n) => n.kind !== 'ownerAdmins').map(label), ['alice · owner', 'bob · admin', 'carol · member', 'Not in group (12)']);
    const fold = rows[3];
    assert.strictEqual(fold.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const folded = children(fold);
    assert.deepStrictEqual(folded.map(label), ['zoe · not in group', ...ghosts.map((g) => `${g} · not in group`)]);
    assert.strictEqual(suite.api.services.tree.getParent(folded[0]), fold);
    assert.strictEqual(suite.api.services.tree.getParent(fold), node);
    await within(suite.api.services.treeView.reveal(folded[5], { select: false, focus: false }), 10_000, 'revealing a folded row');
  });

  it('shows a group with the icon and colour of its worst error, as its diagnostic has them', async () => {
    suite.server.addFault({ fault: { kind: 'errorCode', code: 70114, info: 'login restricted' }, api: 'get_role_in_group', groupId: TEST_GROUPS.meeting });
    await checkRoles(['@TGS#2NOSUCHGRP', TEST_GROUPS.meeting], ['alice']);
    const missing = group('@TGS#2NOSUCHGRP');
    assert.deepStrictEqual(icon(missing), ['error', 'problemsErrorIcon.foreground']);
    assert.deepStrictEqual(icon(children(missing)[0]), ['error', 'problemsErrorIcon.foreground']);
    const limited = group(TEST_GROUPS.meeting);
    assert.deepStrictEqual(icon(limited), ['warning', 'problemsWarningIcon.foreground']);
    assert.deepStrictEqual(icon(children(limited)[0]), ['warning', 'problemsWarningIcon.foreground']);
    await checkRoles([TEST_GROUPS.work], ['alice']);
    assert.deepStrictEqual(icon(group(TEST_GROUPS.work)), ['organization', undefined], 'no error, no severity');
  });

  it('copies accounts, and checks them in another group', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice', 'bob']);
    const [alice, bob] = children(group(TEST_GROUPS.work));
    await vscode.commands.executeCommand('chatRoles.copyAccount', alice);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'alice');
    await vscode.commands.executeCommand('chatRoles.copyAccount', bob, [alice, bob]);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'alice\nbob');

    suite.server.resetRecords();
    const running = vscode.commands.executeCommand('chatRoles.checkInAnotherGroup', alice, [alice, bob]);
    const box = await suite.prompts.next();
    assert.strictEqual(box.title, 'Chat Roles: check 2 accounts in another group');
    await answer(box, TEST_GROUPS.public);
    await within(running, 20_000, 'the check in another group');
    assert.deepStrictEqual(roleRequests(), [[TEST_GROUPS.public, ['alice', 'bob']]]);
    assert.deepStrictEqual(children(group(TEST_GROUPS.public)).filter((n) => n.kind !== 'ownerAdmins').map(label), ['bob · owner', 'alice · admin']);
  });

  it('copies an error row and checks its group again from it', async () => {
    await checkRoles(['@TGS#2NOSUCHGRP'], ['alice', 'bob']);
    const [error] = children(group('@TGS#2NOSUCHGRP'));
    await vscode.commands.executeCommand('chatRoles.copyError', error);
    assert.match(await vscode.env.clipboard.readText(), /^@TGS#2NOSUCHGRP 10010 Group not found: .+ \(accounts: alice, bob\)$/);
    suite.server.resetRecords();
    await within(vscode.commands.executeCommand('chatRoles.checkAgain', error), 20_000, 'check again from an error row');
    assert.deepStrictEqual(roleRequests(), [['@TGS#2NOSUCHGRP', ['alice', 'bob']]]);
  });

  it('copies a group as CSV a spreadsheet cannot run: formula cells defused, RFC 4180 quoting', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice', '=1+2', 'x,"y"']);
    await vscode.commands.executeCommand('chatRoles.copyAsCsv', group(TEST_GROUPS.work));
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      [
        'Group,Account,Role,Error code,Error message',
        `'${TEST_GROUPS.work},alice,Owner,,`,
        `'${TEST_GROUPS.work},'=1+2,NotMember,,`,
        `'${TEST_GROUPS.work},"x,""y""",NotMember,,`,
        '',
      ].join('\r\n'),
    );
  });

  it('offers the row commands in the context menus, Show Log and Clear Results in the … menu, and a run icon to check', () => {
    const manifest = chatRolesExtension().packageJSON as {
      contributes: { commands: { command: string; icon?: string }[]; menus: Record<string, { command: string; when?: string; group?: string }[]> };
    };
    const menus = manifest.contributes.menus;
    const onRow = (row: string) => menus['view/item/context'].filter((m) => m.when?.includes(`viewItem == chatRoles.${row}`)).map((m) => m.command);
    const onAccountRows = menus['view/item/context'].filter((m) => m.when?.includes('viewItem =~ /^chatRoles\\.account\\./')).map((m) => m.command);
    assert.deepStrictEqual(onAccountRows.sort(), ['chatRoles.checkInAnotherGroup', 'chatRoles.copyAccount']);
    assert.deepStrictEqual(onRow('error').sort(), ['chatRoles.checkAgain', 'chatRoles.copyError', 'chatRoles.openErrorDocs', 'chatRoles.openErrorDocs']);
    assert.ok(menus['view/item/context'].some((m) => m.command === 'chatRoles.copyAsCsv' && m.when?.includes('chatRoles\\.group')));
    const title = (command: string) => menus['view/title'].find((m) => m.command === command);
    assert.ok(title('chatRoles.showLog') && !title('chatRoles.showLog')?.group?.startsWith('navigation'));
    assert.ok(title('chatRoles.clearResults') && !title('chatRoles.clearResults')?.group?.startsWith('navigation'), 'Clear Results is away from Check All Groups Again');
    assert.strictEqual(manifest.contributes.commands.find((c) => c.command === 'chatRoles.checkRoles')?.icon, '$(play)');
  });

  it('Clear Results can be undone, behind a group checked since', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    await checkRoles([TEST_GROUPS.meeting], ['carol']);
    await vscode.commands.executeCommand('chatRoles.clearResults');
    assert.deepStrictEqual(roots(), []);
    await checkRoles([TEST_GROUPS.public], ['bob']);
    await vscode.commands.executeCommand('chatRoles.undoClearResults');
    assert.deepStrictEqual(roots().map(label), [TEST_GROUPS.public, TEST_GROUPS.meeting, TEST_GROUPS.work]);
    await vscode.commands.executeCommand('chatRoles.clearResults');
    await vscode.commands.executeCommand('chatRoles.undoClearResults');
    await vscode.commands.executeCommand('chatRoles.undoClearResults');
    assert.strictEqual(roots().length, 3, 'a second undo changes nothing');
  });

  it('warns about a space in a typed group ID and sends it only on a second Enter', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const running = vscode.commands.executeCommand('chatRoles.checkRoles');
    const box = await suite.prompts.next();
    await answer(box, 'team custom id');
    await waitFor('the warning', () => /a space at position 5/.test(validationText(box)));
    assert.strictEqual(typeof box.validationMessage === 'object' && box.validationMessage.severity, vscode.InputBoxValidationSeverity.Warning);
    assert.strictEqual(suite.api.currentPrompt(), box, 'the box stays open');
    await accept();
    const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
    await answer(pick, 'alice', () => (pick.activeItems[0] as { typed?: boolean } | undefined)?.typed === true);
    await within(running, 20_000, 'the check');
    assert.deepStrictEqual(roleRequests(), [['team custom id', ['alice']]]);
  });

  it('Enter on an empty accounts box shows the recent list and asks, then a second Enter checks it', async () => {
    await checkRoles([TEST_GROUPS.work], ['carol', 'dave']);
    suite.server.resetRecords();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const running = vscode.commands.executeCommand('chatRoles.checkRoles');
    await answer(await suite.prompts.next(), TEST_GROUPS.meeting);
    const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
    await answer(pick, '', () => pick.activeItems.length > 0);
    await waitFor('the question', () => /Press Enter again to check the recent list of 2 accounts/.test(pick.placeholder ?? ''));
    assert.strictEqual(suite.api.currentPrompt(), pick, 'the pick stays open');
    assert.deepStrictEqual(roleRequests(), [], 'nothing was sent on the first Enter');
    await accept();
    await within(running, 20_000, 'the check');
    assert.deepStrictEqual(roleRequests(), [[TEST_GROUPS.meeting, ['carol', 'dave']]]);
  });

  it('Check All Groups Again counts the requests of every group from the start', async () => {
    await checkRoles([TEST_GROUPS.work], ['alice']);
    await checkRoles([TEST_GROUPS.meeting], ['carol', 'dave']);
    await checkRoles([TEST_GROUPS.public], ['bob']);
    const progress = new ProgressRecorder();
    try {
      await within(vscode.commands.executeCommand('chatRoles.refreshAll'), 20_000, 'check all groups again');
    } finally {
      progress.dispose();
    }
    const counts = progress.reports.flatMap((r) => (r.message && / of \d+ requests$/.test(r.message) ? [r.message] : []));
    assert.strictEqual(counts[0], '0 of 3 requests', counts.join(' | '));
    assert.ok(counts.every((t) => t.endsWith(' of 3 requests')), counts.join(' | '));
    assert.strictEqual(counts[counts.length - 1], '3 of 3 requests');
  });

  it('says the selection holds no group ID, with its size, for a selected comment line', async () => {
    const comment = '// Members of the launch group get the announcement before Friday';
    const editor = await openEditor(`${comment}\n`);
    editor.selection = new vscode.Selection(0, 0, 0, comment.length);
    const running = vscode.commands.executeCommand('chatRoles.checkRoles');
    const box = await suite.prompts.next();
    assert.strictEqual(
      box.prompt,
      `The selection holds no group ID (${comment.length} bytes selected): it has no @TGS# ID, and a custom group ID has at most 48 bytes. Enter the group ID to check.`,
    );
    box.hide();
    await within(running, 10_000, 'the dismissed check');
  });
});
