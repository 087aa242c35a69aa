/**
 * Suggestions from the public and their moderation over HTTP, on each database: checks naming the field, the
 * honeypot, the per-client limit, accepting (with edits, stale corrections), rejecting, editors' changes and
 * permissions. Nothing waits: the clock is injected.
 */

import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../src/auth/index.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser } from "../src/auth/store.ts";
import { inventoryApi } from "../src/inventory/api.ts";
import { saveInstitutions } from "../src/inventory/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const OPEN_TIMEOUT = 60_000;
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const EDITOR = { email: "editor@example.org", password: "editor password one" };

const ARMSTAT = {
  id: "armstat",
  name_en: "Statistical Committee of the Republic of Armenia",
  name_ru: "Статистический комитет Республики Армения",
  name_original: null,
  original_language: null,
  acronym: "Armstat",
  category: "government",
  status: "active",
  city_ru: null,
  source_url: null,
  country: "ARM",
  city: "Yerevan",
  address: null,
  latitude: null,
  longitude: null,
  countries_of_activity: ["ARM"],
  website: "https://armstat.am",
  email: null,
  phone: null,
  summary_en: null,
  summary_ru: null,
  topics: ["statistics"],
  languages: ["hy"],
  verified_at: null,
  synthetic: false,
} as const;

