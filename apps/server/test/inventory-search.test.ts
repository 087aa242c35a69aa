/** The inventory's search on both back ends: quality in English and Russian, facets, paging, sorting, hostile input. */

import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldText } from "../src/inventory/fold.ts";
import type { InstitutionFields } from "../src/inventory/interchange.ts";
import { parseSearchParams, type SearchParams } from "../src/inventory/query.ts";
import { saveInstitutions } from "../src/inventory/repository.ts";
import { allMatching, searchInstitutions } from "../src/inventory/search.ts";
import { SEED_INSTITUTIONS } from "../src/inventory/seed/institutions.ts";
import { seedInventory } from "../src/inventory/seed.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const base: InstitutionFields = {
  id: "",
  name_en: null,
  name_ru: null,
  name_original: null,
  original_language: null,
  acronym: null,
  category: "non-profit",
  status: "active",
  city_ru: null,
  source_url: null,
  country: null,
  city: null,
  address: null,
  latitude: null,
  longitude: null,
  countries_of_activity: [],
  website: null,
  email: null,
  phone: null,
  summary_en: null,
  summary_ru: null,
  topics: [],
  languages: [],
  verified_at: null,
  synthetic: false,
};

const HOSTILE_NAME = `<script>alert("x")</script> & <b>Institute</b> '; drop table institution; --`;

/** Entries of the tests, beside the seed. */
const FIXTURES: InstitutionFields[] = [
  {
    ...base,
    id: "t-migrants-ru",
    name_ru: "Фонд поддержки мигрантов",
    summary_ru: "Помогает мигранты найти работу и жильё.",
    country: "ARM",
    topics: ["integration"],
  },
  {
    ...base,
    id: "t-hostile",
    name_en: HOSTILE_NAME,
    summary_en: '=HYPERLINK("http://example.com") and <img src=x onerror=alert(1)>',
    category: "other",
  },
];

const ALL = [...SEED_INSTITUTIONS, ...FIXTURES];

