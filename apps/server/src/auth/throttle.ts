/**
 * Sign-in throttling (pure): growing delays instead of a lock, after OWASP's authentication cheat sheet. Failed
 * attempts are counted under several keys at once, each with its own curve:
 *   - `pair`: one account (or one unknown email) from one address: the guesser at one place;
 *   - `account`: one account from every address, gentler, so a botnet spread over many addresses is slowed too;
 *   - `address`: how many *different* accounts failed from one address: one password tried on many accounts.
 *     Counting accounts rather than failures keeps a guesser hammering one account from blocking the other
 *     people behind the same address (an office, a NAT);
 *   - `device`: a browser holding the device cookie of this account is trusted instead: only its own failures
 *     slow it, so its owner signs in while someone else hammers the account, from anywhere.
 * An address that signed in to the account before (`known`) skips the account-wide key as a device does.
 * Nothing is ever a hard lock: the right password waits at most the longest delay of the keys that apply.
 */

export type ThrottleScope = "pair" | "account" | "address" | "device";

export interface ThrottleCurve {
  /** Failures allowed without delay. */
  readonly free: number;
  /** Delay after the first failure past the free ones; each further failure multiplies it by `factor`. */
  readonly baseMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

export type ThrottlePolicy = Readonly<Record<ThrottleScope, ThrottleCurve>> & {
  /** A key whose last failure is this old starts again from zero. */
  readonly forgetMs: number;
};

const MINUTE = 60_000;

export const THROTTLE: ThrottlePolicy = {
  pair: { free: 4, baseMs: 1000, factor: 2, maxMs: 15 * MINUTE },
  device: { free: 4, baseMs: 1000, factor: 2, maxMs: 15 * MINUTE },
  account: { free: 10, baseMs: 1000, factor: 1.5, maxMs: 5 * MINUTE },
  address: { free: 10, baseMs: 2000, factor: 2, maxMs: 30 * MINUTE },
  forgetMs: 24 * 60 * MINUTE,
};

/** One key's stored state: failures in a row and when the last one was. */
export interface KeyState {
  readonly failures: number;
  readonly lastFailureAt: Date | null;
}

export const CLEAN: KeyState = { failures: 0, lastFailureAt: null };

/** The state as it counts now: forgotten once the last failure is older than `forgetMs`. */
export function current(state: KeyState, now: Date, policy: ThrottlePolicy = THROTTLE): KeyState {
  if (state.lastFailureAt === null || now.getTime() - state.lastFailureAt.getTime() >= policy.forgetMs) return CLEAN;
  return state;
}

/** The delay that `failures` failures in a row impose after the last one (0 while within the free ones). */
export function delayAfter(failures: number, curve: ThrottleCurve): number {
  if (failures <= curve.free) return 0;
  return Math.min(curve.maxMs, Math.round(curve.baseMs * curve.factor ** (failures - curve.free - 1)));
}

/** Until when a key refuses attempts, or null when it lets them through. */
export function waitUntil(state: KeyState, curve: ThrottleCurve, now: Date, policy = THROTTLE): Date | null {
  const counted = current(state, now, policy);
  if (counted.lastFailureAt === null) return null;
  const until = counted.lastFailureAt.getTime() + delayAfter(counted.failures, curve);
  return until > now.getTime() ? new Date(until) : null;
}

/** Who is signing in, from where, with what: decides which keys count. */
export interface AttemptContext {
  /** `user:ID` for an account, `email:SHA-256` for an email no account has. */
  readonly subject: string;
  readonly address: string;
  /** The id of a device cookie this account issued, when the browser sent a valid one. */
  readonly device: string | undefined;
  /** The account (unknown emails have no account-wide key). */
  readonly userId: number | undefined;
}

export interface ScopedKey {
  readonly scope: ThrottleScope;
  readonly key: string;
}

/**
 * The keys an attempt is checked against and counted under. A trusted device: its own key only. Otherwise the
 * pair, the address and (for an account, unless the address is known to it) the account.
 */
export function keysFor(context: AttemptContext, knownAddress: boolean): ScopedKey[] {
  if (context.device !== undefined) return [{ scope: "device", key: `device:${context.device}` }];
  const keys: ScopedKey[] = [
    { scope: "pair", key: pairKey(context.subject, context.address) },
    { scope: "address", key: `address:${context.address}` },
  ];
  if (context.userId !== undefined && !knownAddress) keys.push({ scope: "account", key: accountKey(context.userId) });
  return keys;
}

export const pairKey = (subject: string, address: string) => `pair:${subject}@${address}`;
export const accountKey = (userId: number) => `account:user:${userId}`;

export type ThrottleDecision =
  /** Refused without looking at the password, until `until` (the latest of the keys that refuse). */
  | { readonly allowed: false; readonly until: Date }
  /** Checked; `next` holds each key's state as if this attempt fails, to store before the password is checked. */
  | { readonly allowed: true; readonly next: ReadonlyMap<string, KeyState> };

/**
 * Decides an attempt from the stored states of its keys (missing keys are clean). The address key counts
 * accounts: it grows only with the first failure of a pair, so `pairFailures` is the pair's count before this one.
 */
export function beginAttempt(
  keys: readonly ScopedKey[],
  states: ReadonlyMap<string, KeyState>,
  now: Date,
  policy: ThrottlePolicy = THROTTLE,
): ThrottleDecision {
  const until = nextAttemptAt(keys, states, now, policy);
  if (until) return { allowed: false, until };
  const pair = keys.find((k) => k.scope === "pair");
  const newPair = pair !== undefined && current(states.get(pair.key) ?? CLEAN, now, policy).failures === 0;
  const next = new Map<string, KeyState>();
  for (const { scope, key } of keys) {
    const state = current(states.get(key) ?? CLEAN, now, policy);
    if (scope === "address" && !newPair) continue;
    next.set(key, { failures: state.failures + 1, lastFailureAt: now });
  }
  return { allowed: true, next };
}

/**
 * After the right password, what to store instead: the pair and the device start again from zero; the keys this
 * attempt counted on the account and the address give that one count back (the owner's sign-ins are no failures),
 * leaving whatever others added meanwhile.
 */
export function afterSuccess(
  keys: readonly ScopedKey[],
  counted: ReadonlyMap<string, KeyState>,
): { readonly reset: string[]; readonly giveBack: string[] } {
  const reset = keys.filter((k) => k.scope === "pair" || k.scope === "device").map((k) => k.key);
  const giveBack = keys.filter((k) => !reset.includes(k.key) && counted.has(k.key)).map((k) => k.key);
  return { reset, giveBack };
}

/** Until when the next attempt waits under these states (the latest of the keys that refuse), or null. */
export function nextAttemptAt(
  keys: readonly ScopedKey[],
  counted: ReadonlyMap<string, KeyState>,
  now: Date,
  policy: ThrottlePolicy = THROTTLE,
): Date | null {
  let until: Date | null = null;
  for (const { scope, key } of keys) {
    const state = counted.get(key);
    const wait = state ? waitUntil(state, policy[scope], now, policy) : null;
    if (wait && (!until || wait > until)) until = wait;
  }
  return until;
}

/** Whole seconds until `until`, at least 1 (the Retry-After header). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
