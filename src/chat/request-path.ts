// The one request path every Chat API shares: it sends one request until it succeeds, fails for good, or
// runs out of attempts or time. Each attempt waits for its turn at the app's pace and a place in flight
// (neither counts against its time), is signed with a fresh `random`, and is counted and logged with its
// UserSig masked. Credentials the server has not yet accepted go out as a single probe first.

import * as l10n from '@vscode/l10n';
import { randomInt } from 'node:crypto';
import { CredentialGate, isRememberedRefusal, refusesCredentials } from './auth/credential-gate';
import { formatError, isRetryable, isSlowDown } from './errors';
import { backoffDelay, sleep } from './http/backoff';
import { AbortedError } from './http/fair-queue';
import { Semaphore } from './http/inflight';
import { type Transport, TransportError } from './http/transport';
import type { Parsed } from './parse/envelope';
import type { Failure, Query } from './query';
import { requestBudgetMs, type Settings } from './settings';
import type { ErrorCode } from './types';

export type Api = 'get_role_in_group' | 'get_group_info' | 'get_group_member_info' | 'get_joined_group_list' | 'modify_group_member_info' | 'change_group_owner';
/**
 * Which failures an API's requests are sent again after. `read`: every failure that might pass (transient
 * server codes, 5xx, timeouts, dropped connections). `write`: only those that prove nothing was applied, a
 * slow-down answer or a connection that was never made; anything else may have been applied, so it is final,
 * and a failure without the server's answer is marked `uncertain`.
 */
export type RetryPolicy = 'read' | 'write';
export type Parse<T> = (status: number, body: Uint8Array) => Parsed<T>;

/** What one request (with its retries) came to. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface ChatClientStats {
  /** HTTP requests sent (every attempt, failover included). */
  requests: number;
  /** Of those, the ones that repeated an earlier attempt (requests = first attempts + retries). */
  retries: number;
  /** Outcome of every attempt: "0" for success, the server's code, or a local code (NETWORK, TIMEOUT, HTTP_STATUS, BAD_RESPONSE). */
  byCode: Record<string, number>;
}

/** After a failover, requests go straight to the origin that worked for this long; then the main domain is tried again. */
export const ORIGIN_MEMORY_MS = 5 * 60_000;
/** A 200 that is not the JSON expected is likely a glitch (truncation, a proxy page): tried this many times in all. */
const BAD_RESPONSE_ATTEMPTS = 2;
/**
 * An attempt starts only with at least this much of the budget left (or the whole timeout, if shorter): a
 * sliver of a few milliseconds cannot get an answer, and whether it is sent would depend on timer jitter.
 */
const MIN_ATTEMPT_MS = 1000;
const SERVICE = '/v4/group_open_http_svc/';
/**
 * The largest answer each API can give to one of our requests, with room to spare; reading stops beyond it.
 * get_role_in_group: 500 entries of an account of at most 32 bytes, every byte \u-escaped (192 characters),
 * plus a role and the keys, about 240 bytes each: 120 KB. get_group_info: 50 groups whose ID (48 bytes),
 * name (30), owner (32) are fully escaped, plus the introduction (240), notification (300) and face URL
 * (100) should the server send them despite the filter: about 200 KB. A page of get_group_member_info (at
 * most 101 members, account and name card fully escaped, every other member field too) and one of
 * get_joined_group_list (50 groups, ID and name escaped, the base fields sent unasked) stay under 200 KB.
 */
const MAX_ANSWER_BYTES: Readonly<Record<Api, number>> = {
  get_role_in_group: 256 * 1024,
  get_group_info: 512 * 1024,
  get_group_member_info: 512 * 1024,
  get_joined_group_list: 512 * 1024,
  // The writes answer with the envelope alone.
  modify_group_member_info: 64 * 1024,
  change_group_owner: 64 * 1024,
};

/** A request's failure before it is final: what went wrong and whether to try again. */
interface AttemptFailure {
  code: ErrorCode;
  detail: string;
  retryable: boolean;
  slowDown: boolean;
  connectionLevel: boolean;
  /** No answer of the server's came although the request may have reached it: it may have been applied. */
  uncertain: boolean;
  /** The request provably never left (no connection was made). */
  unsent: boolean;
}

type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: AttemptFailure };

export class RequestPath {
  readonly stats: ChatClientStats = { requests: 0, retries: 0, byCode: {} };
  readonly gate = new CredentialGate();
  readonly inFlight: Semaphore;
  /** Which origin requests start from after a failover, and until when. */
  private preferred = { origins: '', index: 0, until: 0 };

