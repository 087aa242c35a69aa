/**
 * The accounts API, in its own scope: its own problem handler (messages in the reader's language, Fastify's body
 * errors included, a `field` member), bodies checked by input.ts, responses never cached, and a sign-in limit per
 * address counted in the database.
 *   POST  /api/auth/login        {email, password} → {user, csrfToken}, sets the cookie
 *   POST  /api/auth/logout       ends the session (CSRF header required)
 *   GET   /api/auth/me           {user | null, csrfToken | null}
 *   GET   /api/auth/users        the accounts (administrators)
 *   POST  /api/auth/users        {email, name, role, password} → 201 {user} (administrators)
 *   PATCH /api/auth/users/{id}   {email?, name?, role?, disabled?, password?} → {user} (administrators)
 */

import type { CookieSerializeOptions } from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { type Lang, requestLanguage } from "../http/language.ts";
import {
  ApiProblem,
  forbidden,
  notFound,
  PROBLEM_MEDIA_TYPE,
  problemDocument,
  sendStorageProblem,
} from "../http/problem.ts";
import { StorageProblem } from "../storage/errors.ts";
import type { Database } from "../storage/schema.ts";
import { expiryAt, type SessionPolicy } from "./expiry.ts";
import { CSRF_HEADER, requireCsrf, requirePermission, sessionOf } from "./guards.ts";
import {
  type InputProblem,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  parseLogin,
  parseNewUser,
  parseUserId,
  parseUserPatch,
} from "./input.ts";
import { type LockoutPolicy, minutesUntil } from "./lockout.ts";
import { bodyTooLargeMessage, inputMessage, lockedMessage, TEXTS, tooManyRequestsMessage } from "./messages.ts";
import { hashPassword, MAX_PASSWORD_LENGTH, needsRehash, type ScryptParams, verifyPassword } from "./password.ts";
import { databaseRateLimitStore } from "./rate-limit-store.ts";
import { ROLES } from "./roles.ts";
import {
  accountUser,
  beginSignIn,
  createSession,
  createUser,
  deleteSession,
  findUserByEmail,
  findUserById,
  listUsers,
  pruneExpired,
  signInSucceeded,
  type UserRecord,
  updateUser,
} from "./store.ts";
import { csrfTokenFor, newSessionToken, SESSION_COOKIE, sessionIdOf } from "./tokens.ts";

/** Bodies of this API are a few fields: anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface AccountSettings {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly policy: SessionPolicy;
  readonly scrypt: ScryptParams;
  readonly lockout: LockoutPolicy;
  readonly loginLimit: { readonly max: number; readonly windowMs: number };
  readonly cookieOptions: (request: FastifyRequest, expires: Date) => CookieSerializeOptions;
}

/** A refused input, with the field it is about as the problem document's `field` member. */
class FieldProblem extends ApiProblem {
  constructor(
    status: number,
    detail: string,
    readonly field: string | undefined,
  ) {
    super(status, detail);
  }
}

const inputProblem = (problem: InputProblem, lang: Lang) =>
  new FieldProblem(400, inputMessage(problem, lang), "field" in problem ? problem.field : undefined);

/** Fastify's own refusals of a body, in the reader's language. */
function fastifyProblem(error: FastifyError, lang: Lang): ApiProblem | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiProblem(413, bodyTooLargeMessage(MAX_BODY_BYTES, lang));
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ApiProblem(400, TEXTS.invalidJson[lang]);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiProblem(400, TEXTS.emptyBody[lang]);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiProblem(415, TEXTS.mediaType[lang]);
    default:
      return undefined;
  }
}

function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof StorageProblem) return sendStorageProblem(error, request, reply);
  const problem = error instanceof ApiProblem ? error : fastifyProblem(error, requestLanguage(request));
  const status = problem?.status ?? error.statusCode ?? 500;
  if (status >= 500) request.log.error(error);
  const detail = status >= 500 ? "internal error" : (problem?.detail ?? error.message);
  const field = problem instanceof FieldProblem && problem.field !== undefined ? { field: problem.field } : {};
  return reply
    .code(status)
    .type(PROBLEM_MEDIA_TYPE)
    .send({ ...problemDocument(status, detail, request.url), ...field });
}

