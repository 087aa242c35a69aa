/**
 * Marked cells of the pivoted table: a page that checks figures (a submission's findings) marks some cells, lets
 * the reader go from a marked cell to what it marks, and asks the grid to bring one cell into view. Pure parts here.
 */
import { type Dimension, strides } from "@clearinghouse/cube/browser";

export interface CellMarks {
  /** Dataset cell index → the kind of mark (a class suffix: `pivot__cell--mark-error`) and its accessible label. */
  readonly marks: ReadonlyMap<number, { readonly kind: string; readonly label: string }>;
  /** A marked cell was chosen. */
  readonly onActivate: (cell: number) => void;
  /** The cell to bring into view and focus; each new `request` scrolls to it again. */
  readonly current?: { readonly cell: number; readonly request: number } | undefined;
}

/**
 * Where the dataset cell `index` is in a pivot of these dimensions: its row and column (before any sort),
 * counted as the pivot counts them (the last dimension of a zone varies fastest).
 */
export function pivotPosition(
  dimensions: readonly Pick<Dimension, "code" | "categories">[],
  layout: { readonly rows: readonly string[]; readonly columns: readonly string[] },
  index: number,
): { row: number; column: number } {
  const stride = strides(dimensions);
  const position = (codes: readonly string[]) => {
    let at = 0;
    for (const code of codes) {
      const k = dimensions.findIndex((d) => d.code === code);
      const d = dimensions[k];
      if (!d) continue;
      const category = Math.floor(index / (stride[k] as number)) % d.categories.length;
      at = at * d.categories.length + category;
    }
    return at;
  };
  const columns = layout.columns;
  const rows = layout.rows.length > 0 ? layout.rows : dimensions.map((d) => d.code).filter((c) => !columns.includes(c));
  return { row: position(rows), column: position(columns) };
}
