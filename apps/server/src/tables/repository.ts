/**
 * The table store: the tree of databases, folders and tables, and the immutable versions of each table. Every write
 * is one transaction, so an import either lands whole or not at all.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type Cells, copyFromTile, SLAB_CELLS, TileCutter, tileCount, tileShape, wholeTile } from "../storage/tiles.ts";
import { inTransaction } from "../storage/transactions.ts";

export type Texts = Record<string, string>;

/** A node of the table tree (see catalog.ts). */
export interface TreeNode {
  readonly id: number;
  readonly kind: "database" | "folder" | "table";
  readonly code: string;
  readonly label: Texts;
  /** For tables: when the current version was published. */
  readonly updated?: Date;
}

export interface PathSegment {
  readonly code: string;
  readonly label: Texts;
  /** Position among its siblings (default 0; equal positions sort by code). */
  readonly sort?: number;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Finds or creates the database and folders of `path` (the first segment is the database); returns the last id. */
export async function ensurePath(db: Db, path: readonly PathSegment[]): Promise<number | null> {
  let parent: number | null = null;
  for (const [depth, segment] of path.entries()) {
    const existing: { id: number } | undefined = await db
      .selectFrom("tree_node")
      .select("id")
      .where((eb) => (parent === null ? eb("parent_id", "is", null) : eb("parent_id", "=", parent)))
      .where("code", "=", segment.code)
      .executeTakeFirst();
    if (existing) {
      parent = existing.id;
      continue;
    }
    const inserted: { id: number } = await db
      .insertInto("tree_node")
      .values({
        parent_id: parent,
        kind: depth === 0 ? "database" : "folder",
        code: segment.code,
        label: JSON.stringify(segment.label),
        sort: segment.sort ?? 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    parent = inserted.id;
  }
  return parent;
}

export interface SaveResult {
  readonly tableId: string;
  readonly version: number;
}

/**
 * Saves a dataset as a new version of table `tableId` under the folder `path`, in one transaction (the caller's,
 * when `db` is one).
 */
export async function saveTableVersion(
  db: Db,
  input: {
    tableId: string;
    path: readonly PathSegment[];
    dataset: Dataset;
    sourceName: string;
    now?: Date;
    /** Position of the table among its siblings (default 0). */
    sort?: number;
    /** Why this version differs from the previous one (a release of revised figures); none for imports. */
    revisionNote?: Bilingual;
    /** The submission whose release this is. */
    submissionId?: number;
    /** The account that released it. */
    releasedBy?: number;
  },
): Promise<SaveResult> {
  return inTransaction(db, async (tx) => {
    const folder = await ensurePath(tx, input.path);
    const current = await tx
      .selectFrom("data_table")
      .select(["current_version", "node_id"])
      .where("id", "=", input.tableId)
      .executeTakeFirst();
    const version = (current?.current_version ?? 0) + 1;
    const updated = input.now ?? new Date();
    const title = JSON.stringify(input.dataset.title);
    let nodeId = current?.node_id;
    if (nodeId === undefined) {
      const node = await tx
        .insertInto("tree_node")
        .values({ parent_id: folder, kind: "table", code: input.tableId, label: title, sort: input.sort ?? 0 })
        .returning("id")
        .executeTakeFirstOrThrow();
      nodeId = node.id;
      await tx
        .insertInto("data_table")
        .values({ id: input.tableId, node_id: nodeId, current_version: version, title, updated })
        .execute();
    } else {
      await tx.updateTable("tree_node").set({ parent_id: folder, label: title }).where("id", "=", nodeId).execute();
      await tx
        .updateTable("data_table")
        .set({ current_version: version, title, updated })
        .where("id", "=", input.tableId)
        .execute();
    }
    const { values, status, flags, ...metadata } = input.dataset;
    const sizes = metadata.dimensions.map((d) => d.categories.length);
    const shape = tileShape(sizes);
    // A table without cells (a dimension without categories) has no tiles.
    const tiled = values.length > 0;
    const empty = new Uint8Array(0);
    await tx
      .insertInto("table_version")
      .values({
        table_id: input.tableId,
        version,
        created_at: updated,
        source_name: input.sourceName,
        metadata: JSON.stringify(metadata),
        cell_count: values.length,
        values: empty,
        status: empty,
        flags: empty,
        parts: tiled ? tileCount(sizes, shape) : 0,
        tile_shape: tiled ? JSON.stringify(shape) : null,
        revision_note: input.revisionNote
          ? JSON.stringify({ en: input.revisionNote.en, ru: input.revisionNote.ru })
          : null,
        submission_id: input.submissionId ?? null,
        released_by: input.releasedBy ?? null,
      })
      .execute();
    if (tiled)
      await writeTiles(tx, input.tableId, version, sizes, shape, async (cutter) => {
        // A slab at a time, the cutter's own size: the arrays are views, never copied whole.
        for (let from = 0; from < values.length; from += SLAB_CELLS) {
          const to = Math.min(values.length, from + SLAB_CELLS);
          await cutter.push({
            values: values.subarray(from, to),
            status: status.subarray(from, to),
            flags: flags.subarray(from, to),
          });
        }
      });
    return { tableId: input.tableId, version };
  });
}

/** A table's current version and place in the tree (see catalog.ts). */
export interface TableInfo {
  readonly id: string;
  readonly version: number;
  readonly title: Texts;
  readonly updated: Date;
  /** Codes of the databases and folders above the table. */
  readonly path: readonly string[];
  /** For a derived table (derived.ts): the versions of the stored tables its current version is computed from. */
  readonly inputs?: readonly { readonly id: string; readonly version: number }[];
}

/** Versions of a table, newest first. */
export async function listVersions(db: Db, tableId: string) {
  return db
    .selectFrom("table_version")
    .select(["version", "created_at", "source_name", "cell_count", "revision_note", "submission_id", "released_by"])
    .where("table_id", "=", tableId)
    .orderBy("version", "desc")
    .execute();
}

/**
 * Cells per row of table_version_part in versions stored before tiles (0009): runs of cells in order. Tiles are
 * written a statement of about this many cells at a time.
 */
export const PART_CELLS = 262_144;

/**
 * Cuts a version's cells, fed in order by `feed`, into tiles and writes them, several to a statement (about
 * PART_CELLS cells: each statement carries a few MB through the driver, never the whole table).
 */
async function writeTiles(
  db: Db,
  tableId: string,
  version: number,
  sizes: readonly number[],
  shape: readonly number[],
  feed: (cutter: TileCutter) => Promise<void>,
): Promise<void> {
  let batch: { part: number; tile: Cells }[] = [];
  let batchCells = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db
      .insertInto("table_version_part")
      .values(
        batch.map(({ part, tile }) => ({
          table_id: tableId,
          version,
          part,
          values: new Uint8Array(tile.values.buffer, tile.values.byteOffset, tile.values.byteLength),
          status: tile.status,
          flags: tile.flags,
        })),
      )
      .execute();
    batch = [];
    batchCells = 0;
  };
  const cutter = new TileCutter(sizes, shape, async (part, tile) => {
    batch.push({ part, tile });
    batchCells += tile.values.length;
    if (batchCells >= PART_CELLS) await flush();
  });
  await feed(cutter);
  await flush();
  if (!cutter.done) throw new Error(`table ${tableId} version ${version}: fewer cells than its dimensions make`);
}

/** What a stored version is, without its cells: metadata, cell count and how the cells are stored. */
export interface StoredVersion {
  readonly metadata: Omit<Dataset, "values" | "status" | "flags">;
  readonly cellCount: number;
  /** Block lengths of its tiles; undefined for versions stored before tiles (read whole only). */
  readonly tileShape: readonly number[] | undefined;
}

export async function storedVersion(db: Db, tableId: string, version: number): Promise<StoredVersion | undefined> {
  const row = await db
    .selectFrom("table_version")
    .select(["metadata", "cell_count", "tile_shape"])
    .where("table_id", "=", tableId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    metadata: row.metadata as StoredVersion["metadata"],
    cellCount: row.cell_count,
    tileShape: row.tile_shape ?? undefined,
  };
}

/** Tiles read per statement: a few MB through the driver. */
const TILES_PER_READ = 8;

/**
 * Reads tiles of a tiled version, TILES_PER_READ to a statement, handing each to `take` as it arrives (copied out of
 * the driver's buffers, which may start at any byte, into aligned arrays).
 */
export async function readTiles(
  db: Db,
  tableId: string,
  version: number,
  parts: readonly number[],
  take: (part: number, tile: Cells) => void,
): Promise<void> {
  for (let from = 0; from < parts.length; from += TILES_PER_READ) {
    const wanted = parts.slice(from, from + TILES_PER_READ);
    const rows = await db
      .selectFrom("table_version_part")
      .select(["part", "values", "status", "flags"])
      .where("table_id", "=", tableId)
      .where("version", "=", version)
      .where("part", "in", wanted)
      .execute();
    if (rows.length !== wanted.length) {
      throw new Error(`table ${tableId} version ${version}: tiles missing from the store (of ${wanted.join(", ")})`);
    }
    for (const row of rows) {
      take(row.part, {
        values: new Float64Array(new Uint8Array(row.values).buffer),
        status: new Uint8Array(row.status),
        flags: new Uint8Array(row.flags),
      });
    }
  }
}

/** Loads one version of a table as a Dataset; undefined if there is no such version. */
export async function loadDataset(db: Db, tableId: string, version: number): Promise<Dataset | undefined> {
  const row = await db
    .selectFrom("table_version")
    .select(["metadata", "cell_count", "parts", "tile_shape", "values", "status", "flags"])
    .where("table_id", "=", tableId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!row) return undefined;
  const metadata = row.metadata as Omit<Dataset, "values" | "status" | "flags">;
  if (row.parts === 0) {
    // Stored before parts. Copies give the typed arrays their own aligned buffers (driver buffers may start anywhere).
    const values = new Float64Array(new Uint8Array(row.values).buffer);
    return { ...metadata, values, status: new Uint8Array(row.status), flags: new Uint8Array(row.flags) };
  }
  // The cells are allocated once, and each part, read on its own, is copied into its place.
  const whole: Cells = {
    values: new Float64Array(row.cell_count),
    status: new Uint8Array(row.cell_count),
    flags: new Uint8Array(row.cell_count),
  };
  const shape = row.tile_shape;
  if (shape) {
    const sizes = metadata.dimensions.map((d) => d.categories.length);
    const parts = Array.from({ length: row.parts }, (_, k) => k);
    await readTiles(db, tableId, version, parts, (part, tile) =>
      copyFromTile(tile, wholeTile(sizes, shape, part), sizes, whole),
    );
    return { ...metadata, ...whole };
  }
  const valueBytes = new Uint8Array(whole.values.buffer);
  for (let part = 0; part < row.parts; part++) {
    const cells = await db
      .selectFrom("table_version_part")
      .select(["values", "status", "flags"])
      .where("table_id", "=", tableId)
      .where("version", "=", version)
      .where("part", "=", part)
      .executeTakeFirstOrThrow();
    const from = part * PART_CELLS;
    valueBytes.set(cells.values, from * 8);
    whole.status.set(cells.status, from);
    whole.flags.set(cells.flags, from);
  }
  return { ...metadata, ...whole };
}
