/**
 * The input of every comparability view: the current version of each standard table that has one. A view reads
 * only these cubes, so its answer is a function of their version numbers (`versionKey`), which is what the
 * server caches it by: a release makes a new version and so a new key, and nothing else has to be invalidated.
 */

import type { Dataset } from "@clearinghouse/cube";
import type { TableId } from "../tables.ts";

export interface ReleasedTable {
  readonly version: number;
  readonly cube: Dataset;
  /** The version before, when the caller has it: the consistency report's change against the previous version. */
  readonly previous?: Dataset;
}

/** The standard tables that have a version; a table without one is simply absent. */
export type ReleasedTables = ReadonlyMap<TableId, ReleasedTable>;

/** "T1_1@3,T3@1": the versions a view was computed from, in table order, for a cache key or an ETag. */
export function versionKey(tables: ReleasedTables, ids: readonly TableId[]): string {
  return ids
    .filter((id) => tables.has(id))
    .map((id) => `${id}@${tables.get(id)?.version}`)
    .join(",");
}

/**
 * The table page showing a selection: `/{lang}/tables/{id}?v.{dimension}={codes}` as the web interface reads its
 * URL (apps/web/src/table/state.ts: codes percent-encoded and comma-separated).
 */
export function tablePagePath(
  lang: string,
  table: TableId,
  selection: Readonly<Record<string, readonly string[]>> = {},
): string {
  const query = Object.entries(selection)
    .map(([code, codes]) => `v.${encodeURIComponent(code)}=${codes.map(encodeURIComponent).join(",")}`)
    .join("&");
  return `/${lang}/tables/${encodeURIComponent(table)}${query ? `?${query}` : ""}`;
}
