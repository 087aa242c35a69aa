/**
 * The accounts under /api/users, in the accounts' scope (api-common.ts). Every change is checked on the server
 * (requirePermission or requireSignIn, each with the CSRF check) and written to the audit log in its transaction.
 *   GET    /api/users                 the accounts (administrators)
 *   POST   /api/users                 {email, name, role, countries?, password} → 201 {user} (administrators)
 *   PATCH  /api/users/{id}            {email?, name?, role?, countries?, disabled?, password?} → {user}
 *   DELETE /api/users/{id}/sessions   ends every session of the account → {revoked} (administrators)
 *   POST   /api/users/me/password     {currentPassword, newPassword}: the user's own; ends its other sessions
 */

import type { FastifyInstance } from "fastify";
import type { Transaction } from "kysely";
import { type AuditEntry, auditSource, recordAudit } from "../audit/index.ts";
import { requestLanguage } from "../http/language.ts";
import { ApiProblem, notFound } from "../http/problem.ts";
import type { Database } from "../storage/schema.ts";
import {
  type AccountSettings,
  countriesField,
  emailField,
  errors,
  FieldProblem,
  idParams,
  inputProblem,
  langQuery,
  MAX_BODY_BYTES,
  nameField,
  passwordField,
  roleField,
  userSchema,
} from "./api-common.ts";
import { CSRF_HEADER, requirePermission, requireSignIn, sessionOf } from "./guards.ts";
import { parseNewUser, parsePasswordChange, parseUserId, parseUserPatch } from "./input.ts";
import { TEXTS, throttledMessage } from "./messages.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import {
  accountThrottles,
  accountUser,
  beginSignIn,
  createUser,
  deleteSessionsOf,
  findUserById,
  listUsers,
  sessionCounts,
  signInSucceeded,
  type UserChanges,
  type UserRecord,
  updateUser,
} from "./store.ts";
import { secondsUntil, waitUntil } from "./throttle.ts";

