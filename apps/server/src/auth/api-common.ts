/**
 * What the accounts' routes share (routes.ts, users-routes.ts, invitation-routes.ts): the problem handler of their
 * scope (messages in the reader's language, Fastify's body errors included, a `field` member), the OpenAPI pieces,
 * and starting a session.
 */

import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import { type Lang, requestLanguage } from "../http/language.ts";
import { ApiProblem, PROBLEM_MEDIA_TYPE, problemDocument, sendStorageProblem } from "../http/problem.ts";
import { StorageProblem } from "../storage/errors.ts";
import type { Database } from "../storage/schema.ts";
import { expiryAt, type SessionPolicy } from "./expiry.ts";
import { CSRF_HEADER, sessionOf } from "./guards.ts";
import { type InputProblem, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from "./input.ts";
import type { Mailer } from "./mail.ts";
import { bodyTooLargeMessage, inputMessage, TEXTS } from "./messages.ts";
import { MAX_PASSWORD_LENGTH, type ScryptParams } from "./password.ts";
import { ROLES } from "./roles.ts";
import { createSession, deleteSession } from "./store.ts";
import type { ThrottlePolicy } from "./throttle.ts";
import { csrfTokenFor, newSessionToken, SESSION_COOKIE, sessionIdOf } from "./tokens.ts";

/** Bodies of this API are a few fields: anything larger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface AccountSettings {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly policy: SessionPolicy;
  readonly scrypt: ScryptParams;
  readonly throttle: ThrottlePolicy;
  readonly cookieOptions: (request: FastifyRequest, expires: Date) => CookieSerializeOptions;
  /** The participating countries a focal point may act for. */
  readonly reporters: readonly string[];
  /** The origin (and path prefix) of links in invitations; default: the request's own origin. */
  readonly publicUrl: string | undefined;
  /** Sends invitations by e-mail when SMTP is configured. */
  readonly mailer: Mailer | undefined;
}

/** A refused input, with the field it is about as the problem document's `field` member. */
export class FieldProblem extends ApiProblem {
  constructor(
    status: number,
    detail: string,
    readonly field: string | undefined,
  ) {
    super(status, detail);
  }
}

export const inputProblem = (problem: InputProblem, lang: Lang) =>
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

export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
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

export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, problemSchema]));

export const countriesField = {
  type: "array",
  items: { type: "string", pattern: "^[A-Z]{3}$" },
  description:
    "The reporting countries a focal point acts for (ISO alpha-3, participating countries); empty for editors and administrators, who act for all",
} as const;

export const userSchema = {
  type: "object",
  required: ["id", "email", "name", "role", "countries"],
  properties: {
    id: { type: "integer" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
    countries: countriesField,
  },
} as const;

export const signedInSchema = {
  type: "object",
  properties: {
    user: userSchema,
    csrfToken: { type: "string", description: `Send it back in the ${CSRF_HEADER} header of every change` },
  },
} as const;

export const emailField = { type: "string", maxLength: MAX_EMAIL_LENGTH } as const;
export const nameField = { type: "string", maxLength: MAX_NAME_LENGTH } as const;
export const passwordField = { type: "string", maxLength: MAX_PASSWORD_LENGTH } as const;
export const roleField = { type: "string", enum: [...ROLES] } as const;
export const langQuery = {
  type: "object",
  properties: { lang: { type: "string", enum: ["en", "ru"], description: "Language of messages" } },
} as const;
export const idParams = { type: "object", properties: { id: { type: "integer" } } } as const;

/**
 * Signs the browser in as `userId`: a new session (the browser's previous one, if any, ended), its cookie, and the
 * CSRF token to answer with. In `db`, so that it commits with what caused it (an accepted invitation).
 */
export async function startSession(
  settings: AccountSettings,
  db: Kysely<Database> | Transaction<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  at: Date,
): Promise<{ csrfToken: string }> {
  // A new session at each sign-in: whatever token the browser had before opens nothing afterwards.
  const previous = sessionOf(request);
  if (previous) await deleteSession(db, previous.id);
  const token = newSessionToken();
  const expiresAt = expiryAt(at, at, settings.policy);
  await createSession(db, {
    id: sessionIdOf(token),
    userId,
    now: at,
    expiresAt,
    userAgent: request.headers["user-agent"],
  });
  reply.setCookie(SESSION_COOKIE, token, settings.cookieOptions(request, expiresAt));
  return { csrfToken: csrfTokenFor(token) };
}
