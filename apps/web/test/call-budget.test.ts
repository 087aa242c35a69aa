import { describe, expect, it } from "vitest";
import { budgetHeaders, CallBudget, type Clock } from "../src/lib/call-budget.ts";

/** A clock whose sleeps end when the test moves time on. */
function fakeClock() {
  let now = 0;
  const sleepers: { until: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const sleeper = { until: now + ms, resolve, reject };
        sleepers.push(sleeper);
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      }),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const s of sleepers.splice(0)) {
      if (s.until <= now) s.resolve();
      else sleepers.push(s);
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { clock, advance };
}

const headers = (h: Record<string, string>) => budgetHeaders(new Headers(h));

describe("the app's share of the rate limit", () => {
  it("reads the rate-limit headers, ignoring what is missing or not a number", () => {
    expect(headers({ "x-ratelimit-limit": "30", "x-ratelimit-remaining": "7", "x-ratelimit-reset": "4" })).toEqual({
      limit: 30,
      remaining: 7,
      resetSeconds: 4,
    });
    expect(headers({ "retry-after": "3", "x-ratelimit-remaining": "x" })).toEqual({ retryAfterSeconds: 3 });
  });

  it("makes figure calls wait for the next window once only the reserve is left, other calls use the reserve", async () => {
    const { clock, advance } = fakeClock();
    const budget = new CallBudget(2, clock);
    await budget.take();
    budget.update(headers({ "x-ratelimit-limit": "5", "x-ratelimit-remaining": "4", "x-ratelimit-reset": "10" }), 200);
    await budget.take(); // 3 left
    await budget.take(); // 2 left: the reserve
    let granted = false;
    const waiting = budget.take().then(() => {
      granted = true;
    });
    await advance(0);
    expect(granted).toBe(false);
    // A call that is not for figures may use the reserve.
    await budget.take(undefined, true);
    await advance(9_000);
    expect(granted).toBe(false);
    await advance(1_100);
    await waiting;
    expect(granted).toBe(true);
  });

  it("does not count a call cancelled while it waits: fast clicks send only the last selection", async () => {
    const { clock, advance } = fakeClock();
    const budget = new CallBudget(0, clock);
    budget.update(headers({ "x-ratelimit-limit": "2", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "5" }), 200);
    const clicks = Array.from({ length: 30 }, () => new AbortController());
    const results = clicks.map((c) =>
      budget.take(c.signal).then(
        () => "sent",
        () => "cancelled",
      ),
    );
    for (const c of clicks.slice(0, -1)) c.abort();
    await advance(5_100);
    expect(await Promise.all(results)).toEqual([...Array(29).fill("cancelled"), "sent"]);
  });

  it("after a 429 waits as long as Retry-After says", async () => {
    const { clock, advance } = fakeClock();
    const budget = new CallBudget(0, clock);
    budget.update(headers({ "retry-after": "3" }), 429);
    let granted = false;
    const waiting = budget.take().then(() => {
      granted = true;
    });
    await advance(2_000);
    expect(granted).toBe(false);
    await advance(1_100);
    await waiting;
    expect(granted).toBe(true);
  });
});
