/**
 * The permission matrix: every route the built app registers × every principal (public, focal point of KAZ, focal
 * point of KGZ, editor, administrator), with real sessions and CSRF tokens. Each route needs a rule in
 * access-rules.ts (the test names any route without one); the allowed get through (neither 401 nor 403, nor a
 * server error), the others are refused (401 for the public, 403 for an account) with a problem document, and a
 * refused write changes nothing in the database. A signed-in write without its CSRF token is refused too.
 * Run on the embedded database only: the rights do not depend on the storage.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from "fastify";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import type { Database } from "../../src/storage/schema.ts";
import { saveT3Fixture, type TestStorage, testStorage } from "../helpers.ts";
import { type Session, signedIn } from "../sessions.ts";
import { ACCESS_RULES, type Fixtures, PRINCIPALS, type Principal, type Request } from "./access-rules.ts";

const OPEN_TIMEOUT = 120_000;
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Tables a refused request may touch: the public APIs' call counts. */
const VOLATILE = new Set(["rate_limit"]);

/** `METHOD /url` of a route as the onRoute hook sees it (read at once: Fastify reuses the object for variants). */
const keysOf = (route: RouteOptions): string[] => [route.method].flat().map((method) => `${method} ${route.url}`);

/**
 * The route table, HEAD left out where the same URL has GET: Fastify adds those itself, also for the trailing-slash
 * variant of a plugin's root route (/api/docs/), whose GET it does not report.
 */
function routeKeys(keys: ReadonlySet<string>): string[] {
  const hasGet = (url: string) => keys.has(`GET ${url}`) || keys.has(`GET ${url.replace(/(?<=.)\/$/, "")}`);
  return [...keys].filter((key) => !(key.startsWith("HEAD ") && hasGet(key.slice(5)))).sort();
}

