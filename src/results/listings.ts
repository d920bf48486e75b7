// What List All Members, Owner & Admins and Show Groups of Account leave behind: one listing per group and
// scope, one per account. Kept in workspace state under one key, bounded like the role results (at most
// MAX_LISTED entries per listing, account names clipped, messages capped, a byte budget), read back as
// hostile input: a malformed listing is dropped, never shown half-read.
import * as vscode from 'vscode';
import { checkAccount, checkGroupId, clipAccountName } from '../chat/text/ids';
import type { ErrorCode } from '../chat/types';
import type { Log } from '../log';
import { readFacts } from './groupFacts';
import { MAX_LISTED, storedBytes } from './stored';

/** Which members a group listing holds: its owner and admins, or everyone. */
export type MemberScope = 'ownerAdmins' | 'all';

export interface ListingError {
  code: ErrorCode;
  message: string;
}

export interface MemberRow {
  account: string;
  role: string;
  joinTime?: number;
  nameCard?: string;
}

export interface MemberListingRecord {
  kind: 'members';
  groupId: string;
  scope: MemberScope;
  sdkAppId: number;
  /** Unix milliseconds. */
  listedAt: number;
  type?: string;
  memberCount?: number;
  members: MemberRow[];
  /** Members the listing found, listed or not (a reloaded listing keeps MAX_LISTED). */
  found: number;
  /** Stopped at chatRoles.maxMembersListed with more members left. */
  truncated: boolean;
  error?: ListingError;
}

export interface JoinedGroupRow {
  groupId: string;
  type: string;
  name?: string;
  role: string;
}

export interface AccountGroupsRecord {
  kind: 'account';
  account: string;
  sdkAppId: number;
  listedAt: number;
  groups: JoinedGroupRow[];
  found: number;
  truncated: boolean;
  error?: ListingError;
}

export type ListingRecord = MemberListingRecord | AccountGroupsRecord;

const STORAGE_KEY = 'chatRoles.listings.v1';
/** Listings kept; older ones go first. */
export const MAX_LISTINGS = 100;
/** What stored listings may take together (UTF-8 JSON), beside the role results' 1.5 MB. */
export const LISTINGS_BUDGET_BYTES = 400_000;
const MAX_STORED_MESSAGE = 500;
const MAX_STORED_TEXT = 120;

const clipText = (text: string) => (text.length > MAX_STORED_TEXT ? `${text.slice(0, MAX_STORED_TEXT - 1)}…` : text);
const keyOf = (r: ListingRecord) => (r.kind === 'account' ? `account:${r.account}` : `members:${r.scope}:${r.groupId}`);

