import * as vscode from 'vscode';
import type { Services } from '../services';

/** chatRoles.showLog: shows the "Chat Roles" output channel (every request, redacted). */
export function registerShowLog(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(vscode.commands.registerCommand('chatRoles.showLog', () => services.log.show()));
}
