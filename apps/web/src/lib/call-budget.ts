/**
 * The app's share of the public API's rate limit (docs/decisions/0015-bookmarks-and-views.md): the server counts
 * calls per client address in fixed windows and says after each answer how many are left (`x-ratelimit-limit`,
 * `x-ratelimit-remaining`, `x-ratelimit-reset` in seconds). A call waits while the window has none to spare,
 * keeping `reserve` calls for what a page loads besides its figures, and is not made at all if it is cancelled while
 * waiting, so a reader clicking fast sends the selection they end on, not every one on the way. A 429 (another tab
 * of the same reader used the calls) sets the window from its Retry-After. No DOM: tested with a fake clock.
 */

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};

/** What the rate-limit headers of one answer say, or undefined where the answer has none. */
export interface BudgetHeaders {
  readonly limit?: number;
  readonly remaining?: number;
  readonly resetSeconds?: number;
  readonly retryAfterSeconds?: number;
}

export function budgetHeaders(headers: { get(name: string): string | null }): BudgetHeaders {
  const read = (name: string) => {
    const text = headers.get(name);
    const n = text === null ? Number.NaN : Number(text);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const out: { -readonly [K in keyof BudgetHeaders]: BudgetHeaders[K] } = {};
  const limit = read("x-ratelimit-limit");
  const remaining = read("x-ratelimit-remaining");
  const resetSeconds = read("x-ratelimit-reset");
  const retryAfterSeconds = read("retry-after");
  if (limit !== undefined) out.limit = limit;
  if (remaining !== undefined) out.remaining = remaining;
  if (resetSeconds !== undefined) out.resetSeconds = resetSeconds;
  if (retryAfterSeconds !== undefined) out.retryAfterSeconds = retryAfterSeconds;
  return out;
}

export class CallBudget {
  /** Calls left in the current window as last known, less the calls started since; undefined before any answer. */
  private left: number | undefined;
  private limit: number | undefined;
  /** When the current window ends (ms, the clock's time). */
  private resetAt = 0;

  constructor(
    /** Calls kept for the page's other requests (its notes, links, value sets) while figures are fetched. */
    private readonly reserve: number,
    private readonly clock: Clock = realClock,
  ) {}

  /**
   * Resolves when a call may be made now, counting it; waits for the window's end while none is left (beyond the
   * reserve for `priority` calls, which may use it). Rejects, without counting, if `signal` aborts first.
   */
  async take(signal?: AbortSignal, priority = false): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      if (now >= this.resetAt && this.limit !== undefined) this.left = this.limit;
      const keep = priority ? 0 : this.reserve;
      if (this.left === undefined || this.left > keep) {
        if (this.left !== undefined) this.left--;
        return;
      }
      await this.clock.sleep(this.resetAt - now + 50, signal);
      if (this.limit === undefined) this.left = undefined;
    }
  }

  /** Takes what an answer's headers say about the window. */
  update(headers: BudgetHeaders, status: number): void {
    const now = this.clock.now();
    if (headers.limit !== undefined) this.limit = headers.limit;
    if (status === 429) {
      this.left = 0;
      this.resetAt = now + (headers.retryAfterSeconds ?? headers.resetSeconds ?? 1) * 1000;
      return;
    }
    if (headers.remaining !== undefined) this.left = Math.min(this.left ?? headers.remaining, headers.remaining);
    if (headers.resetSeconds !== undefined) this.resetAt = now + headers.resetSeconds * 1000;
  }
}