const problemSchema = {
  type: "object",
  description: "A problem document (RFC 9457); `field` names the body's field at fault",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    field: { type: "string" },
  },
} as const;

const userSchema = {
  type: "object",
  required: ["id", "email", "name", "role"],
  properties: {
    id: { type: "integer" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
  },
} as const;

const accountSchema = {
  type: "object",
  required: [...userSchema.required, "disabled", "lockedUntil", "createdAt", "updatedAt"],
  properties: {
    ...userSchema.properties,
    disabled: { type: "boolean" },
    lockedUntil: {
      type: "string",
      format: "date-time",
      nullable: true,
      description: "Until when sign-in is refused after repeated failures; null when not locked",
    },
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
} as const;

const signedInSchema = {
  type: "object",
  properties: {
    user: userSchema,
    csrfToken: { type: "string", description: `Send it back in the ${CSRF_HEADER} header of every change` },
  },
} as const;

const emailField = { type: "string", maxLength: MAX_EMAIL_LENGTH } as const;
const nameField = { type: "string", maxLength: MAX_NAME_LENGTH } as const;
const passwordField = { type: "string", maxLength: MAX_PASSWORD_LENGTH } as const;
const roleField = { type: "string", enum: [...ROLES] } as const;
const langQuery = {
  type: "object",
  properties: { lang: { type: "string", enum: ["en", "ru"], description: "Language of messages" } },
} as const;

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, problemSchema]));

