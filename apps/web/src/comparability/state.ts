/**
 * The URL state of the availability page, and the addresses the comparability pages link to. Pure: tested
 * without a browser.
 *
 *   /en/availability?table=T3,T4&chapter=immigration&country=ARM,GEO&from=2015&to=2020&detail=all&group=table
 *
 * Each parameter is the API's of the same name (`/api/comparability/availability`), so the page asks the API
 * with its own query; `group` only lays the matrix out.
 */

export const DETAILS = ["total", "sex", "age", "all"] as const;
export type Detail = (typeof DETAILS)[number];
export const GROUPS = ["country", "table"] as const;
export type Group = (typeof GROUPS)[number];

export interface AvailabilityState {
  readonly tables: readonly string[];
  readonly chapter: string;
  readonly countries: readonly string[];
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly detail: Detail;
  readonly group: Group;
}

export const DEFAULT_AVAILABILITY: AvailabilityState = {
  tables: [],
  chapter: "",
  countries: [],
  from: undefined,
  to: undefined,
  detail: "all",
  group: "country",
};

const CODE = /^[A-Za-z0-9_]{1,20}$/;

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll("+", " "));
  } catch {
    return part;
  }
}

const codes = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => CODE.test(v));
const year = (value: string) => (/^\d{4}$/.test(value) ? Number(value) : undefined);

/** The state a query string describes; what is malformed is left at its default. */
export function parseAvailabilityState(search: string): AvailabilityState {
  let state = DEFAULT_AVAILABILITY;
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 1) continue;
    const key = pair.slice(0, eq);
    const value = decode(pair.slice(eq + 1));
    if (key === "table") state = { ...state, tables: codes(value) };
    else if (key === "chapter" && CODE.test(value)) state = { ...state, chapter: value };
    else if (key === "country") state = { ...state, countries: codes(value) };
    else if (key === "from") state = { ...state, from: year(value) };
    else if (key === "to") state = { ...state, to: year(value) };
    else if (key === "detail" && (DETAILS as readonly string[]).includes(value))
      state = { ...state, detail: value as Detail };
    else if (key === "group" && (GROUPS as readonly string[]).includes(value))
      state = { ...state, group: value as Group };
  }
  return state;
}

/** The API's query for a state: the filters, without the layout. */
export function availabilityQuery(state: AvailabilityState): string {
  const parts: string[] = [];
  if (state.tables.length) parts.push(`table=${state.tables.join(",")}`);
  if (state.chapter) parts.push(`chapter=${state.chapter}`);
  if (state.countries.length) parts.push(`country=${state.countries.join(",")}`);
  if (state.from !== undefined) parts.push(`from=${state.from}`);
  if (state.to !== undefined) parts.push(`to=${state.to}`);
  if (state.detail !== DEFAULT_AVAILABILITY.detail) parts.push(`detail=${state.detail}`);
  return parts.join("&");
}

/** The page's query string (with "?", or "" for the default state) that `parseAvailabilityState` reads back. */
export function formatAvailabilityState(state: AvailabilityState): string {
  const query = [availabilityQuery(state), state.group !== "country" ? `group=${state.group}` : ""]
    .filter(Boolean)
    .join("&");
  return query ? `?${query}` : "";
}

/** The table page with one country and one year selected (`v.reporter`, `v.year` as table/state.ts reads them). */
export function tableSelectionPath(lang: string, table: string, reporter: string, year: number | string): string {
  return `/${lang}/tables/${encodeURIComponent(table)}?v.reporter=${encodeURIComponent(reporter)}&v.year=${encodeURIComponent(String(year))}`;
}

/** A share as a whole per cent, but never 0% or 100% for what is not exactly that: 0.4% shows as "<1%". */
export function sharePercent(share: number): number | "<1" | ">99" {
  if (share <= 0) return 0;
  if (share >= 1) return 100;
  const p = Math.round(share * 100);
  if (p === 0) return "<1";
  if (p === 100) return ">99";
  return p;
}

/** The published number of a standard table's id: "T5_1" → "5.1". */
export const tableNumber = (id: string): string => id.replace(/^T/, "").replace("_", ".");

export interface RuleRow {
  readonly rule: string;
  readonly kindLabel: string;
  readonly description: string;
  /** Tables (or pairs of tables) the rule ran on, and those it could not run on for want of figures. */
  readonly checked: readonly string[];
  readonly unchecked: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  readonly explanation: string | null;
}

/** The report's rule outcomes (one per rule and table) as one row per rule, in the report's order. */
export function ruleRows(
  rules: readonly {
    readonly rule: string;
    readonly kindLabel: string;
    readonly description: string;
    readonly tables: readonly string[];
    readonly checked: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly explanation: string | null;
  }[],
): RuleRow[] {
  const rows = new Map<
    string,
    { -readonly [K in keyof RuleRow]: RuleRow[K] extends readonly string[] ? string[] : RuleRow[K] }
  >();
  for (const r of rules) {
    let row = rows.get(r.rule);
    if (!row) {
      row = {
        rule: r.rule,
        kindLabel: r.kindLabel,
        description: r.description,
        checked: [],
        unchecked: [],
        errors: 0,
        warnings: 0,
        explanation: null,
      };
      rows.set(r.rule, row);
    }
    const tables = r.tables.map(tableNumber).join(" – ");
    (r.checked ? row.checked : row.unchecked).push(tables);
    row.errors += r.errors;
    row.warnings += r.warnings;
    row.explanation ??= r.explanation;
  }
  return [...rows.values()];
}

/**
 * The SVG path of a sparkline of `values` in a `width` × `height` box with `pad` around: one sub-path per run of
 * known values (a missing value breaks the line, never a zero), and the position of the last known value.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad: number,
): { d: string; last: { x: number; y: number } | undefined } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { d: "", last: undefined };
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) =>
    pad + (values.length === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => (max === min ? height / 2 : pad + ((max - v) * (height - 2 * pad)) / (max - min));
  const round = (n: number) => Math.round(n * 10) / 10;
  let d = "";
  let last: { x: number; y: number } | undefined;
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      drawing = false;
      return;
    }
    last = { x: round(x(i)), y: round(y(v)) };
    d += `${drawing ? "L" : "M"}${last.x} ${last.y} `;
    drawing = true;
  });
  return { d: d.trim(), last };
}
