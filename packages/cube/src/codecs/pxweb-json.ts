/**
 * The PxWeb API v1 "json" response: `{columns, comments, data, metadata}`, as read by PxWeb clients such as the
 * rOpenGov pxweb R package.
 *
 * Format decisions, following PxWeb (PCAxis.Serializers JsonSerializer with PCAxis.Query's TableResponse and
 * PCAxis.Core's DataFormatter):
 * - PxWeb pivots every dimension but the contents one to the stub, so each of them is a key column, in the
 *   dataset's order: type "t" for the time dimension, "d" for the others (geo included). Rows run over them in
 *   row-major order, one row per combination, `key` holding their category codes.
 * - The contents dimension (the first metric one; PX has a single CONTVARIABLE, so any further metric dimension
 *   is a key) gives the value columns, one per category, type "c". Without one there is a single value column whose
 *   code and text are the table contents (PX CONTENTS, else the title).
 * - Values are strings: a number rounded to the shown decimals (SHOWDECIMALS when below DECIMALS), half to even as
 *   PCAxis.Core does unless PX ROUNDING=1 asks for half away from zero, written with "." and no thousands
 *   separator; a cell without a number holds its symbol ("..", "-", "x" or a custom one). Flags do not go after
 *   the number (PxWeb's data notes): a "1.2p" would read as missing in the clients (rOpenGov's pxweb parses values
 *   as numbers). A row with a flagged cell has `flags` beside `values`, the flag letters of each of its cells ("" for
 *   none), and `metadata` lists the flags used with their meaning (`flags: {"p": "provisional"}`); clients ignore
 *   what they do not know.
 * - Notes: a key dimension's notes are its column's `comment`, a contents category's notes its column's; the
 *   category notes of key dimensions are listed in `comments` as {variable, value, comment}. Each note ends in
 *   CR LF, as PxWeb joins them.
 * - `metadata` has one entry: `infofile` (PX INFOFILE, else null), `updated` as yyyy-MM-ddTHH:mm:ssZ (left out
 *   when the dataset has no date), `label` (the title) and `source` (else null); then, beyond PxWeb, `mandatoryNotes`
 *   (the dataset's mandatory notes, such as the mark of illustrative figures) and `flags`, when there are any.
 */

import type { Dataset, Dimension, Note, Texts } from "../model.ts";
import { FLAG_LETTERS, flagLetters, Status, strides, symbolOf, textIn } from "../model.ts";
import { pxDateToIso } from "../px.ts";

export interface PxWebJsonOptions {
  /** Language of the texts; default (and for a language the dataset does not have) its first language. */
  readonly lang?: string;
}

export interface PxWebColumn {
  readonly code: string;
  readonly text: string;
  readonly comment?: string;
  readonly type: "t" | "d" | "c";
}

export interface PxWebComment {
  readonly variable: string;
  readonly value: string;
  readonly comment: string;
}

export interface PxWebRow {
  readonly key: readonly string[];
  readonly values: readonly string[];
  /** The flag letters of each value ("" for none); only on rows with a flagged cell. */
  readonly flags?: readonly string[];
}

export interface PxWebMetadata {
  readonly infofile: string | null;
  readonly updated?: string;
  readonly label: string;
  readonly source: string | null;
  /** The dataset's mandatory notes, which a reader must see (our addition). */
  readonly mandatoryNotes?: readonly string[];
  /** Each flag used in the data with its meaning (our addition). */
  readonly flags?: Readonly<Record<string, string>>;
}

export interface PxWebJson {
  readonly columns: readonly PxWebColumn[];
  readonly comments: readonly PxWebComment[];
  readonly data: readonly PxWebRow[];
  readonly metadata: readonly PxWebMetadata[];
}

/** The response of PxWeb's API v1 for the format "json", in one language. */
export function toPxWebJson(ds: Dataset, options: PxWebJsonOptions = {}): PxWebJson {
  const lang = outputLanguage(ds, options.lang);
  const t = (texts: Texts | undefined) => textIn(texts, lang, ds.languages);
  const contentsAt = ds.dimensions.findIndex((d) => d.role === "metric");
  const keyDimensions = ds.dimensions.filter((_, k) => k !== contentsAt);
  return {
    columns: [...keyDimensions.map((d) => keyColumn(d, t)), ...valueColumns(ds, ds.dimensions[contentsAt], t, lang)],
    comments: keyDimensions.flatMap((d) =>
      d.categories.flatMap((c) => {
        const comment = joinNotes(c.notes, t);
        return comment === undefined ? [] : [{ variable: d.code, value: c.code, comment }];
      }),
    ),
    data: dataRows(ds, contentsAt),
    metadata: [metadata(ds, t, lang)],
  };
}

function column(code: string, text: string, comment: string | undefined, type: PxWebColumn["type"]): PxWebColumn {
  return comment === undefined ? { code, text, type } : { code, text, comment, type };
}

function keyColumn(d: Dimension, t: (texts: Texts | undefined) => string): PxWebColumn {
  return column(d.code, t(d.label), joinNotes(d.notes, t), d.role === "time" ? "t" : "d");
}

function valueColumns(
  ds: Dataset,
  contents: Dimension | undefined,
  t: (texts: Texts | undefined) => string,
  lang: string,
): PxWebColumn[] {
  if (contents) return contents.categories.map((c) => column(c.code, t(c.label), joinNotes(c.notes, t), "c"));
  const name = pxText(ds, "CONTENTS", lang) ?? t(ds.title);
  return [column(name, name, undefined, "c")];
}

