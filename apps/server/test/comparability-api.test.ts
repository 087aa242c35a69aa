import { type Dataset, Flag, Status, strides } from "@clearinghouse/cube";
import { emptyCube, type TableId, UN_REVISION_NOTE } from "@clearinghouse/domain";
import ExcelJS from "exceljs";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { comparabilityApi } from "../src/comparability/index.ts";
import { upsertCountryMetadata } from "../src/tables/country-metadata.ts";
import { CubeService } from "../src/tables/cubes.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const REPORTERS = ["ARM", "GEO"];

/** Sets a cell; coordinates not given are the first category (reporter, year, contents) or `_T`. */
function set(ds: Dataset, coords: Record<string, string>, value: number | "..", flags = 0) {
  const st = strides(ds.dimensions);
  let offset = 0;
  ds.dimensions.forEach((d, k) => {
    const first = d.code === "reporter" || d.code === "year" || d.role === "metric";
    const code = coords[d.code] ?? (first ? d.categories[0]?.code : "_T");
    offset += d.categories.findIndex((c) => c.code === code) * (st[k] as number);
  });
  ds.values[offset] = value === ".." ? Number.NaN : value;
  ds.status[offset] = value === ".." ? Status.notAvailable : Status.value;
  ds.flags[offset] = flags;
}

const cubeOf = (table: TableId) =>
  emptyCube(table, { reporters: REPORTERS, years: [2019, 2020], partners: ["AZE", "RUS"] });

async function publish(t: TestStorage, table: TableId, dataset: Dataset) {
  await saveTableVersion(t.storage.db, {
    tableId: table,
    path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" }, sort: 0 }],
    dataset,
    sourceName: "test",
  });
}