/** A digest of every row of every table (but the volatile ones), to tell whether a request changed anything. */
async function databaseDigest(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select relname as name from pg_class
    where relkind = 'r' and relnamespace = current_schema()::regnamespace and relname not like 'kysely\\_%'
    order by relname`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (VOLATILE.has(name)) continue;
    const { rows } = await sql<{ digest: string | null; n: string | number }>`
      select md5(string_agg(md5(to_jsonb(t)::text), '' order by md5(to_jsonb(t)::text))) as digest, count(*) as n
      from ${sql.id(name)} t`.execute(db);
    out[name] = `${rows[0]?.n}:${rows[0]?.digest ?? ""}`;
  }
  return out;
}

describe("the permission matrix", () => {
  let t: TestStorage;
  let app: FastifyInstance;
  let webDir: string;
  const routes = new Set<string>();
  const sessions = new Map<Principal, Session>();
  let fixtures: Fixtures;
  let counter = 0;

  const roleOf = (principal: Exclude<Principal, "public">) =>
    principal === "focal point of KAZ"
      ? { role: "focal-point" as const, countries: ["KAZ"] }
      : principal === "focal point of KGZ"
        ? { role: "focal-point" as const, countries: ["KGZ"] }
        : { role: principal, countries: [] };
  const newSession = (principal: Exclude<Principal, "public">) => {
    const { role, countries } = roleOf(principal);
    return signedIn(app, t.storage.db, role, { countries });
  };

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), "matrix-web-"));
    mkdirSync(join(webDir, "assets"));
    writeFileSync(join(webDir, "index.html"), "<!doctype html><html><head></head><body></body></html>");
    writeFileSync(join(webDir, "assets", "app.js"), "export {};");
    t = await testStorage("pglite", {
      maxCalls: 1_000_000,
      validateCallsPerMinute: 1_000_000,
      webDir,
    });
    const config = { ...t.config, savedQueries: { ...t.config.savedQueries, maxSaves: 1_000_000 } };
    const db = t.storage.db;
    await saveT3Fixture(db, {
      tableId: "T3",
      path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }],
    });
    app = await buildApp(config, t.storage, {
      onRoute: (route) => {
        for (const key of keysOf(route)) routes.add(key);
      },
    });
    await app.ready();
    for (const principal of PRINCIPALS)
      if (principal !== "public") sessions.set(principal, await newSession(principal));
    const saved = await app.inject({
      method: "POST",
      url: "/api/v2/savedqueries",
      payload: { tableId: "T3", language: "en", selection: { selection: [] } },
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    fixtures = {
      table: "T3",
      tablePath: "migration/T3",
      savedQuery: saved.json().id,
      institution: async () => {
        const id = `matrix-${++counter}`;
        await db
          .insertInto("institution")
          .values({ id, name_en: `Bureau ${counter}`, category: "other" })
          .execute();
        return id;
      },
      suggestion: async () => {
        const row = await db
          .insertInto("institution_suggestion")
          .values({ kind: "new", payload: JSON.stringify({ name_en: `Centre ${++counter}`, category: "other" }) })
          .returning("id")
          .executeTakeFirstOrThrow();
        return row.id;
      },
      account: async () => (await signedIn(app, db, "editor")).userId,
      credentials: async () => {
        const who = await signedIn(app, db, "editor");
        return { email: who.email, password: `the password of ${who.email}` };
      },
    };
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  it("has an access rule for every route the app registers, and no rule for a route it does not", () => {
    const keys = routeKeys(routes);
    expect(keys.length).toBeGreaterThan(50);
    expect(
      keys.filter((key) => !(key in ACCESS_RULES)),
      "routes without a rule in access-rules.ts",
    ).toEqual([]);
    expect(
      Object.keys(ACCESS_RULES).filter((key) => !keys.includes(key)),
      "rules of no route",
    ).toEqual([]);
  });

  const call = async (request: Request, session: Session | undefined, csrf = true) =>
    session ? session.inject(app, { ...request, csrf }) : app.inject(request);

  const refusedAs = (res: LightMyRequestResponse, principal: Principal, what: string) => {
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(principal === "public" ? 401 : 403);
    expect(res.headers["content-type"], what).toMatch(/^application\/problem\+json/);
  };

  it.each(Object.keys(ACCESS_RULES).sort())("%s", async (key) => {
    const rule = ACCESS_RULES[key];
    if (!rule) throw new Error(`no rule for ${key}`);
    const [method = "GET", url = "/"] = key.split(" ");
    const requestFor = async (principal: Principal): Promise<Request> =>
      rule.request ? rule.request(fixtures, principal) : { method: method as Request["method"], url };
    const write = !SAFE.has(method);
    // The refused first, so that nothing an allowed call did hides what a refused one would have changed.
    const order = [...PRINCIPALS].sort((a, b) => Number(rule.allow.includes(a)) - Number(rule.allow.includes(b)));
    for (const principal of order) {
      const allowed = rule.allow.includes(principal);
      const session =
        principal === "public" ? undefined : rule.ownSession ? await newSession(principal) : sessions.get(principal);
      const request = await requestFor(principal);
      const what = `${principal} → ${request.method} ${request.url}`;

      if (write && session && rule.csrf !== false) {
        const before = await databaseDigest(t.storage.db);
        const res = await call(request, session, false);
        expect(res.statusCode, `${what} without its CSRF token: ${res.body.slice(0, 200)}`).toBe(403);
        expect(await databaseDigest(t.storage.db), `${what} without its CSRF token changed the database`).toEqual(
          before,
        );
      }
      const before = write && !allowed ? await databaseDigest(t.storage.db) : undefined;
      const res = await call(request, session);
      if (allowed) {
        expect([401, 403], `${what} was refused: ${res.body.slice(0, 300)}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      } else {
        refusedAs(res, principal, what);
        if (before) expect(await databaseDigest(t.storage.db), `${what} changed the database`).toEqual(before);
      }
    }
  });
});
