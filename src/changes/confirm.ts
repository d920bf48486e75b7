// The confirmation of a role change: one modal naming the app, the group, the account and the role before
// and after; when the app is read-only, the same modal offers to allow role changes in it.
import * as vscode from 'vscode';
import { plainText } from '../ui/foreignText';
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
  const group = f.groupName !== undefined && f.groupName !== f.groupId ? `${plainText(f.groupId)} ("${plainText(f.groupName)}")` : plainText(f.groupId);
  return `App: ${plainText(f.app.label)} (SDKAppID ${f.app.sdkAppId})\nGroup: ${group}\nAccount: ${plainText(f.account)}`;
}

async function ask(confirm: Confirmer, message: string, detail: string, allowed: boolean, action: string, allowAction: string): Promise<Choice> {
  const readOnly = 'Role changes are off for this app. Choosing the button below turns them on for this app (not for others) and makes this change.';
  const button = allowed ? action : allowAction;
  const chosen = await confirm(message, allowed ? detail : `${detail}\n\n${readOnly}`, [button]);
  if (chosen !== button) return undefined;
  return allowed ? 'change' : 'allowAndChange';
}

export function confirmRoleChange(confirm: Confirmer, f: ChangeFacts, before: string | null, role: 'Admin' | 'Member', allowed: boolean): Promise<Choice> {
  const from = before ?? 'unknown (the check before the change failed)';
  const detail = `${header(f)}\nRole: ${from} → ${role}`;
  return role === 'Admin'
    ? ask(confirm, `Make ${plainText(f.account)} an admin of group ${plainText(f.groupId)}?`, detail, allowed, 'Make Admin', 'Allow Role Changes and Make Admin')
    : ask(confirm, `Make ${plainText(f.account)} a member (not an admin) of group ${plainText(f.groupId)}?`, detail, allowed, 'Make Member', 'Allow Role Changes and Make Member');
}

export function confirmTransfer(confirm: Confirmer, f: ChangeFacts, before: string | null, previousOwner: string | null, allowed: boolean): Promise<Choice> {
  const roles = `Role: ${before ?? 'unknown'} → Owner`;
  const old =
    previousOwner === null
      ? 'The current owner could not be read (or the group has none); a current owner stays in the group as a Member.'
      : `The current owner, ${plainText(previousOwner)}, stays in the group as a Member and loses the owner's rights.`;
  return ask(confirm, `Transfer ownership of group ${plainText(f.groupId)} to ${plainText(f.account)}?`, `${header(f)}\n${roles}\n\n${old}`, allowed, 'Transfer Ownership', 'Allow Role Changes and Transfer Ownership');
}
