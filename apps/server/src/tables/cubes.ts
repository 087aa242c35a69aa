/**
 * Published tables as decoded datasets, cached in memory by table and version, within a budget of bytes. The cache is
 * only an optimisation: versions are immutable, so a cached cube is never stale, and losing it costs one database
 * read. A version is read by one load at a time, however many requests want it.
 *
 * A selection from a large version reads only the tiles it touches (storage/tiles.ts), and the cache keeps those
 * tiles, within the same budget, instead of the whole cube: a cold answer costs what the answer needs.
 */

import {
  type Dataset,
  type DimensionQuery,
  footprintCube,
  type SelectOptions,
  type SelectResult,
  select,
  selectionFootprint,
} from "@clearinghouse/cube";
import { isTableId } from "@clearinghouse/domain";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type Cells, copyFromTile, touchedTiles } from "../storage/tiles.ts";
import { Catalog } from "./catalog.ts";
import { listCountryMetadata } from "./country-metadata.ts";
import { withCountryNotes } from "./country-notes.ts";
import { type DerivedTable, inputKey } from "./derived.ts";
import {
  listVersions,
  loadDataset,
  readTiles,
  type StoredVersion,
  storedVersion,
  type TableInfo,
} from "./repository.ts";
import { chooseVersion, isRefusal, type VersionChoice, type VersionRefusal } from "./versions.ts";

export interface PublishedTable {
  /** For a past version: its number and release time in `version` and `updated`. */
  readonly info: TableInfo;
  readonly dataset: Dataset;
}

/** Everything of a dataset but its cells. */
export type DatasetMetadata = Omit<Dataset, "values" | "status" | "flags">;

/** A version as a request sees it before it selects: its place and metadata, no cells read. */
export interface DescribedTable {
  readonly info: TableInfo;
  readonly metadata: DatasetMetadata;
}

/**
 * Versions of at most this many cells are read whole and cached whole (a few MB, one read); larger ones a tile at a
 * time, as selections need them.
 */
export const WHOLE_READ_CELLS = 262_144;

type CacheEntry =
  | { readonly kind: "cube"; readonly dataset: Dataset; readonly bytes: number }
  | { readonly kind: "tile"; readonly cells: Cells; readonly bytes: number }
  | { readonly kind: "stored"; readonly stored: StoredVersion; readonly bytes: number };

const cellBytes = (cells: Cells) => cells.values.byteLength + cells.status.byteLength + cells.flags.byteLength;

/** A released version as the history lists it (repository.ts listVersions). */
export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

/**
 * Memory a decoded cube holds, roughly: its typed arrays plus its metadata (labels of every category, notes) as
 * UTF-16 text, which is what the cache is bounded by.
 */
export function datasetBytes(dataset: Dataset): number {
  const { values, status, flags, ...metadata } = dataset;
  return cellBytes({ values, status, flags }) + 2 * JSON.stringify(metadata).length;
}

