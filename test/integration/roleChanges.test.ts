// Role changes in the real extension host against the stand-in: the contract of chatRoles.setRole and
// chatRoles.transferOwner, each rule and code, the confirmation, read-only apps, the unknown outcome of a
// dropped connection, the verifying read, the tree, the log, and Undo from Recent Changes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { AppRegistryGate, type ChangeApp, type RoleChangeGate } from '../../src/changes/gate';
import type { SeedData } from '../standin/server';
import { TEST_DATA_FILE, TEST_GROUPS, TEST_SDK_APP_ID } from '../standin/data/test-app';
import { HOSTILE_ACCOUNTS } from '../standin/data/hostile';
import { NotificationRecorder } from './hardeningKit';
import { checkRoles, useStandIn, waitFor, within } from './support';

const APP = 'test-app';
/** The row commands that change roles (copy, check elsewhere and Show Groups of Account are on every account row). */
const ROLE_CHANGE_COMMANDS = ['chatRoles.makeAdmin', 'chatRoles.makeMember', 'chatRoles.transferOwnershipHere', 'chatRoles.joinGroupFirst'];

/** Apps as a test holds them: the test credentials under one label, with a switch the test sets. */
class TestGate implements RoleChangeGate {
  readonly allowed = new Set<string>();
  constructor(private readonly active: () => Promise<ChangeApp>) {}
  async resolve(label?: string): Promise<ChangeApp | undefined> {
    if (label !== undefined && label !== APP) return undefined;
    // The suite's app (its credentials and stand-in), under this test's own label and switch.
    return { ...(await this.active()), label: APP };
  }
  isAllowed(app: ChangeApp): boolean {
    return this.allowed.has(app.label);
  }
  allow(app: ChangeApp): Promise<void> {
    this.allowed.add(app.label);
    return Promise.resolve();
  }
}

interface Modal {
  message: string;
  detail: string;
  buttons: readonly string[];
}

interface SetRoleJson {
  groupId: string;
  account: string;
  app: string;
  previousRole: string | null;
  role: string | null;
  applied: boolean | 'unknown';
  verified: boolean;
  error?: { code: string | number; message: string };
}

interface TransferJson {
  groupId: string;
  app: string;
  previousOwner: string | null;
  owner: string | null;
  applied: boolean | 'unknown';
  verified: boolean;
  error?: { code: string | number; message: string };
}

