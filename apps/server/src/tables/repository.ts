/**
 * The table store: the tree of databases, folders and tables, and the immutable versions of each table. Every write
 * is one transaction, so an import either lands whole or not at all.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
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
    const parts = Math.ceil(values.length / PART_CELLS);
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
        parts,
        revision_note: input.revisionNote
          ? JSON.stringify({ en: input.revisionNote.en, ru: input.revisionNote.ru })
          : null,
        submission_id: input.submissionId ?? null,
        released_by: input.releasedBy ?? null,
      })
      .execute();
    // One part per statement: each is a few MB on its way through the driver, never the whole table.
    for (let part = 0; part < parts; part++) {
      const from = part * PART_CELLS;
      const to = Math.min(values.length, from + PART_CELLS);
      await tx
        .insertInto("table_version_part")
        .values({
          table_id: input.tableId,
          version,
          part,
          values: new Uint8Array(values.buffer, values.byteOffset + from * 8, (to - from) * 8),
          status: status.subarray(from, to),
          flags: flags.subarray(from, to),
        })
        .execute();
    }
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
 * Cells per row of table_version_part: 2 MB of numbers. Small enough that no statement carries much (PGlite passes
 * bytea as hex text, twice the bytes, copied into PostgreSQL's memory), large enough that a table of millions of
 * cells is tens of rows.
 */
export const PART_CELLS = 262_144;

/** Loads one version of a table as a Dataset; undefined if there is no such version. */
export async function loadDataset(db: Db, tableId: string, version: number): Promise<Dataset | undefined> {
  const row = await db
    .selectFrom("table_version")
    .select(["metadata", "cell_count", "parts", "values", "status", "flags"])
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
  const values = new Float64Array(row.cell_count);
  const valueBytes = new Uint8Array(values.buffer);
  const status = new Uint8Array(row.cell_count);
  const flags = new Uint8Array(row.cell_count);
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
    status.set(cells.status, from);
    flags.set(cells.flags, from);
  }
  return { ...metadata, values, status, flags };
}
