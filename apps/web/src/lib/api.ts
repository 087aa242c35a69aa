/**
 * The server's APIs as the app uses them. The app speaks the same PxWeb API 2.0 that scripts use (tables, metadata,
 * default selection, data), so "use this in code" shows exactly the calls behind the page; the glossary and the
 * search have the clearinghouse's own endpoints.
 */
import { budgetHeaders, CallBudget } from "./call-budget.ts";
import type { Lang } from "./i18n.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The app's calls within the API's rate limit (call-budget.ts): figures, which a reader's clicks ask for one after
 * another, leave this many calls of a window to the rest of the page.
 */
export const callBudget = new CallBudget(4);

/** A call to the API, waiting for the rate limit's window if need be; `figures` marks the data calls. */
export async function request<T>(url: string, init?: RequestInit, { figures = false } = {}): Promise<T> {
  const signal = init?.signal ?? undefined;
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    await callBudget.take(signal, !figures);
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
    callBudget.update(budgetHeaders(response.headers), response.status);
    // Refused because another tab of the same reader used the window: once more when it has passed.
    if (response.status !== 429 || attempt > 0) break;
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = (await response.json()) as { detail?: string; title?: string; error?: string };
      detail = problem.detail ?? problem.error ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}

export interface TablePathStep {
  readonly id: string;
  readonly label: string;
}

/** A table as `GET /api/v2/tables` lists it. */
export interface TableEntry {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly updated: string;
  readonly firstPeriod?: string;
  readonly lastPeriod?: string;
  readonly variableNames: readonly string[];
  readonly source?: string;
  readonly paths: readonly (readonly TablePathStep[])[];
}

export interface ApiConfig {
  readonly maxDataCells: number;
  readonly dataFormats: readonly string[];
}

export interface SelectionItem {
  readonly variableCode: string;
  readonly valueCodes: readonly string[];
  readonly codeList?: string;
}

export interface DefaultSelection {
  readonly selection: readonly SelectionItem[];
  readonly placement?: { readonly heading?: readonly string[]; readonly stub?: readonly string[] };
}

/**
 * Answers that do not change while a reader works with a table (metadata, default selection, the table list, the
 * figures of a selection) are kept for a minute and shared by the parts of a page that ask at the same time, so
 * going back to an earlier selection, or two boxes reading one list, costs no call. A failure is not kept.
 */
const KEEP_MS = 60_000;
const KEEP_ENTRIES = 64;
const kept = new Map<string, { readonly at: number; readonly answer: Promise<unknown> }>();

function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = kept.get(key);
  if (hit && now - hit.at < KEEP_MS) return hit.answer as Promise<T>;
  const answer = load();
  kept.delete(key);
  kept.set(key, { at: now, answer });
  answer.catch(() => {
    if (kept.get(key)?.answer === answer) kept.delete(key);
  });
  // The oldest entries go first (a Map keeps insertion order).
  for (const old of kept.keys()) {
    if (kept.size <= KEEP_ENTRIES) break;
    kept.delete(old);
  }
  return answer;
}

const cachedGet = <T>(url: string) => remembered(url, () => request<T>(url));

const v2 = "/api/v2";
/** The language, and the version when a past one is read (?version=N, docs/decisions/0009-versions.md). */
const q = (lang: Lang, version?: number) => `lang=${lang}${version === undefined ? "" : `&version=${version}`}`;

