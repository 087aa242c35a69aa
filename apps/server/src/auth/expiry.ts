/**
 * Session lifetime: a session ends after `idleMs` without use (sliding expiry) and in any case `maxMs` after
 * sign-in. Use is written back at most every `touchMs`, so a busy editor costs one write per few minutes, not one
 * per request.
 */

export interface SessionPolicy {
  readonly idleMs: number;
  readonly maxMs: number;
  readonly touchMs: number;
}

const DAY = 24 * 60 * 60_000;

export function sessionPolicy(sessionDays: number): SessionPolicy {
  if (!Number.isFinite(sessionDays) || sessionDays <= 0) {
    throw new Error(`SESSION_DAYS must be a positive number of days, not "${sessionDays}"`);
  }
  const idleMs = sessionDays * DAY;
  return { idleMs, maxMs: Math.max(idleMs, 30 * DAY), touchMs: 5 * 60_000 };
}

export interface SessionTimes {
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
}

/** When a session used at `now` expires. */
export function expiryAt(createdAt: Date, now: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(createdAt.getTime() + policy.maxMs, now.getTime() + policy.idleMs));
}

export type SessionUse =
  | { readonly expired: true }
  /** `touch`: the times to write back, or null when the stored ones are recent enough. */
  | { readonly expired: false; readonly touch: { readonly expiresAt: Date; readonly lastSeenAt: Date } | null };

export function useSession(session: SessionTimes, now: Date, policy: SessionPolicy): SessionUse {
  if (session.expiresAt.getTime() <= now.getTime()) return { expired: true };
  if (now.getTime() - session.lastSeenAt.getTime() < policy.touchMs) return { expired: false, touch: null };
  return { expired: false, touch: { expiresAt: expiryAt(session.createdAt, now, policy), lastSeenAt: now } };
}
