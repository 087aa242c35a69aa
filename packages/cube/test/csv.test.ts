import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CsvError,
  type CsvLongOptions,
  csvLongChunks,
  csvWideChunks,
  fromCsvLong,
  toCsvLong,
  toCsvWide,
} from "../src/codecs/csv.ts";
import {
  type Dataset,
  type Dimension,
  defaultLayout,
  Flag,
  flagLetters,
  PivotError,
  pivot,
  Status,
  symbolOf,
  textIn,
} from "../src/index.ts";
import { CORPUS, datasetFromFile, longDatasets, PX_FIXTURES } from "./helpers.ts";

/**
 * A strict RFC 4180 reader written independently of the codec: records end with CRLF, a field holding a quote, a
 * separator or a line break must be quoted, and nothing may follow a closing quote but a separator or CRLF.
 */
function parseRfc4180(text: string, separator = ","): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    record.push(field);
    field = "";
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
    } else if (ch === separator) endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else if (afterQuote) throw new Error(`${JSON.stringify(ch)} after a closing quote at ${i}`);
    else if (ch === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (ch === "\r" || ch === "\n") throw new Error(`bare line break at ${i}`);
    else field += ch;
  }
  if (quoted) throw new Error("unclosed quote");
  if (field !== "" || record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

const category = (code: string, en: string, ru: string) => ({ code, label: { en, ru } });

/** Two dimensions, labels with a comma, quotes, a line break and Cyrillic; a symbol; flags; awkward numbers. */
function sample(): Dataset {
  const dimensions: Dimension[] = [
    {
      code: "sex",
      label: { en: "Sex", ru: "Пол" },
      role: "other",
      categories: [category("M", "Men, all ages", "Мужчины"), category("F", 'Women "adult"', "Женщины,\nвзрослые")],
    },
    {
      code: "year",
      label: { en: "Year", ru: "Год" },
      role: "time",
      categories: [category("2022", "2022", "2022 г."), category("2023", "2023", "2023 г.")],
    },
  ];
  return {
    id: "S",
    languages: ["en", "ru"],
    title: { en: "Sample", ru: "Пример" },
    decimals: 1,
    dimensions,
    values: Float64Array.from([12345.6, 0.1 + 0.2, Number.NaN, -5]),
    status: Uint8Array.from([Status.value, Status.value, Status.notAvailable, Status.value]),
    flags: Uint8Array.from([0, Flag.provisional | Flag.estimated, 0, Flag.breakInSeries]),
  };
}

/** A one-dimension dataset of the given numbers. */
function numbers(values: readonly number[]): Dataset {
  return {
    ...sample(),
    dimensions: [
      { code: "k", label: { en: "k" }, role: "other", categories: values.map((_, i) => category(`${i}`, "", "")) },
    ],
    values: Float64Array.from(values),
    status: new Uint8Array(values.length),
    flags: new Uint8Array(values.length),
  };
}

const t3 = () => datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));
const population = () => datasetFromFile(join(CORPUS, "pxweb-example/Population/BE0101A1.px"));

