import * as vscode from 'vscode';
import { MAX_IDS_PER_SCAN } from '../chat/text/ids';
import { promptForAccounts } from '../checks/accountsPrompt';
import { promptForGroupIds } from '../checks/groupIdPrompt';
import { MissingCredentialsError } from '../checks/checker';
import { OWNER_AND_ADMINS } from '../checks/listings';
import type { CheckResultJson } from '../results/json';
import { ensureCredentials } from '../credentials/ensure';
import { targetsFromEditor, type EditorTargets } from '../editor/targets';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';
import { revealGroup } from '../views/reveal';

interface ProgrammaticArgs {
  groupIds: string[];
  accounts: string[];
  app?: string;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** The programmatic argument, validated; undefined when the command was not called with one. */
function programmaticArgs(arg: unknown): ProgrammaticArgs | undefined {
  if (typeof arg !== 'object' || arg === null || !('groupIds' in arg || 'accounts' in arg)) return undefined;
  const { groupIds, accounts, app } = arg as Record<string, unknown>;
  if (!isStringArray(groupIds) || !groupIds.length) throw new Error('chatRoles.checkRoles: groupIds must be a non-empty array of strings.');
  if (!isStringArray(accounts) || !accounts.length) throw new Error('chatRoles.checkRoles: accounts must be a non-empty array of strings.');
  if (app !== undefined && typeof app !== 'string') throw new Error('chatRoles.checkRoles: app must be the label of an app (a string).');
  return app === undefined ? { groupIds, accounts } : { groupIds, accounts, app };
}

/**
 * chatRoles.checkRoles. Interactive: IDs from the editor (or an input box), accounts from a selected
 * request body (or a quick input). Programmatic — `{ groupIds, accounts }` — prompts for nothing and
 * resolves to `{ groups: [...] }` (see checks/result.ts); it rejects on bad input or missing credentials.
 */
export function registerCheckRoles(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.checkRoles', async (arg?: unknown): Promise<CheckResultJson | undefined> => {
      const args = programmaticArgs(arg);
      if (args) return services.checker.check(args);
      return checkInteractively(services);
    }),
  );
}

/** The accounts of a group's owner and admins, for the accounts prompt's "Owner and admins of this group". */
async function listOwnerAdmins(services: Services, groupId: string): Promise<{ accounts: string[]; error?: string }> {
  const listed = await services.listingService.listMembers({ groupId, roles: OWNER_AND_ADMINS, progress: 'notification' });
  return { accounts: listed.members.map((m) => m.account), ...(listed.error && { error: listed.error.message }) };
}

async function checkInteractively(services: Services): Promise<CheckResultJson | undefined> {
  if (!(await ensureCredentials(services.credentials, services.log))) return undefined;
  const editor = vscode.window.activeTextEditor;
  let targets: EditorTargets = editor ? targetsFromEditor(editor) : { groupIds: [], sources: new Map(), truncated: false };
  if (!targets.groupIds.length) {
    const groupIds = await promptForGroupIds(services.prompts, {
      title: vscode.l10n.t('Chat Roles: Check Roles in Group'),
      prompt: targets.unusable
        ? vscode.l10n.t('{0} Enter the group ID to check.', plainText(targets.unusable))
        : vscode.l10n.t('The group ID to check (several @TGS# IDs may be given at once).'),
    });
    if (!groupIds) return undefined;
    targets = { groupIds, sources: new Map(), truncated: false };
  }
  if (targets.truncated) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Chat Roles: the selection holds more than {0} group IDs; only the first {0} are checked. Select fewer to check the rest.', MAX_IDS_PER_SCAN),
    );
  }
  const accounts = targets.accounts ?? (await promptForAccounts(services.prompts, services.recents, targets.groupIds, (groupId) => listOwnerAdmins(services, groupId)));
  if (!accounts?.length) return undefined;
  try {
    const result = await services.checker.check({ groupIds: targets.groupIds, accounts, sources: targets.sources });
    const first = result.groups[0];
    if (first) await revealGroup(services, first.groupId, first.app);
    return result;
  } catch (err) {
    if (err instanceof MissingCredentialsError) return undefined; // cleared while we prompted
    reportFailure(services.log, vscode.l10n.t('Checking roles failed'), err);
    return undefined;
  }
}
