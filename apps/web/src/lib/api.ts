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

async function request<T>(url: string, init?: RequestInit): Promise<T> {
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
  readonly codelist?: string;
}

export interface DefaultSelection {
  readonly selection: readonly SelectionItem[];
  readonly placement?: { readonly heading?: readonly string[]; readonly stub?: readonly string[] };
}

const v2 = "/api/v2";
const q = (lang: Lang) => `lang=${lang}`;

export const api = {
  config: () => request<ApiConfig>(`${v2}/config`),
  tables: (lang: Lang) =>
    request<{ tables: TableEntry[] }>(`${v2}/tables?${q(lang)}&pageSize=1000`).then((r) => r.tables),
  /** The table's metadata as a JSON-stat 2.0 document without values (read with `tableMetaOf`). */
  metadata: (id: string, lang: Lang) => request<unknown>(`${v2}/tables/${encodeURIComponent(id)}/metadata?${q(lang)}`),
  defaultSelection: (id: string, lang: Lang) =>
    request<DefaultSelection>(`${v2}/tables/${encodeURIComponent(id)}/defaultselection?${q(lang)}`),
  codelist: (id: string, lang: Lang) =>
    request<{ id: string; label: string; values: { code: string; label: string; valueMap?: string[] }[] }>(
      `${v2}/codelists/${encodeURIComponent(id)}?${q(lang)}`,
    ),
  /** The selected cells as JSON-stat 2.0. */
  data: (id: string, lang: Lang, selection: readonly SelectionItem[], signal?: AbortSignal) =>
    request<unknown>(dataUrl(id, lang, "json-stat2"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ selection }),
      ...(signal ? { signal } : {}),
    }),
};

/** The PxWeb API 2.0 data address of a table, in one output format. */
export function dataUrl(id: string, lang: Lang, format: string): string {
  return `${v2}/tables/${encodeURIComponent(id)}/data?${q(lang)}&outputFormat=${encodeURIComponent(format)}`;
}
