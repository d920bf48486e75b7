// One query (one call of an API method): what it signs with, where it sends, its cancel switch, its lane
// in the shared pace, its progress, and the bounded pool of workers that feeds its batches to the
// request path. Everything here is set up before the first byte, and a problem found here fails the
// whole query without sending anything.

import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import { CredentialGate } from './auth/credential-gate';
import { checkUserSig, type UserSigMinter } from './auth/usersig';
import { ChatError, formatError, redactSecrets } from './errors';
import type { RateLimiter } from './http/pacing';
import { resolveOrigins, validateEndpoint } from './http/regions';
import type { LogLevel, Settings } from './settings';
import type { Credentials, ErrorCode, QueryProgress } from './types';

/** An outcome shared by the accounts (or groups) it applies to; merged by code and message when results are assembled. */
export interface Failure {
  code: ErrorCode;
  message: string;
  lastCode?: ErrorCode;
  /** A write that may have been applied: it was sent and no answer of the server's came back. */
  uncertain?: true;
}

/**
 * Longest log line, in characters, before redaction: redacting costs time in the line's length (twice: here
 * and in the output channel), and a server can make a line as long as its answer.
 */
export const MAX_LOG_LINE_CHARS = 4096;

/** A line at most MAX_LOG_LINE_CHARS long, marked when cut. */
export function clipLogLine(message: string): string {
  return message.length > MAX_LOG_LINE_CHARS ? `${message.slice(0, MAX_LOG_LINE_CHARS)}… (${message.length - MAX_LOG_LINE_CHARS} more characters)` : message;
}

export interface QueryOptions {
  signal?: AbortSignal;
  onProgress?: (p: QueryProgress) => void;
}

/** One query's shared state; the object itself is the query's lane in the pace and the in-flight cap. */
export interface Query {
  origins: string[];
  secrets: string[];
  signal: AbortSignal;
  limiter?: RateLimiter;
  /** The credentials' fingerprint in the CredentialGate. */
  credentialKey: string;
  /** "sdkappid=…&identifier=…&usersig=" */
  queryHead: string;
  /** The UserSig, URL-encoded. */
  encodedSig: string;
  log(level: LogLevel, message: string): void;
  done: number;
  total: number;
  onProgress?: (p: QueryProgress) => void;
  /** Set by the first request whose credentials were refused: the query's other requests end in it unsent. */
  refusal?: Failure;
}

/** What opening a query needs from its client. */
export interface QueryHost {
  settings: Settings;
  minter: UserSigMinter;
  gate: CredentialGate;
  limiterFor(sdkAppId: number): RateLimiter | undefined;
}

export type Opened = ({ query: Query } | { failure: Failure }) & { controller: AbortController };

/**
 * Everything a query needs before its first byte: where to send, a UserSig (minted, or the given one
 * checked), the credentials' standing, the per-app limiter, and a cancel switch tied to the caller's
 * signal. The caller must pass the controller to closeQuery when the query ends.
 */
export function openQuery(host: QueryHost, credentials: Credentials, options: QueryOptions): Opened {
  const controller = new AbortController();
  // Every worker of the query listens to this one signal.
  setMaxListeners(0, controller.signal);
  const outer = options.signal;
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });

  const { settings } = host;
  const secrets = [credentials.userSig, credentials.secretKey].filter((s): s is string => typeof s === 'string' && s.length > 0);
  const log = (level: LogLevel, message: string) => settings.log?.(level, redactSecrets(clipLogLine(message), secrets));
  const fail = (failure: Failure): Opened => {
    log('warn', l10n.t('Nothing was sent: {0}', failure.message));
    return { failure, controller };
  };
  const failWith = (err: unknown): Opened => {
    if (!(err instanceof ChatError)) {
      controller.abort();
      throw err;
    }
    return fail({ code: err.code, message: formatError(err.code, redactSecrets(err.detail ?? '', secrets)) });
  };
  let origins: string[];
  try {
    origins = settings.origins ? settings.origins.map(validateEndpoint) : resolveOrigins({ region: settings.region, endpoint: settings.endpoint });
  } catch (err) {
    return failWith(err);
  }
  const credentialKey = CredentialGate.fingerprint(credentials, origins);
  const refusal = host.gate.refusal(credentialKey);
  if (refusal) return fail(refusal);
  let userSig: string;
  if (credentials.secretKey) {
    try {
      userSig = host.minter.get({ sdkAppId: credentials.sdkAppId, identifier: credentials.identifier, secretKey: credentials.secretKey });
    } catch (err) {
      return failWith(err);
    }
    secrets.push(userSig);
  } else {
    userSig = credentials.userSig as string;
    const problem = checkUserSig(userSig, { sdkAppId: credentials.sdkAppId, identifier: credentials.identifier });
    if (problem) return fail({ code: problem.code, message: formatError(problem.code, redactSecrets(problem.message, secrets)) });
  }
  const query: Query = {
    origins,
    secrets,
    signal: controller.signal,
    limiter: host.limiterFor(credentials.sdkAppId),
    credentialKey,
    queryHead: `sdkappid=${encodeURIComponent(String(credentials.sdkAppId))}&identifier=${encodeURIComponent(credentials.identifier)}&usersig=`,
    encodedSig: encodeURIComponent(userSig),
    log,
    done: 0,
    total: 0,
    onProgress: options.onProgress,
  };
  return { query, controller };
}

/** Ends a query: its workers stop waiting, and the listener on the caller's signal goes away. */
export function closeQuery(controller: AbortController): void {
  controller.abort();
}

/** Tells the query's listener how far it is (runBatches does so itself; paged queries call it per page). */
export function reportProgress(query: Query): void {
  if (!query.onProgress) return;
  try {
    query.onProgress({ done: query.done, total: query.total });
  } catch (err) {
    query.log('warn', `A progress listener threw: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Runs `work` over `total` batches taken one at a time from `batches`, by at most `workers` at once: a
 * check of 10,000 batches holds the promises, timers and listeners of `workers` batches, not of all.
 */
export async function runBatches<T>(query: Query, total: number, batches: Iterator<T>, workers: number, work: (batch: T, index: number) => Promise<void>): Promise<void> {
  query.total = total;
  reportProgress(query);
  let taken = 0;
  const worker = async () => {
    for (let next = batches.next(); !next.done; next = batches.next()) {
      await work(next.value, taken++);
      query.done++;
      reportProgress(query);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, total) }, worker));
}
