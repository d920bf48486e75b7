import * as vscode from 'vscode';
import type { MemberRoleFilter } from '../chat/client';
import { MissingCredentialsError } from '../checks/checker';
import { ensureCredentials } from '../credentials/ensure';
import { parseGroupIdInput, targetsFromEditor } from '../editor/targets';
import type { MembersResultJson } from '../results/listingJson';
import type { Services } from '../services';
import { plainText } from '../ui/foreignText';
import { reportFailure } from '../ui/reportFailure';
import { GroupNode } from '../views/nodes';

const ROLE_FILTERS: readonly string[] = ['Owner', 'Admin', 'Member'];

interface ProgrammaticArgs {
  groupId: string;
  roles?: MemberRoleFilter[];
  app?: string;
}

/** The programmatic argument `{ groupId, roles?, app? }`, validated; undefined for a tree node or no argument. */
function programmaticArgs(arg: unknown): ProgrammaticArgs | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof vscode.TreeItem || !('groupId' in arg)) return undefined;
  const { groupId, roles, app } = arg as Record<string, unknown>;
  if (typeof groupId !== 'string' || !groupId) throw new Error('chatRoles.listMembers: groupId must be a non-empty string.');
  if (roles !== undefined && !(Array.isArray(roles) && roles.length > 0 && roles.every((r) => typeof r === 'string' && ROLE_FILTERS.includes(r)))) {
    throw new Error('chatRoles.listMembers: roles must be a non-empty array of "Owner", "Admin" or "Member".');
  }
  if (app !== undefined && typeof app !== 'string') throw new Error('chatRoles.listMembers: app must be a string.');
  return { groupId, ...(roles !== undefined && { roles: [...new Set(roles as MemberRoleFilter[])] }), ...(app !== undefined && { app }) };
}

/** The group of a tree node the command was run on (a checked, listed or joined group). */
function groupOfNode(arg: unknown): string | undefined {
  if (arg instanceof GroupNode) return arg.record.groupId;
  if (arg instanceof vscode.TreeItem && 'groupId' in arg && typeof arg.groupId === 'string') return arg.groupId;
  return undefined;
}

/**
 * chatRoles.listMembers. Programmatic — `{ groupId, roles?, app? }` — prompts for nothing and resolves to
 * `{ groupId, type?, memberCount?, members, truncated, error? }`; it rejects on bad input, missing
 * credentials or an unknown app. From a group node, the editor (a group ID under the cursor) or the
 * palette (asks for the ID), it lists every member with progress and Cancel, and shows them in the tree.
 */
export function registerListMembers(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chatRoles.listMembers', async (arg?: unknown): Promise<MembersResultJson | undefined> => {
      const args = programmaticArgs(arg);
      if (args) return services.listingService.listMembers({ ...args, progress: 'notification' });
      return listInteractively(services, groupOfNode(arg));
    }),
  );
}

async function listInteractively(services: Services, fromNode: string | undefined): Promise<MembersResultJson | undefined> {
  if (!(await ensureCredentials(services.credentials, services.log))) return undefined;
  let groupId = fromNode;
  let source: { uri: vscode.Uri } | undefined;
  const editor = vscode.window.activeTextEditor;
  if (!groupId && editor) {
    const targets = targetsFromEditor(editor);
    groupId = targets.groupIds[0];
    if (groupId) source = { uri: editor.document.uri };
  }
  if (!groupId) {
    const typed = await services.prompts.text({
      title: vscode.l10n.t('Chat Roles: List All Members'),
      prompt: vscode.l10n.t('The group ID whose members to list.'),
      placeholder: '@TGS#2C5SZEAEF',
      validate: (v) => {
        const { ids, reason } = parseGroupIdInput(v);
        if (reason) return plainText(reason);
        return ids.length > 1 ? vscode.l10n.t('Enter one group ID.') : undefined;
      },
    });
    if (typed === undefined) return undefined;
    groupId = parseGroupIdInput(typed).ids[0];
    if (!groupId) return undefined;
  }
  try {
    const result = await services.listingService.listMembers({ groupId, progress: 'notification', source });
    const node = services.tree.listedGroupNode(groupId);
    if (node) await services.treeView.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    return result;
  } catch (err) {
    if (err instanceof MissingCredentialsError) return undefined; // cleared while we prompted
    reportFailure(services.log, vscode.l10n.t('Listing members failed'), err);
    return undefined;
  }
}
