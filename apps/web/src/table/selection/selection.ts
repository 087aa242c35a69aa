/**
 * Selections: which values of each variable a view shows. Pure: tested with plain metadata.
 */
import type { DefaultSelection, SelectionItem } from "../../lib/api.ts";
import type { TableMeta } from "../meta.ts";

/** Selected value codes for every variable of the table, in the table's value order. */
export type Selection = Readonly<Record<string, readonly string[]>>;

/**
 * The selection a page shows: what the URL names, else the table's default selection, else (for a variable the
 * default leaves out) nothing. Codes the table does not have are dropped; order follows the table.
 */
export function resolveSelection(
  meta: TableMeta,
  defaults: DefaultSelection,
  fromUrl: Readonly<Record<string, readonly string[]>>,
): Selection {
  const result: Record<string, readonly string[]> = {};
  for (const variable of meta.variables) {
    const asked =
      fromUrl[variable.code] ?? defaults.selection.find((s) => s.variableCode === variable.code)?.valueCodes ?? [];
    const wanted = new Set(asked.includes("*") ? variable.values.map((v) => v.code) : asked);
    result[variable.code] = variable.values.filter((v) => wanted.has(v.code)).map((v) => v.code);
  }
  return result;
}

/** Cells the selection makes: a variable with no value selected is eliminated (counts once) if it may be. */
export function cellCount(meta: TableMeta, selection: Selection): number {
  let cells = 1;
  for (const variable of meta.variables) {
    const n = selection[variable.code]?.length ?? 0;
    cells *= n === 0 && variable.elimination ? 1 : n;
  }
  return cells;
}

/** The variables that need at least one value but have none. */
export function missingVariables(meta: TableMeta, selection: Selection): string[] {
  return meta.variables.filter((v) => !v.elimination && (selection[v.code]?.length ?? 0) === 0).map((v) => v.code);
}

/** The selection as the PxWeb API 2.0 data query's `selection` (eliminated variables left out). */
export function selectionItems(meta: TableMeta, selection: Selection): SelectionItem[] {
  return meta.variables
    .filter((v) => (selection[v.code]?.length ?? 0) > 0)
    .map((v) => ({ variableCode: v.code, valueCodes: selection[v.code] ?? [] }));
}