describe("toCsvLong", () => {
  it("writes one row per cell: codes, labels, value, status and flags", () => {
    expect(toCsvLong(sample(), { lang: "en" })).toBe(
      [
        "sex,sex_label,year,year_label,value,status,flags",
        'M,"Men, all ages",2022,2022,12345.6,,',
        'M,"Men, all ages",2023,2023,0.30000000000000004,,pe',
        'F,"Women ""adult""",2022,2022,,..,',
        'F,"Women ""adult""",2023,2023,-5,,b',
        "",
      ].join("\r\n"),
    );
  });

  it("writes Russian labels with a semicolon, a decimal comma, a BOM and LF line ends", () => {
    const text = toCsvLong(sample(), { lang: "ru", separator: ";", decimalMark: ",", bom: true, lineEnding: "\n" });
    expect(text.startsWith("\uFEFFsex;sex_label;")).toBe(true);
    expect(text).toContain("M;Мужчины;2022;2022 г.;12345,6;;\n");
    expect(text).toContain('F;"Женщины,\nвзрослые";2023;2023 г.;-5;;b\n');
    expect(text).not.toContain("\r");
  });

  it("quotes tab-separated fields only when they hold a tab, quote or line break", () => {
    const ds = sample();
    const tabbed = {
      ...ds,
      dimensions: [{ ...ds.dimensions[0], code: "s\tx" } as Dimension, ds.dimensions[1] as Dimension],
    };
    const text = toCsvLong(tabbed, { separator: "\t" });
    expect(text.split("\r\n")[0]).toBe('"s\tx"\t"s\tx_label"\tyear\tyear_label\tvalue\tstatus\tflags');
    expect(text).toContain("M\tMen, all ages\t2022");
  });

  it("has no BOM and no label columns unless asked", () => {
    const text = toCsvLong(sample(), { labels: false });
    expect(text.charCodeAt(0)).toBe("s".charCodeAt(0));
    expect(text.split("\r\n")[0]).toBe("sex,year,value,status,flags");
    expect(text.split("\r\n")[4]).toBe("F,2023,-5,,b");
  });

  it("is RFC 4180: an independent strict parser gets every label back", () => {
    const records = parseRfc4180(toCsvLong(sample(), { lang: "ru" }));
    expect(records).toHaveLength(5);
    expect(records.map((r) => r.length)).toEqual([7, 7, 7, 7, 7]);
    expect(records[3]?.slice(0, 4)).toEqual(["F", "Женщины,\nвзрослые", "2022", "2022 г."]);
    expect(records[3]?.slice(4)).toEqual(["", "..", ""]);
  });

  it("prints numbers exactly, in the shortest form that reads back, never with an exponent", () => {
    const values = [1e21, 1.5e300, 1e-7, 5e-324, 123456789.123, 0.1 + 0.2, -0.000001234, 2 ** 53 + 2];
    const text = toCsvLong(numbers(values), { labels: false });
    const printed = text
      .trim()
      .split("\r\n")
      .slice(1)
      .map((row) => row.split(",")[1] as string);
    expect(printed.slice(0, 3)).toEqual(["1000000000000000000000", `15${"0".repeat(299)}`, "0.0000001"]);
    expect(printed.every((p) => /^-?\d+(\.\d+)?$/.test(p))).toBe(true);
    expect(printed.map(Number)).toEqual(values);
  });

  it("refuses a decimal comma with a comma separator", () => {
    expect(() => toCsvLong(sample(), { decimalMark: "," })).toThrow(CsvError);
    expect(() => toCsvLong(sample(), { decimalMark: "," })).toThrow(/"," decimal mark needs a ";" or tab separator/);
  });

  it("writes a cell with status 0 but no number as not available rather than NaN", () => {
    const text = toCsvLong(numbers([Number.NaN, Number.POSITIVE_INFINITY]), { labels: false });
    expect(text).toBe("k,value,status,flags\r\n0,,..,\r\n1,,..,\r\n");
  });

  it("streams ~64 KB chunks that join to the whole text", () => {
    const ds = population();
    const chunks = [...csvLongChunks(ds, { lang: "en" })];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(64 * 1024);
      expect(chunk.length).toBeLessThan(64 * 1024 + 500);
    }
    const text = chunks.join("");
    expect(text).toBe(toCsvLong(ds, { lang: "en" }));
    const records = parseRfc4180(text);
    expect(records).toHaveLength(33_936 + 1);
  });
});