function accountView(user: UserRecord, now: Date) {
  return {
    ...accountUser(user),
    disabled: user.disabled,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export async function accountRoutes(api: FastifyInstance, settings: AccountSettings): Promise<void> {
  const { db, now, policy, scrypt, lockout, loginLimit, cookieOptions } = settings;
  // An unknown email costs the same hashing as a known one, so timing does not tell which emails have accounts.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword("no account has this password", scrypt);
    return dummyHash;
  };

  // The schemas document the API; bodies are checked by input.ts (no type coercion, messages in two languages).
  api.setValidatorCompiler(() => () => true);
  api.setErrorHandler(sendProblem);
  api.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });
  // Per address, counted in the database so that every server process sees the same count.
  await api.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(db, "login:", now),
    errorResponseBuilder: (request, context) =>
      new ApiProblem(
        429,
        tooManyRequestsMessage(Math.max(1, Math.ceil(context.ttl / 60_000)), requestLanguage(request)),
      ),
  });

  const tags = ["Accounts"];
  const manageUsers = requirePermission("users:manage");

  const locked = (reply: FastifyReply, lockedUntil: Date, at: Date, lang: Lang) => {
    reply.header("retry-after", Math.ceil((lockedUntil.getTime() - at.getTime()) / 1000));
    return new ApiProblem(429, lockedMessage(lockedUntil, minutesUntil(lockedUntil, at), lang));
  };

  api.post(
    "/api/auth/login",
    {
      bodyLimit: MAX_BODY_BYTES,
      config: { rateLimit: { max: loginLimit.max, timeWindow: loginLimit.windowMs } },
      schema: {
        tags,
        summary: "Sign in",
        description: `Sets the ${SESSION_COOKIE} cookie (HttpOnly, SameSite=Lax). The same answer for an unknown email and a wrong password; after ${lockout.maxFailures} failures in a row the account is locked for ${lockout.lockMs / 60_000} minutes; at most ${loginLimit.max} calls per address in ${loginLimit.windowMs / 60_000} minutes.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["email", "password"],
          additionalProperties: false,
          properties: { email: emailField, password: passwordField },
        },
        response: { 200: signedInSchema, ...errors(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const input = parseLogin(request.body);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { email, password } = input.value;
      const at = now();
      const user = await findUserByEmail(db, email);
      if (!user) {
        await verifyPassword(password, await dummy());
        throw new ApiProblem(401, TEXTS.wrongCredentials[lang]);
      }
      const attempt = await beginSignIn(db, user.id, at, lockout);
      if (!attempt.allowed) throw locked(reply, attempt.lockedUntil, at, lang);
      if (!(await verifyPassword(password, user.passwordHash))) {
        if (attempt.next.lockedUntil) throw locked(reply, attempt.next.lockedUntil, at, lang);
        throw new ApiProblem(401, TEXTS.wrongCredentials[lang]);
      }
      const rehash = needsRehash(user.passwordHash, scrypt) ? await hashPassword(password, scrypt) : null;
      await signInSucceeded(db, user.id, rehash);
      if (user.disabled) throw forbidden(TEXTS.disabled[lang]);
      // A new session at each sign-in: whatever token the browser had before opens nothing afterwards.
      const previous = sessionOf(request);
      if (previous) await deleteSession(db, previous.id);
      await pruneExpired(db, at);
      const token = newSessionToken();
      const expiresAt = expiryAt(at, at, policy);
      await createSession(db, {
        id: sessionIdOf(token),
        userId: user.id,
        now: at,
        expiresAt,
        userAgent: request.headers["user-agent"],
      });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, expiresAt));
      return { user: accountUser(user), csrfToken: csrfTokenFor(token) };
    },
  );

  api.post(
    "/api/auth/logout",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: requireCsrf,
      schema: {
        tags,
        summary: "Sign out",
        description: `Ends the session and clears the cookie. With a session, the ${CSRF_HEADER} header is required.`,
        querystring: langQuery,
        response: { 204: { type: "null", description: "Signed out" }, ...errors(403) },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      if (session) await deleteSession(db, session.id);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    },
  );

  api.get(
    "/api/auth/me",
    {
      schema: {
        tags,
        summary: "Who is signed in",
        description: "The signed-in user and the CSRF token of the session; both null for the public.",
        querystring: langQuery,
        response: {
          200: {
            type: "object",
            properties: {
              user: { ...userSchema, nullable: true },
              csrfToken: { type: "string", nullable: true },
            },
          },
        },
      },
    },
    async (request) => ({ user: request.user, csrfToken: sessionOf(request)?.csrfToken ?? null }),
  );

  api.get(
    "/api/auth/users",
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
    async () => {
      const at = now();
      return { users: (await listUsers(db)).map((u) => accountView(u, at)) };
    },
  );

  api.post(
    "/api/auth/users",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Create an account (administrators)",
        description: `The password: at least 12 characters, not a common one. Requires the ${CSRF_HEADER} header.`,
        querystring: langQuery,
        body: {
          type: "object",
          required: ["email", "name", "role", "password"],
          additionalProperties: false,
          properties: { email: emailField, name: nameField, role: roleField, password: passwordField },
        },
        response: {
          201: { type: "object", properties: { user: accountSchema } },
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const input = parseNewUser(request.body);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { password, ...fields } = input.value;
      const at = now();
      const user = await createUser(db, { ...fields, passwordHash: await hashPassword(password, scrypt) }, at);
      if (!user) throw new FieldProblem(409, TEXTS.emailTaken[lang], "email");
      return reply.code(201).send({ user: accountView(user, at) });
    },
  );

  api.patch(
    "/api/auth/users/:id",
    {
      bodyLimit: MAX_BODY_BYTES,
      preHandler: manageUsers,
      schema: {
        tags,
        summary: "Change an account (administrators)",
        description: `Disabling an account or setting its password ends its sessions; a new password also lifts a lock. The last active administrator cannot be disabled or demoted. Requires the ${CSRF_HEADER} header.`,
        params: { type: "object", properties: { id: { type: "integer" } } },
        querystring: langQuery,
        body: {
          type: "object",
          minProperties: 1,
          additionalProperties: false,
          properties: {
            email: emailField,
            name: nameField,
            role: roleField,
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
      const id = parseUserId((request.params as { id?: unknown }).id);
      const current = id === null ? undefined : await findUserById(db, id);
      if (id === null || !current) throw notFound(TEXTS.notFound[lang]);
      const input = parseUserPatch(request.body, current.email);
      if (!input.ok) throw inputProblem(input.problem, lang);
      const { password, ...changes } = input.value;
      const at = now();
      const result = await updateUser(
        db,
        id,
        password === undefined ? changes : { ...changes, passwordHash: await hashPassword(password, scrypt) },
        at,
      );
      if (result === "not-found") throw notFound(TEXTS.notFound[lang]);
      if (result === "email-taken") throw new FieldProblem(409, TEXTS.emailTaken[lang], "email");
      if (result === "last-administrator") throw new ApiProblem(409, TEXTS.lastAdministrator[lang]);
      return { user: accountView(result, at) };
    },
  );
}
