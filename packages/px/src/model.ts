/**
 * The in-memory form of a PX file.
 *
 * `entries` keep every keyword of the file in order — the known ones and any others — so nothing is lost on a
 * round trip. `variables` are derived from the entries (see structure.ts) for convenient use. `data` and `status`
 * are dense arrays in PX order: the first STUB variable varies slowest, the last HEADING variable fastest.
 */

/** The value of one keyword entry. */
export interface PxValue {
  /** List items, without quotes. A quoted string continued on following lines is one item. */
  readonly items: readonly string[];
  /** True when the items were written without quotes (YES, NO, numbers, VALUES/CODES of KEYS). */
  readonly bare: boolean;
  /** TIMEVAL only: `TLIST(unit)` or, when `range` is true, `TLIST(unit, "from"-"to")` with items `[from, to]`. */
  readonly tlist?: { readonly unit: string; readonly range: boolean };
  /** HIERARCHIES only: parent of `items[i]` ("parent":"child"), or null for a root. Parallel to `items`. */
  readonly parents?: readonly (string | null)[];
}

export interface PxEntry {
  /** Upper-case keyword, e.g. `VALUES`. */
  readonly keyword: string;
  /** The language in `KEYWORD[lang]`; absent for the default language. */
  readonly language?: string;
  /** The subkeys in `KEYWORD("a","b")`; absent when there are none. */
  readonly subkeys?: readonly string[];
  readonly value: PxValue;
  /** 1-based line where the entry starts; 0 for entries built in code. */
  readonly line: number;
}

/**
 * Cell status. 0 is a number; 1–7 are the dot symbols `"."` … `"......."` (DATASYMBOL1–6, and seven dots for
 * DATASYMBOLSUM, as PCAxis.Core reads them); 8 is `"-"` (DATASYMBOLNIL, magnitude zero); 9 and above are other
 * quoted symbols found in DATA, listed in `PxFile.extraSymbols` (status 9 is `extraSymbols[0]`).
 */
export type PxStatus = number;
export const STATUS_NUMBER = 0;
/** `".."`, the usual "not available". */
export const STATUS_NOT_AVAILABLE = 2;
export const STATUS_NIL = 8;
export const STATUS_FIRST_EXTRA = 9;
/** A status is one byte. */
export const MAX_EXTRA_SYMBOLS = 256 - STATUS_FIRST_EXTRA;

/** The data symbol written in DATA for a status, or undefined for a number. */
export function statusSymbol(status: number, extraSymbols: readonly string[]): string | undefined {
  if (status >= 1 && status <= 7) return ".".repeat(status);
  if (status === STATUS_NIL) return "-";
  if (status >= STATUS_FIRST_EXTRA) return extraSymbols[status - STATUS_FIRST_EXTRA];
  return undefined;
}

export type TimeUnit = "A1" | "H1" | "Q1" | "M1" | "W1";

export interface PxVariable {
  /** Name in the default language, as used in subkeys. */
  readonly name: string;
  readonly placement: "stub" | "heading";
  /** Name per language (language code → name). The default language's key is `PxFile.defaultLanguage`. */
  readonly names: Readonly<Record<string, string>>;
  /** Value texts per language. */
  readonly values: Readonly<Record<string, readonly string[]>>;
  /** Value codes from CODES, or the default-language values when there are none. */
  readonly codes: readonly string[];
  /** True when CODES was given. */
  readonly hasCodes: boolean;
  /** Time unit when the variable has TIMEVAL. */
  readonly timeUnit?: TimeUnit;
  /** True for the CONTVARIABLE. */
  readonly isContents: boolean;
}

export interface PxFile {
  /** Every keyword entry except DATA, in file order. */
  readonly entries: readonly PxEntry[];
  /** Default language (LANGUAGE), or `"default"` when the file names none. */
  readonly defaultLanguage: string;
  /** All languages, the default first. */
  readonly languages: readonly string[];
  readonly stub: readonly PxVariable[];
  readonly heading: readonly PxVariable[];
  /** Cell values; NaN where `status` is not 0. */
  readonly data: Float64Array;
  readonly status: Uint8Array;
  /** Quoted data symbols beyond the standard ones, see {@link PxStatus}. */
  readonly extraSymbols: readonly string[];
}

/** All variables, stub first, in data order. */
export function variablesOf(file: Pick<PxFile, "stub" | "heading">): PxVariable[] {
  return [...file.stub, ...file.heading];
}
