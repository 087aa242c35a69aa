/**
 * The inventory as a network (decision 0019): relationships kept reciprocal without cycles, identifiers' formats,
 * merges kept as redirects with their history, "not a duplicate", verification and its queue, the countries ×
 * topics view and contacts against a small seeded case, and a release imported into an empty instance giving the
 * same release back. Pure parts first, then over HTTP on each database.
 */

import fc from "fast-check";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "../src/auth/index.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser } from "../src/auth/store.ts";
import { inventoryApi } from "../src/inventory/api.ts";
import { readIdentifier, rorChecksum } from "../src/inventory/identifiers.ts";
import type { InstitutionFields } from "../src/inventory/interchange.ts";
import { currentReleaseContent, importRelease } from "../src/inventory/network-store.ts";
import { nearCountries, rankContacts } from "../src/inventory/networking.ts";
import {
  canonicalEdge,
  type Edge,
  edgeProblem,
  edgesOfLists,
  listsOfEdges,
  RECIPROCAL,
  RELATION_VIEWS,
  viewFrom,
} from "../src/inventory/relationships.ts";
import { readRelease, releaseCsv, releaseSchema } from "../src/inventory/release.ts";
import { saveInstitutions } from "../src/inventory/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const OPEN_TIMEOUT = 60_000;
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const EDITOR = { email: "network-editor@example.org", password: "network editor password" };

const entry = (id: string, over: Partial<InstitutionFields>): InstitutionFields => ({
  id,
  name_en: id,
  name_ru: null,
  name_original: null,
  original_language: null,
  acronym: null,
  category: "government",
  status: "active",
  country: null,
  city: null,
  city_ru: null,
  address: null,
  latitude: null,
  longitude: null,
  countries_of_activity: [],
  website: null,
  source_url: null,
  email: null,
  phone: null,
  summary_en: null,
  summary_ru: null,
  topics: [],
  languages: [],
  verified_at: null,
  synthetic: false,
  ...over,
});

describe("relationships", () => {
  it("reads a stored pair as reciprocal views from both ends", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RELATION_VIEWS),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (view, a, b) => {
          fc.pre(a !== b);
          const edge = canonicalEdge(a, view, b);
          expect(viewFrom(edge, a)).toEqual({ view, other: b });
          expect(viewFrom(edge, b)).toEqual({ view: RECIPROCAL[view], other: a });
          // Said from the other side, the same pair.
          expect(canonicalEdge(b, RECIPROCAL[view], a)).toEqual(edge);
        },
      ),
    );
  });

  it("refuses cycles of parents and of predecessors, a pair twice and an entry with itself", () => {
    const edges: Edge[] = [canonicalEdge("b", "parent", "a"), canonicalEdge("c", "parent", "b")];
    // a is b's parent, b is c's parent: c cannot be a's parent.
    expect(edgeProblem(edges, canonicalEdge("a", "parent", "c"))?.en).toBe(
      "this would make a cycle of parents: c → a → b → c",
    );
    expect(edgeProblem(edges, canonicalEdge("a", "child", "c"))).toBeUndefined();
    // Another type does not close a cycle of parents.
    expect(edgeProblem(edges, canonicalEdge("a", "predecessor", "c"))).toBeUndefined();
    expect(edgeProblem(edges, canonicalEdge("a", "related", "b"))?.en).toMatch(/already related/);
    expect(edgeProblem(edges, canonicalEdge("a", "related", "a"))?.ru).toMatch(/сама с собой/);
  });

  it("checks lists of both sides for reciprocity, and gives back the lists it read", () => {
    const ok = [
      { id: "ministry", relationships: [{ type: "child" as const, id: "service" }] },
      { id: "service", relationships: [{ type: "parent" as const, id: "ministry" }] },
    ];
    const read = edgesOfLists(ok);
    expect(read.problems).toEqual([]);
    expect(read.edges).toEqual([{ subject: "ministry", object: "service", type: "parent" }]);
    expect(Object.fromEntries(listsOfEdges(read.edges))).toEqual({
      ministry: ok[0]?.relationships,
      service: ok[1]?.relationships,
    });

    const oneSided = edgesOfLists([ok[0] as (typeof ok)[0], { id: "service", relationships: [] }]);
    expect(oneSided.problems.map((p) => p.message.en)).toEqual([
      "«ministry» lists «service» as «Subordinate body or office», but «service» does not list «ministry» as «Parent organisation»",
    ]);
    const conflicting = edgesOfLists([
      { id: "a", relationships: [{ type: "parent", id: "b" }] },
      { id: "b", relationships: [{ type: "parent", id: "a" }] },
    ]);
    expect(conflicting.problems.map((p) => p.message.en)).toEqual([
      "«a» and «b» are given two different relationships",
    ]);
    const cycle = edgesOfLists([
      {
        id: "a",
        relationships: [
          { type: "parent", id: "b" },
          { type: "child", id: "c" },
        ],
      },
      {
        id: "b",
        relationships: [
          { type: "child", id: "a" },
          { type: "parent", id: "c" },
        ],
      },
      {
        id: "c",
        relationships: [
          { type: "child", id: "b" },
          { type: "parent", id: "a" },
        ],
      },
    ]);
    expect(cycle.problems.map((p) => p.message.en).join()).toMatch(/cycle of parents/);
    expect(edgesOfLists([{ id: "a", relationships: [{ type: "related", id: "zz" }] }]).problems[0]?.message.en).toBe(
      "there is no entry «zz»",
    );
  });
});

