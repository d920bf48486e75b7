// The Chat client: get_role_in_group (and get_group_info) for many groups and accounts — batching, the
// per-app pace, retries, failover to the backup domain, cancel — with every requested account ending in
// exactly one outcome. Never imports vscode; undici only through transport.ts.

import { randomInt } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { ChatError, describeError, formatError, isRetryable, isSlowDown, redactSecrets } from './errors';
import { checkAccount, checkGroupId } from './text/ids';
import { AbortedError, backoffDelay, RateLimiter, Semaphore, sleep, type SlotDone } from './http/pacing';
import { type GroupInfo, type GroupInfoOutcome, type Parsed, parseGroupInfoResponse, parseRoleResponse, type RoleAnswer } from './parse';
import { type RegionId, resolveOrigins, validateEndpoint } from './http/regions';
import { Transport, TransportError, type ProxySettings } from './http/transport';
import type { Credentials, ErrorCode, GroupError, GroupResult, QueryProgress, Role } from './types';
import { checkUserSig, UserSigMinter } from './auth/usersig';

export type { GroupInfo } from './parse';
export type { ProxySettings } from './http/transport';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface RetryOptions {
  /** Attempts per request, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff base; "slow down" answers start from 4 × this. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest single backoff. Default 4000 ms. */
  maxDelayMs?: number;
  /** Total time one request (one batch) may take with its retries. Default 30000 ms. */
  deadlineMs?: number;
}

export interface ChatClientOptions {
  region: RegionId;
  /** A custom origin that overrides the region (https, or http on loopback). */
  endpoint?: string;
  /** Per app, shared by every query of this client. Default 200; 0 or Infinity = no limit. */
  requestsPerSecond?: number;
  /** Cap on requests in flight (and keep-alive connections per origin). Default 32. */
  maxInFlight?: number;
  /** Per request: connect, headers and the whole body. Default 10000; must be > 3000 (the server's own). */
  timeoutMs?: number;
  retry?: RetryOptions;
  proxy?: ProxySettings;
  /** Receives messages already redacted: never a UserSig, never the secret key. */
  log?: (level: LogLevel, message: string) => void;
  /**
   * Test-only: the origins to use instead of the region's main and backup domains (each checked like an
   * endpoint). Lets tests exercise failover between two loopback servers.
   */
  origins?: string[];
}

export interface QueryOptions {
  signal?: AbortSignal;
  onProgress?: (p: QueryProgress) => void;
}

export interface ChatClientStats {
  /** HTTP requests sent (every attempt, failover included). */
  requests: number;
  /** Of those, the ones that repeated an earlier attempt (requests = first attempts + retries). */
  retries: number;
  /** Outcome of every attempt: "0" for success, the server's code, or a local code (NETWORK, TIMEOUT, HTTP_STATUS, BAD_RESPONSE). */
  byCode: Record<string, number>;
}

export const MAX_ACCOUNTS_PER_REQUEST = 500;
export const MAX_GROUPS_PER_INFO_REQUEST = 50;
/** After a failover, requests go straight to the origin that worked for this long; then the main domain is tried again. */
export const ORIGIN_MEMORY_MS = 5 * 60_000;
/** A 200 that is not the JSON expected is likely a glitch (truncation, a proxy page): tried this many times in all. */
const BAD_RESPONSE_ATTEMPTS = 2;
/** The server's own timeout; a client timeout must be longer. */
const SERVER_TIMEOUT_MS = 3000;

const SERVICE = '/v4/group_open_http_svc/';
type Api = 'get_role_in_group' | 'get_group_info';

interface Settings {
  region: RegionId;
  endpoint?: string;
  origins?: string[];
  requestsPerSecond: number;
  maxInFlight: number;
  timeoutMs: number;
  retry: Required<RetryOptions>;
  proxy?: ProxySettings;
  log?: ChatClientOptions['log'];
}

