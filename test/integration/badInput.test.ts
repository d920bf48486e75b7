// Bad input, from the editor and through the programmatic command: each case gets a clear message or a
// correct result, never a hang, a crash or an unhandled rejection.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { MAX_REMEMBERED_ACCOUNTS } from '../../src/checks/recentAccounts';
import { TEST_GROUPS } from '../standin/data/test-app';
import { assertEveryAccountAccounted, NotificationRecorder, ProgressRecorder, UnhandledWatch, withUserSettings, workRole } from './hardeningKit';
import { answer, answerAccounts, type CheckJson, openEditor, sleep, useCheckSuite, validationText, waitFor, within } from './support';

const GROUP = TEST_GROUPS.work;
const ID_PROMPT_TITLE = 'Chat Roles: Check Roles in Group';

function programmatic(groupIds: string[], accounts: string[]): Promise<CheckJson> {
  return within(vscode.commands.executeCommand<CheckJson>('chatRoles.checkRoles', { groupIds, accounts }), 60_000, 'chatRoles.checkRoles');
}

/** Opens the text, selects all of it (or nothing), and starts the interactive check. */
async function checkSelection(content: string, select: 'all' | 'none'): Promise<{ running: Thenable<CheckJson | undefined> }> {
  const editor = await openEditor(content, 'plaintext');
  const end = editor.document.positionAt(content.length);
  editor.selection = select === 'all' ? new vscode.Selection(new vscode.Position(0, 0), end) : new vscode.Selection(0, 0, 0, 0);
  // Wrapped: an async function returning the command's promise would wait for it to settle.
  return { running: vscode.commands.executeCommand<CheckJson | undefined>('chatRoles.checkRoles') };
}

/** `count` distinct, well-formed @TGS# IDs that name no group of the seed. */
function manyIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `@TGS#2BULK${String(i).padStart(5, '0')}`);
}

