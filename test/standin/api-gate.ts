// The checks every REST API request passes before the group service sees its body: query
// parameters, the per-app frequency limit, the UserSig lockout, the UserSig itself, the admin rule.
import { Code } from './codes';
import type { RateWindows } from './rate-window';
import type { Model } from './seed';
import type { SigLockout } from './sig-lockout';
import { checkUserSig } from './usersig-check';

export interface GateState {
  model: Model;
  rate: RateWindows;
  lockout: SigLockout;
}

export interface GateResult {
  /** 0 when the request may proceed. */
  code: number;
  info?: string;
  /** Whether the UserSig verified; undefined when the check was not reached. */
  usersigOk: boolean | undefined;
  rateLimited: boolean;
}

const UINT32_MAX = 4294967295;

const stop = (code: number, info?: string): GateResult => ({ code, info, usersigOk: undefined, rateLimited: false });

/** Query parameter names are case-sensitive; the first occurrence of a repeated one counts. */
export function gate(query: URLSearchParams, state: GateState, nowMs: number, api: string): GateResult {
  const { app } = state.model;
  const sdkappid = query.get('sdkappid');
  if (!sdkappid) return stop(Code.SDKAPPID_MISSING);
  // guess: a sdkappid that is not a decimal number answers 60006 (SDKAppID invalid) and a number that
  // is not this app answers 70020 (SDKAppID not found); the docs name both codes without the split.
  if (!/^\d{1,10}$/.test(sdkappid)) return stop(Code.SDKAPPID_INVALID);
  if (Number(sdkappid) !== app.sdkAppId) return stop(Code.SDKAPPID_NOT_FOUND);
  // guess: the limit answers 60007 ("REST call frequency limit exceeded") — the reference marks the
  // code as undocumented for this API. It counts every request of this API naming the app, whatever follows.
  if (!state.rate.admit(api, nowMs)) return { ...stop(Code.FREQUENCY_LIMIT), rateLimited: true };
  const identifier = query.get('identifier');
  // guess: a missing identifier answers 60004 ("UserID or UserSig wrong in request").
  if (!identifier) return stop(Code.IDENTIFIER_INVALID, 'identifier is missing from the request URL');
  const usersig = query.get('usersig');
  if (!usersig) return stop(Code.USERSIG_EMPTY);
  const random = query.get('random');
  // guess: a missing or non-uint32 random answers 60002 (HTTP parse error: URL format) because it is
  // a malformed URL parameter rather than an authentication problem.
  if (random === null || !/^\d{1,10}$/.test(random) || Number(random) > UINT32_MAX) {
    return stop(Code.HTTP_PARSE, 'random must be an unsigned 32-bit integer');
  }
  // guess: contenttype other than "json" (or missing) also answers 60002, for the same reason.
  if (query.get('contenttype') !== 'json') return stop(Code.HTTP_PARSE, 'contenttype must be json');
  if (state.lockout.isLocked(nowMs)) return stop(Code.USERSIG_LOCKOUT);
  const sigCode = checkUserSig(usersig, app, identifier, Math.floor(nowMs / 1000));
  if (sigCode !== Code.OK) {
    state.lockout.recordFailure(nowMs);
    return { code: sigCode, usersigOk: false, rateLimited: false };
  }
  // guess: a non-admin identifier answers 60010 (the REST-wide "identifier must be an App admin"),
  // not 70403, which belongs to the account APIs.
  if (!app.admins.has(identifier)) return { code: Code.NOT_APP_ADMIN, usersigOk: true, rateLimited: false };
  return { code: Code.OK, usersigOk: true, rateLimited: false };
}
