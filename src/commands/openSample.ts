import * as vscode from 'vscode';

/** The walkthrough's sample, shipped in the .vsix (the demo workspace is not). */
const SAMPLE_PATH = ['media', 'walkthrough', 'sample.jsonc'];

/**
 * chatRoles.openSample: opens the sample request body as a new untitled document, so the user can edit it
 * and check it without saving anything (the installed copy in the extensions folder stays untouched).
 */
export function registerOpenSample(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.openSample', async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...SAMPLE_PATH));
      const document = await vscode.workspace.openTextDocument({ language: 'jsonc', content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(document);
    }),
  );
}
