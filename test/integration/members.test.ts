// chatRoles.listMembers and chatRoles.listAccountGroups (the programmatic contract), and their tree nodes:
// Owner & Admins under every group (listed on expand), All members, an account's groups.
import * as assert from 'assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ListingsStore } from '../../src/results/listings';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_DATA_FILE, TEST_GROUPS } from '../standin/data/test-app';
import type { SeedData } from '../standin/server';
import { withUserSettings } from './hardeningKit';
import { answer, checkRoles, openEditor, rangeOf, useCheckSuite, waitFor, within } from './support';

interface MembersJson {
  groupId: string;
  type?: string;
  memberCount?: number;
  members: { account: string; role: string; joinTime?: number; nameCard?: string }[];
  truncated: boolean;
  error?: { code: number | string; message: string };
}

interface AccountGroupsJson {
  account: string;
  groups: { groupId: string; type: string; name?: string; role: string }[];
  truncated: boolean;
  error?: { code: number | string; message: string };
}

const listMembers = (arg: unknown) => within(vscode.commands.executeCommand<MembersJson>('chatRoles.listMembers', arg), 30_000, 'chatRoles.listMembers');
const listAccountGroups = (arg: unknown) => within(vscode.commands.executeCommand<AccountGroupsJson>('chatRoles.listAccountGroups', arg), 30_000, 'chatRoles.listAccountGroups');

function label(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : (node.label?.label ?? '');
}

function icon(node: vscode.TreeItem): string {
  return (node.iconPath as vscode.ThemeIcon).id;
}

