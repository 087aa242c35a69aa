/**
 * Published tables as decoded datasets, cached in memory by table and version. The cache is only an
 * optimisation: versions are immutable, so a cached cube is never stale, and losing it costs one database read.
 */

import type { Dataset } from "@clearinghouse/cube";
import { isTableId } from "@clearinghouse/domain";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { Catalog } from "./catalog.ts";
import { listCountryMetadata } from "./country-metadata.ts";
import { withCountryNotes } from "./country-notes.ts";
import { loadDataset, type TableInfo } from "./repository.ts";

export interface PublishedTable {
  readonly info: TableInfo;
  readonly dataset: Dataset;
}

export class CubeService {
  private readonly cache = new Map<string, Dataset>();
  private cells = 0;
  /** The tree and current versions, shared by every request. */
  readonly catalog: Catalog;

  constructor(
    readonly db: Kysely<Database>,
    /** Cells kept in memory at most (8–10 bytes each); least recently used cubes go first. */
    private readonly maxCachedCells = 50_000_000,
    catalogMaxAgeMs = 2000,
  ) {
    this.catalog = new Catalog(db, catalogMaxAgeMs);
  }

  /** The current version of a table, or undefined when there is no such table. */
  async current(tableId: string): Promise<PublishedTable | undefined> {
    const info = await this.catalog.table(tableId);
    if (!info) return undefined;
    const dataset = await this.version(tableId, info.version);
    return dataset ? { info, dataset } : undefined;
  }

  async version(tableId: string, version: number): Promise<Dataset | undefined> {
    const key = `${tableId}@${version}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const stored = await loadDataset(this.db, tableId, version);
    if (!stored) return undefined;
    // Country metadata as read now; a later edit shows once this cube leaves the cache (or a new version is out).
    const dataset = isTableId(tableId)
      ? withCountryNotes(stored, await listCountryMetadata(this.db, { tableId }))
      : stored;
    this.cache.set(key, dataset);
    this.cells += dataset.values.length;
    for (const [oldKey, old] of this.cache) {
      if (this.cells <= this.maxCachedCells || oldKey === key) break;
      this.cache.delete(oldKey);
      this.cells -= old.values.length;
    }
    return dataset;
  }
}
