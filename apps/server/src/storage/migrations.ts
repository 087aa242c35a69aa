/** Ordered migrations, one set for PGlite and PostgreSQL alike. Never edit one that has shipped: add another. */

import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
