/**
 * The audit log and focal points in the database, on each back end: rows are append-only even by SQL, a row
 * written in a failed transaction is not kept, a focal point's session carries its countries, and assertCountry
 * refuses another country's record.
 */

import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/audit/index.ts";
import { accounts, assertCountry, requirePermission } from "../src/auth/index.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser, findUserByEmail } from "../src/auth/store.ts";
import { sendProblems } from "../src/http/problem.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const OPEN_TIMEOUT = 60_000;
const FOCAL = { email: "focal@example.kz", password: "focal point password" };
const EDITOR = { email: "editor@example.org", password: "editor password one" };

describe.each(BACKENDS)("audit log and focal points, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await testStorage(backend);
    const db = t.storage.db;
    const at = new Date("2030-03-01T10:00:00Z");
    await createUser(
      db,
      {
        email: FOCAL.email,
        name: "Focal",
        role: "focal-point",
        countries: ["KGZ", "KAZ"],
        passwordHash: await hashPassword(FOCAL.password, CHEAP),
      },
      at,
    );
    await createUser(
      db,
      { email: EDITOR.email, name: "Editor", role: "editor", passwordHash: await hashPassword(EDITOR.password, CHEAP) },
      at,
    );
    app = Fastify({ logger: false });
    await app.register(accounts, { db, scrypt: CHEAP });
    await app.register(async (other) => {
      sendProblems(other);
      other.get<{ Params: { reporter: string } }>(
        "/api/test/countries/:reporter",
        { preHandler: requirePermission("submissions:edit") },
        async (request) => {
          assertCountry(request, request.params.reporter);
          return { ok: true, countries: request.user?.countries };
        },
      );
    });
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const signIn = async (who: { email: string; password: string }) => {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: who });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("ch_session=")) as string;
    return { user: res.json().user, cookie: cookie.split(";")[0] as string };
  };

  it("keeps a focal point's countries, sorted, in its account and its session", async () => {
    expect((await findUserByEmail(t.storage.db, FOCAL.email))?.countries).toEqual(["KAZ", "KGZ"]);
    const { user, cookie } = await signIn(FOCAL);
    expect(user).toMatchObject({ role: "focal-point", countries: ["KAZ", "KGZ"] });
    const me = await app.inject({ url: "/api/auth/me", headers: { cookie } });
    expect(me.json().user.countries).toEqual(["KAZ", "KGZ"]);
  });

  it("lets a focal point act for its countries only, and an editor for every one", async () => {
    const focal = await signIn(FOCAL);
    const own = await app.inject({ url: "/api/test/countries/KGZ", headers: { cookie: focal.cookie } });
    expect(own.json()).toEqual({ ok: true, countries: ["KAZ", "KGZ"] });
    for (const lang of ["en", "ru"] as const) {
      const other = await app.inject({
        url: `/api/test/countries/UZB?lang=${lang}`,
        headers: { cookie: focal.cookie },
      });
      expect(other.statusCode).toBe(403);
      expect(other.headers["content-type"]).toContain("application/problem+json");
      expect(other.json().detail).toBe(
        lang === "en" ? "you act for KAZ, KGZ, not for UZB" : "вы представляете KAZ, KGZ, но не UZB",
      );
    }
    const editor = await signIn(EDITOR);
    const any = await app.inject({ url: "/api/test/countries/UZB", headers: { cookie: editor.cookie } });
    expect(any.json()).toEqual({ ok: true, countries: [] });
    expect((await app.inject({ url: "/api/test/countries/KAZ" })).statusCode).toBe(401);
  });

  it("refuses a country code that is not alpha-3 and a role it does not know, in the database", async () => {
    const user = await findUserByEmail(t.storage.db, FOCAL.email);
    await expect(
      t.storage.db
        .insertInto("app_user_country")
        .values({ user_id: user?.id as number, reporter: "kz" })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(sql`update app_user set role = 'root' where id = ${user?.id}`.execute(t.storage.db)).rejects.toThrow(
      /app_user_role_check/,
    );
  });

  it("writes rows with their fields, and none from a transaction that fails", async () => {
    const db = t.storage.db;
    const at = new Date("2030-03-02T08:00:00Z");
    await recordAudit(db, {
      actor: { id: 7, email: "who@example.org" },
      action: "user.created",
      targetType: "user",
      targetId: 42,
      reporter: "KAZ",
      detail: { role: "focal-point" },
      ip: "192.0.2.1",
      at,
    });
    const row = await db.selectFrom("audit_event").selectAll().where("target_id", "=", "42").executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      at,
      actor_id: 7,
      actor_email: "who@example.org",
      action: "user.created",
      target_type: "user",
      reporter: "KAZ",
      detail: { role: "focal-point" },
      ip: "192.0.2.1",
    });
    await expect(
      db.transaction().execute(async (tx) => {
        await recordAudit(tx, { actor: null, action: "user.changed", targetType: "user", targetId: "rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const kept = await db.selectFrom("audit_event").select("id").where("target_id", "=", "rolled-back").execute();
    expect(kept).toEqual([]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows, even in plain SQL", async () => {
    const db = t.storage.db;
    await recordAudit(db, { actor: null, action: "auth.sign-in-failed", targetType: "user", targetId: "kept" });
    for (const statement of [
      sql`update audit_event set action = 'user.changed' where target_id = 'kept'`,
      sql`delete from audit_event where target_id = 'kept'`,
      sql`truncate audit_event`,
    ])
      await expect(statement.execute(db)).rejects.toThrow(/the audit log is append-only/);
    const rows = await db.selectFrom("audit_event").select("action").where("target_id", "=", "kept").execute();
    expect(rows).toEqual([{ action: "auth.sign-in-failed" }]);
  });
});
