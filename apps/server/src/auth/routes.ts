/**
 * The accounts API, in its own scope: its own problem handler (messages in the reader's language, Fastify's body
 * errors included, a `field` member), bodies checked by input.ts, responses never cached, and sign-in throttling
 * counted in the database (throttle.ts).
 *   POST  /api/auth/login        {email, password} → {user, csrfToken}, sets the cookie
 *   POST  /api/auth/logout       ends the session (CSRF header required)
 *   GET   /api/auth/me           {user | null, csrfToken | null}
 *   GET   /api/auth/users        the accounts (administrators)
 *   POST  /api/auth/users        {email, name, role, password} → 201 {user} (administrators)
 *   PATCH /api/auth/users/{id}   {email?, name?, role?, disabled?, password?} → {user} (administrators)
 */

import type { CookieSerializeOptions } from "@fastify/cookie";
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
import { bodyTooLargeMessage, inputMessage, TEXTS, throttledMessage, wrongCredentialsWaitMessage } from "./messages.ts";
import { hashPassword, MAX_PASSWORD_LENGTH, needsRehash, type ScryptParams, verifyPassword } from "./password.ts";
import { ROLES } from "./roles.ts";
import {
  accountThrottles,
  accountUser,
  beginSignIn,
  createSession,
  createUser,
  deleteSession,
  findUserByEmail,
  findUserById,
  listUsers,
  pruneExpired,
  rememberDevice,
  signInSucceeded,
  trustedDevice,
  type UserRecord,
  updateUser,
} from "./store.ts";
import { type KeyState, nextAttemptAt, secondsUntil, type ThrottlePolicy, waitUntil } from "./throttle.ts";
import { csrfTokenFor, isWellFormedToken, newSessionToken, SESSION_COOKIE, sessionIdOf } from "./tokens.ts";

/** The cookie of a browser that signed in (throttle.ts: it lets its holder past the account-wide delays). */
export const DEVICE_COOKIE = "ch_device";
/** A device cookie unused this long is forgotten. */
const DEVICE_IDLE_MS = 180 * 24 * 60 * 60_000;

/** Bodies of this API are a few fields: anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface AccountSettings {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly policy: SessionPolicy;
  readonly scrypt: ScryptParams;
  readonly throttle: ThrottlePolicy;
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
  required: ["id", "email", "name", "role", "countries"],
  properties: {
    id: { type: "integer" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
    countries: {
      type: "array",
      items: { type: "string" },
      description:
        "The reporting countries a focal point acts for (ISO alpha-3); empty for editors and administrators, who act for all",
    },
  },
} as const;

const accountSchema = {
  type: "object",
  required: [...userSchema.required, "disabled", "throttledUntil", "createdAt", "updatedAt"],
  properties: {
    ...userSchema.properties,
    disabled: { type: "boolean" },
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

function accountView(user: UserRecord, throttle: KeyState | undefined, policy: ThrottlePolicy, now: Date) {
  const until = throttle ? waitUntil(throttle, policy.account, now, policy) : null;
  return {
    ...accountUser(user),
    disabled: user.disabled,
    throttledUntil: until?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export async function accountRoutes(api: FastifyInstance, settings: AccountSettings): Promise<void> {
  const { db, now, policy, scrypt, throttle, cookieOptions } = settings;
  const views = async (users: readonly UserRecord[], at: Date) => {
    const throttles = await accountThrottles(
      db,
      users.map((u) => u.id),
    );
    return users.map((u) => accountView(u, throttles.get(u.id), throttle, at));
  };
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
  const tags = ["Accounts"];
  const manageUsers = requirePermission("users:manage");

  const throttled = (reply: FastifyReply, until: Date, at: Date, lang: Lang) => {
    const seconds = secondsUntil(until, at);
    reply.header("retry-after", seconds);
    return new ApiProblem(429, throttledMessage(until, seconds, lang));
  };
  const deviceCookie = (request: FastifyRequest, at: Date): CookieSerializeOptions => ({
    ...cookieOptions(request, new Date(at.getTime() + DEVICE_IDLE_MS)),
    path: "/api/auth/login",
    sameSite: "strict",
  });

  api.post(
    "/api/auth/login",
    {
      bodyLimit: MAX_BODY_BYTES,
      schema: {
        tags,
        summary: "Sign in",
        description: `Sets the ${SESSION_COOKIE} cookie (HttpOnly, SameSite=Lax) and the ${DEVICE_COOKIE} cookie of this browser. The same answer for an unknown email and a wrong password. Failures make the next attempts wait, with growing delays (429 with Retry-After): per account and address after ${throttle.pair.free}, per account across addresses after ${throttle.account.free} (not for a browser with this account's ${DEVICE_COOKIE} cookie, nor from an address that signed in to it before), per address after ${throttle.address.free} different accounts. The right password is never refused for longer than the delay.`,
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
      const deviceToken = request.cookies[DEVICE_COOKIE];
      const deviceId =
        user &&
        isWellFormedToken(deviceToken) &&
        (await trustedDevice(db, sessionIdOf(deviceToken), user.id, at, DEVICE_IDLE_MS))
          ? sessionIdOf(deviceToken)
          : undefined;
      // An unknown email is throttled as an account would be, so the answers do not tell which emails exist.
      const subject = user ? `user:${user.id}` : `email:${sessionIdOf(email.toLowerCase())}`;
      const context = { subject, address: request.ip, device: deviceId, userId: user?.id };
      const attempt = await beginSignIn(db, context, at, throttle);
      if (!attempt.decision.allowed) throw throttled(reply, attempt.decision.until, at, lang);
      const right = await verifyPassword(password, user ? user.passwordHash : await dummy());
      if (!user || !right) {
        const next = nextAttemptAt(attempt.keys, attempt.decision.next, at, throttle);
        if (!next) throw new ApiProblem(401, TEXTS.wrongCredentials[lang]);
        const seconds = secondsUntil(next, at);
        reply.header("retry-after", seconds);
        throw new ApiProblem(401, wrongCredentialsWaitMessage(seconds, lang));
      }
      const rehash = needsRehash(user.passwordHash, scrypt) ? await hashPassword(password, scrypt) : null;
      await signInSucceeded(db, { id: user.id, address: request.ip }, attempt, rehash, at);
      if (user.disabled) throw forbidden(TEXTS.disabled[lang]);
      // A new session at each sign-in: whatever token the browser had before opens nothing afterwards.
      const previous = sessionOf(request);
      if (previous) await deleteSession(db, previous.id);
      await pruneExpired(db, at, { throttleForgetMs: throttle.forgetMs, deviceIdleMs: DEVICE_IDLE_MS });
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
      // This browser is now known to the account: a new device token, or the same one used again.
      const device = deviceId !== undefined && deviceToken !== undefined ? deviceToken : newSessionToken();
      await rememberDevice(db, sessionIdOf(device), user.id, at);
      reply.setCookie(DEVICE_COOKIE, device, deviceCookie(request, at));
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
      return { users: await views(await listUsers(db), now()) };
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
      return reply.code(201).send({ user: (await views([user], at))[0] });
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
        description: `Disabling an account or setting its password ends its sessions; a new password also lifts its delays. The last active administrator cannot be disabled or demoted. Requires the ${CSRF_HEADER} header.`,
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
      return { user: (await views([result], at))[0] };
    },
  );
}
