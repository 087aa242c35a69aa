/**
 * Periods chosen relative to the latest one, kept as PxWeb API 2.0 selection expressions in the URL and in saved
 * queries so that a bookmark rolls forward when a new year is released (docs/decisions/0015-bookmarks-and-views.md):
 *
 * - `top(n)`: the latest n periods ("latest year" is `top(1)`), the same number after a release;
 * - `from(x)`: period x and every later one, a release adds to them.
 *
 * Any other list of codes is fixed. Pure: tested without a browser.
 */
import type { ValueMeta } from "../meta.ts";

type Values = readonly Pick<ValueMeta, "code">[];

export type PeriodRule =
  | { readonly kind: "top"; readonly n: number }
  | { readonly kind: "from"; readonly from: string };

/** How periods are saved: as selected, or rolling (PxWeb 2.0's three options for new time periods). */
export type PeriodSaving = "fixed" | "from" | "top";

const TOP = /^top\(\s*([1-9]\d{0,5})\s*\)$/i;
const FROM = /^from\(\s*(.+?)\s*\)$/i;

/** The rule a variable's URL codes state (one expression), or undefined for a plain list of codes. */
export function periodRuleOf(codes: readonly string[] | undefined): PeriodRule | undefined {
  if (codes?.length !== 1) return undefined;
  const [text = ""] = codes;
  const top = TOP.exec(text);
  if (top) return { kind: "top", n: Number(top[1]) };
  const from = FROM.exec(text);
  if (from?.[1]) return { kind: "from", from: from[1] };
  return undefined;
}

/** The expression of a rule, as the URL and the API write it. */
export function periodExpression(rule: PeriodRule): string {
  return rule.kind === "top" ? `top(${rule.n})` : `from(${rule.from})`;
}

/** Time codes (2020, 2020Q1, 2020M01) in time order: as text, whatever order the table lists them in. */
const inTimeOrder = (values: Values): string[] => values.map((v) => v.code).sort();

/** The latest `n` periods, in table order (the latest are the greatest codes whatever the table's order). */
export function latestValues(values: Values, n: number): string[] {
  const ordered = inTimeOrder(values);
  const latest = new Set(ordered.slice(Math.max(0, ordered.length - Math.max(0, n))));
  return values.filter((v) => latest.has(v.code)).map((v) => v.code);
}

/** The codes a rule selects today, in table order; `from` a code the table lacks selects the later ones. */
export function expandPeriodRule(values: Values, rule: PeriodRule): string[] {
  if (rule.kind === "top") return latestValues(values, rule.n);
  return values.filter((v) => v.code >= rule.from).map((v) => v.code);
}

/**
 * The rule that saves `selected` the way `saving` asks, or undefined to save the codes themselves: "top" keeps
 * their number (the latest n when new periods come), "from" their first period onwards. Both need the selected
 * periods to run without a gap up to the latest one; otherwise only "fixed" is offered (`savingChoices`).
 */
export function ruleForSaving(
  values: Values,
  selected: readonly string[],
  saving: PeriodSaving,
): PeriodRule | undefined {
  if (saving === "fixed" || !endsAtLatest(values, selected)) return undefined;
  const first = [...selected].sort()[0];
  if (first === undefined) return undefined;
  return saving === "top" ? { kind: "top", n: selected.length } : { kind: "from", from: first };
}

/** The selected periods are the latest n, without a gap. */
export function endsAtLatest(values: Values, selected: readonly string[]): boolean {
  if (selected.length === 0) return false;
  const ordered = inTimeOrder(values);
  const wanted = new Set(selected);
  const latest = ordered.slice(ordered.length - wanted.size);
  return latest.length === wanted.size && latest.every((c) => wanted.has(c));
}
