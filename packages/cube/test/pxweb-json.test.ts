import { join } from "node:path";
import { entry, text } from "@clearinghouse/px";
import { describe, expect, it } from "vitest";
import { type PxWebJson, toPxWebJson } from "../src/codecs/pxweb-json.ts";
import { cellCount, type Dataset, type Dimension, Flag, Status, strides, symbolOf } from "../src/index.ts";
import { CORPUS, datasetFromFile, PX_FIXTURES } from "./helpers.ts";

const T3 = join(PX_FIXTURES, "t3-ru-utf-8.px");
const BE0101A1 = join(CORPUS, "pxweb-example/Population/BE0101A1.px");

/** Region × indicator (the contents) × year, one decimal; cell i holds i + 0.25 unless it has a status. */
function withContents(): Dataset {
  const dimensions: Dimension[] = [
    {
      code: "region",
      label: { en: "Region", ru: "Регион" },
      role: "geo",
      categories: [
        { code: "AM", label: { en: "Armenia", ru: "Армения" } },
        {
          code: "KZ",
          label: { en: "Kazakhstan", ru: "Казахстан" },
          notes: [{ text: { en: "Estimates.", ru: "Оценки." } }],
        },
      ],
      notes: [{ text: { en: "Current borders.", ru: "В текущих границах." } }],
    },
    {
      code: "indicator",
      label: { en: "Indicator", ru: "Показатель" },
      role: "metric",
      categories: [
        { code: "IMM", label: { en: "Immigrants", ru: "Иммигранты" } },
        {
          code: "EMI",
          label: { en: "Emigrants", ru: "Эмигранты" },
          notes: [
            { text: { en: "Registered.", ru: "Зарегистрированные." } },
            { text: { en: "Adults.", ru: "Взрослые." } },
          ],
        },
      ],
    },
    {
      code: "year",
      label: { en: "Year", ru: "Год" },
      role: "time",
      categories: [
        { code: "2022", label: { en: "2022", ru: "2022" } },
        { code: "2023", label: { en: "2023", ru: "2023" } },
      ],
    },
  ];
  const n = cellCount(dimensions);
  const status = new Uint8Array(n);
  status[3] = Status.notAvailable;
  status[6] = Status.confidential;
  const flags = new Uint8Array(n);
  flags[1] = Flag.provisional | Flag.estimated;
  return {
    id: "MIG2",
    languages: ["en", "ru"],
    title: { en: "Migration by region", ru: "Миграция по регионам" },
    source: { en: "Statistics office", ru: "Статистическое ведомство" },
    decimals: 1,
    updated: "2024-05-01T09:00:00",
    dimensions,
    values: Float64Array.from({ length: n }, (_, i) => (status[i] ? Number.NaN : i + 0.25)),
    status,
    flags,
  };
}

/** The checks the rOpenGov pxweb client makes on a "json" response (assert_pxweb_data), plus row widths. */
function expectPxWebData(json: PxWebJson) {
  expect(Object.keys(json)).toEqual(["columns", "comments", "data", "metadata"]);
  for (const c of json.columns) expect(["t", "c", "d"]).toContain(c.type);
  for (const c of json.comments) expect(Object.keys(c)).toEqual(["variable", "value", "comment"]);
  const keys = json.columns.filter((c) => c.type !== "c").length;
  const values = json.columns.length - keys;
  expect(json.data.filter((row) => row.key.length !== keys || row.values.length !== values)).toEqual([]);
}

/**
 * Every value string, put back at the cell its key and value column name (found from the codes alone), against the
 * dataset: numbers read back, symbols as they are. A cell no row names stays a hole and fails the comparison.
 */
