/**
 * The Excel template for one country: a notes sheet (how to fill it in, the status symbols and flags, each
 * table's definitions from the glossary), one sheet per table in the layout of `layout.ts`, and a hidden `codes`
 * sheet with the code lists that the data validation of the code columns refers to (a list written inline may not
 * exceed 255 characters; the partner-country list is 253 codes). The sheets are protected without a password:
 * only the value cells are unlocked, so the layout is not changed by accident, and a user who must add a row can
 * still unprotect the sheet. Written by exceljs's streaming writer, so memory stays flat for all 12 tables.
 */

import { Writable } from "node:stream";
import { type Category, type Dataset, FLAG_LETTERS, STANDARD_SYMBOLS } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import { countryByCode } from "../countries.ts";
import { termsForTable } from "../glossary/index.ts";
import { emptyCube, TABLE_IDS, type TableId, tableDecl } from "../tables.ts";
import { CODES_SHEET, FIRST_DATA_ROW, HEADER_ROW, NOTES_SHEET, REPORTER_KEY, TABLE_KEY } from "./layout.ts";
import { cellText, checkedFigures, type WorkbookTemplateOptions } from "./options.ts";

/** exceljs's worksheets have `dataValidations` (a range address → rule), which its type declarations leave out. */
type Sheet = ExcelJS.Worksheet & {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
};

const bold: Partial<ExcelJS.Font> = { bold: true };
const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
const valueFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFDE7" } };
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  autoFilter: true,
  sort: true,
};

function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const HOW_TO: readonly [string, string][] = [
  [
    "One sheet per table. Fill in the yellow cells only: one figure per cell, persons as whole numbers.",
    "Один лист на таблицу. Заполняйте только жёлтые ячейки: одно число в ячейке, число человек — целым числом.",
  ],
  [
    "A cell left empty is read as not available (..). Rows may be sorted or deleted; do not change the codes.",
    "Пустая ячейка читается как «нет данных» (..). Строки можно сортировать или удалять; коды не изменяйте.",
  ],
  [
    "Type figures, not formulas: a cell with a formula is refused (paste values instead).",
    "Вводите числа, а не формулы: ячейка с формулой не принимается (вставьте значения).",
  ],
  [
    "Symbols instead of a figure, and flags after a figure (123p, 45 e):",
    "Символы вместо числа и признаки после числа (123p, 45 e):",
  ],
];

