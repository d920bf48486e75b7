import * as vscode from 'vscode';
import { describeError } from '../chat/errors';
import type { ErrorCode } from '../chat/types';
import { docsLink } from '../ui/docsLink';
import { ErrorNode } from '../views/nodes';

/** chatRoles.openErrorDocs: opens Tencent's documentation of an error (an error node, or `{ code }`). */
export function registerOpenErrorDocs(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.openErrorDocs', async (arg?: unknown) => {
      const code: ErrorCode | undefined =
        arg instanceof ErrorNode ? arg.code : typeof arg === 'object' && arg !== null ? ((arg as { code?: ErrorCode }).code ?? undefined) : undefined;
      if (code === undefined) return;
      await vscode.env.openExternal(vscode.Uri.parse(docsLink(describeError(code).docs)));
    }),
  );
}
