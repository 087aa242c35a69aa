/**
 * The Excel writer as it was before codecs/xlsx-writer.ts (exceljs's streaming WorkbookWriter), kept unchanged
 * only as bench/xlsx.ts's baseline: the bench times both in the same run and checks that they write the same
 * content. Not used by the product.
 */

import ExcelJS from "exceljs";
import { bytesSink, type ToXlsxOptions, XlsxError } from "../packages/cube/src/codecs/xlsx.ts";
import {
  type Category,
  contentsDimension,
  type Dataset,
  FIRST_CUSTOM_STATUS,
  FLAG_LETTERS,
  type Note,
  STANDARD_SYMBOLS,
  Status,
  symbolOf,
  type Texts,
  textIn,
} from "../packages/cube/src/model.ts";
import { defaultLayout, type Pivot, pivot } from "../packages/cube/src/pivot.ts";

const META_SHEET = "_meta";
const FORMAT = "clearinghouse-cube-xlsx";
const FORMAT_VERSION = "1";
const DEFAULT_SHEET = "Table";
const FIRST_HEADER_ROW = 3;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;

interface Headings {
  readonly notes: string;
  readonly source: string;
  readonly units: string;
  readonly symbols: string;
  readonly flags: string;
}

const HEADINGS: Readonly<Record<string, Headings>> = {
  en: { notes: "Notes", source: "Source", units: "Units", symbols: "Symbols", flags: "Flags (in cell notes)" },
  ru: {
    notes: "Примечания",
    source: "Источник",
    units: "Единицы измерения",
    symbols: "Условные обозначения",
    flags: "Признаки (в примечаниях к ячейкам)",
  },
};

/** Where the parts of the table sheet are (1-based, as in Excel). */
interface Grid {
  readonly firstDataRow: number;
  readonly firstDataColumn: number;
  /** Row of the innermost column labels; 0 when nothing is across. The row labels are left of the data. */
  readonly columnLabelRow: number;
}

export async function toXlsxWithExcelJs(ds: Dataset, options: ToXlsxOptions = {}): Promise<Uint8Array> {
  const lang = options.lang ?? ds.languages[0] ?? "en";
  const sheetName = options.sheetName ?? DEFAULT_SHEET;
  checkSheetName(sheetName);
  const table = pivot(ds, defaultLayout(ds, options));
  const grid = gridOf(table);
  checkFitsSheet(table, grid);
  const text = (texts: Texts | undefined) => textIn(texts, lang, ds.languages);

  const sink = bytesSink();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", xSplit: grid.firstDataColumn - 1, ySplit: grid.firstDataRow - 1 }],
  });
  const meta = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });

  sheet.columns = columnWidths(table, grid, text);
  writeTitle(sheet, text(ds.title));
  writeHeader(sheet, table, grid, text);
  writeBody(sheet, ds, table, grid, text);
  writeFootnotes(sheet, ds, grid.firstDataRow + table.rowCount + 1, lang, text);
  sheet.commit();
  writeMeta(meta, ds, table, grid, sheetName, lang, text);
  meta.commit();
  await workbook.commit();
  return sink.bytes();
}

function gridOf(table: Pivot): Grid {
  const labelColumns = Math.max(table.rowDimensions.length, 1);
  const across = table.columnDimensions.length;
  return {
    // One header row per column dimension, then the row naming the row dimensions.
    firstDataRow: FIRST_HEADER_ROW + across + 1,
    firstDataColumn: labelColumns + 1,
    columnLabelRow: across > 0 ? FIRST_HEADER_ROW + across - 1 : 0,
  };
}

function checkSheetName(name: string): void {
  const valid = /^[^:\\/?*[\]]{1,31}$/.test(name) && !name.startsWith("'") && !name.endsWith("'");
  if (!valid) throw new XlsxError(`"${name}" cannot be a sheet name (1–31 characters, none of : \\ / ? * [ ])`);
  if (name.toLowerCase() === META_SHEET) throw new XlsxError(`"${name}" is reserved for the layout sheet`);
}

function checkFitsSheet(table: Pivot, grid: Grid): void {
  const lastRow = grid.firstDataRow + table.rowCount - 1;
  const lastColumn = grid.firstDataColumn + table.columnCount - 1;
  if (lastRow > EXCEL_MAX_ROWS || lastColumn > EXCEL_MAX_COLUMNS) {
    throw new XlsxError(
      `the table needs ${lastRow} rows and ${lastColumn} columns; a sheet has at most ${EXCEL_MAX_ROWS} and ` +
        `${EXCEL_MAX_COLUMNS}: put other dimensions across or select fewer categories`,
    );
  }
}

type TextOf = (texts: Texts | undefined) => string;

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const RIGHT: Partial<ExcelJS.Alignment> = { horizontal: "right" };

