/** The audit log's table, as Kysely sees it (migration 0011_focal_points_audit in auth/migrations.ts). */

import type { ColumnType } from "kysely";
import type { AuditAction } from "./actions.ts";

/**
 * One thing someone did. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, so the types allow neither
 * (an update sets `never`).
 */
export interface AuditEventTable {
  /** bigserial: read back as a string by the drivers, so it is cast where it is sent. */
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date | undefined, never>;
  /** The account that acted; null for the public (a failed sign-in of an unknown email) and for the system. */
  actor_id: ColumnType<number | null, number | null, never>;
  /** The actor's email at the time, kept when the account's email changes later. */
  actor_email: ColumnType<string | null, string | null, never>;
  action: ColumnType<AuditAction, AuditAction, never>;
  /** What was acted on: "user", "invitation", "session", "submission", "table"… */
  target_type: ColumnType<string, string, never>;
  target_id: ColumnType<string | null, string | null, never>;
  /** The reporting country concerned, when there is one (the audit page filters by it). */
  reporter: ColumnType<string | null, string | null, never>;
  detail: ColumnType<Record<string, unknown>, string, never>;
  /** The client's address (request.ip: behind a proxy, with TRUST_PROXY). */
  ip: ColumnType<string | null, string | null, never>;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