export const api = {
  config: () => cachedGet<ApiConfig>(`${v2}/config`),
  tables: (lang: Lang) =>
    cachedGet<{ tables: TableEntry[] }>(`${v2}/tables?${q(lang)}&pageSize=1000`).then((r) => r.tables),
  /** The table's metadata as a JSON-stat 2.0 document without values (read with `tableMetaOf`). */
  metadata: (id: string, lang: Lang, version?: number) =>
    cachedGet<unknown>(`${v2}/tables/${encodeURIComponent(id)}/metadata?${q(lang, version)}`),
  defaultSelection: (id: string, lang: Lang, version?: number) =>
    cachedGet<DefaultSelection>(`${v2}/tables/${encodeURIComponent(id)}/defaultselection?${q(lang, version)}`),
  codelist: (id: string, lang: Lang) =>
    request<{ id: string; label: string; values: { code: string; label: string; valueMap?: string[] }[] }>(
      `${v2}/codelists/${encodeURIComponent(id)}?${q(lang)}`,
    ),
  /**
   * The selected cells as JSON-stat 2.0. A selection asked for again within the minute is answered from memory; one
   * cancelled while waiting for the rate limit's window is not asked at all.
   */
  data: async (id: string, lang: Lang, selection: readonly SelectionItem[], signal?: AbortSignal, version?: number) => {
    const url = dataUrl(id, lang, "json-stat2", version);
    const body = JSON.stringify({ selection });
    const key = `${url}\n${body}`;
    const hit = kept.get(key);
    if (hit && Date.now() - hit.at < KEEP_MS) return hit.answer;
    const answer = await request<unknown>(
      url,
      { method: "POST", headers: { "content-type": "application/json" }, body, ...(signal ? { signal } : {}) },
      { figures: true },
    );
    // Kept once it arrived: a request cancelled half-way is not shared with the next asker.
    remembered(key, () => Promise.resolve(answer));
    return answer;
  },
};

