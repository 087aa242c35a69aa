/**
 * Excel ⇄ Dataset: a formatted, pivoted table for people and a hidden sheet that lets the file be read back exactly.
 *
 * The table sheet: the title in row 1, the dataset's mandatory notes in row 2 (so a mark such as "Illustrative
 * data, not official statistics" is the first thing read, not a footnote far below; `sheetHeadRows`); from row 3 a
 * header block with one row per column dimension (a category
 * spanning several columns is one merged cell) and then a row naming the row dimensions; the row labels repeat on
 * every row, so the table can be filtered and sorted; panes are frozen below the header and right of the labels.
 * Numbers are real numbers, formatted with the dataset's decimals but stored unrounded. Symbols ("..", "-", "x",
 * custom ones) are right-aligned text. Flags go into a cell note (`p: provisional`), so a flagged cell stays a
 * number that formulas can use and the grid keeps one column per category. Below the table: footnotes, source,
 * units (and each contents value's units and reference period) and a legend of the symbols and flags used, in the
 * language of the labels.
 *
 * The very hidden `_meta` sheet has one record per row (kind, then fields): the format, where the table is, the
 * language, the dataset's texts and decimals, dimensions, categories (a contents value's units, reference period
 * and the rest in a `content` record), notes, symbols and the row/column layout.
 * Reading takes codes, labels and layout from `_meta` and the cells from the table as they are now, so numbers
 * edited in Excel are read: a number or a formula's number is a value, an empty cell is "..", text is a known symbol
 * or a number with flag letters (`12.5 p`); flags also come from note lines that start with flag letters. Row and
 * column labels are checked, so sorted or inserted rows are refused rather than misread. Only one language
 * travels; value sets, groupings and PX extensions do not.
 *
 * Writing streams rows to the zip, so memory stays flat; reading loads the workbook (exceljs keeps a cell object
 * per cell, a few hundred bytes each).
 */

import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import {
  type Category,
  type CellNote,
  type ContentInfo,
  cellCount,
  contentsDimension,
  type Dataset,
  type Dimension,
  datasetProblems,
  FIRST_CUSTOM_STATUS,
  FLAG_LETTERS,
  type MeasuringType,
  type Note,
  parseFlags,
  type Role,
  STANDARD_SYMBOLS,
  Status,
  statusOfSymbol,
  symbolOf,
  type Texts,
  type TimeUnit,
  textIn,
} from "../model.ts";
import { defaultLayout, type Pivot, PivotError, type PivotLayout, pivot } from "../pivot.ts";

export class XlsxError extends Error {}

/** A stream that keeps what is written to it, for exceljs's streaming writer: the workbook's bytes at the end. */
export function bytesSink(): { readonly stream: Writable; bytes(): Uint8Array } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

export interface ToXlsxOptions {
  /** Language of the labels (default: the dataset's first). */
  readonly lang?: string;
  /** Dimension codes down the side; by default every dimension not across. */
  readonly rows?: readonly string[];
  /** Dimension codes across the top; by default the time dimension, else the last one. */
  readonly columns?: readonly string[];
  /** Name of the table sheet (default "Table"). */
  readonly sheetName?: string;
}

export interface FromXlsxOptions {
  /** Largest number of cells accepted (default 10 million), checked before any cell array is made. */
  readonly maxCells?: number;
}

const META_SHEET = "_meta";
const FORMAT = "clearinghouse-cube-xlsx";
const FORMAT_VERSION = "1";
const DEFAULT_SHEET = "Table";
const DEFAULT_MAX_CELLS = 10_000_000;
const FIRST_HEADER_ROW = 3;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
const ROLES: readonly Role[] = ["time", "geo", "metric", "other"];
const TIME_UNITS: readonly TimeUnit[] = ["A1", "H1", "Q1", "M1", "W1"];

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

// ————————————————————————————————————————— writing —————————————————————————————————————————