describe("identifiers", () => {
  it("takes ROR identifiers and URLs with their check digits, and refuses a typo", () => {
    expect(readIdentifier("ror", "https://ror.org/03vek6s52", null)).toEqual({ ok: true, value: "03vek6s52" });
    expect(readIdentifier("ror", "042NB2S44", null)).toEqual({ ok: true, value: "042nb2s44" });
    const typo = readIdentifier("ror", "03vek6s53", null);
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.message.en).toMatch(/checksum/);
    expect(readIdentifier("ror", "13vek6s52", null).ok).toBe(false);
    // Any seven characters with their computed check digits pass.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(..."0123456789abcdefghjkmnpqrstvwxyz"), { minLength: 6, maxLength: 6 }),
        (cs) => {
          const first7 = `0${cs.join("")}`;
          expect(readIdentifier("ror", first7 + rorChecksum(first7), null).ok).toBe(true);
        },
      ),
    );
  });

  it("takes Wikidata items and national register numbers by the country's format", () => {
    expect(readIdentifier("wikidata", "https://www.wikidata.org/wiki/Q1065", null)).toEqual({
      ok: true,
      value: "Q1065",
    });
    expect(readIdentifier("wikidata", "P31", null).ok).toBe(false);
    expect(readIdentifier("national", "123456789012", "KAZ")).toEqual({ ok: true, value: "123456789012" });
    expect(readIdentifier("national", "12345", "KAZ").ok).toBe(false);
    // OGRN: the 13th digit is the first twelve's value mod 11, mod 10.
    expect(readIdentifier("national", "1027700132195", "RUS").ok).toBe(true);
    expect(readIdentifier("national", "1027700132196", "RUS").ok).toBe(false);
    const ru = readIdentifier("national", "<script>", "ARM");
    expect(!ru.ok && ru.message.ru).toMatch(/не идентификатор/);
  });
});

describe("contacts", () => {
  it("ranks by shared topics, then the same country before a neighbour, and leaves out the far and unrelated", () => {
    expect(nearCountries(["KGZ"])).toEqual({ same: ["KGZ"], neighbouring: ["CHN", "KAZ", "TJK", "UZB"] });
    const ranked = rankContacts(
      { id: "me", countries: ["KGZ"], topics: ["labour-migration", "statistics"] },
      [
        { id: "far", name: "Far", countries: ["MDA"], topics: ["labour-migration", "statistics"] },
        { id: "neighbour", name: "Neighbour", countries: ["KAZ"], topics: ["labour-migration", "statistics"] },
        { id: "home", name: "Home", countries: ["KGZ"], topics: ["statistics"] },
        { id: "home-both", name: "Home both", countries: ["KGZ"], topics: ["statistics", "labour-migration"] },
        { id: "other-topic", name: "Other", countries: ["KGZ"], topics: ["asylum-refugees"] },
        { id: "me", name: "Me", countries: ["KGZ"], topics: ["statistics"] },
      ],
      10,
      new Intl.Collator("en"),
    );
    expect(ranked.map((c) => c.id)).toEqual(["home-both", "neighbour", "home"]);
    expect(ranked[1]?.neighbouringCountries).toEqual(["KAZ"]);
  });
});

