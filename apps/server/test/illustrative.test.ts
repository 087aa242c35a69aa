/**
 * The mark of illustrative demo figures in PxWeb API 2.0's table list, table, metadata document and every download
 * (file names, the Excel sheet's top, a CSV's title line), and the flags of the demo's table 3 in every download.
 */
import {
  csvRows,
  type Dataset,
  decodeDataset,
  flagLetters,
  fromCsvLong,
  parseFlags,
  strides,
} from "@clearinghouse/cube";
import { emptyCube, ILLUSTRATIVE, syntheticTables } from "@clearinghouse/domain";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const cube = (id: "T3" | "T4" | "T5_1") => emptyCube(id, { reporters: ["ARM"], years: [2020], partners: ["KAZ"] });

/**
 * T3 is the demo generator's (marked by its first note, with provisional figures in the latest year of KAZ), T4 is
 * marked by its source; T5_1 is not marked.
 */
const DEMO_T3 = syntheticTables({ reporters: ["ARM", "KAZ"], years: [2023, 2024] }).T3;
const TABLES: Dataset[] = [
  DEMO_T3,
  { ...cube("T4"), source: { en: `${ILLUSTRATIVE.en}.`, ru: `${ILLUSTRATIVE.ru}.` } },
  {
    ...cube("T5_1"),
    notes: [{ text: { en: "Official figures of the statistical office.", ru: "Официальные данные." } }],
  },
];

