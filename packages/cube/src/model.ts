/**
 * The dataset model every part of the system speaks: the server, the API, the web interface and the downloads.
 *
 * A dataset is a cube: dimensions with coded categories and labels in several languages, and a dense array of
 * values in row-major order (the first dimension varies slowest). Each cell has a status (a number, or a symbol
 * without a number) and flags that qualify a number.
 */

import type { PxEntry } from "@clearinghouse/px";

/** A text in several languages: language code → text. */
export type Texts = Readonly<Record<string, string>>;

/** A message in the two working languages. */
export interface Bilingual {
  readonly en: string;
  readonly ru: string;
}

export type Role = "time" | "geo" | "metric" | "other";
export type TimeUnit = "A1" | "H1" | "Q1" | "M1" | "W1";

/** A footnote; a mandatory one is always shown with the figures (PX NOTEX), an optional one on request (NOTE). */
export interface Note {
  readonly text: Texts;
  readonly mandatory?: boolean;
}

/** PX STOCKFA of a contents value: what its figures measure over time. */
export type MeasuringType = "stock" | "flow" | "average";

/**
 * What one value of the contents variable (the dimension with role "metric", PX CONTVARIABLE) measures: PX keeps
 * these per contents value (`UNITS("value")`, `REFPERIOD("value")`, …), JSON-stat in the category's `unit` and
 * the dimension's extension. A text missing here falls back to the dataset's (`units`, `contact`, `updated`).
 */
export interface ContentInfo {
  readonly units?: Texts;
  /** The exact period or moment the figures refer to ("1 January", "calendar year"). */
  readonly refPeriod?: Texts;
  /** Base period of an index series. */
  readonly basePeriod?: Texts;
  readonly contact?: Texts;
  /** ISO 8601 date-time of the last update of this contents value. */
  readonly updated?: string;
  readonly measuringType?: MeasuringType;
  /** Decimals of this contents value's figures, where they differ from the dataset's (JSON-stat `unit.decimals`). */
  readonly decimals?: number;
}

export interface Category {
  readonly code: string;
  readonly label: Texts;
  /** Parent category's code, for hierarchies. */
  readonly parent?: string;
  readonly notes?: readonly Note[];
  /** Only on a category of the contents variable (role "metric"). */
  readonly content?: ContentInfo;
}

/** A named subset of a dimension's categories (PxWeb `vs:` filter). */
export interface ValueSet {
  readonly id: string;
  readonly label: Texts;
  readonly codes: readonly string[];
}

/** Named groups of categories whose values are summed (PxWeb `agg:` filter). */
export interface Grouping {
  readonly id: string;
  readonly label: Texts;
  readonly groups: readonly { readonly code: string; readonly label: Texts; readonly members: readonly string[] }[];
}

export interface Dimension {
  /** Code used in queries and file headers (`reporter`, `year`, …). */
  readonly code: string;
  readonly label: Texts;
  readonly role: Role;
  readonly categories: readonly Category[];
  readonly timeUnit?: TimeUnit;
  /**
   * Whether the dimension may be left out of a selection: with `code`, that category (usually the total) is
   * used; without, the categories are summed.
   */
  readonly elimination?: { readonly code?: string };
  readonly notes?: readonly Note[];
  readonly valueSets?: readonly ValueSet[];
  readonly groupings?: readonly Grouping[];
}

/** A note on the cells matching `where`: one category code per dimension, or null for any. */
export interface CellNote extends Note {
  readonly where: readonly (string | null)[];
}

/**
 * Cell status: 0 a number; the standard symbols below; beyond them, `Dataset.symbols[status - FIRST_CUSTOM]`.
 */
export const Status = {
  value: 0,
  /** `..` not available / нет данных */
  notAvailable: 1,
  /** `-` nil, magnitude zero / явление отсутствует */
  nil: 2,
  /** `x` confidential / конфиденциально */
  confidential: 3,
} as const;
export const FIRST_CUSTOM_STATUS = 4;

export const STANDARD_SYMBOLS: readonly { readonly symbol: string; readonly label: Texts }[] = [
  { symbol: "", label: { en: "value", ru: "значение" } },
  { symbol: "..", label: { en: "not available", ru: "нет данных" } },
  { symbol: "-", label: { en: "nil", ru: "явление отсутствует" } },
  { symbol: "x", label: { en: "confidential", ru: "конфиденциально" } },
];

/** Flags qualify a number; a cell may have several (a bit set). */
export const Flag = { provisional: 1, estimated: 2, breakInSeries: 4 } as const;
export const FLAG_LETTERS: readonly { readonly bit: number; readonly letter: string; readonly label: Texts }[] = [
  { bit: Flag.provisional, letter: "p", label: { en: "provisional", ru: "предварительные" } },
  { bit: Flag.estimated, letter: "e", label: { en: "estimated", ru: "оценка" } },
  { bit: Flag.breakInSeries, letter: "b", label: { en: "break in series", ru: "разрыв ряда" } },
];

