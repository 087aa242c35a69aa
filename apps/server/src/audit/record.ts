/**
 * Writing the audit log. `recordAudit` is called with the transaction of the change it records, so that the row
 * and the change commit together or not at all: a refused or failed change leaves no row, and no change is
 * without one.
 */

import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { AuditAction } from "./actions.ts";

/** Who acted: an account (its email is kept as it was then), or null for the public and the system. */
export interface AuditActor {
  readonly id: number;
  readonly email: string;
}

export interface AuditEntry {
  readonly actor: AuditActor | null;
  readonly action: AuditAction;
  /** "user", "invitation", "session", "submission", "table"… */
  readonly targetType: string;
  readonly targetId?: string | number | null;
  /** The reporting country concerned (ISO alpha-3), when there is one. */
  readonly reporter?: string | null;
  /** What changed, as JSON (never a password, a token or a hash). */
  readonly detail?: Readonly<Record<string, unknown>>;
  /** The client's address (`request.ip`). */
  readonly ip?: string | null;
  /** When; default now. Tests pass their clock. (Milliseconds, as a JS Date holds: exports page by it exactly.) */
  readonly at?: Date;
}

/** Appends one row to the audit log, in `db`: give it the transaction of the change. */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      at: entry.at ?? new Date(),
      actor_id: entry.actor?.id ?? null,
      actor_email: entry.actor?.email ?? null,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      reporter: entry.reporter ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** The actor and address of a request, to spread into an entry: `recordAudit(tx, {...auditSource(request), …})`. */
export const auditSource = (request: FastifyRequest): { actor: AuditActor | null; ip: string } => ({
  actor: request.user ? { id: request.user.id, email: request.user.email } : null,
  ip: request.ip,
});