/** test.json with a Public group of 250 members (owner, 2 admins). */
const BIG = '@TGS#2INTBIG250';
function seedWithBigGroup(): SeedData {
  const seed = JSON.parse(readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;
  const users = Array.from({ length: 250 }, (_, i) => `big_${i}`);
  const members = users.map((account, i) => ({ account, role: i === 0 ? ('Owner' as const) : i < 3 ? ('Admin' as const) : ('Member' as const) }));
  return { ...seed, users: [...seed.users, ...users], groups: [...seed.groups, { groupId: BIG, type: 'Public', name: 'Big', members }] };
}

describe('members and account groups', () => {
  const suite = useCheckSuite();
  const tree = () => suite.api.services.tree;
  const children = (node?: RolesNode) => tree().getChildren(node);

  it('listMembers answers with exactly the documented JSON, prompting for nothing', async () => {
    const result = await listMembers({ groupId: TEST_GROUPS.work });
    assert.deepStrictEqual(result, {
      groupId: TEST_GROUPS.work,
      type: 'Work',
      memberCount: 4,
      members: [
        { account: 'alice', role: 'Owner', joinTime: 1_700_000_000, nameCard: 'Card of alice' },
        { account: 'bob', role: 'Admin', joinTime: 1_700_000_060 },
        { account: 'carol', role: 'Member', joinTime: 1_700_000_120 },
        { account: 'dave', role: 'Member', joinTime: 1_700_000_180 },
      ],
      truncated: false,
    });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result)), result, 'plain JSON');
    assert.strictEqual(suite.prompts.count, 0);
    const owners = await listMembers({ groupId: TEST_GROUPS.public, roles: ['Owner', 'Admin'], app: 'default' });
    assert.deepStrictEqual(owners.members.map((m) => `${m.account}:${m.role}`), ['bob:Owner', 'alice:Admin', 'erin:Admin']);
    assert.strictEqual(owners.memberCount, 5, 'the group total, whatever the filter');
  });

  it('a refused group resolves with an error and no members: AVChatRoom explained, a missing group 10010', async () => {
    const av = await listMembers({ groupId: TEST_GROUPS.avChatRoom });
    assert.strictEqual(av.type, 'AVChatRoom');
    assert.strictEqual(av.error?.code, 10007);
    assert.match(av.error.message, /AVChatRoom .*no member list.*Show Groups of Account/);
    assert.deepStrictEqual([av.members, av.truncated], [[], false]);
    const missing = await listMembers({ groupId: '@TGS#2NOSUCHGRP' });
    assert.strictEqual(missing.error?.code, 10010);
    assert.deepStrictEqual(missing.members, []);
  });

  it('stops at exactly chatRoles.maxMembersListed and says it was truncated', async () => {
    suite.server.setData(seedWithBigGroup());
    const settings = await withUserSettings({ maxMembersListed: 100 });
    try {
      const result = await listMembers({ groupId: BIG });
      assert.strictEqual(result.members.length, 100);
      assert.strictEqual(result.truncated, true);
      assert.strictEqual(result.memberCount, 250);
      const all = await withUserSettings({ maxMembersListed: 10_000 });
      const whole = await listMembers({ groupId: BIG });
      await all.restore();
      assert.deepStrictEqual([whole.members.length, whole.truncated], [250, false]);
    } finally {
      await settings.restore();
      suite.server.setData(JSON.parse(readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData);
    }
  });

  it('rejects bad arguments and an unknown app clearly, sending nothing', async () => {
    const rejects = (command: string, arg: unknown, pattern: RegExp) => assert.rejects(Promise.resolve(vscode.commands.executeCommand(command, arg)), pattern);
    await rejects('chatRoles.listMembers', { groupId: '' }, /groupId/);
    await rejects('chatRoles.listMembers', { groupId: TEST_GROUPS.work, roles: ['Boss'] }, /roles/);
    await rejects('chatRoles.listMembers', { groupId: TEST_GROUPS.work, roles: [] }, /roles/);
    await rejects('chatRoles.listMembers', { groupId: TEST_GROUPS.work, app: 'other-app' }, /There is no Chat app labelled "other-app"/);
    await rejects('chatRoles.listAccountGroups', { account: 7 }, /account/);
    await rejects('chatRoles.listAccountGroups', { account: 'alice', app: '1' }, /There is no Chat app labelled "1"/);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('listAccountGroups lists every group with the account\'s role, AVChatRoom included, as an account node', async () => {
    const result = await listAccountGroups({ account: 'alice' });
    assert.deepStrictEqual(Object.keys(result).sort(), ['account', 'groups', 'truncated']);
    const byId = new Map(result.groups.map((g) => [g.groupId, g]));
    assert.deepStrictEqual(byId.get(TEST_GROUPS.work), { groupId: TEST_GROUPS.work, type: 'Work', name: 'Test work group', role: 'Owner' });
    assert.strictEqual(byId.get(TEST_GROUPS.avChatRoom)?.role, 'Owner');
    assert.strictEqual(byId.get(TEST_GROUPS.public)?.role, 'Admin');
    assert.strictEqual(result.truncated, false);
    const sent = suite.server.requests.filter((r) => r.api === 'get_joined_group_list').map((r) => r.body as Record<string, unknown>);
    assert.ok(sent.length >= 1 && sent.every((b) => b.WithHugeGroups === 1 && b.WithNoActiveGroups === 1));

    const accountNode = children().find((n) => n.kind === 'accountGroups');
    assert.ok(accountNode, 'an account node in the tree');
    assert.strictEqual(label(accountNode), 'alice');
    const rows = children(accountNode);
    const work = rows.find((n) => label(n) === TEST_GROUPS.work);
    assert.ok(work);
    assert.strictEqual(work.description, 'owner · Work · “Test work group”');
    assert.strictEqual(icon(work), 'star-full');
    assert.strictEqual(work.contextValue, 'chatRoles.joinedGroup');
    assert.strictEqual(icon(rows.find((n) => label(n) === TEST_GROUPS.public)!), 'shield');
    const unknown = await listAccountGroups({ account: 'nobody-at-all' });
    assert.strictEqual(unknown.error?.code, 10019);
  });

  it('Owner & Admins under a checked group lists them on expand, with role icons; from an account\'s group too', async () => {
    await checkRoles([TEST_GROUPS.public], ['carol']);
    const group = children().find((n) => n.kind === 'group')!;
    const ownerAdmins = children(group).find((n) => n.kind === 'ownerAdmins');
    assert.ok(ownerAdmins, 'every group node has an Owner & Admins child');
    assert.strictEqual(ownerAdmins.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(suite.server.requests.filter((r) => r.api === 'get_group_member_info').length, 0, 'nothing is listed before the node expands');
    assert.deepStrictEqual(children(ownerAdmins).map(label), ['Listing the owner and admins…']);
    await waitFor('the owner and admins to be listed', () => suite.api.services.listings.members(TEST_GROUPS.public, 'ownerAdmins') !== undefined);
    const rows = children(ownerAdmins);
    assert.deepStrictEqual(rows.map((n) => [label(n), n.description, icon(n)]), [
      ['bob', 'owner · Card of bob', 'star-full'],
      ['alice', 'admin', 'shield'],
      ['erin', 'admin', 'shield'],
    ]);
    assert.deepStrictEqual(suite.server.requests.filter((r) => r.api === 'get_group_member_info').map((r) => (r.body as { MemberRoleFilter?: string[] }).MemberRoleFilter), [['Owner', 'Admin']]);
    for (const n of rows) assert.strictEqual(tree().getParent(n), ownerAdmins);

    await listAccountGroups({ account: 'carol' });
    const carol = children().find((n) => n.kind === 'accountGroups')!;
    const meeting = children(carol).find((n) => label(n) === TEST_GROUPS.meeting)!;
    const [meetingAdmins] = children(meeting);
    assert.strictEqual(meetingAdmins.kind, 'ownerAdmins');
    children(meetingAdmins);
    await waitFor('the meeting\'s owner and admins to be listed', () => suite.api.services.listings.members(TEST_GROUPS.meeting, 'ownerAdmins') !== undefined);
    assert.deepStrictEqual(children(meetingAdmins).map(label), ['carol']);
  });

  it('List All Members from a group node adds them to the tree; an account row offers Show Groups of Account', async () => {
    await checkRoles([TEST_GROUPS.custom], ['erin']);
    const group = children().find((n) => n.kind === 'group')!;
    await within(vscode.commands.executeCommand('chatRoles.listMembers', group), 30_000, 'List All Members');
    const all = children(children().find((n) => n.kind === 'group')).find((n) => n.kind === 'allMembers');
    assert.ok(all, 'an All members node under the group');
    assert.strictEqual(all.description, '3 of 3 listed');
    assert.deepStrictEqual(children(all).map((n) => `${label(n)}=${String(n.description)}`), ['erin=owner · Card of erin', 'frank=admin', 'grace=member']);

    const account = children(children().find((n) => n.kind === 'group')).find((n) => n.kind === 'account')!;
    await within(vscode.commands.executeCommand('chatRoles.listAccountGroups', account), 30_000, 'Show Groups of Account');
    const erin = children().find((n) => n.kind === 'accountGroups');
    assert.strictEqual(erin && label(erin), 'erin');
  });

  it('the accounts prompt of a check offers "Owner and admins of this group", and checks them', async () => {
    const editor = await openEditor(`"${TEST_GROUPS.public}"`);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    const done = vscode.commands.executeCommand<{ groups: { roles: { account: string; role: string }[] }[] }>('chatRoles.checkRoles');
    const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
    // The item follows the recent lists: make it active, and give the workbench a moment to focus it too
    // (Enter accepts what the workbench has focused).
    let activeSince = Infinity;
    await answer(pick, '', () => {
      const item = pick.items.find((i) => i.label === 'Owner and admins of this group');
      if (item && pick.activeItems[0] !== item) {
        pick.activeItems = [item];
        activeSince = Date.now();
      }
      return pick.activeItems[0] === item && Date.now() - activeSince > 300;
    });
    // With the box empty, the first Enter only asks (nothing runs that the user did not see).
    await waitFor('the question', () => /Press Enter again to list the owner and admins/.test(pick.placeholder ?? ''));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await within(done, 20_000, 'the check');
    assert.deepStrictEqual(result.groups[0].roles, [
      { account: 'bob', role: 'Owner' },
      { account: 'alice', role: 'Admin' },
      { account: 'erin', role: 'Admin' },
    ]);
  });

  it('copies an account\'s groups as JSON (the command\'s answer) and Markdown, and keeps listings across a reload, hostile ones dropped', async () => {
    const result = await listAccountGroups({ account: 'alice' });
    const node = children().find((n) => n.kind === 'accountGroups')!;
    await vscode.commands.executeCommand('chatRoles.copyAsJson', node);
    assert.deepStrictEqual(JSON.parse(await vscode.env.clipboard.readText()), result);
    await vscode.commands.executeCommand('chatRoles.copyAsMarkdown', node);
    const markdown = await vscode.env.clipboard.readText();
    assert.match(markdown, /\| Group \| Role \| Type \| Name \|/);
    assert.match(markdown, /TESTWORK1 \| Owner \| Work \| Test work group \|/);

    const state = suite.api.state.workspace;
    const stored = state.get<unknown[]>('chatRoles.listings.v1') ?? [];
    assert.ok(stored.length >= 1);
    const hostile = [{ kind: 'account', account: 'x'.repeat(100), sdkAppId: 1, listedAt: 0, groups: [], found: 0, truncated: false }, { kind: 'members', scope: 'all', groupId: 'bad\nid' }, null];
    await state.update('chatRoles.listings.v1', [...hostile, ...stored]);
    const reloaded = new ListingsStore(state, suite.api.services.log);
    try {
      assert.deepStrictEqual(reloaded.accounts().map((r) => [r.account, r.groups.length]), [['alice', result.groups.length]]);
    } finally {
      reloaded.dispose();
    }
  });

  it('List All Members of a missing group from the editor puts the error on the ID as a diagnostic', async () => {
    const editor = await openEditor('const g = "@TGS#2NOSUCHGRP";\n');
    editor.selection = new vscode.Selection(rangeOf(editor.document, '@TGS#2NOSUCHGRP').start, rangeOf(editor.document, '@TGS#2NOSUCHGRP').start);
    const result = await within(vscode.commands.executeCommand<MembersJson>('chatRoles.listMembers'), 30_000, 'List All Members');
    assert.strictEqual(result.error?.code, 10010);
    await waitFor('the diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).length > 0);
    const [diagnostic] = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepStrictEqual(diagnostic.range, rangeOf(editor.document, '@TGS#2NOSUCHGRP'));
    assert.strictEqual(diagnostic.source, 'Chat Roles');
  });
});
