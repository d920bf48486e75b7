// The secrets audit: every flow runs with a known UserSig and secret key at trace log level, then every
// place a secret could end up is searched for both — log files, the output channel, workspace and global
// state, settings and other files of the user-data dir, diagnostics, notifications, prompts, tree items,
// hovers, the status bar, copied text, error messages and the answers of checks. Zero hits.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChatRolesApi } from '../../src/api';
import { decodeUserSig } from '../../src/chat/auth/usersig';
import type { RolesNode } from '../../src/views/nodes';
import { TEST_ADMIN, TEST_GROUPS, TEST_OTHER_ADMIN, TEST_SDK_APP_ID, TEST_SECRET_KEY } from '../standin/data/test-app';
import { userSig } from '../standin/test-kit';
import { NotificationRecorder, UnhandledWatch } from './hardeningKit';
import { answer, type CheckJson, openEditor, PromptRecorder, sleep, testUserSig, useStandIn, validationText, within } from './support';

/** Secrets are searched for by every window of this many characters (at a stride of 8): fragments count. */
const FRAGMENT = 24;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

/** The user-data dir: the nearest folder above the log folder that has a User/ folder. */
function userDataDir(logDirectory: string): string {
  for (let dir = logDirectory; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'User', 'settings.json'))) return dir;
  }
  throw new Error(`no user-data dir above ${logDirectory}`);
}

/**
 * Text as a reader sees it: Markdown surfaces backslash-escape every punctuation character of foreign text
 * (a UserSig has `*`, `-`, `_`) and plain ones break links with zero-width spaces, so a secret there would not
 * match as typed.
 */
