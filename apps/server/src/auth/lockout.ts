/**
 * Locking an account after repeated failed sign-ins. An attempt is counted before its password is checked, in the
 * same transaction that reads the count: however many attempts arrive at once, only `maxFailures` get their
 * password checked before the lock. A correct password then clears the count.
 */

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export const LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

export interface LockState {
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
}

export const UNLOCKED: LockState = { failedAttempts: 0, lockedUntil: null };

export type AttemptDecision =
  /** Refused without looking at the password. */
  | { readonly allowed: false; readonly lockedUntil: Date }
  /** Checked; `next` is the state to store, as if this attempt fails (the lock set if it is the last allowed). */
  | { readonly allowed: true; readonly next: LockState };

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function beginAttempt(state: LockState, now: Date, policy: LockoutPolicy = LOCKOUT): AttemptDecision {
  if (state.lockedUntil !== null && isLocked(state, now)) return { allowed: false, lockedUntil: state.lockedUntil };
  // A lock that has run out starts a fresh count.
  const failedAttempts = (state.lockedUntil === null ? state.failedAttempts : 0) + 1;
  const lockedUntil = failedAttempts >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { allowed: true, next: { failedAttempts, lockedUntil } };
}

/** Whole minutes until the lock ends, at least 1 (for "try again in N minutes"). */
export function minutesUntil(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
