/**
 * A store for @fastify/rate-limit that keeps its counters in the database, so that several server processes
 * behind a load balancer share one count per client (the plugin's own store counts per process). One upsert per
 * call: a fixed window per key that starts again once it has run out.
 */

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export async function countCall(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ current: number; ttl: number }> {
  const over = new Date(now.getTime() - windowMs);
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // Both expressions read the row as it was: a window that has run out starts again from this call.
        hits: sql<number>`case when rate_limit.window_start <= ${over} then 1 else rate_limit.hits + 1 end`,
        window_start: sql<Date>`case when rate_limit.window_start <= ${over} then ${now}::timestamptz else rate_limit.window_start end`,
      }),
    )
    .returning(["hits", "window_start"])
    .executeTakeFirstOrThrow();
  return { current: row.hits, ttl: Math.max(0, row.window_start.getTime() + windowMs - now.getTime()) };
}

/** The store class the plugin instantiates, counting under `prefix` + the plugin's key, at the clock's time. */
export function databaseRateLimitStore(
  db: Kysely<Database>,
  prefix: string,
  now: () => Date,
): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      countCall(db, prefix + key, timeWindow, now()).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