describe("fromCsvLong", () => {
  const combinations: CsvLongOptions[] = [
    {},
    { separator: ";", decimalMark: ",", bom: true },
    { separator: "\t", decimalMark: ",", lineEnding: "\n", labels: false },
    { separator: ";", labels: false, bom: true },
  ];

  it.each(combinations)("reads back the bilingual fixture written with %o", (options) => {
    const ds = t3();
    for (const lang of ["ru", "en"]) {
      const back = fromCsvLong(toCsvLong(ds, { ...options, lang }), { lang });
      expect(back.languages).toEqual([lang]);
      expect(back.dimensions.map((d) => d.code)).toEqual(ds.dimensions.map((d) => d.code));
      const labels = options.labels !== false;
      expect(back.dimensions.map((d) => d.categories)).toEqual(
        ds.dimensions.map((d) =>
          d.categories.map((c) => ({ code: c.code, label: { [lang]: labels ? textIn(c.label, lang) : c.code } })),
        ),
      );
      expect(Array.from(back.values)).toEqual(Array.from(ds.values));
      expect(Array.from(back.status)).toEqual(Array.from(ds.status));
      expect(Array.from(back.flags)).toEqual(Array.from(ds.flags));
    }
  });

  it("reads back the sample with flags, quotes and a multi-line label", () => {
    const ds = sample();
    const back = fromCsvLong(toCsvLong(ds, { lang: "ru", separator: ";", decimalMark: "," }), { lang: "ru" });
    expect(back.dimensions[0]?.categories[1]).toEqual({ code: "F", label: { ru: "Женщины,\nвзрослые" } });
    expect(Array.from(back.values)).toEqual(Array.from(ds.values));
    expect(Array.from(back.flags)).toEqual([0, Flag.provisional | Flag.estimated, 0, Flag.breakInSeries]);
    expect(back.decimals).toBe(17);
  });

  it("reads back the 33,936 cells of the Swedish population table", () => {
    const ds = population();
    const back = fromCsvLong(toCsvLong(ds, { separator: ";", decimalMark: "," }));
    expect(back.values).toEqual(ds.values);
    expect(back.status).toEqual(ds.status);
    expect(back.dimensions.map((d) => d.categories.length)).toEqual(ds.dimensions.map((d) => d.categories.length));
  });

  it("keeps custom symbols, with the symbol as label", () => {
    const ds = { ...numbers([1, Number.NaN, Number.NaN]), symbols: [{ symbol: "…", label: { en: "ellipsis" } }] };
    const status = Uint8Array.from([Status.value, 4, Status.confidential]);
    const back = fromCsvLong(toCsvLong({ ...ds, status }));
    expect(Array.from(back.status)).toEqual([0, 4, Status.confidential]);
    expect(back.symbols).toEqual([{ symbol: "…", label: { en: "…" } }]);
  });

  it("makes cells without a row, and rows without number or symbol, not available", () => {
    const back = fromCsvLong("a,b,value,status,flags\nx,1,5,,\ny,2,,,p\n", { labels: false });
    expect(back.dimensions.map((d) => d.categories.map((c) => c.code))).toEqual([
      ["x", "y"],
      ["1", "2"],
    ]);
    expect(Array.from(back.status)).toEqual([0, 1, 1, 1]);
    expect(Array.from(back.values)).toEqual([5, Number.NaN, Number.NaN, Number.NaN]);
    expect(Array.from(back.flags)).toEqual([0, 0, 0, Flag.provisional]);
  });

  it("accepts CR line ends, blank lines and a last line without an end", () => {
    const back = fromCsvLong("k,value,status,flags\r1,2.5,,\r\r2,-1,,e");
    expect(Array.from(back.values)).toEqual([2.5, -1]);
    expect(back.decimals).toBe(1);
  });

  const failures: [string, string, RegExp][] = [
    [
      "a number",
      'k,value,status,flags\r\n1,5,,\r\n2,"12,5x",,\r\n',
      /^line 3, column "value": "12,5x" is not a number$/,
    ],
    ["a number with grouping", "k;value;status;flags\n1;1,234.5;;\n", /line 2, column "value": "1,234.5" is not/],
    ["flag letters", "k,value,status,flags\n1,5,,pq\n", /^line 2, column "flags": "pq" is not made of/],
    ["a number and a symbol", "k,value,status,flags\n1,5,..,\n", /^line 2, column "status": the symbol ".."/],
    ["a repeated cell", "k,value,status,flags\n1,5,,\n2,5,,\n1,6,,\n", /^line 4 repeats the cell of line 2 \(k "1"\)$/],
    ["a short row", "k,value,status,flags\n1,5,\n", /^line 2 has 3 fields, the header has 4$/],
    ["a header", "k,value,flags\n1,5,\n", /^line 1: the header must end with the columns "value", "status"/],
    ["a quote", 'k,value,status,flags\n"1,5,,\n', /^line 2: a quoted field is not closed$/],
    ["text after a quote", 'k,value,status,flags\n"1"x,5,,\n', /^line 2: "x" after the closing quote/],
    [
      "a changed label",
      "k,k_label,value,status,flags\n1,One,5,,\n1,Uno,6,,\n",
      /^line 3, column "k_label": "Uno" differs from the label "One" given before for "1"$/,
    ],
  ];
  it.each(failures)("names the line and column of a bad %s", (_, text, message) => {
    expect(() => fromCsvLong(text)).toThrow(CsvError);
    expect(() => fromCsvLong(text)).toThrow(message);
  });

  it("counts the lines of quoted line breaks in error positions", () => {
    const text = 'k,k_label,value,status,flags\r\n1,"one\r\nand\nmore",5,,\r\n2,two,oops,,\r\n';
    expect(() => fromCsvLong(text)).toThrow(/^line 5, column "value": "oops" is not a number$/);
  });

  it("refuses categories that make too large a cube", () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${i},1,,`).join("\n");
    expect(() => fromCsvLong(`a,b,value,status,flags\n${rows}`, { labels: false, maxCells: 10_000 })).toThrow(
      /40000 cells, more than the limit of 10000/,
    );
  });
});

describe("CSV long round trip (property)", () => {
  const awkward = fc.constantFrom(
    "a",
    "Я",
    "ж",
    ",",
    ";",
    "\t",
    '"',
    "\n",
    "\r",
    "\r\n",
    " ",
    "=",
    ".",
    "-",
    "x",
    "😀",
  );
  const hostile = fc.oneof(fc.string({ unit: awkward, maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 }));
  // A code ending in `_label` after one without would read as a label column; a leading BOM as the file's BOM.
  const dimensionCode = hostile.filter((s) => !s.endsWith("_label") && !s.startsWith("\uFEFF"));
  const datasets = longDatasets(hostile, dimensionCode);
  const options = fc
    .record({
      lang: fc.constantFrom("en", "ru"),
      separator: fc.constantFrom(",", ";", "\t"),
      decimalMark: fc.constantFrom(".", ","),
      bom: fc.boolean(),
      labels: fc.boolean(),
      lineEnding: fc.constantFrom("\r\n", "\n"),
    } as const)
    .map((o) => (o.separator === "," ? { ...o, decimalMark: "." as const } : o));

  it("reads back codes, labels, values, symbols and flags", () => {
    fc.assert(
      fc.property(datasets, options, (ds, o) => {
        const back = fromCsvLong(toCsvLong(ds, o), { lang: o.lang, labels: o.labels });
        expect(back.dimensions.map((d) => d.code)).toEqual(ds.dimensions.map((d) => d.code));
        expect(back.dimensions.map((d) => d.categories)).toEqual(
          ds.dimensions.map((d) =>
            d.categories.map((c) => ({
              code: c.code,
              label: { [o.lang]: o.labels ? textIn(c.label, o.lang) : c.code },
            })),
          ),
        );
        expect(Array.from(back.values)).toEqual(Array.from(ds.values));
        expect(Array.from(back.status, (s) => symbolOf(back, s))).toEqual(
          Array.from(ds.status, (s) => symbolOf(ds, s)),
        );
        expect(Array.from(back.flags)).toEqual(Array.from(ds.flags));
      }),
      { numRuns: 300 },
    );
  });

  it("finds the label columns by their names when not told", () => {
    fc.assert(
      fc.property(datasets, options, (ds, o) => {
        const back = fromCsvLong(toCsvLong(ds, o), { lang: o.lang });
        expect(back.dimensions.map((d) => d.code)).toEqual(ds.dimensions.map((d) => d.code));
      }),
      { numRuns: 200 },
    );
  });

  it("writes RFC 4180 with CRLF whatever the strings", () => {
    fc.assert(
      fc.property(datasets, fc.constantFrom(",", ";", "\t"), (ds, separator) => {
        const records = parseRfc4180(toCsvLong(ds, { separator }), separator);
        expect(records).toHaveLength(ds.values.length + 1);
        expect(new Set(records.map((r) => r.length))).toEqual(new Set([2 * ds.dimensions.length + 3]));
      }),
      { numRuns: 200 },
    );
  });
});

describe("toCsvWide", () => {
  it("puts the time dimension across under one header row, symbols as text, a flags column after each value", () => {
    expect(toCsvWide(sample(), { lang: "en" })).toBe(
      [
        "Sex,2022,2022 (flags),2023,2023 (flags)",
        '"Men, all ages",12345.6,,0.30000000000000004,pe',
        '"Women ""adult""",..,,-5,b',
        "",
      ].join("\r\n"),
    );
  });

  it("writes PxWeb's plain wide CSV, without flags columns, when no cell has a flag", () => {
    const ds = { ...sample(), flags: new Uint8Array(4) };
    expect(toCsvWide(ds, { lang: "en" }).split("\r\n")[0]).toBe("Sex,2022,2023");
  });

  it("keeps every cell's flags in the column after its value, whatever the data", () => {
    const letters = fc.constantFrom("a", "b", "c", "é", "д");
    const datasets = longDatasets(
      fc.string({ unit: letters, minLength: 1, maxLength: 3 }),
      fc.constantFrom("d1", "d2", "d3"),
      {
        minDimensions: 1,
      },
    );
    fc.assert(
      fc.property(datasets, (ds) => {
        const table = pivot(ds, defaultLayout(ds, {}));
        const records = parseRfc4180(toCsvWide(ds, { names: "codes" }));
        const flagged = ds.flags.some((f) => f !== 0);
        for (let r = 0; flagged && r < table.rowCount; r++) {
          for (let c = 0; c < table.columnCount; c++) {
            const field = table.rowDimensions.length + 2 * c + 1;
            expect(records[r + 1]?.[field]).toBe(flagLetters(ds.flags[table.cell(r, c)] as number));
          }
        }
        expect((records[0] as string[]).some((name) => name.endsWith("_flags"))).toBe(flagged);
      }),
      { numRuns: 150 },
    );
  });

  it("joins several column dimensions in one header row, in Russian with a decimal comma", () => {
    const text = toCsvWide(sample(), {
      lang: "ru",
      rows: [],
      columns: ["year", "sex"],
      separator: ";",
      decimalMark: ",",
    });
    const records = parseRfc4180(text, ";");
    expect(records).toEqual([
      [
        "2022 г. / Мужчины",
        "2022 г. / Мужчины (признаки)",
        "2022 г. / Женщины,\nвзрослые",
        "2022 г. / Женщины,\nвзрослые (признаки)",
        "2023 г. / Мужчины",
        "2023 г. / Мужчины (признаки)",
        "2023 г. / Женщины,\nвзрослые",
        "2023 г. / Женщины,\nвзрослые (признаки)",
      ],
      ["12345,6", "", "..", "", "0,30000000000000004", "pe", "-5", "b"],
    ]);
  });

  it("names dimensions and categories by code when asked, taking the last dimension across without a time one", () => {
    const ds = sample();
    const untimed = { ...ds, dimensions: ds.dimensions.map((d) => ({ ...d, role: "other" as const })) };
    expect(
      toCsvWide(untimed, { names: "codes", rows: ["year"] })
        .split("\r\n")
        .slice(0, 2),
    ).toEqual(["year,M,M_flags,F,F_flags", "2022,12345.6,,..,"]);
    expect(toCsvWide(untimed, { names: "codes" }).split("\r\n")[0]).toBe("sex,2022,2022_flags,2023,2023_flags");
  });

  it("keeps every cell numeric or a symbol in a large table, streamed in chunks", () => {
    const ds = population();
    const chunks = [...csvWideChunks(ds, { lang: "en" })];
    expect(chunks.length).toBeGreaterThan(1);
    const records = parseRfc4180(chunks.join(""));
    const across = ds.dimensions.find((d) => d.role === "time")?.categories.length ?? 0;
    expect(records).toHaveLength(ds.values.length / across + 1);
    const rowLabels = ds.dimensions.length - 1;
    const cells = records.slice(1).flatMap((r) => r.slice(rowLabels));
    expect(cells).toHaveLength(ds.values.length);
    expect(cells.every((c) => /^-?\d+(\.\d+)?$/.test(c) || ["..", "-", "x"].includes(c))).toBe(true);
  });

  it("refuses a layout naming an unknown dimension", () => {
    expect(() => toCsvWide(sample(), { columns: ["age"] })).toThrow(PivotError);
  });
});
