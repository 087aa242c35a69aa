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
import { listVersions, loadDataset, type TableInfo } from "./repository.ts";
import { chooseVersion, type VersionChoice, type VersionRefusal } from "./versions.ts";

export interface PublishedTable {
  /** For a past version: its number and release time in `version` and `updated`. */
  readonly info: TableInfo;
  readonly dataset: Dataset;
}

/** A released version as the history lists it (repository.ts listVersions). */
export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

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
  private readonly versionLists = new Map<string, { readonly current: number; readonly rows: readonly VersionRow[] }>();
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

  /**
   * A table's versions, newest first, as of the catalog's current version: read again only when a new version is
   * out, so a request for a past version costs no query, and a version the catalog does not show yet stays unseen.
   */
  async versions(info: TableInfo): Promise<readonly VersionRow[]> {
    const known = this.versionLists.get(info.id);
    if (known?.current === info.version) return known.rows;
    const rows = (await listVersions(this.db, info.id)).filter((r) => r.version <= info.version);
    this.versionLists.set(info.id, { current: info.version, rows });
    return rows;
  }

  /**
   * The version of a table a request chose (the current one without a choice): undefined when there is no such
   * table, a refusal when it has no such version.
   */
  async at(tableId: string, choice: VersionChoice | undefined): Promise<PublishedTable | VersionRefusal | undefined> {
    const info = await this.catalog.table(tableId);
    if (!info) return undefined;
    if (!choice) return this.current(tableId);
    const chosen = chooseVersion(
      tableId,
      (await this.versions(info)).map((r) => ({ version: r.version, released: new Date(r.created_at) })),
      choice,
    );
    if (!chosen.ok) return chosen.refusal;
    const dataset = await this.version(tableId, chosen.value.version);
    if (!dataset) return undefined;
    return { info: { ...info, version: chosen.value.version, updated: chosen.value.released }, dataset };
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
