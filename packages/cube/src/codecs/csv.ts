/**
 * CSV codecs: long (one row per cell; lossless for codes, labels in one language, values, statuses and flags, and
 * read back by `fromCsvLong`) and wide (a pivoted table for spreadsheets).
 *
 * Format decisions:
 * - Long header: each dimension's code (`sex`), then its label column (`sex_label`), then `value`, `status` and
 *   `flags`. Header names are stable identifiers rather than localized labels, so scripts reading the file (R,
 *   pandas) work whatever the language, and the reader can find the columns again.
 * - `value` holds the number in its shortest round-trip form, never in exponent notation, without thousands
 *   separators; `status` holds the symbol of a cell without a number (`..`, `-`, `x` or a custom symbol) and is
 *   empty for numbers; `flags` holds the flag letters (`p`, `e`, `b`).
 * - Wide: one header row (the row dimensions' names, then each column's categories joined by " / "), because
 *   Excel tables and filters, pandas `read_csv` and R `read.csv` all expect a single header row. Cells hold plain
 *   numbers, or the symbol of a cell without one. When any cell of the table has a flag, each value column is
 *   followed by a flags column (`2023 (flags)`, `2023_flags` with codes) holding its cells' flag letters: letters
 *   next to the numbers would turn them into text, and a legend below the table would be read as data rows.
 *   Without flags the file is PxWeb's plain wide CSV. Notes and source are left out for the same reason.
 * - Quoting follows RFC 4180: a field is quoted when it holds the separator, a quote, CR or LF; quotes are doubled.
 */

import { formatNumber } from "@clearinghouse/px";
import {
  type Category,
  cellCount,
  type Dataset,
  FIRST_CUSTOM_STATUS,
  flagLetters,
  parseFlags,
  Status,
  statusOfSymbol,
  strides,
  symbolOf,
  type Texts,
  textIn,
} from "../model.ts";
import { defaultLayout, type PivotLayout, pivot } from "../pivot.ts";

export type CsvSeparator = "," | ";" | "\t";

export interface CsvOptions {
  /** Language of the labels; default the dataset's first language. */
  readonly lang?: string;
  /** Default ",". */
  readonly separator?: CsvSeparator;
  /** Default "."; "," needs a ";" or tab separator. */
  readonly decimalMark?: "." | ",";
  /** Start with a UTF-8 byte order mark, which makes Excel read the file as UTF-8. Default false. */
  readonly bom?: boolean;
  /** Default "\r\n", as RFC 4180 has it. */
  readonly lineEnding?: "\r\n" | "\n";
}

export interface CsvLongOptions extends CsvOptions {
  /** Write a label column after each code column. Default true. */
  readonly labels?: boolean;
  /** Start with the BOM (if asked for) and the header line. Default true; false for rows that continue a CSV. */
  readonly header?: boolean;
}

export interface CsvWideOptions extends CsvOptions, Partial<PivotLayout> {
  /** Name dimensions and categories by their labels (default) or by their codes. */
  readonly names?: "labels" | "codes";
}

/** The name of a wide CSV's flags column after the value column `name`, in the labels' language or for codes. */
export function flagsColumnName(name: string, lang: string, names: "labels" | "codes" = "labels"): string {
  if (names === "codes") return `${name}_flags`;
  return `${name} (${lang === "ru" ? "признаки" : "flags"})`;
}

/** Whether any cell of the dataset has a flag. */
export const hasFlags = (ds: Pick<Dataset, "flags">): boolean => ds.flags.some((f) => f !== 0);

