// The confirmation of a role change: one modal naming the app, the group, the account and the role before
// and after; when the app is read-only, the same modal offers to allow role changes in it.
import * as vscode from 'vscode';
import { plainText } from '../ui/foreignText';
import { shownRole } from '../ui/roleWords';
import type { ChangeApp } from './gate';

/** Shows a modal with these buttons; resolves to the one chosen, or undefined when cancelled. */
export type Confirmer = (message: string, detail: string, buttons: readonly string[]) => Thenable<string | undefined>;

export const modalConfirmer: Confirmer = (message, detail, buttons) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);

export interface ChangeFacts {
  app: ChangeApp;
  groupId: string;
  groupName?: string;
  account: string;
}

/** What the user chose: go ahead, go ahead after allowing role changes in the app, or nothing. */
export type Choice = 'change' | 'allowAndChange' | undefined;


function header(f: ChangeFacts): string {
  const group =
    f.groupName !== undefined && f.groupName !== f.groupId
      ? vscode.l10n.t({ message: '{0} ("{1}")', args: [plainText(f.groupId), plainText(f.groupName)], comment: ['A group ID, then the group\'s name'] })
      : plainText(f.groupId);
  return [
    vscode.l10n.t('App: {0} (SDKAppID {1})', plainText(f.app.label), f.app.sdkAppId),
    vscode.l10n.t('Group: {0}', group),
    vscode.l10n.t('Account: {0}', plainText(f.account)),
  ].join('\n');
}

function roleLine(before: string, after: string): string {
  return vscode.l10n.t('Role: {0} → {1}', before, after);
}

async function ask(confirm: Confirmer, message: string, detail: string, allowed: boolean, action: string, allowAction: string): Promise<Choice> {
  const readOnly = vscode.l10n.t('Role changes are off for this app. Choosing the button below turns them on for this app (not for others) and makes this change.');
  const button = allowed ? action : allowAction;
  const chosen = await confirm(message, allowed ? detail : `${detail}\n\n${readOnly}`, [button]);
  if (chosen !== button) return undefined;
  return allowed ? 'change' : 'allowAndChange';
}

export function confirmRoleChange(confirm: Confirmer, f: ChangeFacts, before: string | null, role: 'Admin' | 'Member', allowed: boolean): Promise<Choice> {
  const from = before === null ? vscode.l10n.t('unknown (the check before the change failed)') : shownRole(before);
  const detail = `${header(f)}\n${roleLine(from, shownRole(role))}`;
  const account = plainText(f.account);
  const group = plainText(f.groupId);
  return role === 'Admin'
    ? ask(confirm, vscode.l10n.t('Make {0} an admin of group {1}?', account, group), detail, allowed, vscode.l10n.t('Make Admin'), vscode.l10n.t('Allow Role Changes and Make Admin'))
    : ask(confirm, vscode.l10n.t('Make {0} a member (not an admin) of group {1}?', account, group), detail, allowed, vscode.l10n.t('Make Member'), vscode.l10n.t('Allow Role Changes and Make Member'));
}

export function confirmTransfer(confirm: Confirmer, f: ChangeFacts, before: string | null, previousOwner: string | null, allowed: boolean): Promise<Choice> {
  const roles = roleLine(before === null ? vscode.l10n.t('unknown') : shownRole(before), shownRole('Owner'));
  const old =
    previousOwner === null
      ? vscode.l10n.t('The current owner could not be read (or the group has none); a current owner stays in the group as a Member.')
      : vscode.l10n.t('The current owner, {0}, stays in the group as a Member and loses the owner\'s rights.', plainText(previousOwner));
  return ask(
    confirm,
    vscode.l10n.t('Transfer ownership of group {0} to {1}?', plainText(f.groupId), plainText(f.account)),
    `${header(f)}\n${roles}\n\n${old}`,
    allowed,
    vscode.l10n.t('Transfer Ownership'),
    vscode.l10n.t('Allow Role Changes and Transfer Ownership'),
  );
}
