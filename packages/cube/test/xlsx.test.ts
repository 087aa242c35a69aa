import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromXlsx, sheetHeadRows, toXlsx, XlsxError } from "../src/codecs/xlsx.ts";
import { STYLE } from "../src/codecs/xlsx-writer.ts";
import { type Dataset, type Dimension, Flag, type Note, Status, type Texts, textIn } from "../src/model.ts";
import { CORPUS, datasetFromFile, PX_FIXTURES } from "./helpers.ts";

const both = (en: string, ru: string): Texts => ({ en, ru });

/** Two countries × three sexes × two years, one decimal, every kind of status, flags and notes. */
function sample(): Dataset {
  const dimensions: Dimension[] = [
    {
      code: "country",
      label: both("Country", "Страна"),
      role: "geo",
      categories: [
        { code: "ARM", label: both("Armenia", "Армения") },
        { code: "KAZ", label: both("Kazakhstan", "Казахстан"), notes: [{ text: both("Estimate.", "Оценка.") }] },
      ],
    },
    {
      code: "sex",
      label: both("Sex", "Пол"),
      role: "other",
      elimination: { code: "T" },
      categories: [
        { code: "T", label: both("Total", "Всего") },
        { code: "M", label: both("Men", "Мужчины"), parent: "T" },
        { code: "F", label: both("Women", "Женщины"), parent: "T" },
      ],
    },
    {
      code: "year",
      label: both("Year", "Год"),
      role: "time",
      timeUnit: "A1",
      notes: [{ text: both("Calendar years.", "Календарные годы."), mandatory: true }],
      categories: [
        { code: "2022", label: both("2022", "2022") },
        { code: "2023", label: both("2023", "2023") },
      ],
    },
  ];
  const status = Uint8Array.from([0, 0, 1, 0, 2, 0, 3, 4, 0, 0, 0, 0]);
  const numbers = [12.5, 1234.56, 0, 7, 0, 0.25, 0, 0, -3, 1e6, 42, 8.125];
  const flags = new Uint8Array(12);
  flags[0] = Flag.provisional;
  flags[3] = Flag.estimated | Flag.breakInSeries;
  flags[7] = Flag.provisional;
  return {
    id: "SAMPLE",
    languages: ["en", "ru"],
    title: both("Immigration by country, sex and year", "Иммиграция по странам, полу и годам"),
    source: both("Statistical office", "Статистическое ведомство"),
    units: both("persons", "человек"),
    contact: both("stats@example.org", "stats@example.org"),
    updated: "2024-03-01T10:00:00Z",
    decimals: 1,
    notes: [{ text: both("Illustrative data.", "Иллюстративные данные."), mandatory: true }],
    dimensions,
    values: Float64Array.from(numbers, (v, i) => (status[i] === Status.value ? v : Number.NaN)),
    status,
    flags,
    symbols: [{ symbol: "c", label: both("too few to show", "слишком мало") }],
    cellNotes: [{ where: ["ARM", null, "2023"], text: both("Revised.", "Пересмотрено.") }],
  };
}

/** What a one-language file can hold of a dataset: its texts in `lang`, no value sets, groupings or PX extension. */
function inLanguage(ds: Dataset, lang: string) {
  const text = (texts: Texts): Texts => ({ [lang]: textIn(texts, lang, ds.languages) });
  const notes = (list: readonly Note[] | undefined) => list?.map((n) => ({ ...n, text: text(n.text) }));
  return cellsAsArrays({
    id: ds.id,
    languages: [lang],
    title: text(ds.title),
    source: ds.source && text(ds.source),
    units: ds.units && text(ds.units),
    contact: ds.contact && text(ds.contact),
    updated: ds.updated,
    decimals: ds.decimals,
    notes: notes(ds.notes),
    dimensions: ds.dimensions.map(({ valueSets, groupings, ...d }) => ({
      ...d,
      label: text(d.label),
      notes: notes(d.notes),
      categories: d.categories.map((c) => ({
        ...c,
        label: text(c.label),
        notes: notes(c.notes),
        content: c.content && {
          ...c.content,
          ...(c.content.units && { units: text(c.content.units) }),
          ...(c.content.refPeriod && { refPeriod: text(c.content.refPeriod) }),
        },
      })),
    })),
    values: ds.values,
    status: ds.status,
    flags: ds.flags,
    symbols: ds.symbols?.map((s) => ({ ...s, label: text(s.label) })),
    cellNotes: ds.cellNotes?.map((n) => ({ ...n, text: text(n.text) })),
  });
}

