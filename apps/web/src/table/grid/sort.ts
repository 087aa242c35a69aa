/** Sorting the rows of the pivoted table by one column. Pure. */
import type { SortState } from "../state.ts";

/**
 * The display order of `count` rows by `key` (NaN for a cell without a number: those go last either way).
 * Stable: rows with equal keys keep their order, so a sort by a column of totals keeps the groups' order.
 */
export function sortOrder(count: number, key: (row: number) => number, descending: boolean): Uint32Array {
  const keys = new Float64Array(count);
  for (let r = 0; r < count; r++) keys[r] = key(r);
  const order = Array.from({ length: count }, (_, r) => r);
  order.sort((a, b) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    const na = Number.isNaN(ka);
    const nb = Number.isNaN(kb);
    if (na || nb) return na === nb ? a - b : na ? 1 : -1;
    return (descending ? kb - ka : ka - kb) || a - b;
  });
  return Uint32Array.from(order);
}

/** A click on a column's header: ascending, then descending, then the original order. */
export function nextSort(current: SortState | undefined, column: number): SortState | undefined {
  if (!current || current.column !== column) return { column, descending: false };
  return current.descending ? undefined : { column, descending: true };
}

/** The `aria-sort` of a column's header. */
export function ariaSort(current: SortState | undefined, column: number): "ascending" | "descending" | undefined {
  if (!current || current.column !== column) return undefined;
  return current.descending ? "descending" : "ascending";
}