function asRead(text: string): string {
  return text.replace(/\u200b/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Where the text holds a secret (or a fragment of one), or a UserSig nobody named (one minted from the key). */
function findLeak(shownText: string, secrets: readonly string[]): string | undefined {
  const text = asRead(shownText);
  for (const secret of secrets) {
    for (let i = 0; i + FRAGMENT <= secret.length; i += 8) {
      const at = text.indexOf(secret.slice(i, i + FRAGMENT));
      if (at >= 0) return `a fragment of a secret at ${at}, after …${JSON.stringify(text.slice(Math.max(0, at - 40), at))}`;
    }
  }
  for (const m of text.matchAll(/[A-Za-z0-9*_-]{60,}/g)) {
    try {
      decodeUserSig(m[0]);
      return `a UserSig at ${m.index}: ${m[0].slice(0, 12)}…`;
    } catch {
      // not a UserSig
    }
  }
  return undefined;
}

/** Every node of the roles tree as its TreeItem, flattened to text. */
function treeText(api: ChatRolesApi): string[] {
  const out: string[] = [];
  const walk = (node?: RolesNode) => {
    for (const child of api.services.tree.getChildren(node)) {
      const item = api.services.tree.getTreeItem(child);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
      const label = typeof item.label === 'object' ? item.label.label : item.label;
      out.push(JSON.stringify({ label, description: item.description, tooltip, id: item.id, contextValue: item.contextValue, command: item.command && { command: item.command.command, title: item.command.title, tooltip: item.command.tooltip } }));
      walk(child);
    }
  };
  walk();
  return out;
}

function mementoText(memento: vscode.Memento): string {
  return memento.keys().map((k) => `${k}=${JSON.stringify(memento.get(k))}`).join('\n');
}

describe('hardening: secrets audit', function () {
  this.timeout(120_000);
  const suite = useStandIn({ traceLogs: true });

  it('no UserSig or secret key anywhere after every flow, at trace level', async () => {
    const { api, server } = suite;
    const SIG = testUserSig();
    const OTHER_SIG = testUserSig(7 * 86400); // a second valid one, stored by the guided input
    // A refusal is remembered for its exact credentials: the refused step signs with its own UserSig (another
    // expiry), so the checks after it still reach the server with SIG.
    const REFUSED_LATER = testUserSig(3 * 86400);
    const REFUSED = userSig({ identifier: 'bob' });
    const EXPIRED = userSig({ expireSeconds: 60, issuedAtMs: Date.now() - 3_600_000 });
    const KEY = TEST_SECRET_KEY;
    const secrets = [SIG, OTHER_SIG, REFUSED_LATER, REFUSED, EXPIRED, KEY].flatMap((s) => [s, encodeURIComponent(s)]);

    const shown: string[] = []; // prompts' messages, errors, answers, copied text, hovers…
    const notifications = new NotificationRecorder();
    const prompts = new PromptRecorder(api);
    const watch = new UnhandledWatch();
    const rejected = async (thenable: Thenable<unknown>) => {
      try {
        await thenable;
        assert.fail('expected a rejection');
      } catch (err) {
        shown.push(err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err));
      }
    };
    const check = async (groupIds: string[], accounts: string[]) => {
      const result = await within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds, accounts }), 60_000, 'a check');
      shown.push(JSON.stringify(result));
      return result;
    };
    /** The guided input, first offered a refused secret (its validation message is shown), then the real one. */
    const guided = async (kind: 'UserSig' | 'Secret key', bad: string, good: string) => {
      const done = vscode.commands.executeCommand('chatRoles.setCredentials');
      await answer(await prompts.next(), String(TEST_SDK_APP_ID));
      await answer(await prompts.next(), TEST_ADMIN);
      const where = await prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      await answer(where, 'Follow the settings', () => where.activeItems[0]?.label === 'Follow the settings');
      const pick = await prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      await answer(pick, kind, () => pick.activeItems[0]?.label === kind);
      const box = await prompts.next();
      await answer(box, bad);
      await sleep(200);
      shown.push(`${box.prompt ?? ''}\n${validationText(box)}\n${box.title ?? ''}\n${box.placeholder}`);
      await answer(box, good);
      shown.push(`${box.prompt ?? ''}\n${validationText(box)}`);
      await within(done, 10_000, 'the guided input');
    };

    try {
      // Credentials, every way: guided (UserSig, secret key) and programmatic (both), and refusals.
      await guided('UserSig', REFUSED, OTHER_SIG);
      await guided('Secret key', 'short', KEY);
      await rejected(vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: REFUSED }));
      await rejected(vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: EXPIRED }));
      await rejected(vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: SIG, secretKey: KEY }));
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: SIG });

      // Checks from the editor (diagnostics, hovers, tree, revealing): success, unknown group, AVChatRoom.
      const source = `const groups = ["${TEST_GROUPS.work}", "@TGS#2NOSUCHGRP1", "${TEST_GROUPS.avChatRoom}"];\nconst body = { User_Account: ["alice", "bob", "yuri"] };\n`;
      const editor = await openEditor(source);
      editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.positionAt(source.length));
      shown.push(JSON.stringify(await within(vscode.commands.executeCommand('chatRoles.checkRoles'), 60_000, 'the editor check')));
      // Server errors that quote the secrets back: a credential error (one notification), a rate error, a 502.
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: REFUSED_LATER });
      server.addFault({ fault: { kind: 'errorCode', code: 70001, info: `UserSig expired: usersig=${REFUSED_LATER} key ${KEY}` }, api: 'get_role_in_group', times: 1 });
      await check([TEST_GROUPS.public], ['alice']);
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: SIG });
      server.addFault({ fault: { kind: 'errorCode', code: 60007, info: `too fast for ${SIG}` }, api: 'get_role_in_group', times: 4 });
      await check([TEST_GROUPS.meeting], ['carol']);
      server.addFault({ fault: { kind: 'http502' }, api: 'get_role_in_group', times: 4 });
      await check([TEST_GROUPS.community], ['dave']);
      // A UserSig for another app: refused before sending, by the pre-flight check.
      await api.services.credentials.set({ sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: userSig({ sdkAppId: 1400000099 }) });
      await check([TEST_GROUPS.custom], ['erin']);

      // The secret key: minted UserSigs, success and failures.
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: KEY });
      await check([TEST_GROUPS.work, TEST_GROUPS.custom], ['alice', 'erin']);
      // The refused step signs as the other admin, so the key stays usable for TEST_ADMIN afterwards.
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_OTHER_ADMIN, secretKey: KEY });
      server.addFault({ fault: { kind: 'errorCode', code: 70009, info: `bad signature ${KEY}` }, api: 'get_role_in_group', times: 1 });
      await check([TEST_GROUPS.work], ['bob']);
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: KEY });
      server.addFault({ fault: { kind: 'nonJson' }, api: 'get_role_in_group', times: 2 });
      await check([TEST_GROUPS.public], ['bob']);
      // Check again and refresh all, from the tree.
      await within(vscode.commands.executeCommand('chatRoles.checkAgain', { groupId: TEST_GROUPS.work }), 30_000, 'check again');
      await within(vscode.commands.executeCommand('chatRoles.refreshAll'), 60_000, 'refresh all');

      // Copy every group as Markdown and JSON.
      for (const record of api.services.results.all()) {
        for (const command of ['chatRoles.copyAsMarkdown', 'chatRoles.copyAsJson']) {
          await vscode.env.clipboard.writeText('');
          await vscode.commands.executeCommand(command, { groupId: record.groupId });
          const clipboard = await vscode.env.clipboard.readText();
          const copied = command === 'chatRoles.copyAsMarkdown' ? asRead(clipboard) : clipboard;
          assert.ok(copied.includes(record.groupId), `${command} copied ${record.groupId}`);
          shown.push(copied);
        }
      }
      // Hovers over each ID of the source.
      for (const id of [TEST_GROUPS.work, TEST_GROUPS.avChatRoom, '@TGS#2NOSUCHGRP1']) {
        const at = editor.document.positionAt(source.indexOf(id) + 3);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
        for (const h of hovers) for (const c of h.contents) shown.push(typeof c === 'string' ? c : 'value' in c ? c.value : String(c));
      }
      // Code actions offered on the diagnostics.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 1, 0));
      shown.push(JSON.stringify(actions.map((a) => ({ title: a.title, command: a.command, diagnostics: a.diagnostics?.map((d) => d.message) }))));
      // The status bar, as the user sees it (secret key, then a UserSig).
      const statusOf = () => {
        const v = api.statusBarView();
        return `${v.text}\n${v.tooltip instanceof vscode.MarkdownString ? v.tooltip.value : (v.tooltip ?? '')}`;
      };
      shown.push(statusOf());
      await vscode.commands.executeCommand('chatRoles.setCredentials', { sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, userSig: SIG });
      shown.push(statusOf());
      // A second app on the same stand-in: its listing, the status bar once it is active, and a check with it.
      await vscode.commands.executeCommand('chatRoles.setCredentials', { app: 'second', sdkAppId: TEST_SDK_APP_ID, identifier: TEST_ADMIN, secretKey: KEY, endpoint: server.url });
      shown.push(JSON.stringify(await vscode.commands.executeCommand('chatRoles.listApps')));
      await vscode.commands.executeCommand('chatRoles.useApp', { app: 'second' });
      shown.push(statusOf());
      shown.push(JSON.stringify(await within(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts: ['alice'], app: 'second' }), 30_000, 'the check with the second app')));
      await vscode.commands.executeCommand('chatRoles.clearCredentials', { confirm: false });

      // Sanity: the flows really ran and really produced what is searched.
      const tree = treeText(api);
      const diagnostics = vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.map((d) => `${uri.toString()} ${d.message} ${JSON.stringify(d.code)}`));
      assert.ok(tree.length >= 10, `the tree shows the groups (${tree.length} items)`);
      assert.ok(diagnostics.some((d) => d.includes('@TGS#2NOSUCHGRP1')), 'the unknown group has a diagnostic');
      assert.ok(notifications.texts.length >= 2, `notifications were shown: ${JSON.stringify(notifications.texts)}`);
      assert.ok(shown.some((s) => /70001/.test(s)) && shown.some((s) => /USERSIG_APP_MISMATCH/.test(s)), 'the failing checks ran');
      assert.ok(server.requests.length >= 15, `requests were sent (${server.requests.length})`);
      // Each server error that quotes a secret was really served (not cut short by a remembered refusal).
      const served = (code: number) => server.requests.some((r) => r.errorCode === code);
      for (const code of [70001, 60007, 70009]) assert.ok(served(code), `the ${code} answer was served`);
      for (const fault of ['http502', 'nonJson']) assert.ok(server.requests.some((r) => r.fault === fault), `the ${fault} answer was served`);

      await sleep(1500); // file loggers flush on a short timer
      const logDir = api.logDirectory.fsPath;
      const ownLog = path.join(logDir, 'Chat Roles.log');
      assert.ok(fs.existsSync(ownLog), 'the output channel has its log file');
      assert.match(fs.readFileSync(ownLog, 'utf8'), /\[trace\]|\[debug\]/, 'low-level lines were logged, so the search means something');

      const places: [string, string][] = [
        ['notifications', notifications.texts.join('\n')],
        ['tree items', tree.join('\n')],
        ['diagnostics', diagnostics.join('\n')],
        ['workspace state', mementoText(api.state.workspace)],
        ['global state', mementoText(api.state.global)],
        ['settings', JSON.stringify(vscode.workspace.getConfiguration('chatRoles'))],
        ...shown.map((text, i): [string, string] => [`shown text #${i}`, text]),
      ];
      // Every file of the user-data dir (logs of every process, settings.json, state databases, history)
      // and of the workspace folder.
      const dirs = [userDataDir(logDir), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)];
      let files = 0;
      for (const file of dirs.flatMap(filesUnder)) {
        if (fs.statSync(file).size > 64 * 1024 * 1024) continue;
        places.push([file, fs.readFileSync(file, 'latin1')]);
        files++;
      }
      assert.ok(files >= 5, `files were searched (${files})`);
      const leaks = places.flatMap(([where, text]) => {
        const leak = findLeak(text, secrets);
        return leak ? [`${where}: ${leak}`] : [];
      });
      assert.deepStrictEqual(leaks, [], 'no secret anywhere');
      watch.assertNone('the audit');
    } finally {
      watch.dispose();
      prompts.dispose();
      notifications.dispose();
      server.clearFaults();
    }
  });
});