function cellsAsArrays<T extends Pick<Dataset, "values" | "status" | "flags">>(ds: T) {
  return { ...ds, values: Array.from(ds.values), status: Array.from(ds.status), flags: Array.from(ds.flags) };
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function tableSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet("Table");
  if (!sheet) throw new Error("no table sheet");
  return sheet;
}

/** Rewrites a workbook after `edit`, as a user saving it from Excel would. */
async function edited(bytes: Uint8Array, edit: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = await workbookOf(bytes);
  edit(tableSheet(workbook));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The texts of each row from `from` on, without empty trailing cells. */
function rowTexts(sheet: ExcelJS.Worksheet, from: number): string[][] {
  const rows: string[][] = [];
  for (let r = from; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text));
  }
  return rows;
}

// The sample laid out with countries down the side and sex × year across: header rows 3 (sex) and 4 (year), the
// row naming "Country" in 5, data from B6. Cell index = country·6 + sex·2 + year.
const ACROSS = { rows: ["country"], columns: ["sex", "year"] };

describe("Dataset → xlsx → Dataset", () => {
  it.each(["en", "ru"])("keeps values, statuses, flags, codes, labels and notes in %s", async (lang) => {
    const ds = sample();
    const back = await fromXlsx(await toXlsx(ds, { lang }));
    expect(cellsAsArrays(back)).toEqual(inLanguage(ds, lang));
  });

  it.each([
    ACROSS,
    { rows: ["year", "sex"], columns: ["country"] },
    { rows: [], columns: ["country", "sex", "year"] },
    { rows: ["sex", "country", "year"], columns: [] },
  ])("keeps the cells with rows %j", async (layout) => {
    const ds = sample();
    const back = await fromXlsx(await toXlsx(ds, { ...layout, sheetName: "Data" }));
    expect(cellsAsArrays(back)).toEqual(inLanguage(ds, "en"));
  });

  it.each(["ru", "en"])("round-trips the bilingual PX fixture in %s", async (lang) => {
    const ds = datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));
    const bytes = await toXlsx(ds, { lang });
    expect(cellsAsArrays(await fromXlsx(bytes))).toEqual(inLanguage(ds, lang));
    // By default the years go across, the other dimensions down the side.
    const sheet = tableSheet(await workbookOf(bytes));
    expect([sheet.getCell("C3").text, sheet.getCell("D3").text]).toEqual(["2022", "2023"]);
    expect(sheet.getCell("A4").text).toBe(
      lang === "ru" ? "Страна предыдущего проживания" : "Country of previous residence",
    );
    expect(rowTexts(sheet, 5).flat()).toEqual(expect.arrayContaining(["..", "-"]));
  });

  it.each(["en", "ru"])("keeps a contents variable's units, reference period and stock/flow in %s", async (lang) => {
    const ds = sample();
    const contents: Dimension = {
      code: "ContentsCode",
      label: both("Contents", "Показатель"),
      role: "metric",
      categories: [
        {
          code: "IMM",
          label: both("Immigrants", "Иммигранты"),
          content: {
            units: both("thousand persons", "тыс. человек"),
            refPeriod: both("Calendar year", "Календарный год"),
            measuringType: "flow",
          },
        },
      ],
    };
    const withContents = {
      ...ds,
      dimensions: [...ds.dimensions, contents],
      cellNotes: ds.cellNotes?.map((n) => ({ ...n, where: [...n.where, null] })),
    };
    const bytes = await toXlsx(withContents, { rows: ["country"], columns: ["ContentsCode", "sex", "year"], lang });
    expect(cellsAsArrays(await fromXlsx(bytes))).toEqual(inLanguage(withContents, lang));
    const footer = rowTexts(tableSheet(await workbookOf(bytes)), 1);
    expect(footer).toContainEqual([lang === "en" ? "Contents" : "Показатель"]);
    expect(footer).toContainEqual([
      lang === "en" ? "Immigrants: thousand persons, Calendar year" : "Иммигранты: тыс. человек, Календарный год",
    ]);
  });

  it("round-trips a 33,936-cell table", async () => {
    const ds = datasetFromFile(join(CORPUS, "pxweb-example/Population/BE0101A1.px"));
    expect(ds.values.length).toBe(33_936);
    const back = await fromXlsx(await toXlsx(ds));
    expect(cellsAsArrays(back)).toEqual(inLanguage(ds, "en"));
  });

  it("round-trips generated datasets laid out in any way", async () => {
    const text = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([en, ru]) => both(en, ru));
    const codes = (max: number) =>
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: max });
    const dimension = (code: string) =>
      fc
        .record({
          label: text,
          across: fc.boolean(),
          categories: codes(3).chain((cs) => fc.tuple(...cs.map((c) => text.map((label) => ({ code: c, label }))))),
        })
        .map(({ label, across, categories }) => ({
          across,
          dimension: { code, label, role: "other" as const, categories },
        }));
    const cell = fc.record({
      status: fc.integer({ min: 0, max: 4 }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0), // Excel has no -0
      flags: fc.integer({ min: 0, max: 7 }),
    });
    const dataset = codes(3)
      .chain((dimensionCodes) => fc.tuple(...dimensionCodes.map(dimension)))
      .chain((dims) => {
        const size = dims.reduce((n, d) => n * d.dimension.categories.length, 1);
        return fc.record({
          dims: fc.constant(dims),
          cells: fc.array(cell, { minLength: size, maxLength: size }),
          decimals: fc.integer({ min: 0, max: 4 }),
          title: text,
          lang: fc.constantFrom("en", "ru"),
        });
      });
    await fc.assert(
      fc.asyncProperty(dataset, async ({ dims, cells, decimals, title, lang }) => {
        const ds: Dataset = {
          id: "G",
          languages: ["en", "ru"],
          title,
          decimals,
          dimensions: dims.map((d) => d.dimension),
          values: Float64Array.from(cells, (c) => (c.status === Status.value ? c.value : Number.NaN)),
          status: Uint8Array.from(cells, (c) => c.status),
          flags: Uint8Array.from(cells, (c) => c.flags),
          symbols: [{ symbol: "c", label: both("custom", "особый") }],
        };
        const rows = dims.filter((d) => !d.across).map((d) => d.dimension.code);
        const columns = dims.filter((d) => d.across).map((d) => d.dimension.code);
        const back = await fromXlsx(await toXlsx(ds, { lang, rows, columns }));
        expect(cellsAsArrays(back)).toEqual(inLanguage(ds, lang));
      }),
      { numRuns: 25 },
    );
  });
});

