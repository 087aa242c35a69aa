/** Which rows and columns of a virtualized table to render, and the space the others take. Pure. */

export interface Slice {
  /** First item rendered. */
  readonly start: number;
  /** One past the last item rendered. */
  readonly end: number;
  /** Pixels before the first item rendered and after the last, kept by spacers so the scroll size stays right. */
  readonly before: number;
  readonly after: number;
}

/** Everything rendered, no spacers. */
export const wholeSlice = (count: number): Slice => ({ start: 0, end: count, before: 0, after: 0 });

/**
 * The slice a virtualizer's items describe (consecutive, in order, positions in pixels from the start of the
 * list) in a list `total` pixels long.
 */
export function sliceOf(
  items: readonly { readonly index: number; readonly start: number; readonly end: number }[],
  total: number,
): Slice {
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return { start: 0, end: 0, before: 0, after: total };
  return { start: first.index, end: last.index + 1, before: first.start, after: Math.max(0, total - last.end) };
}

/** The indexes a slice renders. */
export const indexesOf = (slice: Slice): number[] =>
  Array.from({ length: slice.end - slice.start }, (_, k) => slice.start + k);

/** Rows are rendered in a window when the table has more cells than this; below, all (find in page, print). */
export const WHOLE_TABLE_CELLS = 2000;
/** Columns are rendered in a window when there are more than this. */
export const WHOLE_COLUMNS = 50;

export const windowRows = (rows: number, columns: number) =>
  rows * Math.min(columns, WHOLE_COLUMNS) > WHOLE_TABLE_CELLS;
export const windowColumns = (columns: number) => columns > WHOLE_COLUMNS;
