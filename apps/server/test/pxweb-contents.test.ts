/**
 * The contents variable and PxWebApi 2's `extension.px` block, as PxWeb clients read them: on the demo's standard
 * tables (their ContentsCode) and on an imported PX file with a CONTVARIABLE, through API 2.0 (metadata, default
 * selection, data in json-stat2 and px) and API v1 (metadata, json, json-stat).
 */
import { join } from "node:path";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import { TABLES } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { importPath } from "../src/tables/import.ts";
import { seedDemo } from "../src/tables/seed.ts";
import { CORPUS, type TestStorage, testStorage } from "./helpers.ts";

const T3 = TABLES.find((t) => t.id === "T3");
/** A PX file of the PxWeb examples with every keyword, a CONTVARIABLE among them. */
const ALL_KEYWORDS = join(CORPUS, "pxweb-example/NPM/BE0101F1allKeywords.px");

describe("the contents variable and extension.px through the PxWeb APIs", () => {
  let t: TestStorage;
  let app: FastifyInstance;
  let imported: string;
  const get = async (url: string) => {
    const response = await app.inject({ url });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  beforeAll(async () => {
    t = await testStorage("pglite", { maxCalls: 10_000 });
    await seedDemo(t.storage.db, { reporters: ["ARM", "KAZ"] });
    const report = await importPath(t.storage.db, ALL_KEYWORDS, { into: ["examples"] });
    imported = report.imported[0]?.tableId ?? "";
    app = await buildApp(t.config, t.storage);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("v2 metadata: ContentsCode in role.metric with unit, reference period and stock/flow, in each language", async () => {
    const en = (await get("/api/v2/tables/T3/metadata?lang=en")).json();
    expect(en.id.at(-1)).toBe("ContentsCode");
    expect(en.role.metric).toEqual(["ContentsCode"]);
    expect(en.dimension.ContentsCode).toEqual({
      label: "Contents",
      category: {
        index: { IMM: 0 },
        label: { IMM: "Long-term immigrants" },
        unit: { IMM: { label: "persons", base: "persons", decimals: 0 } },
      },
      extension: { refperiod: { IMM: "Calendar year" }, measuringType: { IMM: "Flow" }, elimination: false },
    });
    const ru = (await get("/api/v2/tables/T1_1/metadata?lang=ru")).json();
    expect(ru.dimension.ContentsCode.label).toBe("Показатель");
    expect(ru.dimension.ContentsCode.category.unit.POP.base).toBe("человек");
    expect(ru.dimension.ContentsCode.extension.measuringType).toEqual({ POP: "Stock" });
  });

  it("v2 metadata: extension.px as PxWebApi writes it, in the labels' language", async () => {
    for (const lang of ["en", "ru"] as const) {
      const doc = (await get(`/api/v2/tables/T3/metadata?lang=${lang}`)).json();
      expect(doc.extension.px).toEqual({
        tableid: "T3",
        decimals: 0,
        language: lang,
        contents: T3?.content.label[lang],
        descriptiondefault: false,
        heading: ["age", "ContentsCode"],
        stub: ["reporter", "year", "prevres", "sex"],
        "official-statistics": false,
        matrix: "T3",
        aggregallowed: true,
      });
      expect(doc.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      for (const code of doc.id) expect(typeof doc.dimension[code].extension.elimination).toBe("boolean");
    }
  });

  it("v2 default selection: the contents value selected, the contents and time across", async () => {
    const body = (await get("/api/v2/tables/T3/defaultselection?lang=en")).json();
    expect(body.selection).toContainEqual({ variableCode: "ContentsCode", valueCodes: ["IMM"] });
    expect(body.placement).toEqual({ heading: ["ContentsCode", "year"], stub: ["reporter"] });
  });

  it("v2 data in json-stat2: extension.px with language, heading and stub of the result, contents kept", async () => {
    const byDefault = (await get("/api/v2/tables/T3/data?lang=ru")).json();
    expect(byDefault.extension.px).toMatchObject({
      language: "ru",
      tableid: "T3",
      contents: "Долгосрочные иммигранты",
      heading: ["ContentsCode", "year"],
      stub: ["reporter"],
    });
    expect(byDefault.role.metric).toEqual(["ContentsCode"]);
    expect(byDefault.dimension.ContentsCode.category.unit.IMM).toEqual({
      label: "человек",
      base: "человек",
      decimals: 0,
    });
    const response = await app.inject({
      method: "POST",
      url: "/api/v2/tables/T3/data?lang=en",
      payload: {
        selection: [
          { variableCode: "reporter", valueCodes: ["KAZ"] },
          { variableCode: "year", valueCodes: ["2023", "2024"] },
          { variableCode: "sex", valueCodes: ["M", "F"] },
          { variableCode: "ContentsCode", valueCodes: ["IMM"] },
        ],
        placement: { heading: ["year"], stub: ["sex"] },
      },
    });
    const placed = response.json();
    expect(placed.extension.px).toMatchObject({
      language: "en",
      heading: ["year"],
      stub: ["sex", "reporter", "ContentsCode"],
    });
    expect(placed.id).toEqual(["sex", "reporter", "ContentsCode", "year"]);
    expect(placed.value).toHaveLength(4);
  });

  it("v2 px output: CONTVARIABLE with UNITS, REFPERIOD and STOCKFA per value and language, read back the same", async () => {
    const response = await get(
      "/api/v2/tables/T3/data?lang=ru&outputFormat=px&valuecodes[reporter]=ARM&valuecodes[year]=2024&valuecodes[ContentsCode]=IMM",
    );
    const text = new TextDecoder().decode(response.rawPayload);
    for (const line of [
      'CONTVARIABLE="Показатель";',
      'CONTVARIABLE[en]="Contents";',
      'UNITS("Долгосрочные иммигранты")="человек";',
      'UNITS[en]("Long-term immigrants")="persons";',
      'REFPERIOD("Долгосрочные иммигранты")="Календарный год";',
      'REFPERIOD[en]("Long-term immigrants")="Calendar year";',
      'STOCKFA("Долгосрочные иммигранты")="F";',
    ]) {
      expect(text).toContain(line);
    }
    const { dataset } = datasetFromPxBytes(new Uint8Array(response.rawPayload));
    const contents = dataset?.dimensions.find((d) => d.role === "metric");
    expect(contents?.code).toBe("ContentsCode");
    expect(contents?.categories).toEqual([
      {
        code: "IMM",
        label: { ru: "Долгосрочные иммигранты", en: "Long-term immigrants" },
        content: {
          units: { ru: "человек", en: "persons" },
          refPeriod: { ru: "Календарный год", en: "Calendar year" },
          measuringType: "flow",
        },
      },
    ]);
  });

  it("v2 exposes an imported PX file's CONTVARIABLE the same way: units, refperiod, contacts, update", async () => {
    const doc = (await get(`/api/v2/tables/${encodeURIComponent(imported)}/metadata?lang=en`)).json();
    const [metric] = doc.role.metric;
    expect(doc.dimension[metric].category.unit).toEqual({
      "41": { label: "number", base: "number", decimals: expect.any(Number) },
      "42": { label: "number", base: "number", decimals: expect.any(Number) },
    });
    expect(doc.dimension[metric].extension).toMatchObject({
      refperiod: { "41": "31st December", "42": "31st December" },
      basePeriod: { "41": "2000", "42": "2000" },
      measuringType: { "41": "Flow", "42": "Flow" },
      elimination: false,
    });
    expect(doc.extension.contact).toContainEqual({
      raw: "Ewa Eriksson, SCB#Tel: +46 19-17 67 43#Fax: +46 19-17 69 42#E-mail: befolkning@scb.se",
    });
    expect(doc.updated).toBe("2004-02-12T16:28:00Z");
    expect(doc.extension.px.language).toBe("en");
    const data = (await get(`/api/v2/tables/${encodeURIComponent(imported)}/data?lang=en`)).json();
    expect(data.extension.contact).toEqual(doc.extension.contact);
    expect(Array.isArray(data.extension.contact)).toBe(true);
  });

  it("v1 metadata and data: ContentsCode a variable like the others, the contents column of json, metric units", async () => {
    const tables = (await get("/api/v1/en/migration/immigration")).json() as { id: string; type: string }[];
    expect(tables.map((x) => x.id)).toContain("T3");
    const url = "/api/v1/en/migration/immigration/T3";
    const meta = (await get(url)).json();
    expect(meta.variables.at(-1)).toEqual({
      code: "ContentsCode",
      text: "Contents",
      values: ["IMM"],
      valueTexts: ["Long-term immigrants"],
    });
    const query = (format: string) => ({
      query: [
        { code: "reporter", selection: { filter: "item", values: ["ARM"] } },
        { code: "year", selection: { filter: "item", values: ["2024"] } },
        { code: "ContentsCode", selection: { filter: "item", values: ["IMM"] } },
      ],
      response: { format },
    });
    const json = (await app.inject({ method: "POST", url, payload: query("json") })).json();
    expect(json.columns.map((c: { code: string; type: string }) => [c.code, c.type])).toEqual([
      ["reporter", "d"],
      ["year", "t"],
      ["IMM", "c"],
    ]);
    const stat = (await app.inject({ method: "POST", url, payload: query("json-stat") })).json();
    expect(stat.dataset.dimension.role.metric).toEqual(["ContentsCode"]);
    expect(stat.dataset.dimension.ContentsCode.category.unit).toEqual({ IMM: { base: "persons", decimals: 0 } });
  });
});
