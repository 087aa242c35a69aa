/** Migrations of the submissions (docs/decisions/0008-submissions.md). Never edit one that has shipped: add another. */
import { type Kysely, type Migration, sql } from "kysely";

/** A jsonb column holding {"en": "…", "ru": "…"}. */
const bilingual = (column: string) => sql`${sql.ref(column)} ?& array['en', 'ru']`;

export const submissionMigrations: Record<string, Migration> = {
  // Nothing of a submission is in table_version before its release: its tables, findings, comments, metadata and
  // history wait here. A submission is deleted only as a draft (its rows go with it).
  "0012_submissions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("submission")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("reporter", "text", (c) => c.notNull().check(sql`reporter ~ '^[A-Z]{3}$'`))
        .addColumn("state", "text", (c) =>
          c.notNull().check(sql`state in ('draft', 'submitted', 'returned', 'approved', 'released')`),
        )
        .addColumn("created_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("submitted_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("submitted_at", "timestamptz")
        .addColumn("decided_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("decided_at", "timestamptz")
        .addColumn("release_at", "timestamptz")
        .addColumn("released_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("released_at", "timestamptz")
        .addColumn("revision_note", "jsonb", (c) =>
          c.check(sql`revision_note is null or ${bilingual("revision_note")}`),
        )
        .addColumn("validated_at", "timestamptz")
        .execute();
      await db.schema.createIndex("submission_reporter").on("submission").columns(["reporter", "state"]).execute();
      // The scheduler's look-up: approved submissions by when they are due.
      await db.schema
        .createIndex("submission_due")
        .on("submission")
        .columns(["release_at"])
        .where(sql.ref("state"), "=", "approved")
        .execute();
      await db.schema
        .createTable("submission_table")
        .addColumn("submission_id", "integer", (c) => c.notNull().references("submission.id").onDelete("cascade"))
        .addColumn("table_id", "text", (c) => c.notNull())
        .addColumn("metadata", "jsonb", (c) => c.notNull())
        .addColumn("cell_count", "integer", (c) => c.notNull().check(sql`cell_count >= 0`))
        .addColumn("values", "bytea", (c) => c.notNull())
        .addColumn("status", "bytea", (c) => c.notNull())
        .addColumn("flags", "bytea", (c) => c.notNull())
        .addColumn("source_files", "jsonb", (c) => c.notNull())
        .addColumn("uploaded_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("uploaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("submission_table_pk", ["submission_id", "table_id"])
        .execute();
      await db.schema
        .createTable("submission_finding")
        .addColumn("submission_id", "integer", (c) => c.notNull().references("submission.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull().check(sql`severity in ('error', 'warning')`))
        .addColumn("table_id", "text", (c) => c.notNull())
        .addColumn("cell", "jsonb", (c) => c.notNull())
        .addColumn("against", "jsonb")
        .addColumn("expected", "double precision")
        .addColumn("found", "double precision")
        .addColumn("message", "jsonb", (c) => c.notNull().check(bilingual("message")))
        .addColumn("comment", "text")
        .addColumn("comment_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("comment_at", "timestamptz")
        .addPrimaryKeyConstraint("submission_finding_pk", ["submission_id", "key"])
        .execute();
      await db.schema
        .createTable("submission_comment")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("submission_id", "integer", (c) => c.notNull().references("submission.id").onDelete("cascade"))
        .addColumn("author", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("author_role", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("finding_key", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("submission_comment_submission")
        .on("submission_comment")
        .columns(["submission_id", "id"])
        .execute();
      // The shape of country_metadata (migration 0002), per table and first year, for the submission's reporter.
      await db.schema
        .createTable("submission_metadata")
        .addColumn("submission_id", "integer", (c) => c.notNull().references("submission.id").onDelete("cascade"))
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
        .addPrimaryKeyConstraint("submission_metadata_pk", ["submission_id", "table_id", "from_key"])
        .addCheckConstraint(
          "submission_metadata_years",
          sql`from_year is null or to_year is null or from_year <= to_year`,
        )
        .execute();
      await db.schema
        .createTable("submission_event")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("submission_id", "integer", (c) => c.notNull().references("submission.id").onDelete("cascade"))
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        // null: the scheduler (a release at its release_at).
        .addColumn("by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("from_state", "text")
        .addColumn("to_state", "text", (c) => c.notNull())
        .addColumn("comment", "text")
        .execute();
      await db.schema
        .createIndex("submission_event_submission")
        .on("submission_event")
        .columns(["submission_id", "id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "submission_event",
        "submission_metadata",
        "submission_comment",
        "submission_finding",
        "submission_table",
        "submission",
      ])
        await db.schema.dropTable(table).execute();
    },
  },
};
