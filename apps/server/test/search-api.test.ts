import type { Dataset } from "@clearinghouse/cube";
import { emptyCube, TABLE_IDS, type TableId } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TableMetadata, TableSearchIndex, type TableVersionRef } from "../src/api/search/table-index.ts";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

interface Match {
  kind: "title" | "variable" | "value";
  text: string;
  variable?: string;
}
interface Result {
  id: string;
  label: string;
  updated: string | null;
  illustrative?: boolean;
  matches: Match[];
}
interface SearchBody {
  language: string;
  query: string;
  total: number;
  results: Result[];
}

/** Kazakhstan is a reporter of T3 and a partner of T4 only; the other standard tables have neither. */
function standardTable(id: TableId): Dataset {
  const reporters = id === "T3" ? ["ARM", "KAZ"] : ["ARM"];
  const partners = id === "T4" ? ["KAZ", "TUR"] : ["DEU"];
  return emptyCube(id, { reporters, years: [2020], partners });
}

/** Kazakhstan in the title (KZ1) and in a variable's label (KZ2); accents and ё in the texts. */
function custom(id: string, title: Dataset["title"], variable: Dataset["title"], values: Dataset["title"][]): Dataset {
  const categories = values.map((label, i) => ({ code: `C${i}`, label }));
  return {
    id,
    languages: ["en", "ru"],
    title,
    decimals: 0,
    dimensions: [{ code: "region", label: variable, role: "other", categories }],
    values: new Float64Array(categories.length),
    status: new Uint8Array(categories.length),
    flags: new Uint8Array(categories.length),
  };
}

const KZ1 = custom(
  "KZ1",
  { en: "Registration of labour migrants from Kazakhstan", ru: "Учёт трудовых мигрантов из Казахстана" },
  { en: "Sector", ru: "Отрасль" },
  [
    { en: "Construction", ru: "Строительство" },
    { en: "Construction materials", ru: "Строительные материалы" },
    { en: "Road construction", ru: "Дорожное строительство" },
    { en: "Construction design", ru: "Проектирование" },
    { en: "Trade", ru: "Торговля" },
  ],
);
const KZ2 = custom(
  "KZ2",
  { en: "Residents by region", ru: "Жители по областям" },
  { en: "Region of Kazakhstan", ru: "Область Казахстана" },
  [
    { en: "Almaty", ru: "Алматы" },
    { en: "Türkiye border", ru: "Граница с Турцией" },
  ],
);