describe("the table sheet", () => {
  it("has the title, merged nested headers, frozen panes and the row dimension's name", async () => {
    const workbook = await workbookOf(await toXlsx(sample(), ACROSS));
    const sheet = tableSheet(workbook);
    expect(sheet.getCell("A1").text).toBe("Immigration by country, sex and year");
    expect(sheet.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.model.merges).toEqual(["B3:C3", "D3:E3", "F3:G3"]);
    expect([3, 4].map((r) => rowTexts(sheet, r)[0])).toEqual([
      // exceljs reports a merged cell's text in each of its cells.
      ["Sex", "Total", "Total", "Men", "Men", "Women", "Women"],
      ["Year", "2022", "2023", "2022", "2023", "2022", "2023"],
    ]);
    expect(sheet.getCell("A5").text).toBe("Country");
    expect(sheet.getCell("B3").font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 5 });
    expect(workbook.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Table", "visible"],
      ["_meta", "veryHidden"],
    ]);
  });

  it("puts the mandatory notes, such as the illustrative mark, in row 2 under the title, not below the table", async () => {
    const sheet = tableSheet(await workbookOf(await toXlsx(sample(), { ...ACROSS, lang: "ru" })));
    expect(sheet.getCell("A2").text).toBe("Иллюстративные данные.");
    expect(sheet.getCell("A2").font).toMatchObject({ bold: true, color: { argb: "FF9C0006" } });
    const plain = { ...sample(), notes: [{ text: { en: "Ordinary note." } }] };
    expect(sheetHeadRows(plain, (t) => t?.en ?? "")).toEqual([
      { row: 1, text: "Immigration by country, sex and year", style: STYLE.title },
    ]);
    const marked = tableSheet(await workbookOf(await toXlsx(plain, ACROSS)));
    expect(marked.getCell("A2").text).toBe("");
  });

  it("keeps numbers numeric with the dataset's decimals, symbols as right-aligned text, flags in notes", async () => {
    const sheet = tableSheet(await workbookOf(await toXlsx(sample(), ACROSS)));
    const b6 = sheet.getCell("B6");
    expect([b6.value, b6.numFmt, b6.note]).toEqual([12.5, "#,##0.0", "p: provisional"]);
    expect([sheet.getCell("E6").value, sheet.getCell("E6").note]).toEqual([7, "e: estimated\nb: break in series"]);
    expect([sheet.getCell("D6").value, sheet.getCell("D6").alignment]).toEqual(["..", { horizontal: "right" }]);
    expect([sheet.getCell("B7").value, sheet.getCell("C7").value, sheet.getCell("D7").value]).toEqual(["x", "c", -3]);
    expect(sheet.getCell("A7").text).toBe("Kazakhstan");
    const whole = tableSheet(await workbookOf(await toXlsx({ ...sample(), decimals: 0 }, ACROSS)));
    expect(whole.getCell("B6").numFmt).toBe("#,##0");
  });

  it.each([
    [
      "en",
      [
        ["Notes"],
        ["Illustrative data."],
        ["Country — Kazakhstan: Estimate."],
        ["Year: Calendar years."],
        ["Armenia, 2023: Revised."],
        ["Source: Statistical office"],
        ["Units: persons"],
        ["Symbols"],
        ["..", "not available"],
        ["-", "nil"],
        ["x", "confidential"],
        ["c", "too few to show"],
        ["Flags (in cell notes)"],
        ["p", "provisional"],
        ["e", "estimated"],
        ["b", "break in series"],
      ],
    ],
    [
      "ru",
      [
        ["Примечания"],
        ["Иллюстративные данные."],
        ["Страна — Казахстан: Оценка."],
        ["Год: Календарные годы."],
        ["Армения, 2023: Пересмотрено."],
        ["Источник: Статистическое ведомство"],
        ["Единицы измерения: человек"],
        ["Условные обозначения"],
        ["..", "нет данных"],
        ["-", "явление отсутствует"],
        ["x", "конфиденциально"],
        ["c", "слишком мало"],
        ["Признаки (в примечаниях к ячейкам)"],
        ["p", "предварительные"],
        ["e", "оценка"],
        ["b", "разрыв ряда"],
      ],
    ],
  ])("has footnotes, source, units and a legend in %s below the table", async (lang, expected) => {
    const sheet = tableSheet(await workbookOf(await toXlsx(sample(), { ...ACROSS, lang })));
    // Data rows 6 and 7, then a blank row.
    expect(rowTexts(sheet, 8)[0]).toEqual([]);
    expect(rowTexts(sheet, 9)).toEqual(expected);
  });

  it("lists only the symbols and flags that occur", async () => {
    const ds = sample();
    const plain = { ...ds, status: new Uint8Array(12), flags: new Uint8Array(12), values: new Float64Array(12) };
    const texts = rowTexts(tableSheet(await workbookOf(await toXlsx(plain, ACROSS))), 8).flat();
    expect(texts).not.toContain("Symbols");
    expect(texts).not.toContain("Flags (in cell notes)");
    expect(texts).toContain("Units: persons");
  });
});

