/** The database's tables, as Kysely sees them: every query is typed from here. */

import type { ColumnType, Generated } from "kysely";
import type { AuditTables } from "../audit/schema.ts";
import type { AccountTables } from "../auth/schema.ts";
import type { InventoryTables } from "../inventory/schema.ts";
import type { NotificationTables } from "../notifications/schema.ts";
import type { SubmissionTables } from "../submissions/schema.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The table tree: databases at the top, then folders, then tables (PxWeb's levels). */
export interface TreeNodeTable {
  id: Generated<number>;
  parent_id: number | null;
  kind: "database" | "folder" | "table";
  /** Path segment in URLs: database and folder ids, or the table id. */
  code: string;
  /** Label per language: {"en": "…", "ru": "…"}. */
  label: ColumnType<Record<string, string>, string, string>;
  sort: number;
}

/** A published table: its id (PX MATRIX, or the file name), where it sits in the tree and its current version. */
export interface DataTableTable {
  id: string;
  node_id: number;
  current_version: number;
  title: ColumnType<Record<string, string>, string, string>;
  updated: Timestamp;
}

/**
 * One immutable version of a table: the dataset's metadata as JSON and its cells as typed-array bytes (one row per
 * version: loading a whole cube is one read, and queries run on the decoded cube in memory).
 */
export interface TableVersionTable {
  table_id: string;
  version: number;
  created_at: Timestamp;
  source_name: string;
  metadata: ColumnType<unknown, string, string>;
  cell_count: number;
  /** The cells when `parts` is 0 (versions stored before parts); empty otherwise. */
  values: Uint8Array;
  status: Uint8Array;
  flags: Uint8Array;
  /** How many rows of table_version_part hold the cells (0: they are in this row). */
  parts: Generated<number>;
  /**
   * Block length per dimension of the tiles in table_version_part (storage/tiles.ts, 0020); null for versions
   * stored before tiles, whose parts are runs of PART_CELLS cells in order.
   */
  tile_shape: ColumnType<number[] | null, string | null | undefined, string | null>;
  /** Why this version differs from the previous one, in both languages; null for imports (0010). */
  revision_note: ColumnType<{ en: string; ru: string } | null, string | null | undefined, string | null>;
  /** The submission whose release made this version; null for imports. */
  submission_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The account that released it (app_user.id); null for imports and once the account is deleted. */
  released_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One tile of a version (storage/tiles.ts), or, before tiles, a run of PART_CELLS consecutive cells. */
export interface TableVersionPartTable {
  table_id: string;
  version: number;
  part: number;
  values: Uint8Array;
  status: Uint8Array;
  flags: Uint8Array;
}

export interface SavedQueryTable {
  id: string;
  table_id: string;
  body: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  /** When it was last read or run; unused ones expire (0007). */
  last_used: Timestamp;
}

/** Texts in the two working languages: {"en": "…", "ru": "…"}. */
type BilingualJson = ColumnType<{ en: string; ru: string }, string, string>;
type OptionalBilingualJson = ColumnType<{ en: string; ru: string } | null, string | null, string | null>;

/**
 * How a reporting country produces one standard table, for a range of years (null: open-ended). Key: reporter,
 * table_id and from_key (the first year, 0 when from_year is null); ranges of one reporter and table never overlap.
 */
export interface CountryMetadataTable {
  reporter: string;
  table_id: string;
  from_year: number | null;
  to_year: number | null;
  /** Generated: coalesce(from_year, 0). */
  from_key: ColumnType<number, never, never>;
  source: BilingualJson;
  definition: BilingualJson;
  coverage: BilingualJson;
  breaks: OptionalBilingualJson;
  deviations: OptionalBilingualJson;
  stateless_in_citizenship_table: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

export interface Database extends AccountTables, AuditTables, InventoryTables, NotificationTables, SubmissionTables {
  tree_node: TreeNodeTable;
  data_table: DataTableTable;
  table_version: TableVersionTable;
  table_version_part: TableVersionPartTable;
  saved_query: SavedQueryTable;
  country_metadata: CountryMetadataTable;
}