const accountSchema = {
  type: "object",
  required: [...userSchema.required, "disabled", "sessions", "throttledUntil", "createdAt", "updatedAt"],
  properties: {
    ...userSchema.properties,
    disabled: { type: "boolean" },
    sessions: { type: "integer", description: "Sessions of the account that have not expired" },
    throttledUntil: {
      type: "string",
      format: "date-time",
      nullable: true,
      description:
        "Until when sign-ins from addresses and browsers the account does not know wait after failures from many places; null when they do not",
    },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;

/** The fields whose change the audit log records as before and after (a password only as the fact). */
const AUDITED_FIELDS = ["email", "name", "role", "countries"] as const;

/** The audit rows of one change to an account: its fields, its state, its password. */
function changeEntries(
  before: UserRecord,
  after: UserRecord,
  changes: UserChanges,
): Omit<AuditEntry, "actor" | "ip">[] {
  const base = { targetType: "user", targetId: after.id } as const;
  const entries: Omit<AuditEntry, "actor" | "ip">[] = [];
  const changed = Object.fromEntries(
    AUDITED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => [
      f,
      { from: before[f], to: after[f] },
    ]),
  );
  if (Object.keys(changed).length > 0) entries.push({ ...base, action: "user.changed", detail: { changes: changed } });
  if (before.disabled !== after.disabled)
    entries.push({ ...base, action: after.disabled ? "user.disabled" : "user.enabled", detail: {} });
  if (changes.passwordHash !== undefined) entries.push({ ...base, action: "user.password-set", detail: {} });
  return entries;
}

export async function userRoutes(api: FastifyInstance, settings: AccountSettings): Promise<void> {
  const { db, now, scrypt, throttle, reporters } = settings;
  const tags = ["Accounts"];
  const manageUsers = requirePermission("users:manage");

  const views = async (users: readonly UserRecord[], at: Date) => {
    const ids = users.map((u) => u.id);
    const throttles = await accountThrottles(db, ids);
    const sessions = await sessionCounts(db, ids, at);
    return users.map((u) => {
      const state = throttles.get(u.id);
      const until = state ? waitUntil(state, throttle.account, at, throttle) : null;
      return {
        ...accountUser(u),
        disabled: u.disabled,
        sessions: sessions.get(u.id) ?? 0,
        throttledUntil: until?.toISOString() ?? null,
        createdAt: u.createdAt.toISOString(),
        updatedAt: u.updatedAt.toISOString(),
      };
    });
  };
  const userId = (params: unknown, lang: "en" | "ru"): number => {
    const id = parseUserId((params as { id?: unknown }).id);
    if (id === null) throw notFound(TEXTS.notFound[lang]);
    return id;
  };

  api.get(
    "/api/users",
    {
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "The accounts (administrators)",
        querystring: langQuery,
        response: {
          200: { type: "object", properties: { users: { type: "array", items: accountSchema } } },
          ...errors(401, 403),
        },
      },
    },
    async () => ({ users: await views(await listUsers(db), now()) }),
  );

  api.post(
    "/api/users",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Create an account (administrators)",
        description: `The password: at least 12 characters, not a common one. A focal point needs at least one participating country; other roles act for all and take none. Inviting (POST /api/users/invitations) lets the person choose the password instead. Requires the ${CSRF_HEADER} header.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["email", "name", "role", "password"],
          additionalProperties: false,
          properties: {
            email: emailField,
            name: nameField,
            role: roleField,
            countries: countriesField,
            password: passwordField,
          },
        },
        response: {
          201: { type: "object", properties: { user: accountSchema } },
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const input = parseNewUser(request.body, reporters);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { password, ...fields } = input.value;
      const at = now();
      const passwordHash = await hashPassword(password, scrypt);
      const user = await db.transaction().execute(async (tx) => {
        const created = await createUser(tx, { ...fields, passwordHash }, at);
        if (!created) throw new FieldProblem(409, TEXTS.emailTaken[lang], "email");
        await recordAudit(tx, {
          ...auditSource(request),
          action: "user.created",
          targetType: "user",
          targetId: created.id,
          detail: { email: created.email, name: created.name, role: created.role, countries: created.countries },
          at,
        });
        return created;
      });
      return reply.code(201).send({ user: (await views([user], at))[0] });
    },
  );

  api.patch(
    "/api/users/:id",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Change an account (administrators)",
        description: `Disabling an account or setting its password ends its sessions; a new password also lifts its delays. A focal point keeps at least one country; one made an editor or administrator loses its countries. The last active administrator cannot be disabled or demoted. Requires the ${CSRF_HEADER} header.`,
        params: idParams,
        querystring: langQuery,
        body: {
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: {
            email: emailField,
            name: nameField,
            role: roleField,
            countries: countriesField,
            disabled: { type: "boolean" },
            password: passwordField,
          },
        },
        response: {
          200: { type: "object", properties: { user: accountSchema } },
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const id = userId(request.params, lang);
      const current = await findUserById(db, id);
      if (!current) throw notFound(TEXTS.notFound[lang]);
      const input = parseUserPatch(request.body, current, reporters);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { password, ...rest } = input.value;
      const changes: UserChanges =
        password === undefined ? rest : { ...rest, passwordHash: await hashPassword(password, scrypt) };
      const at = now();
      const updated = await db.transaction().execute(async (tx: Transaction<Database>) => {
        // Read again under the transaction: the audit row says what it was just before this change.
        const before = (await findUserById(tx, id)) ?? current;
        const result = await updateUser(tx, id, changes, at);
        if (result === "not-found") throw notFound(TEXTS.notFound[lang]);
        if (result === "email-taken") throw new FieldProblem(409, TEXTS.emailTaken[lang], "email");
        if (result === "last-administrator") throw new ApiProblem(409, TEXTS.lastAdministrator[lang]);
        for (const entry of changeEntries(before, result, changes))
          await recordAudit(tx, { ...auditSource(request), ...entry, at });
        return result;
      });
      return { user: (await views([updated], at))[0] };
    },
  );

  api.delete(
    "/api/users/:id/sessions",
    {
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "End every session of an account (administrators)",
        description: `The account stays usable: its owner signs in again. Requires the ${CSRF_HEADER} header.`,
        params: idParams,
        querystring: langQuery,
        response: {
          200: {
            type: "object",
            properties: { revoked: { type: "integer", description: "How many sessions ended" } },
          },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const id = userId(request.params, lang);
      const at = now();
      const revoked = await db.transaction().execute(async (tx) => {
        if (!(await findUserById(tx, id))) throw notFound(TEXTS.notFound[lang]);
        const count = await deleteSessionsOf(tx, id);
        await recordAudit(tx, {
          ...auditSource(request),
          action: "user.sessions-revoked",
          targetType: "user",
          targetId: id,
          detail: { sessions: count },
          at,
        });
        return count;
      });
      return { revoked };
    },
  );

  api.post(
    "/api/users/me/password",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "Change one's own password",
        description: `Needs the current password (wrong ones are throttled like sign-ins, 429 with Retry-After). Ends every other session of the account; this one stays. Requires the ${CSRF_HEADER} header.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["currentPassword", "newPassword"],
          additionalProperties: false,
          properties: { currentPassword: passwordField, newPassword: passwordField },
        },
        response: { 204: { type: "null", description: "Changed" }, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const me = request.user as NonNullable<typeof request.user>;
      const session = sessionOf(request);
      const record = await findUserById(db, me.id);
      if (!record || !session) throw new ApiProblem(401, TEXTS.signInRequired[lang]);
      const input = parsePasswordChange(request.body, record.email);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const at = now();
      // The current password is guessed no faster here than at sign-in (a session left open is not a free oracle).
      const attempt = await beginSignIn(
        db,
        { subject: `user:${me.id}`, address: request.ip, device: undefined, userId: me.id },
        at,
        throttle,
      );
      if (!attempt.decision.allowed) {
        const seconds = secondsUntil(attempt.decision.until, at);
        reply.header("retry-after", seconds);
        throw new ApiProblem(429, throttledMessage(attempt.decision.until, seconds, lang));
      }
      if (!(await verifyPassword(input.value.currentPassword, record.passwordHash))) {
        await recordAudit(db, {
          ...auditSource(request),
          action: "user.password-change-failed",
          targetType: "user",
          targetId: me.id,
          detail: { reason: "wrong-current-password" },
          at,
        });
        throw new FieldProblem(400, TEXTS.currentPasswordWrong[lang], "currentPassword");
      }
      await signInSucceeded(db, { id: me.id, address: request.ip }, attempt, null, at);
      const passwordHash = await hashPassword(input.value.newPassword, scrypt);
      await db.transaction().execute(async (tx) => {
        const result = await updateUser(tx, me.id, { passwordHash, keepSession: session.id }, at);
        if (typeof result === "string") throw new ApiProblem(401, TEXTS.signInRequired[lang]);
        await recordAudit(tx, {
          ...auditSource(request),
          action: "user.password-changed",
          targetType: "user",
          targetId: me.id,
          at,
        });
      });
      return reply.code(204).send();
    },
  );
}