function resolveSettings(options: ChatClientOptions, previous?: Settings): Settings {
  const s: Settings = {
    region: options.region ?? previous?.region,
    endpoint: 'endpoint' in options ? options.endpoint : previous?.endpoint,
    origins: 'origins' in options ? options.origins : previous?.origins,
    requestsPerSecond: options.requestsPerSecond ?? previous?.requestsPerSecond ?? 200,
    maxInFlight: options.maxInFlight ?? previous?.maxInFlight ?? 32,
    timeoutMs: options.timeoutMs ?? previous?.timeoutMs ?? 10_000,
    retry: {
      maxAttempts: options.retry?.maxAttempts ?? previous?.retry.maxAttempts ?? 4,
      baseDelayMs: options.retry?.baseDelayMs ?? previous?.retry.baseDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? previous?.retry.maxDelayMs ?? 4000,
      deadlineMs: options.retry?.deadlineMs ?? previous?.retry.deadlineMs ?? 30_000,
    },
    proxy: 'proxy' in options ? options.proxy : previous?.proxy,
    log: 'log' in options ? options.log : previous?.log,
  };
  const bad = (what: string) => {
    throw new RangeError(`ChatClient: ${what}`);
  };
  if (!(s.requestsPerSecond >= 0)) bad(`requestsPerSecond must be ≥ 0 (0 or Infinity: no limit), not ${s.requestsPerSecond}`);
  if (!Number.isInteger(s.maxInFlight) || s.maxInFlight < 1) bad(`maxInFlight must be an integer ≥ 1, not ${s.maxInFlight}`);
  if (!Number.isFinite(s.timeoutMs) || s.timeoutMs <= SERVER_TIMEOUT_MS) bad(`timeoutMs must be finite and above the server's own ${SERVER_TIMEOUT_MS} ms, not ${s.timeoutMs}`);
  if (!Number.isInteger(s.retry.maxAttempts) || s.retry.maxAttempts < 1) bad(`retry.maxAttempts must be an integer ≥ 1, not ${s.retry.maxAttempts}`);
  if (!(s.retry.baseDelayMs >= 0) || !(s.retry.maxDelayMs >= 0)) bad('retry delays must be ≥ 0');
  if (!(s.retry.deadlineMs > 0)) bad(`retry.deadlineMs must be > 0, not ${s.retry.deadlineMs}`);
  return s;
}

