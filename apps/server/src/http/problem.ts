/**
 * Errors as our APIs and PxWeb API 2.0 answer them: a Problem document (RFC 9457, `application/problem+json`) with `type`,
 * `title`, `status`, `detail` and `instance`. The type is `about:blank`, so the title is the status's phrase, as in
 * the examples of the specification's ErrorResponse400/403/404/429; `detail` says what is wrong in this request.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DatabaseUnavailableError } from "../storage/database.ts";
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
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
}

/** A request the API refuses, with the status and what is wrong. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string) => new ApiProblem(400, detail);
export const notFound = (detail: string) => new ApiProblem(404, detail);
export const forbidden = (detail: string) => new ApiProblem(403, detail);

export function problemDocument(status: number, detail: string, instance: string): ProblemDocument {
  return {
    type: "about:blank",
    title: TITLES[status] ?? (status >= 500 ? "Internal Server Error" : "Bad Request"),
    status,
    detail,
    instance,
  };
}

const UNAVAILABLE = {
  en: (seconds: number) => `The database cannot be reached at the moment; try again in ${seconds} seconds.`,
  ru: (seconds: number) => `База данных сейчас недоступна; повторите запрос через ${seconds} с.`,
};

/**
 * For an error handler: when the database could not be reached, sets 503, Retry-After and no-store on the reply and
 * returns the detail to send (in the request's language); otherwise undefined. The outage is logged as a warning,
 * without a stack: it is the database's state, not a fault of this request.
 */
export function databaseUnavailable(error: unknown, request: FastifyRequest, reply: FastifyReply): string | undefined {
  if (!(error instanceof DatabaseUnavailableError)) return undefined;
  request.log.warn(error.message);
  reply.code(503).header("retry-after", String(error.retryAfterSeconds)).header("cache-control", "no-store");
  return UNAVAILABLE[requestLanguage(request)](error.retryAfterSeconds);
}

/** A problem document answering a request made while the database cannot be reached (see databaseUnavailable). */
export function sendDatabaseUnavailable(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const detail = databaseUnavailable(error, request, reply);
  if (detail === undefined) return undefined;
  return reply.type(PROBLEM_MEDIA_TYPE).send(problemDocument(503, detail, request.url));
}

/** The error handler of a plugin whose errors are problem documents; a 5xx is logged and its detail hidden. */
export function sendProblems(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DatabaseUnavailableError) return sendDatabaseUnavailable(error, request, reply);
    const status = error instanceof ApiProblem ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) app.log.error(error);
    const detail = status >= 500 ? "internal error" : (error as Error).message;
    return reply
      .code(status)
      .type(PROBLEM_MEDIA_TYPE)
      .send(problemDocument(status, detail, request.url));
  });
}