describe.each(BACKENDS)("the inventory's network over HTTP, on %s", (backend) => {
  let t: TestStorage;
  let empty: TestStorage;
  let app: FastifyInstance;
  let clock = new Date("2031-05-01T10:00:00Z");
  let editor: Record<string, string>;

  beforeAll(async () => {
    t = await testStorage(backend);
    const db = t.storage.db;
    await createUser(
      db,
      {
        email: EDITOR.email,
        name: "Network Editor",
        role: "editor",
        passwordHash: await hashPassword(EDITOR.password, CHEAP),
      },
      clock,
    );
    await saveInstitutions(
      db,
      [
        entry("ministry-kgz", {
          country: "KGZ",
          topics: ["labour-migration", "policy"],
          website: "https://mlsp.example.kg",
        }),
        entry("service-kgz", { country: "KGZ", topics: ["labour-migration"], city: "Bishkek", city_ru: "Бишкек" }),
        entry("stat-kgz", { country: "KGZ", topics: ["statistics"], verified_at: "2031-01-01T00:00:00.000Z" }),
        entry("stat-kaz", {
          country: "KAZ",
          topics: ["statistics", "labour-migration"],
          verified_at: "2029-01-01T00:00:00.000Z",
        }),
        entry("stat-mda", { country: "MDA", topics: ["statistics"], website: "https://broken.example.md" }),
        entry("stat-kaz-copy", { country: "KAZ", topics: ["statistics"], name_ru: "Копия" }),
        entry("test-entry", { country: "KGZ", topics: ["statistics"], synthetic: true }),
      ],
      { kind: "seed" },
    );
    await db
      .updateTable("link_check")
      .set({ status: "broken" })
      .where("url", "=", "https://broken.example.md")
      .execute();
    app = Fastify({ logger: false });
    await app.register(accounts, { db, scrypt: CHEAP, now: () => clock });
    await app.register(inventoryApi, { db, moderation: { now: () => clock } });
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: EDITOR });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = /ch_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1] as string;
    editor = { cookie: `ch_session=${cookie}`, "x-csrf-token": res.json().csrfToken };
    empty = await testStorage(backend);
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
    await empty?.dispose();
  });

  const get = (url: string) => app.inject({ method: "GET", url });
  const asEditor = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
    app.inject({ method, url, headers: editor, ...(payload ? { payload } : {}) });
  const ok = (res: LightMyRequestResponse, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  it("relates entries reciprocally, shows both sides, and refuses a cycle and a repeat", async () => {
    ok(
      await asEditor("POST", "/api/inventory/institutions/service-kgz/relationships", {
        type: "parent",
        id: "ministry-kgz",
      }),
      201,
    );
    const ministry = ok(await get("/api/inventory/institutions/ministry-kgz?lang=ru"));
    expect(ministry.relationships).toEqual([
      {
        type: "child",
        label: "Подведомственная организация или отделение",
        id: "service-kgz",
        name: "service-kgz",
        status: "active",
      },
    ]);
    const service = ok(await get("/api/inventory/institutions/service-kgz?lang=en"));
    expect(service.relationships.map((r: { type: string; id: string }) => [r.type, r.id])).toEqual([
      ["parent", "ministry-kgz"],
    ]);
    expect(service.city).toBe("Bishkek");
    expect(ok(await get("/api/inventory/institutions/service-kgz?lang=ru")).city).toBe("Бишкек");

    const cycle = await asEditor("POST", "/api/inventory/institutions/ministry-kgz/relationships?lang=ru", {
      type: "parent",
      id: "service-kgz",
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().detail).toMatch(/уже связаны/);
    const bad = await asEditor("POST", "/api/inventory/institutions/ministry-kgz/relationships", {
      type: "boss",
      id: "x",
    });
    expect(bad.json().field).toBe("type");
  });

  it("checks identifiers' formats and refuses one another entry has", async () => {
    ok(
      await asEditor("PUT", "/api/inventory/institutions/stat-kaz/identifiers", {
        identifiers: { wikidata: "Q1065", ror: "https://ror.org/03vek6s52" },
      }),
    );
    const typo = await asEditor("PUT", "/api/inventory/institutions/stat-kgz/identifiers", {
      identifiers: { ror: "03vek6s53" },
    });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().field).toBe("identifiers.ror");
    const taken = await asEditor("PUT", "/api/inventory/institutions/stat-kaz-copy/identifiers", {
      identifiers: { wikidata: "q1065" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toMatch(/stat-kaz/);
    ok(
      await asEditor("PUT", "/api/inventory/institutions/stat-kaz/names", {
        names: [{ type: "former", lang: "ru", name: "Агентство по статистике" }],
      }),
    );
    const detail = ok(await get("/api/inventory/institutions/stat-kaz?lang=en"));
    expect(detail.identifiers.map((i: { scheme: string; url: string }) => [i.scheme, i.url])).toEqual([
      ["ror", "https://ror.org/03vek6s52"],
      ["wikidata", "https://www.wikidata.org/wiki/Q1065"],
    ]);
    expect(detail.names).toEqual([{ type: "former", lang: "ru", name: "Агентство по статистике" }]);
  });

  it("counts who works on what as the search does, and proposes contacts nearby", async () => {
    const network = ok(await get("/api/inventory/network?lang=en"));
    const kgz = network.countries.find((c: { code: string }) => c.code === "KGZ");
    const at = (topic: string) => kgz.counts[network.topics.findIndex((x: { id: string }) => x.id === topic)];
    // ministry and service work on labour migration in KGZ; stat-kgz and the synthetic entry on statistics.
    expect(at("labour-migration")).toBe(2);
    expect(at("statistics")).toBe(2);
    const search = ok(await get("/api/inventory/institutions?country=KGZ&topic=statistics"));
    expect(search.total).toBe(at("statistics"));
    const stat = ok(await get("/api/inventory/institutions/stat-kgz?lang=en"));
    // Kazakhstan is a neighbour; Moldova is not; the synthetic entry is a contact too (active, same topic).
    expect(stat.contacts.map((c: { id: string }) => c.id)).toEqual(["test-entry", "stat-kaz", "stat-kaz-copy"]);
    expect(stat.contacts[1]).toMatchObject({ neighbouring: true, countries: [{ code: "KAZ", name: "Kazakhstan" }] });
  });

  it("queues entries to verify, and verifying takes one out with who and when", async () => {
    const queue = ok(await asEditor("GET", "/api/inventory/verification?pageSize=100"));
    const ids = queue.items.map((i: { id: string }) => i.id);
    // The broken website first; then never verified; stat-kaz was verified over a year ago; stat-kgz is current.
    expect(ids[0]).toBe("stat-mda");
    expect(queue.items[0].reasons).toEqual(["link", "never"]);
    expect(ids).toContain("stat-kaz");
    expect(ids).not.toContain("stat-kgz");
    expect(ids).not.toContain("test-entry");
    ok(await asEditor("POST", "/api/inventory/institutions/stat-kaz/verify", { note: "checked the website" }));
    const after = ok(await asEditor("GET", "/api/inventory/verification?pageSize=100"));
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain("stat-kaz");
    const detail = ok(await asEditor("GET", "/api/inventory/institutions/stat-kaz"));
    expect(detail).toMatchObject({ verifiedAt: clock.toISOString(), verifiedBy: "Network Editor" });
    expect(detail.history[0]).toMatchObject({ kind: "verify", reason: "checked the website" });
    // The public sees the date, never the account.
    expect(ok(await get("/api/inventory/institutions/stat-kaz")).verifiedBy).toBeUndefined();
  });

  it("keeps a merged entry as a redirect with its history, and a dismissed pair away from the duplicates", async () => {
    ok(await asEditor("POST", "/api/inventory/duplicates/dismiss", { a: "stat-kgz", b: "stat-kaz" }));
    ok(
      await asEditor("POST", "/api/inventory/institutions/stat-kaz-copy/merge", {
        into: "stat-kaz",
        reason: "same office",
      }),
    );
    const redirect = await get("/api/inventory/institutions/stat-kaz-copy?lang=ru");
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe("/api/inventory/institutions/stat-kaz?lang=ru");
    const kept = ok(await get("/api/inventory/institutions/stat-kaz?lang=en"));
    expect(kept.mergedFrom).toEqual([{ id: "stat-kaz-copy", name: "stat-kaz-copy" }]);
    // The kept entry took the empty Russian name from the absorbed one.
    expect(kept.name.ru).toBe("Копия");
    const history = ok(await get("/api/inventory/institutions/stat-kaz-copy/history"));
    expect(history.items[0]).toMatchObject({ kind: "merge", mergedInto: "stat-kaz", reason: "same office" });
    expect(ok(await get("/api/inventory/institutions?q=stat-kaz-copy")).total).toBe(0);
    const again = await asEditor("POST", "/api/inventory/institutions/stat-kaz-copy/merge", { into: "stat-kgz" });
    expect(again.statusCode).toBe(409);
    const pairs = ok(await asEditor("GET", "/api/inventory/duplicates?limit=200"));
    expect(
      pairs.items.some(
        (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join() === "stat-kaz,stat-kgz",
      ),
    ).toBe(false);
  });

  it("publishes releases with what changed, and a release imported into an empty instance round-trips", async () => {
    const first = ok(await asEditor("POST", "/api/inventory/releases", { note: "first" }), 201);
    expect(first.version).toBe(1);
    expect(first.counts).toMatchObject({ institutions: 6, withdrawn: 1, relationships: 1, identifiers: 2 });
    expect(first.changes.since).toBeNull();
    const nothing = await asEditor("POST", "/api/inventory/releases", {});
    expect(nothing.statusCode, nothing.body.slice(0, 600)).toBe(409);

    clock = new Date("2031-05-01T11:00:00Z");
    ok(await asEditor("DELETE", "/api/inventory/institutions/stat-mda"));
    const second = ok(await asEditor("POST", "/api/inventory/releases", {}), 201);
    expect(second.changes).toMatchObject({
      since: 1,
      added: [],
      statusChanged: [{ id: "stat-mda", from: "active", to: "withdrawn" }],
    });

    const list = ok(await get("/api/inventory/releases?lang=ru"));
    expect(list.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(list.licence).toMatchObject({ id: "CC-BY-4.0" });
    expect(list.licence.statement).toMatch(/лицензии/);
    const doc = ok(await get("/api/inventory/releases/2/inventory.json"));
    expect(doc.institutions.map((i: { id: string }) => i.id)).not.toContain("test-entry");
    const csv = await get("/api/inventory/releases/2/institutions.csv");
    expect(csv.body.split("\r\n")[0]).toMatch(/^\uFEFFid,name_en,.*,merged_into,ror_id,wikidata_id,national_id$/);
    expect((await get("/api/inventory/releases/2/relationships.csv")).body).toContain(
      "service-kgz,parent,ministry-kgz",
    );
    expect((await get("/api/inventory/releases/9")).statusCode).toBe(404);
    const schema = ok(await get("/api/inventory/releases/schema.json"));
    expect(schema.properties.institutions.items.required).toContain("relationships");

    // Round trip: read back, import into an empty instance, and the release made there is the same.
    const read = readRelease(doc);
    expect(read.problems).toEqual([]);
    await importRelease(empty.storage.db, read.release as NonNullable<typeof read.release>);
    expect(await currentReleaseContent(empty.storage.db)).toEqual(doc.institutions);
    await expect(
      importRelease(empty.storage.db, read.release as NonNullable<typeof read.release>),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect(releaseCsv(doc, "names")).toContain("stat-kaz,former,ru,Агентство по статистике");
    expect(releaseSchema("x").$id).toBe("x");
  });

  it("refuses a release whose relationships are one-sided, saying where", () => {
    const doc = {
      format: "clearinghouse-inventory-release",
      formatVersion: 1,
      version: 1,
      institutions: [
        {
          ...entry("a", {}),
          merged_into: null,
          names: [],
          identifiers: { ror: "03vek6s53" },
          relationships: [{ type: "parent", id: "b" }],
        },
        { ...entry("b", {}), merged_into: null, names: [], identifiers: {}, relationships: [] },
      ],
    };
    const messages = readRelease(doc).problems.map((p) => p.en);
    expect(messages).toEqual([
      "institutions[0].identifiers.ror: «03vek6s53»: the last two digits of a ROR identifier are its checksum, and they do not match (a typo?)",
      "a.relationships: «a» lists «b» as «Parent organisation», but «b» does not list «a» as «Subordinate body or office»",
    ]);
  });
});
