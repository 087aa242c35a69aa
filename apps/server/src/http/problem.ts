/**
 * Errors as our APIs and PxWeb API 2.0 answer them: a Problem document (RFC 9457, `application/problem+json`) with `type`,
 * `title`, `status`, `detail` and `instance`. The type is `about:blank`, so the title is the status's phrase, as in
 * the examples of the specification's ErrorResponse400/403/404/429; `detail` says what is wrong in this request.
 */

import type { FastifyInstance } from "fastify";

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

/** The error handler of a plugin whose errors are problem documents; a 5xx is logged and its detail hidden. */
export function sendProblems(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const status = error instanceof ApiProblem ? error.status : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) app.log.error(error);
    const detail = status >= 500 ? "internal error" : (error as Error).message;
    return reply
      .code(status)
      .type(PROBLEM_MEDIA_TYPE)
      .send(problemDocument(status, detail, request.url));
  });
}
