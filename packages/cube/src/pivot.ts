/**
 * Pivot: any split of a dataset's dimensions into rows and columns, in any order, for table views and wide
 * exports. Cells are found by two precomputed offset arrays, so a lookup is one addition.
 */

import { type Category, type Dataset, type Dimension, strides } from "./model.ts";

export interface PivotLayout {
  /** Dimension codes down the side, outermost first. */
  readonly rows: readonly string[];
  /** Dimension codes across the top, outermost first. */
  readonly columns: readonly string[];
}

export interface Pivot {
  readonly rowDimensions: readonly Dimension[];
  readonly columnDimensions: readonly Dimension[];
  readonly rowCount: number;
  readonly columnCount: number;
  /** Index into the dataset's value arrays of the cell at (row, column). */
  cell(row: number, column: number): number;
  /** The categories of row `row`, one per row dimension. */
  rowCategories(row: number): Category[];
  columnCategories(column: number): Category[];
}

export class PivotError extends Error {}

/** Rows get every dimension not in `columns` when `rows` is empty; columns likewise. */
export function pivot(ds: Dataset, layout: Partial<PivotLayout>): Pivot {
  const codes = ds.dimensions.map((d) => d.code);
  const columns = layout.columns ?? [];
  const rows = layout.rows?.length ? layout.rows : codes.filter((c) => !columns.includes(c));
  const all = [...rows, ...(layout.columns ?? codes.filter((c) => !rows.includes(c)))];
  const colCodes = all.slice(rows.length);
  for (const code of all) if (!codes.includes(code)) throw new PivotError(`the table has no dimension "${code}"`);
  if (new Set(all).size !== all.length || all.length !== codes.length) {
    throw new PivotError(`rows and columns must name each dimension once (${codes.join(", ")})`);
  }
  const stride = strides(ds.dimensions);
  const at = (code: string) => codes.indexOf(code);
  const rowDimensions = rows.map((c) => ds.dimensions[at(c)] as Dimension);
  const columnDimensions = colCodes.map((c) => ds.dimensions[at(c)] as Dimension);
  const offsets = (dims: readonly string[]) => {
    const sizes = dims.map((c) => ds.dimensions[at(c)]?.categories.length ?? 1);
    const count = sizes.reduce((p, s) => p * s, 1);
    const out = new Float64Array(count);
    for (let r = 0; r < count; r++) {
      let rest = r;
      let offset = 0;
      for (let k = dims.length - 1; k >= 0; k--) {
        const size = sizes[k] as number;
        offset += (rest % size) * (stride[at(dims[k] as string)] as number);
        rest = Math.floor(rest / size);
      }
      out[r] = offset;
    }
    return { out, sizes, count };
  };
  const r = offsets(rows);
  const c = offsets(colCodes);
  const categoriesOf = (dims: readonly Dimension[], sizes: readonly number[], index: number) => {
    const result = new Array<Category>(dims.length);
    let rest = index;
    for (let k = dims.length - 1; k >= 0; k--) {
      const size = sizes[k] as number;
      result[k] = dims[k]?.categories[rest % size] as Category;
      rest = Math.floor(rest / size);
    }
    return result;
  };
  return {
    rowDimensions,
    columnDimensions,
    rowCount: r.count,
    columnCount: c.count,
    cell: (row, column) => (r.out[row] as number) + (c.out[column] as number),
    rowCategories: (row) => categoriesOf(rowDimensions, r.sizes, row),
    columnCategories: (column) => categoriesOf(columnDimensions, c.sizes, column),
  };
}

/** The layout of wide tables when none is given: the time dimension across (else the last one), the others down. */
export function defaultLayout(ds: Dataset, layout: Partial<PivotLayout>): Partial<PivotLayout> {
  if (layout.rows || layout.columns) return { rows: layout.rows, columns: layout.columns };
  const across = ds.dimensions.find((d) => d.role === "time") ?? ds.dimensions.at(-1);
  return { columns: across ? [across.code] : [] };
}
