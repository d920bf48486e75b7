// Where a role change is aimed: a row of the tree (any node with an account under a group), a plain
// argument, or the answers to two prompts.
import * as vscode from 'vscode';
import { checkAccount, checkGroupId } from '../chat/text/ids';
import type { Prompts } from '../ui/prompts';
import { plainText } from '../ui/foreignText';

export interface ChangeTarget {
  groupId: string;
  account: string;
}

/**
 * The group and account of a tree row: an account node (`account`, with `parent.record.groupId`), or any
 * row that names both (`{ groupId, account }`), such as the member lists' rows.
 */
export function targetOfRow(row: unknown): ChangeTarget | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const { account, groupId, parent } = row as { account?: unknown; groupId?: unknown; parent?: { record?: { groupId?: unknown } } };
  const group = typeof groupId === 'string' ? groupId : parent?.record?.groupId;
  return typeof account === 'string' && typeof group === 'string' ? { groupId: group, account } : undefined;
}

/** Asks for the group, then the account; undefined when either prompt is dismissed. */
export async function askTarget(prompts: Prompts, title: string, accountPrompt: string): Promise<ChangeTarget | undefined> {
  const groupId = await prompts.text({
    title,
    prompt: vscode.l10n.t('The group ID (for example @TGS#2C5SZEAEF, or a custom ID).'),
    placeholder: '@TGS#2C5SZEAEF',
    validate: (v) => {
      const reason = checkGroupId(v.trim());
      return reason && plainText(reason);
    },
  });
  if (groupId === undefined) return undefined;
  const account = await prompts.text({
    title,
    prompt: accountPrompt,
    validate: (v) => {
      const reason = checkAccount(v.trim());
      return reason && plainText(reason);
    },
  });
  return account === undefined ? undefined : { groupId: groupId.trim(), account: account.trim() };
}
