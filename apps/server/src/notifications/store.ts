/** The notifications and subscriptions in the database, always of one user (the caller checks who is signed in). */

import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { NotificationData, NotificationKind } from "./schema.ts";

export interface UserNotification {
  readonly id: number;
  readonly kind: NotificationKind;
  readonly submissionId: number | null;
  readonly tableId: string | null;
  readonly data: NotificationData;
  readonly created: Date;
  readonly read: Date | null;
}

/** A user's notifications, newest first (`before`: only those older than that id, to page back), and the unread count. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: number,
  options: { readonly limit: number; readonly before?: number },
): Promise<{ readonly notifications: UserNotification[]; readonly unread: number }> {
  let query = db.selectFrom("notification").selectAll().where("user_id", "=", userId);
  if (options.before !== undefined) query = query.where("id", "<", options.before);
  const rows = await query.orderBy("id", "desc").limit(options.limit).execute();
  const { unread } = await db
    .selectFrom("notification")
    .select(sql<string>`count(*)`.as("unread"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      submissionId: row.submission_id,
      tableId: row.table_id,
      data: row.data,
      created: row.created_at,
      read: row.read_at,
    })),
    unread: Number(unread),
  };
}

/** Marks the user's notifications `ids` (or all of them) read; another user's ids are left alone. Returns how many changed. */
export async function markRead(
  db: Kysely<Database>,
  userId: number,
  which: readonly number[] | "all",
  now: Date,
): Promise<number> {
  if (which !== "all" && which.length === 0) return 0;
  let query = db
    .updateTable("notification")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null);
  if (which !== "all") query = query.where("id", "in", which);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function isSubscribed(db: Kysely<Database>, userId: number, tableId: string): Promise<boolean> {
  const row = await db
    .selectFrom("table_subscription")
    .select("table_id")
    .where("user_id", "=", userId)
    .where("table_id", "=", tableId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Follows a table; following it again changes nothing. */
export async function subscribe(db: Kysely<Database>, userId: number, tableId: string): Promise<void> {
  await db
    .insertInto("table_subscription")
    .values({ user_id: userId, table_id: tableId })
    .onConflict((c) => c.columns(["user_id", "table_id"]).doNothing())
    .execute();
}

export async function unsubscribe(db: Kysely<Database>, userId: number, tableId: string): Promise<void> {
  await db.deleteFrom("table_subscription").where("user_id", "=", userId).where("table_id", "=", tableId).execute();
}
