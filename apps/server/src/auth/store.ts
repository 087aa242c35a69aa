/**
 * The accounts in the database: users, their sign-in throttling, devices and sessions. Every decision is made by
 * the pure modules (throttle.ts, expiry.ts); this file reads and writes, in a transaction wherever two requests at once
 * could otherwise both act on a stale read.
 */

import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import { inTransaction } from "../storage/transactions.ts";
import type { Role } from "./roles.ts";
import type { AppUserTable } from "./schema.ts";
import {
  type AttemptContext,
  accountKey,
  afterSuccess,
  beginAttempt,
  type KeyState,
  keysFor,
  pairKey,
  type ScopedKey,
  type ThrottleDecision,
  type ThrottlePolicy,
} from "./throttle.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Who is signed in, as requests and responses see them. */
export interface AccountUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The reporting countries a focal point acts for, sorted; empty for editors and administrators (all). */
  readonly countries: readonly string[];
}

export interface UserRecord extends AccountUser {
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const record = (row: Selectable<AppUserTable>, countries: readonly string[]): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  countries,
  passwordHash: row.password_hash,
  disabled: row.disabled,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const accountUser = (user: AccountUser): AccountUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  countries: user.countries,
});

const byEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

/** The countries of each account (sorted), in one query. */
async function countriesOf(db: Db, userIds: readonly number[]): Promise<Map<number, string[]>> {
  const countries = new Map(userIds.map((id) => [id, [] as string[]]));
  if (userIds.length === 0) return countries;
  const rows = await db
    .selectFrom("app_user_country")
    .select(["user_id", "reporter"])
    .where("user_id", "in", userIds)
    .orderBy("reporter")
    .execute();
  for (const row of rows) countries.get(row.user_id)?.push(row.reporter);
  return countries;
}

async function records(db: Db, rows: readonly Selectable<AppUserTable>[]): Promise<UserRecord[]> {
  const countries = await countriesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => record(row, countries.get(row.id) ?? []));
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("app_user").selectAll().where(byEmail(email)).executeTakeFirst();
  return row && (await records(db, [row]))[0];
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirst();
  return row && (await records(db, [row]))[0];
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.selectFrom("app_user").selectAll().orderBy(sql`lower(email)`).orderBy("id").execute();
  return records(db, rows);
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
  /** A focal point's reporting countries (none for other roles). */
  readonly countries?: readonly string[];
}

async function setCountries(tx: Transaction<Database>, userId: number, countries: readonly string[]): Promise<void> {
  await tx.deleteFrom("app_user_country").where("user_id", "=", userId).execute();
  const unique = [...new Set(countries)].sort();
  if (unique.length > 0)
    await tx
      .insertInto("app_user_country")
      .values(unique.map((reporter) => ({ user_id: userId, reporter })))
      .execute();
}

/**
 * The new user, or null when another account has the email (in any case). In the caller's transaction when given
 * one (an accepted invitation, with its audit row).
 */
export async function createUser(db: Db, user: NewUser, now: Date): Promise<UserRecord | null> {
  return inTransaction(db, async (tx) => {
    const row = await tx
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
    if (!row) return null;
    await setCountries(tx, row.id, user.countries ?? []);
    return (await records(tx, [row]))[0] as UserRecord;
  });
}

const keyState = (row: { failures: number; last_failure_at: Date | null }): KeyState => ({
  failures: row.failures,
  lastFailureAt: row.last_failure_at,
});

export interface SignInAttempt {
  readonly decision: ThrottleDecision;
  readonly keys: readonly ScopedKey[];
}

/**
 * Counts a sign-in attempt under its keys (throttle.ts) before its password is checked. The keys' rows are locked
 * while deciding (created first, locked in key order so two attempts cannot deadlock), so however many attempts
 * arrive at once, each sees the count of those before it.
 */