export async function toXlsx(ds: Dataset, options: ToXlsxOptions = {}): Promise<Uint8Array> {
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
  writeHeadRows(sheet, sheetHeadRows(ds, text));
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

export type TextOf = (texts: Texts | undefined) => string;

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const RIGHT: Partial<ExcelJS.Alignment> = { horizontal: "right" };

/** Widths in characters, from the longest label a column holds. */
function columnWidths(table: Pivot, grid: Grid, text: TextOf): Partial<ExcelJS.Column>[] {
  const fit = (texts: readonly string[], min: number, max: number) =>
    Math.min(
      max,
      texts.reduce((width, t) => Math.max(width, t.length + 2), min),
    );
  const labels = table.rowDimensions.map((d) => fit([text(d.label), ...d.categories.map((c) => text(c.label))], 8, 60));
  while (labels.length < grid.firstDataColumn - 1) labels.push(8);
  const innermost = table.columnDimensions.at(-1);
  const data = fit(innermost?.categories.map((c) => text(c.label)) ?? [], 10, 40);
  return [...labels, ...new Array<number>(table.columnCount).fill(data)].map((width) => ({ width }));
}

/** A line above the table: its row, its text and how it is set. */
export interface SheetHeadRow {
  readonly row: number;
  readonly text: string;
  readonly font: Partial<ExcelJS.Font>;
}

const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
/** Dark red and bold: a mandatory note (the illustrative mark) must not be overlooked. */
const MANDATORY_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FF9C0006" } };

/**
 * The rows above the header: the title in row 1 and, in row 2, the dataset's mandatory notes (PX NOTEX, our mark
 * of illustrative figures) one after the other. Pure, so any writer of the sheet puts the same lines there.
 */
export function sheetHeadRows(ds: Pick<Dataset, "title" | "notes">, text: TextOf): SheetHeadRow[] {
  const mandatory = (ds.notes ?? []).filter((n) => n.mandatory).map((n) => text(n.text));
  return [
    { row: 1, text: text(ds.title), font: TITLE_FONT },
    ...(mandatory.length > 0 ? [{ row: 2, text: mandatory.join(" "), font: MANDATORY_FONT }] : []),
  ];
}

function writeHeadRows(sheet: ExcelJS.Worksheet, rows: readonly SheetHeadRow[]): void {
  for (const head of rows) {
    const cell = sheet.getCell(head.row, 1);
    cell.value = head.text;
    cell.font = head.font;
    sheet.getRow(head.row).commit();
  }
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

// ————————————————————————————————————————— reading —————————————————————————————————————————

/** The dataset in a workbook written by `toXlsx`, with the cells as they are now in its table sheet. */
export async function fromXlsx(bytes: Uint8Array, options: FromXlsxOptions = {}): Promise<Dataset> {
  const workbook = await loadWorkbook(bytes);
  const metaSheet = workbook.getWorksheet(META_SHEET);
  if (!metaSheet) throw new XlsxError(`the workbook has no "${META_SHEET}" sheet: it was not written by toXlsx`);
  const meta = readMeta(metaSheet);
  const sheet = workbook.getWorksheet(meta.sheetName);
  if (!sheet) throw new XlsxError(`the workbook has no sheet "${meta.sheetName}", which "${META_SHEET}" names`);
  const cells = cellCount(meta.shell.dimensions);
  const limit = options.maxCells ?? DEFAULT_MAX_CELLS;
  if (cells > limit) throw new XlsxError(`the table has ${cells} cells, more than the ${limit} accepted`);
  const table = tableOf(meta);
  checkLabels(sheet, table, meta.grid, meta.shell.languages[0] as string);
  const dataset = { ...meta.shell, ...readCells(sheet, meta.shell, table, meta.grid) };
  const problems = datasetProblems(dataset);
  if (problems.length > 0)
    throw new XlsxError(`sheet "${META_SHEET}" describes an invalid table: ${problems.join("; ")}`);
  return dataset;
}

function tableOf(meta: Meta): Pivot {
  try {
    return pivot(meta.shell, meta.layout);
  } catch (error) {
    if (error instanceof PivotError) throw new XlsxError(`sheet "${META_SHEET}", rows and columns: ${error.message}`);
    throw error;
  }
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new XlsxError("this is an Excel 97–2003 (.xls) file; save it as an Excel workbook (.xlsx)");
  }
  if (!starts(0x50, 0x4b, 0x03, 0x04)) throw new XlsxError("this is not an xlsx file (it is not a ZIP archive)");
  const workbook = new ExcelJS.Workbook();
  try {
    // Typed as taking an ArrayBuffer, but JSZip underneath reads a Uint8Array as it is, without a copy.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new XlsxError(`this is not a readable xlsx file: ${(error as Error).message}`);
  }
  return workbook;
}

interface Meta {
  readonly sheetName: string;
  readonly grid: Grid;
  readonly layout: PivotLayout;
  /** The dataset without its cells. */
  readonly shell: Dataset;
}

interface MetaRecord {
  readonly row: number;
  readonly fields: readonly string[];
}

const RECORD_KINDS = new Set([
  "format",
  "sheet",
  "language",
  "id",
  "title",
  "source",
  "units",
  "contact",
  "updated",
  "decimals",
  "note",
  "symbol",
  "dimension",
  "elimination",
  "dimensionNote",
  "category",
  "categoryNote",
  "content",
  "cellNote",
  "rows",
  "columns",
]);

const metaError = (record: MetaRecord, message: string) =>
  new XlsxError(`sheet "${META_SHEET}", row ${record.row}: ${message}`);

const field = (record: MetaRecord, i: number) => record.fields[i] ?? "";

function integerField(record: MetaRecord, i: number, min: number): number {
  const text = field(record, i);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min) throw metaError(record, `"${text}" is not a whole number of at least ${min}`);
  return value;
}