describe("the writer", () => {
  it("writes the same bytes for the same table, dated by its update", async () => {
    const [a, b] = await Promise.all([toXlsx(sample(), ACROSS), toXlsx(sample(), ACROSS)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const other = await toXlsx({ ...sample(), updated: "2025-01-01T00:00:00Z" }, ACROSS);
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);
  });

  it("keeps XML's special characters, spaces at the ends and line breaks, and drops what XML cannot carry", async () => {
    const ds = sample();
    const country = ds.dimensions[0] as Dimension;
    const odd: Dataset = {
      ...ds,
      title: both('A & B <c> "d"', "А & Б"),
      dimensions: [
        {
          ...country,
          categories: [
            { ...(country.categories[0] as Dimension["categories"][number]), label: both(" two\nlines ", "x") },
            ...country.categories.slice(1),
          ],
        },
        ...ds.dimensions.slice(1),
      ],
      notes: [{ text: both("bell\u0007 here", "звонок") }],
    };
    const bytes = await toXlsx(odd, ACROSS);
    const sheet = tableSheet(await workbookOf(bytes));
    expect(sheet.getCell("A1").text).toBe('A & B <c> "d"');
    expect(sheet.getCell("A6").text).toBe(" two\nlines ");
    expect(rowTexts(sheet, 9)[1]).toEqual(["bell here"]);
    const back = await fromXlsx(bytes);
    expect(back.dimensions[0]?.categories[0]?.label).toEqual({ en: " two\nlines " });
  });
});

describe("reading what a user changed", () => {
  it("reads edited numbers, symbols, formulas, typed flags and removed notes", async () => {
    const ds = sample();
    const bytes = await edited(await toXlsx(ds, ACROSS), (sheet) => {
      sheet.getCell("B6").value = 99; // was 12.5 p
      sheet.getCell("D6").value = 3.25; // was ..
      sheet.getCell("F6").value = "x"; // was -
      sheet.getCell("G6").value = { formula: "B6+1", result: 100 };
      sheet.getCell("B7").value = " 2.5 pe "; // typed into a text cell
      sheet.getCell("E6").note = ""; // flags e, b removed
      sheet.getCell("G7").value = null; // emptied
    });
    const back = await fromXlsx(bytes);
    const values = Array.from(ds.values);
    const status = Array.from(ds.status);
    const flags = Array.from(ds.flags);
    const set = (i: number, value: number, s: number, f: number) => {
      values[i] = value;
      status[i] = s;
      flags[i] = f;
    };
    set(0, 99, Status.value, Flag.provisional);
    set(2, 3.25, Status.value, 0);
    set(3, 7, Status.value, 0);
    set(4, Number.NaN, Status.confidential, 0);
    set(5, 100, Status.value, 0);
    set(6, 2.5, Status.value, Flag.provisional | Flag.estimated);
    set(11, Number.NaN, Status.notAvailable, 0);
    expect(cellsAsArrays(back)).toMatchObject({ values, status, flags });
  });

  it("takes flags from note lines that start with flag letters and ignores other lines", async () => {
    const bytes = await edited(await toXlsx(sample(), ACROSS), (sheet) => {
      sheet.getCell("C6").note = "Ann Smith:\nchecked with the ministry\npe";
    });
    expect((await fromXlsx(bytes)).flags[1]).toBe(Flag.provisional | Flag.estimated);
  });
});

describe("errors", () => {
  it("names the sheet and cell of a value that is neither a number nor a symbol", async () => {
    const bytes = await edited(await toXlsx(sample(), ACROSS), (sheet) => {
      sheet.getCell("D7").value = "12,5x";
    });
    await expect(fromXlsx(bytes)).rejects.toThrow(
      new XlsxError('sheet "Table", cell D7: "12,5x" is not a number or a known symbol'),
    );
  });

  it("refuses a sheet whose rows were sorted", async () => {
    const bytes = await edited(await toXlsx(sample(), ACROSS), (sheet) => {
      sheet.getCell("A6").value = "Kazakhstan";
      sheet.getCell("A7").value = "Armenia";
    });
    await expect(fromXlsx(bytes)).rejects.toThrow(
      'sheet "Table", cell A6: expected the row label "Armenia", found "Kazakhstan"',
    );
  });

  it("refuses files that are not xlsx workbooks", async () => {
    const bytes = await toXlsx(sample());
    await expect(fromXlsx(new TextEncoder().encode("country;year;value\n"))).rejects.toThrow(/not an xlsx file/);
    await expect(fromXlsx(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/\(\.xls\) file/);
    await expect(fromXlsx(bytes.subarray(0, bytes.length / 2))).rejects.toThrow(/not a readable xlsx file/);
    await expect(fromXlsx(new Uint8Array())).rejects.toThrow(XlsxError);
  });

  it("refuses a workbook without the layout sheet or with a damaged one", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Table").getCell("A1").value = 1;
    const foreign = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expect(fromXlsx(foreign)).rejects.toThrow('the workbook has no "_meta" sheet');

    const damaged = await workbookOf(await toXlsx(sample()));
    damaged.getWorksheet("_meta")?.eachRow((row) => {
      if (row.getCell(1).text === "dimension") row.getCell(4).value = "planet";
    });
    await expect(fromXlsx(new Uint8Array(await damaged.xlsx.writeBuffer()))).rejects.toThrow(
      /sheet "_meta", row \d+: "planet" is not a dimension role/,
    );
  });

  it("refuses more cells than the caller accepts", async () => {
    await expect(fromXlsx(await toXlsx(sample()), { maxCells: 11 })).rejects.toThrow("more than the 11 accepted");
  });

  it("refuses to write a bad sheet name or a number without a value", async () => {
    await expect(toXlsx(sample(), { sheetName: "_meta" })).rejects.toThrow(XlsxError);
    await expect(toXlsx(sample(), { sheetName: "a/b" })).rejects.toThrow(XlsxError);
    const ds = sample();
    const values = ds.values.slice();
    values[0] = Number.NaN;
    await expect(toXlsx({ ...ds, values })).rejects.toThrow("cell 0 is a number but its value is NaN");
  });
});
