/** PxWeb API 2.0 contract (PxAPI-2.yml): request → exact response shape, on every storage back end. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Dataset, datasetFromPxBytes, decodeDataset, flagLetters, strides, symbolOf } from "@clearinghouse/cube";
import type { FastifyInstance, InjectOptions } from "fastify";
import JSONstat from "jsonstat-toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { importPath } from "../src/tables/import.ts";
import { loadDataset, saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, CORPUS, PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

const BASE = "http://localhost:80/api/v2";
const DAY = 86_400_000;
const COUNTRY = "Страна предыдущего проживания";
const SEX = "Пол";
const YEAR = "Год";
/** 93 tables of the corpus, T3 and T3E. */
const TABLES = 95;

interface TablesPage {
  readonly tables: { readonly id: string }[];
  readonly page: { readonly pageNumber: number; readonly links: { readonly rel: string; readonly href: string }[] };
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
const vc = (variable: string, codes: string) =>
  `valuecodes[${encodeURIComponent(variable)}]=${encodeURIComponent(codes)}`;

function fixture(): Dataset {
  const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
  if (!dataset) throw new Error("fixture not read");
  return dataset;
}

/** T3 with a value set and a grouping on the countries, and both country and sex eliminated by their totals. */
function enriched(ds: Dataset): Dataset {
  return {
    ...ds,
    id: "T3E",
    dimensions: ds.dimensions.map((d, k) => {
      if (k === 0) {
        return {
          ...d,
          elimination: { code: "_T" },
          valueSets: [{ id: "CIS", label: { en: "CIS countries", ru: "Страны СНГ" }, codes: ["ARM", "BLR", "KAZ"] }],
          groupings: [
            {
              id: "REGION",
              label: { en: "Regions", ru: "Регионы" },
              groups: [
                { code: "CIS", label: { en: "CIS", ru: "СНГ" }, members: ["ARM", "BLR", "KAZ"] },
                { code: "OTHER", label: { en: "Other", ru: "Прочие" }, members: ["_O"] },
              ],
            },
          ],
        };
      }
      return k === 1 ? { ...d, elimination: { code: "_T" } } : d;
    }),
  };
}

/** The stored cell at the given category codes, as JSON-stat gives it: null and the symbol for no number. */
function storedCell(ds: Dataset, at: Readonly<Record<string, string>>) {
  const stride = strides(ds.dimensions);
  let i = 0;
  ds.dimensions.forEach((d, k) => {
    const position = d.categories.findIndex((c) => c.code === at[d.code]);
    if (position === -1) throw new Error(`no ${at[d.code]} in ${d.code}`);
    i += position * (stride[k] as number);
  });
  const status = ds.status[i] as number;
  const flags = ds.flags[i] as number;
  return {
    value: status === 0 ? (ds.values[i] as number) : null,
    status: status !== 0 ? symbolOf(ds, status) : flags ? flagLetters(flags) : null,
  };
}

/** Every combination of the category codes of `dimensions` (JSON-stat's id and category ids). */
function combinations(dimensions: readonly { code: string; ids: readonly string[] }[]): Record<string, string>[] {
  return dimensions.reduce<Record<string, string>[]>(
    (acc, d) => acc.flatMap((partial) => d.ids.map((id) => ({ ...partial, [d.code]: id }))),
    [{}],
  );
}

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  url: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["detail", "instance", "status", "title", "type"]);
  // The instance is the URL as a valid URI reference: the brackets of valuecodes[VAR] percent-encoded.
  expect(body).toMatchObject({ type: "about:blank", status, instance: url.replace(/[[\]]/g, encodeURIComponent) });
  expect(body.title).toBe(
    { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" }[status as 400],
  );
  expect(typeof body.detail).toBe("string");
  return body as { detail: string };
}

