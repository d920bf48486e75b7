// Issue 13 item 5: stored failures come back as diagnostics after a window reload and when their document
// is opened again, wherever it still holds the ID; not where it no longer does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { RoleDiagnostics } from '../../src/editor/diagnostics';
import { ResultsStore } from '../../src/results/store';
import { answerAccounts, closeAllEditors, rangeOf, useCheckSuite, waitFor, within } from './support';

const MISSING = '@TGS#2NOSUCHGRP';

describe('diagnostics come back', () => {
  const suite = useCheckSuite();
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-roles-marks-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Chat Roles');

  /**
   * A file on disk (an untitled document reopens under another name), opened by the workbench as a user
   * opens it: a document the extension host opened itself (openTextDocument) stays loaded for minutes after
   * its editor closes, so its close would come too late for a test.
   */
  async function openFile(name: string, text?: string): Promise<vscode.TextEditor> {
    const file = path.join(dir, name);
    if (text !== undefined) fs.writeFileSync(file, text);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    await waitFor(`${name} to be the active editor`, () => vscode.window.activeTextEditor?.document.uri.fsPath === file, 10_000);
    return vscode.window.activeTextEditor!;
  }

  /** Checks the ID under the cursor (so the record keeps where it was found); it fails with 10010. */
  async function checkAtCursor(editor: vscode.TextEditor): Promise<void> {
    const at = rangeOf(editor.document, MISSING).start.translate(0, 2);
    editor.selection = new vscode.Selection(at, at);
    const done = vscode.commands.executeCommand('chatRoles.checkRoles');
    await answerAccounts(await suite.prompts.next(), ['alice']);
    await within(done, 20_000, 'the check');
    assert.ok(ours(editor.document.uri).length > 0, 'the failure is marked');
  }

  it('after a reload: a new RoleDiagnostics over the same state marks the open document again, and not one that lost the ID', async () => {
    const editor = await openFile('reload.ts', `const a = "${MISSING}";\nconst b = "${MISSING}";\n`);
    const doc = editor.document;
    await checkAtCursor(editor);
    // What a reload leaves: the stored results, the open document, and no marks.
    suite.api.services.diagnostics.clearAll();
    const reloaded = new RoleDiagnostics(new ResultsStore(suite.api.state.workspace, suite.api.services.log));
    try {
      await waitFor('the marks to come back', () => ours(doc.uri).length === 2, 5000);
      const marks = ours(doc.uri);
      assert.deepStrictEqual(marks.map((d) => d.range), [rangeOf(doc, MISSING, 0), rangeOf(doc, MISSING, 1)]);
      assert.strictEqual((marks[0].code as { value: string }).value, '10010');
      assert.strictEqual(marks[0].severity, vscode.DiagnosticSeverity.Error);
    } finally {
      reloaded.dispose();
    }

    // The ID edited away before the next reload: nothing comes back.
    await editor.edit((e) => {
      for (let i = 1; i >= 0; i--) e.replace(rangeOf(doc, MISSING, i), '@TGS#2OTHERGRP1');
    });
    suite.api.services.diagnostics.clearAll();
    const again = new RoleDiagnostics(new ResultsStore(suite.api.state.workspace, suite.api.services.log));
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.deepStrictEqual(ours(doc.uri), []);
    } finally {
      again.dispose();
    }
  });

  it('on reopening the file: the marks come back where the ID still stands, and stay away once it is gone', async () => {
    const editor = await openFile('reopen.ts', `// header\nsend("${MISSING}");\n`);
    const uri = editor.document.uri;
    await checkAtCursor(editor);
    await closeAllEditors();
    await waitFor('the closed document to lose its marks', () => ours(uri).length === 0, 30_000);

    const reopened = await openFile('reopen.ts');
    await waitFor('the mark to come back', () => ours(uri).length === 1, 5000);
    assert.deepStrictEqual(ours(uri)[0].range, rangeOf(reopened.document, MISSING));

    // Changed on disk while closed: the ID is gone, so is its mark.
    await closeAllEditors();
    await waitFor('the closed document to lose its marks', () => ours(uri).length === 0, 30_000);
    await openFile('reopen.ts', '// header\nsend("@TGS#2OTHERGRP1");\n');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepStrictEqual(ours(uri), []);
  });

  it('in a document too big to search on opening: marks only the stored place, if it still holds the ID', async () => {
    const filler = `// ${'x'.repeat(76)}\n`.repeat(15_000); // 1.2 MB
    const editor = await openFile('big.ts', `send("${MISSING}");\n${filler}again("${MISSING}");\n`);
    const doc = editor.document;
    assert.ok(doc.getText().length > 1_000_000);
    await checkAtCursor(editor);
    assert.strictEqual(ours(doc.uri).length, 2, 'the check itself marks both');
    suite.api.services.diagnostics.clearAll();
    const reloaded = new RoleDiagnostics(new ResultsStore(suite.api.state.workspace, suite.api.services.log));
    try {
      await waitFor('the stored place to be marked', () => ours(doc.uri).length > 0, 5000);
      assert.deepStrictEqual(ours(doc.uri).map((d) => d.range), [rangeOf(doc, MISSING, 0)]);
      // For the record, not asserted (the machine is shared): how long one restore holds the host.
      const started = performance.now();
      reloaded.restore(doc);
      const atStoredPlace = performance.now() - started;
      const scanStarted = performance.now();
      reloaded.reportMany(doc, [{ groupId: MISSING, code: 10010, message: 'no such group', moreErrors: 0 }]);
      const scan = performance.now() - scanStarted;
      console.log(`      (${doc.getText().length} characters: a restore at the stored place took ${atStoredPlace.toFixed(1)} ms, a whole search ${scan.toFixed(1)} ms)`);
    } finally {
      reloaded.dispose();
    }
  });
});
