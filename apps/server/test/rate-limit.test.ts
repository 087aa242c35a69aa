/**
 * The public APIs' rate limit: one count per client across server processes (the database store, each process
 * adding its calls every 100 ms), and past the limit 429 with Retry-After, a problem document in the reader's
 * language (PxWeb API v1 in its own shape).
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { tooManyCallsMessage } from "../src/http/rate-limit.ts";
import { type DatabaseRateLimitStore, databaseRateLimitStore } from "../src/http/rate-limit-store.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

describe.each(BACKENDS)("the public APIs' rate limit, on %s", (backend) => {
  let t: TestStorage;
  let apps: FastifyInstance[];
  beforeAll(async () => {
    t = await testStorage(backend, { maxCalls: 4, timeWindowSeconds: 60, webDir: "/nonexistent" });
    apps = [await buildApp(t.config, t.storage)];
  }, 60_000);
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await t?.dispose();
  });

  it("refuses past the limit with Retry-After and a problem document in the reader's language", async () => {
    const call = (k: number, url: string, remoteAddress = "198.51.100.1") =>
      (apps[k % apps.length] as FastifyInstance).inject({ url, remoteAddress, headers: { "accept-language": "ru" } });
    for (let k = 0; k < 4; k++) expect((await call(k, "/api/v2/config")).statusCode).toBe(200);
    const refused = await call(4, "/api/v2/tables?lang=ru");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({
      status: 429,
      title: "Too Many Requests",
      detail: tooManyCallsMessage(4, 60, Number(refused.headers["retry-after"]), "ru"),
    });
    const search = await call(5, "/api/search?q=migration");
    expect(search.statusCode).toBe(429);
    expect(search.headers["content-type"]).toContain("application/problem+json");
    const v1 = await call(6, "/api/v1/en/");
    expect(v1.statusCode).toBe(429);
    expect(v1.headers["retry-after"]).toBeDefined();
    expect(v1.json()).toHaveProperty("error");
    // Another client has its own count.
    expect((await call(7, "/api/v2/config", "198.51.100.2")).statusCode).toBe(200);
  });

  it("shares one count per client between processes, each adding its own calls to it", async () => {
    let clock = new Date("2030-03-01T10:00:00Z");
    // Two stores on one database stand for two processes (their flush runs every 100 ms; here by hand).
    const stores = [0, 1].map(() =>
      databaseRateLimitStore(t.storage.db, "test:", () => clock, { flushMs: 60_000 }),
    ) as [DatabaseRateLimitStore, DatabaseRateLimitStore];
    const call = (k: 0 | 1) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) =>
        new stores[k]({}).incr(
          "client",
          (error, result) => (error ? reject(error) : resolve(result as { current: number; ttl: number })),
          60_000,
          100,
        ),
      );
    const hits = async () =>
      (
        await t.storage.db
          .selectFrom("rate_limit")
          .select("hits")
          .where("key", "=", "test:client")
          .executeTakeFirstOrThrow()
      ).hits;
    // The first call of a window asks the database; the next ones count locally.
    expect((await Promise.all([call(0), call(0), call(0)])).map((r) => r.current).sort()).toEqual([1, 2, 3]);
    expect((await call(1)).current).toBe(2);
    await stores[0].flush();
    expect(await hits()).toBe(4);
    // A process learns the others' calls when it adds its own.
    expect((await call(1)).current).toBe(3);
    await stores[1].flush();
    expect((await call(1)).current).toBe(6);
    expect((await call(0)).current).toBe(5);
    await stores[0].flush();
    await stores[1].flush();
    // No call is lost: the shared count is every call of both.
    expect(await hits()).toBe(7);
    // A window that has run out starts again.
    clock = new Date(clock.getTime() + 60_000);
    const fresh = await call(1);
    expect(fresh).toEqual({ current: 1, ttl: 60_000 });
  });

  it("says when, in English too", () => {
    expect(tooManyCallsMessage(30, 10, 4, "en")).toBe("too many calls: at most 30 per 10 s; try again in 4 s");
  });
});
