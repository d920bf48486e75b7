// Which credentials the server has accepted or refused. Credentials without an accepted answer are
// probed with one request before any fan-out, and a refusal is remembered until the credentials change:
// every request signed with refused credentials counts toward Tencent's one-minute lockout (70050).
// Credentials are known only by a one-way fingerprint, in memory; no secret is kept here.

import { createHash } from 'node:crypto';
import { describeError } from '../errors';
import { AbortedError } from '../http/fair-queue';
import type { Credentials, ErrorCode } from '../types';

/** A final failure that refused the credentials, as every later check reports it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** What a request may do: go (the credentials were accepted), go as the probe, or not go. */
export type Admission = { kind: 'send' } | { kind: 'probe' } | { kind: 'refused'; refusal: Refusal };

type State = { kind: 'accepted' } | { kind: 'refused'; refusal: Refusal } | { kind: 'probing'; wake: Set<() => void> };

/** Fingerprints remembered at most; the oldest verdict is forgotten first (it is then probed again). */
const MAX_REMEMBERED = 256;

/** True when the server answered `code` only after it checked the signature (it concerns a group or an account). */
function provesSignature(code: ErrorCode): boolean {
  if (typeof code !== 'number') return false;
  const scope = describeError(code).scope;
  return scope === 'group' || scope === 'account';
}

/** True when `code` refuses the app, the admin identifier or the UserSig: the rest of that check is not sent. */
export function refusesCredentials(code: ErrorCode): boolean {
  return describeError(code).scope === 'credentials';
}

/**
 * The refusals only new credentials can fix, remembered across checks: the UserSig family (70001–70020,
 * 70052), the lockout they lead to (70050), an identifier or app the server does not take (60004–60006,
 * 10012) and an identifier that is not an App admin (60010, 70403). Refusals fixed in the console (a
 * disabled app, an IP allowlist, a blocklisted account) stop the check they happen in, but not the next.
 */
const REMEMBERED = new Set<number>([70001, 70002, 70003, 70005, 70009, 70013, 70014, 70016, 70020, 70050, 70052, 60004, 60005, 60006, 60010, 70403, 10012]);

export function isRememberedRefusal(code: ErrorCode): boolean {
  return typeof code === 'number' && REMEMBERED.has(code);
}

export class CredentialGate {
  private readonly states = new Map<string, State>();

  /**
   * The one-way fingerprint of credentials sent to `origins`: another region can answer differently
   * (70020 for an app that lives elsewhere), so it is part of what was refused.
   */
  static fingerprint(credentials: Credentials, origins: readonly string[]): string {
    const signer = credentials.secretKey ? ['key', credentials.secretKey] : ['sig', credentials.userSig ?? ''];
    return createHash('sha256').update(JSON.stringify([credentials.sdkAppId, credentials.identifier, ...signer, ...origins])).digest('base64');
  }

  refusal(key: string): Refusal | undefined {
    const state = this.states.get(key);
    return state?.kind === 'refused' ? state.refusal : undefined;
  }

  /**
   * Resolves once a request signed with `key` may be decided: accepted credentials send; unknown ones make
   * this request the probe (the caller must then call endProbe); while another request probes, this waits.
   * Rejects with AbortedError when `signal` fires while waiting.
   */
  async admit(key: string, signal: AbortSignal): Promise<Admission> {
    for (;;) {
      if (signal.aborted) throw new AbortedError(signal.reason);
      const state = this.states.get(key);
      if (state === undefined) {
        this.set(key, { kind: 'probing', wake: new Set() });
        return { kind: 'probe' };
      }
      if (state.kind === 'accepted') return { kind: 'send' };
      if (state.kind === 'refused') return { kind: 'refused', refusal: state.refusal };
      await waitForVerdict(state.wake, signal);
    }
  }

  /** Takes what one attempt's outcome says about the credentials: accepted, refused, or nothing. */
  learn(key: string, outcome: { ok: true } | { ok: false; code: ErrorCode; message: string }): void {
    if (outcome.ok || provesSignature(outcome.code)) {
      if (this.states.get(key)?.kind !== 'accepted') this.settle(key, { kind: 'accepted' });
    } else if (isRememberedRefusal(outcome.code)) {
      this.settle(key, { kind: 'refused', refusal: { code: outcome.code, message: outcome.message } });
    }
  }

  /** The probe ended (answered, failed or cancelled); without a verdict the next waiter probes. */
  endProbe(key: string): void {
    const state = this.states.get(key);
    if (state?.kind !== 'probing') return;
    this.states.delete(key);
    for (const wake of state.wake) wake();
  }

  clear(): void {
    for (const key of [...this.states.keys()]) this.endProbe(key);
    this.states.clear();
  }

  private settle(key: string, state: State): void {
    const before = this.states.get(key);
    this.set(key, state);
    if (before?.kind === 'probing') for (const wake of before.wake) wake();
  }

  private set(key: string, state: State): void {
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size <= MAX_REMEMBERED) return;
    for (const [oldest, old] of this.states) {
      if (old.kind === 'probing') continue;
      this.states.delete(oldest);
      break;
    }
  }
}

function waitForVerdict(wake: Set<() => void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      wake.delete(done);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      wake.delete(done);
      reject(new AbortedError(signal.reason));
    };
    wake.add(done);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