const seed = JSON.parse(fs.readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;

function setRole(arg: unknown): Promise<SetRoleJson> {
  return within(vscode.commands.executeCommand<SetRoleJson>('chatRoles.setRole', arg), 30_000, 'chatRoles.setRole');
}

function transferOwner(arg: unknown): Promise<TransferJson> {
  return within(vscode.commands.executeCommand<TransferJson>('chatRoles.transferOwner', arg), 30_000, 'chatRoles.transferOwner');
}

describe('role changes', function () {
  this.timeout(60_000);
  const suite = useStandIn({ credentials: 'each', resetEach: true });
  let gate: TestGate;
  let modals: Modal[];
  /** What the next confirmation answers: the offered button (after running `before`), or nothing (cancel). */
  let answer: { accept: boolean; before?: () => void };
  let notes: NotificationRecorder;

  beforeEach(() => {
    suite.server.setData(seed);
    gate = new TestGate(() => new AppRegistryGate(suite.api.services.apps).resolve());
    gate.allowed.add(APP);
    suite.api.useRoleChangeGate(gate);
    modals = [];
    answer = { accept: true };
    suite.api.answerRoleChangeModals((message, detail, buttons) => {
      modals.push({ message, detail, buttons });
      answer.before?.();
      return Promise.resolve(answer.accept ? buttons[0] : undefined);
    });
    notes = new NotificationRecorder();
  });

  afterEach(() => {
    notes.dispose();
    suite.api.useRoleChangeGate();
    suite.api.answerRoleChangeModals();
    // Other suites read the tree's roots: leave no Recent Changes behind.
    suite.api.services.recentChanges.clear();
  });

  const writes = () => suite.server.requests.filter((r) => r.api === 'modify_group_member_info' || r.api === 'change_group_owner');
  const treeRole = (groupId: string, account: string) => suite.api.services.results.get(groupId)?.roles.find((r) => r.account === account)?.role;

  it('makes a member an admin: the exact result, the write, the verifying read, the tree and Recent Changes', async () => {
    const result = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin', confirm: false });
    assert.deepStrictEqual(result, { groupId: TEST_GROUPS.public, account: 'carol', app: APP, previousRole: 'Member', role: 'Admin', applied: true, verified: true });
    assert.deepStrictEqual(
      suite.server.requests.map((r) => r.api),
      ['get_role_in_group', 'modify_group_member_info', 'get_role_in_group'],
      'read before, write once, read after',
    );
    assert.strictEqual(modals.length, 0, 'confirm: false shows no modal');
    assert.strictEqual(treeRole(TEST_GROUPS.public, 'carol'), 'Admin');
    const [entry] = suite.api.services.recentChanges.recentChanges();
    assert.deepStrictEqual([entry.account, entry.before, entry.after, entry.applied, entry.verified, entry.undoable], ['carol', 'Member', 'Admin', true, true, true]);
  });

  it('each rule answers its code: resolved with error, applied false, nothing changed', async () => {
    const cases: [unknown, string | number, RegExp][] = [
      [{ groupId: TEST_GROUPS.public, account: 'bob', role: 'Member' }, 10004, /owner's role cannot be changed/],
      [{ groupId: TEST_GROUPS.public, account: 'yuri', role: 'Admin' }, 10004, /not a member/],
      [{ groupId: TEST_GROUPS.work, account: 'carol', role: 'Admin' }, 10007, /Work groups have no admins/],
      [{ groupId: TEST_GROUPS.avChatRoom, account: 'bob', role: 'Admin' }, 10007, /AVChatRoom/],
      [{ groupId: '@TGS#2NOSUCHGRP', account: 'bob', role: 'Admin' }, 10010, /does not exist/],
    ];
    for (const [arg, code, advice] of cases) {
      const result = await setRole({ ...(arg as object), confirm: false });
      assert.strictEqual(result.applied, false, JSON.stringify(result));
      assert.strictEqual(result.verified, false);
      assert.strictEqual(result.error?.code, code, JSON.stringify(result));
      assert.match(result.error.message, advice);
    }
    const transfer = await transferOwner({ groupId: TEST_GROUPS.public, account: 'yuri', confirm: false });
    assert.deepStrictEqual([transfer.applied, transfer.error?.code, transfer.owner, transfer.previousOwner], [false, 10004, 'bob', 'bob']);
    const live = await transferOwner({ groupId: TEST_GROUPS.avChatRoom, account: 'bob', confirm: false });
    assert.deepStrictEqual([live.applied, live.error?.code], [false, 10007]);
    const check = await checkRoles([TEST_GROUPS.public], ['bob', 'yuri']);
    assert.deepStrictEqual(check.groups[0].roles, [{ account: 'bob', role: 'Owner' }, { account: 'yuri', role: 'NotMember' }]);
  });

  it('explains the admin limit the server enforces (no number is assumed)', async () => {
    suite.server.setAdminLimit(2);
    const result = await setRole({ groupId: TEST_GROUPS.public, account: 'frank', role: 'Admin', confirm: false });
    assert.deepStrictEqual([result.applied, result.error?.code, result.role], [false, 10004, 'Member']);
    assert.match(result.error?.message ?? '', /as many admins as the server allows/);
    assert.match(result.error?.message ?? '', /limit of 2/);
  });

  it('transfers ownership: previous and verified owner, the old owner a Member in the tree', async () => {
    const result = await transferOwner({ groupId: TEST_GROUPS.public, account: 'carol', confirm: false });
    assert.deepStrictEqual(result, { groupId: TEST_GROUPS.public, app: APP, previousOwner: 'bob', owner: 'carol', applied: true, verified: true });
    assert.strictEqual(treeRole(TEST_GROUPS.public, 'carol'), 'Owner');
    assert.strictEqual(treeRole(TEST_GROUPS.public, 'bob'), 'Member');
    assert.strictEqual(suite.api.services.recentChanges.recentChanges()[0].undoable, false, 'a transfer is no plain role change');
  });

  it('confirms in a modal naming app, SDKAppID, group and name, account and before → after; cancel sends nothing', async () => {
    answer = { accept: false };
    const cancelled = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
    assert.deepStrictEqual([cancelled.applied, cancelled.verified, cancelled.error?.code, cancelled.role], [false, false, 'CANCELLED', 'Member']);
    assert.strictEqual(writes().length, 0);
    const [modal] = modals;
    assert.match(modal.message, /Make carol an admin of group @TGS#3TESTPUB01\?/);
    for (const part of [`App: ${APP} (SDKAppID ${TEST_SDK_APP_ID})`, 'Group: @TGS#3TESTPUB01 ("Test public group")', 'Account: carol', 'Role: Member → Admin']) {
      assert.ok(modal.detail.includes(part), `the modal's detail lacks ${part}: ${modal.detail}`);
    }
    assert.deepStrictEqual(modal.buttons, ['Make Admin']);
    answer = { accept: true };
    const made = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
    assert.deepStrictEqual([made.applied, made.verified], [true, true]);
    assert.ok(notes.texts.some((t) => t.includes('carol is now Admin in @TGS#3TESTPUB01 (verified)')), notes.texts.join('\n'));
    answer = { accept: false };
    await transferOwner({ groupId: TEST_GROUPS.public, account: 'carol' });
    assert.match(modals[2].detail, /The current owner, bob, stays in the group as a Member/);
    assert.strictEqual(writes().length, 1);
  });

  it('a read-only app rejects confirm: false, and the modal offers to allow role changes for the app', async () => {
    gate.allowed.clear();
    await assert.rejects(setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin', confirm: false }), /read-only/);
    await assert.rejects(transferOwner({ groupId: TEST_GROUPS.public, account: 'carol', confirm: false }), /read-only/);
    await assert.rejects(setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin', app: 'another-app', confirm: false }), /there is no app "another-app"/);
    await assert.rejects(setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Owner' }), /role must be "Admin" or "Member"/);
    assert.strictEqual(writes().length, 0);
    const made = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
    assert.deepStrictEqual(modals[0].buttons, ['Allow Role Changes and Make Admin']);
    assert.match(modals[0].detail, /Role changes are off for this app/);
    assert.ok(gate.allowed.has(APP), 'choosing the offer turned the switch on');
    assert.deepStrictEqual([made.applied, made.verified], [true, true]);
  });

  it('a workspace cannot allow role changes: with the built-in gate an app stays read-only until the user turns it on in the modal', async () => {
    suite.api.useRoleChangeGate(); // the production gate: the app registry
    await suite.api.state.workspace.update('chatRoles.allowRoleChanges', true);
    await suite.api.state.workspace.update('chatRoles.roleChangesAllowed', { [String(TEST_SDK_APP_ID)]: true, default: true });
    await suite.api.state.workspace.update('chatRoles.apps', [{ label: 'default', allowRoleChanges: true }]);
    try {
      await assert.rejects(setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin', confirm: false }), /read-only/);
      assert.strictEqual(writes().length, 0);
      // The user's own choice in the modal turns it on, in the app's profile (user-level storage).
      const offered = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
      assert.ok(modals[0]?.buttons.some((b) => /allow/i.test(b)), 'the modal offers to allow role changes');
      assert.deepStrictEqual([offered.applied, offered.verified], [true, true]);
      const apps = await vscode.commands.executeCommand<{ apps: { app: string; allowRoleChanges: boolean }[] }>('chatRoles.listApps');
      assert.strictEqual(apps.apps.find((a) => a.app === 'default')?.allowRoleChanges, true);
    } finally {
      await suite.api.services.apps.setRoleChangeAllowed('default', false);
      await suite.api.state.workspace.update('chatRoles.allowRoleChanges', undefined);
      await suite.api.state.workspace.update('chatRoles.roleChangesAllowed', undefined);
      await suite.api.state.workspace.update('chatRoles.apps', undefined);
    }
  });

  it('a dropped connection after the write was applied: sent once, applied unknown, the verifying read says applied', async () => {
    suite.server.addFault({ fault: { kind: 'applyThenClose' }, api: 'modify_group_member_info', times: 1 });
    const result = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
    assert.deepStrictEqual([result.applied, result.role, result.verified, result.error?.code], ['unknown', 'Admin', true, 'NETWORK']);
    assert.strictEqual(writes().length, 1, 'never retried');
    assert.ok(notes.texts.some((t) => t.includes('no answer came for the change of carol') && t.includes('the change was applied')), notes.texts.join('\n'));
  });

  it('a dropped connection before anything was applied: sent once, applied unknown, the verifying read says not applied', async () => {
    suite.server.addFault({ fault: { kind: 'close' }, api: 'change_group_owner', times: 1 });
    const result = await transferOwner({ groupId: TEST_GROUPS.public, account: 'carol', confirm: false });
    assert.deepStrictEqual([result.applied, result.owner, result.verified], ['unknown', 'bob', false]);
    assert.strictEqual(writes().length, 1);
  });

  it('reports a change the server accepted but the verifying read does not show', async () => {
    // Once the modal is answered (after the read before), the verifying read leaves carol out.
    answer = { accept: true, before: () => suite.server.addFault({ fault: { kind: 'userIdList', variant: 'dropOne' }, api: 'get_role_in_group', times: 1 }) };
    const result = await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin' });
    assert.deepStrictEqual([result.applied, result.verified, result.role], [true, false, null]);
    assert.ok(notes.texts.some((t) => t.includes('the server accepted the change of carol') && t.includes('does not show it')), notes.texts.join('\n'));
    assert.strictEqual(suite.api.services.recentChanges.recentChanges()[0].undoable, false);
  });

  it('Undo on a Recent Changes row changes the role back (confirmed) and the tree shows it', async () => {
    await setRole({ groupId: TEST_GROUPS.public, account: 'alice', role: 'Member', confirm: false });
    const tree = suite.api.services.tree;
    const recent = tree.getChildren().find((n) => n.kind === 'recentChanges');
    assert.ok(recent);
    const [row] = tree.getChildren(recent);
    assert.strictEqual(row.contextValue, 'chatRoles.change.undoable');
    const undone = await vscode.commands.executeCommand<SetRoleJson>('chatRoles.undoRoleChange', row);
    assert.deepStrictEqual([undone.previousRole, undone.role, undone.verified], ['Member', 'Admin', true]);
    assert.match(modals[0].message, /Make alice an admin/);
    assert.strictEqual(treeRole(TEST_GROUPS.public, 'alice'), 'Admin');
  });

  it('a Recent Changes row shows the owner accounts the server named inert: no icon or link can form in its label', async () => {
    // The group's owner is a hostile account; the transfer's before is that owner, as the server reads it.
    const owner = HOSTILE_ACCOUNTS.admin;
    suite.server.setData({
      ...seed,
      users: [...seed.users, owner],
      groups: seed.groups.map((g) => (g.groupId === TEST_GROUPS.public ? { ...g, members: g.members.map((m) => (m.role === 'Owner' ? { ...m, account: owner } : m)) } : g)),
    });
    const result = await transferOwner({ groupId: TEST_GROUPS.public, account: 'carol', confirm: false });
    assert.strictEqual(result.previousOwner, owner);
    const tree = suite.api.services.tree;
    const recent = tree.getChildren().find((n) => n.kind === 'recentChanges');
    assert.ok(recent);
    const [row] = tree.getChildren(recent);
    const label = typeof row.label === 'string' ? row.label : row.label?.label ?? '';
    assert.ok(label.replace(/\u200b/g, '').includes(owner), label);
    assert.doesNotMatch(label, /\$\(|\]\(/);
  });

  it('logs every change at info: app, group, account, before, after, result, time', async () => {
    await setRole({ groupId: TEST_GROUPS.public, account: 'carol', role: 'Admin', confirm: false });
    await setRole({ groupId: TEST_GROUPS.public, account: 'bob', role: 'Admin', confirm: false });
    const file = path.join(suite.api.logDirectory.fsPath, 'Chat Roles.log');
    const line = /\[info\] Role change: app test-app \(SDKAppID \d+\), group @TGS#3TESTPUB01, account "carol", role Member → Admin: applied and verified, at \d{4}-\d\d-\d\dT/;
    await waitFor('the log line of the change', () => fs.existsSync(file) && line.test(fs.readFileSync(file, 'utf8')));
    await waitFor('the log line of the refusal', () => /account "bob", role Owner → Admin: refused \(10004\)/.test(fs.readFileSync(file, 'utf8')));
  });

  it('a row whose group ID cannot be changed is named inert in the notification: no link forms from its text', async () => {
    // A topic ID made of printable ASCII passes as a row's group but not checkGroupId, whose reason quotes it.
    const groupId = '[Open](https://example.com/x)@TOPIC#t';
    await within(Promise.resolve(vscode.commands.executeCommand('chatRoles.makeAdmin', { groupId, account: 'carol' })), 30_000, 'chatRoles.makeAdmin');
    const shown = notes.texts.find((t) => t.includes('topic ID'));
    assert.ok(shown, `no notification named the refusal: ${JSON.stringify(notes.texts)}`);
    // How the workbench finds links in notification text (its parseLinkedText).
    assert.doesNotMatch(shown, /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i);
    assert.deepStrictEqual([modals.length, writes().length], [0, 0], 'nothing asked, nothing sent');
  });

  it('account rows say role and group type in their contextValue; the menus offer only what makes sense', async () => {
    await checkRoles([TEST_GROUPS.public], ['bob', 'alice', 'carol', 'yuri']);
    const tree = suite.api.services.tree;
    const values = () => {
      const group = tree.getChildren().find((n) => n.kind === 'group' && n.record.groupId === TEST_GROUPS.public);
      assert.ok(group);
      return tree.getChildren(group).filter((n) => n.kind !== 'ownerAdmins').map((n) => n.contextValue);
    };
    assert.deepStrictEqual(values(), ['chatRoles.account.owner', 'chatRoles.account.admin', 'chatRoles.account.member', 'chatRoles.account.notMember']);
    const menus = (vscode.extensions.all.find((e) => e.id === 'chat-roles.chat-roles')?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['view/item/context'];
    const offered = (contextValue: string) =>
      menus
        .filter((m) => {
          const regex = /viewItem =~ \/(.+)\/$/.exec(m.when ?? '')?.[1];
          return regex !== undefined && m.command !== 'chatRoles.checkAgain' && new RegExp(regex).test(contextValue);
        })
        .map((m) => m.command)
        .filter((c, i, all) => all.indexOf(c) === i && ROLE_CHANGE_COMMANDS.includes(c));
    assert.deepStrictEqual(offered('chatRoles.account.owner'), []);
    assert.deepStrictEqual(offered('chatRoles.account.admin'), ['chatRoles.makeMember', 'chatRoles.transferOwnershipHere']);
    assert.deepStrictEqual(offered('chatRoles.account.member'), ['chatRoles.makeAdmin', 'chatRoles.transferOwnershipHere']);
    assert.deepStrictEqual(offered('chatRoles.account.notMember'), ['chatRoles.joinGroupFirst']);
    assert.deepStrictEqual(offered('chatRoles.account.member.noAdmins'), ['chatRoles.transferOwnershipHere']);
    assert.deepStrictEqual(offered('chatRoles.account.admin.noChanges'), []);
    // A confirmed change reads the group's info: a Work group's rows then offer no Make Admin.
    answer = { accept: false };
    await checkRoles([TEST_GROUPS.work], ['carol']);
    await setRole({ groupId: TEST_GROUPS.work, account: 'carol', role: 'Admin' });
    const work = tree.getChildren().find((n) => n.kind === 'group' && n.record.groupId === TEST_GROUPS.work);
    assert.ok(work);
    assert.deepStrictEqual(tree.getChildren(work).filter((n) => n.kind !== 'ownerAdmins').map((n) => n.contextValue), ['chatRoles.account.member.noAdmins']);
  });
});
