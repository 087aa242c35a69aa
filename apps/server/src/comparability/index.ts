/**
 * The comparability views of issue 12 under /api/comparability/…, over the current versions of the standard
 * tables (`released.ts`); the pure computations are in `@clearinghouse/domain`'s `comparability/`. Each view's
 * routes are their own file, registered here: availability, consistency and the country profile (h7), mirror
 * statistics and the indicators (h8). Answers are cached by the versions of the tables they read, so a release
 * changes them at once and nothing has to invalidate them (`docs/decisions/0011-comparability.md`).
 */

import { DEFAULT_REPORTERS } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { sendProblems } from "../http/problem.ts";
import type { CubeService } from "../tables/cubes.ts";

export interface ComparabilityOptions {
  readonly cubes: CubeService;
  /** The languages of the API, the first the default. */
  readonly languages: readonly string[];
  /** The participating countries (default `DEFAULT_REPORTERS`). */
  readonly reporters?: readonly string[];
}

/** What every view's routes get: the options with the reporters resolved. */
export interface ComparabilityContext {
  readonly cubes: CubeService;
  readonly languages: readonly string[];
  readonly reporters: readonly string[];
}

export async function comparabilityApi(app: FastifyInstance, options: ComparabilityOptions): Promise<void> {
  const context: ComparabilityContext = {
    cubes: options.cubes,
    languages: options.languages,
    reporters: options.reporters ?? DEFAULT_REPORTERS,
  };
  sendProblems(app);
  for (const routes of VIEWS) await routes(app, context);
}

/** A view's routes. */
export type ComparabilityRoutes = (app: FastifyInstance, context: ComparabilityContext) => Promise<void>;

const VIEWS: readonly ComparabilityRoutes[] = [
  // availability, consistency, country profile (h7) above this line
  // mirror statistics, indicators (h8) below this line
];
