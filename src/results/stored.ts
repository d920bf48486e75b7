// The stored form of a record: how much of a check is kept, and reading it back. Stored state comes from
// older versions, other machines (settings sync of workspace state does not exist, but a copied profile
// does) or hand edits: it is hostile input, validated field by field; a record that fails is dropped, never
// shown half-read.
import { checkAccount, checkGroupId, clipAccountName, SHOWN_ACCOUNT_CHARS } from '../chat/text/ids';
import type { Role } from '../chat/types';
import { readFacts } from './groupFacts';
import { countRoles, errorAccountCount, isAppLabel, LEGACY_APP, ROLE_NAMES, sourceUri, type GroupRecord, type RecordError, type RoleCounts, type RoleEntry, type SourceLocation } from './record';

/**
 * How many roles a stored group lists, and how many error accounts (all its errors together). The same
 * bound keeps the accounts asked about: a longer list is not kept (Check Again then asks), never cut,
 * since a silently shortened list would check fewer accounts than the user meant.
 */
export const MAX_LISTED = 2000;
/** A server's error message is kept up to this length (one message per error, and a group may have many). */
const MAX_STORED_MESSAGE = 500;
/** Far above any real count of checks; a larger place in the order is hostile. */
const MAX_SEQ = 2 ** 40;
/** A stored record larger than this (in UTF-8 JSON) is not kept; honest records stay far below it. */
export const MAX_RECORD_BYTES = 512 * 1024;

/** A record as kept under its own key, with its place in the newest-first order. */
export interface StoredRecord extends GroupRecord {
  seq: number;
}

/** Accounts worth asking about again: a non-empty list, every one sendable; anything else is "not kept". */
export function isCheckableList(v: unknown): v is string[] {
  return isStringArray(v) && v.length > 0 && v.length <= MAX_LISTED && v.every((a) => checkAccount(a) === undefined);
}

export function toStored(record: GroupRecord, seq: number): StoredRecord {
  let room = MAX_LISTED;
  const errors = record.errors.map((e): RecordError => {
    const accounts = e.accounts.slice(0, room).map(clipAccountName);
    room -= accounts.length;
    const count = errorAccountCount(e);
    const message = e.message.length > MAX_STORED_MESSAGE ? `${e.message.slice(0, MAX_STORED_MESSAGE - 1)}…` : e.message;
    const stored: RecordError = accounts.length < count ? { code: e.code, message, accounts, count } : { code: e.code, message, accounts };
    if (e.at !== undefined) stored.at = e.at;
    return stored;
  });
  const roles = record.roles.slice(0, MAX_LISTED).map(storedRole);
  const stored: StoredRecord = {
    seq,
    groupId: record.groupId,
    app: record.app,
    sdkAppId: record.sdkAppId,
    identifier: record.identifier,
    checkedAt: record.checkedAt,
    counts: { ...record.counts },
    roles,
    errors,
  };
  // The last good roles under a credential error share the roles' room: they only ever replace listed roles.
  const kept = (record.kept ?? []).slice(0, MAX_LISTED - roles.length).map(storedRole);
  if (kept.length) stored.kept = kept;
  if (isCheckableList(record.accounts)) stored.accounts = [...record.accounts];
  if (isSource(record.source)) stored.source = record.source;
  const facts = readFacts(record.facts);
  if (facts) stored.facts = facts;
  return stored;
}

function storedRole({ account, role, at }: RoleEntry): RoleEntry {
  const stored: RoleEntry = { account: clipAccountName(account), role };
  if (at !== undefined) stored.at = at;
  return stored;
}

/** The size of a stored value as workspace state keeps it (UTF-8 JSON). */
export function storedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

