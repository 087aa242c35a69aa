/**
 * The state of a table page, written whole into its URL so that any view can be bookmarked and shared:
 *
 *   /en/tables/T2_1?v.reporter=ARM,GEO&v.year=2019,2020&v.sex=&rows=reporter&cols=year&view=chart&chart=line&codes=1&sort=2:desc
 *
 * `version=N` or `asOf=DATE` shows a past released version (the current one without); `v.VAR` lists the selected value codes of a variable (each code percent-encoded, so a code may hold a comma);
 * `v.VAR=` selects none (the variable is eliminated); a variable the URL does not name keeps the table's default
 * selection. `calc=percent&calcOf=VAR` or `calc=per1000` shows a computed view of the figures (views/calculations.ts).
 * A time variable's `v.year=top(5)` or `from(2020)` is a rolling rule (selection/periods.ts). Pure: tested without a
 * browser.
 */
import { CALCULATIONS, type Calculation } from "./views/calculations.ts";

export const VIEWS = ["table", "chart", "map"] as const;
export type ViewKind = (typeof VIEWS)[number];
export const CHARTS = ["line", "bar", "stacked", "pyramid"] as const;
export type ChartKind = (typeof CHARTS)[number];

export interface SortState {
  /** Column of the pivoted table (0 = the first data column). */
  readonly column: number;
  readonly descending: boolean;
}

export interface ViewState {
  /** Selected value codes by variable code; only the variables the URL names. */
  readonly selection: Readonly<Record<string, readonly string[]>>;
  /** Variables down the side and across the top, outermost first; empty = the table's default layout. */
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly view: ViewKind;
  readonly chart: ChartKind | undefined;
  readonly showCodes: boolean;
  readonly sort: SortState | undefined;
  /** A past released version, by number (`version=N`) or by the moment it was current (`asOf=2026-12-04`). */
  readonly version?: number | undefined;
  readonly asOf?: string | undefined;
  /** A computed view of the figures, and for per cent the variable whose total is the whole. */
  readonly calc?: Calculation | undefined;
  readonly calcOf?: string | undefined;
}

export const EMPTY_STATE: ViewState = {
  selection: {},
  rows: [],
  columns: [],
  view: "table",
  chart: undefined,
  showCodes: false,
  sort: undefined,
};

const SELECTION_PREFIX = "v.";

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const list = (value: string): string[] => (value === "" ? [] : value.split(",").map(decode));
const encodeList = (codes: readonly string[]) => codes.map(encodeURIComponent).join(",");

/** The state a query string (with or without its "?") describes; unknown or malformed parts are ignored. */
export function parseViewState(search: string): ViewState {
  const selection: Record<string, string[]> = {};
  let state: ViewState = EMPTY_STATE;
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : pair.slice(eq + 1);
    if (key.startsWith(SELECTION_PREFIX) && key.length > SELECTION_PREFIX.length) {
      selection[key.slice(SELECTION_PREFIX.length)] = list(value);
      continue;
    }
    const text = decode(value);
    switch (key) {
      case "rows":
        state = { ...state, rows: list(value) };
        break;
      case "cols":
        state = { ...state, columns: list(value) };
        break;
      case "view":
        if ((VIEWS as readonly string[]).includes(text)) state = { ...state, view: text as ViewKind };
        break;
      case "chart":
        if ((CHARTS as readonly string[]).includes(text)) state = { ...state, chart: text as ChartKind };
        break;
      case "codes":
        state = { ...state, showCodes: text === "1" || text === "true" };
        break;
      case "version":
        if (/^[1-9]\d{0,9}$/.test(text)) state = { ...state, version: Number(text) };
        break;
      case "asOf":
        if (text.trim() !== "") state = { ...state, asOf: text.trim() };
        break;
      case "calc":
        if ((CALCULATIONS as readonly string[]).includes(text)) state = { ...state, calc: text as Calculation };
        break;
      case "calcOf":
        if (text !== "") state = { ...state, calcOf: text };
        break;
      case "sort": {
        const match = /^(\d+):(asc|desc)$/.exec(text);
        if (match) state = { ...state, sort: { column: Number(match[1]), descending: match[2] === "desc" } };
        break;
      }
    }
  }
  return { ...state, selection };
}

/** The query string (with its "?", or "" for the empty state) that `parseViewState` reads back as `state`. */
export function formatViewState(state: ViewState): string {
  const parts: string[] = [];
  if (state.version !== undefined) parts.push(`version=${state.version}`);
  else if (state.asOf !== undefined) parts.push(`asOf=${encodeURIComponent(state.asOf)}`);
  parts.push(
    ...Object.entries(state.selection).map(
      ([code, codes]) => `${SELECTION_PREFIX}${encodeURIComponent(code)}=${encodeList(codes)}`,
    ),
  );
  if (state.rows.length) parts.push(`rows=${encodeList(state.rows)}`);
  if (state.columns.length) parts.push(`cols=${encodeList(state.columns)}`);
  if (state.view !== "table") parts.push(`view=${state.view}`);
  if (state.chart) parts.push(`chart=${state.chart}`);
  if (state.showCodes) parts.push("codes=1");
  if (state.calc) parts.push(`calc=${state.calc}`);
  if (state.calc === "percent" && state.calcOf) parts.push(`calcOf=${encodeURIComponent(state.calcOf)}`);
  if (state.sort) parts.push(`sort=${state.sort.column}:${state.sort.descending ? "desc" : "asc"}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
