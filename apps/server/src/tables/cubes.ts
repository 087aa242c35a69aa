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
import { type DerivedTable, inputKey } from "./derived.ts";
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
    /** Tables computed from the stored ones (derived.ts): listed and served like them. */
    derived: readonly DerivedTable[] = [],
  ) {
    this.catalog = new Catalog(db, catalogMaxAgeMs, derived);
    this.derived = new Map(derived.map((d) => [d.id, d]));
  }

  private readonly derived: ReadonlyMap<string, DerivedTable>;

  /** Whether a table id is a derived table's (whose versions are not stored). */
  isDerived(tableId: string): boolean {
    return this.derived.has(tableId);
  }

  /** The current version of a table, or undefined when there is no such table. */
  async current(tableId: string): Promise<PublishedTable | undefined> {
    const info = await this.catalog.table(tableId);
    if (!info) return undefined;
    const dataset = info.inputs
      ? await this.derivedVersion(tableId, info.inputs)
      : await this.version(tableId, info.version);
    return dataset ? { info, dataset } : undefined;
  }

  /** A derived table computed from these versions of its inputs, cached like a stored version. */
  private async derivedVersion(
    tableId: string,
    inputs: readonly { readonly id: string; readonly version: number }[],
  ): Promise<Dataset | undefined> {
    const table = this.derived.get(tableId);
    if (!table) return undefined;
    const key = inputKey(inputs);
    return this.cachedOr(`${tableId}@${key}`, async () => {
      const datasets = new Map<string, Dataset>();
      for (const input of inputs) {
        const dataset = await this.version(input.id, input.version);
        if (dataset) datasets.set(input.id, dataset);
      }
      return table.build(datasets, key);
    });
  }

  async version(tableId: string, version: number): Promise<Dataset | undefined> {
    if (this.derived.has(tableId)) {
      // Only the current version of a derived table exists.
      const info = await this.catalog.table(tableId);
      return info?.inputs && info.version === version ? this.derivedVersion(tableId, info.inputs) : undefined;
    }
    return this.cachedOr(`${tableId}@${version}`, () => this.load(tableId, version));
  }

  /** The cube under `key`, from the cache or from `load` (one load at a time per key). */
  private async cachedOr(key: string, load: () => Promise<Dataset | undefined>): Promise<Dataset | undefined> {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.dataset;
    }
    let loading = this.loading.get(key);
    if (!loading) {
      loading = load()
        .then((dataset) => (dataset ? this.keep(key, dataset) : undefined))
        .finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /**
   * The metadata (everything but the cells) of these table versions, read in one query for stored tables and from
   * the computed cube for derived ones; a version that does not exist is left out.
   */
  async metadata(
    refs: readonly { readonly id: string; readonly version: number }[],
  ): Promise<Map<string, Omit<Dataset, "values" | "status" | "flags">>> {
    const out = new Map<string, Omit<Dataset, "values" | "status" | "flags">>();
    const stored = refs.filter((r) => !this.derived.has(r.id));
    if (stored.length) {
      const rows = await this.db
        .selectFrom("table_version")
        .select(["table_id", "metadata"])
        .where((eb) => eb.or(stored.map((r) => eb.and([eb("table_id", "=", r.id), eb("version", "=", r.version)]))))
        .execute();
      for (const row of rows) out.set(row.table_id, row.metadata as Omit<Dataset, "values" | "status" | "flags">);
    }
    for (const r of refs) {
      if (!this.derived.has(r.id)) continue;
      const dataset = await this.version(r.id, r.version);
      if (!dataset) continue;
      const { values: _values, status: _status, flags: _flags, ...meta } = dataset;
      out.set(r.id, meta);
    }
    return out;
  }

  /**
   * A table's versions, newest first, as of the catalog's current version: read again only when a new version is
   * out, so a request for a past version costs no query, and a version the catalog does not show yet stays unseen.
   */
  async versions(info: TableInfo): Promise<readonly VersionRow[]> {
    const known = this.versionLists.get(info.id);
    if (known?.current === info.version) return known.rows;
    // A derived table has only its current version (computed, never stored): its history is that one.
    if (this.derived.has(info.id)) {
      const rows: VersionRow[] = [
        {
          version: info.version,
          created_at: info.updated,
          source_name: info.id,
          cell_count: 0,
          revision_note: null,
          submission_id: null,
          released_by: null,
        },
      ];
      this.versionLists.set(info.id, { current: info.version, rows });
      return rows;
    }
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

  private async load(tableId: string, version: number): Promise<Dataset | undefined> {
    const stored = await loadDataset(this.db, tableId, version);
    if (!stored) return undefined;
    // Country metadata as read now; a later edit shows once this cube leaves the cache (or a new version is out).
    return isTableId(tableId) ? withCountryNotes(stored, await listCountryMetadata(this.db, { tableId })) : stored;
  }

  /** Keeps a cube in the cache, within its budget. */
  private keep(key: string, dataset: Dataset): Dataset {
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