/** The records of the `_meta` sheet grouped by kind, in sheet order. */
function recordsOf(sheet: ExcelJS.Worksheet): Map<string, MetaRecord[]> {
  const byKind = new Map<string, MetaRecord[]>();
  sheet.eachRow((row, rowNumber) => {
    const fields = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text);
    const record = { row: rowNumber, fields };
    const kind = field(record, 0);
    if (!RECORD_KINDS.has(kind)) throw metaError(record, `unknown record "${kind}"`);
    const ofKind = byKind.get(kind);
    if (ofKind) ofKind.push(record);
    else byKind.set(kind, [record]);
  });
  return byKind;
}

function readMeta(sheet: ExcelJS.Worksheet): Meta {
  const records = recordsOf(sheet);
  const all = (kind: string) => records.get(kind) ?? [];
  const required = (kind: string) => {
    const record = all(kind)[0];
    if (!record) throw new XlsxError(`sheet "${META_SHEET}" has no "${kind}" record`);
    return record;
  };
  const format = required("format");
  if (field(format, 1) !== FORMAT || field(format, 2) !== FORMAT_VERSION) {
    throw metaError(format, `expected format "${FORMAT}" version ${FORMAT_VERSION}`);
  }
  const lang = field(required("language"), 1);
  const texts = (text: string): Texts => ({ [lang]: text });
  const note = (record: MetaRecord, i: number): Note => ({
    text: texts(field(record, i)),
    ...(field(record, i + 1) === "mandatory" && { mandatory: true }),
  });
  const optional = (kind: string) => {
    const record = all(kind)[0];
    return record && field(record, 1);
  };
  const [source, units, contact, updated] = ["source", "units", "contact", "updated"].map(optional);
  const notes = all("note").map((r) => note(r, 1));
  const symbols = all("symbol").map((r) => ({ symbol: field(r, 1), label: texts(field(r, 2)) }));
  const dimensions = dimensionsOf(all, texts, note);
  // Empty trailing cells are not stored, so the list is as long as there are dimensions, not as the row.
  const cellNotes = all("cellNote").map(
    (r): CellNote => ({ ...note(r, 1), where: dimensions.map((_, k) => field(r, 3 + k) || null) }),
  );
  const sheetRecord = required("sheet");
  const shell: Dataset = {
    id: field(required("id"), 1),
    languages: [lang],
    title: texts(field(required("title"), 1)),
    ...(source !== undefined && { source: texts(source) }),
    ...(units !== undefined && { units: texts(units) }),
    ...(contact !== undefined && { contact: texts(contact) }),
    ...(updated !== undefined && { updated }),
    decimals: integerField(required("decimals"), 1, 0),
    ...(notes.length > 0 && { notes }),
    dimensions,
    values: new Float64Array(0),
    status: new Uint8Array(0),
    flags: new Uint8Array(0),
    ...(symbols.length > 0 && { symbols }),
    ...(cellNotes.length > 0 && { cellNotes }),
  };
  return {
    sheetName: field(sheetRecord, 1),
    grid: {
      firstDataRow: integerField(sheetRecord, 2, 1),
      firstDataColumn: integerField(sheetRecord, 3, 1),
      columnLabelRow: integerField(sheetRecord, 4, 0),
    },
    layout: { rows: required("rows").fields.slice(1), columns: required("columns").fields.slice(1) },
    shell,
  };
}