describe.each(BACKENDS)("illustrative tables in PxWeb API 2.0, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend);
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    for (const dataset of TABLES) {
      await saveTableVersion(t.storage.db, { tableId: dataset.id, path, dataset, sourceName: `${dataset.id}.px` });
    }
    app = await buildApp(t.config, t.storage);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it("marks illustrative tables in the table list, and says nothing of the others", async () => {
    for (const lang of ["en", "ru"]) {
      const { tables } = (await get(`/api/v2/tables?lang=${lang}`)) as { tables: Record<string, unknown>[] };
      expect(tables.map((x) => [x.id, x.illustrative])).toEqual([
        ["T3", true],
        ["T4", true],
        ["T5_1", undefined],
      ]);
      expect(tables[2]).not.toHaveProperty("illustrative");
      // The site's statement of where the figures come from reads this.
      expect(tables.map((x) => x.dataOrigin)).toEqual(["illustrative", "illustrative", "national"]);
    }
    expect(await get("/api/v2/tables/T3")).toMatchObject({ id: "T3", illustrative: true });
    expect(await get("/api/v2/tables/T5_1")).not.toHaveProperty("illustrative");
  });

  it("marks the metadata document's extension of an illustrative table", async () => {
    for (const id of ["T3", "T4"]) {
      const doc = await get(`/api/v2/tables/${id}/metadata?lang=ru`);
      expect(doc.extension.illustrative, id).toBe(true);
    }
    // Official figures carry no mark.
    const t5 = await get("/api/v2/tables/T5_1/metadata");
    expect(t5.extension).not.toHaveProperty("illustrative");
    expect(t5.extension.px).toBeDefined();
  });

  const download = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res;
  };

  it("names every download of an illustrative table as such, and no other", async () => {
    const cases = [
      ["T3", "csv", "", "T3-illustrative.csv"],
      ["T3", "csv-long", "", "T3-long-illustrative.csv"],
      ["T3", "xlsx", "", "T3-illustrative.xlsx"],
      ["T4", "csv", "&outputFormatParams=SeparatorSemicolon", "T4-illustrative.csv"],
      ["T5_1", "csv", "", "T5_1.csv"],
      ["T5_1", "csv-long", "", "T5_1-long.csv"],
    ];
    for (const [id, format, params, name] of cases) {
      const res = await download(`/api/v2/tables/${id}/data?lang=ru&outputFormat=${format}${params}`);
      expect(res.headers["content-disposition"], `${id} ${format}`).toContain(`filename="${name}"`);
    }
  });

  it("puts the illustrative mark at the top of the Excel sheet and on a CSV's title line", async () => {
    const xlsx = await download("/api/v2/tables/T3/data?lang=ru&outputFormat=xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getCell("A2").text.startsWith(ILLUSTRATIVE.ru)).toBe(true);
    const csv = await download("/api/v2/tables/T3/data?outputFormat=csv&outputFormatParams=IncludeTitle");
    expect(csv.body.split("\r\n")[0]).toContain(ILLUSTRATIVE.en);
    const official = await download("/api/v2/tables/T5_1/data?outputFormat=csv&outputFormatParams=IncludeTitle");
    expect(official.body.split("\r\n")[0]).not.toContain(ILLUSTRATIVE.en);
  });

  /** A selection of the demo's table 3 across both reporters and years, with its flagged cells. */
  const T3_SELECTION =
    "valueCodes[reporter]=*&valueCodes[year]=*&valueCodes[prevres]=*&valueCodes[sex]=*&valueCodes[age]=_T";

  it("keeps every flag of a table 3 selection in every download the interface offers", async () => {
    const json = (await download(`/api/v2/tables/T3/data?${T3_SELECTION}`)).json() as {
      id: string[];
      size: number[];
      status?: Record<string, string>;
    };
    const cells = json.size.reduce((a, b) => a * b, 1);
    // JSON-stat's status holds the flags of numbers; these are what the other formats must keep.
    const flagged = Object.values(json.status ?? {}).filter((s) => parseFlags(s) !== undefined).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(cells);

    const long = fromCsvLong((await download(`/api/v2/tables/T3/data?${T3_SELECTION}&outputFormat=csv-long`)).body);
    expect(long.values.length).toBe(cells);
    expect(long.flags.filter((f) => f !== 0)).toHaveLength(flagged);

    for (const params of ["", "&outputFormatParams=SeparatorSemicolon", "&outputFormatParams=UseCodes"]) {
      const wide = (await download(`/api/v2/tables/T3/data?${T3_SELECTION}&outputFormat=csv${params}`)).body;
      // Read as CSV, not split at each separator: partner names hold commas ("China, Hong Kong SAR").
      const [header, ...rows] = csvRows(wide, params.includes("Semicolon") ? ";" : ",");
      const flagColumns = (header ?? []).flatMap((name, k) => (/ \(flags\)$|_flags$/.test(name) ? [k] : []));
      const letters = rows.flatMap((row) => flagColumns.map((k) => row[k] ?? ""));
      expect(
        letters.filter((l) => l !== ""),
        params,
      ).toHaveLength(flagged);
    }

    const pxJson = (await download(`/api/v2/tables/T3/data?${T3_SELECTION}&outputFormat=json-px`)).json() as {
      data: { flags?: string[] }[];
      metadata: { flags?: Record<string, string> }[];
    };
    expect(pxJson.data.flatMap((row) => row.flags ?? []).filter((f) => f !== "")).toHaveLength(flagged);
    expect(pxJson.metadata[0]?.flags).toMatchObject({ p: "provisional" });

    for (const format of ["xlsx", "px"] as const) {
      const bytes = (await download(`/api/v2/tables/T3/data?${T3_SELECTION}&outputFormat=${format}`)).rawPayload;
      const back = (await decodeDataset(new Uint8Array(bytes), format)).dataset;
      expect(
        back?.flags.filter((f) => f !== 0),
        format,
      ).toHaveLength(flagged);
    }
  });

  it("gives the long CSV the flag letters of the stored cells", async () => {
    const long = fromCsvLong((await download(`/api/v2/tables/T3/data?${T3_SELECTION}&outputFormat=csv-long`)).body);
    const stride = strides(DEMO_T3.dimensions);
    const position = (k: number, code: string) => DEMO_T3.dimensions[k]?.categories.findIndex((c) => c.code === code);
    const at = (ds: Dataset, i: number) =>
      ds.dimensions.map(
        (d, k) => d.categories[Math.floor(i / (strides(ds.dimensions)[k] as number)) % d.categories.length]?.code ?? "",
      );
    for (let i = 0; i < long.values.length; i++) {
      const codes = at(long, i);
      const stored = codes.reduce((sum, code, k) => sum + (position(k, code) ?? 0) * (stride[k] as number), 0);
      expect(flagLetters(long.flags[i] as number)).toBe(flagLetters(DEMO_T3.flags[stored] as number));
    }
  });
});
