/**
 * Accounts: the one sign-in of the clearinghouse. Registered once at the top of the application, it gives every
 * request `request.user` (from the `ch_session` cookie, sliding its expiry) and serves the accounts API
 * (routes.ts). Other plugins protect their routes with the preHandlers of guards.ts:
 *   preHandler: requireRole("editor")   or   requirePermission("inventory:moderate")   or   requireCsrf
 */

import { DEFAULT_REPORTERS } from "@clearinghouse/domain";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { sessionPolicy, useSession } from "./expiry.ts";
import { attachSession } from "./guards.ts";
import { type Mailer, smtpMailer } from "./mail.ts";
import { DEFAULT_SCRYPT, type ScryptParams } from "./password.ts";
import { privateCacheControl } from "./private-cache.ts";
import { accountRoutes } from "./routes.ts";
import { deleteSession, findSession, touchSession } from "./store.ts";
import { THROTTLE, type ThrottlePolicy } from "./throttle.ts";
import { csrfTokenFor, isWellFormedToken, SESSION_COOKIE, sessionIdOf } from "./tokens.ts";

export { assertCountry, requireCsrf, requirePermission, requireRole, requireSignIn } from "./guards.ts";
export type { Mailer } from "./mail.ts";
export { type Action, actsFor, can, type Role } from "./roles.ts";
export { DEVICE_COOKIE, MAX_BODY_BYTES } from "./routes.ts";
export type { AccountUser } from "./store.ts";
export { SESSION_COOKIE } from "./tokens.ts";

export interface AccountsOptions {
  readonly db: Kysely<Database>;
  /** Mark the cookie Secure even when the request arrived over plain HTTP (TLS ends at a proxy). */
  readonly cookieSecure?: boolean;
  /** A session ends after this many days without use (default 7). */
  readonly sessionDays?: number;
  /** The clock; tests move it instead of waiting. */
  readonly now?: () => Date;
  /** Hash cost of new passwords (tests use a cheap one). */
  readonly scrypt?: ScryptParams;
  /** The delays after failed sign-ins (throttle.ts). */
  readonly throttle?: ThrottlePolicy;
  /** The participating countries focal points may act for (default: the clearinghouse's). */
  readonly reporters?: readonly string[];
  /** PUBLIC_URL: the origin of invitation links (default: the origin each request came to). */
  readonly publicUrl?: string;
  /** SMTP_URL and SMTP_FROM: invitations are e-mailed too (never required). */
  readonly smtp?: { readonly url: string; readonly from: string };
  /** A mailer of one's own (tests); else one over `smtp` when given. */
  readonly mailer?: Mailer;
}

async function accountsPlugin(app: FastifyInstance, options: AccountsOptions): Promise<void> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const policy = sessionPolicy(options.sessionDays ?? 7);
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  const throttle = options.throttle ?? THROTTLE;
  const cookieOptions = (request: FastifyRequest, expires: Date) => ({
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: options.cookieSecure === true || request.protocol === "https",
    expires,
  });

  await app.register(cookie);
  app.decorateRequest("user", null);

  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined) return;
    const id = isWellFormedToken(token) ? sessionIdOf(token) : undefined;
    const session = id === undefined ? undefined : await findSession(db, id);
    const use = session ? useSession(session, now(), policy) : undefined;
    if (id === undefined || !session || !use || use.expired) {
      if (id !== undefined && session) await deleteSession(db, id);
      // The browser stops sending a cookie that opens nothing.
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return;
    }
    if (use.touch) {
      await touchSession(db, id, use.touch);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, use.touch.expiresAt));
    }
    request.user = session.user;
    attachSession(request, { id, csrfToken: csrfTokenFor(token) });
  });

  app.addHook("onSend", async (request, reply, payload) => {
    // No cookies were parsed when an earlier onRequest hook answered (the start-up gate): nothing is private then.
    if (request.cookies?.[SESSION_COOKIE] !== undefined) {
      const cacheControl = reply.getHeader("cache-control");
      reply.header("cache-control", privateCacheControl(typeof cacheControl === "string" ? cacheControl : undefined));
    }
    return payload;
  });

  const mailer = options.mailer ?? (options.smtp ? smtpMailer(options.smtp.url, options.smtp.from) : undefined);
  await app.register(accountRoutes, {
    db,
    now,
    policy,
    scrypt,
    throttle,
    cookieOptions,
    reporters: options.reporters ?? DEFAULT_REPORTERS,
    publicUrl: options.publicUrl,
    mailer,
  });
}

/** The accounts plugin; `fastify-plugin` lets its cookie parsing, hook and `request.user` reach every route. */
export const accounts = fp(accountsPlugin, { name: "clearinghouse-accounts", fastify: "5.x" });
