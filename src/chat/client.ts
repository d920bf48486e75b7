// The Chat client: the one object the VS Code layer talks to. It owns the settings, the connections, the
// per-app pace and the request path, checks each call's arguments, and runs each call as a query of one
// API (apis/). Never imports vscode; undici only through http/transport.ts.

import * as l10n from '@vscode/l10n';
import { changeGroupOwner, setMemberRole, writeNotSent, type AssignableRole, type WriteOutcome } from './apis/changes';
import { askGroupInfo, groupInfoAllFailed } from './apis/groups';
import { askAccountGroups, type AccountGroups } from './apis/joined-groups';
import { askMembers, type MemberListing, type MemberRoleFilter } from './apis/members';
import { askRoles, MAX_PAIRS_PER_CHECK, rolesAllFailed, rolesTooMany } from './apis/roles';
import { UserSigMinter } from './auth/usersig';
import { RateLimiter } from './http/pacing';
import { Transport } from './http/transport';
import type { GroupInfo } from './parse/group-info';
import { closeQuery, openQuery, type Failure, type Query, type QueryOptions } from './query';
import { RequestPath, type ChatClientStats } from './request-path';
import { rateIsOn, resolveSettings, type ChatClientOptions, type Settings } from './settings';
import type { Credentials, GroupResult } from './types';

export type { GroupInfo } from './parse/group-info';
export type { ProxySettings } from './http/transport';
export type { QueryOptions } from './query';
export type { ChatClientStats } from './request-path';
export { ORIGIN_MEMORY_MS } from './request-path';
export type { ChatClientOptions, LogLevel, RetryOptions } from './settings';
export { MAX_ACCOUNTS_PER_REQUEST, MAX_PAIRS_PER_CHECK } from './apis/roles';
export { MAX_GROUPS_PER_INFO_REQUEST } from './apis/groups';
export type { AssignableRole, WriteOutcome } from './apis/changes';
export type { AccountGroups } from './apis/joined-groups';
export type { MemberListing, MemberRoleFilter } from './apis/members';
export type { Member } from './parse/members';
export type { JoinedGroup } from './parse/joined-groups';

const MEMBER_ROLE_FILTERS: readonly string[] = ['Owner', 'Admin', 'Member'];