/** Widths in characters, from the longest label a column holds. */
function columnWidths(table: Pivot, grid: Grid, text: TextOf): Partial<ExcelJS.Column>[] {
  const widthFor = (texts: readonly string[], min: number, max: number) =>
    Math.min(
      max,
      texts.reduce((width, t) => Math.max(width, t.length + 2), min),
    );
  const labels = table.rowDimensions.map((d) =>
    widthFor([text(d.label), ...d.categories.map((c) => text(c.label))], 8, 60),
  );
  while (labels.length < grid.firstDataColumn - 1) labels.push(8);
  const innermost = table.columnDimensions.at(-1);
  const data = widthFor(innermost?.categories.map((c) => text(c.label)) ?? [], 10, 40);
  return [...labels, ...new Array<number>(table.columnCount).fill(data)].map((width) => ({ width }));
}

function writeTitle(sheet: ExcelJS.Worksheet, title: string): void {
  const cell = sheet.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
  sheet.getRow(1).commit();
}

function writeHeader(sheet: ExcelJS.Worksheet, table: Pivot, grid: Grid, text: TextOf): void {
  const dims = table.columnDimensions;
  let span = table.columnCount;
  dims.forEach((dimension, k) => {
    const row = FIRST_HEADER_ROW + k;
    span /= dimension.categories.length;
    headerCell(sheet.getCell(row, grid.firstDataColumn - 1), text(dimension.label)).alignment = RIGHT;
    for (let column = 0; column < table.columnCount; column += span) {
      const category = table.columnCategories(column)[k] as Category;
      const first = grid.firstDataColumn + column;
      headerCell(sheet.getCell(row, first), text(category.label)).alignment = { horizontal: "center", wrapText: true };
      if (span > 1) sheet.mergeCells(row, first, row, first + span - 1);
    }
  });
  const stubRow = grid.firstDataRow - 1;
  table.rowDimensions.forEach((dimension, j) => {
    headerCell(sheet.getCell(stubRow, j + 1), text(dimension.label));
  });
  sheet.getRow(stubRow).commit();
}

function headerCell(cell: ExcelJS.Cell, label: string): ExcelJS.Cell {
  cell.value = label;
  cell.font = BOLD;
  cell.fill = HEADER_FILL;
  return cell;
}

function writeBody(sheet: ExcelJS.Worksheet, ds: Dataset, table: Pivot, grid: Grid, text: TextOf): void {
  const numFmt = numberFormat(ds.decimals);
  for (let r = 0; r < table.rowCount; r++) {
    const row = sheet.getRow(grid.firstDataRow + r);
    table.rowCategories(r).forEach((category, j) => {
      row.getCell(j + 1).value = text(category.label);
    });
    for (let c = 0; c < table.columnCount; c++) {
      writeCell(row.getCell(grid.firstDataColumn + c), ds, table.cell(r, c), numFmt, text);
    }
    row.commit();
  }
}

/** `#,##0` with as many decimal places as the dataset has. */
function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

function writeCell(cell: ExcelJS.Cell, ds: Dataset, index: number, numFmt: string, text: TextOf): void {
  const status = ds.status[index] ?? Status.notAvailable;
  if (status === Status.value) {
    const value = ds.values[index] ?? Number.NaN;
    if (!Number.isFinite(value)) throw new XlsxError(`cell ${index} is a number but its value is ${value}`);
    cell.value = value;
    cell.numFmt = numFmt;
  } else {
    cell.value = symbolOf(ds, status);
    cell.alignment = RIGHT;
  }
  const flags = ds.flags[index] ?? 0;
  if (flags) cell.note = flagNote(flags, text);
}

/** `p: provisional`, one flag a line; the reader takes the letters before the colons. */
function flagNote(flags: number, text: TextOf): string {
  return FLAG_LETTERS.filter((f) => flags & f.bit)
    .map((f) => `${f.letter}: ${text(f.label)}`)
    .join("\n");
}

