/**
 * Column widths of the pivoted table, in digits (the width of a "0"; texts are measured in the same unit): the
 * table is laid out with fixed widths so that rows rendered while scrolling never shift the columns. Pure.
 */
import { type Dataset, FLAG_LETTERS, Status, symbolOf } from "@clearinghouse/cube/browser";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** How wide the widest of some texts is, by a measure of text width. */
export function widest(texts: Iterable<string>, width: (text: string) => number): number {
  let most = 0;
  for (const text of texts) most = Math.max(most, width(text));
  return most;
}

/** How wide the widest word of some texts is (a header may wrap between words, not inside one). */
export function widestWord(texts: Iterable<string>, width: (text: string) => number): number {
  let most = 0;
  for (const text of texts) most = Math.max(most, widest(text.split(/\s+/), width));
  return most;
}

/** Characters the widest cell of a dataset takes: the largest or smallest figure, a symbol, with flag letters. */
export function valueChars(ds: Pick<Dataset, "values" | "status" | "flags" | "symbols" | "decimals">, lang: Lang) {
  let min = 0;
  let max = 0;
  let symbol = 0;
  const statuses = new Set<number>();
  let flags = 0;
  for (let i = 0; i < ds.values.length; i++) {
    const status = ds.status[i] as number;
    if (status === Status.value) {
      const value = ds.values[i] as number;
      if (value < min) min = value;
      if (value > max) max = value;
    } else statuses.add(status);
    flags |= ds.flags[i] as number;
  }
  for (const status of statuses) symbol = Math.max(symbol, symbolOf(ds, status).length);
  const figure = Math.max(formatNumber(min, lang, ds.decimals).length, formatNumber(max, lang, ds.decimals).length);
  // Flag letters are superscript, about two thirds of a digit, after a thin gap.
  const letters = FLAG_LETTERS.filter((f) => flags & f.bit).length;
  return Math.max(figure, symbol) + (letters ? 0.5 + letters * 0.7 : 0);
}

/**
 * The widest word a data column must hold so that every column header above the leaves fits its words into the
 * columns it spans: each dimension's widest word (outer first, the leaves last) over the columns one of its labels
 * spans (a one-value contents variable over one year spans one column and must not break "иммигранты" letter by
 * letter).
 */
export function spannedWord(dimensions: readonly { readonly widestWord: number; readonly count: number }[]): number {
  let most = 0;
  let span = 1;
  for (let k = dimensions.length - 1; k >= 0; k--) {
    const d = dimensions[k] as (typeof dimensions)[number];
    most = Math.max(most, d.widestWord / span);
    span *= Math.max(1, d.count);
  }
  return most;
}

/** Width of the data columns: the widest cell, or the longest header word beside the sort arrow; within bounds. */
export function dataColumnChars(cellChars: number, headerWord: number): number {
  return Math.ceil(clamp(Math.max(cellChars, Math.min(headerWord, 14) + 2), 5, 18));
}

/** Width of a column of row headers: its widest label (they wrap beyond it), at least its name's widest word. */
export function rowHeaderChars(longestLabel: number, nameWord: number): number {
  return Math.ceil(clamp(Math.max(longestLabel, Math.min(nameWord, 16)), 4, 24));
}
