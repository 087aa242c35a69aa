/**
 * The link checker against local HTTP servers only (200, 301 → 200, 404, a hanging one, a redirect loop), with an
 * injected clock and short timeouts; two checkers at once never check the same row twice. On each database.
 */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDueLinks,
  checkLink,
  failuresToReport,
  LINK_CHECK_DEFAULTS,
  looksOffline,
  nextLinkState,
} from "../src/inventory/link-check.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

// Requests to the local server get a timeout no loaded machine reaches (a HEAD timing out would be retried as GET
// and counted twice); only the hanging URL is checked with a short one.
const CONFIG = { ...LINK_CHECK_DEFAULTS, timeoutMs: 20_000 };
const HASTY = { ...CONFIG, timeoutMs: 300 };
const DAY = 24 * 3_600_000;

describe("next link state (pure)", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const fresh = { failures: 0, status: "pending", final_url: null } as const;
  const wasOk = { failures: 0, status: "ok", final_url: null } as const;
  const notFound = { kind: "failed", httpCode: 404, error: "HTTP 404" } as const;
  const timedOut = { kind: "failed", httpCode: null, error: "timed out" } as const;

  it("ok in a week, redirected with where it ends, failures backed off", () => {
    const ok = nextLinkState(
      { ...wasOk, failures: 3, status: "broken" },
      { kind: "ok", httpCode: 200, finalUrl: null },
      now,
      CONFIG,
    );
    expect(ok).toMatchObject({ status: "ok", failures: 0 });
    expect(ok.next_check_at.getTime() - now.getTime()).toBe(7 * DAY);
    const twice = nextLinkState({ ...wasOk, failures: 1 }, timedOut, now, CONFIG);
    expect(twice.next_check_at.getTime() - now.getTime()).toBe(2 * CONFIG.retryMs);
    expect(nextLinkState({ ...wasOk, failures: 30 }, timedOut, now, CONFIG).next_check_at.getTime()).toBe(
      now.getTime() + CONFIG.okIntervalMs,
    );
    expect(nextLinkState(fresh, { kind: "ok", httpCode: 200, finalUrl: "https://b" }, now, CONFIG).status).toBe(
      "redirected",
    );
  });

  it("keeps a failing site's status until it has failed every check for two days", () => {
    expect(failuresToReport(CONFIG)).toBe(7);
    // Walk the back-off: each check at its due time, the site failing throughout.
    let before: {
      failures: number;
      status: "pending" | "ok" | "redirected" | "broken" | "unreachable";
      final_url: string | null;
    } = {
      ...wasOk,
      status: "redirected",
      final_url: "https://new.example.org/",
    };
    let clock = now;
    const first = now.getTime();
    for (let k = 1; k < 7; k++) {
      const state = nextLinkState(before, timedOut, clock, CONFIG);
      expect(state).toMatchObject({ status: "redirected", failures: k, final_url: "https://new.example.org/" });
      before = state;
      clock = state.next_check_at;
    }
    expect(clock.getTime() - first).toBeGreaterThanOrEqual(CONFIG.reportAfterMs);
    const reported = nextLinkState(before, timedOut, clock, CONFIG);
    expect(reported).toMatchObject({ status: "unreachable", failures: 7, final_url: null, last_error: "timed out" });
    // Once reported it stays reported while failing, as broken when a server answers with an error.
    expect(nextLinkState(reported, notFound, clock, CONFIG)).toMatchObject({ status: "broken", http_code: 404 });
    expect(nextLinkState({ ...fresh, failures: 6 }, notFound, now, CONFIG).status).toBe("broken");
    expect(nextLinkState(fresh, notFound, now, CONFIG)).toMatchObject({ status: "pending", failures: 1 });
  });

  it("counts the failures a longer or shorter wait needs, and ends with no back-off at all", () => {
    expect(failuresToReport({ ...CONFIG, reportAfterMs: 0 })).toBe(1);
    expect(failuresToReport({ ...CONFIG, reportAfterMs: 3 * 3_600_000 })).toBe(3);
    expect(failuresToReport({ ...CONFIG, retryMs: 0 })).toBe(64);
  });

  it("tells a machine offline from sites that fail", () => {
    expect(looksOffline([timedOut, { kind: "failed", httpCode: null, error: "ENOTFOUND" }])).toBe(true);
    expect(looksOffline([timedOut])).toBe(false);
    expect(looksOffline([timedOut, notFound])).toBe(false);
    expect(looksOffline([timedOut, { kind: "ok", httpCode: 200, finalUrl: null }])).toBe(false);
    expect(looksOffline([timedOut, { kind: "failed", httpCode: null, error: "redirect loop at https://a/" }])).toBe(
      false,
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

  it("stores outcomes, reports a failing site only after two days of failures, and never checks a row twice at once", async () => {
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
    expect(rows.get(`${base}/missing`)).toMatchObject({ status: "pending", failures: 1, http_code: 404 });
    expect(await checkDueLinks(db, { now, config: CONFIG })).toBe(0);
    // Each retry at its due time: still not reported until the failures have lasted two days.
    for (let failures = 2; failures <= failuresToReport(CONFIG); failures++) {
      const { next_check_at } = await db
        .selectFrom("link_check")
        .select("next_check_at")
        .where("url", "=", `${base}/missing`)
        .executeTakeFirstOrThrow();
      clock = new Date(next_check_at);
      expect(await checkDueLinks(db, { now, config: CONFIG })).toBe(1);
      const row = await db
        .selectFrom("link_check")
        .selectAll()
        .where("url", "=", `${base}/missing`)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: failures < failuresToReport(CONFIG) ? "pending" : "broken",
        failures,
        last_error: "HTTP 404",
      });
    }
  });

  it("counts nothing in a round where no site answers: this machine is offline", async () => {
    const db = t.storage.db;
    const urls = ["https://a.example.org/", "https://b.example.org/", "https://c.example.org/"];
    await db
      .insertInto("link_check")
      .values(urls.map((url) => ({ url, status: "ok" as const, next_check_at: new Date("2031-01-01T00:00:00Z") })))
      .execute();
    const clock = new Date("2031-01-01T00:00:00Z");
    const offline = async () => ({ kind: "failed", httpCode: null, error: "ENOTFOUND" }) as const;
    // The rows of the test before are due by then too, and fail alike.
    expect(
      await checkDueLinks(db, { now: () => clock, check: offline, config: { ...CONFIG, batch: 50 } }),
    ).toBeGreaterThan(3);
    const rows = await db.selectFrom("link_check").selectAll().where("url", "in", urls).execute();
    for (const row of rows) {
      expect(row).toMatchObject({ status: "ok", failures: 0, locked_by: null });
      expect(new Date(row.next_check_at).getTime() - clock.getTime()).toBe(CONFIG.retryMs);
    }
  });
});
