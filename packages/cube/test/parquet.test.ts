import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import fc from "fast-check";
import { parquetMetadata, parquetSchema } from "hyparquet";
import { readParquet } from "parquet-wasm";
import { describe, expect, it } from "vitest";
import { encodeDataset } from "../src/codecs/index.ts";
import {
  cellCount,
  type Dataset,
  flagLetters,
  ParquetError,
  parquetColumns,
  Status,
  symbolOf,
  textIn,
  toParquet,
} from "../src/index.ts";
import { datasetFromFile, longDatasets, PX_FIXTURES } from "./helpers.ts";

/** The file read back by parquet-wasm (the Rust arrow-rs reader), a reader independent of the writer. */
function readBack(bytes: Uint8Array) {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  return {
    fields: table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable })),
    metadata: Object.fromEntries(table.schema.metadata),
    rows: table.toArray().map((row) => row.toJSON() as Record<string, string | number | null>),
  };
}

/** What each row should hold: the long CSV's columns, a number or null, the symbol or null, the flags or null. */
function expectedRows(ds: Dataset, lang: string) {
  const rows: Record<string, string | number | null>[] = [];
  const sizes = ds.dimensions.map((d) => d.categories.length);
  const position = sizes.map(() => 0);
  for (let i = 0; i < cellCount(ds.dimensions); i++) {
    const row: Record<string, string | number | null> = {};
    ds.dimensions.forEach((d, k) => {
      const c = d.categories[position[k] as number];
      row[d.code] = c?.code ?? "";
      row[`${d.code}_label`] = textIn(c?.label, lang, ds.languages);
    });
    const status = ds.status[i] as number;
    const value = ds.values[i] as number;
    const numbered = status === Status.value && Number.isFinite(value);
    row.value = numbered ? value : null;
    row.status = numbered ? null : symbolOf(ds, status === 0 ? Status.notAvailable : status);
    row.flags = flagLetters(ds.flags[i] as number) || null;
    rows.push(row);
    for (let k = sizes.length - 1; k >= 0; k--) {
      position[k] = (position[k] as number) + 1;
      if ((position[k] as number) < (sizes[k] as number)) break;
      position[k] = 0;
    }
  }
  return rows;
}

const category = (code: string, en: string, ru: string) => ({ code, label: { en, ru } });

describe("Parquet", () => {
  it("writes the long form with typed columns, nullable cells and the title in the metadata", () => {
    const ds: Dataset = {
      id: "P",
      languages: ["en", "ru"],
      title: { en: "Migrants", ru: "Мигранты" },
      decimals: 1,
      updated: "2024-05-01T00:00:00Z",
      dimensions: [
        { code: "sex", label: { en: "Sex" }, role: "other", categories: [category("m", "Men", "Мужчины")] },
        {
          code: "year",
          label: { en: "Year" },
          role: "time",
          categories: [category("2020", "2020", "2020"), category("2021", "2021", "2021")],
        },
      ],
      values: Float64Array.from([1.5, Number.NaN]),
      status: Uint8Array.from([Status.value, Status.confidential]),
      flags: Uint8Array.from([1, 0]),
    };
    const back = readBack(toParquet(ds, { lang: "ru" }));
    expect(back.fields).toEqual([
      { name: "sex", type: "Utf8", nullable: false },
      { name: "sex_label", type: "Utf8", nullable: false },
      { name: "year", type: "Utf8", nullable: false },
      { name: "year_label", type: "Utf8", nullable: false },
      { name: "value", type: "Float64", nullable: true },
      { name: "status", type: "Utf8", nullable: true },
      { name: "flags", type: "Utf8", nullable: true },
    ]);
    expect(back.rows).toEqual(expectedRows(ds, "ru"));
    expect(back.rows[1]).toMatchObject({ value: null, status: "x", flags: null });
    expect(back.metadata).toMatchObject({ title: "Мигранты", language: "ru", updated: "2024-05-01T00:00:00Z" });
  });

  it("reads back every cell of a real table as written", () => {
    const ds = datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));
    const bytes = encodeDataset(ds, "parquet", { languages: [ds.languages.at(-1) as string] });
    return bytes.then((b) => {
      const back = readBack(b);
      expect(back.fields.map((f) => f.name)).toEqual(parquetColumns(ds));
      expect(back.rows).toEqual(expectedRows(ds, ds.languages.at(-1) as string));
    });
  });

  it("writes an empty selection as a file with its columns and no rows", () => {
    const ds: Dataset = {
      id: "E",
      languages: ["en"],
      title: { en: "E" },
      decimals: 0,
      dimensions: [{ code: "year", label: { en: "Year" }, role: "time", categories: [] }],
      values: new Float64Array(0),
      status: new Uint8Array(0),
      flags: new Uint8Array(0),
    };
    // arrow-rs refuses a file without row groups, so hyparquet reads this one.
    const bytes = toParquet(ds);
    const metadata = parquetMetadata(bytes);
    expect(parquetSchema(metadata).children.map((c) => c.element.name)).toEqual([
      "year",
      "year_label",
      "value",
      "status",
      "flags",
    ]);
    expect(metadata.num_rows).toBe(0n);
  });

  it("refuses a variable whose columns would clash with another column", () => {
    const ds: Dataset = {
      id: "C",
      languages: ["en"],
      title: { en: "C" },
      decimals: 0,
      dimensions: [{ code: "value", label: { en: "Value" }, role: "other", categories: [category("a", "A", "A")] }],
      values: Float64Array.from([1]),
      status: new Uint8Array(1),
      flags: new Uint8Array(1),
    };
    expect(() => toParquet(ds)).toThrow(ParquetError);
    expect(() => toParquet(ds)).toThrow(/"value"/);
  });

  it("keeps codes, labels, numbers, symbols and flags of any dataset (property)", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Я", ",", '"', "\n", " ", "😀", "\u0000"), maxLength: 5 });
    const code = text.filter((s) => !s.endsWith("_label") && !["value", "status", "flags"].includes(s));
    const datasets = longDatasets(text, code, { minDimensions: 1 });
    fc.assert(
      fc.property(datasets, fc.constantFrom("en", "ru"), (ds, lang) => {
        const back = readBack(toParquet(ds, { lang }));
        const expected = expectedRows(ds, lang);
        expect(back.rows.length).toBe(expected.length);
        back.rows.forEach((row, i) => {
          const want = expected[i] as Record<string, unknown>;
          expect(row).toEqual(want);
        });
      }),
      { numRuns: 60 },
    );
  });
});
