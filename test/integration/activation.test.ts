import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { chatRolesExtension, waitFor } from '../host/extensionUnderTest';

describe('activation', () => {
  it('loads the extension with its manifest', () => {
    const manifest = chatRolesExtension().packageJSON as { publisher: string; main: string };
    assert.strictEqual(manifest.publisher, 'chat-roles');
    assert.strictEqual(manifest.main, './dist/extension.js');
  });

  it('declares no eager activation event', () => {
    // Activation comes from the contributed commands and views only (the issue forbids * and onStartupFinished).
    const events = (chatRolesExtension().packageJSON as { activationEvents?: string[] }).activationEvents ?? [];
    assert.deepStrictEqual(events.filter((e) => e === '*' || e === 'onStartupFinished'), []);
  });

  it('activates when its view opens, without loading the HTTP client', async () => {
    const ext = chatRolesExtension();
    // Opening the view is a user action that activates the extension through its implicit onView event;
    // the command exists only if the view is contributed.
    await vscode.commands.executeCommand('chatRoles.roles.focus');
    await waitFor('the extension to activate', () => ext.isActive);
    // undici lives in dist/chat-runtime.js, which must wait for the first query.
    const runtime = path.join(ext.extensionPath, 'dist', 'chat-runtime.js');
    assert.strictEqual(require.cache[runtime], undefined, `${runtime} was loaded at activation`);
  });
});
