import * as assert from 'assert';
import * as vscode from 'vscode';
import { TEST_GROUPS } from '../standin/data/test-app';
import { answerAccounts, openEditor, rangeOf, useCheckSuite, waitFor, within } from './support';

const MISSING = '@TGS#2NOSUCHGRP';

/** Our quick fixes (the TypeScript extension adds refactorings of its own to the same range). */
const isOurs = (a: vscode.CodeAction) =>
  ['chatRoles.setCredentials', 'chatRoles.checkAgain'].includes(a.command?.command ?? '') || a.title.startsWith('Open documentation for ');

describe('diagnostics and quick fixes', () => {
  const suite = useCheckSuite();


  /** Runs the interactive check with the cursor in the first occurrence of `groupId`. */
  async function checkAtCursor(editor: vscode.TextEditor, groupId: string, accounts = ['alice']): Promise<void> {
    const at = rangeOf(editor.document, groupId).start.translate(0, 2);
    editor.selection = new vscode.Selection(at, at);
    const done = vscode.commands.executeCommand('chatRoles.checkRoles');
    await answerAccounts(await suite.prompts.next(), accounts);
    await within(done, 20_000, 'the check');
  }

  const ours = (doc: vscode.TextDocument) => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Chat Roles');
  const ranges = (doc: vscode.TextDocument) => ours(doc).map((d) => d.range);

  it('marks every occurrence of a missing group as an Error with the code linked to its docs', async () => {
    const editor = await openEditor(`const a = "${MISSING}";\nconst b = "${TEST_GROUPS.work}";\nsend('${MISSING}');\n`);
    const doc = editor.document;
    await checkAtCursor(editor, MISSING);
    const diags = ours(doc);
    assert.deepStrictEqual(diags.map((d) => d.range), [rangeOf(doc, MISSING, 0), rangeOf(doc, MISSING, 1)]);
    for (const d of diags) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.strictEqual(code.value, '10010');
      assert.match(code.target.toString(), /^https:\/\/www\.tencentcloud\.com\/document\/product\/1047\//);
      assert.match(d.message, new RegExp(`^${MISSING.replace(/[#$]/g, '\\$&')}: `));
    }
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diags[0].range);
    const titles = actions.filter(isOurs).map((a) => a.title);
    assert.deepStrictEqual(titles, ['Open documentation for 10010'], 'a missing group is neither a credential nor a transient problem');
  });

  it('drops a mark when the text under it changes, and moves the others with edits elsewhere', async () => {
    const editor = await openEditor(`const a = "${MISSING}";\nconst b = "${MISSING}";\n`);
    const doc = editor.document;
    await checkAtCursor(editor, MISSING);
    assert.strictEqual(ours(doc).length, 2);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// header\n'));
    await waitFor('the marks to move down a line', () => ranges(doc).length === 2 && ranges(doc)[0].start.line === 1);
    assert.deepStrictEqual(ranges(doc), [rangeOf(doc, MISSING, 0), rangeOf(doc, MISSING, 1)]);
    const second = rangeOf(doc, MISSING, 1);
    await editor.edit((e) => e.replace(new vscode.Range(second.end.translate(0, -1), second.end), 'X'));
    await waitFor('the edited mark to go', () => ours(doc).length === 1);
    assert.deepStrictEqual(ranges(doc), [rangeOf(doc, MISSING, 0)]);
  });

  it('drops the marks when a later check of the ID succeeds', async () => {
    suite.server.addFault({ fault: { kind: 'errorCode', code: 10004, info: 'invalid parameter' }, api: 'get_role_in_group', groupId: TEST_GROUPS.work, times: 1 });
    const editor = await openEditor(`const a = "${TEST_GROUPS.work}";\n`);
    await checkAtCursor(editor, TEST_GROUPS.work);
    assert.deepStrictEqual(ours(editor.document).map((d) => (d.code as { value: string }).value), ['10004']);
    await within(vscode.commands.executeCommand('chatRoles.checkRoles', { groupIds: [TEST_GROUPS.work], accounts: ['alice'] }), 20_000, 'the second check');
    assert.deepStrictEqual(ours(editor.document), []);
  });

  it('drops the marks when the document closes', async () => {
    const editor = await openEditor(`x = "${MISSING}"\n`);
    const uri = editor.document.uri;
    await checkAtCursor(editor, MISSING);
    assert.strictEqual(ours(editor.document).length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the marks of the closed document to go', () => vscode.languages.getDiagnostics(uri).length === 0);
  });

  it('drops every mark on Clear Results', async () => {
    const editor = await openEditor(`x = "${MISSING}"\n`);
    await checkAtCursor(editor, MISSING);
    assert.strictEqual(ours(editor.document).length, 1);
    await vscode.commands.executeCommand('chatRoles.clearResults');
    assert.deepStrictEqual(ours(editor.document), []);
  });

  it('offers Set Credentials… for a UserSig error', async () => {
    suite.server.addFault({ fault: { kind: 'errorCode', code: 70001, info: 'usersig expired' }, api: 'get_role_in_group' });
    const editor = await openEditor(`x = "${TEST_GROUPS.work}"\n`);
    await checkAtCursor(editor, TEST_GROUPS.work);
    const [diag] = ours(editor.document);
    assert.strictEqual((diag.code as { value: string }).value, '70001');
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diag.range);
    const fixes = actions.filter(isOurs);
    assert.deepStrictEqual(fixes.map((a) => a.title), ['Set Credentials…', 'Open documentation for 70001']);
    assert.strictEqual(fixes[0].command?.command, 'chatRoles.setCredentials');
    assert.strictEqual(fixes[0].kind?.value, vscode.CodeActionKind.QuickFix.value);
  });

  it('offers Check Again for DEADLINE, MISSING_FROM_RESPONSE and CANCELLED, as for rate, server and network errors', async () => {
    const editor = await openEditor(`x = "${TEST_GROUPS.work}"\n`);
    const doc = editor.document;
    const range = rangeOf(doc, TEST_GROUPS.work);
    // The provider answers any diagnostic whose source is Chat Roles by its code; a collection of the test's own carries them.
    const collection = vscode.languages.createDiagnosticCollection('chat-roles-test');
    try {
      for (const code of ['DEADLINE', 'MISSING_FROM_RESPONSE', 'CANCELLED', '60007', '70500', 'NETWORK']) {
        const diagnostic = new vscode.Diagnostic(range, `${TEST_GROUPS.work}: failed`, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'Chat Roles';
        diagnostic.code = code;
        collection.set(doc.uri, [diagnostic]);
        let titles: string[] = [];
        let again: vscode.CodeAction | undefined;
        for (let i = 0; i < 50 && !titles.some((t) => t.endsWith(` ${code}`)); i++) {
          const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range)).filter(isOurs);
          titles = actions.map((a) => a.title);
          again = actions.find((a) => a.command?.command === 'chatRoles.checkAgain');
          if (!titles.some((t) => t.endsWith(` ${code}`))) await new Promise((r) => setTimeout(r, 100));
        }
        assert.ok(titles.includes(`Open documentation for ${code}`), `${code}: the diagnostic reached the provider (${titles.join(', ')})`);
        assert.deepStrictEqual(again?.command?.arguments, [{ groupId: TEST_GROUPS.work, uri: doc.uri.toString() }], `${code}: Check Again offered (${titles.join(', ')})`);
      }
    } finally {
      collection.dispose();
    }
  });

  it('drops a group\'s marks in another document when it fails again from this one (their message is no longer the latest)', async () => {
    const first = await openEditor(`a = "${MISSING}"\n`);
    await checkAtCursor(first, MISSING);
    assert.strictEqual(ours(first.document).length, 1);
    const second = await openEditor(`b = "${MISSING}"\nc = "${MISSING}"\n`);
    await checkAtCursor(second, MISSING);
    assert.strictEqual(ours(second.document).length, 2);
    assert.deepStrictEqual(ours(first.document), [], 'the first document keeps no older mark');
  });
});
