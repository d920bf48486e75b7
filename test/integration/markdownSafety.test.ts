// Foreign text (a group ID from a document, accounts, a server's answer) on its way to the workbench, read
// where the extension hands it over: hover and tooltip Markdown, notification and progress text, quick pick
// labels, and the tree items' accessibility labels. The UI layer (test/ui/foreignText.test.ts) reads the
// rendered result.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RolesNode } from '../../src/views/nodes';
import { HOSTILE_ACCOUNTS as ACCOUNTS, HOSTILE_GROUP, HOSTILE_GROUP_ID as GROUP } from '../standin/data/hostile';
import { TEST_DATA_FILE } from '../standin/data/test-app';
import type { SeedData } from '../standin/server';
import { NotificationRecorder } from './hardeningKit';
import { checkRoles, openEditor, sleep, useCheckSuite, within } from './support';

/** How the workbench finds links in notification and quick input text (its parseLinkedText). */
const WORKBENCH_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
/** `$(name)` as labels draw it: an icon. */
const ICON_SYNTAX = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\)/;

function markdownOf(value: vscode.TreeItem['tooltip'] | vscode.MarkdownString | vscode.MarkedString): string {
  return typeof value === 'string' ? value : value && 'value' in value ? value.value : '';
}

/**
 * answerAccounts' steps with a wait fit for a busy machine (the echo of the typed value took over 5 s in a
 * run with a load average of 24): type, wait for the typed entry to lead, press Enter.
 */
async function typeAccounts(pick: vscode.QuickPick<vscode.QuickPickItem>, accounts: string[]): Promise<void> {
  pick.value = accounts.join(', ');
  const wanted = accounts.join(',');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const active = pick.activeItems[0] as { accounts?: string[]; typed?: boolean } | undefined;
    if (active?.typed === true && (active.accounts ?? []).join(',') === wanted) break;
    if (Date.now() > deadline) throw new Error(`the accounts prompt never led with ${wanted}`);
    await sleep(50);
  }
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describe('foreign text in Markdown, notifications, progress and labels', () => {
  const suite = useCheckSuite();
  const roots = () => suite.api.services.tree.getChildren();
  const children = (node: RolesNode) => suite.api.services.tree.getChildren(node);

  before(() => {
    const data = JSON.parse(fs.readFileSync(TEST_DATA_FILE, 'utf8')) as SeedData;
    data.users.push(...Object.values(ACCOUNTS));
    data.groups.push(HOSTILE_GROUP);
    suite.server.setData(data);
  });

  it('the hover holds every account escaped, never as Markdown', async () => {
    await checkRoles([GROUP], Object.values(ACCOUNTS));
    const editor = await openEditor(`team: "${GROUP}"\n`, 'plaintext');
    const inside = editor.document.positionAt(editor.document.getText().indexOf('command:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, inside);
    const hover = hovers.flatMap((h) => h.contents.map(markdownOf)).find((md) => md.includes('Chat Roles'));
    assert.ok(hover, 'no Chat Roles hover');
    // Each account holds Markdown punctuation, so an escaped account never appears as typed.
    for (const account of Object.values(ACCOUNTS)) assert.ok(!hover.includes(account), `the hover holds ${account} as Markdown:\n${hover}`);
  });

  it('tree rows have accessibility labels that read as sentences', async () => {
    await checkRoles([GROUP, '@TGS#2NOSUCHGRP'], [ACCOUNTS.admin, 'zoe']);
    const groupNode = (groupId: string) => roots().find((n) => n.kind === 'group' && n.record.groupId === groupId);
    const found = groupNode(GROUP);
    const missing = groupNode('@TGS#2NOSUCHGRP');
    assert.ok(found && missing, 'a group is missing from the tree');
    // The group's name (here its ID) comes from the server: inert in the label too.
    const name = '[Open]\u200b(command:\u200bchatRoles.clearCredentials)';
    assert.strictEqual(found.accessibilityInformation?.label, `Group ${GROUP}: 2 checked, 1 admin, 1 not in group, Work, “${name}”, 3 in total; checked less than a minute ago`);
    const labels = children(found).filter((n) => n.kind === 'account').map((n) => n.accessibilityInformation?.label);
    assert.deepStrictEqual(labels, [
      `${ACCOUNTS.admin} is an admin of group ${GROUP}, checked less than a minute ago`,
      `zoe is not in group ${GROUP}, checked less than a minute ago`,
    ]);
    const [error] = children(missing);
    assert.deepStrictEqual(error.accessibilityInformation, {
      label: 'Error 10010, Group not found, for 2 accounts in group @TGS#2NOSUCHGRP. Opens the documentation.',
      role: 'link',
    });
  });

  it('progress, the accounts prompt and a warning quoting the ID hold no link or icon the workbench would draw', async function () {
    this.timeout(90_000);
    const progressTexts: string[] = [];
    const win = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const withProgress = win.withProgress;
    const showProgress = withProgress.bind(vscode.window);
    win.withProgress = <R>(options: vscode.ProgressOptions, task: Parameters<typeof withProgress<R>>[1]): Thenable<R> => {
      if (options.title) progressTexts.push(options.title);
      return showProgress<R>(options, (progress, token) =>
        task(
          {
            report: (value) => {
              if (value.message) progressTexts.push(value.message);
              progress.report(value);
            },
          },
          token,
        ),
      );
    };
    assert.notStrictEqual(win.withProgress, withProgress, 'vscode.window.withProgress could not be wrapped');
    const notifications = new NotificationRecorder();
    try {
      const editor = await openEditor(`team: "${GROUP}"\n`, 'plaintext');
      const document = editor.document;
      const start = document.getText().indexOf(GROUP);
      editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + GROUP.length));
      const checked = vscode.commands.executeCommand('chatRoles.checkRoles');
      const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
      await typeAccounts(pick, [ACCOUNTS.admin, ACCOUNTS.member]);
      const shownInPick = [pick.title ?? '', ...pick.items.flatMap((i) => [i.label, i.description ?? '', i.detail ?? ''])];
      await within(checked, 30_000, 'the check');
      assert.ok(progressTexts.some((t) => t.startsWith('Checking roles in')), `progress: ${progressTexts.join(' | ')}`);

      // As a reloaded window may find it: the document the ID came from is gone.
      const record = suite.api.services.results.get(GROUP);
      assert.ok(record, 'the check left no record');
      const gone = vscode.Uri.file(path.join(os.tmpdir(), 'chat-roles-no-such-dir', 'team.ts')).toString();
      await suite.api.services.results.put([{ ...record, source: { uri: gone, range: [0, 7, 0, 7 + GROUP.length] } }]);
      await vscode.commands.executeCommand('chatRoles.goToSource', { groupId: GROUP });
      assert.ok(notifications.texts.some((t) => t.includes('no longer available')), `messages: ${notifications.texts.join(' | ')}`);

      for (const text of [...progressTexts, ...notifications.texts, ...shownInPick]) {
        assert.ok(!WORKBENCH_LINK.test(text), `a link: ${text}`);
        assert.ok(!ICON_SYNTAX.test(text), `an icon: ${text}`);
      }
    } finally {
      win.withProgress = withProgress;
      notifications.dispose();
    }
  });
});
