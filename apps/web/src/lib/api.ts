/**
 * The server's APIs as the app uses them. The app speaks the same PxWeb API 2.0 that scripts use (tables, metadata,
 * default selection, data), so "use this in code" shows exactly the calls behind the page; the glossary and the
 * search have the clearinghouse's own endpoints.
 */
import type { Lang } from "./i18n.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
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

const v2 = "/api/v2";
/** The language, and the version when a past one is read (?version=N, docs/decisions/0009-versions.md). */
const q = (lang: Lang, version?: number) => `lang=${lang}${version === undefined ? "" : `&version=${version}`}`;

export const api = {
  config: () => request<ApiConfig>(`${v2}/config`),
  tables: (lang: Lang) =>
    request<{ tables: TableEntry[] }>(`${v2}/tables?${q(lang)}&pageSize=1000`).then((r) => r.tables),
  /** The table's metadata as a JSON-stat 2.0 document without values (read with `tableMetaOf`). */
  metadata: (id: string, lang: Lang, version?: number) =>
    request<unknown>(`${v2}/tables/${encodeURIComponent(id)}/metadata?${q(lang, version)}`),
  defaultSelection: (id: string, lang: Lang, version?: number) =>
    request<DefaultSelection>(`${v2}/tables/${encodeURIComponent(id)}/defaultselection?${q(lang, version)}`),
  codelist: (id: string, lang: Lang) =>
    request<{ id: string; label: string; values: { code: string; label: string; valueMap?: string[] }[] }>(
      `${v2}/codelists/${encodeURIComponent(id)}?${q(lang)}`,
    ),
  /** The selected cells as JSON-stat 2.0. */
  data: (id: string, lang: Lang, selection: readonly SelectionItem[], signal?: AbortSignal, version?: number) =>
    request<unknown>(dataUrl(id, lang, "json-stat2", version), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ selection }),
      ...(signal ? { signal } : {}),
    }),
};

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