/** The pace applies: a finite positive rate. */
function rateIsOn(perSecond: number): boolean {
  return perSecond > 0 && Number.isFinite(perSecond);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** An outcome shared by the accounts (or groups) it applies to; merged by code and message when results are assembled. */
interface Failure {
  code: ErrorCode;
  message: string;
  lastCode?: ErrorCode;
}

type Outcome = Role | Failure;

/** What one request (with its retries) came to. */
type CallResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** One query's shared state: signing, where to send, cancel, progress, logging with its secrets redacted. */
interface Query {
  origins: string[];
  secrets: string[];
  signal: AbortSignal;
  limiter?: RateLimiter;
  /** "sdkappid=…&identifier=…&usersig=" */
  queryHead: string;
  /** The UserSig, URL-encoded. */
  encodedSig: string;
  log(level: LogLevel, message: string): void;
  done: number;
  total: number;
  onProgress?: (p: QueryProgress) => void;
  /**
   * Set by the first request that failed for good on the credentials (UserSig, identifier, app): the
   * query's other requests end in the same failure without being sent, since repeated bad signatures lock
   * the app out for a minute (70050).
   */
  credentialFailure?: Failure;
}

/** A request's failure before it is final: what went wrong and whether to try again. */
interface AttemptFailure {
  code: ErrorCode;
  detail: string;
  retryable: boolean;
  slowDown: boolean;
  connectionLevel: boolean;
}

export class ChatClient {
  private settings: Settings;
  private transport: Transport;
  /** Transports replaced by a settings change, finishing their requests; destroyed on close(). */
  private readonly retired = new Set<Transport>();
  private readonly semaphore: Semaphore;
  private readonly limiters = new Map<number, RateLimiter>();
  private readonly minter = new UserSigMinter();
  private readonly running = new Set<AbortController>();
  /** Which origin requests start from after a failover, and until when. */
  private preferred = { origins: '', index: 0, until: 0 };
  private closed = false;

  readonly stats: ChatClientStats = { requests: 0, retries: 0, byCode: {} };

  constructor(options: ChatClientOptions) {
    this.settings = resolveSettings(options);
    this.semaphore = new Semaphore(this.settings.maxInFlight);
    this.transport = this.makeTransport();
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
    if (after.requestsPerSecond !== before.requestsPerSecond) {
      if (rateIsOn(after.requestsPerSecond)) for (const limiter of this.limiters.values()) limiter.setRate(after.requestsPerSecond);
      else this.limiters.clear();
    }
    if (after.maxInFlight !== before.maxInFlight) this.semaphore.setMax(after.maxInFlight);
    const transportChanged =
      after.maxInFlight !== before.maxInFlight || after.timeoutMs !== before.timeoutMs || JSON.stringify(after.proxy ?? {}) !== JSON.stringify(before.proxy ?? {});
    if (transportChanged && !this.closed) {
      const old = this.transport;
      this.retired.add(old);
      const forget = () => this.retired.delete(old);
      void old.close().then(forget, forget); // close() on client shutdown destroys it anyway
      this.transport = this.makeTransport();
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
    const outcomes: Outcome[][] = groups.map(() => new Array<Outcome>(names.length));

    const run = this.startQuery(credentials, options);
    try {
      if ('failure' in run) {
        for (const row of outcomes) row.fill(run.failure);
      } else {
        const query = run.query;
        // Accounts that cannot be sent fail on their own; the rest go in chunks of at most 500.
        const sendable: number[] = [];
        const byReason = new Map<string, Failure>();
        const refused = names.map((name, i) => {
          const reason = checkAccount(name);
          if (reason === undefined) {
            sendable.push(i);
            return undefined;
          }
          return this.shared(byReason, 'INVALID_INPUT', reason);
        });
        // Every group asks for the same accounts: each chunk, and its JSON, is built once for all groups.
        const chunks: { indices: number[]; accounts: string[]; json: string }[] = [];
        for (let k = 0; k < sendable.length; k += MAX_ACCOUNTS_PER_REQUEST) {
          const indices = sendable.slice(k, k + MAX_ACCOUNTS_PER_REQUEST);
          const accounts = indices.map((i) => names[i]);
          chunks.push({ indices, accounts, json: JSON.stringify(accounts) });
        }
        const batches: { group: number; chunk: (typeof chunks)[number] }[] = [];
        groups.forEach((groupId, g) => {
          refused.forEach((failure, i) => failure && (outcomes[g][i] = failure));
          const groupProblem = checkGroupId(groupId);
          if (groupProblem !== undefined) {
            const failure = this.shared(byReason, 'INVALID_INPUT', groupProblem);
            for (const i of sendable) outcomes[g][i] = failure;
            return;
          }
          for (const chunk of chunks) batches.push({ group: g, chunk });
        });
        query.total = batches.length;
        this.progress(query);
        await Promise.all(
          batches.map(async ({ group, chunk }, b) => {
            const label = `batch ${b + 1}/${batches.length}, ${groups[group]}`;
            // Byte for byte JSON.stringify({ GroupId, User_Account }).
            const body = `{"GroupId":${JSON.stringify(groups[group])},"User_Account":${chunk.json}}`;
            const result = await this.call(query, 'get_role_in_group', body, label, (status, bytes) => parseRoleResponse(status, bytes, chunk.accounts, query.secrets));
            this.placeRoles(query, result, chunk.indices, outcomes[group], label);
            query.done++;
            this.progress(query);
          }),
        );
      }
    } finally {
      this.endQuery(run.controller);
    }
    return groups.map((groupId, g) => assemble(groupId, names, outcomes[g]));
  }

  /** Group type, name, owner and size for each distinct group (at most 50 per request, batched). */
  async getGroupInfo(credentials: Credentials, groupIds: string[], options: QueryOptions = {}): Promise<GroupInfo[]> {
    this.checkArguments(credentials, groupIds, options);
    const groups = unique(groupIds);
    const infos: GroupInfo[] = groups.map((groupId) => ({ groupId }));
    const run = this.startQuery(credentials, options);
    try {
      if ('failure' in run) {
        for (const info of infos) info.error = run.failure;
      } else {
        const query = run.query;
        const sendable: number[] = [];
        groups.forEach((groupId, g) => {
          const reason = checkGroupId(groupId);
          if (reason === undefined) sendable.push(g);
          else infos[g].error = { code: 'INVALID_INPUT', message: formatError('INVALID_INPUT', reason) };
        });
        const batches: number[][] = [];
        for (let k = 0; k < sendable.length; k += MAX_GROUPS_PER_INFO_REQUEST) batches.push(sendable.slice(k, k + MAX_GROUPS_PER_INFO_REQUEST));
        query.total = batches.length;
        this.progress(query);
        await Promise.all(
          batches.map(async (indices, b) => {
            const chunk = indices.map((g) => groups[g]);
            const body = JSON.stringify({ GroupIdList: chunk, ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'Owner_Account', 'MemberNum'] } });
            const label = `batch ${b + 1}/${batches.length}, group info`;
            const result = await this.call(query, 'get_group_info', body, label, (status, bytes) => parseGroupInfoResponse(status, bytes, chunk, query.secrets));
            indices.forEach((g, k) => (infos[g] = groupInfoFrom(result, k, groups[g])));
            query.done++;
            this.progress(query);
          }),
        );
      }
    } finally {
      this.endQuery(run.controller);
    }
    return infos;
  }

  /** Cancels every query in flight and closes every connection. The client cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.running) controller.abort();
    this.minter.clear();
    this.limiters.clear();
    await Promise.all([this.transport.destroy(), ...[...this.retired].map((t) => t.destroy())]);
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

  /**
   * Everything a query needs before its first byte: where to send, a UserSig (minted, or the given one
   * checked), the per-app limiter, and a cancel switch tied to the caller's signal. A problem found here
   * (endpoint refused, UserSig expired or for another app) fails the whole query without sending anything.
   */
  private startQuery(credentials: Credentials, options: QueryOptions): ({ query: Query } | { failure: Failure }) & { controller: AbortController } {
    const controller = new AbortController();
    // Every waiting and in-flight request of the query listens to this one signal.
    setMaxListeners(0, controller.signal);
    const outer = options.signal;
    if (outer?.aborted) controller.abort();
    else outer?.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
    this.running.add(controller);

    const secrets = [credentials.userSig, credentials.secretKey].filter((s): s is string => typeof s === 'string' && s.length > 0);
    const log = (level: LogLevel, message: string) => this.settings.log?.(level, redactSecrets(message, secrets));
    const fail = (code: ErrorCode, detail: string) => {
      const failure = { code, message: formatError(code, redactSecrets(detail, secrets)) };
      log('warn', `Nothing was sent: ${failure.message}`);
      return { failure, controller };
    };
    let origins: string[];
    try {
      origins = this.settings.origins ? this.settings.origins.map(validateEndpoint) : resolveOrigins({ region: this.settings.region, endpoint: this.settings.endpoint });
    } catch (err) {
      if (err instanceof ChatError) return fail(err.code, err.detail ?? '');
      this.endQuery(controller);
      throw err;
    }
    let userSig: string;
    if (credentials.secretKey) {
      try {
        userSig = this.minter.get({ sdkAppId: credentials.sdkAppId, identifier: credentials.identifier, secretKey: credentials.secretKey });
      } catch (err) {
        if (err instanceof ChatError) return fail(err.code, err.detail ?? '');
        this.endQuery(controller);
        throw err;
      }
      secrets.push(userSig);
    } else {
      userSig = credentials.userSig as string;
      const problem = checkUserSig(userSig, { sdkAppId: credentials.sdkAppId, identifier: credentials.identifier });
      if (problem) return fail(problem.code, problem.message);
    }
    const query: Query = {
      origins,
      secrets,
      signal: controller.signal,
      limiter: this.limiterFor(credentials.sdkAppId),
      queryHead: `sdkappid=${encodeURIComponent(String(credentials.sdkAppId))}&identifier=${encodeURIComponent(credentials.identifier)}&usersig=`,
      encodedSig: encodeURIComponent(userSig),
      log,
      done: 0,
      total: 0,
      onProgress: options.onProgress,
    };
    return { query, controller };
  }

  private endQuery(controller: AbortController): void {
    this.running.delete(controller);
    // Also detaches the listener on the caller's signal.
    controller.abort();
  }

  private limiterFor(sdkAppId: number): RateLimiter | undefined {
    const rate = this.settings.requestsPerSecond;
    if (!rateIsOn(rate)) return undefined;
    let limiter = this.limiters.get(sdkAppId);
    if (!limiter) this.limiters.set(sdkAppId, (limiter = new RateLimiter(rate)));
    return limiter;
  }

  private progress(query: Query): void {
    if (!query.onProgress) return;
    try {
      query.onProgress({ done: query.done, total: query.total });
    } catch (err) {
      query.log('warn', `A progress listener threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** One Failure object per distinct code and reason, so equal failures merge. */
  private shared(cache: Map<string, Failure>, code: ErrorCode, detail: string): Failure {
    const message = formatError(code, detail);
    let failure = cache.get(`${code}\u0000${message}`);
    if (!failure) cache.set(`${code}\u0000${message}`, (failure = { code, message }));
    return failure;
  }

  private placeRoles(query: Query, result: CallResult<RoleAnswer>, indices: number[], row: Outcome[], label: string): void {
    if (!result.ok) {
      for (const i of indices) row[i] = result.failure;
      return;
    }
    const answer = result.value;
    const failures = new Map<string, Failure>();
    answer.outcomes.forEach((outcome, k) => {
      row[indices[k]] = typeof outcome === 'string' ? outcome : this.shared(failures, outcome.code, outcome.detail);
    });
    if (answer.unrequestedCount > 0) {
      query.log('warn', `${label}: the server reported ${answer.unrequestedCount} account(s) that were not asked for, ignored: ${answer.unrequested.map((a) => JSON.stringify(a)).join(', ')}${answer.unrequestedCount > answer.unrequested.length ? ', …' : ''}`);
    }
    if (answer.conflicting.length > 0) {
      query.log('warn', `${label}: the server reported different roles for the same account; the first was kept: ${answer.conflicting.map((a) => JSON.stringify(a)).join(', ')}`);
    }
  }

  /**
   * Sends one request until it succeeds, fails for good, or runs out of attempts or time. Each attempt takes
   * a place among those in flight, then a slot of the app's pace, then a fresh `random`. A connection-level
   * failure moves to the next origin (at once, if that origin was not tried yet in this request).
   */
  private async call<T>(query: Query, api: Api, body: string, label: string, parse: (status: number, body: Uint8Array) => Parsed<T>): Promise<CallResult<T>> {
    const { retry } = this.settings;
    const deadline = performance.now() + retry.deadlineMs;
    const tried = new Set<number>();
    let origin = this.startOrigin(query.origins);
    let badResponses = 0;
    let last: AttemptFailure | undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: AttemptFailure;
      try {
        const release = await this.semaphore.acquire(query.signal);
        let slotDone: SlotDone | undefined;
        try {
          slotDone = await query.limiter?.acquire(query.signal);
          if (query.credentialFailure) return { ok: false, failure: query.credentialFailure };
          const remaining = deadline - performance.now();
          if (remaining <= 0) return this.gaveUp(query, label, attempt - 1, last);
          const timeout = Math.min(this.settings.timeoutMs, remaining);
          tried.add(origin);
          const attemptResult = await this.attempt(query, api, query.origins[origin], body, timeout, label, attempt, parse);
          if (attemptResult.ok) return attemptResult;
          failure = attemptResult.failure;
          // Cut short by the deadline, not by the per-request timeout: report what failed before it.
          if (failure.code === 'TIMEOUT' && timeout < this.settings.timeoutMs) return this.gaveUp(query, label, attempt, last);
        } finally {
          // The answer is in (or the attempt failed): the pace may count this request as finished.
          slotDone?.();
          release();
        }
      } catch (err) {
        if (err instanceof AbortedError) return this.cancelled();
        throw err;
      }
      if (failure.code === 'CANCELLED') return this.cancelled();
      last = failure;
      if (failure.code === 'BAD_RESPONSE' && ++badResponses >= BAD_RESPONSE_ATTEMPTS) failure.retryable = false;
      if (!failure.retryable || attempt >= retry.maxAttempts) return this.finalFailure(query, label, attempt, failure);

      let delay = backoffDelay(attempt, retry, failure.slowDown);
      if (failure.connectionLevel && query.origins.length > 1) {
        origin = this.failover(query, origin, failure);
        if (!tried.has(origin)) delay = 0;
      }
      if (performance.now() + delay >= deadline) return this.gaveUp(query, label, attempt, failure);
      query.log(failure.slowDown ? 'info' : 'warn', `${label}: ${describeFailure(failure)}; retrying in ${Math.round(delay)} ms (attempt ${attempt + 1} of ${retry.maxAttempts}).`);
      try {
        if (delay > 0) await sleep(delay, query.signal);
      } catch (err) {
        if (err instanceof AbortedError) return this.cancelled();
        throw err;
      }
    }
  }

  /** One HTTP exchange, counted and logged; its outcome as a value or an AttemptFailure. */
  private async attempt<T>(
    query: Query,
    api: Api,
    origin: string,
    body: string,
    timeoutMs: number,
    label: string,
    attempt: number,
    parse: (status: number, body: Uint8Array) => Parsed<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; failure: AttemptFailure }> {
    const tail = `&random=${randomInt(0, 2 ** 32)}&contenttype=json`;
    const path = `${origin}${SERVICE}${api}?`;
    this.stats.requests++;
    if (attempt > 1) this.stats.retries++;
    const started = performance.now();
    let outcome: { ok: true; value: T } | { ok: false; failure: AttemptFailure };
    let shown: string;
    try {
      const response = await this.transport.post(`${path}${query.queryHead}${query.encodedSig}${tail}`, body, timeoutMs, query.signal);
      const parsed = parse(response.status, response.body);
      if (parsed.ok) {
        outcome = parsed;
        shown = '0';
      } else {
        const { code, detail, status } = parsed.problem;
        const statusRetry = status !== undefined && (status >= 500 || status === 429);
        outcome = {
          ok: false,
          failure: {
            code,
            detail,
            retryable: code === 'HTTP_STATUS' ? statusRetry : isRetryable(code),
            slowDown: isSlowDown(code) || status === 429,
            connectionLevel: false,
          },
        };
        shown = status !== undefined ? `HTTP ${status}` : String(code);
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const host = new URL(origin).host;
      const via = this.transport.route === 'direct' ? '' : ` (${this.transport.route})`;
      outcome = { ok: false, failure: { code: err.code, detail: `${host}: ${err.detail}${via}`, retryable: err.retryable, slowDown: false, connectionLevel: err.connectionLevel } };
      shown = err.code;
    }
    const key = outcome.ok ? '0' : String(outcome.failure.code);
    this.stats.byCode[key] = (this.stats.byCode[key] ?? 0) + 1;
    if (this.settings.log) {
      query.log('debug', `POST ${path}${query.queryHead}***${tail} → ${shown} in ${Math.round(performance.now() - started)} ms (${label}, attempt ${attempt})`);
    }
    return outcome;
  }

  private startOrigin(origins: string[]): number {
    const key = origins.join(' ');
    return this.preferred.origins === key && performance.now() < this.preferred.until ? this.preferred.index : 0;
  }

  /** Moves to the next origin and remembers it for ORIGIN_MEMORY_MS; logs once per switch. */
  private failover(query: Query, from: number, failure: AttemptFailure): number {
    const next = (from + 1) % query.origins.length;
    const key = query.origins.join(' ');
    const already = this.preferred.origins === key && this.preferred.index === next && performance.now() < this.preferred.until;
    this.preferred = { origins: key, index: next, until: performance.now() + ORIGIN_MEMORY_MS };
    if (!already) {
      query.log('warn', `${describeFailure(failure)}; switching to ${new URL(query.origins[next]).host} for the next ${ORIGIN_MEMORY_MS / 60_000} minutes.`);
    }
    return next;
  }

  private cancelled(): CallResult<never> {
    return { ok: false, failure: { code: 'CANCELLED', message: formatError('CANCELLED') } };
  }

  private finalFailure(query: Query, label: string, attempts: number, failure: AttemptFailure): CallResult<never> {
    const detail = attempts > 1 ? `${failure.detail} (after ${attempts} attempts)` : failure.detail;
    const message = formatError(failure.code, detail);
    query.log(typeof failure.code === 'number' ? 'warn' : 'error', `${label}: ${message}`);
    const final = { code: failure.code, message };
    if (!query.credentialFailure && describeError(failure.code).scope === 'credentials') {
      query.credentialFailure = final;
      query.log('warn', 'The credentials were refused: the rest of this check is not sent.');
    }
    return { ok: false, failure: final };
  }

  private gaveUp(query: Query, label: string, attempts: number, last: AttemptFailure | undefined): CallResult<never> {
    const seconds = Math.round(this.settings.retry.deadlineMs / 100) / 10;
    const detail = `no answer within ${seconds} s (${attempts} attempt${attempts === 1 ? '' : 's'})${last ? `; the last: ${describeFailure(last)}` : ''}`;
    const message = formatError('DEADLINE', detail);
    query.log('error', `${label}: ${message}`);
    return { ok: false, failure: { code: 'DEADLINE', message, ...(last && { lastCode: last.code }) } };
  }
}

function describeFailure(failure: AttemptFailure): string {
  return failure.detail ? `${String(failure.code)}: ${failure.detail}` : String(failure.code);
}

function groupInfoFrom(result: CallResult<GroupInfoOutcome[]>, k: number, groupId: string): GroupInfo {
  if (!result.ok) {
    const info: GroupInfo = { groupId, error: result.failure };
    if (typeof result.failure.code === 'number') info.errorCode = result.failure.code;
    return info;
  }
  const { info, problem } = result.value[k];
  if (problem) info.error = { code: problem.code, message: formatError(problem.code, problem.detail) };
  return info;
}

/** Roles in request order; failures merged by code and message, their accounts in request order. */
function assemble(groupId: string, names: string[], row: Outcome[]): GroupResult {
  const roles: GroupResult['roles'] = [];
  const errors = new Map<string, GroupError>();
  for (let i = 0; i < names.length; i++) {
    const outcome = row[i];
    if (typeof outcome === 'string') {
      roles.push({ account: names[i], role: outcome });
      continue;
    }
    const key = `${outcome.code}\u0000${outcome.message}`;
    let error = errors.get(key);
    if (!error) {
      error = { code: outcome.code, message: outcome.message, accounts: [] };
      if (outcome.lastCode !== undefined) error.lastCode = outcome.lastCode;
      errors.set(key, error);
    }
    error.accounts.push(names[i]);
  }
  return { groupId, roles, errors: [...errors.values()] };
}