function expectEveryCell(ds: Dataset, json: PxWebJson) {
  const stride = strides(ds.dimensions);
  const positions = ds.dimensions.map((d) => new Map(d.categories.map((c, i) => [c.code, i])));
  const offset = (k: number, code: string | undefined) =>
    (positions[k]?.get(code ?? "") ?? Number.NaN) * (stride[k] as number);
  const contentsAt = ds.dimensions.findIndex((d) => d.role === "metric");
  const keyAt = ds.dimensions.flatMap((_, k) => (k === contentsAt ? [] : [k]));
  const valueCodes = json.columns.filter((c) => c.type === "c").map((c) => c.code);
  const got = new Array<number | string>(ds.values.length);
  for (const row of json.data) {
    const base = keyAt.reduce((cell, k, j) => cell + offset(k, row.key[j]), 0);
    row.values.forEach((value, v) => {
      const cell = base + (contentsAt === -1 ? 0 : offset(contentsAt, valueCodes[v]));
      got[cell] = ds.status[cell] === Status.value ? Number(value) : value;
    });
  }
  const expected = Array.from(ds.values, (value, i) => {
    const s = ds.status[i] as number;
    return s === Status.value ? value : symbolOf(ds, s);
  });
  expect(got).toEqual(expected);
}

describe("toPxWebJson", () => {
  it("keys rows by every dimension but the contents, whose categories are the value columns", () => {
    const json = toPxWebJson(withContents());
    expectPxWebData(json);
    expect(json.columns).toEqual([
      { code: "region", text: "Region", comment: "Current borders.\r\n", type: "d" },
      { code: "year", text: "Year", type: "t" },
      { code: "IMM", text: "Immigrants", type: "c" },
      { code: "EMI", text: "Emigrants", comment: "Registered.\r\nAdults.\r\n", type: "c" },
    ]);
    expect(Object.keys(json.columns[0] ?? {})).toEqual(["code", "text", "comment", "type"]);
    expect(json.comments).toEqual([{ variable: "region", value: "KZ", comment: "Estimates.\r\n" }]);
    // Cells: region stride 4, indicator stride 2, year stride 1; so row (AM, 2022) holds cells 0 and 2.
    // x.25 shown with one decimal rounds half to even: 0.25 → 0.2, 2.25 → 2.2.
    expect(json.data).toEqual([
      { key: ["AM", "2022"], values: ["0.2", "2.2"] },
      { key: ["AM", "2023"], values: ["1.2", ".."], flags: ["pe", ""] },
      { key: ["KZ", "2022"], values: ["4.2", "x"] },
      { key: ["KZ", "2023"], values: ["5.2", "7.2"] },
    ]);
    expect(json.metadata).toEqual([
      {
        infofile: null,
        updated: "2024-05-01T09:00:00Z",
        label: "Migration by region",
        source: "Statistics office",
        flags: { p: "provisional", e: "estimated" },
      },
    ]);
  });

  it("gives the dataset's mandatory notes and the flags' meaning in the language asked for", () => {
    const ds = withContents();
    const notes = [
      { text: { en: "Registered moves.", ru: "Учтённые переезды." } },
      { text: { en: "Illustrative data.", ru: "Иллюстративные данные." }, mandatory: true },
    ];
    const json = toPxWebJson({ ...ds, notes }, { lang: "ru" });
    expect(json.metadata[0]?.mandatoryNotes).toEqual(["Иллюстративные данные."]);
    expect(json.metadata[0]?.flags).toEqual({ p: "предварительные", e: "оценка" });
  });

  it("writes the texts of the language asked for", () => {
    const json = toPxWebJson(withContents(), { lang: "ru" });
    expect(json.columns.map((c) => c.text)).toEqual(["Регион", "Год", "Иммигранты", "Эмигранты"]);
    expect(json.metadata[0]?.label).toBe("Миграция по регионам");
    expect(json.comments[0]?.comment).toBe("Оценки.\r\n");
  });

  it("rounds half to even, or half away from zero when PX ROUNDING=1, to SHOWDECIMALS when below DECIMALS", () => {
    const base = withContents();
    const values = Float64Array.from(base.values, (_, i) => [0.25, 0.75, -0.25, 2.5][i % 4] as number);
    const ds = { ...base, values, status: new Uint8Array(values.length), flags: new Uint8Array(values.length) };
    // The first two rows hold cells 0, 2, 1, 3: 0.25, -0.25, 0.75, 2.5.
    const firstRows = (d: Dataset) =>
      toPxWebJson(d)
        .data.slice(0, 2)
        .flatMap((r) => r.values);
    expect(firstRows(ds)).toEqual(["0.2", "-0.2", "0.8", "2.5"]);
    const roundingUp = { ...ds, extension: { px: [entry("ROUNDING", text("1"))] } };
    expect(firstRows(roundingUp)).toEqual(["0.3", "-0.3", "0.8", "2.5"]);
    const shown = { ...ds, decimals: 2, extension: { px: [entry("SHOWDECIMALS", text("0"))] } };
    expect(firstRows(shown)).toEqual(["0", "0", "1", "2"]);
  });

  it("writes one value column named after the contents when there is no metric dimension (bilingual fixture)", () => {
    const ds = datasetFromFile(T3);
    const json = toPxWebJson(ds, { lang: "en" });
    expectPxWebData(json);
    expect(json.columns).toEqual([
      { code: "Страна предыдущего проживания", text: "Country of previous residence", type: "d" },
      { code: "Пол", text: "Sex", type: "d" },
      { code: "Год", text: "Year", type: "t" },
      { code: "Long-term immigration", text: "Long-term immigration", type: "c" },
    ]);
    expect(toPxWebJson(ds, { lang: "ru" }).columns[3]).toEqual({
      code: "Долгосрочная иммиграция",
      text: "Долгосрочная иммиграция",
      type: "c",
    });
    expect(json.data).toHaveLength(30);
    expect(json.data[0]).toEqual({ key: ["_T", "_T", "2022"], values: ["12500"] });
    expect(json.data[12]).toEqual({ key: ["BLR", "_T", "2022"], values: ["-"] });
    expect(json.data[14]).toEqual({ key: ["BLR", "M", "2022"], values: [".."] });
    expect(json.comments).toEqual([
      { variable: "Страна предыдущего проживания", value: "_O", comment: "Including unknown.\r\n" },
    ]);
    // No LAST-UPDATED: PxWeb falls back to CREATION-DATE.
    expect(json.metadata).toEqual([
      {
        infofile: null,
        updated: "2026-11-25T10:00:00Z",
        label: "Long-term immigration by country of previous residence, sex and year",
        source: "A fictional statistical office",
      },
    ]);
    expectEveryCell(ds, json);
  });

  it("writes every cell of a PxWeb example table under its codes", () => {
    const ds = datasetFromFile(BE0101A1);
    const json = toPxWebJson(ds);
    expectPxWebData(json);
    expect(json.columns.map((c) => [c.code, c.type])).toEqual([
      ["region", "d"],
      ["marital status", "d"],
      ["age", "d"],
      ["sex", "d"],
      ["period", "t"],
      ["Population", "c"],
    ]);
    expect(json.data).toHaveLength(ds.values.length);
    expect(json.data[0]?.key).toEqual(["01", "OG", "0", "1", "2004"]);
    expect(json.metadata).toEqual([
      {
        infofile: "BE0101",
        updated: "2006-02-09T15:20:00Z",
        label: "Population by region, marital status, age, sex and period",
        source: "Statistics Sweden",
        // NOTEX: a note readers must see.
        mandatoryNotes: [
          "The tables show the conditions on December 31st for each respective year according to administrative subdivisions of January 1st of the following year",
        ],
      },
    ]);
    expectEveryCell(ds, json);
  });

  it("writes every cell of a table with a contents dimension under its codes", () => {
    const ds = withContents();
    const json = toPxWebJson({ ...ds, flags: new Uint8Array(ds.flags.length), decimals: 2 });
    expectEveryCell(ds, json);
  });
});
