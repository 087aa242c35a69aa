/**
 * The accounts in the database: users, their sign-in attempts and sessions. Every decision is made by the pure
 * modules (lockout.ts, expiry.ts); this file reads and writes, in a transaction wherever two requests at once
 * could otherwise both act on a stale read.
 */

import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type AttemptDecision, beginAttempt, type LockoutPolicy } from "./lockout.ts";
import type { Role } from "./roles.ts";
import type { AppUserTable } from "./schema.ts";

/** Who is signed in, as requests and responses see them. */
export interface AccountUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export interface UserRecord extends AccountUser {
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const record = (row: Selectable<AppUserTable>): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled,
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const accountUser = (user: AccountUser): AccountUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
});

const byEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("app_user").selectAll().where(byEmail(email)).executeTakeFirst();
  return row && record(row);
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
  return row && record(row);
}

export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const rows = await db.selectFrom("app_user").selectAll().orderBy(sql`lower(email)`).orderBy("id").execute();
  return rows.map(record);
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
}

/** The new user, or null when another account has the email (in any case). */
export async function createUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<UserRecord | null> {
  const row = await db
    .insertInto("app_user")
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? record(row) : null;
}

/** Counts a sign-in attempt before its password is checked (lockout.ts); the row is locked while deciding. */
export async function beginSignIn(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  policy: LockoutPolicy,
): Promise<AttemptDecision> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("app_user")
      .select(["failed_attempts", "locked_until"])
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const decision = beginAttempt({ failedAttempts: row.failed_attempts, lockedUntil: row.locked_until }, now, policy);
    if (decision.allowed) {
      await tx
        .updateTable("app_user")
        .set({ failed_attempts: decision.next.failedAttempts, locked_until: decision.next.lockedUntil })
        .where("id", "=", userId)
        .execute();
    }
    return decision;
  });
}

/** After a correct password: the count of attempts starts again; a hash made with old parameters is replaced. */
export async function signInSucceeded(db: Kysely<Database>, userId: number, newHash: string | null): Promise<void> {
  await db
    .updateTable("app_user")
    .set({ failed_attempts: 0, locked_until: null, ...(newHash ? { password_hash: newHash } : {}) })
    .where("id", "=", userId)
    .execute();
}

export interface UserChanges {
  readonly email?: string;
  readonly name?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly passwordHash?: string;
}

export type UpdateResult = UserRecord | "not-found" | "email-taken" | "last-administrator";

/**
 * Changes an account. A new password or disabling ends its sessions and clears its lock. An administrator cannot
 * be demoted or disabled when no other active one would remain (the administrators' rows are locked while
 * counting, so two administrators cannot demote each other at once).
 */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  changes: UserChanges,
  now: Date,
): Promise<UpdateResult> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("app_user").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) return "not-found";
    const demoted = (changes.role !== undefined && changes.role !== "administrator") || changes.disabled === true;
    if (demoted && row.role === "administrator" && !row.disabled) {
      const others = await tx
        .selectFrom("app_user")
        .select("id")
        .where("role", "=", "administrator")
        .where("disabled", "=", false)
        .where("id", "<>", id)
        .forUpdate()
        .execute();
      if (others.length === 0) return "last-administrator";
    }
    if (changes.email !== undefined) {
      const taken = await tx
        .selectFrom("app_user")
        .select("id")
        .where(byEmail(changes.email))
        .where("id", "<>", id)
        .executeTakeFirst();
      if (taken) return "email-taken";
    }
    const signOut = changes.passwordHash !== undefined || changes.disabled === true;
    const updated = await tx
      .updateTable("app_user")
      .set({
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        ...(changes.passwordHash !== undefined
          ? { password_hash: changes.passwordHash, failed_attempts: 0, locked_until: null }
          : {}),
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (signOut) await tx.deleteFrom("user_session").where("user_id", "=", id).execute();
    return record(updated);
  });
}

export interface NewSession {
  /** SHA-256 of the token (tokens.ts). */
  readonly id: string;
  readonly userId: number;
  readonly now: Date;
  readonly expiresAt: Date;
  readonly userAgent: string | undefined;
}

const MAX_USER_AGENT = 512;

export async function createSession(db: Kysely<Database>, session: NewSession): Promise<void> {
  await db
    .insertInto("user_session")
    .values({
      id: session.id,
      user_id: session.userId,
      created_at: session.now,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
      user_agent: session.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    })
    .execute();
}

export interface SessionRecord {
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly user: AccountUser;
}

/** A session and its user; none when the session is unknown or its user is disabled. */
export async function findSession(db: Kysely<Database>, id: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom("user_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select(["s.created_at", "s.expires_at", "s.last_seen_at", "u.id", "u.email", "u.name", "u.role"])
    .where("s.id", "=", id)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    user: { id: row.id, email: row.email, name: row.name, role: row.role },
  };
}

export async function touchSession(
  db: Kysely<Database>,
  id: string,
  times: { readonly expiresAt: Date; readonly lastSeenAt: Date },
): Promise<void> {
  await db
    .updateTable("user_session")
    .set({ expires_at: times.expiresAt, last_seen_at: times.lastSeenAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("user_session").where("id", "=", id).execute();
}

/** Drops expired sessions and rate-limit counters older than a day; run on sign-in, which is rare enough. */
export async function pruneExpired(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom("user_session").where("expires_at", "<=", now).execute();
  await db
    .deleteFrom("rate_limit")
    .where("window_start", "<", new Date(now.getTime() - 24 * 60 * 60_000))
    .execute();
}

/**
 * Sets a password by email (the `set-password` command): clears the lock and ends the account's sessions.
 * The account, or undefined when no account has the email.
 */
export async function setPasswordByEmail(
  db: Kysely<Database>,
  email: string,
  passwordHash: string,
  now: Date,
): Promise<UserRecord | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) return undefined;
  const updated = await updateUser(db, user.id, { passwordHash }, now);
  return typeof updated === "string" ? undefined : updated;
}
