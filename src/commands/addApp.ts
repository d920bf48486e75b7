import * as vscode from 'vscode';
import type { Services } from '../services';
import { editAppInteractively } from './appEditor';

/** chatRoles.addApp: the guided input of a new app, starting with its label. */
export function registerAddApp(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(vscode.commands.registerCommand('chatRoles.addApp', () => editAppInteractively(services, { kind: 'add' })));
}
