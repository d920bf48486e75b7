// Repeated failed UserSig checks lock the app out for a minute (70050, documented as
// "too many UserSig checks, retry after 1 minute").
// guess: 5 failures within 60 s trigger the lockout and it lasts 60 s; every failed check counts
// (bad, expired, wrong app, wrong identifier) because the docs describe failed checks, not one kind.

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 60_000;
export const LOCKOUT_MS = 60_000;

export class SigLockout {
  private failures: number[] = [];
  private lockedUntil = 0;

  isLocked(nowMs: number): boolean {
    return nowMs < this.lockedUntil;
  }

  recordFailure(nowMs: number): void {
    this.failures = this.failures.filter((t) => nowMs - t < LOCKOUT_WINDOW_MS);
    this.failures.push(nowMs);
    if (this.failures.length >= LOCKOUT_FAILURES) {
      this.lockedUntil = nowMs + LOCKOUT_MS;
      this.failures = [];
    }
  }
}