export interface FromCsvLongOptions {
  /** Language of the label columns; default "en". */
  readonly lang?: string;
  /** Whether the file has label columns; by default, when every code column is followed by `<code>_label`. */
  readonly labels?: boolean;
  readonly id?: string;
  readonly title?: Texts;
  /** Refuse files whose categories make a cube of more cells than this (default 10 million). */
  readonly maxCells?: number;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

const CHUNK_SIZE = 64 * 1024;
const SEPARATORS: readonly CsvSeparator[] = [",", ";", "\t"];
const CELL_COLUMNS = ["value", "status", "flags"] as const;
const LABEL_SUFFIX = "_label";
const COLUMN_JOINER = " / ";
const DEFAULT_MAX_CELLS = 10_000_000;
const BOM = "\uFEFF";

/** How the text is written, worked out once from the options. */
interface Format {
  readonly lang: string;
  readonly separator: CsvSeparator;
  readonly lineEnding: string;
  readonly bom: boolean;
  readonly quote: (field: string) => string;
  readonly number: (value: number) => string;
}

function formatOf(ds: Pick<Dataset, "languages">, options: CsvOptions): Format {
  const separator = options.separator ?? ",";
  const decimalMark = options.decimalMark ?? ".";
  if (!SEPARATORS.includes(separator)) throw new CsvError(`the separator must be ",", ";" or a tab`);
  if (decimalMark !== "." && decimalMark !== ",") throw new CsvError(`the decimal mark must be "." or ","`);
  if (decimalMark === "," && separator === ",") {
    throw new CsvError(`a "," decimal mark needs a ";" or tab separator: with "," both, numbers would split in two`);
  }
  const special = new RegExp(`["\\r\\n${separator === "\t" ? "\\t" : separator}]`);
  return {
    lang: options.lang ?? ds.languages[0] ?? "en",
    separator,
    lineEnding: options.lineEnding ?? "\r\n",
    bom: options.bom ?? false,
    quote: (field) => (special.test(field) ? `"${field.replaceAll('"', '""')}"` : field),
    number: decimalMark === "," ? (v) => formatNumber(v).replace(".", ",") : formatNumber,
  };
}

/** A cell's number, if it has one; a status-0 cell without a finite number is written as not available. */
const hasNumber = (status: number, value: number) => status === Status.value && Number.isFinite(value);

/** The quoted symbol text of each possible status, looked up per cell. */
function symbolTexts(ds: Dataset, format: Format): string[] {
  return Array.from({ length: 256 }, (_, s) => format.quote(symbolOf(ds, s === 0 ? Status.notAvailable : s)));
}

// ---------------------------------------------------------------------------------------------------------------
// Long

/**
 * The long CSV in chunks of about 64 KB. Cells are visited in storage order with an odometer over the dimensions,
 * so each row is a few concatenations of texts prepared once per category and status.
 */
export function* csvLongChunks(ds: Dataset, options: CsvLongOptions = {}): Generator<string> {
  const format = formatOf(ds, options);
  const { separator: sep, lineEnding: eol } = format;
  const labels = options.labels ?? true;
  // Per dimension and category: its code and label fields, each followed by the separator.
  const prefixes = ds.dimensions.map((d) =>
    d.categories.map((c) => {
      const code = format.quote(c.code) + sep;
      return labels ? code + format.quote(textIn(c.label, format.lang, ds.languages)) + sep : code;
    }),
  );
  const inner = prefixes.at(-1) ?? [""];
  const outer = prefixes.slice(0, -1);
  const odometer = new Array<number>(outer.length).fill(0);
  const symbols = symbolTexts(ds, format);
  const flags = Array.from({ length: 256 }, (_, f) => flagLetters(f));
  const total = cellCount(ds.dimensions);

  let chunk = options.header === false ? "" : csvLongHeader(ds, options);
  for (let start = 0; start < total; start += inner.length) {
    const row = outer.map((texts, k) => texts[odometer[k] as number]).join("");
    for (let j = 0; j < inner.length; j++) {
      const i = start + j;
      const status = ds.status[i] as number;
      const value = ds.values[i] as number;
      const cell = hasNumber(status, value) ? format.number(value) + sep : sep + symbols[status];
      chunk += `${row}${inner[j]}${cell}${sep}${flags[ds.flags[i] as number]}${eol}`;
      if (chunk.length >= CHUNK_SIZE) {
        yield chunk;
        chunk = "";
      }
    }
    advance(odometer, outer);
  }
  if (chunk) yield chunk;
}

/** The BOM (if asked for) and the header line of the long CSV. */
export function csvLongHeader(ds: Pick<Dataset, "dimensions" | "languages">, options: CsvLongOptions = {}): string {
  const format = formatOf(ds, options);
  const header = ds.dimensions.flatMap((d) =>
    (options.labels ?? true) ? [d.code, `${d.code}${LABEL_SUFFIX}`] : [d.code],
  );
  return `${format.bom ? BOM : ""}${[...header, ...CELL_COLUMNS].map(format.quote).join(format.separator)}${format.lineEnding}`;
}

/** Steps the odometer to the next combination of categories, the last dimension fastest. */
function advance(odometer: number[], dimensions: readonly (readonly unknown[])[]): void {
  for (let k = odometer.length - 1; k >= 0; k--) {
    const next = (odometer[k] as number) + 1;
    if (next < (dimensions[k]?.length ?? 0)) {
      odometer[k] = next;
      return;
    }
    odometer[k] = 0;
  }
}

export function toCsvLong(ds: Dataset, options: CsvLongOptions = {}): string {
  return [...csvLongChunks(ds, options)].join("");
}

// ---------------------------------------------------------------------------------------------------------------
// Wide

/**
 * The wide CSV in chunks of about 64 KB; `rows` and `columns` as in `pivot`, by default time across. With flags in
 * the data, every value column has a flags column after it.
 */
export function* csvWideChunks(ds: Dataset, options: CsvWideOptions = {}): Generator<string> {
  const format = formatOf(ds, options);
  const { separator: sep, lineEnding: eol } = format;
  const table = pivot(ds, defaultLayout(ds, options));
  const names = options.names ?? "labels";
  const name = (item: { readonly code: string; readonly label: Texts }) =>
    names === "codes" ? item.code : textIn(item.label, format.lang, ds.languages);
  const withFlags = hasFlags(ds);
  const columnNames = Array.from({ length: table.columnCount }, (_, c) => {
    const column = table.columnCategories(c).map(name).join(COLUMN_JOINER) || CELL_COLUMNS[0];
    return withFlags ? [column, flagsColumnName(column, format.lang, names)] : [column];
  }).flat();
  const symbols = symbolTexts(ds, format);
  const flags = Array.from({ length: 256 }, (_, f) => sep + flagLetters(f));

  let chunk = `${format.bom ? BOM : ""}${[...table.rowDimensions.map(name), ...columnNames].map(format.quote).join(sep)}${eol}`;
  for (let r = 0; r < table.rowCount; r++) {
    chunk += table
      .rowCategories(r)
      .map((c) => format.quote(name(c)) + sep)
      .join("");
    for (let c = 0; c < table.columnCount; c++) {
      const i = table.cell(r, c);
      const status = ds.status[i] as number;
      const value = ds.values[i] as number;
      chunk += `${c === 0 ? "" : sep}${hasNumber(status, value) ? format.number(value) : symbols[status]}`;
      if (withFlags) chunk += flags[ds.flags[i] as number];
    }
    chunk += eol;
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export function toCsvWide(ds: Dataset, options: CsvWideOptions = {}): string {
  return [...csvWideChunks(ds, options)].join("");
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

interface CsvRecord {
  readonly fields: string[];
  /** Line the record starts on, from 1. */
  readonly line: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** The fields of each record of a CSV text with the given separator (RFC 4180, a BOM skipped): to read a wide CSV. */
export function csvRows(text: string, separator: CsvSeparator): string[][] {
  return [...csvRecords(text, separator, text.startsWith(BOM) ? 1 : 0)].map((record) => record.fields);
}

/** Records of RFC 4180 text, also with LF or CR line ends; quoted fields may hold separators, quotes and lines. */
function* csvRecords(text: string, separator: string, from: number): Generator<CsvRecord> {
  const sep = separator.charCodeAt(0);
  let i = from;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const { field, end } = quotedField(text, i, line);
        line += lineBreaks(field);
        fields.push(field);
        i = end;
        const next = text.charCodeAt(i);
        if (i < text.length && next !== sep && next !== CR && next !== LF) {
          throw new CsvError(`line ${line}: "${text[i]}" after the closing quote of a field`, line);
        }
      } else {
        const begin = i;
        while (i < text.length) {
          const c = text.charCodeAt(i);
          if (c === sep || c === CR || c === LF) break;
          i++;
        }
        fields.push(text.slice(begin, i));
      }
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    yield { fields, line: start };
  }
}

/** The quoted field opening at `open`, unquoted, and the index after its closing quote. */
function quotedField(text: string, open: number, line: number): { field: string; end: number } {
  let field = "";
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) throw new CsvError(`line ${line}: a quoted field is not closed`, line);
    if (text.charCodeAt(close + 1) !== QUOTE) return { field: field + text.slice(from, close), end: close + 1 };
    field += text.slice(from, close + 1);
    from = close + 2;
  }
}

function lineBreaks(text: string): number {
  return /[\r\n]/.test(text) ? (text.match(/\r\n|\r|\n/g)?.length ?? 0) : 0;
}

/** The separator whose first record ends with the value, status and flags columns. */
function detectSeparator(text: string, from: number): CsvSeparator {
  for (const separator of SEPARATORS) {
    const header = headerOf(text, separator, from) ?? [];
    if (CELL_COLUMNS.every((name, k) => header.at(k - CELL_COLUMNS.length) === name)) return separator;
  }
  throw new CsvError(`line 1: the header must end with the columns "value", "status" and "flags"`, 1);
}

function headerOf(text: string, separator: string, from: number): string[] | undefined {
  try {
    return csvRecords(text, separator, from).next().value?.fields;
  } catch {
    return undefined; // the wrong separator can leave text after a closing quote
  }
}

/** A dimension as the reader finds its categories, in the order first met. */
interface DimensionReader {
  readonly code: string;
  readonly codeColumn: number;
  readonly labelColumn: number | undefined;
  readonly categories: Category[];
  readonly labels: string[];
  readonly index: Map<string, number>;
}

function dimensionReaders(header: readonly string[], labels: boolean | undefined): DimensionReader[] {
  const columns = header.slice(0, -CELL_COLUMNS.length);
  const paired =
    columns.length > 0 &&
    columns.length % 2 === 0 &&
    columns.every((name, k) => k % 2 === 0 || name === `${columns[k - 1]}${LABEL_SUFFIX}`);
  const withLabels = labels ?? paired;
  const step = withLabels ? 2 : 1;
  if (withLabels && columns.length % 2 !== 0) {
    throw new CsvError(`line 1: with label columns, every code column needs one after it`, 1);
  }
  return Array.from({ length: columns.length / step }, (_, d) => ({
    code: columns[d * step] as string,
    codeColumn: d * step,
    labelColumn: withLabels ? d * step + 1 : undefined,
    categories: [],
    labels: [],
    index: new Map(),
  }));
}

/** The category index of a record's code, adding the category when first met. */
function categoryOf(d: DimensionReader, record: CsvRecord, header: readonly string[], lang: string): number {
  const code = record.fields[d.codeColumn] as string;
  const label = d.labelColumn === undefined ? code : (record.fields[d.labelColumn] as string);
  const known = d.index.get(code);
  if (known === undefined) {
    d.index.set(code, d.categories.length);
    d.categories.push({ code, label: { [lang]: label } });
    d.labels.push(label);
    return d.categories.length - 1;
  }
  if (d.labels[known] !== label) {
    const column = header[d.labelColumn as number] as string;
    throw new CsvError(
      `line ${record.line}, column "${column}": "${label}" differs from the label "${d.labels[known]}" given before for "${code}"`,
      record.line,
      column,
    );
  }
  return known;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number with either decimal mark and no thousands separators. */
function parseNumber(text: string, line: number): number {
  const dotted = text.includes(",") && !text.includes(".") ? text.replace(",", ".") : text;
  if (!NUMBER.test(dotted))
    throw new CsvError(`line ${line}, column "value": "${text}" is not a number`, line, "value");
  return Number(dotted);
}

/** Digits after the decimal mark, which the dataset's `decimals` takes the largest of. */
function fractionDigits(text: string): number {
  const mark = Math.max(text.indexOf("."), text.indexOf(","));
  return mark === -1 || /[eE]/.test(text) ? 0 : text.length - mark - 1;
}

/** Custom symbols as met; statuses of all symbols. */
class SymbolTable {
  readonly custom: { symbol: string; label: Texts }[] = [];
  constructor(private readonly lang: string) {}

  statusOf(symbol: string, line: number): number {
    const known = statusOfSymbol({ symbols: this.custom }, symbol);
    if (known !== undefined) return known;
    if (FIRST_CUSTOM_STATUS + this.custom.length > 255) {
      throw new CsvError(`line ${line}, column "status": more than 252 different symbols`, line, "status");
    }
    this.custom.push({ symbol, label: { [this.lang]: symbol } });
    return FIRST_CUSTOM_STATUS + this.custom.length - 1;
  }
}

/** The cells of the records, in file order: category indices (one per dimension) and what the cell holds. */
interface CellsRead {
  readonly coordinates: number[];
  readonly values: number[];
  readonly statuses: number[];
  readonly flags: number[];
  readonly lines: number[];
  decimals: number;
}

function readCell(cells: CellsRead, record: CsvRecord, symbols: SymbolTable): void {
  const [valueText, symbol, letters] = record.fields.slice(-CELL_COLUMNS.length) as [string, string, string];
  const { line } = record;
  const flags = parseFlags(letters);
  if (flags === undefined) {
    throw new CsvError(`line ${line}, column "flags": "${letters}" is not made of the letters p, e, b`, line, "flags");
  }
  if (valueText !== "" && symbol !== "") {
    throw new CsvError(
      `line ${line}, column "status": the symbol "${symbol}" stands for a missing number, yet the value is "${valueText}"`,
      line,
      "status",
    );
  }
  // A row with neither a number nor a symbol is a cell without data.
  const status = valueText !== "" ? Status.value : symbol === "" ? Status.notAvailable : symbols.statusOf(symbol, line);
  cells.values.push(valueText === "" ? Number.NaN : parseNumber(valueText, line));
  cells.statuses.push(status);
  cells.flags.push(flags);
  cells.lines.push(line);
  cells.decimals = Math.max(cells.decimals, fractionDigits(valueText));
}

/**
 * Reads a long CSV as `toCsvLong` writes it, with any separator, decimal mark and line ending, with or without BOM
 * and label columns. Categories come in the order first met; cells without a row are not available (`..`).
 * Dimensions get their code as label and the role "other", custom symbols their symbol as label: the CSV has no
 * place for more.
 */
export function fromCsvLong(text: string, options: FromCsvLongOptions = {}): Dataset {
  const lang = options.lang ?? "en";
  const from = text.startsWith(BOM) ? 1 : 0;
  const records = csvRecords(text, detectSeparator(text, from), from);
  const header = records.next().value?.fields ?? [];
  const dimensions = dimensionReaders(header, options.labels);
  const symbols = new SymbolTable(lang);
  const cells: CellsRead = { coordinates: [], values: [], statuses: [], flags: [], lines: [], decimals: 0 };
  for (const record of records) {
    if (record.fields.length === 1 && record.fields[0] === "") continue; // a blank line
    if (record.fields.length !== header.length) {
      throw new CsvError(
        `line ${record.line} has ${record.fields.length} fields, the header has ${header.length}`,
        record.line,
      );
    }
    for (const d of dimensions) cells.coordinates.push(categoryOf(d, record, header, lang));
    readCell(cells, record, symbols);
  }
  const cube = fillCube(dimensions, cells, options.maxCells ?? DEFAULT_MAX_CELLS);
  return {
    id: options.id ?? "",
    languages: [lang],
    title: options.title ?? {},
    decimals: cells.decimals,
    dimensions: dimensions.map((d) => ({
      code: d.code,
      label: { [lang]: d.code },
      role: "other",
      categories: d.categories,
    })),
    ...cube,
    ...(symbols.custom.length > 0 ? { symbols: symbols.custom } : {}),
  };
}

/** The dense arrays of the cube the categories make, with the cells read placed by their coordinates. */
function fillCube(dimensions: readonly DimensionReader[], cells: CellsRead, maxCells: number) {
  const total = cellCount(dimensions);
  if (total > maxCells) {
    throw new CsvError(`the categories make a cube of ${total} cells, more than the limit of ${maxCells}`);
  }
  const stride = strides(dimensions);
  const values = new Float64Array(total).fill(Number.NaN);
  const status = new Uint8Array(total).fill(Status.notAvailable);
  const flags = new Uint8Array(total);
  const firstLine = new Uint32Array(total); // 0 while no row has given the cell
  const rank = dimensions.length;
  for (let r = 0; r < cells.lines.length; r++) {
    let i = 0;
    for (let k = 0; k < rank; k++) i += (cells.coordinates[r * rank + k] as number) * (stride[k] as number);
    const line = cells.lines[r] as number;
    if (firstLine[i]) {
      const where = dimensions.map(
        (d, k) => `${d.code} "${d.categories[cells.coordinates[r * rank + k] as number]?.code}"`,
      );
      throw new CsvError(`line ${line} repeats the cell of line ${firstLine[i]} (${where.join(", ")})`, line);
    }
    firstLine[i] = line;
    values[i] = cells.values[r] as number;
    status[i] = cells.statuses[r] as number;
    flags[i] = cells.flags[r] as number;
  }
  return { values, status, flags };
}
