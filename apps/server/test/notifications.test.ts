/**
 * Notifications and table subscriptions, on each database: who `notify` tells of each workflow event, and the API
 * (only one's own, newest first, unread count, marking read, following a table), with real sessions and CSRF.
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { notify } from "../src/notifications/index.ts";
import { MAX_READ_IDS } from "../src/notifications/routes.ts";
import { BACKENDS, saveT3Fixture, type TestStorage, testStorage } from "./helpers.ts";
import { type Session, signedIn } from "./sessions.ts";

const OPEN_TIMEOUT = 60_000;
const PATH = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];

describe.each(BACKENDS)("notifications, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let admin: Session;
  let editor: Session;
  let otherEditor: Session;
  let kaz: Session;
  let kgz: Session;

  beforeAll(async () => {
    t = await testStorage(backend);
    await saveT3Fixture(t.storage.db, { tableId: "T3", path: PATH });
    await saveT3Fixture(t.storage.db, { tableId: "T4", path: PATH });
    app = await buildApp(t.config, t.storage);
    admin = await signedIn(app, t.storage.db, "administrator");
    editor = await signedIn(app, t.storage.db, "editor");
    otherEditor = await signedIn(app, t.storage.db, "editor");
    kaz = await signedIn(app, t.storage.db, "focal-point", { countries: ["KAZ"] });
    kgz = await signedIn(app, t.storage.db, "focal-point", { countries: ["KGZ", "TJK"] });
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const list = async (who: Session, query = "") => {
    const res = await who.inject(app, { url: `/api/notifications${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { unread: number; notifications: { id: number; kind: string; [k: string]: unknown }[] };
  };
  const readAll = (who: Session) =>
    who.inject(app, { method: "POST", url: "/api/notifications/read", payload: { all: true } });

  it("tells every editor and administrator of a submission, but not the one who submitted it", async () => {
    const written = await t.storage.db
      .transaction()
      .execute((tx) => notify(tx, { kind: "submitted", submissionId: 7, reporter: "KAZ", by: editor.userId }));
    expect(written).toBe(2);
    const [forAdmin, forEditor, forOther] = [await list(admin), await list(editor), await list(otherEditor)];
    expect(forEditor.notifications).toEqual([]);
    for (const got of [forAdmin, forOther]) {
      expect(got.unread).toBe(1);
      expect(got.notifications).toEqual([
        {
          id: expect.any(Number),
          kind: "submitted",
          submissionId: 7,
          tableId: null,
          reporter: "KAZ",
          created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          read: null,
        },
      ]);
    }
  });

  it("tells the focal points of the submission's country that it was returned, and no one else", async () => {
    await notify(t.storage.db, { kind: "returned", submissionId: 30, reporter: "KGZ", by: editor.userId });
    const rows = await t.storage.db
      .selectFrom("notification")
      .select(["user_id", "kind"])
      .where("submission_id", "=", 30)
      .execute();
    expect(rows).toEqual([{ user_id: kgz.userId, kind: "returned" }]);
    expect((await list(kgz)).notifications[0]).toMatchObject({ kind: "returned", submissionId: 30, reporter: "KGZ" });
    expect((await list(kaz)).notifications).toEqual([]);
  });

  it("tells a country's focal points of its release, once per table even when they also follow it", async () => {
    await kaz.inject(app, { method: "PUT", url: "/api/tables/T4/subscription" });
    await notify(t.storage.db, {
      kind: "released",
      submissionId: 31,
      reporter: "KAZ",
      tables: [
        { id: "T3", version: 3 },
        { id: "T4", version: 3 },
      ],
      by: null,
    });
    const forKaz = (await list(kaz)).notifications.filter((n) => n.submissionId === 31);
    expect(forKaz.map((n) => n.tableId).sort()).toEqual(["T3", "T4"]);
    expect((await list(kgz)).notifications.filter((n) => n.submissionId === 31)).toEqual([]);
    await kaz.inject(app, { method: "DELETE", url: "/api/tables/T4/subscription" });
  });

  it("notifies nobody when the workflow's transaction rolls back", async () => {
    const before = (await list(admin)).notifications.length;
    await expect(
      t.storage.db.transaction().execute(async (tx) => {
        await notify(tx, { kind: "submitted", submissionId: 8, reporter: "KGZ", by: null });
        throw new Error("the release failed");
      }),
    ).rejects.toThrow("the release failed");
    expect((await list(admin)).notifications.length).toBe(before);
  });

  it("leaves out disabled accounts", async () => {
    const gone = await signedIn(app, t.storage.db, "editor");
    await t.storage.db.updateTable("app_user").set({ disabled: true }).where("id", "=", gone.userId).execute();
    await notify(t.storage.db, { kind: "submitted", submissionId: 9, reporter: "ARM", by: null });
    const rows = await t.storage.db
      .selectFrom("notification")
      .select("user_id")
      .where("submission_id", "=", 9)
      .execute();
    expect(rows.map((r) => r.user_id)).not.toContain(gone.userId);
    expect(rows.map((r) => r.user_id)).toEqual(
      expect.arrayContaining([admin.userId, editor.userId, otherEditor.userId]),
    );
  });

  it("tells the subscribers of each released table, with its title and new version", async () => {
    const follow = await editor.inject(app, { method: "PUT", url: "/api/tables/T3/subscription" });
    expect(follow.statusCode, follow.body).toBe(200);
    expect(follow.json()).toEqual({ subscribed: true });
    // Following twice is following once.
    expect((await editor.inject(app, { method: "PUT", url: "/api/tables/T3/subscription" })).statusCode).toBe(200);
    await readAll(editor);
    await notify(t.storage.db, {
      kind: "released",
      submissionId: 10,
      reporter: "KAZ",
      tables: [
        { id: "T3", version: 2 },
        { id: "T4", version: 2 },
      ],
      by: admin.userId,
    });
    const got = await list(editor);
    expect(got.unread).toBe(1);
    expect(got.notifications[0]).toMatchObject({
      kind: "released",
      submissionId: 10,
      tableId: "T3",
      reporter: "KAZ",
      version: 2,
      title: { en: expect.any(String), ru: expect.any(String) },
    });
    // Nobody follows T4, and the other editor follows nothing.
    expect((await list(otherEditor)).notifications.filter((n) => n.kind === "released")).toEqual([]);
  });

  it("lists newest first, pages back with before and limit, and marks read by id only the user's own", async () => {
    for (const id of [20, 21, 22])
      await notify(t.storage.db, { kind: "submitted", submissionId: id, reporter: "GEO", by: null });
    const all = await list(otherEditor);
    const ids = all.notifications.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await list(otherEditor, `?limit=2&before=${ids[0]}`);
    expect(page.notifications.map((n) => n.id)).toEqual(ids.slice(1, 3));

    // The admin's ids named by the other editor stay unread.
    const adminIds = (await list(admin)).notifications.map((n) => n.id);
    const res = await otherEditor.inject(app, {
      method: "POST",
      url: "/api/notifications/read",
      payload: { ids: [ids[0], ...adminIds] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 1, unread: all.unread - 1 });
    expect((await list(admin)).notifications.every((n) => n.read === null)).toBe(true);
    const after = await list(otherEditor);
    expect(after.notifications.find((n) => n.id === ids[0])?.read).toEqual(expect.stringMatching(/T/));

    expect((await readAll(otherEditor)).json()).toEqual({ updated: all.unread - 1, unread: 0 });
    expect((await list(otherEditor)).unread).toBe(0);
  });

  it("answers the public 401 and a write without the CSRF token 403, changing nothing", async () => {
    for (const [method, url] of [
      ["GET", "/api/notifications"],
      ["POST", "/api/notifications/read"],
      ["GET", "/api/tables/T4/subscription"],
      ["PUT", "/api/tables/T4/subscription"],
      ["DELETE", "/api/tables/T4/subscription"],
    ] as const) {
      const res = await app.inject({ method, url, payload: method === "POST" ? { all: true } : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    const before = await list(admin);
    for (const [method, url] of [
      ["POST", "/api/notifications/read"],
      ["PUT", "/api/tables/T4/subscription"],
    ] as const) {
      const res = await admin.inject(app, { method, url, csrf: false, payload: { all: true } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await list(admin)).toEqual(before);
    expect((await admin.inject(app, { url: "/api/tables/T4/subscription" })).json()).toEqual({ subscribed: false });
  });

  it("follows and stops following a table; an unknown table is a 404 in the reader's language", async () => {
    const url = "/api/tables/T4/subscription";
    expect((await admin.inject(app, { url })).json()).toEqual({ subscribed: false });
    expect((await admin.inject(app, { method: "PUT", url })).json()).toEqual({ subscribed: true });
    expect((await admin.inject(app, { url })).json()).toEqual({ subscribed: true });
    expect((await admin.inject(app, { method: "DELETE", url })).json()).toEqual({ subscribed: false });
    expect((await admin.inject(app, { url })).json()).toEqual({ subscribed: false });
    const res = await admin.inject(app, { method: "PUT", url: "/api/tables/NOPE/subscription?lang=ru" });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toBe("нет таблицы «NOPE»");
  });

  it("refuses a bad body or query with a problem saying what to send", async () => {
    for (const payload of [
      {},
      { all: false },
      { ids: [1, "2"] },
      { ids: [0] },
      { ids: [1], all: true },
      { ids: Array.from({ length: MAX_READ_IDS + 1 }, (_, i) => i + 1) },
      [1, 2],
    ]) {
      const res = await admin.inject(app, { method: "POST", url: "/api/notifications/read?lang=ru", payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toMatch(/^отправьте/);
    }
    for (const query of ["?limit=0", "?limit=101", "?limit=x", "?before=-1"]) {
      const res = await admin.inject(app, { url: `/api/notifications${query}` });
      expect(res.statusCode, query).toBe(400);
    }
  });

  it("keeps answers out of shared caches and documents the routes in the OpenAPI document", async () => {
    expect((await admin.inject(app, { url: "/api/notifications" })).headers["cache-control"]).toBe("private, no-store");
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    for (const path of ["/api/notifications", "/api/notifications/read", "/api/tables/{id}/subscription"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/tables/{id}/subscription"]).sort()).toEqual(["delete", "get", "put"]);
  });
});
