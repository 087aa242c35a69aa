/** Reading the audit log: a page of a filter's rows, their count, and all of them in batches (for exports). */

import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { AuditAction } from "./actions.ts";
import type { AuditFilter } from "./query.ts";
import type { AuditEventTable } from "./schema.ts";

export interface AuditEvent {
  readonly id: string;
  readonly at: Date;
  readonly actor: { readonly id: number | null; readonly email: string | null } | null;
  readonly action: AuditAction;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly reporter: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly ip: string | null;
}

const event = (row: Selectable<AuditEventTable>): AuditEvent => ({
  id: String(row.id),
  at: row.at,
  actor: row.actor_id === null && row.actor_email === null ? null : { id: row.actor_id, email: row.actor_email },
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  reporter: row.reporter,
  detail: row.detail,
  ip: row.ip,
});

function where(filter: AuditFilter) {
  return (eb: ExpressionBuilder<Database, "audit_event">) => {
    const conditions = [];
    if (filter.actorId !== undefined) conditions.push(eb("actor_id", "=", filter.actorId));
    if (filter.actorEmail !== undefined)
      conditions.push(eb(eb.fn("lower", ["actor_email"]), "=", filter.actorEmail.toLowerCase()));
    if (filter.actions !== undefined) conditions.push(eb("action", "in", filter.actions));
    if (filter.reporter !== undefined) conditions.push(eb("reporter", "=", filter.reporter));
    if (filter.targetType !== undefined) conditions.push(eb("target_type", "=", filter.targetType));
    if (filter.targetId !== undefined) conditions.push(eb("target_id", "=", filter.targetId));
    if (filter.from !== undefined) conditions.push(eb("at", ">=", filter.from));
    if (filter.to !== undefined) conditions.push(eb("at", "<", filter.to));
    return eb.and(conditions);
  };
}

export async function countAudit(db: Kysely<Database>, filter: AuditFilter): Promise<number> {
  const row = await db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where(where(filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the rows, newest first. */
export async function auditPage(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom("audit_event")
    .selectAll()
    .where(where(filter))
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return rows.map(event);
}

/** Every row of the filter, newest first, read in batches after the last one seen (never the whole log at once). */
export async function* auditRows(db: Kysely<Database>, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditEvent> {
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const last = after;
    const rows = await db
      .selectFrom("audit_event")
      .selectAll()
      .where(where(filter))
      .$if(last !== undefined, (q) => q.where(sql<boolean>`(at, id) < (${last?.at}::timestamptz, ${last?.id}::bigint)`))
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(batch)
      .execute();
    for (const row of rows) yield event(row);
    if (rows.length < batch) return;
    const end = rows[rows.length - 1] as Selectable<AuditEventTable>;
    after = { at: end.at, id: String(end.id) };
  }
}
