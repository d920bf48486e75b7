// Helpers for tests that talk to the stand-in: the stand-in as a mocha fixture, UserSigs from Tencent's own
// generator (the oracle, independent of both the stand-in and src/chat), and raw REST calls with global fetch.
import { Api } from 'tls-sig-api-v2';
import { TEST_ADMIN, TEST_DATA_FILE, TEST_SDK_APP_ID, TEST_SECRET_KEY } from './data/test-app';
import { fixtureValues } from './fixture';
import { startStandIn, type StandIn, type StandInOptions } from './server';

/**
 * Registers hooks that start a stand-in and close it again (call it inside describe()): a fresh one for
 * each test, or with `lifetime: 'suite'` one for the whole suite.
 */
export function useStandInServer(options: StandInOptions = { data: TEST_DATA_FILE }, lifetime: 'test' | 'suite' = 'test'): { readonly server: StandIn } {
  let server: StandIn | undefined;
  const [start, stop] = lifetime === 'test' ? [beforeEach, afterEach] : [before, after];
  start(async () => {
    server = await startStandIn(options);
  });
  stop(async () => {
    await server?.close();
    server = undefined;
  });
  return fixtureValues({ server: () => server });
}

export interface SigSpec {
  sdkAppId?: number;
  key?: string;
  identifier?: string;
  expireSeconds?: number;
  /** Pretend the sig was issued at this time (ms since the epoch). */
  issuedAtMs?: number;
}

/** A UserSig made by tls-sig-api-v2; defaults to a valid one for the test app's admin. */
export function userSig(spec: SigSpec = {}): string {
  const api = new Api(spec.sdkAppId ?? TEST_SDK_APP_ID, spec.key ?? TEST_SECRET_KEY);
  const make = () => api.genSig(spec.identifier ?? TEST_ADMIN, spec.expireSeconds ?? 86400);
  if (spec.issuedAtMs === undefined) return make();
  const realNow = Date.now;
  Date.now = () => spec.issuedAtMs as number;
  try {
    return make();
  } finally {
    Date.now = realNow;
  }
}

/** Query parameters of a REST call; a value of undefined leaves the parameter out. */
export type QuerySpec = Record<string, string | undefined>;

export function validQuery(overrides: QuerySpec = {}): QuerySpec {
  return {
    sdkappid: String(TEST_SDK_APP_ID),
    identifier: TEST_ADMIN,
    usersig: userSig(),
    random: String(Math.floor(Math.random() * 4294967295)),
    contenttype: 'json',
    ...overrides,
  };
}

export function apiUrl(base: string, api: string, query: QuerySpec = validQuery()): string {
  const url = new URL(`/v4/group_open_http_svc/${api}`, base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export interface CallOptions {
  query?: QuerySpec;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  method?: string;
  /** Replaces the path (for wrong-resource tests). */
  path?: string;
}

/**
 * An API answer as tests read it: the envelope and the lists the documented APIs return. The lists are
 * not optional on purpose: a test that reads a list the answer lacks fails right there, as it should.
 */
export interface ApiReply {
  ActionStatus: string;
  ErrorCode: number;
  ErrorInfo: string;
  UserIdList: { Member_Account: string; Role: string }[];
  GroupInfo: Record<string, unknown>[];
  MemberList: { Member_Account: string; [field: string]: unknown }[];
  MemberNum: number;
  Next: string;
  GroupIdList: { GroupId: string; [field: string]: unknown }[];
  TotalCount: number;
}

/** One REST call; resolves to the HTTP status and the parsed JSON answer. */
export async function call(base: string, api: string, options: CallOptions = {}): Promise<{ status: number; json: ApiReply }> {
  let url = apiUrl(base, api, options.query ?? validQuery());
  if (options.path !== undefined) {
    const u = new URL(url);
    u.pathname = options.path;
    url = u.toString();
  }
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const res = await fetch(url, { method: options.method ?? 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return { status: res.status, json: JSON.parse(await res.text()) as ApiReply };
}

/** Resolves once `condition()` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`waitFor: the condition did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
