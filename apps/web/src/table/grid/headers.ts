/** The header cells of the pivoted table: spans per level across the top, repeated labels down the side. Pure. */
import { type Category, textIn } from "@clearinghouse/cube/browser";
import type { Lang } from "../../lib/i18n.ts";

export interface HeaderSpan {
  /** Index of the category in its variable. */
  readonly category: number;
  /** First column the cell covers. */
  readonly first: number;
  readonly span: number;
}

/** Columns one category of `level` covers: the product of the sizes of the levels inside it. */
export function blockSize(sizes: readonly number[], level: number): number {
  let size = 1;
  for (let k = level + 1; k < sizes.length; k++) size *= sizes[k] ?? 1;
  return size;
}

/**
 * The cells of header row `level` over columns [start, end) of a pivot whose column variables have `sizes`
 * categories (outermost first): one per run of a category, cut at the edges of the range, so that a cell whose run
 * starts to the left of a scrolled window still shows its label at the window's edge.
 */
export function headerSpans(sizes: readonly number[], level: number, start: number, end: number): HeaderSpan[] {
  const block = blockSize(sizes, level);
  const size = sizes[level] ?? 1;
  const spans: HeaderSpan[] = [];
  let first = Math.max(0, start);
  while (first < end) {
    const run = Math.floor(first / block);
    const runEnd = Math.min((run + 1) * block, end);
    spans.push({ category: run % size, first, span: runEnd - first });
    first = runEnd;
  }
  return spans;
}

/**
 * How many leading row headers repeat those of the row above (same categories, compared by identity): their
 * labels are hidden visually (kept for screen readers). No row above (the first one shown): none.
 */
export function repeatedLevels(above: readonly unknown[] | undefined, row: readonly unknown[]): number {
  if (!above) return 0;
  let k = 0;
  while (k < row.length && k < above.length && above[k] === row[k]) k++;
  return k;
}

/** A category's header text: the label, or code and label when codes are shown (once when they are the same). */
export function categoryText(category: Category, lang: Lang, showCodes: boolean): string {
  const label = textIn(category.label, lang);
  return showCodes && category.code !== label ? `${category.code} ${label}` : label;
}