export async function beginSignIn(
  db: Kysely<Database>,
  context: AttemptContext,
  now: Date,
  policy: ThrottlePolicy,
): Promise<SignInAttempt> {
  return db.transaction().execute(async (tx) => {
    const known =
      context.userId !== undefined &&
      (await tx
        .selectFrom("sign_in_throttle")
        .select("known_at")
        .where("key", "=", pairKey(context.subject, context.address))
        .where("known_at", "is not", null)
        .executeTakeFirst()) !== undefined;
    const keys = keysFor(context, known);
    const names = keys.map((k) => k.key).sort();
    await tx
      .insertInto("sign_in_throttle")
      .values(names.map((key) => ({ key })))
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const rows = await tx
      .selectFrom("sign_in_throttle")
      .select(["key", "failures", "last_failure_at"])
      .where("key", "in", names)
      .orderBy("key")
      .forUpdate()
      .execute();
    const decision = beginAttempt(keys, new Map(rows.map((row) => [row.key, keyState(row)])), now, policy);
    if (decision.allowed) {
      for (const [key, state] of decision.next) {
        await tx
          .updateTable("sign_in_throttle")
          .set({ failures: state.failures, last_failure_at: state.lastFailureAt })
          .where("key", "=", key)
          .execute();
      }
    }
    return { decision, keys };
  });
}

/**
 * After a correct password (throttle.ts `afterSuccess`): the pair and device start again, the account and address
 * get back this attempt's count, and the address becomes known to the account. A hash made with old parameters is
 * replaced.
 */
export async function signInSucceeded(
  db: Kysely<Database>,
  user: { readonly id: number; readonly address: string },
  attempt: SignInAttempt,
  newHash: string | null,
  now: Date,
): Promise<void> {
  if (!attempt.decision.allowed) return;
  const { reset, giveBack } = afterSuccess(attempt.keys, attempt.decision.next);
  await db.transaction().execute(async (tx) => {
    if (reset.length > 0)
      await tx
        .updateTable("sign_in_throttle")
        .set({ failures: 0, last_failure_at: null })
        .where("key", "in", reset)
        .execute();
    if (giveBack.length > 0)
      await tx
        .updateTable("sign_in_throttle")
        .set({ failures: sql<number>`greatest(failures - 1, 0)` })
        .where("key", "in", giveBack)
        .execute();
    await tx
      .insertInto("sign_in_throttle")
      .values({ key: pairKey(`user:${user.id}`, user.address), known_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ known_at: now }))
      .execute();
    if (newHash) await tx.updateTable("app_user").set({ password_hash: newHash }).where("id", "=", user.id).execute();
  });
}

/** The account-wide key's state of each account (for the administrators' list). */
export async function accountThrottles(
  db: Kysely<Database>,
  userIds: readonly number[],
): Promise<Map<number, KeyState>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("sign_in_throttle")
    .select(["key", "failures", "last_failure_at"])
    .where(
      "key",
      "in",
      userIds.map((id) => accountKey(id)),
    )
    .execute();
  const byKey = new Map(rows.map((row) => [row.key, keyState(row)]));
  return new Map(
    userIds.flatMap((id) => {
      const state = byKey.get(accountKey(id));
      return state ? [[id, state] as const] : [];
    }),
  );
}

