/**
 * Errors as our APIs and PxWeb API 2.0 answer them: a Problem document (RFC 9457, `application/problem+json`) with `type`,
 * `title`, `status`, `detail` and `instance`. The type is `about:blank`, so the title is the status's phrase, as in
 * the examples of the specification's ErrorResponse400/403/404/429; `detail` says what is wrong in this request.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { StorageProblem } from "../storage/errors.ts";
import { requestLanguage } from "./language.ts";

export const PROBLEM_MEDIA_TYPE = "application/problem+json; charset=utf-8";

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  507: "Insufficient Storage",
};

/** A problem document in a route's OpenAPI schema. */
export const PROBLEM_SCHEMA = {
  type: "object",
  description: "A problem document (RFC 9457)",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
  },
} as const;

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
}

/** A request the API refuses, with the status and what is wrong (in Russian too where it has been translated). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly detailRu?: string,
  ) {
    super(detail);
  }

  /** What Fastify's own error handling reads, so a problem thrown from a hook keeps its status. */
  get statusCode(): number {
    return this.status;
  }

  /** The detail in the language of the request: Russian where there is a translation, else English. */
  detailIn(lang: string): string {
    return lang === "ru" && this.detailRu !== undefined ? this.detailRu : this.detail;
  }
}

export const badRequest = (detail: string, detailRu?: string) => new ApiProblem(400, detail, detailRu);
export const notFound = (detail: string, detailRu?: string) => new ApiProblem(404, detail, detailRu);
export const forbidden = (detail: string, detailRu?: string) => new ApiProblem(403, detail, detailRu);

/** A message of the APIs in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly ru: string;
}

/** A problem whose detail follows the request's language (`?lang=ru`, Accept-Language). */
export const problemOf = (status: number, message: Bilingual) => new ApiProblem(status, message.en, message.ru);

/**
 * A request's URL as a valid URI reference: characters a URI may not hold raw (brackets in `valuecodes[VAR]`,
 * spaces, quotes, non-ASCII) percent-encoded, escapes already there kept.
 */
export function uriReference(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/gu, (c) => encodeURIComponent(c));
}

export function problemDocument(status: number, detail: string, instance: string): ProblemDocument {
  return {
    type: "about:blank",
    title: TITLES[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request"),
    status,
    detail,
    instance,
  };
}

/**
 * For an error handler: when the storage failed through no fault of the request (the database unreachable, the
 * disk full), sets its status, Retry-After when waiting helps, and no-store on the reply, and returns the detail to
 * send in the request's language; otherwise undefined. Logged as a warning without a stack: it is the storage's
 * state, not a fault of this request.
 */
export function storageProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): string | undefined {
  if (!(error instanceof StorageProblem)) return undefined;
  request.log.warn(error.message);
  reply.code(error.statusCode).header("cache-control", "no-store");
  if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
  return error.text[requestLanguage(request)];
}

/** A problem document for a storage failure (see storageProblem). */
export function sendStorageProblem(error: StorageProblem, request: FastifyRequest, reply: FastifyReply) {
  const detail = storageProblem(error, request, reply) as string;
  return reply.type(PROBLEM_MEDIA_TYPE).send(problemDocument(error.statusCode, detail, request.url));
}

/** The error handler of a plugin whose errors are problem documents; a 5xx is logged and its detail hidden. */
export function sendProblems(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StorageProblem) return sendStorageProblem(error, request, reply);
    const status = error instanceof ApiProblem ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) app.log.error(error);
    const detail =
      status >= 500
        ? "internal error"
        : error instanceof ApiProblem
          ? error.detailIn(requestLanguage(request))
          : (error as Error).message;
    return reply
      .code(status)
      .type(PROBLEM_MEDIA_TYPE)
      .send(problemDocument(status, detail, request.url));
  });
}