function checkCap(max: number, what: string): void {
  if (!Number.isSafeInteger(max) || max < 1) throw new TypeError(`${what} must be a positive integer`);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export class ChatClient {
  private settings: Settings;
  private readonly path: RequestPath;
  /** Transports replaced by a settings change, finishing their requests; destroyed on close(). */
  private readonly retired = new Set<Transport>();
  private readonly limiters = new Map<number, RateLimiter>();
  private readonly minter = new UserSigMinter();
  private readonly running = new Set<AbortController>();
  private closed = false;

  constructor(options: ChatClientOptions) {
    this.settings = resolveSettings(options);
    this.path = new RequestPath(this.settings, this.makeTransport());
  }

  get stats(): ChatClientStats {
    return this.path.stats;
  }

  private makeTransport(): Transport {
    const { maxInFlight, timeoutMs, proxy } = this.settings;
    const transport = new Transport({ connections: maxInFlight, timeoutMs, proxy });
    this.settings.log?.('debug', `Chat requests go ${transport.route}.`);
    return transport;
  }

  /** Applies changed settings from the next request on; the per-app limiters keep their state. */
  updateOptions(options: Partial<ChatClientOptions>): void {
    const before = this.settings;
    const after = resolveSettings(options as ChatClientOptions, before);
    this.settings = after;
    this.path.settings = after;
    if (after.requestsPerSecond !== before.requestsPerSecond) {
      if (rateIsOn(after.requestsPerSecond)) for (const limiter of this.limiters.values()) limiter.setRate(after.requestsPerSecond);
      else this.limiters.clear();
    }
    if (after.maxInFlight !== before.maxInFlight) this.path.inFlight.setMax(after.maxInFlight);
    const transportChanged =
      after.maxInFlight !== before.maxInFlight || after.timeoutMs !== before.timeoutMs || JSON.stringify(after.proxy ?? {}) !== JSON.stringify(before.proxy ?? {});
    if (transportChanged && !this.closed) {
      const old = this.path.transport;
      this.retired.add(old);
      const forget = () => this.retired.delete(old);
      void old.close().then(forget, forget); // close() on client shutdown destroys it anyway
      this.path.transport = this.makeTransport();
    }
  }

  /**
   * Roles of `accounts` in each of `groupIds`, one GroupResult per distinct group in the given order. API
   * and transport errors become GroupError entries; rejects only for programmer errors (wrong argument
   * types, missing credentials, a closed client).
   */
  async getRoleInGroup(credentials: Credentials, groupIds: string[], accounts: string[], options: QueryOptions = {}): Promise<GroupResult[]> {
    this.checkArguments(credentials, groupIds, options);
    if (!Array.isArray(accounts) || accounts.some((a) => typeof a !== 'string')) throw new TypeError('accounts must be an array of strings');
    const groups = unique(groupIds);
    const names = unique(accounts);
    if (groups.length * names.length > MAX_PAIRS_PER_CHECK) {
      const results = rolesTooMany(groups, names);
      this.settings.log?.('warn', l10n.t('Nothing was sent: {0}', results[0].errors[0].message));
      return results;
    }
    return this.run(
      credentials,
      options,
      (query, workers) => askRoles(this.path, query, groups, names, workers),
      (failure) => rolesAllFailed(groups, names, failure),
    );
  }

  /** Group type, name, owner and size for each distinct group (at most 50 per request, batched). */
  async getGroupInfo(credentials: Credentials, groupIds: string[], options: QueryOptions = {}): Promise<GroupInfo[]> {
    this.checkArguments(credentials, groupIds, options);
    const groups = unique(groupIds);
    return this.run(
      credentials,
      options,
      (query, workers) => askGroupInfo(this.path, query, groups, workers),
      (failure) => groupInfoAllFailed(groups, failure),
    );
  }

  /**
   * Makes `account` an admin or a plain member of `groupId` (modify_group_member_info). Never sent twice
   * unless an answer proves the first was not applied; resolves with the write's own outcome.
   */
  async setMemberRole(credentials: Credentials, groupId: string, account: string, role: AssignableRole, options: QueryOptions = {}): Promise<WriteOutcome> {
    this.checkArguments(credentials, [groupId], options);
    if (typeof account !== 'string') throw new TypeError('account must be a string');
    if (role !== 'Admin' && role !== 'Member') throw new TypeError('role must be "Admin" or "Member"');
    return this.run(credentials, options, (query) => setMemberRole(this.path, query, groupId, account, role), writeNotSent);
  }

  /** Makes `newOwner` the owner of `groupId` (change_group_owner); retried as setMemberRole is. */
  async changeGroupOwner(credentials: Credentials, groupId: string, newOwner: string, options: QueryOptions = {}): Promise<WriteOutcome> {
    this.checkArguments(credentials, [groupId], options);
    if (typeof newOwner !== 'string') throw new TypeError('newOwner must be a string');
    return this.run(credentials, options, (query) => changeGroupOwner(this.path, query, groupId, newOwner), writeNotSent);
  }

  /**
   * Members of one group with their roles (all, or those of `roles`), paged to the end or to `max`. API and
   * transport errors end in `error` (with the members listed before it); rejects only for programmer errors.
   */
  async listMembers(credentials: Credentials, groupId: string, roles: readonly MemberRoleFilter[] | undefined, max: number, options: QueryOptions = {}): Promise<MemberListing> {
    this.checkArguments(credentials, [groupId], options);
    if (roles !== undefined && (!Array.isArray(roles) || roles.length === 0 || (roles as readonly unknown[]).some((r) => typeof r !== 'string' || !MEMBER_ROLE_FILTERS.includes(r)))) {
      throw new TypeError('roles must be a non-empty array of Owner, Admin or Member');
    }
    checkCap(max, 'max');
    const filter = roles && [...new Set(roles)];
    return this.run(
      credentials,
      options,
      (query, workers) => askMembers(this.path, query, groupId, filter, max, workers),
      (error) => ({ groupId, members: [], truncated: false, error }),
    );
  }

  /** Every group `account` is in, with its role there, paged to the end or to `max`; errors as for listMembers. */
  async listAccountGroups(credentials: Credentials, account: string, max: number, options: QueryOptions = {}): Promise<AccountGroups> {
    this.checkArguments(credentials, [], options);
    if (typeof account !== 'string') throw new TypeError('account must be a string');
    checkCap(max, 'max');
    return this.run(
      credentials,
      options,
      (query) => askAccountGroups(this.path, query, account, max),
      (error) => ({ account, groups: [], truncated: false, error }),
    );
  }

  /** Cancels every query in flight and closes every connection. The client cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.running) controller.abort();
    this.minter.clear();
    this.limiters.clear();
    this.path.gate.clear();
    await Promise.all([this.path.transport.destroy(), ...[...this.retired].map((t) => t.destroy())]);
  }

  /** Opens a query, runs it with a pool as large as the in-flight cap, and closes it; or fails it whole. */
  private async run<R>(credentials: Credentials, options: QueryOptions, ask: (query: Query, workers: number) => Promise<R>, failAll: (failure: Failure) => R | Promise<R>): Promise<R> {
    const host = { settings: this.settings, minter: this.minter, gate: this.path.gate, limiterFor: (id: number) => this.limiterFor(id) };
    const opened = openQuery(host, credentials, options);
    this.running.add(opened.controller);
    try {
      return 'failure' in opened ? await failAll(opened.failure) : await ask(opened.query, this.settings.maxInFlight);
    } finally {
      this.running.delete(opened.controller);
      closeQuery(opened.controller);
    }
  }

  private checkArguments(credentials: Credentials, groupIds: string[], options: QueryOptions): void {
    if (this.closed) throw new Error('ChatClient: the client is closed');
    if (!credentials || typeof credentials !== 'object') throw new TypeError('credentials are required');
    if (!Number.isSafeInteger(credentials.sdkAppId) || credentials.sdkAppId <= 0) throw new TypeError('credentials.sdkAppId must be a positive integer');
    if (typeof credentials.identifier !== 'string' || !credentials.identifier) throw new TypeError('credentials.identifier must be a non-empty string');
    if (!credentials.secretKey && !credentials.userSig) throw new TypeError('credentials need a userSig or a secretKey');
    if (!Array.isArray(groupIds) || groupIds.some((g) => typeof g !== 'string')) throw new TypeError('groupIds must be an array of strings');
    if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError('onProgress must be a function');
  }

  private limiterFor(sdkAppId: number): RateLimiter | undefined {
    const rate = this.settings.requestsPerSecond;
    if (!rateIsOn(rate)) return undefined;
    let limiter = this.limiters.get(sdkAppId);
    if (!limiter) this.limiters.set(sdkAppId, (limiter = new RateLimiter(rate)));
    return limiter;
  }
}
