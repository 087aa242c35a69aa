/**
 * Selections: which values of each variable a view shows. Pure: tested with plain metadata.
 */
import type { DefaultSelection, SelectionItem } from "../../lib/api.ts";
import type { TableMeta, ValueMeta, VariableMeta } from "../meta.ts";
import { expandPeriodRule, periodExpression, periodRuleOf } from "./periods.ts";

/** Selected value codes for every variable of the table, in the table's value order. */
export type Selection = Readonly<Record<string, readonly string[]>>;

/**
 * A variable that leaves the reader no choice: it must be selected and has one value (the contents variable of a
 * table that counts one thing, say). The page shows it as a line of text, not as a box, and always selects it.
 */
export function isFixed(variable: Pick<VariableMeta, "elimination" | "values">): boolean {
  return !variable.elimination && variable.values.length === 1;
}

/**
 * The selection a page shows: what the URL names, else the table's default selection, else (for a variable the
 * default leaves out) nothing; a fixed variable (`isFixed`) always has its one value. A time variable's rolling rule
 * (`top(n)`, `from(x)`, periods.ts) selects the periods it names today. Codes the table does not have are dropped;
 * order follows the table.
 */
export function resolveSelection(
  meta: TableMeta,
  defaults: DefaultSelection,
  fromUrl: Readonly<Record<string, readonly string[]>>,
): Selection {
  const result: Record<string, readonly string[]> = {};
  for (const variable of meta.variables) {
    if (isFixed(variable)) {
      result[variable.code] = variable.values.map((v) => v.code);
      continue;
    }
    const asked =
      fromUrl[variable.code] ?? defaults.selection.find((s) => s.variableCode === variable.code)?.valueCodes ?? [];
    const rule = variable.role === "time" ? periodRuleOf(asked) : undefined;
    if (rule) {
      result[variable.code] = expandPeriodRule(variable.values, rule);
      continue;
    }
    const wanted = new Set(asked.includes("*") ? variable.values.map((v) => v.code) : asked);
    result[variable.code] = variable.values.filter((v) => wanted.has(v.code)).map((v) => v.code);
  }
  return result;
}

/**
 * The selection as the URL keeps it: the resolved codes, except a time variable whose URL entry is a rolling rule,
 * which stays that rule so that the bookmark moves on with new releases.
 */
export function requestedSelection(
  meta: TableMeta,
  selection: Selection,
  fromUrl: Readonly<Record<string, readonly string[]>>,
): Selection {
  const result: Record<string, readonly string[]> = { ...selection };
  for (const variable of meta.variables) {
    const rule = variable.role === "time" ? periodRuleOf(fromUrl[variable.code]) : undefined;
    if (rule) result[variable.code] = [periodExpression(rule)];
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

// ---------------------------------------------------------------------------------------------------------------
// Changing one variable's selection. Every result lists codes of the variable only, once each, in table order.
// ---------------------------------------------------------------------------------------------------------------

type Values = readonly Pick<ValueMeta, "code">[];

/** The variable's codes that are in `wanted`, in table order. */
function inTableOrder(values: Values, wanted: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const v of values) if (wanted.has(v.code)) out.push(v.code);
  return out;
}

/** Ticks or unticks one value. */
export function toggleValue(values: Values, selected: readonly string[], code: string): string[] {
  const next = new Set(selected);
  if (next.has(code)) next.delete(code);
  else next.add(code);
  return inTableOrder(values, next);
}

/** Ticks (`on`) or unticks every one of `codes`, the rest of the selection kept: "Select all/none" of a search. */
export function setValues(
  values: Values,
  selected: readonly string[],
  codes: readonly string[],
  on: boolean,
): string[] {
  const next = new Set(selected);
  for (const code of codes) {
    if (on) next.add(code);
    else next.delete(code);
  }
  return inTableOrder(values, next);
}

/** Exactly the codes of a value set that the variable has. */
export function applyValueSet(values: Values, codes: readonly string[]): string[] {
  return inTableOrder(values, new Set(codes));
}

/** The codes from `from` to `to`, both included, in table order (either may come first); [] if one is unknown. */
export function timeRange(values: Values, from: string, to: string): string[] {
  const a = values.findIndex((v) => v.code === from);
  const b = values.findIndex((v) => v.code === to);
  if (a < 0 || b < 0) return [];
  return values.slice(Math.min(a, b), Math.max(a, b) + 1).map((v) => v.code);
}

/** The first and last selected codes in table order (what the range picker shows), or undefined for none. */
export function selectedRange(values: Values, selected: readonly string[]): { from: string; to: string } | undefined {
  const wanted = new Set(selected);
  const first = values.find((v) => wanted.has(v.code));
  const last = values.findLast((v) => wanted.has(v.code));
  return first && last ? { from: first.code, to: last.code } : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Searching a variable's values
// ---------------------------------------------------------------------------------------------------------------

/**
 * Text as searched: lower case, accents dropped (Cote finds Côte) and ё read as е, as Russian readers type it.
 * Й keeps its breve: it is a letter of its own, not и with an accent.
 */
export function searchText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ё", "е")
    .replaceAll("й", "\u0000")
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replaceAll("\u0000", "й");
}

/** What each value is searched by (label and code), computed once per variable. */
export function searchIndex(values: readonly Pick<ValueMeta, "code" | "label">[]): string[] {
  return values.map((v) => searchText(`${v.label}\u0001${v.code}`));
}

/**
 * The values whose label or code holds every word of `query` (in any order; case, accents and ё ignored), in table
 * order; all values for a blank query. `index` is `searchIndex(values)`.
 */
export function filterValues<V>(values: readonly V[], index: readonly string[], query: string): V[] {
  const words = searchText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...values];
  return values.filter((_, i) => {
    const text = index[i] ?? "";
    return words.every((w) => text.includes(w));
  });
}

/** Values in the order of their labels in `lang` (Азербайджан before Армения in Russian), for a list's display. */
export function byLabel<V extends Pick<ValueMeta, "label">>(values: readonly V[], lang: string): V[] {
  const collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  return [...values].sort((a, b) => collator.compare(a.label, b.label));
}

/** The labels of the first `max` selected values and how many more there are: a closed box's one-line summary. */
export function selectionPreview(
  values: readonly Pick<ValueMeta, "code" | "label">[],
  selected: readonly string[],
  max: number,
): { labels: string[]; more: number } {
  const wanted = new Set(selected);
  const labels: string[] = [];
  let count = 0;
  for (const v of values) {
    if (!wanted.has(v.code)) continue;
    if (count < max) labels.push(v.label);
    count++;
  }
  return { labels, more: count - labels.length };
}
