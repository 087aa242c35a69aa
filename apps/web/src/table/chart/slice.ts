/**
 * Slices of a dataset: a chart or a map spreads some dimensions ("free") and shows one category of each other one
 * ("fixed"), which the reader picks. Pure: tested without a browser.
 */
import { type Dataset, type Dimension, strides, textIn } from "@clearinghouse/cube/browser";

/** The categories a reader picked, by dimension code; codes no longer in the data are ignored. */
export type Picks = Readonly<Record<string, string>>;

/** Category index of every dimension that is not free. */
export type Slice = ReadonlyMap<number, number>;

const TOTAL = "_T";

/** What a fixed dimension shows until the reader picks: the latest period, else the total, else the first. */
function defaultCategory(d: Dimension): number {
  if (d.role === "time") return d.categories.length - 1;
  const total = d.categories.findIndex((c) => c.code === TOTAL);
  return total === -1 ? 0 : total;
}

export function sliceOf(ds: Dataset, free: readonly number[], picks: Picks): Slice {
  const slice = new Map<number, number>();
  ds.dimensions.forEach((d, k) => {
    if (free.includes(k)) return;
    const picked = picks[d.code];
    const index = picked === undefined ? -1 : d.categories.findIndex((c) => c.code === picked);
    slice.set(k, index === -1 ? defaultCategory(d) : index);
  });
  return slice;
}

/** The dimensions the reader may fix (not free, several categories), by index. */
export function fixable(ds: Dataset, free: readonly number[]): number[] {
  return ds.dimensions.flatMap((d, k) => (!free.includes(k) && d.categories.length > 1 ? [k] : []));
}

/**
 * Cell index of each combination of the free dimensions' categories (first free dimension slowest), the other
 * dimensions at their slice. `coords[i]` are the category indices of the free dimensions for `cells[i]`.
 */
export function sliceCells(
  ds: Dataset,
  free: readonly number[],
  slice: Slice,
): { cells: number[]; coords: number[][] } {
  const stride = strides(ds.dimensions);
  let base = 0;
  for (const [k, index] of slice) base += index * (stride[k] ?? 0);
  const cells: number[] = [];
  const coords: number[][] = [];
  const walk = (depth: number, offset: number, at: number[]) => {
    if (depth === free.length) {
      cells.push(offset);
      coords.push(at);
      return;
    }
    const k = free[depth] as number;
    const size = ds.dimensions[k]?.categories.length ?? 0;
    for (let i = 0; i < size; i++) walk(depth + 1, offset + i * (stride[k] ?? 0), [...at, i]);
  };
  walk(0, base, []);
  return { cells, coords };
}

export interface ContextItem {
  readonly dimension: string;
  readonly category: string;
}

/** What holds for the whole view: each dimension that is not free with the category shown, in the reader's language. */
export function contextOf(ds: Dataset, slice: Slice, lang: string): ContextItem[] {
  return [...slice].map(([k, index]) => {
    const d = ds.dimensions[k] as Dimension;
    return { dimension: textIn(d.label, lang), category: textIn(d.categories[index]?.label, lang) };
  });
}
