/** Ordered migrations, one set for PGlite and PostgreSQL alike. Never edit one that has shipped: add another. */

import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";
import { accountMigrations } from "../auth/migrations.ts";
import { inventoryMigrations } from "../inventory/migrations.ts";
import { notificationMigrations } from "../notifications/migrations.ts";
import { submissionMigrations } from "../submissions/migrations.ts";

const migrations: Record<string, Migration> = {
  "0001_tables": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("tree_node")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("parent_id", "integer", (c) => c.references("tree_node.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('database', 'folder', 'table')`))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("label", "jsonb", (c) => c.notNull())
        .addColumn("sort", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("tree_node_parent_code")
        .on("tree_node")
        .expression(sql`coalesce(parent_id, 0), code`)
        .unique()
        .execute();
      await db.schema
        .createTable("data_table")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("node_id", "integer", (c) => c.notNull().references("tree_node.id").onDelete("cascade"))
        .addColumn("current_version", "integer", (c) => c.notNull())
        .addColumn("title", "jsonb", (c) => c.notNull())
        .addColumn("updated", "timestamptz", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("table_version")
        .addColumn("table_id", "text", (c) => c.notNull().references("data_table.id").onDelete("cascade"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("source_name", "text", (c) => c.notNull())
        .addColumn("metadata", "jsonb", (c) => c.notNull())
        .addColumn("cell_count", "integer", (c) => c.notNull())
        .addColumn("values", "bytea", (c) => c.notNull())
        .addColumn("status", "bytea", (c) => c.notNull())
        .addColumn("flags", "bytea", (c) => c.notNull())
        .addPrimaryKeyConstraint("table_version_pk", ["table_id", "version"])
        .execute();
      await db.schema
        .createTable("saved_query")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("table_id", "text", (c) => c.notNull().references("data_table.id").onDelete("cascade"))
        .addColumn("body", "jsonb", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  },
  // Country metadata per reporter and table, per year range where it changes. Key: (reporter, table_id, from_key),
  // from_key being the first year of the range, 0 for "from the start of the series" (from_year null): an entry is
  // identified by where it starts. That the ranges of one reporter and table do not overlap is checked when writing
  // (src/tables/country-metadata.ts): an exclusion constraint would need btree_gist, not loaded in PGlite.
  "0002_country_metadata": {
    async up(db: Kysely<unknown>) {
      const bilingual = (column: string) => sql`${sql.ref(column)} ?& array['en', 'ru']`;
      await db.schema
        .createTable("country_metadata")
        .addColumn("reporter", "text", (c) => c.notNull())
        .addColumn("table_id", "text", (c) => c.notNull())
        .addColumn("from_year", "integer", (c) => c.check(sql`from_year > 0`))
        .addColumn("to_year", "integer", (c) => c.check(sql`to_year > 0`))
        .addColumn("from_key", "integer", (c) => c.notNull().generatedAlwaysAs(sql`coalesce(from_year, 0)`).stored())
        .addColumn("source", "jsonb", (c) => c.notNull().check(bilingual("source")))
        .addColumn("definition", "jsonb", (c) => c.notNull().check(bilingual("definition")))
        .addColumn("coverage", "jsonb", (c) => c.notNull().check(bilingual("coverage")))
        .addColumn("breaks", "jsonb", (c) => c.check(sql`breaks is null or ${bilingual("breaks")}`))
        .addColumn("deviations", "jsonb", (c) => c.check(sql`deviations is null or ${bilingual("deviations")}`))
        .addColumn("stateless_in_citizenship_table", "boolean", (c) => c.notNull().defaultTo(false))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("country_metadata_pk", ["reporter", "table_id", "from_key"])
        .addCheckConstraint("country_metadata_years", sql`from_year is null or to_year is null or from_year <= to_year`)
        .execute();
      await db.schema.createIndex("country_metadata_table").on("country_metadata").columns(["table_id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("country_metadata").execute();
    },
  },
  // Saved queries are written without an account, so unused ones expire (api/pxweb-v2/saved-queries.ts): last_used
  // is when one was last read or run.
  "0008_saved_query_last_used": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("saved_query")
        .addColumn("last_used", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex("saved_query_last_used").on("saved_query").columns(["last_used"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("saved_query_last_used").execute();
      await db.schema.alterTable("saved_query").dropColumn("last_used").execute();
    },
  },
  // A version's cells in parts of a few MB instead of one value: a value of 9 million cells (72 MB of numbers) went
  // through PGlite as one 144 MB hex string and several copies inside PostgreSQL, and loading it held as many.
  "0009_table_version_parts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("table_version")
        .addColumn("parts", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable("table_version_part")
        .addColumn("table_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("part", "integer", (c) => c.notNull())
        .addColumn("values", "bytea", (c) => c.notNull())
        .addColumn("status", "bytea", (c) => c.notNull())
        .addColumn("flags", "bytea", (c) => c.notNull())
        .addPrimaryKeyConstraint("table_version_part_pk", ["table_id", "version", "part"])
        .addForeignKeyConstraint(
          "table_version_part_version",
          ["table_id", "version"],
          "table_version",
          ["table_id", "version"],
          (c) => c.onDelete("cascade"),
        )
        .execute();
    },
  },
  // Who released a version and why (issue 11, docs/decisions/0009-versions.md): null for versions imported by hand.
  // submission_id has no foreign key here: the submission table comes in a later migration (0012_submissions).
  // Deleting an account keeps the versions it released, without the name.
  "0010_table_version_history": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("table_version")
        .addColumn("revision_note", "jsonb", (c) =>
          c.check(sql`revision_note is null or revision_note ?& array['en', 'ru']`),
        )
        .addColumn("submission_id", "integer")
        .addColumn("released_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .alterTable("table_version")
        .dropColumn("released_by")
        .dropColumn("submission_id")
        .dropColumn("revision_note")
        .execute();
    },
  },
  // A version's cells in tiles, one block of categories of every dimension each (storage/tiles.ts,
  // docs/decisions/0018-chunked-versions.md): tile_shape is the block length per dimension, and table_version_part
  // holds tile `part` of the grid. Null for the versions stored before: their parts are runs of cells in order, read
  // as before.
  "0020_table_version_tiles": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("table_version").addColumn("tile_shape", "jsonb").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("table_version").dropColumn("tile_shape").execute();
    },
  },
};

// Accounts and the inventory keep their migrations beside their code; names sort them after the tables' (0003_…,
// 0004_…), and Kysely runs all of them in name order.
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({
    ...migrations,
    ...accountMigrations,
    ...inventoryMigrations,
    ...notificationMigrations,
    ...submissionMigrations,
  }),
};
