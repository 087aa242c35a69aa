/**
 * The link checker against local HTTP servers only (200, 301 → 200, 404, a hanging one, a redirect loop), with an
 * injected clock and short timeouts; two checkers at once never check the same row twice. On each database.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDueLinks, checkLink, LINK_CHECK_DEFAULTS, nextLinkState } from "../src/inventory/link-check.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

// Requests to the local server get a timeout no loaded machine reaches (a HEAD timing out would be retried as GET
// and counted twice); only the hanging URL is checked with a short one.
const CONFIG = { ...LINK_CHECK_DEFAULTS, timeoutMs: 20_000 };
const HASTY = { ...CONFIG, timeoutMs: 300 };
const DAY = 24 * 3_600_000;

describe("next link state (pure)", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  it("ok in a week, broken after two failures with back-off", () => {
    const ok = nextLinkState(3, { kind: "ok", httpCode: 200, finalUrl: null }, now, CONFIG);
    expect(ok).toMatchObject({ status: "ok", failures: 0 });
    expect(ok.next_check_at.getTime() - now.getTime()).toBe(7 * DAY);
    const once = nextLinkState(0, { kind: "failed", httpCode: 404, error: "HTTP 404" }, now, CONFIG);
    expect(once).toMatchObject({ status: "unreachable", failures: 1, http_code: 404 });
    const twice = nextLinkState(1, { kind: "failed", httpCode: null, error: "timed out" }, now, CONFIG);
    expect(twice).toMatchObject({ status: "broken", failures: 2 });
    expect(twice.next_check_at.getTime() - now.getTime()).toBe(2 * CONFIG.retryMs);
    expect(nextLinkState(30, { kind: "failed", httpCode: null, error: "x" }, now, CONFIG).next_check_at.getTime()).toBe(
      now.getTime() + CONFIG.okIntervalMs,
    );
    expect(nextLinkState(0, { kind: "ok", httpCode: 200, finalUrl: "https://b" }, now, CONFIG).status).toBe(
      "redirected",
    );
  });
});

describe.each(BACKENDS)("link checking, on %s", (backend) => {
  let t: TestStorage;
  let server: Server;
  let base = "";
  const hits = new Map<string, number>();
  const hanging: import("node:http").ServerResponse[] = [];

  beforeAll(async () => {
    t = await testStorage(backend);
    server = createServer((req, res) => {
      const path = req.url ?? "/";
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === "/hang") return void hanging.push(res);
      if (path === "/moved") return void res.writeHead(301, { location: "/ok" }).end();
      if (path === "/loop-a") return void res.writeHead(302, { location: "/loop-b" }).end();
      if (path === "/loop-b") return void res.writeHead(302, { location: "/loop-a" }).end();
      if (path === "/no-head" && req.method === "HEAD") return void res.writeHead(405).end();
      if (path.startsWith("/ok") || path === "/no-head") return void res.writeHead(200).end("fine");
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await new Promise((resolve) => server?.close(resolve));
    await t?.dispose();
  });

  it("tells ok, redirected, 404, timeouts and loops apart", async () => {
    expect(await checkLink(`${base}/ok`, CONFIG)).toEqual({ kind: "ok", httpCode: 200, finalUrl: null });
    expect(await checkLink(`${base}/moved`, CONFIG)).toEqual({ kind: "ok", httpCode: 200, finalUrl: `${base}/ok` });
    expect(await checkLink(`${base}/no-head`, CONFIG)).toMatchObject({ kind: "ok" });
    expect(await checkLink(`${base}/missing`, CONFIG)).toEqual({ kind: "failed", httpCode: 404, error: "HTTP 404" });
    expect(await checkLink(`${base}/hang`, HASTY)).toMatchObject({ kind: "failed", error: "timed out" });
    expect(await checkLink(`${base}/loop-a`, CONFIG)).toMatchObject({
      kind: "failed",
      error: expect.stringMatching(/loop/),
    });
  });

  it("stores outcomes, marks broken after two failures, and never checks a row twice at once", async () => {
    const db = t.storage.db;
    const urls = [...Array.from({ length: 12 }, (_, i) => `${base}/ok/${i}`), `${base}/missing`, `${base}/moved`];
    await db
      .insertInto("link_check")
      .values(urls.map((url) => ({ url })))
      .execute();
    let clock = new Date("2030-01-01T00:00:00Z");
    const now = () => clock;
    const before = new Map(hits);
    const [a, b] = await Promise.all([
      checkDueLinks(db, { now, worker: "a", config: { ...CONFIG, batch: 10 } }),
      checkDueLinks(db, { now, worker: "b", config: { ...CONFIG, batch: 10 } }),
    ]);
    expect(a + b).toBe(urls.length);
    for (let i = 0; i < 12; i++) expect((hits.get(`/ok/${i}`) ?? 0) - (before.get(`/ok/${i}`) ?? 0)).toBe(1);
    const rows = new Map((await db.selectFrom("link_check").selectAll().execute()).map((r) => [r.url, r]));
    expect(rows.get(`${base}/ok/0`)).toMatchObject({ status: "ok", http_code: 200, locked_by: null });
    expect(rows.get(`${base}/moved`)).toMatchObject({ status: "redirected", final_url: `${base}/ok` });
    expect(rows.get(`${base}/missing`)).toMatchObject({ status: "unreachable", failures: 1, http_code: 404 });
    expect(await checkDueLinks(db, { now, config: CONFIG })).toBe(0);
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    expect(await checkDueLinks(db, { now, config: CONFIG })).toBe(1);
    const broken = await db
      .selectFrom("link_check")
      .selectAll()
      .where("url", "=", `${base}/missing`)
      .executeTakeFirstOrThrow();
    expect(broken).toMatchObject({ status: "broken", failures: 2, last_error: "HTTP 404" });
  });
});
