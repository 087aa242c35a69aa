/** Downloads of the current selection in every format, and the API calls that fetch it ("use this in code"). */
import type { Lang } from "../../lib/i18n.ts";
import type { TableMeta } from "../meta.ts";
import type { Selection } from "../selection/selection.ts";

export interface TableToolsProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  readonly selection: Selection;
  /** The layout shown (variables down the side and across), for the wide formats. */
  readonly layout: { readonly rows: readonly string[]; readonly columns: readonly string[] } | undefined;
  /** False while the selection cannot be fetched (too many cells, a variable with nothing selected). */
  readonly available: boolean;
}

export function TableTools(_: TableToolsProps) {
  return null;
}
