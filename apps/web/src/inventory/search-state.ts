/**
 * The state of an inventory search as its URL holds it (`?q=&category=&country=&topic=&sort=&page=&view=`), the
 * API query for it, and facet toggling. Every search is a shareable address. Pure: tested without a browser.
 */

export const FACETS = ["category", "country", "topic"] as const;
export type Facet = (typeof FACETS)[number];

export const SORTS = ["relevance", "name", "updated"] as const;
export type Sort = (typeof SORTS)[number];

export const VIEWS = ["list", "map"] as const;
export type View = (typeof VIEWS)[number];

export interface SearchState {
  readonly q: string;
  readonly category: readonly string[];
  readonly country: readonly string[];
  readonly topic: readonly string[];
  /** Undefined: the server's default (relevance with a query, name without). */
  readonly sort: Sort | undefined;
  readonly page: number;
  readonly view: View;
}

export const EMPTY_SEARCH: SearchState = {
  q: "",
  category: [],
  country: [],
  topic: [],
  sort: undefined,
  page: 1,
  view: "list",
};

/** Values of the API's limits (query.ts on the server): longer queries and higher pages are refused there. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE = 10_000;
export const PAGE_SIZE = 20;

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

/** A filter's values: repeated parameters and comma-separated lists alike, each once, in order. */
function valuesOf(params: URLSearchParams, name: string, normal = (v: string) => v): string[] {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => normal(v.trim()))
    .filter((v) => v !== "");
  return [...new Set(values)];
}

export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const sort = params.get("sort");
  const view = params.get("view");
  const page = Number(params.get("page"));
  return {
    q: (params.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH),
    category: valuesOf(params, "category"),
    country: valuesOf(params, "country", (c) => c.toUpperCase()),
    topic: valuesOf(params, "topic"),
    sort: isOneOf(SORTS, sort) ? sort : undefined,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    view: isOneOf(VIEWS, view) ? view : "list",
  };
}

/** The filters of a search as parameters (shared by the page's URL, the API, the map and the exports). */
function filterParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const facet of FACETS) if (state[facet].length > 0) params.set(facet, state[facet].join(","));
  if (state.sort) params.set("sort", state.sort);
  return params;
}

const withMark = (params: URLSearchParams) => {
  const text = params.toString();
  return text ? `?${text}` : "";
};

/** The page's query string: defaults left out, so equal searches have equal addresses. */
export function formatSearchState(state: SearchState): string {
  const params = filterParams(state);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.view !== "list") params.set("view", state.view);
  return withMark(params);
}

/** The query string of the search API for this state, in a language. */
export function apiQuery(state: SearchState, lang: string, pageSize = PAGE_SIZE): string {
  const params = filterParams(state);
  params.set("lang", lang);
  params.set("page", String(state.page));
  params.set("pageSize", String(pageSize));
  return withMark(params);
}

/** The query string of the map points and the exports: every match, no page. */
export function filterQuery(state: SearchState, lang: string): string {
  const params = filterParams(state);
  params.set("lang", lang);
  return withMark(params);
}

/** Chooses or drops one facet value; any change of filters starts again at the first page. */
export function toggleFacet(state: SearchState, facet: Facet, id: string): SearchState {
  const chosen = state[facet];
  const next = chosen.includes(id) ? chosen.filter((v) => v !== id) : [...chosen, id];
  return { ...state, [facet]: next, page: 1 };
}

/** A new query text: the first page again. */
export const withText = (state: SearchState, q: string): SearchState => ({ ...state, q: q.trim(), page: 1 });

/** Whether any filter is chosen (to offer "clear filters"). */
export const hasFilters = (state: SearchState): boolean => FACETS.some((f) => state[f].length > 0);

/** The pages of a result: how many, and which one is shown (kept within range). */
export function pagesOf(total: number, page: number, pageSize = PAGE_SIZE): { count: number; current: number } {
  const count = Math.max(1, Math.min(MAX_PAGE, Math.ceil(total / pageSize)));
  return { count, current: Math.min(Math.max(1, page), count) };
}