/** PxWeb's notes text: every note followed by CR LF; undefined without notes. */
function joinNotes(notes: readonly Note[] | undefined, t: (texts: Texts | undefined) => string): string | undefined {
  return notes?.length ? notes.map((n) => `${t(n.text)}\r\n`).join("") : undefined;
}

function dataRows(ds: Dataset, contentsAt: number): PxWebRow[] {
  const stride = strides(ds.dimensions);
  const cellText = pxwebCellText(ds);
  const keyAt = ds.dimensions.flatMap((_, k) => (k === contentsAt ? [] : [k]));
  const contents = ds.dimensions[contentsAt];
  const valueOffsets = contents ? contents.categories.map((_, i) => i * (stride[contentsAt] as number)) : [0];
  const sizeOf = (k: number) => ds.dimensions[k]?.categories.length ?? 0;
  const rowCount = keyAt.reduce((product, k) => product * sizeOf(k), 1);
  const rows: PxWebRow[] = [];
  for (let row = 0; row < rowCount; row++) {
    const key = new Array<string>(keyAt.length);
    let base = 0;
    let rest = row;
    for (let j = keyAt.length - 1; j >= 0; j--) {
      const k = keyAt[j] as number;
      const i = rest % sizeOf(k);
      rest = Math.floor(rest / sizeOf(k));
      key[j] = ds.dimensions[k]?.categories[i]?.code ?? "";
      base += i * (stride[k] as number);
    }
    const values = valueOffsets.map((offset) => cellText(base + offset));
    const flags = valueOffsets.map((offset) => flagLetters(ds.flags[base + offset] ?? 0));
    rows.push(flags.some((f) => f !== "") ? { key, values, flags } : { key, values });
  }
  return rows;
}

/** A cell as PxWeb's DataFormatter writes it: the rounded number, or the symbol. */
function pxwebCellText(ds: Dataset): (cell: number) => string {
  const { decimals, round } = pxwebRounding(ds);
  return (cell) => {
    const status = ds.status[cell] ?? Status.value;
    if (status !== Status.value) return symbolOf(ds, status);
    return round(ds.values[cell] as number).toFixed(decimals);
  };
}

function metadata(ds: Dataset, t: (texts: Texts | undefined) => string, lang: string): PxWebMetadata {
  const infofile = pxText(ds, "INFOFILE", lang) ?? null;
  const updated = pxwebUpdated(ds);
  const label = t(ds.title);
  const source = ds.source ? t(ds.source) : null;
  const notes = (ds.notes ?? []).filter((n) => n.mandatory);
  const used = ds.flags.reduce((all, f) => all | f, 0);
  const flags = FLAG_LETTERS.filter((f) => used & f.bit).map((f) => [f.letter, t(f.label)]);
  return {
    infofile,
    ...(updated === undefined ? {} : { updated }),
    label,
    source,
    ...(notes.length > 0 ? { mandatoryNotes: notes.map((n) => t(n.text)) } : {}),
    ...(flags.length > 0 ? { flags: Object.fromEntries(flags) } : {}),
  };
}

/** The requested language if the dataset has it, else its first language. */
export function outputLanguage(ds: Dataset, requested: string | undefined): string {
  return requested !== undefined && ds.languages.includes(requested) ? requested : (ds.languages[0] ?? "en");
}

/**
 * A table-level PX entry kept in the dataset's extension (CONTENTS, INFOFILE, SHOWDECIMALS, …) in `lang`, else in
 * the default language.
 */
export function pxText(ds: Dataset, keyword: string, lang: string): string | undefined {
  const entries = ds.extension?.px ?? [];
  const find = (language: string | undefined) =>
    entries.find((e) => e.keyword === keyword && !e.subkeys?.length && e.language === language);
  const inLang = lang === ds.languages[0] ? undefined : find(lang);
  return (inLang ?? find(undefined))?.value.items.join(", ");
}

/**
 * How PxWeb rounds numbers for display: to the shown decimals (SHOWDECIMALS when below DECIMALS), half to even
 * (PCAxis.Core's default) unless PX ROUNDING=1 asks for half away from zero.
 */
export function pxwebRounding(ds: Dataset): { readonly decimals: number; readonly round: (value: number) => number } {
  const language = ds.languages[0] ?? "";
  const shown = Number(pxText(ds, "SHOWDECIMALS", language));
  const decimals = Number.isInteger(shown) && shown >= 0 && shown < ds.decimals ? shown : ds.decimals;
  const scale = 10 ** decimals;
  const awayFromZero = pxText(ds, "ROUNDING", language) === "1";
  const roundScaled = awayFromZero ? roundHalfAwayFromZero : roundHalfToEven;
  return { decimals, round: (value) => roundScaled(value * scale) / scale };
}

function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * The update time as PxWeb writes it (yyyy-MM-ddTHH:mm:ssZ): the dataset's, else the PX CREATION-DATE, which
 * PxWeb falls back to.
 */
export function pxwebUpdated(ds: Dataset): string | undefined {
  const created = pxText(ds, "CREATION-DATE", ds.languages[0] ?? "");
  const iso = ds.updated ?? (created === undefined ? undefined : pxDateToIso(created));
  return iso === undefined ? undefined : pxwebDateTime(iso);
}

/** An ISO 8601 date-time as yyyy-MM-ddTHH:mm:ssZ: converted to UTC when it has a zone, taken as UTC when not. */
export function pxwebDateTime(iso: string): string {
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso)) {
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) return `${date.toISOString().slice(0, 19)}Z`;
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(iso);
  return m ? `${m[1]}T${m[2] ?? "00:00"}${m[3] ?? ":00"}Z` : iso;
}
