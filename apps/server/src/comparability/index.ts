/**
 * The comparability views of issue 12 under /api/comparability/…, over the current versions of the standard
 * tables (`released.ts`); the pure computations are in `@clearinghouse/domain`'s `comparability/`. Each view's
 * routes are their own file, registered here: availability, consistency and the country profile (h7), mirror
 * statistics and the indicators (h8). Answers are cached by the versions of the tables they read, so a release
 * changes them at once and nothing has to invalidate them (`docs/decisions/0011-comparability.md`).
 */

import { DEFAULT_REPORTERS } from "@clearinghouse/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendCached } from "../http/caching.ts";
import { sendProblems } from "../http/problem.ts";
import { type CachedResponse, ResponseCache } from "../http/response-cache.ts";
import type { CubeService } from "../tables/cubes.ts";
import { availabilityRoutes } from "./availability.ts";
import { consistencyRoutes } from "./consistency.ts";
import { IndicatorCache } from "./indicator-table.ts";
import { indicatorRoutes } from "./indicators.ts";
import { mirrorRoutes } from "./mirror.ts";
import { profileRoutes } from "./profile.ts";

export interface ComparabilityOptions {
  readonly cubes: CubeService;
  /** The languages of the API, the first the default. */
  readonly languages: readonly string[];
  /** The participating countries (default `DEFAULT_REPORTERS`). */
  readonly reporters?: readonly string[];
  /** Memory for computed answers, kept by the versions they were computed from (default 16 MB). */
  readonly cacheBytes?: number;
  /** The indicators computed for table IND (the one the CubeService's IND is built from; default a new one). */
  readonly indicators?: IndicatorCache;
}

/** What every view's routes get: the options with the reporters resolved, and the answer cache. */
export interface ComparabilityContext {
  readonly cubes: CubeService;
  readonly languages: readonly string[];
  readonly reporters: readonly string[];
  /**
   * Sends the answer kept under `key` (which must hold the versions it reads), or makes and keeps it; with an
   * ETag, so a client that has it gets 304.
   */
  readonly answer: (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    make: () => Promise<CachedResponse>,
  ) => Promise<FastifyReply>;
  readonly indicators: IndicatorCache;
}

/** A view's routes. */
export type ComparabilityRoutes = (app: FastifyInstance, context: ComparabilityContext) => Promise<void>;

const VIEWS: readonly ComparabilityRoutes[] = [
  availabilityRoutes,
  consistencyRoutes,
  profileRoutes,
  // availability, consistency, country profile (h7) above this line
  // mirror statistics, indicators (h8) below this line
  mirrorRoutes,
  indicatorRoutes,
];

export const JSON_MEDIA_TYPE = "application/json; charset=utf-8";

/** A JSON answer for the cache. */
export const jsonAnswer = (payload: unknown): CachedResponse => ({
  body: Buffer.from(JSON.stringify(payload)),
  mediaType: JSON_MEDIA_TYPE,
});

export async function comparabilityApi(app: FastifyInstance, options: ComparabilityOptions): Promise<void> {
  const cache = new ResponseCache(options.cacheBytes ?? 16 * 1024 * 1024, 4 * 1024 * 1024);
  const context: ComparabilityContext = {
    cubes: options.cubes,
    languages: options.languages,
    reporters: options.reporters ?? DEFAULT_REPORTERS,
    indicators: options.indicators ?? new IndicatorCache(options.reporters ?? DEFAULT_REPORTERS),
    answer: async (request, reply, key, make) => {
      const made = await cache.getOrMake(key, make);
      for (const [name, value] of Object.entries(made.headers ?? {})) reply.header(name, value);
      return sendCached(request, reply, made.body, key, made.mediaType);
    },
  };
  sendProblems(app);
  for (const routes of VIEWS) await routes(app, context);
}