const ROLES: ReadonlySet<unknown> = new Set<Role>(ROLE_NAMES);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a list of accounts shown (roles, error accounts) holds no account longer than clipAccountName() leaves. */
function isClipped(accounts: readonly string[]): boolean {
  return accounts.every((a) => a.length <= SHOWN_ACCOUNT_CHARS + 1);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isCount(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

function isSourceShape(v: unknown): v is SourceLocation {
  return isObject(v) && typeof v.uri === 'string' && Array.isArray(v.range) && v.range.length === 4 && v.range.every((n) => Number.isSafeInteger(n) && n >= 0);
}

/** A source whose URI parses strictly to a scheme we open (see sourceUri): one bad URI once emptied the whole tree. */
export function isSource(v: unknown): v is SourceLocation {
  return isSourceShape(v) && sourceUri(v) !== undefined;
}

/** An answer's own time: absent (the record's), or a time no later than the record's. */
function isTimeWithin(v: unknown, checkedAt: number): boolean {
  return v === undefined || (Number.isFinite(v) && (v as number) <= checkedAt);
}

function isRoles(v: unknown, checkedAt: number): v is RoleEntry[] {
  return Array.isArray(v) && v.every((r) => isObject(r) && typeof r.account === 'string' && ROLES.has(r.role) && isTimeWithin(r.at, checkedAt));
}

function isError(v: unknown, checkedAt: number): v is RecordError {
  return (
    isObject(v) &&
    isTimeWithin(v.at, checkedAt) &&
    (typeof v.code === 'number' || typeof v.code === 'string') &&
    typeof v.message === 'string' &&
    isStringArray(v.accounts) &&
    (v.count === undefined || (isCount(v.count) && v.count > v.accounts.length))
  );
}

/** Counts that cover at least the listed roles of each role. */
function isCounts(v: unknown, roles: GroupRecord['roles']): v is RoleCounts {
  if (!isObject(v)) return false;
  const listed = countRoles(roles);
  return ROLE_NAMES.every((role) => isCount(v[role]) && (v[role]) >= listed[role]);
}

/** The fields both versions share, checked; undefined when any is malformed. */
function readCommon(v: unknown): (Omit<GroupRecord, 'counts'> & { raw: Record<string, unknown> }) | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.groupId !== 'string' || checkGroupId(v.groupId) !== undefined) return undefined;
  if (!Number.isSafeInteger(v.sdkAppId) || typeof v.identifier !== 'string' || !Number.isFinite(v.checkedAt)) return undefined;
  const checkedAt = v.checkedAt as number;
  if (!isRoles(v.roles, checkedAt) || !Array.isArray(v.errors) || !v.errors.every((e) => isError(e, checkedAt))) return undefined;
  if (v.source !== undefined && !isSourceShape(v.source)) return undefined;
  // Kept roles are always from an earlier check: each has its time.
  if (v.kept !== undefined && !(isRoles(v.kept, checkedAt) && v.kept.every((r) => r.at !== undefined))) return undefined;
  // Records from before apps came from 0.1.0's one credential set, which became app `default`.
  if (v.app !== undefined && (typeof v.app !== 'string' || !isAppLabel(v.app))) return undefined;
  const record: Omit<GroupRecord, 'counts'> & { raw: Record<string, unknown> } = {
    raw: v,
    groupId: v.groupId,
    app: typeof v.app === 'string' ? v.app : LEGACY_APP,
    sdkAppId: v.sdkAppId as number,
    identifier: v.identifier,
    checkedAt,
    roles: v.roles,
    errors: v.errors,
  };
  if (Array.isArray(v.kept) && v.kept.length) record.kept = v.kept;
  // A URI we cannot or would not open loses the way back to the document, not the record.
  if (isSource(v.source)) record.source = v.source;
  // Malformed facts lose the facts, not the record.
  const facts = readFacts(v.facts);
  if (facts) record.facts = facts;
  return record;
}

/** Whether lists and messages are within what toStored() keeps (this version never stores more). */
function isBounded(record: Omit<GroupRecord, 'counts'>): boolean {
  return (
    record.roles.length + (record.kept?.length ?? 0) <= MAX_LISTED &&
    isClipped(record.roles.map((r) => r.account)) &&
    isClipped((record.kept ?? []).map((r) => r.account)) &&
    record.errors.every((e) => isClipped(e.accounts)) &&
    record.errors.reduce((n, e) => n + e.accounts.length, 0) <= MAX_LISTED &&
    record.errors.every((e) => e.message.length <= MAX_STORED_MESSAGE)
  );
}

/** A record stored by this version under its own key; undefined when anything is malformed or unbounded. */
export function readStored(v: unknown): StoredRecord | undefined {
  const common = readCommon(v);
  if (!common) return undefined;
  const { raw, ...record } = common;
  if (!isCount(raw.seq) || raw.seq > MAX_SEQ || !isCounts(raw.counts, record.roles)) return undefined;
  if (!isBounded(record)) return undefined;
  const stored: StoredRecord = { ...record, seq: raw.seq, counts: raw.counts };
  // An empty, oversized or unsendable list counts as "not kept": Check Again asks for the accounts.
  if (isCheckableList(raw.accounts)) stored.accounts = raw.accounts;
  return stored;
}

/** A record of version 0.1.0's one array (every list complete, no counts); undefined when malformed. */
export function readLegacy(v: unknown): GroupRecord | undefined {
  const common = readCommon(v);
  if (!common || !isStringArray(common.raw.accounts)) return undefined;
  const { raw, ...record } = common;
  const legacy: GroupRecord = { ...record, counts: countRoles(record.roles) };
  if (isCheckableList(raw.accounts)) legacy.accounts = raw.accounts;
  return legacy;
}