interface CategoryDraft {
  readonly code: string;
  readonly label: Texts;
  readonly parent?: string;
  readonly notes: Note[];
  content?: ContentInfo;
}

const MEASURING_TYPES: readonly MeasuringType[] = ["stock", "flow", "average"];

interface DimensionDraft extends Omit<Dimension, "categories" | "notes"> {
  elimination?: { readonly code?: string };
  readonly categories: CategoryDraft[];
  readonly notes: Note[];
}

function dimensionsOf(
  all: (kind: string) => MetaRecord[],
  texts: (text: string) => Texts,
  note: (record: MetaRecord, i: number) => Note,
): Dimension[] {
  const drafts = new Map<string, DimensionDraft>();
  for (const r of all("dimension")) {
    const role = field(r, 3) as Role;
    if (!ROLES.includes(role)) throw metaError(r, `"${role}" is not a dimension role (${ROLES.join(", ")})`);
    const timeUnit = field(r, 4) as TimeUnit | "";
    if (timeUnit !== "" && !TIME_UNITS.includes(timeUnit)) throw metaError(r, `"${timeUnit}" is not a time unit`);
    const code = field(r, 1);
    const dimension = { code, label: texts(field(r, 2)), role, categories: [], notes: [] };
    drafts.set(code, { ...dimension, ...(timeUnit !== "" && { timeUnit }) });
  }
  const dimensionOf = (r: MetaRecord) => {
    const draft = drafts.get(field(r, 1));
    if (!draft) throw metaError(r, `no dimension "${field(r, 1)}" was declared`);
    return draft;
  };
  const categoryOf = (r: MetaRecord) => {
    const category = dimensionOf(r).categories.find((c) => c.code === field(r, 2));
    if (!category) throw metaError(r, `dimension "${field(r, 1)}" has no category "${field(r, 2)}"`);
    return category;
  };
  for (const r of all("elimination")) dimensionOf(r).elimination = field(r, 2) ? { code: field(r, 2) } : {};
  for (const r of all("dimensionNote")) dimensionOf(r).notes.push(note(r, 2));
  for (const r of all("category")) {
    const parent = field(r, 4);
    const category = { code: field(r, 2), label: texts(field(r, 3)), notes: [] };
    dimensionOf(r).categories.push({ ...category, ...(parent !== "" && { parent }) });
  }
  for (const r of all("categoryNote")) categoryOf(r).notes.push(note(r, 3));
  for (const r of all("content")) {
    const measuring = field(r, 8);
    if (measuring !== "" && !MEASURING_TYPES.includes(measuring as MeasuringType)) {
      throw metaError(r, `"${measuring}" is not a measuring type (${MEASURING_TYPES.join(", ")})`);
    }
    const optional = (i: number) => (field(r, i) === "" ? undefined : texts(field(r, i)));
    const info = {
      units: optional(3),
      refPeriod: optional(4),
      basePeriod: optional(5),
      contact: optional(6),
      updated: field(r, 7) || undefined,
      measuringType: (measuring || undefined) as MeasuringType | undefined,
    };
    categoryOf(r).content = Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
  }
  return [...drafts.values()].map(({ categories, notes, ...dimension }) => ({
    ...dimension,
    categories: categories.map(({ notes, ...category }) => ({ ...category, ...(notes.length > 0 && { notes }) })),
    ...(notes.length > 0 && { notes }),
  }));
}

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Refuses a table whose rows or columns no longer hold the labels `_meta` expects (sorted, inserted, deleted). */
function checkLabels(sheet: ExcelJS.Worksheet, table: Pivot, grid: Grid, lang: string): void {
  const expect = (row: number, column: number, category: Category | undefined, what: string) => {
    const expected = category?.label[lang] ?? "";
    const found = sheet.findCell(row, column)?.text ?? "";
    if (found !== expected) {
      throw new XlsxError(
        `sheet "${sheet.name}", cell ${columnName(column)}${row}: expected the ${what} label "${expected}", found ` +
          `"${found}"; were rows or columns sorted, inserted or deleted?`,
      );
    }
  };
  for (let r = 0; r < table.rowCount; r++) {
    table.rowCategories(r).forEach((category, j) => {
      expect(grid.firstDataRow + r, j + 1, category, "row");
    });
  }
  if (grid.columnLabelRow === 0) return;
  for (let c = 0; c < table.columnCount; c++) {
    expect(grid.columnLabelRow, grid.firstDataColumn + c, table.columnCategories(c).at(-1), "column");
  }
}