function writeNotes(sheet: Sheet, tables: readonly TableId[], reporter: string, years: readonly string[]): void {
  sheet.columns = [{ width: 14 }, { width: 70 }, { width: 70 }];
  const country = countryByCode(reporter);
  sheet.addRow([
    "",
    "Template for reporting migration statistics",
    "Шаблон для представления статистики миграции",
  ]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([REPORTER_KEY, `${reporter} ${country?.label.en ?? ""}`, `${reporter} ${country?.label.ru ?? ""}`]);
  sheet.addRow(["years", years.join(", "), years.join(", ")]);
  sheet.addRow([]);
  sheet.addRow(["", "How to fill in", "Как заполнять"]).font = bold;
  for (const [en, ru] of HOW_TO) sheet.addRow(["", en, ru]);
  for (const s of STANDARD_SYMBOLS.slice(1)) sheet.addRow([s.symbol, s.label.en, s.label.ru]);
  for (const f of FLAG_LETTERS) sheet.addRow([f.letter, f.label.en, f.label.ru]);
  for (const id of tables) {
    const decl = tableDecl(id);
    sheet.addRow([]);
    sheet.addRow([id, `Table ${decl.number}. ${decl.title.en}`, `Таблица ${decl.number}. ${decl.title.ru}`]).font =
      bold;
    sheet.addRow([
      "",
      `${decl.content.label.en}, ${decl.units.en}; ${decl.content.refPeriod.en}`,
      `${decl.content.label.ru}, ${decl.units.ru}; ${decl.content.refPeriod.ru}`,
    ]);
    for (const term of termsForTable(id)) {
      const row = sheet.addRow([
        "",
        `${term.term.en}: ${term.definition.en}`,
        `${term.term.ru}: ${term.definition.ru}`,
      ]);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }
}

interface CodeList {
  readonly dimension: string;
  readonly categories: readonly Category[];
  /** Column of the codes sheet. */
  readonly column: string;
}

function writeCodes(sheet: Sheet, lists: readonly CodeList[]): void {
  const longest = Math.max(...lists.map((l) => l.categories.length));
  sheet.addRow(lists.flatMap((l) => [l.dimension, `${l.dimension}_label_en`, `${l.dimension}_label_ru`]));
  for (let i = 0; i < longest; i++) {
    sheet.addRow(
      lists.flatMap((l) => {
        const c = l.categories[i];
        return c ? [c.code, c.label.en ?? "", c.label.ru ?? ""] : ["", "", ""];
      }),
    );
  }
}

async function writeTable(
  sheet: Sheet,
  id: TableId,
  reporter: string,
  years: readonly string[],
  listRef: (dim: string) => string,
  figures: Dataset | undefined,
): Promise<void> {
  const decl = tableDecl(id);
  const cube = emptyCube(id, { reporters: [reporter], years });
  const [reporterDim, yearDim, ...rest] = cube.dimensions;
  const own = rest.slice(0, -3);
  const [sex, age] = rest.slice(-3);
  const ownDim = own[0];
  if (!reporterDim || !yearDim || !ownDim || !sex || !age || own.length !== 1)
    throw new Error(`unexpected dimensions of ${id}`);
  const country = reporterDim.categories[0];
  const codeColumns = 7;
  sheet.columns = [
    { width: 8 },
    { width: 10 },
    { width: 30 },
    { width: 30 },
    { width: 6 },
    { width: 10 },
    { width: 10 },
    // Value cells are not written: the column's style (unlocked, yellow) is theirs until filled.
    ...age.categories.map(() => ({ width: 9, style: { protection: { locked: false }, fill: valueFill } })),
  ];
  const lockedRow = (values: unknown[], font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow(values);
    for (let k = 1; k <= codeColumns + age.categories.length; k++) {
      const cell = row.getCell(k);
      cell.protection = { locked: true };
      if (font) cell.font = font;
    }
    return row;
  };
  lockedRow([`Table ${decl.number}. ${decl.title.en}`], { bold: true, size: 13 });
  lockedRow([`Таблица ${decl.number}. ${decl.title.ru}`], { bold: true, size: 13 });
  lockedRow([TABLE_KEY, id, REPORTER_KEY, reporter, country?.label.en ?? "", country?.label.ru ?? ""]);
  lockedRow([
    `${decl.content.label.en}, ${decl.units.en}; ${decl.content.refPeriod.en}. ${decl.content.label.ru}, ${decl.units.ru}; ${decl.content.refPeriod.ru}.`,
  ]);
  const label = (c: Category, lang: "en" | "ru") => c.label[lang] ?? "";
  const header = [
    yearDim.code,
    ownDim.code,
    `${ownDim.code}_label_en`,
    `${ownDim.code}_label_ru`,
    sex.code,
    `${sex.code}_label_en`,
    `${sex.code}_label_ru`,
    ...age.categories.map((c) => c.code),
  ];
  for (const [values, lang] of [
    [header, undefined],
    [
      [yearDim.label.en, ownDim.label.en, "", "", sex.label.en, "", "", ...age.categories.map((c) => label(c, "en"))],
      "en",
    ],
    [
      [yearDim.label.ru, ownDim.label.ru, "", "", sex.label.ru, "", "", ...age.categories.map((c) => label(c, "ru"))],
      "ru",
    ],
  ] as const) {
    const row = lockedRow([...values], lang === undefined ? bold : { italic: true });
    row.eachCell((cell) => {
      cell.fill = headerFill;
    });
  }
  let rowNumber = FIRST_DATA_ROW;
  for (const y of yearDim.categories) {
    for (const o of ownDim.categories) {
      for (const s of sex.categories) {
        const codes = [Number(y.code), o.code, label(o, "en"), label(o, "ru"), s.code, label(s, "en"), label(s, "ru")];
        // Row k of the data is cells k × ages … of the slice: the ages vary fastest (the contents has one value).
        const first = (rowNumber - FIRST_DATA_ROW) * age.categories.length;
        const values = figures ? age.categories.map((_, a) => cellText(figures, first + a) || null) : [];
        sheet.addRow([...codes, ...values]).commit();
        rowNumber++;
      }
    }
  }
  const last = rowNumber - 1;
  const validation = (formula: string, what: string, was: string): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: false,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: "Code / Код",
    error: `${what} / ${was}`,
  });
  sheet.dataValidations.add(
    `A${FIRST_DATA_ROW}:A${last}`,
    validation(listRef(yearDim.code), "A year of the template", "Год из шаблона"),
  );
  sheet.dataValidations.add(
    `B${FIRST_DATA_ROW}:B${last}`,
    validation(listRef(ownDim.code), "A code of the list", "Код из списка"),
  );
  sheet.dataValidations.add(
    `E${FIRST_DATA_ROW}:E${last}`,
    validation(listRef(sex.code), "A code of the list", "Код из списка"),
  );
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: last, column: codeColumns + age.categories.length },
  };
  await sheet.protect("", PROTECTION);
}