export interface Dataset {
  readonly id: string;
  /** Languages of the labels; the first is the default. */
  readonly languages: readonly string[];
  readonly title: Texts;
  readonly source?: Texts;
  readonly units?: Texts;
  readonly decimals: number;
  /** ISO 8601 date-time of the last update. */
  readonly updated?: string;
  readonly contact?: Texts;
  readonly notes?: readonly Note[];
  readonly dimensions: readonly Dimension[];
  /** Cell values; NaN where the status is not 0. */
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** Symbols beyond the standard ones (from a PX file's dot symbols, say), with their labels. */
  readonly symbols?: readonly { readonly symbol: string; readonly label: Texts }[];
  readonly cellNotes?: readonly CellNote[];
  /** Anything a source format had that the model has no place for, kept for a lossless way back. */
  readonly extension?: {
    /** PX entries the model has no place for. */
    readonly px?: readonly PxEntry[];
    /** How many trailing dimensions were in the PX HEADING. */
    readonly pxHeading?: number;
  };
}

export function cellCount(dimensions: readonly Pick<Dimension, "categories">[]): number {
  return dimensions.reduce((product, d) => product * d.categories.length, 1);
}

/** The contents variable: the first dimension with role "metric" (PX has one CONTVARIABLE at most). */
export function contentsDimension<D extends Pick<Dimension, "role">>(dimensions: readonly D[]): D | undefined {
  return dimensions.find((d) => d.role === "metric");
}

/** Row-major strides: stride[k] is how far one step in dimension k moves in the value array. */
export function strides(dimensions: readonly Pick<Dimension, "categories">[]): number[] {
  const out = new Array<number>(dimensions.length);
  let stride = 1;
  for (let k = dimensions.length - 1; k >= 0; k--) {
    out[k] = stride;
    stride *= dimensions[k]?.categories.length ?? 1;
  }
  return out;
}

/** The text in `lang`, else in the first language that has one. */
export function textIn(texts: Texts | undefined, lang: string, fallbacks: readonly string[] = []): string {
  if (!texts) return "";
  const direct = texts[lang];
  if (direct !== undefined) return direct;
  for (const l of fallbacks) if (texts[l] !== undefined) return texts[l] as string;
  return Object.values(texts)[0] ?? "";
}

/** Symbol text of a status (`""` for a number). */
export function symbolOf(dataset: Pick<Dataset, "symbols">, status: number): string {
  if (status < FIRST_CUSTOM_STATUS) return STANDARD_SYMBOLS[status]?.symbol ?? "..";
  return dataset.symbols?.[status - FIRST_CUSTOM_STATUS]?.symbol ?? "..";
}

/** Status of a symbol text, or undefined if the dataset does not know it. */
export function statusOfSymbol(dataset: Pick<Dataset, "symbols">, symbol: string): number | undefined {
  const standard = STANDARD_SYMBOLS.findIndex((s) => s.symbol === symbol);
  if (standard > 0) return standard;
  const custom = dataset.symbols?.findIndex((s) => s.symbol === symbol) ?? -1;
  return custom === -1 ? undefined : FIRST_CUSTOM_STATUS + custom;
}

/** Flag letters of a flag set, in p, e, b order. */
export function flagLetters(flags: number): string {
  let out = "";
  for (const f of FLAG_LETTERS) if (flags & f.bit) out += f.letter;
  return out;
}

/** Flag set of letters; undefined if a letter is not a flag. */
export function parseFlags(letters: string): number | undefined {
  let flags = 0;
  for (const ch of letters) {
    const f = FLAG_LETTERS.find((x) => x.letter === ch);
    if (!f) return undefined;
    flags |= f.bit;
  }
  return flags;
}

/** Checks the invariants a dataset must keep; returns the problems (empty when valid). */
export function datasetProblems(ds: Dataset): string[] {
  const problems: string[] = [];
  const n = cellCount(ds.dimensions);
  if (ds.values.length !== n) problems.push(`values has ${ds.values.length} cells, the dimensions make ${n}`);
  if (ds.status.length !== n) problems.push(`status has ${ds.status.length} cells, expected ${n}`);
  if (ds.flags.length !== n) problems.push(`flags has ${ds.flags.length} cells, expected ${n}`);
  const codes = new Set<string>();
  for (const d of ds.dimensions) {
    if (codes.has(d.code)) problems.push(`dimension "${d.code}" appears twice`);
    codes.add(d.code);
    const seen = new Set<string>();
    for (const c of d.categories) {
      if (seen.has(c.code)) problems.push(`dimension "${d.code}" has category "${c.code}" twice`);
      seen.add(c.code);
    }
    if (d.categories.length === 0) problems.push(`dimension "${d.code}" has no categories`);
  }
  return problems;
}
