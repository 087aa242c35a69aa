/**
 * The accounts API, in its own scope: its own problem handler (messages in the reader's language, Fastify's body
 * errors included, a `field` member), bodies checked by input.ts, responses never cached, and sign-in throttling
 * counted in the database (throttle.ts). Sign-ins, their failures and sign-outs go to the audit log.
 *   POST  /api/auth/login        {email, password} → {user, csrfToken}, sets the cookie
 *   POST  /api/auth/logout       ends the session (CSRF header required)
 *   GET   /api/auth/me           {user | null, csrfToken | null}
 * and the accounts under /api/users (users-routes.ts) and their invitations (invitation-routes.ts).
 */

import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.ts";
import { type Lang, requestLanguage } from "../http/language.ts";
import { ApiProblem, forbidden } from "../http/problem.ts";
import {
  type AccountSettings,
  emailField,
  errors,
  inputProblem,
  langQuery,
  MAX_BODY_BYTES,
  passwordField,
  sendProblem,
  signedInSchema,
  startSession,
  userSchema,
} from "./api-common.ts";
import { CSRF_HEADER, requireCsrf, sessionOf } from "./guards.ts";
import { MAX_EMAIL_LENGTH, parseLogin } from "./input.ts";
import { invitationRoutes } from "./invitation-routes.ts";
import { TEXTS, throttledMessage, wrongCredentialsWaitMessage } from "./messages.ts";
import { hashPassword, needsRehash, verifyPassword } from "./password.ts";
import {
  accountUser,
  beginSignIn,
  deleteSession,
  findUserByEmail,
  pruneExpired,
  rememberDevice,
  signInSucceeded,
  trustedDevice,
  type UserRecord,
} from "./store.ts";
import { nextAttemptAt, secondsUntil } from "./throttle.ts";
import { isWellFormedToken, newSessionToken, SESSION_COOKIE, sessionIdOf } from "./tokens.ts";
import { userRoutes } from "./users-routes.ts";

export { MAX_BODY_BYTES } from "./api-common.ts";

/** The cookie of a browser that signed in (throttle.ts: it lets its holder past the account-wide delays). */
export const DEVICE_COOKIE = "ch_device";
/** A device cookie unused this long is forgotten. */
const DEVICE_IDLE_MS = 180 * 24 * 60 * 60_000;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * What the audit log keeps of the email typed at a failed sign-in of no account: only something shaped like an
 * email, never (say) a password typed into the wrong field.
 */
const typedEmail = (email: string): string | null =>
  EMAIL_SHAPE.test(email) ? email.slice(0, MAX_EMAIL_LENGTH) : null;

export async function accountRoutes(api: FastifyInstance, settings: AccountSettings): Promise<void> {
  const { db, now, scrypt, throttle, cookieOptions } = settings;
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
      const failed = (reason: "wrong-credentials" | "disabled", account: UserRecord | undefined) =>
        recordAudit(db, {
          actor: account ? { id: account.id, email: account.email } : null,
          action: "auth.sign-in-failed",
          targetType: account ? "user" : "email",
          targetId: account ? account.id : typedEmail(email),
          detail: { reason },
          ip: request.ip,
          at,
        });
      if (!user || !right) {
        await failed("wrong-credentials", user);
        const next = nextAttemptAt(attempt.keys, attempt.decision.next, at, throttle);
        if (!next) throw new ApiProblem(401, TEXTS.wrongCredentials[lang]);
        const seconds = secondsUntil(next, at);
        reply.header("retry-after", seconds);
        throw new ApiProblem(401, wrongCredentialsWaitMessage(seconds, lang));
      }
      const rehash = needsRehash(user.passwordHash, scrypt) ? await hashPassword(password, scrypt) : null;
      await signInSucceeded(db, { id: user.id, address: request.ip }, attempt, rehash, at);
      if (user.disabled) {
        await failed("disabled", user);
        throw forbidden(TEXTS.disabled[lang]);
      }
      await pruneExpired(db, at, { throttleForgetMs: throttle.forgetMs, deviceIdleMs: DEVICE_IDLE_MS });
      const { csrfToken } = await db.transaction().execute(async (tx) => {
        const started = await startSession(settings, tx, request, reply, user.id, at);
        await recordAudit(tx, {
          actor: { id: user.id, email: user.email },
          action: "auth.signed-in",
          targetType: "user",
          targetId: user.id,
          ip: request.ip,
          at,
        });
        return started;
      });
      // This browser is now known to the account: a new device token, or the same one used again.
      const device = deviceId !== undefined && deviceToken !== undefined ? deviceToken : newSessionToken();
      await rememberDevice(db, sessionIdOf(device), user.id, at);
      reply.setCookie(DEVICE_COOKIE, device, deviceCookie(request, at));
      return { user: accountUser(user), csrfToken };
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
      const user = request.user;
      if (session && user)
        await db.transaction().execute(async (tx) => {
          await deleteSession(tx, session.id);
          await recordAudit(tx, {
            actor: { id: user.id, email: user.email },
            action: "auth.signed-out",
            targetType: "user",
            targetId: user.id,
            ip: request.ip,
            at: now(),
          });
        });
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

  await userRoutes(api, settings);
  await invitationRoutes(api, settings);
}