  /** The client swaps settings and transport when its options change; the next attempt uses the new ones. */
  constructor(
    public settings: Settings,
    public transport: Transport,
  ) {
    this.inFlight = new Semaphore(settings.maxInFlight);
  }

  /** One request of `query`, with its retries; never rejects except for programmer errors. */
  async send<T>(query: Query, api: Api, body: string, label: string, parse: Parse<T>, policy: RetryPolicy = 'read'): Promise<CallResult<T>> {
    let probing = false;
    try {
      if (query.refusal) return { ok: false, failure: query.refusal };
      const admission = await this.gate.admit(query.credentialKey, query.signal);
      if (admission.kind === 'refused') return { ok: false, failure: admission.refusal };
      probing = admission.kind === 'probe';
      if (probing) query.log('debug', `${label}: these credentials have no accepted answer yet; this request goes alone first.`);
      const result = await this.attempts(query, api, body, label, parse, policy);
      this.learn(query, result);
      return result;
    } catch (err) {
      if (err instanceof AbortedError) return cancelled();
      throw err;
    } finally {
      if (probing) this.gate.endProbe(query.credentialKey);
    }
  }

  private learn(query: Query, result: CallResult<unknown>): void {
    if (result.ok) return this.gate.learn(query.credentialKey, { ok: true });
    const { code, message } = result.failure;
    if (query.refusal || !refusesCredentials(code)) return this.gate.learn(query.credentialKey, { ok: false, code, message });
    query.refusal = result.failure;
    this.gate.learn(query.credentialKey, { ok: false, code, message });
    query.log('warn', isRememberedRefusal(code)
      ? l10n.t('The credentials were refused: nothing more is sent with them until they change.')
      : l10n.t('The credentials were refused: nothing more is sent with them in this check.'));
  }

  /** The refusal that stops this request unsent: of this query, or remembered for its credentials. */
  private refusalFor(query: Query): Failure | undefined {
    return query.refusal ?? this.gate.refusal(query.credentialKey);
  }

