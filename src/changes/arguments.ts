// The programmatic arguments of chatRoles.setRole and chatRoles.transferOwner, read as `unknown`: a wrong
// shape rejects with a clear error before anything is read or sent.
import * as vscode from 'vscode';
import { RoleChangeRefused, type SetRoleRequest, type TransferRequest } from './service';

function field(arg: Record<string, unknown>, command: string, name: string): string {
  const value = arg[name];
  if (typeof value !== 'string' || value === '') throw new RoleChangeRefused(vscode.l10n.t('{0}: {1} must be a non-empty string.', command, name));
  return value;
}

function common(arg: unknown, command: string): TransferRequest {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) throw new RoleChangeRefused(vscode.l10n.t('{0}: the argument must be an object.', command));
  const a = arg as Record<string, unknown>;
  if (a.app !== undefined && (typeof a.app !== 'string' || a.app === '')) throw new RoleChangeRefused(vscode.l10n.t('{0}: app, when given, must be a non-empty string.', command));
  if (a.confirm !== undefined && typeof a.confirm !== 'boolean') throw new RoleChangeRefused(vscode.l10n.t('{0}: confirm, when given, must be true or false.', command));
  return {
    groupId: field(a, command, 'groupId'),
    account: field(a, command, 'account'),
    confirm: a.confirm !== false,
    ...(typeof a.app === 'string' && { app: a.app }),
  };
}

export function setRoleArguments(arg: unknown): SetRoleRequest {
  const request = common(arg, 'chatRoles.setRole');
  const { role } = arg as { role?: unknown };
  if (role !== 'Admin' && role !== 'Member') throw new RoleChangeRefused(vscode.l10n.t('chatRoles.setRole: role must be "Admin" or "Member" (ownership moves with chatRoles.transferOwner).'));
  return { ...request, role };
}

export function transferArguments(arg: unknown): TransferRequest {
  return common(arg, 'chatRoles.transferOwner');
}