export class CubeService {
  /** Cubes, tiles of large versions and their descriptions, least recently used first. */
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * Loads in flight, one per table version: the requests that arrive meanwhile wait for it. Without this, N
   * concurrent first requests for a table read its N copies from the database at once (a herd of 200 took a
   * minute and 1.4 GB on PostgreSQL).
   */
  private readonly loading = new Map<string, Promise<Dataset | undefined>>();
  /** Tiles and descriptions being read, one read each however many selections want them. */
  private readonly reading = new Map<string, Promise<unknown>>();
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
    const hit = this.hit(key);
    if (hit?.kind === "cube") return hit.dataset;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = load()
        .then((dataset) =>
          dataset ? this.keep(key, { kind: "cube", dataset, bytes: datasetBytes(dataset) }) : undefined,
        )
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
    if (!choice) return this.current(tableId);
    const info = await this.chosen(tableId, choice);
    if (!info || isRefusal(info)) return info;
    const dataset = await this.version(tableId, info.version);
    return dataset ? { info, dataset } : undefined;
  }

  /** The table's version a choice names (the current one without a choice), as the catalog describes it. */
  private async chosen(
    tableId: string,
    choice: VersionChoice | undefined,
  ): Promise<TableInfo | VersionRefusal | undefined> {
    const info = await this.catalog.table(tableId);
    if (!info || !choice) return info;
    const chosen = chooseVersion(
      tableId,
      (await this.versions(info)).map((r) => ({ version: r.version, released: new Date(r.created_at) })),
      choice,
    );
    if (!chosen.ok) return chosen.refusal;
    return { ...info, version: chosen.value.version, updated: chosen.value.released };
  }

  /**
   * The version a request chose, with its metadata but no cells read (a large version's cells come with `select`):
   * undefined when there is no such table, a refusal when it has no such version.
   */
  async describedAt(
    tableId: string,
    choice: VersionChoice | undefined,
  ): Promise<DescribedTable | VersionRefusal | undefined> {
    const info = await this.chosen(tableId, choice);
    if (!info || isRefusal(info)) return info;
    const whole = this.hit(`${tableId}@${info.version}`);
    if (whole?.kind === "cube") return { info, metadata: whole.dataset };
    if (info.inputs || this.derived.has(tableId)) {
      const dataset = await this.version(tableId, info.version);
      return dataset ? { info, metadata: dataset } : undefined;
    }
    const stored = await this.stored(tableId, info.version);
    if (!stored) return undefined;
    if (!stored.tileShape || stored.cellCount <= WHOLE_READ_CELLS) {
      const dataset = await this.version(tableId, info.version);
      return dataset ? { info, metadata: dataset } : undefined;
    }
    return { info, metadata: stored.metadata };
  }

  /**
   * A selection from a version, as `select` makes it from the whole cube: from the cached cube when there is one,
   * else, for a large version, from only the tiles the selection touches. Undefined when the version does not
   * exist.
   */
  async select(
    table: Pick<DescribedTable, "info">,
    query: readonly DimensionQuery[],
    options: SelectOptions = {},
  ): Promise<SelectResult | undefined> {
    const { id, version } = table.info;
    const whole = this.hit(`${id}@${version}`);
    if (whole?.kind === "cube") return select(whole.dataset, query, options);
    const stored = this.derived.has(id) ? undefined : await this.stored(id, version);
    if (!stored?.tileShape || stored.cellCount <= WHOLE_READ_CELLS) {
      const dataset = await this.version(id, version);
      return dataset ? select(dataset, query, options) : undefined;
    }
    const planned = selectionFootprint(stored.metadata, query, options);
    if (!planned.ok) return planned;
    const cells = await this.footprintCells(id, version, stored, planned.footprint);
    return select(footprintCube(stored.metadata, planned.footprint, cells), query, { ...options, limits: false });
  }

  /** A version's description (metadata with the country notes a loaded cube has, cell count, tile shape). */
  private async stored(tableId: string, version: number): Promise<StoredVersion | undefined> {
    const key = `${tableId}@${version}#stored`;
    const hit = this.hit(key);
    if (hit?.kind === "stored") return hit.stored;
    return this.readOnce(key, async () => {
      const stored = await storedVersion(this.db, tableId, version);
      if (!stored) return undefined;
      const metadata = isTableId(tableId) ? await this.withNotes(tableId, stored.metadata) : stored.metadata;
      const described = { ...stored, metadata };
      this.keep(key, { kind: "stored", stored: described, bytes: 2 * JSON.stringify(metadata).length });
      return described;
    });
  }

  /** Country metadata as read now, as notes on the reporters (as load gives a whole cube). */
  private async withNotes(tableId: string, metadata: DatasetMetadata): Promise<DatasetMetadata> {
    const none = new Uint8Array(0);
    const noted = withCountryNotes(
      { ...metadata, values: new Float64Array(0), status: none, flags: none },
      await listCountryMetadata(this.db, { tableId }),
    );
    const { values: _values, status: _status, flags: _flags, ...rest } = noted;
    return rest;
  }

  /** The cells of a footprint, from the tiles it touches: cached ones, the others read (once) and kept. */
  private async footprintCells(
    tableId: string,
    version: number,
    stored: StoredVersion,
    footprint: readonly (readonly number[])[],
  ): Promise<Cells> {
    const sizes = stored.metadata.dimensions.map((d) => d.categories.length);
    const shape = stored.tileShape as readonly number[];
    const touched = touchedTiles(sizes, shape, footprint);
    const key = (part: number) => `${tableId}@${version}#${part}`;
    const tiles = new Map<number, Cells>();
    const missing: number[] = [];
    const waits: Promise<void>[] = [];
    for (const t of touched) {
      const hit = this.hit(key(t.index));
      if (hit?.kind === "tile") tiles.set(t.index, hit.cells);
      else if (this.reading.has(key(t.index)))
        waits.push(
          (this.reading.get(key(t.index)) as Promise<Cells>).then((cells) => {
            tiles.set(t.index, cells);
          }),
        );
      else missing.push(t.index);
    }
    if (missing.length) {
      // One read for the missing tiles; a selection arriving meanwhile waits for the ones it shares.
      const read = new Map<number, Cells>();
      const batch = readTiles(this.db, tableId, version, missing, (part, cells) => {
        read.set(part, cells);
        this.keep(key(part), { kind: "tile", cells, bytes: cellBytes(cells) });
      });
      for (const part of missing) {
        const one = batch.then(() => read.get(part) as Cells).finally(() => this.reading.delete(key(part)));
        this.reading.set(key(part), one);
        waits.push(
          one.then((cells) => {
            tiles.set(part, cells);
          }),
        );
      }
    }
    await Promise.all(waits);
    const lengths = footprint.map((f) => f.length);
    const n = lengths.reduce((p, k) => p * k, 1);
    const out: Cells = { values: new Float64Array(n), status: new Uint8Array(n), flags: new Uint8Array(n) };
    for (const t of touched) copyFromTile(tiles.get(t.index) as Cells, t, lengths, out);
    return out;
  }

  /** Runs `read` once per key however many callers want it at the same time. */
  private readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.reading.get(key);
    if (running) return running as Promise<T>;
    const started = read().finally(() => this.reading.delete(key));
    this.reading.set(key, started);
    return started;
  }

  /** The cached entry under `key`, now the most recently used. */
  private hit(key: string): CacheEntry | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** What the cache holds: whole cubes, tiles of large versions, and the bytes of everything it keeps. */
  cached(): { readonly cubes: number; readonly tiles: number; readonly bytes: number } {
    let cubes = 0;
    let tiles = 0;
    for (const entry of this.cache.values()) {
      if (entry.kind === "cube") cubes++;
      else if (entry.kind === "tile") tiles++;
    }
    return { cubes, tiles, bytes: this.bytes };
  }

  private async load(tableId: string, version: number): Promise<Dataset | undefined> {
    const stored = await loadDataset(this.db, tableId, version);
    if (!stored) return undefined;
    // Country metadata as read now; a later edit shows once this cube leaves the cache (or a new version is out).
    return isTableId(tableId) ? withCountryNotes(stored, await listCountryMetadata(this.db, { tableId })) : stored;
  }

  /** Keeps a cube, tile or description in the cache, within its budget; returns the cube for cachedOr. */
  private keep(key: string, entry: CacheEntry): Dataset | undefined {
    const dataset = entry.kind === "cube" ? entry.dataset : undefined;
    // Anything larger than the whole cache is served to the requests waiting for it, and not kept.
    if (entry.bytes > this.maxCachedBytes || this.cache.has(key)) return dataset;
    this.cache.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldKey, old] of this.cache) {
      if (this.bytes <= this.maxCachedBytes) break;
      this.cache.delete(oldKey);
      this.bytes -= old.bytes;
    }
    return dataset;
  }
}
