import * as vscode from 'vscode';
import { promptForGroupIds } from '../checks/groupIdPrompt';
import { MissingCredentialsError } from '../checks/checker';
import { ensureCredentials } from '../credentials/ensure';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';
import { AccountNode } from '../views/nodes';
import { revealGroup } from '../views/reveal';
import { targetRows } from './targetNodes';

/** chatRoles.checkInAnotherGroup: checks the selected account rows' accounts in a group ID the user types. */
export function registerCheckInAnotherGroup(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.checkInAnotherGroup', async (arg?: unknown, selected?: unknown) => {
      const accounts = [...new Set(targetRows(services, arg, selected, AccountNode).map((n) => n.account))];
      if (!accounts.length) return;
      if (!(await ensureCredentials(services.credentials, services.log))) return;
      const groupIds = await promptForGroupIds(services.prompts, {
        title:
          accounts.length === 1
            ? vscode.l10n.t('Chat Roles: check {0} in another group', plainText(accounts[0]))
            : vscode.l10n.t('Chat Roles: check {0} accounts in another group', accounts.length),
        prompt: vscode.l10n.t('The group ID to check them in (several @TGS# IDs may be given at once).'),
      });
      if (!groupIds?.length) return;
      try {
        const result = await services.checker.check({ groupIds, accounts });
        const first = result.groups[0];
        if (first) await revealGroup(services, first.groupId);
      } catch (err) {
        if (err instanceof MissingCredentialsError) return; // cleared while we prompted
        reportFailure(services.log, vscode.l10n.t('Checking roles failed'), err);
      }
    }),
  );
}