describe('hardening: bad input', function () {
  this.timeout(120_000);
  const suite = useCheckSuite();
  /** The get_role_in_group requests (a check also asks get_group_info for its groups' facts). */
  const roleRequests = () => suite.server.requests.filter((r) => r.api === 'get_role_in_group');
  let watch: UnhandledWatch;

  beforeEach(() => {
    watch = new UnhandledWatch();
  });
  afterEach(async () => {
    await sleep(50);
    watch.assertNone('this test');
    watch.dispose();
  });

  /** Selections with no group ID in them: the user is asked for one (the clear way on), nothing is sent. */
  const noIdSelections: [string, string, 'all' | 'none'][] = [
    ['an empty document', '', 'none'],
    ['a whitespace-only selection', '  \n\t \r\n   \u00a0\u3000 ', 'all'],
    ['a binary selection', Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '\uFFFD\uD800\u0000', 'all'],
  ];
  for (const [what, content, select] of noIdSelections) {
    it(`${what}: asks for the group ID instead, and sends nothing`, async () => {
      const { running } = await checkSelection(content, select);
      const box = await suite.prompts.next();
      assert.strictEqual(box.title, ID_PROMPT_TITLE);
      box.hide();
      assert.strictEqual(await within(running, 10_000, 'the dismissed check'), undefined);
      assert.strictEqual(suite.server.requests.length, 0, 'nothing was sent');
    });
  }

  it('a 10 MB selection with one group ID in it: finds it and checks it', async () => {
    const line = '{"event":"message","payload":"lorem ipsum dolor sit amet, consectetur adipiscing elit","n":12345},\n';
    const half = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const { running } = await checkSelection(`${half}const GROUP = "${GROUP}";\n${half}`, 'all');
    const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>(30_000);
    assert.match(pick.title ?? '', new RegExp(`accounts to check in ${GROUP.replace(/[#]/g, '\\$&')}$`));
    await answerAccounts(pick, ['alice', 'carol']);
    const result = await within(running, 60_000, 'the check of the 10 MB selection');
    assert.ok(result, 'the check ran');
    const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ['alice', 'carol']);
    assert.strictEqual(outcomes.get('alice'), 'Owner');
    assert.strictEqual(outcomes.get('carol'), 'Member');
  });

  it('thousands of IDs in one selection: a clear cap (the first 1000, with a warning), not a freeze', async () => {
    const settings = await withUserSettings({ requestsPerSecond: 5000 });
    const notifications = new NotificationRecorder();
    try {
      const ids = manyIds(3000);
      const { running } = await checkSelection(ids.join(',\n'), 'all');
      const document = vscode.window.activeTextEditor!.document;
      // Each publish of the document's diagnostics is one event; publishing per group made this quadratic.
      let publishes = 0;
      const counting = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === document.uri.toString())) publishes++;
      });
      const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>(30_000);
      assert.match(pick.title ?? '', /accounts to check in 1000 groups$/);
      assert.ok(
        notifications.texts.some((t) => /more than 1000 group IDs; only the first 1000 are checked/.test(t)),
        `a warning names the cap: ${JSON.stringify(notifications.texts)}`,
      );
      await answerAccounts(pick, ['alice']);
      const result = await within(running, 90_000, 'the check of 1000 groups');
      assert.ok(result, 'the check ran');
      assertEveryAccountAccounted(result, ids.slice(0, 1000), ['alice']);
      for (const g of result.groups) assert.strictEqual(g.error?.code, 10010, `${g.groupId} does not exist`);
      assert.strictEqual(new Set(suite.server.requests.filter((r) => r.api === 'get_role_in_group').map((r) => r.groupId)).size, 1000);
      counting.dispose();
      assert.strictEqual(vscode.languages.getDiagnostics(document.uri).length, 1000, 'each checked ID is marked');
      assert.ok(publishes <= 2, `the diagnostics of the document were published ${publishes} times, not once per group`);
    } finally {
      notifications.dispose();
      await settings.restore();
    }
  });

  it('more than 1000 groups through the command: refused with a clear message, nothing sent', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: manyIds(1001), accounts: ['alice'] })),
      /At most 1000 groups can be checked at once \(1001 given\)/,
    );
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('group IDs longer than their limit (48 bytes custom, 96 "@TGS#"): a named error per group, nothing sent', async () => {
    const custom = 'c'.repeat(49);
    const tgs = `@TGS#${'A'.repeat(92)}`;
    const result = await programmatic([custom, tgs, GROUP], ['alice']);
    const [customOutcome, tgsOutcome, fine] = assertEveryAccountAccounted(result, [custom, tgs, GROUP], ['alice']);
    assert.strictEqual(customOutcome.get('alice'), 'INVALID_INPUT');
    assert.match(result.groups[0].error?.message ?? '', /49 bytes long; custom group IDs have at most 48/);
    assert.strictEqual(tgsOutcome.get('alice'), 'INVALID_INPUT');
    assert.match(result.groups[1].error?.message ?? '', /97 bytes long; "@TGS#" IDs have at most 96/);
    assert.strictEqual(fine.get('alice'), 'Owner');
    assert.deepStrictEqual(roleRequests().map((r) => r.groupId), [GROUP], 'only the valid group was sent');
  });

  it('a group ID longer than 48 bytes typed into the input box: refused as typed, with the reason', async () => {
    const { running } = await checkSelection('', 'none');
    const box = await suite.prompts.next();
    await answer(box, 'x'.repeat(49));
    await waitFor('the validation message', () => /at most 48/.test(validationText(box)), 5000);
    assert.strictEqual(suite.api.currentPrompt(), box, 'Enter did not accept it');
    box.hide();
    assert.strictEqual(await within(running, 10_000, 'the dismissed check'), undefined);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('accounts longer than 32 bytes or with non-printable characters: a named error each, the rest checked', async () => {
    const long = 'a'.repeat(33);
    const wide = '用'.repeat(11); // 11 characters, 33 bytes of UTF-8
    const bell = 'bo\u0007b';
    const lone = 'x\uD800y';
    const result = await programmatic([GROUP], ['alice', long, wide, bell, lone, 'bob']);
    const [outcomes] = assertEveryAccountAccounted(result, [GROUP], ['alice', long, wide, bell, lone, 'bob']);
    assert.strictEqual(outcomes.get('alice'), 'Owner');
    assert.strictEqual(outcomes.get('bob'), 'Admin');
    for (const bad of [long, wide, bell, lone]) assert.strictEqual(outcomes.get(bad), 'INVALID_INPUT', JSON.stringify(bad));
    const messages = (result.groups[0].errors ?? [result.groups[0].error]).map((e) => e?.message ?? '').join('\n');
    assert.match(messages, /33 bytes long \(UTF-8\); accounts have at most 32/);
    assert.match(messages, /control character \(U\+0007/);
    assert.match(messages, /lone surrogate/);
    assert.deepStrictEqual(roleRequests().map((r) => r.accounts), [['alice', 'bob']], 'only the sendable accounts went out');
  });

  it('an account longer than 32 bytes typed into the accounts prompt: shown as the problem, Enter does not accept', async () => {
    const { running } = await checkSelection(GROUP, 'none'); // the caret on the ID
    const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>();
    const long = 'z'.repeat(40);
    await answer(pick, `alice, ${long}`, () => (pick.activeItems[0]?.detail ?? '').includes('40 bytes'));
    await sleep(300);
    assert.strictEqual(suite.api.currentPrompt(), pick, 'the prompt is still open');
    pick.hide();
    assert.strictEqual(await within(running, 10_000, 'the dismissed check'), undefined);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  it('duplicate accounts: checked once each, one outcome each', async () => {
    const accounts = ['alice', 'alice', 'bob', 'alice', 'bob'];
    const result = await programmatic([GROUP, GROUP], accounts);
    const [outcomes] = assertEveryAccountAccounted(result, [GROUP], accounts);
    assert.strictEqual(outcomes.get('alice'), 'Owner');
    assert.strictEqual(outcomes.get('bob'), 'Admin');
    assert.deepStrictEqual(roleRequests().map((r) => r.accounts), [['alice', 'bob']]);
  });

  it('no accounts, or only blank ones: a clear message, nothing sent', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [GROUP], accounts: [] })), /accounts must be a non-empty array/);
    const blank = await programmatic([GROUP], ['   ', '']);
    const [outcomes] = assertEveryAccountAccounted(blank, [GROUP], ['   ', '']);
    assert.deepStrictEqual([...new Set(outcomes.values())], ['INVALID_INPUT']);
    assert.match(blank.groups[0].error?.message ?? '', /The account is empty/);
    assert.strictEqual(suite.server.requests.length, 0);
  });

  // The manifest's minimum and maximum only warn in the settings editor: settings.json can hold anything.
  const outOfRange: [string, Record<string, unknown>][] = [
    ['timeoutSeconds below the minimum (1)', { timeoutSeconds: 1 }],
    ['timeoutSeconds far past the maximum (10,000,000)', { timeoutSeconds: 10_000_000 }],
    ['timeoutSeconds not a number', { timeoutSeconds: 'soon' }],
    ['requestsPerSecond 0', { requestsPerSecond: 0 }],
    ['requestsPerSecond far past the maximum (1e12)', { requestsPerSecond: 1e12 }],
  ];
  for (const [what, values] of outOfRange) {
    it(`a setting out of range, ${what}: checks still work`, async () => {
      await within(programmatic([GROUP], ['alice']), 30_000, 'a check that creates the client'); // the client exists: the change is applied live
      const settings = await withUserSettings(values);
      try {
        const [live] = assertEveryAccountAccounted(await programmatic([GROUP], ['alice', 'bob']), [GROUP], ['alice', 'bob']);
        assert.deepStrictEqual([live.get('alice'), live.get('bob')], ['Owner', 'Admin']);
        // And for a client created with it (as after a reload).
        await suite.api.services.connection.close();
        const [fresh] = assertEveryAccountAccounted(await programmatic([GROUP], ['carol']), [GROUP], ['carol']);
        assert.strictEqual(fresh.get('carol'), 'Member');
      } finally {
        await settings.restore();
      }
    });
  }

  describe('100,000 accounts', () => {
    const accounts = ['alice', ...Array.from({ length: 99_999 }, (_, i) => `user${i}`)];

    it('batched by 500, with progress, every account answered', async () => {
      const settings = await withUserSettings({ requestsPerSecond: 2000 });
      const progress = new ProgressRecorder();
      try {
        const result = await within(programmatic([GROUP], accounts), 90_000, 'the check of 100,000 accounts');
        const [outcomes] = assertEveryAccountAccounted(result, [GROUP], accounts);
        for (const a of ['alice', 'user0', 'user99998']) assert.strictEqual(outcomes.get(a), workRole(a));
        const sent = suite.server.requests.filter((r) => r.api === 'get_role_in_group');
        assert.strictEqual(sent.length, 200);
        assert.ok(sent.every((r) => (r.accounts?.length ?? 0) <= 500));
        assert.strictEqual(new Set(sent.flatMap((r) => r.accounts ?? [])).size, 100_000, 'every account was sent once');
        const messages = progress.reports.map((r) => r.message ?? '');
        assert.ok(messages.length >= 3, `progress was reported: ${messages.length} report(s)`);
        assert.strictEqual(messages[messages.length - 1], '200 of 200 requests');

        // So long a list is not remembered (it would bloat state and the prompt); the next prompt still opens.
        assert.ok((suite.api.services.recents.forGroup(GROUP)?.length ?? 0) <= MAX_REMEMBERED_ACCOUNTS, 'the 100,000 accounts were not remembered for the group');
        assert.ok(suite.api.services.recents.lists().every((l) => l.length <= MAX_REMEMBERED_ACCOUNTS), 'nor as a recent list');
        const { running } = await checkSelection(GROUP, 'none');
        const pick = await suite.prompts.next<vscode.QuickPick<vscode.QuickPickItem>>(30_000);
        assert.ok(!pick.value.includes('user99998'), 'not prefilled with the 100,000 accounts');
        pick.hide();
        assert.strictEqual(await within(running, 10_000, 'the dismissed check'), undefined);
      } finally {
        progress.dispose();
        await settings.restore();
      }
    });

    it('cancelled mid-way: ends promptly, every account in a role or CANCELLED, nothing sent afterwards', async () => {
      const settings = await withUserSettings({ requestsPerSecond: 20 });
      const progress = new ProgressRecorder();
      try {
        const running = programmatic([GROUP], accounts);
        await waitFor('a few batches to finish', () => progress.reports.length >= 4, 30_000);
        progress.cancel();
        const cancelledAt = Date.now();
        const result = await within(running, 10_000, 'the cancelled check');
        const settled = Date.now();
        assert.ok(settled - cancelledAt < 5000, `ended promptly after Cancel (${settled - cancelledAt} ms)`);
        const [outcomes] = assertEveryAccountAccounted(result, [GROUP], accounts);
        const kinds = new Set(outcomes.values());
        for (const k of kinds) assert.ok(['Owner', 'NotMember', 'CANCELLED'].includes(String(k)), `unexpected outcome ${String(k)}`);
        assert.ok(kinds.has('CANCELLED'), 'the rest was cancelled');
        const kept = suite.api.services.results.get(GROUP);
        const answered = [...outcomes.values()].filter((o) => o !== 'CANCELLED').length;
        assert.strictEqual(kept?.roles.length, answered, 'a cancelled check keeps what was answered');
        assert.strictEqual(kept.errors.find((e) => e.code === 'CANCELLED')?.accounts.length, outcomes.size - answered, '… and marks the rest cancelled');
        const before = suite.server.requests.length;
        await sleep(1000);
        assert.strictEqual(suite.server.requests.length, before, 'no request arrived after the check ended');
        assert.ok(before < 200, `not everything was sent (${before} requests)`);
      } finally {
        progress.dispose();
        await settings.restore();
      }
    });
  });
});