describe.each(BACKENDS)("the inventory's search, on %s", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
    await seedInventory(t.storage.db);
    await t.storage.db.transaction().execute((trx) => saveInstitutions(trx, FIXTURES, { kind: "create" }));
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const search = (query: Record<string, unknown>) =>
    searchInstitutions(t.storage.db, parseSearchParams({ pageSize: "100", ...query }, "en"));
  const ids = async (q: string, more: Record<string, unknown> = {}) =>
    (await search({ q, ...more })).rows.map((r) => r.id);

  it("finds Russian words in any form (russian stemming): мигрантов finds мигранты and миграции", async () => {
    const found = await ids("мигрантов");
    expect(found).toContain("t-migrants-ru");
    // "статистику миграции" in the national statistical offices' summaries
    expect(found).toContain("armstat");
    expect(await ids("мигранты")).toContain("t-migrants-ru");
    expect(await ids("статистики")).toEqual(expect.arrayContaining(["armstat", "rosstat", "cisstat"]));
  });

  it("finds English words in any form: migrants finds migration, statistical finds statistics", async () => {
    expect(await ids("migrants")).toEqual(expect.arrayContaining(["armstat", "iom"]));
    expect(await ids("statistical")).toEqual(expect.arrayContaining(["armstat", "rosstat", "eurostat"]));
  });

  it("tolerates typos and other transliterations", async () => {
    expect(await ids("statistcs")).toEqual(expect.arrayContaining(["armstat", "belstat", "stat-kg"]));
    const kyrgyz = await search({ q: "Kirgizstan" });
    expect(kyrgyz.rows.slice(0, 4).map((r) => r.country)).toEqual(["KGZ", "KGZ", "KGZ", "KGZ"]);
    expect(kyrgyz.rows.map((r) => r.id)).toContain("stat-kg");
    expect(await ids("Kazakstan")).toContain("stat-kz");
    expect(await ids("Росстат")).toContain("rosstat");
    expect((await ids("Rosstat"))[0]).toBe("rosstat");
    expect((await ids("Armstat"))[0]).toBe("armstat");
  });

  it("finds institutions by the name of their country, in Russian and English", async () => {
    for (const q of ["Армения", "Армении", "Armenia"]) {
      const found = await search({ q });
      expect(
        found.rows.map((r) => r.id),
        q,
      ).toEqual(expect.arrayContaining(["armstat", "iom-armenia", "cba-am"]));
      // Those located in the country come before those only working there.
      const located = found.rows.filter((r) => r.country === "ARM").length;
      expect(
        found.rows.slice(0, located).every((r) => r.country === "ARM"),
        q,
      ).toBe(true);
      expect(
        found.rows.every((r) => r.country === "ARM" || r.countries_of_activity.includes("ARM")),
        q,
      ).toBe(true);
    }
  });

  it("ranks names above summaries, matches the last word as a beginning, phrases and exclusions", async () => {
    // "Eurostat" is the name of one entry and a word of no summary; "statistics" is in names and summaries.
    expect((await ids("Eurostat"))[0]).toBe("eurostat");
    const bureau = await ids("bureau statistics");
    expect(bureau.slice(0, 2).sort()).toEqual(["stat-kz", "stat-md"]);
    expect(await ids("armst")).toEqual(["armstat"]);
    expect(await ids("Geneva")).toEqual(expect.arrayContaining(["iom", "ilo", "unhcr", "unece-statistics"]));
    expect(await ids('"labour migration"')).toEqual(expect.arrayContaining(["ilo", "eec"]));
    const banks = await ids("central bank");
    expect(banks).toContain("cbr");
    expect(await ids("central bank -russian")).not.toContain("cbr");
    expect((await ids("central bank -russian")).length).toBe(banks.length - 1);
  });

  it("counts facets for the query, each ignoring its own filter", async () => {
    const result = await search({ category: "government", topic: "remittances,trafficking" });
    const matches = (f: InstitutionFields, skip: "category" | "topic" | "none") =>
      (skip === "category" || f.category === "government") &&
      (skip === "topic" || f.topics.some((x) => x === "remittances" || x === "trafficking"));
    expect(result.total).toBe(ALL.filter((f) => matches(f, "none")).length);
    expect(result.rows.every((r) => r.category === "government")).toBe(true);
    const count = (facet: readonly { id: string; count: number }[]) =>
      Object.fromEntries(facet.map((c) => [c.id, c.count]));
    const categories: Record<string, number> = {};
    for (const f of ALL.filter((f) => matches(f, "category")))
      categories[f.category] = (categories[f.category] ?? 0) + 1;
    expect(count(result.facets.category)).toEqual(categories);
    const topics: Record<string, number> = {};
    for (const f of ALL.filter((f) => matches(f, "topic"))) for (const x of f.topics) topics[x] = (topics[x] ?? 0) + 1;
    expect(count(result.facets.topic)).toEqual(topics);
    const countries: Record<string, number> = {};
    for (const f of ALL.filter((f) => matches(f, "none"))) {
      for (const c of new Set([...(f.country ? [f.country] : []), ...f.countries_of_activity])) {
        countries[c] = (countries[c] ?? 0) + 1;
      }
    }
    expect(count(result.facets.country)).toEqual(countries);
  });

  it("filters by country where an institution is or works, with AND across facets and OR within one", async () => {
    const armenia = await search({ country: "ARM" });
    expect(armenia.total).toBe(
      ALL.filter((f) => f.country === "ARM" || f.countries_of_activity.includes("ARM")).length,
    );
    const two = await search({ country: "ARM,GEO", topic: "remittances" });
    expect(two.rows.map((r) => r.id).sort()).toEqual(["cba-am", "nbg"]);
    const withQuery = await search({ q: "bank", country: "ARM" });
    expect(withQuery.rows.map((r) => r.id)).toEqual(["cba-am"]);
    expect(withQuery.facets.country.find((c) => c.id === "GEO")?.count).toBe(1);
  });

  it("pages through the results sorted by name in the language, or by the last change", async () => {
    for (const lang of ["en", "ru"] as const) {
      const pages = [];
      for (let page = 1; page <= 4; page++) {
        const p = await searchInstitutions(
          t.storage.db,
          parseSearchParams({ lang, page: String(page), pageSize: "20" }, lang),
        );
        expect(p.total).toBe(ALL.length);
        pages.push(...p.rows);
      }
      expect(pages.map((r) => r.id).sort()).toEqual(ALL.map((f) => f.id).sort());
      const name = (r: { name_en: string | null; name_ru: string | null }) =>
        (lang === "ru" ? (r.name_ru ?? r.name_en) : (r.name_en ?? r.name_ru)) ?? "";
      const collator = new Intl.Collator(lang);
      const sorted = [...pages].sort((a, b) => collator.compare(name(a), name(b)) || (a.id < b.id ? -1 : 1));
      expect(pages.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    }
    await t.storage.db
      .transaction()
      .execute((trx) =>
        saveInstitutions(trx, [{ ...(FIXTURES[0] as InstitutionFields), city: "Yerevan" }], { kind: "update" }),
      );
    const updated = await search({ sort: "updated", pageSize: "2" });
    expect(updated.rows[0]?.id).toBe("t-migrants-ru");
    expect(updated.rows[0]?.version).toBe(2);
  });

  it("learns the words of new and changed entries for prefixes and typos", async () => {
    expect(await ids("Zhambyl")).toEqual([]);
    const entry = { ...(FIXTURES[0] as InstitutionFields), id: "t-words", name_en: "Zhambylskaya Foundation" };
    await t.storage.db.transaction().execute((trx) => saveInstitutions(trx, [entry], { kind: "create" }));
    expect(await ids("Zhambyls")).toEqual(["t-words"]);
    const renamed = { ...entry, name_en: "Quokkaville Foundation" };
    await t.storage.db.transaction().execute((trx) => saveInstitutions(trx, [renamed], { kind: "update" }));
    expect(await ids("Quokkavile")).toEqual(["t-words"]);
    await t.storage.db.deleteFrom("institution").where("id", "=", "t-words").execute();
  });

  it("stores hostile text as given and returns it as text", async () => {
    const [row] = (await search({ q: "alert institute" })).rows;
    expect(row?.name_en).toBe(HOSTILE_NAME);
    expect(row?.summary_en).toBe(FIXTURES[1]?.summary_en);
    expect(
      await t.storage.db.selectFrom("institution").select("id").where("id", "=", "armstat").execute(),
    ).toHaveLength(1);
  });

  it("never fails on query syntax, SQL or text-search operators", async () => {
    for (const q of ["&|!():*", "a & b | !c", "'", "''", "\\", "%_", "a:*", "!(", "<->", "<2>", "' or 1=1 --", "*"]) {
      const result = await search({ q });
      expect(result.total, q).toBeGreaterThanOrEqual(0);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (q) => {
        const params: SearchParams = parseSearchParams({ q }, "ru");
        const result = await searchInstitutions(t.storage.db, params);
        expect(result.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });

  it("lists every match for exports and the map, in the same order as the pages", async () => {
    const params = parseSearchParams({ q: "statistics", pageSize: "100" }, "en");
    const page = await searchInstitutions(t.storage.db, params);
    const all = await allMatching(t.storage.db, params);
    expect(all.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    expect(all[0]?.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(page.rows[0]?.updated_at).toBe(all[0]?.updated_at);
  });

  it("folds names in the database as fold.ts does", async () => {
    const letters = [..."АаБбЁёЖжХхЦцЧчШшЩщЮюЯяЫыЪъЬьЙйІіЇїЄєҐґЎўӘәҒғҚқҢңӨөҰұҮүҺһҶҷӢӣӮӯҲҳ"];
    const latin = [..."AaYyZzKkHhDdJj əçğıöşüșțăâîéèêëáàäóòôúùñłżźśćńęą 0-'"];
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(...letters, ...latin), maxLength: 30 }), async (text) => {
        const { rows } = await sql<{ f: string }>`select inventory_fold(${text}) as f`.execute(t.storage.db);
        expect(rows[0]?.f).toBe(foldText(text));
      }),
      { numRuns: 60 },
    );
  });
});
