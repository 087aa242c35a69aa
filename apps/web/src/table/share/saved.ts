/**
 * A table page's selection as a PxWeb API 2.0 saved query and back (docs/decisions/0015-bookmarks-and-views.md).
 * Periods are saved the way the reader chose (PxWeb 2.0's three options): as selected, `from(first)` so that new
 * periods are added, or `top(n)` so that the latest n are kept. Pure: tested without a browser.
 */
import type { SelectionItem } from "../../lib/api.ts";
import type { TableMeta } from "../meta.ts";
import { type PeriodSaving, periodExpression, ruleForSaving } from "../selection/periods.ts";
import type { Selection } from "../selection/selection.ts";
import type { ViewState } from "../state.ts";

/** The SavedQuery of the specification, as POST /api/v2/savedqueries takes it. */
export interface SavedQueryBody {
  readonly tableId: string;
  readonly language: string;
  readonly selection: {
    readonly selection: readonly SelectionItem[];
    readonly placement?: { readonly heading: readonly string[]; readonly stub: readonly string[] };
  };
}

/** What GET /api/v2/savedqueries/{id} answers, as far as the page reads it. */
export interface SavedQuery extends SavedQueryBody {
  readonly id: string;
}

/** The saved query of a selection, its periods saved as `saving` asks (fixed where they cannot roll). */
export function savedQueryBody(
  meta: TableMeta,
  lang: string,
  selection: Selection,
  saving: PeriodSaving,
  layout?: { readonly rows: readonly string[]; readonly columns: readonly string[] },
): SavedQueryBody {
  const items: SelectionItem[] = [];
  for (const variable of meta.variables) {
    const codes = selection[variable.code] ?? [];
    if (codes.length === 0) continue; // eliminated, as a saved query leaves it out
    const rule = variable.role === "time" ? ruleForSaving(variable.values, codes, saving) : undefined;
    items.push({ variableCode: variable.code, valueCodes: rule ? [periodExpression(rule)] : [...codes] });
  }
  return {
    tableId: meta.id,
    language: lang,
    selection: {
      selection: items,
      ...(layout?.rows.length || layout?.columns.length
        ? { placement: { heading: layout.columns, stub: layout.rows } }
        : {}),
    },
  };
}

/**
 * The page state a saved query opens: its selection (expressions such as top(5) kept, so the page rolls on as the
 * query does; a variable it leaves out eliminated) and its placement as the layout.
 */
export function viewStateOfSaved(meta: TableMeta, saved: SavedQueryBody, base: ViewState): ViewState {
  const selection: Record<string, readonly string[]> = {};
  for (const variable of meta.variables) {
    const item = saved.selection.selection.find((s) => s.variableCode.toLowerCase() === variable.code.toLowerCase());
    selection[variable.code] = item ? [...item.valueCodes] : [];
  }
  const placement = saved.selection.placement;
  return {
    ...base,
    selection,
    rows: placement?.stub ? [...placement.stub] : [],
    columns: placement?.heading ? [...placement.heading] : [],
  };
}
