/** Migrations of the notifications and table subscriptions. Never edit one that has shipped: add another. */
import { type Kysely, type Migration, sql } from "kysely";

export const notificationMigrations: Record<string, Migration> = {
  // submission_id has no foreign key: submissions have their own migration (0012), and a notification is a message
  // that may outlive a discarded record. Users and tables cascade: nobody reads a deleted user's messages.
  "0014_notifications": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("notification")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('submitted', 'returned', 'released')`))
        .addColumn("submission_id", "integer")
        .addColumn("table_id", "text", (c) => c.references("data_table.id").onDelete("cascade"))
        .addColumn("data", "jsonb", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("read_at", "timestamptz")
        .execute();
      // The bell reads a user's newest ones and counts the unread.
      await db.schema.createIndex("notification_user").on("notification").columns(["user_id", "id"]).execute();
      await db.schema
        .createTable("table_subscription")
        .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
        .addColumn("table_id", "text", (c) => c.notNull().references("data_table.id").onDelete("cascade"))
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("table_subscription_pk", ["user_id", "table_id"])
        .execute();
      await db.schema.createIndex("table_subscription_table").on("table_subscription").column("table_id").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("table_subscription").execute();
      await db.schema.dropTable("notification").execute();
    },
  },
};