function readCells(
  sheet: ExcelJS.Worksheet,
  ds: Dataset,
  table: Pivot,
  grid: Grid,
): Pick<Dataset, "values" | "status" | "flags"> {
  const size = cellCount(ds.dimensions);
  const values = new Float64Array(size).fill(Number.NaN);
  const status = new Uint8Array(size);
  const flags = new Uint8Array(size);
  for (let r = 0; r < table.rowCount; r++) {
    const row = sheet.findRow(grid.firstDataRow + r);
    for (let c = 0; c < table.columnCount; c++) {
      const index = table.cell(r, c);
      const cell = row?.findCell(grid.firstDataColumn + c);
      if (!cell) {
        status[index] = Status.notAvailable;
        continue;
      }
      const read = readCell(cell, sheet.name, ds);
      values[index] = read.value;
      status[index] = read.status;
      flags[index] = read.flags;
    }
  }
  return { values, status, flags };
}

/** A number with optional flag letters, as typed into a text cell: `12.5`, `12.5 p`, `-3e2pe`. */
const NUMBER_WITH_FLAGS = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*)$/;

/**
 * A number (or a formula's numeric result) is a value; an empty cell is not available; text is a known symbol or a
 * number with flag letters. Flags also come from the cell's note.
 */
function readCell(
  cell: ExcelJS.Cell,
  sheetName: string,
  ds: Dataset,
): { value: number; status: number; flags: number } {
  const noted = flagsOfNote(cell.note);
  const content = cell.value;
  if (typeof content === "number") return { value: content, status: Status.value, flags: noted };
  if (content && typeof content === "object" && "result" in content && typeof content.result === "number") {
    return { value: content.result, status: Status.value, flags: noted };
  }
  const text = cell.text.trim();
  if (text === "") return { value: Number.NaN, status: Status.notAvailable, flags: noted };
  const symbolStatus = statusOfSymbol(ds, text);
  if (symbolStatus !== undefined) return { value: Number.NaN, status: symbolStatus, flags: noted };
  const match = NUMBER_WITH_FLAGS.exec(text);
  const typedFlags = match ? parseFlags(match[2] ?? "") : undefined;
  if (!match || typedFlags === undefined) {
    throw new XlsxError(`sheet "${sheetName}", cell ${cell.address}: "${text}" is not a number or a known symbol`);
  }
  return { value: Number(match[1]), status: Status.value, flags: noted | typedFlags };
}

/**
 * Flags of a cell note: each line that starts with flag letters (`p: provisional`, `pe`). Other lines, such as the
 * author's name Excel puts first or a user's remark, are left alone.
 */
function flagsOfNote(note: ExcelJS.Cell["note"]): number {
  if (!note) return 0;
  const text = typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
  let flags = 0;
  for (const line of text.split("\n")) {
    const letters = line.split(":")[0]?.trim() ?? "";
    const lineFlags = parseFlags(letters);
    if (letters !== "" && lineFlags !== undefined) flags |= lineFlags;
  }
  return flags;
}
