/**
 * Checks routes attach as preHandlers, in any plugin (the accounts plugin sets `request.user` for every request):
 *   requireRole("editor")              401 for the public, 403 without the role; on a state-changing method also
 *                                      the CSRF check, so a protected write cannot forget it
 *   requirePermission("users:manage")  the same, by action (roles.ts)
 *   requireSignIn                      any signed-in user (401 for the public), CSRF on writes
 *   requireCsrf                        for a state-changing route open to the public: with a session, the
 *                                      x-csrf-token header must match it (403); without one there is nothing to forge
 * and, in a handler, once the record's country is known: assertCountry(request, reporter) (401, or 403 unless the
 * user acts for that country: a focal point for its own, editors and administrators for all).
 * Errors are ApiProblems in the reader's language, so each plugin's problem handler answers them.
 */

import type { FastifyRequest } from "fastify";
import { requestLanguage } from "../http/language.ts";
import { ApiProblem, forbidden } from "../http/problem.ts";
import { countryRefusedMessage, roleRequiredMessage, TEXTS } from "./messages.ts";
import { type Action, actsFor, can, hasRole, leastRoleFor, type Role } from "./roles.ts";
import type { AccountUser } from "./store.ts";
import { sameToken } from "./tokens.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user, from the session cookie; null for the public. */
    user: AccountUser | null;
  }
}

export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestSession {
  /** SHA-256 of the token: the session's key in the database. */
  readonly id: string;
  readonly csrfToken: string;
}

/** The session behind `request.user`; kept out of the request object so no handler logs or sends it by mistake. */
const sessions = new WeakMap<FastifyRequest, RequestSession>();

export const attachSession = (request: FastifyRequest, session: RequestSession): void => {
  sessions.set(request, session);
};

export const sessionOf = (request: FastifyRequest): RequestSession | undefined => sessions.get(request);

function checkCsrf(request: FastifyRequest): void {
  const session = sessionOf(request);
  if (session && !sameToken(request.headers[CSRF_HEADER], session.csrfToken)) {
    throw forbidden(TEXTS.csrf[requestLanguage(request)]);
  }
}

function signedIn(request: FastifyRequest): AccountUser {
  if (!request.user) throw new ApiProblem(401, TEXTS.signInRequired[requestLanguage(request)]);
  return request.user;
}

export async function requireCsrf(request: FastifyRequest): Promise<void> {
  checkCsrf(request);
}

/** 401 for the public; on a state-changing method also the CSRF check (a route for every signed-in user). */
export async function requireSignIn(request: FastifyRequest): Promise<void> {
  signedIn(request);
  if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
}

export function requireRole(role: Role) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!hasRole(signedIn(request), role)) throw forbidden(roleRequiredMessage(role, requestLanguage(request)));
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
  };
}

export function requirePermission(action: Action) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!can(signedIn(request), action))
      throw forbidden(roleRequiredMessage(leastRoleFor(action), requestLanguage(request)));
    if (!SAFE_METHODS.has(request.method)) checkCsrf(request);
  };
}

/**
 * Refuses (401 for the public, 403 otherwise) unless the signed-in user acts for the reporting country `reporter`
 * (roles.ts `actsFor`). Call it after `requirePermission`, with the country of the record, not of the request.
 */
export function assertCountry(request: FastifyRequest, reporter: string): void {
  const user = signedIn(request);
  if (!actsFor(user, reporter))
    throw forbidden(countryRefusedMessage(reporter, user.countries, requestLanguage(request)));
}
