import * as vscode from 'vscode';
import { promptForCredentials } from '../credentials/prompt';
import { parseCredentialsArgument } from '../credentials/validate';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';

/**
 * chatRoles.setCredentials: the guided input, or — given `{ sdkAppId, identifier, userSig? | secretKey? }` —
 * the same validation without prompting. The programmatic form rejects with an Error on bad input or
 * a storage failure (nothing is stored) and resolves once stored.
 */
export function registerSetCredentials(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.setCredentials', async (arg?: unknown) => {
      if (arg !== undefined && typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)) {
        await services.credentials.set(parseCredentialsArgument(arg));
        return;
      }
      let current;
      try {
        await services.credentials.get();
        current = services.credentials.summary();
      } catch {
        current = undefined; // storage unreadable: still let the user try to store new credentials
      }
      const credentials = await promptForCredentials(services.prompts, current);
      if (!credentials) return;
      try {
        await services.credentials.set(credentials);
      } catch (err) {
        reportFailure(services.log, 'Storing credentials failed', err);
        return;
      }
      void vscode.window.showInformationMessage(`Chat Roles: credentials stored for app ${credentials.sdkAppId} (${plainText(credentials.identifier)}).`);
    }),
  );
}