describe.each(BACKENDS)("the table search API, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];

  beforeAll(async () => {
    t = await testStorage(backend, { maxCalls: 10_000 });
    for (const id of TABLE_IDS) {
      await saveTableVersion(t.storage.db, { tableId: id, path, dataset: standardTable(id), sourceName: `${id}.px` });
    }
    for (const dataset of [KZ1, KZ2]) {
      await saveTableVersion(t.storage.db, { tableId: dataset.id, path, dataset, sourceName: `${dataset.id}.px` });
    }
    app = await buildApp(t.config, t.storage);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const search = async (q: string, more = "") => {
    const url = `/api/search?q=${encodeURIComponent(q)}${more}`;
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as SearchBody;
  };
  // The indicators table IND, derived from the standard tables, is found by its reporters and words too: checked
  // once below, left out of the other comparisons.
  const ids = (body: SearchBody) => body.results.map((r) => r.id).filter((id) => id !== "IND");
  const result = (body: SearchBody, id: string) => body.results.find((r) => r.id === id);

  it("finds a country by its value label in either language, labelled in the language asked for", async () => {
    const en = await search("Kazakhstan", "&lang=en");
    expect(en).toMatchObject({ language: "en", query: "Kazakhstan", total: 5 });
    expect(result(en, "IND")?.matches).toEqual([
      { kind: "value", text: "Kazakhstan", variable: "Reporting country", variableCode: "reporter", valueCode: "KAZ" },
    ]);
    // Title, then variable, then the two tables that have Kazakhstan as a value.
    expect(ids(en)).toEqual(["KZ1", "KZ2", "T3", "T4"]);
    const t3 = result(en, "T3");
    expect(t3?.label).toBe("Long-term immigration by country of previous residence");
    expect(t3?.matches).toEqual([
      { kind: "value", text: "Kazakhstan", variable: "Reporting country", variableCode: "reporter", valueCode: "KAZ" },
    ]);
    expect(result(en, "T4")?.matches).toEqual([
      {
        kind: "value",
        text: "Kazakhstan",
        variable: "Country of next residence",
        variableCode: "nextres",
        valueCode: "KAZ",
      },
    ]);
    expect(en.results[0]?.matches).toEqual([{ kind: "title", text: KZ1.title.en }]);
    expect(en.results[1]?.matches).toEqual([{ kind: "variable", text: "Region of Kazakhstan" }]);

    // A Russian query on the English page finds the same tables, labelled in English.
    const ruOnEn = await search("Казахстан", "&lang=en");
    expect(ids(ruOnEn)).toEqual(ids(en));
    expect(result(ruOnEn, "T3")?.matches).toEqual(t3?.matches);
    const ru = await search("Kazakhstan", "&lang=ru");
    expect(ru.language).toBe("ru");
    expect(result(ru, "T3")).toMatchObject({
      id: "T3",
      label: "Долгосрочная иммиграция по стране предыдущего проживания",
      matches: [
        {
          kind: "value",
          text: "Казахстан",
          variable: "Страна, представившая данные",
          variableCode: "reporter",
          valueCode: "KAZ",
        },
      ],
    });
  });

  it("finds Russian words whatever their ending, titles first, and answers in English by default", async () => {
    const body = await search("гражданство");
    expect(body.language).toBe("en");
    const found = ids(body);
    const byTitle = ["T2_1", "T2_2", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"];
    expect(new Set(found.slice(0, byTitle.length))).toEqual(new Set(byTitle));
    expect(body.results[0]?.matches[0]).toMatchObject({ kind: "title" });
    // No other table has the word, in any text.
    expect(found).toHaveLength(byTitle.length);
    expect(body.results.find((r) => r.id === "T2_1")?.label).toBe("Population by citizenship status");
  });

  it("requires every word somewhere in the table, and ranks whole words above prefixes", async () => {
    expect(ids(await search("immigration Kazakhstan"))).toEqual(["T3"]);
    expect(ids(await search("emigration Türkiye"))).toEqual(["T4"]);
    expect(ids(await search("долгосрочная эмиграция казахстан"))).toEqual(["T4"]);
    expect((await search("immigration nowhereland")).total).toBe(0);
    // Stop words are not required ("from" is in no table but KZ1).
    expect(ids(await search("immigration from Kazakhstan"))).toEqual(["T3"]);
    // A prefix as one types it finds the same tables.
    expect(ids(await search("Kazakh"))).toEqual(["KZ1", "KZ2", "T3", "T4"]);
  });

  it("ignores case, accents and ё, and matches codes of tables, variables and values", async () => {
    for (const q of ["KAZAKHSTAN", "казахстан", "КАЗАХСТАН"]) expect(ids(await search(q)), q).toHaveLength(4);
    expect(ids(await search("учет мигрантов"))).toEqual(["KZ1"]);
    expect(ids(await search("turkiye"))).toEqual(["KZ2", "T4"]);
    expect(ids(await search("KAZ"))).toEqual(["KZ1", "KZ2", "T3", "T4"]);
    expect((await search("T5_1")).results[0]).toMatchObject({ id: "T5_1", matches: [{ kind: "title" }] });
    const variable = await search("prevres");
    expect(ids(variable)).toEqual(["T3"]);
    expect(variable.results[0]?.matches).toEqual([{ kind: "variable", text: "Country of previous residence" }]);
  });

  it("gives each result its id, title, update time and a few matches, and a total beyond the limit", async () => {
    const all = await search("sex");
    // Every standard table, and IND by its sex ratio.
    expect(all.total).toBe(TABLE_IDS.length + 1);
    expect(all.results.every((r) => r.matches.length > 0 && r.matches.length <= 5)).toBe(true);
    expect(all.results[0]?.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(all.results[0]).not.toHaveProperty("illustrative");
    // Ties keep the tables' natural order.
    expect(ids(all)).toEqual([...TABLE_IDS]);
    const limited = await search("sex", "&limit=2");
    expect(limited).toMatchObject({ total: TABLE_IDS.length + 1 });
    expect(ids(limited)).toEqual(["T1_1", "T1_2"]);
    // Four values of KZ1 match: a result shows three at most.
    const construction = await search("construction");
    expect(ids(construction)).toEqual(["KZ1"]);
    expect(construction.results[0]?.matches).toEqual([
      { kind: "value", text: "Construction", variable: "Sector", variableCode: "region", valueCode: "C0" },
      { kind: "value", text: "Construction materials", variable: "Sector", variableCode: "region", valueCode: "C1" },
      { kind: "value", text: "Road construction", variable: "Sector", variableCode: "region", valueCode: "C2" },
    ]);
  });

  it("answers an empty query with no results", async () => {
    for (const q of ["", "   "]) expect(await search(q)).toMatchObject({ query: "", total: 0, results: [] });
    const res = await app.inject({ url: "/api/search" });
    expect(res.json()).toMatchObject({ total: 0, results: [] });
  });

  it("refuses too long a query, an unknown language and a bad limit with a problem document", async () => {
    for (const [url, detail] of [
      [`/api/search?q=${"a".repeat(201)}`, "q is longer than 200 characters"],
      ["/api/search?q=x&lang=fr", 'unknown language "fr" (en, ru)'],
      ["/api/search?q=x&limit=0", "limit must be a whole number from 1 to 100"],
      ["/api/search?q=x&limit=abc", "limit must be a whole number"],
      ["/api/search?q=x&limit=101", "limit must be a whole number"],
      ["/api/search?q=x&q=y", "querystring/q must be string"],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status: 400, instance: url });
      expect(res.json().detail, url).toContain(detail);
    }
    // 200 characters are fine.
    expect((await app.inject({ url: `/api/search?q=${"a".repeat(200)}` })).statusCode).toBe(200);
  });

  it("answers a repeated search with 304 Not Modified", async () => {
    const url = "/api/search?q=kazakhstan&lang=ru";
    const first = await app.inject({ url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect((await app.inject({ url, headers: { "if-none-match": etag } })).statusCode).toBe(304);
    const other = await app.inject({ url: "/api/search?q=kazakhstan&lang=en" });
    expect(other.headers.etag).not.toBe(etag);
  });

  it("follows a newly published version of a table", async () => {
    expect(ids(await search("Uzbekistan"))).toEqual([]);
    const renamed = {
      ...KZ1,
      title: { en: "Labour migrants from Uzbekistan", ru: "Трудовые мигранты из Узбекистана" },
    };
    await saveTableVersion(t.storage.db, { tableId: "KZ1", path, dataset: renamed, sourceName: "KZ1.px" });
    // The catalog is re-read after two seconds; move the clock on rather than wait.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10_000 });
    try {
      const found = await search("узбекистан", "&lang=en");
      expect(found.results).toEqual([
        expect.objectContaining({ id: "KZ1", matches: [{ kind: "title", text: "Labour migrants from Uzbekistan" }] }),
      ]);
      expect(ids(await search("Kazakhstan"))).toEqual(["KZ2", "T3", "T4"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("documents its route in the OpenAPI document under the Search tag", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    const get = doc.paths["/api/search"]?.get;
    expect(get?.tags).toEqual(["Search"]);
    expect(get?.summary).toBeTruthy();
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["q", "lang", "limit"]));
    const result = get.responses["200"].content["application/json"].schema.properties.results.items;
    expect(Object.keys(result.properties)).toEqual(
      expect.arrayContaining(["id", "label", "updated", "illustrative", "matches"]),
    );
  });
});

describe("the table search API's rate limit", () => {
  it("counts searches with the other API calls", async () => {
    const t = await testStorage("pglite", { maxCalls: 2 });
    const app = await buildApp(t.config, t.storage);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: `/api/search?q=x${i}` })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
      await t.dispose();
    }
  }, 120_000);
});

describe("the table search index", () => {
  const meta = (id: string, title: string): TableMetadata => {
    const { values: _v, status: _s, flags: _f, ...rest } = custom(id, { en: title }, { en: "Sex" }, [{ en: "Men" }]);
    return rest;
  };
  const ref = (id: string, version: number): TableVersionRef => ({ id, version, updated: new Date(0) });

  it("reads only the versions it has not indexed, and forgets tables no longer published", async () => {
    const asked: string[][] = [];
    const titles: Record<string, string> = { "A@1": "Emigration", "B@1": "Immigration", "A@2": "Naturalisation" };
    const index = new TableSearchIndex(async (versions) => {
      asked.push(versions.map((v) => `${v.id}@${v.version}`));
      return new Map(versions.map((v) => [v.id, meta(v.id, titles[`${v.id}@${v.version}`] ?? "")]));
    });
    await index.update([ref("A", 1), ref("B", 1)]);
    await index.update([ref("A", 1), ref("B", 1)]);
    expect(asked).toEqual([["A@1", "B@1"]]);
    expect(index.search("migration", "en").map((r) => r.id)).toEqual([]);
    expect(index.search("emigration", "en").map((r) => r.id)).toEqual(["A"]);
    const before = index.versionKey;

    await Promise.all([index.update([ref("A", 2)]), index.update([ref("A", 2)])]);
    expect(asked).toEqual([["A@1", "B@1"], ["A@2"]]);
    expect(index.versionKey).not.toBe(before);
    expect(index.search("emigration", "en")).toEqual([]);
    expect(index.search("immigration", "en")).toEqual([]);
    expect(index.search("naturalisation men", "en")).toEqual([
      {
        id: "A",
        label: "Naturalisation",
        updated: "1970-01-01T00:00:00Z",
        matches: [
          { kind: "title", text: "Naturalisation" },
          { kind: "value", text: "Men", variable: "Sex", variableCode: "region", valueCode: "C0" },
        ],
      },
    ]);
  });
});
