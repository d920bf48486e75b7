// The client's options: what callers may set, their defaults and checks, and the time budget they give
// one request.

import type { RegionId } from './http/regions';
import type { ProxySettings } from './http/transport';

/** The server's own timeout; a client timeout must be longer. */
const SERVER_TIMEOUT_MS = 3000;

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface RetryOptions {
  /** Attempts per request, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff base; "slow down" answers start from 4 × this. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest single backoff. Default 4000 ms. */
  maxDelayMs?: number;
  /**
   * Time one request (one batch) may spend sending and backing off, from its first send; waiting for the
   * pace or a place in flight never counts. Default 30000 ms; never less than two timeouts and one backoff.
   */
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

export interface Settings {
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

export function resolveSettings(options: ChatClientOptions, previous?: Settings): Settings {
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
export function rateIsOn(perSecond: number): boolean {
  return perSecond > 0 && Number.isFinite(perSecond);
}


/**
 * The time one request may spend on attempts and backoffs, counted from its first send: the deadline
 * option, but never less than a timed-out attempt plus one full retry after the longest backoff.
 */
export function requestBudgetMs(settings: Settings): number {
  return Math.max(settings.retry.deadlineMs, 2 * settings.timeoutMs + settings.retry.maxDelayMs);
}
