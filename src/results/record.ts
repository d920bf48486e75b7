// What one check of a group leaves behind: the record the tree, the hover and the commands read.
import * as vscode from 'vscode';
import type { ErrorCode, Role } from '../chat/types';
import type { GroupFacts } from './groupFacts';

/** Where a group ID was found: a document and the range of the ID in it. */
export interface SourceLocation {
  uri: string;
  /** startLine, startCharacter, endLine, endCharacter (plain numbers so it persists as JSON). */
  range: [number, number, number, number];
}

/** How many accounts ended in each role. */
export type RoleCounts = Record<Role, number>;

export const ROLE_NAMES: readonly Role[] = ['Owner', 'Admin', 'Member', 'NotMember'];

/** One account's role. `at` is when it was answered, only when that was before the record's `checkedAt`. */
export interface RoleEntry {
  account: string;
  role: Role;
  at?: number;
}

export interface RecordError {
  code: ErrorCode;
  message: string;
  /** The accounts that ended in this error: all of them, or the first ones after a reload. */
  accounts: string[];
  /** How many accounts ended in this error, when `accounts` lists fewer (a reloaded big check). */
  count?: number;
  /** When it happened, only when that was before the record's `checkedAt` (a merged earlier check). */
  at?: number;
}

/** The last check of one group: plain JSON, persisted in workspaceState. Never holds a secret. */
export interface GroupRecord {
  groupId: string;
  /** The label of the app checked with; a record is one app's result for one group. */
  app: string;
  sdkAppId: number;
  identifier: string;
  /** Unix milliseconds of the newest check the record holds; older answers carry their own `at`. */
  checkedAt: number;
  /**
   * The accounts asked about (for "check again"). Absent in a record restored from a check of more
   * accounts than a stored record lists: Check Again then asks for them.
   */
  accounts?: string[];
  /** Accounts per role, always complete. */
  counts: RoleCounts;
  /** Every account with its role; after a reload of a big check only the first ones (see `counts`). */
  roles: RoleEntry[];
  errors: RecordError[];
  /**
   * The last good roles of accounts whose newest outcome is a credential error (which says nothing about
   * their role): shown dimmed under the error, each with its time (`at` always set). Not in `counts`.
   */
  kept?: RoleEntry[];
  source?: SourceLocation;
  /** Type, name and member count, when get_group_info answered in the same check. */
  facts?: GroupFacts;
}

/** The app of records from before apps existed (0.1.0's single credential set became this app). */
export const LEGACY_APP = 'default';

export const MAX_APP_LABEL_LENGTH = 40;

/**
 * An app label: letters, digits, spaces, `.`, `_` and `-`, starting with a letter or digit, at most 40
 * characters. It names the app in the status bar, the tree and storage keys, so it holds nothing that reads as
 * markup or a path; a stored one that breaks the rule is hostile.
 */
export function isAppLabel(v: string): boolean {
  return [...v].length <= MAX_APP_LABEL_LENGTH && /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(v);
}

/** One record per app and group: the identity the store and the tree key by. */
export function recordKey(record: { app: string; groupId: string }): string {
  return JSON.stringify([record.app, record.groupId]);
}

export function countRoles(roles: readonly { role: Role }[]): RoleCounts {
  const counts: RoleCounts = { Owner: 0, Admin: 0, Member: 0, NotMember: 0 };
  for (const r of roles) counts[r.role]++;
  return counts;
}

/** Accounts that ended in a role, listed or not. */
export function totalRoles(record: GroupRecord): number {
  return ROLE_NAMES.reduce((n, role) => n + record.counts[role], 0);
}

/** Accounts that ended in this error, listed or not. */
export function errorAccountCount(error: RecordError): number {
  return error.count ?? error.accounts.length;
}

/** Roles and error accounts the record counts but does not list (a reloaded big check). */
export function unlisted(record: GroupRecord): { roles: number; errorAccounts: number } {
  return {
    roles: totalRoles(record) - record.roles.length,
    errorAccounts: record.errors.reduce((n, e) => n + errorAccountCount(e) - e.accounts.length, 0),
  };
}

/** When this role or error was answered: its own time, or the record's. */
export function answeredAt(record: GroupRecord, entry: { at?: number }): number {
  return entry.at ?? record.checkedAt;
}

/** Whether the newest check of the group was cancelled before every account was answered. */
export function wasCancelled(record: GroupRecord): boolean {
  return record.errors.some((e) => e.code === 'CANCELLED' && e.at === undefined);
}

export function isPartial(record: GroupRecord): boolean {
  const missing = unlisted(record);
  return missing.roles > 0 || missing.errorAccounts > 0;
}

/**
 * Where a group ID may be read from: files, unsaved documents, remote and virtual workspaces, notebook
 * cells. Anything else in stored state (another extension's scheme, "command:", "http:") is not ours to open.
 */
const SOURCE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell']);

/** The document a source names, or undefined when its URI does not parse strictly or has another scheme. */
export function sourceUri(loc: SourceLocation): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(loc.uri, true);
    return SOURCE_SCHEMES.has(uri.scheme) ? uri : undefined;
  } catch {
    return undefined;
  }
}

export function toRange(loc: SourceLocation): vscode.Range {
  return new vscode.Range(loc.range[0], loc.range[1], loc.range[2], loc.range[3]);
}

export function toSourceLocation(uri: vscode.Uri, range: vscode.Range): SourceLocation {
  return { uri: uri.toString(), range: [range.start.line, range.start.character, range.end.line, range.end.character] };
}
