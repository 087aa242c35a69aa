/** Invitations in the database (invitations.ts has the rules). Writes take the caller's transaction, with its audit row. */

import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import { type AuditActor, recordAudit } from "../audit/index.ts";
import type { Database } from "../storage/schema.ts";
import { type Invitation, invitationExpiry } from "./invitations.ts";
import type { Role } from "./roles.ts";
import type { UserInvitationTable } from "./schema.ts";
import { findUserByEmail } from "./store.ts";
import { newSessionToken, sessionIdOf } from "./tokens.ts";

type Db = Kysely<Database> | Transaction<Database>;

const invitation = (row: Selectable<UserInvitationTable>): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  countries: row.countries,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  acceptedAt: row.accepted_at,
  acceptedUserId: row.accepted_user_id,
  revokedAt: row.revoked_at,
});

export interface NewInvitation {
  readonly tokenHash: string;
  readonly email: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly invitedBy: number | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export async function insertInvitation(db: Db, value: NewInvitation): Promise<Invitation> {
  const row = await db
    .insertInto("user_invitation")
    .values({
      token_hash: value.tokenHash,
      email: value.email,
      role: value.role,
      countries: JSON.stringify([...value.countries].sort()),
      invited_by: value.invitedBy,
      created_at: value.createdAt,
      expires_at: value.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return invitation(row);
}

/** The invitation of the email that is neither accepted, revoked nor expired at `now`, if any. */
export async function pendingInvitationFor(db: Db, email: string, now: Date): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom("user_invitation")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row && invitation(row);
}

/** Every invitation, newest first, with the email of who sent it. */
export async function listInvitations(db: Db): Promise<(Invitation & { readonly invitedByEmail: string | null })[]> {
  const rows = await db
    .selectFrom("user_invitation as i")
    .leftJoin("app_user as u", "u.id", "i.invited_by")
    .selectAll("i")
    .select("u.email as invited_by_email")
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .execute();
  return rows.map((row) => ({ ...invitation(row), invitedByEmail: row.invited_by_email }));
}

/** An invitation by the hash of its token or by id, its row locked until the transaction ends. */
export async function lockInvitation(
  tx: Transaction<Database>,
  by: { readonly tokenHash: string } | { readonly id: number },
): Promise<Invitation | undefined> {
  const row = await tx
    .selectFrom("user_invitation")
    .selectAll()
    .$if("id" in by, (q) => q.where("id", "=", (by as { id: number }).id))
    .$if("tokenHash" in by, (q) => q.where("token_hash", "=", (by as { tokenHash: string }).tokenHash))
    .forUpdate()
    .executeTakeFirst();
  return row && invitation(row);
}

export async function findInvitationByToken(db: Db, tokenHash: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom("user_invitation").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
  return row && invitation(row);
}

export async function markAccepted(db: Db, id: number, userId: number, at: Date): Promise<void> {
  await db
    .updateTable("user_invitation")
    .set({ accepted_at: at, accepted_user_id: userId })
    .where("id", "=", id)
    .execute();
}

export async function markRevoked(db: Db, id: number, by: number | null, at: Date): Promise<void> {
  await db.updateTable("user_invitation").set({ revoked_at: at, revoked_by: by }).where("id", "=", id).execute();
}

export interface InvitationRequest {
  readonly email: string;
  readonly role: Role;
  readonly countries: readonly string[];
  readonly days: number;
}

/**
 * Issues an invitation (the route and `clearinghouse invite`): refused when an account has the email or a pending
 * invitation exists for it; otherwise the row and its audit entry in one transaction. The token is returned once
 * and kept nowhere.
 */
export async function issueInvitation(
  db: Kysely<Database>,
  request: InvitationRequest,
  by: { readonly actor: AuditActor | null; readonly ip: string | null },
  at: Date,
): Promise<{ readonly invitation: Invitation; readonly token: string } | "has-account" | "pending"> {
  return db.transaction().execute(async (tx) => {
    // Locks the email's invitations so that two administrators inviting the same person at once make one.
    await sql`select pg_advisory_xact_lock(hashtext(${`invitation:${request.email.toLowerCase()}`}))`.execute(tx);
    if (await findUserByEmail(tx, request.email)) return "has-account";
    if (await pendingInvitationFor(tx, request.email, at)) return "pending";
    const token = newSessionToken();
    const created = await insertInvitation(tx, {
      tokenHash: sessionIdOf(token),
      email: request.email,
      role: request.role,
      countries: request.countries,
      invitedBy: by.actor?.id ?? null,
      createdAt: at,
      expiresAt: invitationExpiry(at, request.days),
    });
    await recordAudit(tx, {
      actor: by.actor,
      action: "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      reporter: created.countries.length === 1 ? created.countries[0] : null,
      detail: { email: created.email, role: created.role, countries: created.countries, expiresAt: created.expiresAt },
      ip: by.ip,
      at,
    });
    return { invitation: created, token };
  });
}
