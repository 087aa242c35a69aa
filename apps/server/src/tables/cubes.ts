/**
 * Published tables as decoded datasets, cached in memory by table and version, within a budget of bytes. The cache is
 * only an optimisation: versions are immutable, so a cached cube is never stale, and losing it costs one database
 * read. A version is read by one load at a time, however many requests want it.
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

/**
 * Memory a decoded cube holds, roughly: its typed arrays plus its metadata (labels of every category, notes) as
 * UTF-16 text, which is what the cache is bounded by.
 */
export function datasetBytes(dataset: Dataset): number {
  const { values, status, flags, ...metadata } = dataset;
  return values.byteLength + status.byteLength + flags.byteLength + 2 * JSON.stringify(metadata).length;
}

export class CubeService {
  private readonly cache = new Map<string, { readonly dataset: Dataset; readonly bytes: number }>();
  /**
   * Loads in flight, one per table version: the requests that arrive meanwhile wait for it. Without this, N
   * concurrent first requests for a table read its N copies from the database at once (a herd of 200 took a
   * minute and 1.4 GB on PostgreSQL).
   */
  private readonly loading = new Map<string, Promise<Dataset | undefined>>();
  private bytes = 0;
  /** The tree and current versions, shared by every request. */
  readonly catalog: Catalog;

  constructor(
    readonly db: Kysely<Database>,
    /** Bytes of decoded cubes kept in memory at most (CUBE_CACHE_MB); least recently used cubes go first. */
    private readonly maxCachedBytes = 256 * 1024 * 1024,
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
      return hit.dataset;
    }
    let load = this.loading.get(key);
    if (!load) {
      load = this.load(key, tableId, version).finally(() => this.loading.delete(key));
      this.loading.set(key, load);
    }
    return load;
  }

  /** Cached cubes: how many and the bytes they hold. */
  cached(): { readonly cubes: number; readonly bytes: number } {
    return { cubes: this.cache.size, bytes: this.bytes };
  }

  private async load(key: string, tableId: string, version: number): Promise<Dataset | undefined> {
    const stored = await loadDataset(this.db, tableId, version);
    if (!stored) return undefined;
    // Country metadata as read now; a later edit shows once this cube leaves the cache (or a new version is out).
    const dataset = isTableId(tableId)
      ? withCountryNotes(stored, await listCountryMetadata(this.db, { tableId }))
      : stored;
    const bytes = datasetBytes(dataset);
    // A cube larger than the whole cache is served to the requests waiting for it, and not kept.
    if (bytes > this.maxCachedBytes) return dataset;
    this.cache.set(key, { dataset, bytes });
    this.bytes += bytes;
    for (const [oldKey, old] of this.cache) {
      if (this.bytes <= this.maxCachedBytes) break;
      this.cache.delete(oldKey);
      this.bytes -= old.bytes;
    }
    return dataset;
  }
}
