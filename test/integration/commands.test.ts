import * as assert from 'assert';
import * as vscode from 'vscode';
import { chatRolesExtension } from '../host/extensionUnderTest';

describe('commands', () => {
  let declared: string[];
  let registered: string[];

  before(async () => {
    const ext = chatRolesExtension();
    await ext.activate();
    declared = (ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command).sort();
    registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('chatRoles.')).sort();
  });

  it('declares commands', () => {
    assert.ok(declared.length > 0, 'package.json contributes no commands');
  });

  it('registers every command declared in package.json', () => {
    assert.deepStrictEqual(declared.filter((c) => !registered.includes(c)), []);
  });

  it('declares every chatRoles.* command it registers', () => {
    // View commands VS Code itself registers for chatRoles.roles (focus, resetViewLocation, ...) are not ours.
    const own = registered.filter((c) => !c.startsWith('chatRoles.roles.'));
    assert.deepStrictEqual(own.filter((c) => !declared.includes(c)), []);
  });
});