describe.each(BACKENDS)("comparability API, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let full: FastifyInstance;
  const note = { text: { en: UN_REVISION_NOTE.en, ru: UN_REVISION_NOTE.ru } };

  beforeAll(async () => {
    t = await testStorage(backend);
    // 1.1: ARM 2020 headline 100 (foreign-born 10, provisional); GEO nothing. 1.2: ARM 2020 total 9.
    const t11 = cubeOf("T1_1");
    set(t11, { reporter: "ARM", year: "2020" }, 100);
    set(t11, { reporter: "ARM", year: "2020", birthplace: "FOR" }, 10, Flag.provisional);
    await publish(t, "T1_1", { ...t11, notes: [note] });
    const t12 = cubeOf("T1_2");
    set(t12, { reporter: "ARM", year: "2020" }, 9);
    set(t12, { reporter: "ARM", year: "2020", cob: "RUS" }, 9);
    await publish(t, "T1_2", t12);
    // 3: ARM immigration 2019 and 2020, mostly from Russia.
    const t3 = cubeOf("T3");
    set(t3, { reporter: "ARM", year: "2019" }, 50);
    set(t3, { reporter: "ARM", year: "2020" }, 120);
    set(t3, { reporter: "ARM", year: "2020", prevres: "RUS" }, 80);
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 30);
    set(t3, { reporter: "ARM", year: "2020", prevres: "_O" }, 10);
    await publish(t, "T3", t3);
    await upsertCountryMetadata(t.storage.db, [
      {
        reporter: "ARM",
        tableId: "T3",
        fromYear: 2020,
        source: { en: "Register", ru: "Регистр" },
        definition: { en: "12 months", ru: "12 месяцев" },
        coverage: { en: "All", ru: "Все" },
        breaks: { en: "New register in 2020.", ru: "Новый регистр в 2020 году." },
      },
    ]);
    app = Fastify();
    // A catalogue never kept, so that a new version shows at the next request.
    await app.register(comparabilityApi, {
      cubes: new CubeService(t.storage.db, 64 * 1024 * 1024, 0),
      languages: ["en", "ru"],
      reporters: REPORTERS,
    });
    full = await buildApp({ ...t.config, reporters: REPORTERS }, t.storage);
  });
  afterAll(async () => {
    await app?.close();
    await full?.close();
    await t?.dispose();
  });

  it("answers the availability matrix with states, shares and counts", async () => {
    const res = await app.inject({ url: "/api/comparability/availability?table=T1_1&detail=total&lang=ru" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.language).toBe("ru");
    expect(body.reporters).toEqual([
      { code: "ARM", name: "Армения" },
      { code: "GEO", name: "Грузия" },
    ]);
    expect(body.years).toEqual([2019, 2020]);
    const arm = body.blocks.find((b: { reporter: string; year: number }) => b.reporter === "ARM" && b.year === 2020);
    expect(arm).toMatchObject({ table: "T1_1", state: "available", share: 1, counts: { expected: 1, values: 1 } });
    const all = (await app.inject({ url: "/api/comparability/availability?table=T1_1&country=ARM&from=2020" })).json();
    expect(all.blocks).toHaveLength(1);
    expect(all.blocks[0]).toMatchObject({ state: "flagged", counts: { expected: 171, values: 2, provisional: 1 } });
    expect(body.states.map((s: { label: string }) => s.label)).toContain("отсутствуют");
  });

  it("sends the matrix as CSV and as Excel with the matrix sheet", async () => {
    const csv = await app.inject({ url: "/api/comparability/availability?table=T1_1&detail=total&format=csv" });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toContain("availability.csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "reporter,country,table,number,year,state,state label,share,expected,values,nil,confidential,not available,provisional,estimated,breaks,partners",
    );
    expect(lines).toContain("ARM,Armenia,T1_1,1.1,2020,available,available,1,1,1,0,0,0,0,0,0,");
    expect(lines).toHaveLength(1 + 2 * 2);
    const xlsx = await app.inject({
      url: "/api/comparability/availability?table=T1_1&detail=total&format=xlsx&lang=ru",
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Матрица", "Наличие данных"]);
    const matrix = workbook.getWorksheet("Матрица");
    expect(matrix?.getRow(1).values).toEqual([undefined, "страна", "таблица", "2019", "2020"]);
    expect(matrix?.getRow(2).values).toEqual([undefined, "Армения", "1.1", 0, 100]);
  });

  it("refuses bad parameters with a problem naming them, in the request's language", async () => {
    const cases = [
      ["table=T9", /unknown table "T9"/],
      ["country=FRA", /"FRA" is not a participating country/],
      ["from=19", /from must be a year/],
      ["detail=most", /detail must be one of total, sex, age, all/],
      ["format=pdf", /format must be one of json, csv, xlsx/],
      ["chapter=sport", /unknown chapter "sport"/],
    ] as const;
    for (const [query, detail] of cases) {
      const res = await app.inject({ url: `/api/comparability/availability?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toMatch(detail);
    }
    const ru = await app.inject({ url: "/api/comparability/availability?table=T9&lang=ru" });
    expect(ru.json().detail).toMatch(/неизвестная таблица «T9»/);
    expect((await app.inject({ url: "/api/comparability/consistency/ARM/20x0" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/api/comparability/countries/FRA" })).statusCode).toBe(400);
  });

  it("reports consistency per country and year with cells, links and explained warnings", async () => {
    const res = await app.inject({ url: "/api/comparability/consistency/ARM/2020" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.reporter).toEqual({ code: "ARM", name: "Armenia" });
    // 1.1 FOR 10 against 1.2 _T 9: only 1.1 carries the UN note, so it is an error.
    const cross = body.findings.find((f: { rule: string }) => f.rule === "cross.T1_1.FOR=T1_2._T");
    expect(cross).toMatchObject({ severity: "error", table: "T1_2", expected: 10, found: 9, explanation: null });
    expect(cross.links).toEqual([
      { table: "T1_2", href: "/en/tables/T1_2?v.reporter=ARM&v.year=2020&v.cob=_T&v.sex=_T&v.age=_T" },
      { table: "T1_1", href: "/en/tables/T1_1?v.reporter=ARM&v.year=2020&v.birthplace=FOR&v.sex=_T&v.age=_T" },
    ]);
    expect(cross.cells[1]).toMatchObject({
      table: "T1_1",
      value: 10,
      flags: "p",
      labels: { birthplace: "Foreign-born" },
    });
    // 3: 50 → 120, explained by the break the metadata records for 2020.
    const change = body.findings.find((f: { rule: string }) => f.rule === "change.previous-year");
    expect(change).toMatchObject({
      severity: "warning",
      explanation: "New register in 2020.",
      expected: 50,
      found: 120,
    });
    expect(body.errors).toBe(1);
    const ru = (await app.inject({ url: "/api/comparability/consistency/ARM/2020?lang=ru&table=T3" })).json();
    expect(ru.findings.map((f: { rule: string }) => f.rule)).toEqual(["change.previous-year"]);
    expect(ru.findings[0].explanation).toBe("Новый регистр в 2020 году.");
    expect(ru.findings[0].links[0].href).toMatch(/^\/ru\/tables\/T3\?v\.reporter=ARM&v\.year=2019,2020/);
    expect(ru.rules.every((r: { tables: string[] }) => r.tables.includes("T3"))).toBe(true);
  });

  it("sends the consistency report as CSV, and a country's years", async () => {
    const csv = await app.inject({ url: "/api/comparability/consistency/ARM/2020?format=csv" });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("severity,rule,kind,table,message,explanation,expected,found,cells,link");
    expect(lines[1]).toMatch(/^error,cross\.T1_1\.FOR=T1_2\._T,across tables,1\.2,/);
    const years = (await app.inject({ url: "/api/comparability/consistency/ARM" })).json();
    expect(years.years.map((y: { year: number; errors: number }) => [y.year, y.errors])).toEqual([
      [2019, 0],
      [2020, 1],
    ]);
  });

  it("answers a country profile with its top partners", async () => {
    const body = (await app.inject({ url: "/api/comparability/countries/ARM?lang=ru" })).json();
    expect(body.reporter).toEqual({ code: "ARM", name: "Армения" });
    expect(body.partnersIn).toMatchObject({ table: "T3", year: 2020, total: 120, other: 10 });
    expect(body.partnersIn.partners).toEqual([
      { code: "RUS", name: "Российская Федерация", value: 80, share: 80 / 120 },
      { code: "AZE", name: "Азербайджан", value: 30, share: 30 / 120 },
    ]);
    expect(body.partnersOut).toMatchObject({ table: "T4", year: null, partners: [] });
    expect(body.availability.reporters).toEqual([{ code: "ARM", name: "Армения" }]);
  });

  it("changes at once when a table gets a new version, and answers 304 to a client that has the answer", async () => {
    const url = "/api/comparability/availability?table=T1_1&detail=total&country=GEO";
    const before = await app.inject({ url });
    expect(before.json().blocks.map((b: { state: string }) => b.state)).toEqual(["missing", "missing"]);
    const etag = before.headers.etag as string;
    expect((await app.inject({ url, headers: { "if-none-match": etag } })).statusCode).toBe(304);
    const next = cubeOf("T1_1");
    set(next, { reporter: "GEO", year: "2019" }, 5);
    await publish(t, "T1_1", next);
    const after = await app.inject({ url, headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().blocks.map((b: { state: string }) => b.state)).toEqual(["available", "missing"]);
    expect(after.json().versions).toBe("T1_1@2");
  });

  it("is in the application's OpenAPI document", async () => {
    const doc = (await full.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/comparability/availability",
        "/api/comparability/consistency/{country}",
        "/api/comparability/consistency/{country}/{year}",
        "/api/comparability/countries/{country}",
      ]),
    );
    expect((await full.inject({ url: "/api/comparability/countries/GEO" })).statusCode).toBe(200);
  });
});