describe.each(BACKENDS)("PxWeb API 2.0 on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const t3 = fixture();
  const t3e = enriched(t3);
  const t3Published = new Date(Math.floor((Date.now() - 10 * DAY) / 1000) * 1000);
  const t3ePublished = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url, payload: payload as InjectOptions["payload"], headers } as InjectOptions);

  beforeAll(async () => {
    t = await testStorage(backend, { maxCells: 1000, maxCalls: 10_000 });
    await importPath(t.storage.db, CORPUS, { into: ["corpus"] });
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset: t3, sourceName: "t3.px", now: t3Published });
    await saveTableVersion(t.storage.db, {
      tableId: "T3E",
      path,
      dataset: t3e,
      sourceName: "t3e.px",
      now: t3ePublished,
    });
    app = await buildApp(t.config, t.storage);
  }, 120_000); // importing the whole corpus takes a while
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists the tables page by page, with links to the next, previous and last pages", async () => {
    const first = await get("/api/v2/tables?pageSize=10");
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(Object.keys(body).sort()).toEqual(["language", "links", "page", "tables"]);
    expect(body.language).toBe("en");
    expect(body.page).toEqual({
      pageNumber: 1,
      pageSize: 10,
      totalElements: TABLES,
      totalPages: 10,
      links: [
        { rel: "next", hreflang: "en", href: `${BASE}/tables?lang=en&pageSize=10&pageNumber=2` },
        { rel: "first", hreflang: "en", href: `${BASE}/tables?lang=en&pageSize=10&pageNumber=1` },
        { rel: "last", hreflang: "en", href: `${BASE}/tables?lang=en&pageSize=10&pageNumber=10` },
      ],
    });
    expect(body.links).toEqual([
      { rel: "self", hreflang: "en", href: `${BASE}/tables?lang=en&pageSize=10&pageNumber=1` },
    ]);
    expect(body.tables).toHaveLength(10);
    for (const table of body.tables) {
      expect(table).toMatchObject({ type: "Table", category: "public", description: expect.any(String) });
      for (const key of ["id", "label", "updated", "firstPeriod", "lastPeriod", "variableNames", "links", "paths"]) {
        expect(table).toHaveProperty(key);
      }
      expect(table.links.map((l: { rel: string }) => l.rel)).toEqual(["self", "metadata", "data"]);
      expect(table.paths[0][0]).toEqual({ id: "corpus", label: "corpus" });
    }

    // Following the links walks every table once, in id order.
    const ids: string[] = [];
    let next: string | undefined = `${BASE}/tables?lang=en&pageSize=10&pageNumber=1`;
    let pages = 0;
    while (next) {
      const page: TablesPage = (await get(next.slice("http://localhost:80".length))).json();
      pages++;
      const rels = page.page.links.map((l) => l.rel);
      expect(rels.includes("previous")).toBe(page.page.pageNumber > 1);
      ids.push(...page.tables.map((x) => x.id));
      next = page.page.links.find((l) => l.rel === "next")?.href;
    }
    expect(pages).toBe(10);
    expect(ids).toHaveLength(TABLES);
    expect(new Set(ids).size).toBe(TABLES);
    expect([...ids].sort()).toEqual(ids);

    const last = (await get("/api/v2/tables?pageSize=10&pageNumber=10")).json();
    expect(last.tables).toHaveLength(5);
    expect(last.page.links.map((l: { rel: string }) => l.rel)).toEqual(["previous", "first", "last"]);
    expectProblem(
      await get("/api/v2/tables?pageSize=10&pageNumber=11"),
      404,
      "/api/v2/tables?pageSize=10&pageNumber=11",
    );
    expectProblem(await get("/api/v2/tables?pageSize=0"), 400, "/api/v2/tables?pageSize=0");
    expectProblem(await get("/api/v2/tables?pageNumber=first"), 400, "/api/v2/tables?pageNumber=first");
  });

  it("searches ids and titles in every language, and filters by pastDays", async () => {
    const ids = async (url: string) => (await get(url)).json().tables.map((x: { id: string }) => x.id);
    expect(await ids("/api/v2/tables?query=immigration")).toEqual(["T3", "T3E"]);
    expect(await ids(`/api/v2/tables?query=${encodeURIComponent("ИММИГРАЦИЯ полу")}`)).toEqual(["T3", "T3E"]);
    expect(await ids("/api/v2/tables?query=be0101n1")).toEqual([
      "BE0101N1",
      "BE0101N1autopen",
      "BE0101N1descdefault",
      "BE0101N1descnotdefault",
      "BE0101N1doublecol",
    ]);
    const both = (await get("/api/v2/tables?query=population%20sex&pageSize=100")).json();
    expect(both.page.totalElements).toBeGreaterThan(5);
    for (const table of both.tables) {
      const text = `${table.id} ${table.label}`.toLowerCase();
      expect(text).toContain("population");
      expect(text).toContain("sex");
    }
    const none = (await get("/api/v2/tables?query=nothing-like-this")).json();
    expect(none.tables).toEqual([]);
    expect(none.page).toMatchObject({ pageNumber: 1, totalElements: 0, totalPages: 1 });

    const paged = (await get("/api/v2/tables?query=immigration&pageSize=1&lang=ru")).json();
    expect(paged.language).toBe("ru");
    expect(paged.tables[0].label).toBe("Долгосрочная иммиграция по стране предыдущего проживания, полу и годам");
    expect(paged.page.links[0]).toEqual({
      rel: "next",
      hreflang: "ru",
      href: `${BASE}/tables?lang=ru&query=immigration&pageSize=1&pageNumber=2`,
    });

    const recent = await ids("/api/v2/tables?pastDays=5&pageSize=1000");
    expect(recent).toContain("T3E");
    expect(recent).not.toContain("T3"); // published ten days ago
    expect(recent).not.toContain("BE0101A1"); // figures last updated in 2006
    expect((await ids("/api/v2/tables?pastDays=11&query=immigration")).sort()).toEqual(["T3", "T3E"]);
    expectProblem(await get("/api/v2/tables?pastDays=-1"), 400, "/api/v2/tables?pastDays=-1");
    expectProblem(
      await get("/api/v2/tables?includeDiscontinued=maybe"),
      400,
      "/api/v2/tables?includeDiscontinued=maybe",
    );
  });

  it("describes one table as a TableResponse", async () => {
    const res = await get("/api/v2/tables/T3?lang=ru");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      language: "ru",
      type: "Table",
      id: "T3",
      label: "Долгосрочная иммиграция по стране предыдущего проживания, полу и годам",
      description: "",
      updated: iso(t3Published),
      firstPeriod: "2022",
      lastPeriod: "2023",
      category: "public",
      variableNames: [COUNTRY, SEX, YEAR],
      source: "Вымышленное статистическое ведомство",
      subjectCode: "MIG",
      timeUnit: "Annual",
      paths: [[{ id: "migration", label: "Миграция" }]],
      // The fixture's first note marks its figures as illustrative.
      illustrative: true,
      dataOrigin: "illustrative",
      links: [
        { rel: "self", hreflang: "ru", href: `${BASE}/tables/T3?lang=ru` },
        { rel: "metadata", hreflang: "ru", href: `${BASE}/tables/T3/metadata?lang=ru` },
        { rel: "data", hreflang: "ru", href: `${BASE}/tables/T3/data?lang=ru&outputFormat=json-stat2` },
      ],
    });
    const en = (await get("/api/v2/tables/T3")).json();
    expect(en).toMatchObject({
      language: "en",
      label: "Long-term immigration by country of previous residence, sex and year",
      variableNames: ["Country of previous residence", "Sex", "Year"],
      paths: [[{ id: "migration", label: "Migration" }]],
    });
    // A table without a time variable has no periods.
    expect((await get("/api/v2/tables/CanBeAny")).json()).toMatchObject({ firstPeriod: null, lastPeriod: null });
    expect((await get("/api/v2/tables/CanBeAny")).json()).not.toHaveProperty("timeUnit");
  });

  it("gives metadata as JSON-stat 2.0 without values, with elimination and codelists", async () => {
    const res = await get("/api/v2/tables/T3E/metadata");
    expect(res.statusCode).toBe(200);
    const json = res.json();
    expect(json.value).toEqual([]);
    expect(json).not.toHaveProperty("status");
    const ds = JSONstat(json);
    expect(ds.class).toBe("dataset");
    expect(ds.label).toBe("Long-term immigration by country of previous residence, sex and year");
    expect(ds.id).toEqual([COUNTRY, SEX, YEAR]);
    expect(ds.size).toEqual([5, 3, 2]);
    expect(ds.role?.time).toEqual([YEAR]);
    const country = ds.Dimension(COUNTRY);
    expect(country?.label).toBe("Country of previous residence");
    expect(country?.id).toEqual(["_T", "ARM", "BLR", "KAZ", "_O"]);
    expect(country?.Category("_O")?.label).toBe("Other countries");
    expect(country?.Category("_O")?.note).toEqual(["Including unknown."]);
    expect(country?.extension).toEqual({
      elimination: true,
      eliminationValueCode: "_T",
      codelists: [
        {
          id: "agg_REGION",
          label: "Regions",
          type: "Aggregation",
          links: [{ rel: "metadata", hreflang: "en", href: `${BASE}/codelists/agg_REGION?lang=en` }],
        },
        {
          id: "vs_CIS",
          label: "CIS countries",
          type: "Valueset",
          links: [{ rel: "metadata", hreflang: "en", href: `${BASE}/codelists/vs_CIS?lang=en` }],
        },
      ],
    });
    expect(ds.Dimension(YEAR)?.extension).toEqual({ timeUnit: "Annual", elimination: false });
    expect(json.extension).toMatchObject({
      px: { tableid: "T3E", matrix: "T3E", decimals: 0, language: "en", heading: [YEAR], stub: [COUNTRY, SEX] },
      firstPeriod: "2022",
      lastPeriod: "2023",
      timeUnit: "Annual",
    });
    expect(json.updated).toBe(iso(t3ePublished));

    const ru = JSONstat((await get("/api/v2/tables/T3E/metadata?lang=ru")).json());
    expect(ru.Dimension(SEX)?.label).toBe("Пол");
    expect(ru.Dimension(SEX)?.Category("F")?.label).toBe("Женщины");

    // codelist[VAR]: the variable's values as the codelist has them.
    const grouped = JSONstat(
      (await get(`/api/v2/tables/T3E/metadata?codelist[${encodeURIComponent(COUNTRY)}]=agg_REGION`)).json(),
    );
    expect(grouped.Dimension(COUNTRY)?.id).toEqual(["CIS", "OTHER"]);
    const subset = JSONstat(
      (await get(`/api/v2/tables/T3E/metadata?codelist[${encodeURIComponent(COUNTRY)}]=vs_CIS`)).json(),
    );
    expect(subset.Dimension(COUNTRY)?.id).toEqual(["ARM", "BLR", "KAZ"]);
    const bad = `/api/v2/tables/T3E/metadata?codelist[${encodeURIComponent(COUNTRY)}]=vs_NONE`;
    expectProblem(await get(bad), 400, bad);
  });

  it("answers data as JSON-stat 2.0, every cell as stored", async () => {
    const url = `/api/v2/tables/T3/data?${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "*")}`;
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain('filename="T3-illustrative.json"');
    const ds = JSONstat(res.json());
    expect(ds.id).toEqual([COUNTRY, SEX, YEAR]);
    expect(ds.n).toBe(30);
    const cells = combinations(ds.id.map((code) => ({ code, ids: ds.Dimension(code)?.id ?? [] })));
    expect(cells).toHaveLength(30);
    for (const at of cells) expect(ds.Data(at), JSON.stringify(at)).toEqual(storedCell(t3, at));
    expect(ds.Data({ [COUNTRY]: "BLR", [SEX]: "M", [YEAR]: "2022" })).toEqual({ value: null, status: ".." });
    expect(ds.Data({ [COUNTRY]: "BLR", [SEX]: "_T", [YEAR]: "2022" })).toEqual({ value: null, status: "-" });

    // A part of the table, in the asked language.
    const part = JSONstat(
      (
        await get(`/api/v2/tables/T3/data?lang=ru&${vc(COUNTRY, "ARM,KAZ")}&${vc(SEX, "F")}&${vc(YEAR, "2023")}`)
      ).json(),
    );
    expect(part.size).toEqual([2, 1, 1]);
    expect(part.Dimension(COUNTRY)?.Category("KAZ")?.label).toBe("Казахстан");
    expect(part.Data({ [COUNTRY]: "KAZ", [SEX]: "F", [YEAR]: "2023" })?.value).toBe(3900);
    expect(part.Data({ [COUNTRY]: "ARM", [SEX]: "F", [YEAR]: "2023" })?.value).toBe(1650);
  });

  it("expands wildcards and selection expressions into code lists", async () => {
    const meta = JSONstat((await get("/api/v2/tables/PR0101D8/metadata")).json());
    const periods = meta.Dimension("period")?.id ?? [];
    expect(periods).toHaveLength(58);
    const codes = async (variable: string, expression: string, table = "PR0101D8", rest = "") => {
      const res = await get(`/api/v2/tables/${table}/data?${vc(variable, expression)}${rest}`);
      expect(res.statusCode, `${expression}: ${res.body}`).toBe(200);
      return JSONstat(res.json()).Dimension(variable)?.id;
    };
    expect(await codes("period", "top(3)")).toEqual(periods.slice(-3));
    expect(await codes("period", "TOP(2,1)")).toEqual(periods.slice(-3, -1));
    expect(await codes("period", "bottom(2)")).toEqual(periods.slice(0, 2));
    expect(await codes("period", "bottom(2,3)")).toEqual(periods.slice(3, 5));
    expect(await codes("period", `from(${periods[55]})`)).toEqual(periods.slice(55));
    expect(await codes("period", `to(${periods[1]})`)).toEqual(periods.slice(0, 2));
    expect(await codes("period", `range(${periods[12]},${periods[10]})`)).toEqual(periods.slice(10, 13));
    expect(await codes("period", "2005*")).toEqual(periods.filter((p) => p.startsWith("2005")));
    expect(await codes("period", "*12")).toEqual(periods.filter((p) => p.endsWith("12")));
    expect(await codes("period", "200?M01")).toEqual(periods.filter((p) => /^200.M01$/.test(p)));
    expect(await codes("period", `top(1),${periods[0]},${periods[0]}`)).toEqual([periods[0], periods.at(-1)]);
    expect(await codes("period", "*")).toEqual(periods);
    const aliased = await get(`/api/v2/tables/PR0101D8/data?${vc("TIME", "top(1)")}`); // "time" names the time variable
    expect(JSONstat(aliased.json()).Dimension("period")?.id).toEqual(periods.slice(-1));

    // Away from time, top is the first values and bottom the last.
    const others = `&${vc(SEX, "_T")}&${vc(YEAR, "2022")}`;
    expect(await codes(COUNTRY, "top(2)", "T3", others)).toEqual(["_T", "ARM"]);
    expect(await codes(COUNTRY, "bottom(1)", "T3", others)).toEqual(["_O"]);
    expect(await codes(COUNTRY, "*a*", "T3", others)).toEqual(["ARM", "KAZ"]);
    expect(await codes(COUNTRY, "[arm],kaz", "T3", others)).toEqual(["ARM", "KAZ"]); // codes without regard to case
    const lower = JSONstat((await get(`/api/v2/tables/T3/data?${vc(COUNTRY.toLowerCase(), "blr")}${others}`)).json());
    expect(lower.Dimension(COUNTRY)?.id).toEqual(["BLR"]); // variables too are found without regard to case
  });

  it("takes a POST selection with placement, and uses the default selection without one", async () => {
    const body = {
      selection: [
        { variableCode: YEAR, valueCodes: ["2022", "2023"] },
        { variableCode: COUNTRY, codelist: null, valueCodes: ["ARM", "_O"] },
        { variableCode: SEX, valueCodes: ["M", "F"] },
      ],
      placement: { heading: [COUNTRY], stub: [YEAR] },
    };
    const res = await post("/api/v2/tables/T3/data", body);
    expect(res.statusCode).toBe(200);
    expect(res.headers).not.toHaveProperty("etag");
    const ds = JSONstat(res.json());
    // Stub first, then the variables named nowhere, then the heading.
    expect(ds.id).toEqual([YEAR, SEX, COUNTRY]);
    expect(ds.size).toEqual([2, 2, 2]);
    const cells = combinations(ds.id.map((code) => ({ code, ids: ds.Dimension(code)?.id ?? [] })));
    for (const at of cells) expect(ds.Data(at)).toEqual(storedCell(t3, at));
    expect(res.json().value).toEqual([1500, 1000, 1600, 1000, 1650, null, 1650, null]);

    // The drafts' spelling codeList is read too.
    const draft = await post("/api/v2/tables/T3E/data", {
      selection: [
        { variableCode: COUNTRY, codeList: "vs_CIS", valueCodes: ["*"] },
        { variableCode: YEAR, valueCodes: ["2022"] },
      ],
    });
    expect(JSONstat(draft.json()).Dimension(COUNTRY)?.id).toEqual(["ARM", "BLR", "KAZ"]);

    // Without a selection: the default one, which /defaultselection describes.
    const defaults = (await get("/api/v2/tables/T3/defaultselection")).json();
    expect(defaults).toEqual({
      language: "en",
      selection: [
        { variableCode: COUNTRY, valueCodes: ["_T", "ARM", "BLR", "KAZ", "_O"] },
        { variableCode: SEX, valueCodes: ["_T", "M", "F"] },
        { variableCode: YEAR, valueCodes: ["2023"] },
      ],
      placement: { heading: [YEAR], stub: [COUNTRY, SEX] },
      links: [
        { rel: "self", hreflang: "en", href: `${BASE}/tables/T3/defaultselection?lang=en` },
        { rel: "data", hreflang: "en", href: `${BASE}/tables/T3/data?lang=en` },
      ],
    });
    for (const answer of [await post("/api/v2/tables/T3/data", undefined), await get("/api/v2/tables/T3/data")]) {
      expect(answer.statusCode).toBe(200);
      const data = JSONstat(answer.json());
      expect(data.size).toEqual([5, 3, 1]);
      expect(data.Dimension(YEAR)?.id).toEqual(["2023"]);
    }
    // Eliminable variables are left out of the default, the time variable keeps its latest period.
    const elimtot = (await get("/api/v2/tables/BE0101A1elimtot/defaultselection")).json();
    expect(elimtot.selection.map((s: { variableCode: string }) => s.variableCode)).toEqual([
      "marital status",
      "period",
    ]);
    expect(elimtot.selection[1].valueCodes).toHaveLength(1);
  });

  it("eliminates the variables left out: by their elimination value, or by summing", async () => {
    const byTotal = JSONstat((await get(`/api/v2/tables/T3E/data?${vc(YEAR, "*")}`)).json());
    expect(byTotal.id).toEqual([YEAR]);
    expect([byTotal.Data([0])?.value, byTotal.Data([1])?.value]).toEqual([12500, 13100]);

    const stored = await loadDataset(t.storage.db, "BE0101N1", 1);
    if (!stored) throw new Error("BE0101N1 not stored");
    expect(stored.dimensions.map((d) => [d.code, Boolean(d.elimination), d.elimination?.code])).toEqual([
      ["region", true, undefined],
      ["period", false, undefined],
      ["sex", true, undefined],
    ]);
    const summed = JSONstat((await get(`/api/v2/tables/BE0101N1/data?${vc("period", "*")}`)).json());
    expect(summed.id).toEqual(["period"]);
    const periods = summed.Dimension("period")?.id ?? [];
    periods.forEach((period, p) => {
      let total = 0;
      for (const region of stored.dimensions[0]?.categories ?? []) {
        for (const sex of stored.dimensions[2]?.categories ?? []) {
          total += storedCell(stored, { region: region.code, period, sex: sex.code }).value ?? 0;
        }
      }
      expect(summed.Data([p])?.value).toBeCloseTo(total, 6);
    });

    const url = `/api/v2/tables/T3/data?${vc(YEAR, "2022")}`;
    expect(expectProblem(await get(url), 400, url).detail).toContain(COUNTRY);
  });

  it("answers codelists, and applies them to data", async () => {
    const set = await get("/api/v2/codelists/vs_CIS");
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      id: "vs_CIS",
      label: "CIS countries",
      language: "en",
      languages: ["ru", "en"],
      elimination: true,
      type: "Valueset",
      values: [
        { code: "ARM", label: "Armenia", valueMap: ["ARM"] },
        { code: "BLR", label: "Belarus", valueMap: ["BLR"] },
        { code: "KAZ", label: "Kazakhstan", valueMap: ["KAZ"] },
      ],
      links: [{ rel: "self", hreflang: "en", href: `${BASE}/codelists/vs_CIS?lang=en` }],
    });
    expect((await get("/api/v2/codelists/agg_REGION?lang=ru")).json()).toEqual({
      id: "agg_REGION",
      label: "Регионы",
      language: "ru",
      languages: ["ru", "en"],
      elimination: true,
      type: "Aggregation",
      values: [
        { code: "CIS", label: "СНГ", valueMap: ["ARM", "BLR", "KAZ"] },
        { code: "OTHER", label: "Прочие", valueMap: ["_O"] },
      ],
      links: [{ rel: "self", hreflang: "ru", href: `${BASE}/codelists/agg_REGION?lang=ru` }],
    });
    for (const id of ["vs_NONE", "agg_NONE", "CIS"])
      expectProblem(await get(`/api/v2/codelists/${id}`), 404, `/api/v2/codelists/${id}`);

    // A grouping's values are the sums of their members; nil counts as zero, "not available" makes the sum so.
    const codelist = `codelist[${encodeURIComponent(COUNTRY)}]=agg_REGION`;
    const grouped = JSONstat(
      (await get(`/api/v2/tables/T3E/data?${vc(COUNTRY, "*")}&${codelist}&${vc(SEX, "_T,M")}&${vc(YEAR, "*")}`)).json(),
    );
    expect(grouped.Dimension(COUNTRY)?.id).toEqual(["CIS", "OTHER"]);
    expect(grouped.Dimension(COUNTRY)?.Category("CIS")?.label).toBe("CIS");
    const cell = (country: string, sex: string, year: string) =>
      grouped.Data({ [COUNTRY]: country, [SEX]: sex, [YEAR]: year });
    expect(cell("CIS", "_T", "2022")).toEqual({ value: 3100 + 0 + 7400, status: null });
    expect(cell("CIS", "_T", "2023")).toEqual({ value: 3300 + 2000 + 7800, status: null });
    expect(cell("CIS", "M", "2023")).toEqual({ value: null, status: ".." });
    expect(cell("OTHER", "_T", "2022")).toEqual({ value: 2000, status: null });
    expect(cell("OTHER", "_T", "2023")).toEqual({ value: null, status: "-" });

    const oneGroup = JSONstat(
      (
        await post("/api/v2/tables/T3E/data", {
          selection: [
            { variableCode: COUNTRY, codelist: "agg_REGION", valueCodes: ["other"] },
            { variableCode: YEAR, valueCodes: ["2022"] },
          ],
        })
      ).json(),
    );
    expect(oneGroup.Dimension(COUNTRY)?.id).toEqual(["OTHER"]);
    expect(oneGroup.id).toEqual([COUNTRY, YEAR]); // sex eliminated by its total
    expect(oneGroup.Data({ [COUNTRY]: "OTHER", [YEAR]: "2022" })?.value).toBe(2000);
    // A value set's expressions range over its own values.
    const top = JSONstat(
      (
        await get(
          `/api/v2/tables/T3E/data?${vc(COUNTRY, "top(2)")}&codelist[${encodeURIComponent(COUNTRY)}]=vs_CIS&${vc(YEAR, "2023")}`,
        )
      ).json(),
    );
    expect(top.Dimension(COUNTRY)?.id).toEqual(["ARM", "BLR"]);

    const unknown = `/api/v2/tables/T3E/data?${vc(COUNTRY, "*")}&codelist[${encodeURIComponent(COUNTRY)}]=vs_NONE`;
    expect(expectProblem(await get(unknown), 400, unknown).detail).toContain("vs_NONE");
    const alone = `/api/v2/tables/T3E/data?codelist[${encodeURIComponent(COUNTRY)}]=vs_CIS`;
    expectProblem(await get(alone), 400, alone);
  });

  it("writes csv, px, xlsx, html and json-px that read back to the same figures", async () => {
    const selection = `${vc(COUNTRY, "ARM,KAZ")}&${vc(SEX, "*")}&${vc(YEAR, "*")}`;
    const json = JSONstat((await get(`/api/v2/tables/T3/data?${selection}`)).json());
    const expected = combinations(json.id.map((code) => ({ code, ids: json.Dimension(code)?.id ?? [] }))).map(
      (at) => json.Data(at)?.value,
    );

    const csv = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toContain('filename="T3-illustrative.csv"');
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Country of previous residence,Sex,2022,2023");
    expect(lines.slice(1)).toEqual([
      "Armenia,Total,3100,3300",
      "Armenia,Men,1500,1650",
      "Armenia,Women,1600,1650",
      "Kazakhstan,Total,7400,7800",
      "Kazakhstan,Men,3700,3900",
      "Kazakhstan,Women,3700,3900",
    ]);
    const placed = await get(
      `/api/v2/tables/T3/data?${selection}&outputFormat=CSV&heading=${encodeURIComponent(`${SEX},${YEAR}`)}&outputFormatParams=UseCodes,SeparatorSemicolon,IncludeTitle`,
    );
    const placedLines = placed.body.trimEnd().split("\r\n");
    expect(placedLines).toEqual([
      // The semicolon CSV is Excel's in Russian: a byte order mark first.
      "\uFEFFLong-term immigration by country of previous residence, sex and year",
      `${COUNTRY};_T / 2022;_T / 2023;M / 2022;M / 2023;F / 2022;F / 2023`,
      "ARM;3100;3300;1500;1650;1600;1650",
      "KAZ;7400;7800;3700;3900;3700;3900",
    ]);
    const texts = await get(
      `/api/v2/tables/T3/data?${selection}&outputFormat=csv&outputFormatParams=UseCodesAndTexts&outputFormatParams=SeparatorTab`,
    );
    expect(texts.body.split("\r\n")[1]).toBe("ARM Armenia\t_T Total\t3100\t3300");

    const px = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=px&lang=ru`);
    expect(px.statusCode).toBe(200);
    expect(px.headers["content-disposition"]).toContain('filename="T3-illustrative.px"');
    const fromPx = (await decodeDataset(new Uint8Array(px.rawPayload), "px")).dataset;
    expect(fromPx?.languages).toEqual(["ru", "en"]);
    expect(fromPx?.dimensions.map((d) => d.categories.map((c) => c.code))).toEqual([
      ["ARM", "KAZ"],
      ["_T", "M", "F"],
      ["2022", "2023"],
    ]);
    expect(Array.from(fromPx?.values ?? [])).toEqual(expected);

    const xlsx = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=xlsx`);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const fromXlsx = (await decodeDataset(new Uint8Array(xlsx.rawPayload), "xlsx")).dataset;
    expect(fromXlsx?.dimensions.map((d) => d.code)).toEqual([COUNTRY, SEX, YEAR]);
    expect(Array.from(fromXlsx?.values ?? [])).toEqual(expected);

    const html = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=html&lang=ru`);
    expect(html.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(html.body).toMatch(/^<table lang="ru">/);
    expect(html.body).toContain("<caption>Долгосрочная иммиграция");
    expect(html.body).toContain("Казахстан");

    const pxJson = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=json-px`);
    expect(pxJson.headers["content-type"]).toBe("application/json; charset=utf-8");
    const pxBody = pxJson.json();
    expect(pxBody.columns.map((c: { code: string }) => c.code)).toEqual([COUNTRY, SEX, YEAR, expect.any(String)]);
    expect(pxBody.data).toHaveLength(12);
    expect(pxBody.data[0]).toEqual({ key: ["ARM", "_T", "2022"], values: ["3100"] });
  });

  it("reports its configuration", async () => {
    const res = await get("/api/v2/config");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      apiVersion: "2.0",
      appVersion: "0.1.0",
      languages: [
        { id: "en", label: "English" },
        { id: "ru", label: "Русский" },
      ],
      defaultLanguage: "en",
      maxDataCells: 1000,
      maxCallsPerTimeWindow: 10_000,
      timeWindow: t.config.timeWindowSeconds,
      license: expect.any(String),
      sourceReferences: [
        { language: "en", text: "Source: Migration Statistics Clearinghouse" },
        { language: "ru", text: "Источник: Информационный центр по статистике миграции" },
      ],
      defaultDataFormat: "json-stat2",
      dataFormats: ["json-stat2", "csv", "px", "xlsx", "html", "json-px", "parquet"],
      features: [
        { id: "CORS", params: [{ key: "enabled", value: "true" }] },
        { id: "savedQueries", params: [{ key: "enabled", value: "true" }] },
      ],
    });
  });

  it("saves a query, gives it back, and runs it with its format or another", async () => {
    const query = {
      tableId: "T3",
      language: "ru",
      selection: {
        selection: [
          { variableCode: YEAR, valueCodes: ["top(1)"] },
          { variableCode: SEX, valueCodes: ["M", "F"] },
          { variableCode: COUNTRY, valueCodes: ["ARM"] },
        ],
        placement: { heading: [SEX], stub: [] },
      },
      outputFormat: "csv",
      outputFormatParams: ["UseCodes", "SeparatorSemicolon"],
    };
    const created = await post("/api/v2/savedqueries", query);
    expect(created.statusCode).toBe(201);
    const saved = created.json();
    expect(saved.id).toMatch(/^[\w-]{16}$/);
    // The SavedQuery itself, and as the SavedQueryResponse's savedQuery with links (see decision 0006).
    const { savedQuery, links, ...top } = saved;
    expect(top).toEqual({ id: saved.id, ...query });
    expect(savedQuery).toEqual(top);
    expect(created.headers.location).toBe(`${BASE}/savedqueries/${saved.id}`);
    const row = await t.storage.db.selectFrom("saved_query").selectAll().where("id", "=", saved.id).executeTakeFirst();
    expect(row?.table_id).toBe("T3");
    expect(row?.body).toMatchObject({ tableId: "T3", language: "ru", selection: query.selection });

    const read = await get(`/api/v2/savedqueries/${saved.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(saved);
    expect(links).toEqual([
      { rel: "self", hreflang: "ru", href: `${BASE}/savedqueries/${saved.id}` },
      { rel: "data", hreflang: "ru", href: `${BASE}/savedqueries/${saved.id}/data?lang=ru` },
      { rel: "selection", hreflang: "ru", href: `${BASE}/savedqueries/${saved.id}/selection?lang=ru` },
      { rel: "table", hreflang: "ru", href: `${BASE}/tables/T3?lang=ru` },
    ]);

    const data = await get(`/api/v2/savedqueries/${saved.id}/data`);
    expect(data.statusCode).toBe(200);
    expect(data.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(data.body.trimEnd().split("\r\n")).toEqual([`\uFEFF${COUNTRY};${YEAR};M;F`, "ARM;2023;1650;1650"]);
    const asJson = await get(`/api/v2/savedqueries/${saved.id}/data?outputFormat=json-stat2&lang=en`);
    const ds = JSONstat(asJson.json());
    expect(ds.id).toEqual([COUNTRY, YEAR, SEX]);
    expect(ds.Dimension(SEX)?.label).toBe("Sex");
    expect(asJson.json().value).toEqual([1650, 1650]);

    expect((await get(`/api/v2/savedqueries/${saved.id}/selection`)).json()).toEqual({
      language: "ru",
      selection: [
        { variableCode: YEAR, valueCodes: ["2023"] },
        { variableCode: SEX, valueCodes: ["M", "F"] },
        { variableCode: COUNTRY, valueCodes: ["ARM"] },
      ],
      placement: { heading: [SEX], stub: [COUNTRY, YEAR] },
      links: [
        { rel: "self", hreflang: "ru", href: `${BASE}/savedqueries/${saved.id}/selection?lang=ru` },
        { rel: "data", hreflang: "ru", href: `${BASE}/tables/T3/data?lang=ru` },
      ],
    });

    // An id of another form than the server makes is refused before the store is asked.
    for (const [id, status] of [
      ["no-such-query", 400],
      [saved.id.toUpperCase(), 404],
    ] as const) {
      for (const suffix of ["", "/data", "/selection"]) {
        const url = `/api/v2/savedqueries/${id}${suffix}`;
        expectProblem(await get(url), status, url);
      }
    }
    const refused: [unknown, string][] = [
      [{ ...query, tableId: "NOPE" }, "NOPE"],
      [{ ...query, language: "de" }, "language"],
      [{ ...query, language: undefined }, "language"],
      [{ ...query, selection: undefined }, "selection"],
      [{ ...query, outputFormat: "xml" }, "xml"],
      [{ ...query, selection: { selection: [{ variableCode: "nope", valueCodes: ["1"] }] } }, "nope"],
      [{ ...query, selection: { selection: [{ variableCode: YEAR, valueCodes: ["1999"] }] } }, "1999"],
      ["[1, 2]", "SavedQuery"],
    ];
    for (const [payload, word] of refused) {
      const res = await post("/api/v2/savedqueries", payload, { "content-type": "application/json" });
      expect(expectProblem(res, 400, "/api/v2/savedqueries").detail).toContain(word);
    }
  });

  it("answers every bad request with a problem document, never a 500", async () => {
    const data = "/api/v2/tables/T3/data";
    const all = `${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "*")}`;
    const cases: [string, number, RegExp][] = [
      ["/api/v2/tables/NOPE", 404, /NOPE/],
      ["/api/v2/tables/NOPE/metadata", 404, /NOPE/],
      ["/api/v2/tables/NOPE/data", 404, /NOPE/],
      ["/api/v2/tables/NOPE/defaultselection", 404, /NOPE/],
      ["/api/v2/nothing/here", 404, /nothing/],
      ["/api/v2/tables?lang=de", 400, /language "de"/],
      [`${data}?lang=de&${all}`, 400, /language/],
      ["/api/v2/tables/T3/metadata?lang=xx", 400, /language/],
      [`${data}?${all}&valuecodes[nope]=1`, 400, /no variable "nope"/],
      [`${data}?${vc(COUNTRY, "ARM,XYZ")}&${vc(SEX, "*")}&${vc(YEAR, "*")}`, 400, /"XYZ" is not a value/],
      [`${data}?${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "top(0)")}`, 400, /1 or more/],
      [`${data}?${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "top(x)")}`, 400, /not a valid selection expression/],
      [`${data}?${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "from(1999)")}`, 400, /"1999" is not a value/],
      [`${data}?${vc(COUNTRY, "Z*")}&${vc(SEX, "*")}&${vc(YEAR, "*")}`, 400, /select no values/],
      [`${data}?${all}&outputFormat=xml`, 400, /unsupported output format "xml"/],
      [`${data}?${all}&outputFormatParams=SeparatorTab`, 400, /csv and csv-long output formats only/],
      [`${data}?${all}&outputFormat=csv&outputFormatParams=UseCodes,UseTexts`, 400, /exclude each other/],
      [`${data}?${all}&outputFormat=csv&outputFormatParams=Fancy`, 400, /unknown output format parameter/],
      [`${data}?${all}&outputFormat=csv&outputFormatParams=SeparatorSpace`, 400, /SeparatorSpace/],
      [`${data}?valuecodes=1`, 400, /valuecodes\[VARIABLE\]/],
      [`${data}?${all}&heading=nope`, 400, /placement names "nope"/],
      [`/api/v2/tables/T3E/data?${vc(YEAR, "*")}&heading=${encodeURIComponent(SEX)}`, 400, /eliminated/],
      [`${data}?${all}&${vc(COUNTRY.toUpperCase(), "ARM")}`, 400, /more than once/],
      ["/api/v2/tables/BE101ACE/data?valuecodes[period]=*&valuecodes[age]=*&valuecodes[sex]=*", 400, /marital status/],
      [
        "/api/v2/tables/BE101ACE/data?valuecodes[period]=*&valuecodes[age]=*&valuecodes[sex]=*&valuecodes[marital%20status]=*",
        403,
        /8064 cells, more than the 1000/,
      ],
    ];
    for (const [url, status, detail] of cases) {
      const res = await get(url);
      expect(expectProblem(res, status, url).detail, url).toMatch(detail);
    }
    const posts: [unknown, Record<string, string>, RegExp][] = [
      ["{not json", { "content-type": "application/json" }, /JSON/i],
      [{ selection: "all" }, {}, /selection must be an array/],
      [{ selection: [{ valueCodes: ["ARM"] }] }, {}, /variableCode/],
      [{ selection: [{ variableCode: YEAR, valueCodes: "2022" }] }, {}, /valueCodes must be an array/],
      [{ selection: [{ variableCode: YEAR, valueCodes: ["*"] }], placement: { heading: "x" } }, {}, /heading/],
      [{ selection: [{ variableCode: COUNTRY, codelist: 5, valueCodes: ["*"] }] }, {}, /codelist/],
    ];
    for (const [payload, headers, detail] of posts) {
      const res = await post(data, payload, headers);
      expect(expectProblem(res, 400, data).detail).toMatch(detail);
    }
  });

  it("sends an ETag and 304 when the client has the response; POST answers are not cached", async () => {
    for (const url of [
      "/api/v2/tables?pageSize=5",
      "/api/v2/tables/T3",
      "/api/v2/tables/T3/metadata",
      `/api/v2/tables/T3/data?${vc(COUNTRY, "*")}&${vc(SEX, "*")}&${vc(YEAR, "*")}&outputFormat=xlsx`,
      "/api/v2/codelists/vs_CIS",
      "/api/v2/config",
    ]) {
      const first = await get(url);
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers["cache-control"]).toContain("public");
      const again = await get(url, { "if-none-match": etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe("");
      expect((await get(url, { "if-none-match": '"something-else"' })).statusCode).toBe(200);
    }
    const en = (await get("/api/v2/tables/T3/metadata")).headers.etag;
    const ru = (await get("/api/v2/tables/T3/metadata?lang=ru")).headers.etag;
    expect(en).not.toBe(ru);
    const posted = await post("/api/v2/tables/T3/data", undefined, { "if-none-match": en as string });
    expect(posted.statusCode).toBe(200);
    expect(posted.headers.etag).toBeUndefined();
  });
});

describe("PxWeb API 2.0 in the public API scope", () => {
  it("allows other sites' scripts and answers 429 as a problem document past the calls allowed", async () => {
    const t = await testStorage("pglite", { maxCalls: 3, timeWindowSeconds: 60 });
    const app = await buildApp(t.config, t.storage);
    try {
      const first = await app.inject({ url: "/api/v2/config", headers: { origin: "https://example.org" } });
      expect(first.statusCode).toBe(200);
      expect(first.headers["access-control-allow-origin"]).toBe("*");
      expect(first.json()).toMatchObject({ maxCallsPerTimeWindow: 3, timeWindow: 60 });
      await app.inject({ url: "/api/v2/config" });
      await app.inject({ url: "/api/v2/config" });
      const limited = await app.inject({ url: "/api/v2/tables" });
      expectProblem(limited, 429, "/api/v2/tables");
    } finally {
      await app.close();
      await t.dispose();
    }
  });
});
