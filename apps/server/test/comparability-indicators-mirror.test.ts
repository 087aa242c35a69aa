/**
 * Table IND and the mirror statistics through the APIs, on the demo tables of three countries: IND listed in the
 * tree and served by PxWeb API v1 and 2.0 in every download format, its values those of its input tables, a new
 * version of an input giving a new IND at once; the mirror matrix and series in JSON and CSV.
 */
import { INDICATORS } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { CubeService } from "../src/tables/cubes.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { seedDemo } from "../src/tables/seed.ts";
import { type TestStorage, testStorage } from "./helpers.ts";

const REPORTERS = ["ARM", "KAZ", "RUS"];
const ALL = "valuecodes[reporter]=*&valuecodes[year]=*";
const vc = (variable: string, codes: string) =>
  `valuecodes[${encodeURIComponent(variable)}]=${encodeURIComponent(codes)}`;

describe("table IND and mirror statistics through the APIs", () => {
  let t: TestStorage;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const response = await app.inject({ url });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  /** A cell of a v2 json-stat2 answer of one value per dimension. */
  const v2Value = async (table: string, selection: Record<string, string>) => {
    const query = Object.entries(selection)
      .map(([k, v]) => vc(k, v))
      .join("&");
    const body = (await get(`/api/v2/tables/${table}/data?${query}`)).json();
    expect(body.value).toHaveLength(1);
    return body.value[0] as number | null;
  };

  beforeAll(async () => {
    t = await testStorage("pglite", { maxCalls: 10_000, reporters: REPORTERS });
    await seedDemo(t.storage.db, { reporters: REPORTERS });
    app = await buildApp(t.config, t.storage);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists IND in the folder Indicators of the table tree (v1 and v2)", async () => {
    expect((await get("/api/v1/en/migration")).json().map((n: { id: string }) => n.id)).toContain("indicators");
    const folder = (await get("/api/v1/ru/migration/indicators")).json();
    expect(folder).toEqual([expect.objectContaining({ id: "IND", type: "t", text: "Показатели миграции" })]);
    const tables = (await get("/api/v2/tables?pageSize=100")).json().tables.map((x: { id: string }) => x.id);
    expect(tables).toContain("IND");
    const entry = (await get("/api/v2/tables/IND")).json();
    expect(entry.label).toBe("Migration indicators");
    expect(entry.paths[0].map((p: { id: string }) => p.id)).toEqual(["migration", "indicators"]);
  });

  it("describes IND: reporter, year and the indicators as contents, units per indicator", async () => {
    const meta = (await get("/api/v2/tables/IND/metadata?lang=en")).json();
    expect(meta.id).toEqual(["reporter", "year", "ContentsCode"]);
    expect(meta.role.metric).toEqual(["ContentsCode"]);
    expect(Object.keys(meta.dimension.ContentsCode.category.index)).toEqual(INDICATORS.map((d) => d.code));
    expect(meta.dimension.ContentsCode.category.unit.IMMRATE.base).toBe("per 1,000 mean population");
    const ru = (await get("/api/v2/tables/IND/metadata?lang=ru")).json();
    expect(ru.dimension.ContentsCode.category.label.NETMIG).toBe("Сальдо миграции");
  });

  it("computes net migration from the current tables 3 and 4 (v2 json-stat2)", async () => {
    const at = { reporter: "KAZ", year: "2020", sex: "_T", age: "_T" };
    const immigration = await v2Value("T3", { ...at, prevres: "_T", ContentsCode: "IMM" });
    const emigration = await v2Value("T4", { ...at, nextres: "_T", ContentsCode: "EMI" });
    expect(typeof immigration).toBe("number");
    const net = await v2Value("IND", { reporter: "KAZ", year: "2020", ContentsCode: "NETMIG" });
    expect(net).toBe((immigration as number) - (emigration as number));
  });

  it("serves IND in every download format (v2) and through v1", async () => {
    for (const format of ["px", "csv", "xlsx", "html", "json-px", "parquet", "json-stat2"]) {
      const response = await get(
        `/api/v2/tables/IND/data?outputFormat=${format}&${ALL}&${vc("ContentsCode", "NETMIG,IMMRATE")}`,
      );
      expect(response.rawPayload.length, format).toBeGreaterThan(100);
    }
    const px = (await get(`/api/v2/tables/IND/data?outputFormat=px&${ALL}&${vc("ContentsCode", "*")}`)).body;
    expect(px).toContain('MATRIX="IND"');
    expect(px).toContain("per 1,000 mean population");
    const v1meta = (await get("/api/v1/en/migration/indicators/IND")).json();
    expect(v1meta.variables.map((v: { code: string }) => v.code)).toEqual(["reporter", "year", "ContentsCode"]);
    const query = {
      query: [
        { code: "reporter", selection: { filter: "item", values: ["KAZ"] } },
        { code: "year", selection: { filter: "item", values: ["2020"] } },
        { code: "ContentsCode", selection: { filter: "item", values: ["NETMIG"] } },
      ],
      response: { format: "json-stat2" },
    };
    const res = await app.inject({ method: "POST", url: "/api/v1/en/migration/indicators/IND", payload: query });
    expect(res.statusCode, res.body).toBe(200);
    const net = await v2Value("IND", { reporter: "KAZ", year: "2020", ContentsCode: "NETMIG" });
    expect(res.json().value).toEqual([net]);
  });

  it("gives the formula and source cells of a value", async () => {
    const one = (await get("/api/comparability/indicators/KAZ/2020/NETMIG?lang=ru")).json();
    expect(one.formula).toMatch(/3 Всего − 4 Всего/);
    expect(one.sources.map((s: { table: string }) => s.table)).toEqual(["T3", "T4"]);
    expect(one.sources[0].labels[0]).toEqual({ dimension: "Страна, представившая данные", value: "Казахстан" });
    const net = await v2Value("IND", { reporter: "KAZ", year: "2020", ContentsCode: "NETMIG" });
    expect(one.value).toBe(net);
    expect(one.sources[0].value - one.sources[1].value).toBe(net);
    const all = (await get("/api/comparability/indicators/KAZ/2020")).json();
    const rate = all.indicators.find((i: { code: string }) => i.code === "IMMRATE");
    const [flow, start, end] = rate.sources.map((s: { value: number }) => s.value);
    expect(rate.sources.map((s: { cell: { year: string } }) => s.cell.year)).toEqual(["2020", "2020", "2021"]);
    // Without 1.1 on 1 January of the next year, the year's population stands in, flagged estimated.
    const mean = end === null ? start : (start + end) / 2;
    expect(rate.value).toBe(Math.round((flow / mean) * 1000 * 10) / 10);
    if (end === null) expect(rate.flags).toContain("e");
    const series = (await get("/api/comparability/indicators/ARM")).json();
    expect(series.indicators).toHaveLength(INDICATORS.length);
    expect((await app.inject({ url: "/api/comparability/indicators/XXX/2020" })).statusCode).toBe(404);
    expect((await app.inject({ url: "/api/comparability/indicators/KAZ/2020/NOPE" })).statusCode).toBe(404);
  });

  it("makes a new IND at once when an input gets a new version", async () => {
    const before = (await get("/api/v2/tables/IND")).json();
    const cubes = new CubeService(t.storage.db);
    const t4 = await cubes.current("T4");
    if (!t4) throw new Error("no T4");
    const dataset = { ...t4.dataset, values: t4.dataset.values.map((v) => v * 2) };
    await saveTableVersion(t.storage.db, { tableId: "T4", path: [], dataset, sourceName: "test" });
    // A new application reads the catalog afresh (a running one within its 2 s snapshot).
    await app.close();
    app = await buildApp(t.config, t.storage);
    const after = (await get("/api/v2/tables/IND")).json();
    expect(after.updated >= before.updated).toBe(true);
    const immigration = await v2Value("T3", {
      reporter: "KAZ",
      year: "2020",
      sex: "_T",
      age: "_T",
      prevres: "_T",
      ContentsCode: "IMM",
    });
    const emigration = await v2Value("T4", {
      reporter: "KAZ",
      year: "2020",
      sex: "_T",
      age: "_T",
      nextres: "_T",
      ContentsCode: "EMI",
    });
    const net = await v2Value("IND", { reporter: "KAZ", year: "2020", ContentsCode: "NETMIG" });
    expect(net).toBe((immigration as number) - (emigration as number));
  });

  it("answers the mirror matrix of a year and the series of a pair, in JSON and CSV", async () => {
    const matrix = (await get("/api/comparability/mirror?year=2020&lang=ru")).json();
    expect(matrix.year).toBe("2020");
    expect(matrix.comparisons).toHaveLength(6);
    const pair = matrix.comparisons.find(
      (c: { receiver: string; sender: string }) => c.receiver === "KAZ" && c.sender === "RUS",
    );
    const I = await v2Value("T3", {
      reporter: "KAZ",
      year: "2020",
      sex: "_T",
      age: "_T",
      prevres: "RUS",
      ContentsCode: "IMM",
    });
    const E = await v2Value("T4", {
      reporter: "RUS",
      year: "2020",
      sex: "_T",
      age: "_T",
      nextres: "KAZ",
      ContentsCode: "EMI",
    });
    expect(pair.immigration.value).toBe(I);
    expect(pair.emigration.value).toBe(E);
    expect(pair.asymmetry.value).toBeCloseTo(((I as number) - (E as number)) / ((I as number) + (E as number)), 3);
    expect(pair.immigration.cell).toMatchObject({ table: "T3", cell: { reporter: "KAZ", prevres: "RUS" } });
    expect(matrix.definitions.asymmetry).toMatch(/Индекс асимметрии/);
    const series = (await get("/api/comparability/mirror/KAZ/RUS?basis=citizenship")).json();
    expect(series.comparisons.map((c: { year: string }) => c.year)).toEqual(series.years);
    const csv = (await get("/api/comparability/mirror?year=2020&format=csv")).body;
    expect(csv.startsWith("\uFEFFbasis,year,receiver")).toBe(true);
    const lines = csv.trim().split("\r\n");

    expect(lines).toHaveLength(7);
    expect((await app.inject({ url: "/api/comparability/mirror/KAZ/KAZ" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/api/comparability/mirror/KAZ/USA" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/api/comparability/mirror?year=20x0" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/api/comparability/mirror?basis=sex" })).statusCode).toBe(400);
  });

  it("documents the mirror and indicator routes in the OpenAPI document", async () => {
    const doc = (await get("/api/openapi.json")).json();
    for (const path of [
      "/api/comparability/mirror",
      "/api/comparability/mirror/{receiver}/{sender}",
      "/api/comparability/indicators",
      "/api/comparability/indicators/{reporter}",
      "/api/comparability/indicators/{reporter}/{year}",
      "/api/comparability/indicators/{reporter}/{year}/{indicator}",
    ]) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(["Comparability"]);
    }
  });
});
