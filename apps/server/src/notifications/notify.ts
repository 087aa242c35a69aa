/**
 * `notify(tx, event)`: the notifications of one workflow event, written in the caller's transaction so that they
 * exist exactly when the event does (a rolled-back release notifies nobody). Who hears of what:
 *   submitted  every editor and administrator (they review)
 *   returned   the focal points of the submission's country (they fix it)
 *   released   per released table: its subscribers and the country's focal points
 * Never the person who acted (`by`), never a disabled account.
 */

import type { Kysely } from "kysely";
import { hasRole, ROLES } from "../auth/roles.ts";
import type { Database } from "../storage/schema.ts";
import type { NotificationData } from "./schema.ts";

export type NotificationEvent =
  | {
      readonly kind: "submitted" | "returned";
      readonly submissionId: number;
      /** The submission's reporting country, ISO alpha-3. */
      readonly reporter: string;
      /** Who submitted or returned it (null: the system). */
      readonly by: number | null;
    }
  | {
      readonly kind: "released";
      readonly submissionId: number;
      readonly reporter: string;
      /** Each table the release made a new version of. */
      readonly tables: readonly { readonly id: string; readonly version: number }[];
      /** Who released it (null: the embargo scheduler). */
      readonly by: number | null;
    };

/** Roles with at least an editor's rights: the reviewers. */
const REVIEWER_ROLES = ROLES.filter((role) => hasRole({ role }, "editor"));

async function reviewers(tx: Kysely<Database>): Promise<number[]> {
  const rows = await tx
    .selectFrom("app_user")
    .select("id")
    .where("role", "in", REVIEWER_ROLES)
    .where("disabled", "=", false)
    .execute();
  return rows.map((r) => r.id);
}

/** The focal points bound to the country (app_user_country), active ones. */
async function focalPoints(tx: Kysely<Database>, reporter: string): Promise<number[]> {
  const rows = await tx
    .selectFrom("app_user_country")
    .innerJoin("app_user", "app_user.id", "app_user_country.user_id")
    .select("app_user.id")
    .where("app_user_country.reporter", "=", reporter)
    .where("app_user.role", "=", "focal-point")
    .where("app_user.disabled", "=", false)
    .execute();
  return rows.map((r) => r.id);
}

async function subscribers(tx: Kysely<Database>, tableId: string): Promise<number[]> {
  const rows = await tx
    .selectFrom("table_subscription")
    .innerJoin("app_user", "app_user.id", "table_subscription.user_id")
    .select("app_user.id")
    .where("table_subscription.table_id", "=", tableId)
    .where("app_user.disabled", "=", false)
    .execute();
  return rows.map((r) => r.id);
}

interface NewNotification {
  readonly user_id: number;
  readonly kind: NotificationEvent["kind"];
  readonly submission_id: number;
  readonly table_id: string | null;
  readonly data: string;
  readonly created_at: Date;
}

/** Writes the event's notifications in `tx` and returns how many. */
export async function notify(tx: Kysely<Database>, event: NotificationEvent, now = new Date()): Promise<number> {
  const others = (ids: readonly number[]) => [...new Set(ids)].filter((id) => id !== event.by);
  const rows: NewNotification[] = [];
  const base = { kind: event.kind, submission_id: event.submissionId, created_at: now };
  if (event.kind === "released") {
    const countrysOwn = await focalPoints(tx, event.reporter);
    for (const table of event.tables) {
      const row = await tx.selectFrom("data_table").select("title").where("id", "=", table.id).executeTakeFirst();
      const data: NotificationData = {
        reporter: event.reporter,
        title: { en: row?.title.en ?? table.id, ru: row?.title.ru ?? row?.title.en ?? table.id },
        version: table.version,
      };
      for (const user of others([...(await subscribers(tx, table.id)), ...countrysOwn])) {
        rows.push({ ...base, user_id: user, table_id: table.id, data: JSON.stringify(data) });
      }
    }
  } else {
    const users = event.kind === "submitted" ? await reviewers(tx) : await focalPoints(tx, event.reporter);
    const data: NotificationData = { reporter: event.reporter };
    for (const user of others(users)) rows.push({ ...base, user_id: user, table_id: null, data: JSON.stringify(data) });
  }
  if (rows.length > 0) await tx.insertInto("notification").values(rows).execute();
  return rows.length;
}