  /**
   * The attempts of one request. Its time budget counts only attempts and backoffs, from its first send:
   * waiting for the pace or a place in flight never runs it out. A connection-level failure moves to the
   * next origin (at once, if that origin was not tried yet in this request).
   */
  private async attempts<T>(query: Query, api: Api, body: string, label: string, parse: Parse<T>, policy: RetryPolicy): Promise<CallResult<T>> {
    const { retry, timeoutMs } = this.settings;
    const budget = requestBudgetMs(this.settings);
    let spent = 0;
    const tried = new Set<number>();
    let origin = this.startOrigin(query.origins);
    let badResponses = 0;
    let last: AttemptFailure | undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: AttemptFailure;
      const slotDone = await query.limiter?.acquire(query.signal, query);
      try {
        const release = await this.inFlight.acquire(query.signal, query);
        try {
          // Refused meanwhile (by another request of these credentials): this one is not sent.
          const refusal = this.refusalFor(query);
          if (refusal) return { ok: false, failure: refusal };
          const remaining = budget - spent;
          if (remaining < Math.min(MIN_ATTEMPT_MS, timeoutMs)) return this.gaveUp(query, label, attempt - 1, last, false);
          const timeout = Math.min(timeoutMs, remaining);
          tried.add(origin);
          const started = performance.now();
          const result = await this.attempt(query, api, query.origins[origin], body, timeout, label, attempt, parse);
          spent += performance.now() - started;
          if (result.ok) return result;
          failure = result.failure;
          // Cut short by the budget, not by the per-request timeout: report what failed before it.
          if (failure.code === 'TIMEOUT' && timeout < timeoutMs) return this.gaveUp(query, label, attempt, last, policy === 'write');
        } finally {
          release();
        }
      } finally {
        // The answer is in (or the attempt failed): the pace may count this request as finished.
        slotDone?.();
      }
      if (failure.code === 'CANCELLED') return cancelled();
      last = failure;
      if (failure.code === 'BAD_RESPONSE' && ++badResponses >= BAD_RESPONSE_ATTEMPTS) failure.retryable = false;
      if (policy === 'write' && !failure.slowDown && !failure.unsent) failure.retryable = false;
      if (!failure.retryable || attempt >= retry.maxAttempts) return this.finalFailure(query, label, attempt, failure, policy);

      let delay = backoffDelay(attempt, retry, failure.slowDown);
      if (failure.connectionLevel && query.origins.length > 1) {
        origin = this.failover(query, origin, failure);
        if (!tried.has(origin)) delay = 0;
      }
      if (budget - spent - delay < Math.min(MIN_ATTEMPT_MS, timeoutMs)) return this.gaveUp(query, label, attempt, failure, false);
      query.log(failure.slowDown ? 'info' : 'warn', l10n.t('{0}: {1}; retrying in {2} ms (attempt {3} of {4}).', label, describeFailure(failure), Math.round(delay), attempt + 1, retry.maxAttempts));
      if (delay > 0) {
        const started = performance.now();
        await sleep(delay, query.signal);
        spent += performance.now() - started;
      }
    }
  }

  /** One HTTP exchange, counted and logged; its outcome as a value or an AttemptFailure. */
  private async attempt<T>(query: Query, api: Api, origin: string, body: string, timeoutMs: number, label: string, attempt: number, parse: Parse<T>): Promise<AttemptResult<T>> {
    const tail = `&random=${randomInt(0, 2 ** 32)}&contenttype=json`;
    const path = `${origin}${SERVICE}${api}?`;
    this.stats.requests++;
    if (attempt > 1) this.stats.retries++;
    const started = performance.now();
    let outcome: AttemptResult<T>;
    let shown: string;
    try {
      const response = await this.transport.post(`${path}${query.queryHead}${query.encodedSig}${tail}`, body, timeoutMs, query.signal, MAX_ANSWER_BYTES[api]);
      const parsed = parse(response.status, response.body);
      if (parsed.ok) {
        outcome = parsed;
        shown = '0';
      } else {
        const { code, detail, status } = parsed.problem;
        const statusRetry = status !== undefined && (status >= 500 || status === 429);
        const retryable = code === 'HTTP_STATUS' ? statusRetry : isRetryable(code);
        // A server's own answer (an ErrorCode, a 4xx) says the request was refused; a 5xx or an unreadable 200
        // may come from a gateway after the server applied it.
        const uncertain = code === 'BAD_RESPONSE' || (code === 'HTTP_STATUS' && status !== undefined && status >= 500);
        outcome = { ok: false, failure: { code, detail, retryable, slowDown: isSlowDown(code) || status === 429, connectionLevel: false, uncertain, unsent: false } };
        shown = status !== undefined ? `HTTP ${status}` : String(code);
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      const host = new URL(origin).host;
      const route = this.transport.shownRoute;
      const detail = route === undefined ? `${host}: ${err.detail}` : l10n.t('{0}: {1} ({2})', host, err.detail, route);
      const failure = { code: err.code, detail, retryable: err.retryable, slowDown: false, connectionLevel: err.connectionLevel };
      outcome = { ok: false, failure: { ...failure, uncertain: !err.unsent && err.code !== 'CANCELLED', unsent: err.unsent } };
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
      query.log('warn', l10n.t('{0}; switching to {1} for the next {2} minutes.', describeFailure(failure), new URL(query.origins[next]).host, ORIGIN_MEMORY_MS / 60_000));
    }
    return next;
  }

  private finalFailure(query: Query, label: string, attempts: number, failure: AttemptFailure, policy: RetryPolicy): CallResult<never> {
    const detail = attempts > 1 ? l10n.t('{0} (after {1} attempts)', failure.detail, attempts) : failure.detail;
    const message = formatError(failure.code, detail, policy === 'write' ? 'roleChange' : 'read');
    query.log(typeof failure.code === 'number' ? 'warn' : 'error', `${label}: ${message}`);
    return { ok: false, failure: { code: failure.code, message, ...(policy === 'write' && failure.uncertain && { uncertain: true }) } };
  }

  /** `uncertain`: the attempt the budget cut short was a write that may have been applied. */
  private gaveUp(query: Query, label: string, attempts: number, last: AttemptFailure | undefined, uncertain: boolean): CallResult<never> {
    const seconds = Math.round(requestBudgetMs(this.settings) / 100) / 10;
    let detail: string;
    if (last) {
      detail = attempts === 1
        ? l10n.t('no answer within {0} s of sending (1 attempt); the last: {1}', seconds, describeFailure(last))
        : l10n.t('no answer within {0} s of sending ({1} attempts); the last: {2}', seconds, attempts, describeFailure(last));
    } else {
      detail = attempts === 1
        ? l10n.t('no answer within {0} s of sending (1 attempt)', seconds)
        : l10n.t('no answer within {0} s of sending ({1} attempts)', seconds, attempts);
    }
    const message = formatError('DEADLINE', detail);
    query.log('error', `${label}: ${message}`);
    return { ok: false, failure: { code: 'DEADLINE', message, ...(last && { lastCode: last.code }), ...(uncertain && { uncertain: true }) } };
  }
}

function cancelled(): CallResult<never> {
  return { ok: false, failure: { code: 'CANCELLED', message: formatError('CANCELLED') } };
}

function describeFailure(failure: AttemptFailure): string {
  return failure.detail ? `${String(failure.code)}: ${failure.detail}` : String(failure.code);
}