/** The device cookie's id when the browser's device was issued to this account and used within `maxIdleMs`. */
export async function trustedDevice(
  db: Kysely<Database>,
  id: string,
  userId: number,
  now: Date,
  maxIdleMs: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("sign_in_device")
    .select("id")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("last_used_at", ">", new Date(now.getTime() - maxIdleMs))
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a device after a sign-in, or marks a known one as used now. */
export async function rememberDevice(db: Kysely<Database>, id: string, userId: number, now: Date): Promise<void> {
  await db
    .insertInto("sign_in_device")
    .values({ id, user_id: userId, created_at: now, last_used_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet({ user_id: userId, last_used_at: now }))
    .execute();
}

export interface UserChanges {
  readonly email?: string;
  readonly name?: string;
  readonly role?: Role;
  /** Replaces the account's countries. */
  readonly countries?: readonly string[];
  readonly disabled?: boolean;
  readonly passwordHash?: string;
  /** With a new password: the session that set it stays (the user's own change); every other one ends. */
  readonly keepSession?: string;
}

export type UpdateResult = UserRecord | "not-found" | "email-taken" | "last-administrator";

/**
 * Changes an account. A new password or disabling ends its sessions; a new password also clears its delays. An administrator cannot
 * be demoted or disabled when no other active one would remain (the administrators' rows are locked while
 * counting, so two administrators cannot demote each other at once).
 */
export async function updateUser(db: Db, id: number, changes: UserChanges, now: Date): Promise<UpdateResult> {
  return inTransaction(db, async (tx) => {
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
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
        updated_at: now,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (signOut) {
      const keep = changes.disabled === true ? undefined : changes.keepSession;
      await tx
        .deleteFrom("user_session")
        .where("user_id", "=", id)
        .$if(keep !== undefined, (q) => q.where("id", "<>", keep as string))
        .execute();
    }
    // A new password lifts the account's delays: the guesses counted were against the old one.
    if (changes.passwordHash !== undefined)
      await tx
        .deleteFrom("sign_in_throttle")
        .where((eb) => eb.or([eb("key", "=", accountKey(id)), eb("key", "like", `${pairKey(`user:${id}`, "")}%`)]))
        .execute();
    if (changes.countries !== undefined) await setCountries(tx, id, changes.countries);
    return (await records(tx, [updated]))[0] as UserRecord;
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

export async function createSession(db: Db, session: NewSession): Promise<void> {
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
    // One round trip per request: the countries come along as an array.
    .select(
      sql<string[] | null>`(select array_agg(c.reporter order by c.reporter) from app_user_country c
        where c.user_id = u.id)`.as("countries"),
    )
    .where("s.id", "=", id)
    .where("u.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    user: { id: row.id, email: row.email, name: row.name, role: row.role, countries: row.countries ?? [] },
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

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("user_session").where("id", "=", id).execute();
}

/** Ends every session of an account (an administrator's revocation); how many there were. */
export async function deleteSessionsOf(db: Db, userId: number): Promise<number> {
  const rows = await db.deleteFrom("user_session").where("user_id", "=", userId).returning("id").execute();
  return rows.length;
}

/** The sessions each account has that have not expired (for the administrators' list). */
export async function sessionCounts(db: Db, userIds: readonly number[], now: Date): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("user_session")
    .select(["user_id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("user_id", "in", userIds)
    .where("expires_at", ">", now)
    .groupBy("user_id")
    .execute();
  return new Map(rows.map((row) => [row.user_id, Number(row.n)]));
}

/**
 * Drops expired sessions, rate-limit counters older than a day, throttling keys with neither a recent failure nor
 * a known address, and devices unused for `deviceIdleMs`; run on sign-in, which is rare enough.
 */
export async function pruneExpired(
  db: Kysely<Database>,
  now: Date,
  limits: { readonly throttleForgetMs: number; readonly deviceIdleMs: number },
): Promise<void> {
  await db.deleteFrom("user_session").where("expires_at", "<=", now).execute();
  const forgotten = new Date(now.getTime() - limits.throttleForgetMs);
  const unused = new Date(now.getTime() - limits.deviceIdleMs);
  await db
    .deleteFrom("sign_in_throttle")
    .where((eb) =>
      eb.and([
        eb.or([eb("last_failure_at", "is", null), eb("last_failure_at", "<", forgotten)]),
        eb.or([eb("known_at", "is", null), eb("known_at", "<", unused)]),
      ]),
    )
    .execute();
  await db.deleteFrom("sign_in_device").where("last_used_at", "<", unused).execute();
  await db
    .deleteFrom("rate_limit")
    .where("window_start", "<", new Date(now.getTime() - 24 * 60 * 60_000))
    .execute();
}

/**
 * Sets a password by email (the `set-password` command): clears the delays and ends the account's sessions.
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