/** Saves a query (POST /api/v2/savedqueries); its id. */
export const saveQuery = (body: unknown) =>
  request<{ id: string }>(`${v2}/savedqueries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.id);

/** A saved query as stored (GET /api/v2/savedqueries/{id}). */
export const savedQuery = <T>(id: string) => request<T>(`${v2}/savedqueries/${encodeURIComponent(id)}`);

/** The PxWeb API 2.0 data address of a table, in one output format (of a past version when given). */
export function dataUrl(id: string, lang: Lang, format: string, version?: number): string {
  return `${v2}/tables/${encodeURIComponent(id)}/data?${q(lang, version)}&outputFormat=${encodeURIComponent(format)}`;
}

/** A released version of a table, as `GET /api/tables/{id}/versions` lists it. */
export interface TableVersion {
  readonly version: number;
  readonly released: string;
  readonly source: string;
  readonly cells: number;
  readonly current: boolean;
  readonly revisionNote: { readonly en: string; readonly ru: string } | null;
  readonly submission: number | null;
}

/** A table as of one version (`GET /api/tables/{id}?version=N|asOf=DATE`). */
export interface TableAt extends TableVersion {
  readonly id: string;
  readonly currentVersion: number;
}

const own = (id: string) => `/api/tables/${encodeURIComponent(id)}`;

/** The table's versions, newest first. */
export const tableVersions = (id: string) => request<TableVersion[]>(`${own(id)}/versions`);

/** Which version `version` or `asOf` names (neither: the current one). */
export function tableAt(id: string, lang: Lang, at: { version?: number; asOf?: string }): Promise<TableAt> {
  const params = new URLSearchParams({ lang });
  if (at.version !== undefined) params.set("version", String(at.version));
  if (at.asOf !== undefined) params.set("asOf", at.asOf);
  return request<TableAt>(`${own(id)}?${params.toString()}`);
}

export interface ComparedSide {
  readonly value: number | null;
  readonly status: string;
  readonly flags: string;
}

/** Two versions compared cell by cell (`GET /api/tables/{id}/compare`). */
export interface Comparison {
  readonly from: number;
  readonly to: number;
  /** When each was released (ISO 8601). */
  readonly fromReleased: string | null;
  readonly toReleased: string | null;
  readonly limit: number;
  readonly dimensions: readonly { readonly code: string; readonly label: string }[];
  readonly counts: {
    readonly changed: number;
    readonly added: number;
    readonly removed: number;
    readonly unchanged: number;
  };
  readonly truncated: boolean;
  readonly cells: readonly {
    readonly kind: "changed" | "added" | "removed";
    readonly codes: readonly string[];
    readonly labels: readonly string[];
    readonly before: ComparedSide | null;
    readonly after: ComparedSide | null;
  }[];
}

/** The comparison's address in one format. */
export const compareUrl = (id: string, lang: Lang, from: number, to: number, format: "json" | "csv" | "xlsx") =>
  `${own(id)}/compare?${new URLSearchParams({ from: String(from), to: String(to), format, lang }).toString()}`;

export const compareVersions = (id: string, lang: Lang, from: number, to: number) =>
  request<Comparison>(compareUrl(id, lang, from, to, "json"));

/** The Atom feed of a table's releases. */
export const feedUrl = (id: string, lang: Lang) => `${own(id)}/feed.atom?lang=${lang}`;

/** How a reporting country produces a standard table, for a range of years (GET /api/metadata/countries). */
export interface CountryMetadata {
  readonly reporter: string;
  readonly reporterName: string;
  readonly table: string;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly source: string;
  readonly definition: string;
  readonly coverage: string;
  readonly breaks: string | null;
  readonly deviations: string | null;
  readonly statelessInCitizenshipTable: boolean;
  readonly updated: string;
}

/** The country metadata of a table, every reporting country, in one language. */
export const countryMetadata = (table: string, lang: Lang) =>
  request<{ entries: CountryMetadata[] }>(`/api/metadata/countries?${q(lang)}&table=${encodeURIComponent(table)}`).then(
    (r) => r.entries,
  );

/** One table as GET /api/v2/tables/{id} describes it (with its paths in the PxWeb API v1 tree). */
export const tableEntry = (id: string, lang: Lang) =>
  request<TableEntry>(`${v2}/tables/${encodeURIComponent(id)}?${q(lang)}`);

/** Where a table's figures come from, as the server reads it from the table (domain `dataOrigin`). */
export type DataOrigin = "un-estimates" | "illustrative" | "national";

/**
 * A table as `GET /api/v2/tables` lists it, with the clearinghouse's mark of illustrative demo figures and the
 * origin of its figures.
 */
export type ListedTable = TableEntry & { readonly illustrative?: boolean; readonly dataOrigin?: DataOrigin };

export const listedTables = (lang: Lang): Promise<ListedTable[]> => api.tables(lang);

/** Why a table matched a search: its title, a variable, or a value of a variable. */
export interface SearchMatch {
  readonly kind: "title" | "variable" | "value";
  readonly text: string;
  readonly variable?: string;
  /** A value's variable and value codes: a link from the result opens the table with that value selected. */
  readonly variableCode?: string;
  readonly valueCode?: string;
}

export interface SearchResult {
  readonly id: string;
  readonly label: string;
  readonly updated: string | null;
  readonly illustrative?: boolean;
  readonly matches: readonly SearchMatch[];
}

export interface SearchResponse {
  readonly language: string;
  readonly query: string;
  /** All the matching tables; `results` holds the first `limit`. */
  readonly total: number;
  readonly results: readonly SearchResult[];
}

/** `GET /api/search`: tables by title, variables and values, in either language. */
export function searchTables(query: string, lang: Lang, signal?: AbortSignal): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, lang, limit: "100" });
  return request<SearchResponse>(`/api/search?${params.toString()}`, signal ? { signal } : undefined);
}

/** A glossary term as `GET /api/glossary` gives it, in one language. */
export interface GlossaryTerm {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  /** The document the definition follows, as a citation. */
  readonly source: string;
  readonly related: readonly { readonly id: string; readonly term: string }[];
  readonly tables: readonly string[];
  readonly indicators: readonly string[];
  readonly category: string;
}

/**
 * `GET /api/glossary`: every term sorted by name, with a query the matching ones best first, with a table the terms
 * that standard table uses.
 */
export function glossaryTerms(
  lang: Lang,
  { query = "", table, signal }: { query?: string; table?: string; signal?: AbortSignal } = {},
): Promise<GlossaryTerm[]> {
  const params = new URLSearchParams({ lang });
  if (query) params.set("q", query);
  if (table) params.set("table", table);
  return request<{ terms: GlossaryTerm[] }>(`/api/glossary?${params.toString()}`, signal ? { signal } : undefined).then(
    (r) => r.terms,
  );
}
