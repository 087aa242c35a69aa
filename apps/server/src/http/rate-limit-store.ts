/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so that several server processes
 * behind a load balancer share one count per client (the plugin's own store counts per process). A fixed window
 * per key that starts again once it has run out.
 *
 * One upsert per call would put every call of a busy client on one row, one after another (measured with
 * bench/load.ts: about 1,000 calls/s in all, whatever the number of processes). So each process asks the database
 * at the first call of a window, then counts locally and adds its calls to the shared row every `flushMs`,
 * learning the others' calls at the same time. The price: a client spread over P processes may get up to P ×
 * `flushMs` worth of calls past the limit before every process sees the count.
 */

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Adds `hits` calls to the key's window (a new window if it has run out); the window's count and time left. */
export async function countCall(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
  now: Date,
  hits = 1,
): Promise<{ current: number; ttl: number }> {
  const over = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: now, hits })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // Both expressions read the row as it was: a window that has run out starts again from these calls.
        hits: sql<number>`case when rate_limit.window_start <= ${over} then ${hits}::int else rate_limit.hits + ${hits}::int end`,
        window_start: sql<Date>`case when rate_limit.window_start <= ${over} then ${now}::timestamptz else rate_limit.window_start end`,
      }),
    )
    .returning(["hits", "window_start"])
    .executeTakeFirstOrThrow();
  return { current: row.hits, ttl: Math.max(0, row.window_start.getTime() + windowMs - now.getTime()) };
}

/** What one process knows of a key: the shared count when last asked, its own calls since, the window's end. */
interface LocalCount {
  shared: number;
  pending: number;
  windowMs: number;
  windowEnd: number;
}

export interface DatabaseRateLimitStore extends FastifyRateLimitStoreCtor {
  /** Adds every key's local calls to the database now (tests; also run every `flushMs`). */
  flush(): Promise<void>;
}

/** The store class the plugin instantiates, counting under `prefix` + the plugin's key, at the clock's time. */
export function databaseRateLimitStore(
  db: Kysely<Database>,
  prefix: string,
  now: () => Date,
  options: { readonly flushMs?: number; readonly onError?: (error: Error) => void } = {},
): DatabaseRateLimitStore {
  const flushMs = options.flushMs ?? 100;
  const counts = new Map<string, LocalCount>();
  /** The first call of a window asks the database; calls arriving meanwhile wait for that answer. */
  const asking = new Map<string, Promise<LocalCount>>();
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    const at = now();
    const due = [...counts].filter(([, c]) => c.pending > 0 || c.windowEnd <= at.getTime());
    await Promise.all(
      due.map(async ([key, local]) => {
        if (local.windowEnd <= at.getTime()) {
          // Calls counted in a window that has ended belong to no window any more.
          counts.delete(key);
          return;
        }
        const hits = local.pending;
        local.pending = 0;
        try {
          const result = await countCall(db, key, local.windowMs, at, hits);
          // The database's count has this process's calls up to now and the others' flushed ones.
          local.shared = result.current;
          local.windowEnd = at.getTime() + result.ttl;
        } catch (error) {
          local.pending += hits;
          options.onError?.(error as Error);
        }
      }),
    );
    if (counts.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  /** This call's place in the window: the shared count known here plus this process's calls since. */
  const place = (local: LocalCount, at: Date) => ({
    current: local.shared + local.pending,
    ttl: Math.max(0, local.windowEnd - at.getTime()),
  });

  const ask = (key: string, windowMs: number, at: Date): Promise<{ current: number; ttl: number }> => {
    const waiting = asking.get(key);
    if (waiting)
      return waiting.then((local) => {
        local.pending += 1;
        return place(local, at);
      });
    const first = countCall(db, key, windowMs, at).then(
      (result) => {
        // The first call is in the database's count already.
        const local = { shared: result.current, pending: 0, windowMs, windowEnd: at.getTime() + result.ttl };
        counts.set(key, local);
        asking.delete(key);
        return local;
      },
      (error) => {
        asking.delete(key);
        throw error;
      },
    );
    asking.set(key, first);
    timer ??= setInterval(() => void flush(), flushMs).unref();
    return first.then((local) => place(local, at));
  };

  class Store implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      const local = counts.get(prefix + key);
      if (local && local.windowEnd > at.getTime()) {
        local.pending += 1;
        callback(null, place(local, at));
        return;
      }
      ask(prefix + key, timeWindow, at).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }

    static flush = flush;
  }
  return Store as unknown as DatabaseRateLimitStore;
}