/** The Excel workbook template of some tables for one country and the years given. */
export async function templateXlsx(options: WorkbookTemplateOptions): Promise<Uint8Array> {
  const years =
    emptyCube("T1_1", { reporters: [options.reporter], years: options.years }).dimensions[1]?.categories.map(
      (c) => c.code,
    ) ?? [];
  const wanted = new Set(options.tables);
  const tables = TABLE_IDS.filter((id) => wanted.has(id));
  if (tables.length === 0) throw new RangeError("a workbook template needs at least one table");

  // Code lists the validations refer to: every own dimension of the tables, then sex.
  const lists: CodeList[] = [];
  const seen = new Set<string>();
  const yearDim = emptyCube("T1_1", { reporters: [options.reporter], years }).dimensions[1];
  if (yearDim) lists.push({ dimension: yearDim.code, categories: yearDim.categories, column: "A" });
  for (const id of tables) {
    const dims = emptyCube(id, { reporters: [options.reporter], years: [years[0] ?? "2000"] }).dimensions;
    for (const d of [...dims.slice(2, -3), dims.at(-3)]) {
      if (!d || seen.has(d.code)) continue;
      seen.add(d.code);
      lists.push({ dimension: d.code, categories: d.categories, column: columnLetter(3 * lists.length + 1) });
    }
  }
  const listRef = (dim: string) => {
    const l = lists.find((x) => x.dimension === dim);
    if (!l) throw new Error(`no code list for ${dim}`);
    return `${CODES_SHEET}!$${l.column}$2:$${l.column}$${l.categories.length + 1}`;
  };

  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  workbook.creator = "Migration Statistics Clearinghouse";
  const notes = workbook.addWorksheet(NOTES_SHEET) as Sheet;
  writeNotes(notes, tables, options.reporter, years);
  await notes.protect("", PROTECTION);
  notes.commit();
  for (const id of tables) {
    const sheet = workbook.addWorksheet(id, {
      views: [{ state: "frozen", xSplit: 7, ySplit: FIRST_DATA_ROW - 1 }],
    }) as Sheet;
    const figures = checkedFigures(id, options.reporter, years, options.figures?.[id]);
    await writeTable(sheet, id, options.reporter, years, listRef, figures);
    sheet.commit();
  }
  const codes = workbook.addWorksheet(CODES_SHEET, { state: "hidden" }) as Sheet;
  writeCodes(codes, lists);
  await codes.protect("", PROTECTION);
  codes.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