/** The stored form: bounded lists and texts. */
function toStored(r: ListingRecord): ListingRecord {
  const error = r.error && { code: r.error.code, message: r.error.message.slice(0, MAX_STORED_MESSAGE) };
  if (r.kind === 'account') {
    const groups = r.groups.slice(0, MAX_LISTED).map((g) => ({ ...g, type: clipText(g.type), role: clipText(g.role), ...(g.name !== undefined && { name: clipText(g.name) }) }));
    return { ...r, groups, ...(error && { error }) };
  }
  const members = r.members.slice(0, MAX_LISTED).map((m) => ({ ...m, account: clipAccountName(m.account), role: clipText(m.role), ...(m.nameCard !== undefined && { nameCard: clipText(m.nameCard) }) }));
  return { ...r, members, ...(error && { error }) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_STORED_TEXT;

function readError(v: unknown): ListingError | undefined | false {
  if (v === undefined) return undefined;
  if (!isObject(v) || (typeof v.code !== 'number' && typeof v.code !== 'string') || typeof v.message !== 'string' || v.message.length > MAX_STORED_MESSAGE) return false;
  return { code: v.code as ErrorCode, message: v.message };
}

/** A stored listing read back; undefined when anything is malformed or beyond what toStored() keeps. */
export function readListing(v: unknown): ListingRecord | undefined {
  if (!isObject(v) || !isCount(v.sdkAppId) || !Number.isFinite(v.listedAt) || !isCount(v.found) || typeof v.truncated !== 'boolean') return undefined;
  const error = readError(v.error);
  if (error === false) return undefined;
  const common = { sdkAppId: v.sdkAppId, listedAt: v.listedAt as number, found: v.found, truncated: v.truncated, ...(error && { error }) };
  if (v.kind === 'account') {
    if (typeof v.account !== 'string' || checkAccount(v.account) !== undefined || !Array.isArray(v.groups) || v.groups.length > MAX_LISTED) return undefined;
    const groups: JoinedGroupRow[] = [];
    for (const g of v.groups as unknown[]) {
      if (!isObject(g) || typeof g.groupId !== 'string' || checkGroupId(g.groupId) !== undefined || !isText(g.type) || !isText(g.role)) return undefined;
      if (g.name !== undefined && !isText(g.name)) return undefined;
      groups.push({ groupId: g.groupId, type: g.type, role: g.role, ...(g.name !== undefined && { name: g.name }) });
    }
    return { kind: 'account', account: v.account, groups, ...common };
  }
  if (v.kind !== 'members' || (v.scope !== 'ownerAdmins' && v.scope !== 'all')) return undefined;
  if (typeof v.groupId !== 'string' || checkGroupId(v.groupId) !== undefined || !Array.isArray(v.members) || v.members.length > MAX_LISTED) return undefined;
  const members: MemberRow[] = [];
  for (const m of v.members as unknown[]) {
    if (!isObject(m) || typeof m.account !== 'string' || m.account !== clipAccountName(m.account) || !isText(m.role)) return undefined;
    if ((m.joinTime !== undefined && !isCount(m.joinTime)) || (m.nameCard !== undefined && !isText(m.nameCard))) return undefined;
    members.push({ account: m.account, role: m.role, ...(m.joinTime !== undefined && { joinTime: m.joinTime }), ...(m.nameCard !== undefined && { nameCard: m.nameCard }) });
  }
  const facts = readFacts({ type: v.type, memberCount: v.memberCount });
  return { kind: 'members', groupId: v.groupId, scope: v.scope, members, ...facts, ...common };
}

/** The listings of this workspace, newest first; this window keeps its own whole, storage a bounded copy. */
export class ListingsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private listings: ListingRecord[] = [];

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: Log,
  ) {
    const stored: unknown = memento.get(STORAGE_KEY);
    const list = Array.isArray(stored) ? stored.slice(0, MAX_LISTINGS) : [];
    this.listings = list.map(readListing).filter((r): r is ListingRecord => r !== undefined);
    if (this.listings.length < list.length) log.warn(vscode.l10n.t('Dropped {0} malformed stored listing(s).', String(list.length - this.listings.length)));
  }

  members(groupId: string, scope: MemberScope): MemberListingRecord | undefined {
    return this.listings.find((r): r is MemberListingRecord => r.kind === 'members' && r.groupId === groupId && r.scope === scope);
  }

  accountGroups(account: string): AccountGroupsRecord | undefined {
    return this.listings.find((r): r is AccountGroupsRecord => r.kind === 'account' && r.account === account);
  }

  /** Groups whose members were all listed, newest first. */
  listedGroups(): MemberListingRecord[] {
    return this.listings.filter((r): r is MemberListingRecord => r.kind === 'members' && r.scope === 'all');
  }

  /** The accounts whose groups were listed, newest first (the tree's account nodes). */
  accounts(): AccountGroupsRecord[] {
    return this.listings.filter((r): r is AccountGroupsRecord => r.kind === 'account');
  }

  async put(record: ListingRecord): Promise<void> {
    const key = keyOf(record);
    this.listings = [record, ...this.listings.filter((r) => keyOf(r) !== key)].slice(0, MAX_LISTINGS);
    this.changed.fire();
    await this.save();
  }

  async removeAccount(account: string): Promise<void> {
    this.listings = this.listings.filter((r) => !(r.kind === 'account' && r.account === account));
    this.changed.fire();
    await this.save();
  }

  async clear(): Promise<void> {
    this.listings = [];
    this.changed.fire();
    await this.save();
  }

  /** Stores the newest listings that fit the budget (bounded copies); this window keeps showing the rest. */
  private async save(): Promise<void> {
    const kept: ListingRecord[] = [];
    let bytes = 2;
    for (const r of this.listings) {
      const stored = toStored(r);
      const size = storedBytes(stored) + 1;
      if (bytes + size > LISTINGS_BUDGET_BYTES) break;
      kept.push(stored);
      bytes += size;
    }
    try {
      await this.memento.update(STORAGE_KEY, kept.length ? kept : undefined);
    } catch (err) {
      this.log.error(vscode.l10n.t('Saving the listings failed'), err);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
