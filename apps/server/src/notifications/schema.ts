/** The notifications' tables, as Kysely sees them (migration 0014_notifications). */

import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export const NOTIFICATION_KINDS = ["submitted", "returned", "released"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a notification needs to be worded in either language when it is read (the web interface words it): the
 * reporting country and, for a release, the table's title at the time and the version it became.
 */
export interface NotificationData {
  readonly reporter: string;
  readonly title?: { readonly en: string; readonly ru: string };
  readonly version?: number;
}

/** One message to one user: a submission to review or fix, or a table's new version. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  /** The submission it is about (every kind has one: a release is a submission's). */
  submission_id: number | null;
  /** The released table, for `released`. */
  table_id: string | null;
  data: ColumnType<NotificationData, string, string>;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A user follows a table: each of its releases notifies them. */
export interface TableSubscriptionTable {
  user_id: number;
  table_id: string;
  created_at: Timestamp;
}

export interface NotificationTables {
  notification: NotificationTable;
  table_subscription: TableSubscriptionTable;
}
