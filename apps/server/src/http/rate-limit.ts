/**
 * The public APIs' rate limit (PxWeb's maxCalls per timeWindow, per client address). On PostgreSQL the counts
 * live in the database (rate-limit-store.ts, added every 100 ms by each process), so every server process behind
 * the load balancer sees one count per client. The embedded PGlite database belongs to one process, whose own memory is then the shared state, and a
 * query per call would only queue behind the data on its single connection.
 * Past the limit: 429 with Retry-After, as a problem document in the reader's language (PxWeb API v1 keeps its
 * own error shape).
 */

import type { RateLimitPluginOptions } from "@fastify/rate-limit";
import type { Config } from "../config.ts";
import type { Storage } from "../storage/database.ts";
import { type Lang, requestLanguage } from "./language.ts";
import { ApiProblem } from "./problem.ts";
import { databaseRateLimitStore } from "./rate-limit-store.ts";

/** The refusal (ApiProblem's `statusCode` is what the error handlers that read Fastify's errors look at). */
export class TooManyCalls extends ApiProblem {}

export function tooManyCallsMessage(max: number, windowSeconds: number, retrySeconds: number, lang: Lang) {
  return lang === "ru"
    ? `слишком много запросов: не более ${max} за ${windowSeconds} с; повторите через ${retrySeconds} с`
    : `too many calls: at most ${max} per ${windowSeconds} s; try again in ${retrySeconds} s`;
}

/**
 * Where a rate limit keeps its counts: on PostgreSQL the shared rows under `prefix` (one count per client for every
 * process), on PGlite the plugin's own memory (one process).
 */
export function sharedCounts(
  storage: Storage,
  prefix: string,
  log: (error: Error) => void,
  now: () => Date = () => new Date(),
): Pick<RateLimitPluginOptions, "store"> {
  return storage.kind === "postgresql"
    ? { store: databaseRateLimitStore(storage.db, prefix, now, { onError: log }) }
    : {};
}

export function publicRateLimit(
  config: Pick<Config, "maxCalls" | "timeWindowSeconds">,
  storage: Storage,
  log: (error: Error) => void,
  now: () => Date = () => new Date(),
): RateLimitPluginOptions {
  return {
    max: config.maxCalls,
    timeWindow: config.timeWindowSeconds * 1000,
    ...sharedCounts(storage, "api:", log, now),
    errorResponseBuilder: (request, context) =>
      new TooManyCalls(
        429,
        tooManyCallsMessage(
          config.maxCalls,
          config.timeWindowSeconds,
          Math.max(1, Math.ceil(context.ttl / 1000)),
          requestLanguage(request),
        ),
      ),
  };
}
