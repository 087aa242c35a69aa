/**
 * The public APIs' rate limit: one count per client across server processes on PostgreSQL, and past it 429 with
 * Retry-After, a problem document in the reader's language (PxWeb API v1 in its own shape).
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { tooManyCallsMessage } from "../src/http/rate-limit.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

describe.each(BACKENDS)("the public APIs' rate limit, on %s", (backend) => {
  let t: TestStorage;
  let apps: FastifyInstance[];
  beforeAll(async () => {
    t = await testStorage(backend, { maxCalls: 4, timeWindowSeconds: 60, webDir: "/nonexistent" });
    // Two apps on one database stand for two processes behind a load balancer (PGlite has only one).
    apps = await Promise.all((backend === "postgresql" ? [1, 2] : [1]).map(() => buildApp(t.config, t.storage)));
  }, 60_000);
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await t?.dispose();
  });

  it("counts each client's calls in every process, and refuses past the limit with Retry-After", async () => {
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

  it("says when, in English too", () => {
    expect(tooManyCallsMessage(30, 10, 4, "en")).toBe("too many calls: at most 30 per 10 s; try again in 4 s");
  });
});