function writeFootnotes(sheet: ExcelJS.Worksheet, ds: Dataset, startRow: number, lang: string, text: TextOf): void {
  const headings = HEADINGS[lang] ?? (HEADINGS.en as Headings);
  let next = startRow;
  const line = (cells: readonly string[], bold = false) => {
    const row = sheet.getRow(next++);
    cells.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (bold) cell.font = BOLD;
    });
    row.commit();
  };
  const notes = footnoteLines(ds, text);
  if (notes.length > 0) {
    line([headings.notes], true);
    for (const note of notes) line([note]);
  }
  if (ds.source) line([`${headings.source}: ${text(ds.source)}`]);
  if (ds.units) line([`${headings.units}: ${text(ds.units)}`]);
  // What each contents value counts: its own units and reference period.
  const contents = contentsDimension(ds.dimensions);
  const described = contents?.categories.filter((c) => c.content?.units || c.content?.refPeriod) ?? [];
  if (contents && described.length > 0) {
    line([text(contents.label)], true);
    for (const c of described) {
      const facts = [c.content?.units, c.content?.refPeriod].flatMap((t) => (t ? [text(t)] : []));
      line([`${text(c.label)}: ${facts.join(", ")}`]);
    }
  }
  const symbols = symbolLegend(ds, text);
  if (symbols.length > 0) {
    line([headings.symbols], true);
    for (const entry of symbols) line(entry);
  }
  const flags = flagLegend(ds, text);
  if (flags.length > 0) {
    line([headings.flags], true);
    for (const entry of flags) line(entry);
  }
}

/** Dataset, dimension, category and cell notes, each prefixed with what it is about. */
function footnoteLines(ds: Dataset, text: TextOf): string[] {
  const lines = (ds.notes ?? []).map((n) => text(n.text));
  for (const d of ds.dimensions) {
    for (const n of d.notes ?? []) lines.push(`${text(d.label)}: ${text(n.text)}`);
    for (const c of d.categories) {
      for (const n of c.notes ?? []) lines.push(`${text(d.label)} — ${text(c.label)}: ${text(n.text)}`);
    }
  }
  for (const n of ds.cellNotes ?? []) {
    const about = n.where.flatMap((code, k) => {
      const category = ds.dimensions[k]?.categories.find((c) => c.code === code);
      return category ? [text(category.label)] : [];
    });
    lines.push(`${about.join(", ")}: ${text(n.text)}`);
  }
  return lines;
}

/** [symbol, label] for each status other than a number that occurs in the data. */
function symbolLegend(ds: Dataset, text: TextOf): string[][] {
  const used = [...new Set(ds.status)].filter((s) => s !== Status.value).sort((a, b) => a - b);
  return used.map((status) => {
    const label =
      status < FIRST_CUSTOM_STATUS
        ? STANDARD_SYMBOLS[status]?.label
        : ds.symbols?.[status - FIRST_CUSTOM_STATUS]?.label;
    return [symbolOf(ds, status), text(label)];
  });
}

/** [letter, label] for each flag that occurs in the data. */
function flagLegend(ds: Dataset, text: TextOf): string[][] {
  const used = ds.flags.reduce((all, flags) => all | flags, 0);
  return FLAG_LETTERS.filter((f) => used & f.bit).map((f) => [f.letter, text(f.label)]);
}

function writeMeta(
  meta: ExcelJS.Worksheet,
  ds: Dataset,
  table: Pivot,
  grid: Grid,
  sheetName: string,
  lang: string,
  text: TextOf,
): void {
  const record = (...fields: (string | number)[]) => meta.addRow(fields).commit();
  const mandatory = (note: Note) => (note.mandatory ? "mandatory" : "");
  record("format", FORMAT, FORMAT_VERSION);
  record("sheet", sheetName, grid.firstDataRow, grid.firstDataColumn, grid.columnLabelRow);
  record("language", lang);
  record("id", ds.id);
  record("title", text(ds.title));
  for (const key of ["source", "units", "contact"] as const) if (ds[key]) record(key, text(ds[key]));
  if (ds.updated) record("updated", ds.updated);
  record("decimals", ds.decimals);
  for (const n of ds.notes ?? []) record("note", text(n.text), mandatory(n));
  for (const s of ds.symbols ?? []) record("symbol", s.symbol, text(s.label));
  for (const d of ds.dimensions) {
    record("dimension", d.code, text(d.label), d.role, d.timeUnit ?? "");
    if (d.elimination) record("elimination", d.code, d.elimination.code ?? "");
    for (const n of d.notes ?? []) record("dimensionNote", d.code, text(n.text), mandatory(n));
    for (const c of d.categories) {
      record("category", d.code, c.code, text(c.label), c.parent ?? "");
      for (const n of c.notes ?? []) record("categoryNote", d.code, c.code, text(n.text), mandatory(n));
      const info = c.content;
      if (info) {
        const optional = (t: Texts | undefined) => (t ? text(t) : "");
        record(
          "content",
          d.code,
          c.code,
          optional(info.units),
          optional(info.refPeriod),
          optional(info.basePeriod),
          optional(info.contact),
          info.updated ?? "",
          info.measuringType ?? "",
        );
      }
    }
  }
  for (const n of ds.cellNotes ?? []) record("cellNote", text(n.text), mandatory(n), ...n.where.map((w) => w ?? ""));
  record("rows", ...table.rowDimensions.map((d) => d.code));
  record("columns", ...table.columnDimensions.map((d) => d.code));
}
