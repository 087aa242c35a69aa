/**
 * Migrations of the accounts (users, sessions, rate-limit counters, sign-in throttling, focal points' countries) and
 * of the audit log. Never edit one that has shipped: add another.
 */
import { type Kysely, type Migration, sql } from "kysely";

export const accountMigrations: Record<string, Migration> = {
  "0003_accounts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("app_user")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        // A later role (a country's data provider) replaces this check in a new migration.
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('editor', 'administrator')`))
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("disabled", "boolean", (c) => c.notNull().defaultTo(false))
        .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0).check(sql`failed_attempts >= 0`))
        .addColumn("locked_until", "timestamptz")
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex("app_user_email").on("app_user").expression(sql`lower(email)`).unique().execute();
      await db.schema
        .createTable("user_session")
        .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
        .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
        .addColumn("user_agent", "text")
        .execute();
      await db.schema.createIndex("user_session_user").on("user_session").column("user_id").execute();
      await db.schema.createIndex("user_session_expires").on("user_session").column("expires_at").execute();
      await db.schema
        .createTable("rate_limit")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "timestamptz", (c) => c.notNull())
        .addColumn("hits", "integer", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("rate_limit").execute();
      await db.schema.dropTable("user_session").execute();
      await db.schema.dropTable("app_user").execute();
    },
  },
  // Growing delays replace the lock (throttle.ts): counts per key instead of per account, and device cookies. The
  // rate-limit counters need no crash safety, so they skip the write-ahead log (one upsert per public API call).
  "0007_sign_in_throttle": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sign_in_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0).check(sql`failures >= 0`))
        .addColumn("last_failure_at", "timestamptz")
        .addColumn("known_at", "timestamptz")
        .execute();
      await db.schema
        .createTable("sign_in_device")
        .addColumn("id", "text", (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
        .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("last_used_at", "timestamptz", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sign_in_device_user").on("sign_in_device").column("user_id").execute();
      await db.schema.alterTable("app_user").dropColumn("failed_attempts").dropColumn("locked_until").execute();
      await sql`alter table rate_limit set unlogged`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`alter table rate_limit set logged`.execute(db);
      await db.schema
        .alterTable("app_user")
        .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("locked_until", "timestamptz")
        .execute();
      await db.schema.dropTable("sign_in_device").execute();
      await db.schema.dropTable("sign_in_throttle").execute();
    },
  },
  // Focal points: a role bound to reporting countries (app_user_country), invitations (a one-time link: only the
  // SHA-256 of its token is kept, as for sessions), and the audit log (audit/). The log is
  // append-only in the database itself: a trigger refuses every UPDATE, DELETE and TRUNCATE, whatever the client.
  // Restoring a backup turns user triggers off while it loads (storage/backup.ts), so `restore --force` can still
  // empty it first. actor_id has no foreign key: a row must outlive anything it names, and actor_email says who.
  "0011_focal_points_audit": {
    async up(db: Kysely<unknown>) {
      await sql`alter table app_user drop constraint app_user_role_check`.execute(db);
      await sql`alter table app_user add constraint app_user_role_check
        check (role in ('focal-point', 'editor', 'administrator'))`.execute(db);
      await db.schema
        .createTable("app_user_country")
        .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
        .addColumn("reporter", "text", (c) => c.notNull().check(sql`reporter ~ '^[A-Z]{3}$'`))
        .addPrimaryKeyConstraint("app_user_country_pk", ["user_id", "reporter"])
        .execute();
      await db.schema
        .createTable("user_invitation")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('focal-point', 'editor', 'administrator')`))
        .addColumn("countries", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn("invited_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .addColumn("accepted_at", "timestamptz")
        .addColumn("accepted_user_id", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addColumn("revoked_at", "timestamptz")
        .addColumn("revoked_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
        .addCheckConstraint("user_invitation_expiry", sql`expires_at > created_at`)
        .addCheckConstraint("user_invitation_one_end", sql`accepted_at is null or revoked_at is null`)
        .execute();
      await db.schema.createIndex("user_invitation_created").on("user_invitation").columns(["created_at"]).execute();
      await db.schema
        .createTable("audit_event")
        .addColumn("id", "bigserial", (c) => c.primaryKey())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("actor_id", "integer")
        .addColumn("actor_email", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("target_id", "text")
        .addColumn("reporter", "text")
        .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn("ip", "text")
        .execute();
      await db.schema.createIndex("audit_event_at").on("audit_event").columns(["at", "id"]).execute();
      await db.schema.createIndex("audit_event_actor").on("audit_event").columns(["actor_id", "at"]).execute();
      await db.schema.createIndex("audit_event_action").on("audit_event").columns(["action", "at"]).execute();
      await db.schema.createIndex("audit_event_reporter").on("audit_event").columns(["reporter", "at"]).execute();
      await sql`create function audit_event_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'the audit log is append-only: % is refused', tg_op using errcode = 'insufficient_privilege';
        end $$`.execute(db);
      await sql`create trigger audit_event_no_change before update or delete on audit_event
        for each row execute function audit_event_append_only()`.execute(db);
      await sql`create trigger audit_event_no_truncate before truncate on audit_event
        for each statement execute function audit_event_append_only()`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("audit_event").execute();
      await sql`drop function audit_event_append_only()`.execute(db);
      await db.schema.dropTable("user_invitation").execute();
      await db.schema.dropTable("app_user_country").execute();
      await sql`alter table app_user drop constraint app_user_role_check`.execute(db);
      await sql`alter table app_user add constraint app_user_role_check
        check (role in ('editor', 'administrator'))`.execute(db);
    },
  },
};