describe.each(BACKENDS)("inventory suggestions and moderation, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const clock = new Date("2030-03-01T10:00:00Z");
  let editor: { headers: Record<string, string>; csrf: string };

  beforeAll(async () => {
    t = await testStorage(backend);
    const db = t.storage.db;
    await createUser(
      db,
      { email: EDITOR.email, name: "Editor", role: "editor", passwordHash: await hashPassword(EDITOR.password, CHEAP) },
      clock,
    );
    await db.transaction().execute((trx) => saveInstitutions(trx, [{ ...ARMSTAT }], { kind: "seed" }));
    app = Fastify({ logger: false });
    await app.register(accounts, { db, scrypt: CHEAP, now: () => clock });
    await app.register(inventoryApi, {
      db,
      moderation: { now: () => clock, suggestLimit: { max: 1000, windowMs: 600_000 } },
    });
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: EDITOR });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = /ch_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1] as string;
    editor = {
      headers: { cookie: `ch_session=${cookie}`, "x-csrf-token": res.json().csrfToken },
      csrf: res.json().csrfToken,
    };
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const suggest = (payload: object, ip = "203.0.113.1", lang = "en") =>
    app.inject({ method: "POST", url: `/api/inventory/suggestions?lang=${lang}`, payload, remoteAddress: ip });
  const asEditor = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url, headers: editor.headers, ...(payload ? { payload } : {}) });
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  it("refuses bad fields, naming them in English and Russian", async () => {
    const bad = await suggest({ kind: "new", fields: { name_en: "X", category: "bakery", country: "XX" } });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.problems.map((p: { field: string }) => p.field)).toEqual(["fields.category", "fields.country"]);
    expect(body.field).toBe("fields.category");
    expect(body.detail).toMatch(/^fields\.category: /);
    const ru = (await suggest({ kind: "new", fields: { category: "government" } }, "203.0.113.1", "ru")).json();
    expect(ru.field).toBe("fields.name_en");
    expect(ru.detail).toMatch(/[а-я]/);
    expect((await suggest({ kind: "maybe", fields: {} })).json().field).toBe("kind");
    expect((await suggest({ kind: "new", fields: { name_en: "A", category: "other", id: "x" } })).json().field).toBe(
      "fields.id",
    );
    expect(
      (await suggest({ kind: "new", fields: { name_en: "A", category: "other" }, contactEmail: "no" })).json().field,
    ).toBe("contactEmail");
    expect((await suggest({ kind: "correction", fields: { city: "Gyumri" } })).json().field).toBe("institutionId");
    expect((await suggest({ kind: "correction", institutionId: "nope", fields: { city: "G" } })).statusCode).toBe(404);
    const large = await suggest({ kind: "new", fields: { name_en: "x".repeat(70_000), category: "other" } });
    expect(large.statusCode).toBe(413);
  });

  it("answers a filled honeypot as accepted but stores nothing", async () => {
    const before = await t.storage.db.selectFrom("institution_suggestion").select("id").execute();
    const res = ok(
      await suggest({ kind: "new", fields: { name_en: "Spam", category: "other" }, homepage: "http://spam" }),
      201,
    );
    expect(res.state).toBe("pending");
    expect(await t.storage.db.selectFrom("institution_suggestion").select("id").execute()).toHaveLength(before.length);
  });

  it("limits suggestions per client and keeps only a hash of the address", async () => {
    const limited = Fastify({ logger: false });
    await limited.register(accounts, { db: t.storage.db, scrypt: CHEAP });
    await limited.register(inventoryApi, {
      db: t.storage.db,
      moderation: { suggestLimit: { max: 2, windowMs: 600_000 } },
    });
    const send = (ip: string) =>
      limited.inject({
        method: "POST",
        url: "/api/inventory/suggestions",
        remoteAddress: ip,
        payload: { kind: "new", fields: { name_en: "Limit test", category: "other" } },
      });
    expect((await send("198.51.100.7")).statusCode).toBe(201);
    expect((await send("198.51.100.7")).statusCode).toBe(201);
    const third = await send("198.51.100.7");
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
    expect((await send("198.51.100.8")).statusCode).toBe(201);
    const hashes = await t.storage.db.selectFrom("institution_suggestion").select("client_ip_hash").execute();
    expect(hashes.every((h) => h.client_ip_hash === null || /^[0-9a-f]{64}$/.test(h.client_ip_hash))).toBe(true);
    expect(JSON.stringify(hashes)).not.toContain("198.51.100");
    await limited.close();
  });

  it("enforces permissions: anonymous 401, no CSRF 403, editor ok", async () => {
    expect((await app.inject({ method: "GET", url: "/api/inventory/suggestions" })).statusCode).toBe(401);
    const { id } = ok(await suggest({ kind: "new", fields: { name_en: "Perm test", category: "other" } }), 201);
    const noCsrf = await app.inject({
      method: "POST",
      url: `/api/inventory/suggestions/${id}/reject`,
      headers: { cookie: editor.headers.cookie as string },
      payload: { note: "x" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await app.inject({ method: "DELETE", url: "/api/inventory/institutions/armstat" })).statusCode).toBe(401);
    ok(await asEditor("GET", "/api/inventory/suggestions"));
  });

  it("accepts a new institution: the entry exists with its history", async () => {
    const hostile = `<script>alert(1)</script> '; drop table institution; --`;
    const { id } = ok(
      await suggest({
        kind: "new",
        fields: {
          name_en: "Migration Research Centre",
          category: "academic",
          country: "arm",
          topics: ["research"],
          summary_en: hostile,
        },
        contactEmail: "someone@example.org",
      }),
      201,
    );
    const list = ok(await asEditor("GET", "/api/inventory/suggestions?state=pending"));
    const item = list.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ kind: "new", targetName: "Migration Research Centre", duplicates: 0 });
    expect(item.summary).toContain("Migration Research Centre");
    const detail = ok(await asEditor("GET", `/api/inventory/suggestions/${id}`));
    expect(detail.current).toBeNull();
    expect(detail.diff.find((d: { field: string }) => d.field === "country")).toMatchObject({
      current: "",
      proposed: "ARM",
      changed: true,
    });
    const accepted = ok(await asEditor("POST", `/api/inventory/suggestions/${id}/accept`, { note: "looks right" }));
    expect(accepted).toMatchObject({ state: "accepted", version: 1 });
    const entry = ok(await app.inject({ method: "GET", url: `/api/inventory/institutions/${accepted.institutionId}` }));
    expect(entry.summary.en).toBe(hostile);
    const history = ok(
      await app.inject({ method: "GET", url: `/api/inventory/institutions/${accepted.institutionId}/history` }),
    );
    expect(history.items).toEqual([
      {
        version: 1,
        kind: "suggestion",
        at: expect.any(String),
        reason: "looks right",
        suggestionId: id,
        mergedInto: null,
      },
    ]);
    expect(JSON.stringify(history)).not.toContain("editor@example.org");
    expect((await asEditor("POST", `/api/inventory/suggestions/${id}/accept`, {})).statusCode).toBe(409);
  });

  it("shows a correction's diff, accepts it with edits, and refuses a stale one", async () => {
    const first = ok(
      await suggest({
        kind: "correction",
        institutionId: "armstat",
        fields: { website: "https://armstat.am/en/", city: "Yerevan" },
      }),
      201,
    );
    const stale = ok(await suggest({ kind: "correction", institutionId: "armstat", fields: { city: "Gyumri" } }), 201);
    const detail = ok(await asEditor("GET", `/api/inventory/suggestions/${first.id}`));
    const changed = detail.diff.filter((d: { changed: boolean }) => d.changed);
    expect(changed).toEqual([
      { field: "website", current: "https://armstat.am", proposed: "https://armstat.am/en/", changed: true },
    ]);
    expect(detail.current.version).toBe(1);
    const accepted = ok(
      await asEditor("POST", `/api/inventory/suggestions/${first.id}/accept`, {
        fields: { website: "https://www.armstat.am/en/" },
      }),
    );
    expect(accepted.version).toBe(2);
    const entry = ok(await app.inject({ method: "GET", url: "/api/inventory/institutions/armstat" }));
    expect(entry.website).toBe("https://www.armstat.am/en/");

    expect(ok(await asEditor("GET", `/api/inventory/suggestions/${stale.id}`)).stale).toBe(true);
    const refused = await asEditor("POST", `/api/inventory/suggestions/${stale.id}/accept`, {});
    expect(refused.statusCode).toBe(409);
    const edited = ok(
      await asEditor("POST", `/api/inventory/suggestions/${stale.id}/accept`, { fields: { city: "Gyumri" } }),
    );
    expect(edited.version).toBe(3);
  });

  it("rejects with a note", async () => {
    const { id } = ok(await suggest({ kind: "new", fields: { name_en: "Rejected one", category: "other" } }), 201);
    expect((await asEditor("POST", `/api/inventory/suggestions/${id}/reject`, {})).json().field).toBe("note");
    ok(await asEditor("POST", `/api/inventory/suggestions/${id}/reject`, { note: "not about migration" }));
    const list = ok(await asEditor("GET", "/api/inventory/suggestions?state=rejected"));
    expect(list.items.map((i: { id: number }) => i.id)).toContain(id);
  });

  it("lets editors change and withdraw entries, with history", async () => {
    const patched = ok(
      await asEditor("PATCH", "/api/inventory/institutions/armstat", { fields: { city: "Yerevan" }, version: 3 }),
    );
    expect(patched.version).toBe(4);
    expect(
      (await asEditor("PATCH", "/api/inventory/institutions/armstat", { fields: { city: "X" }, version: 3 }))
        .statusCode,
    ).toBe(409);
    expect(
      (await asEditor("PATCH", "/api/inventory/institutions/armstat", { fields: { country: "ZZZ" } })).json().field,
    ).toBe("fields.country");
    // Withdrawn, not deleted: the page still answers with its status, searches leave it out.
    ok(await asEditor("DELETE", "/api/inventory/institutions/armstat"));
    const entry = ok(await app.inject({ method: "GET", url: "/api/inventory/institutions/armstat?lang=ru" }));
    expect(entry.status).toEqual({ id: "withdrawn", label: "Изъята из перечня" });
    const search = ok(await app.inject({ method: "GET", url: "/api/inventory/institutions?q=Armstat" }));
    expect(search.total).toBe(0);
    expect((await asEditor("DELETE", "/api/inventory/institutions/armstat")).statusCode).toBe(409);
    const history = ok(await app.inject({ method: "GET", url: "/api/inventory/institutions/armstat/history" }));
    expect(history.items.map((h: { kind: string }) => h.kind)).toEqual([
      "status",
      "update",
      "suggestion",
      "suggestion",
      "seed",
    ]);
  });
});
