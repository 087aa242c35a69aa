/**
 * The Fastify application, built without listening so tests can call it with `app.inject()`. Each feature is a
 * plugin that owns its routes: the start page and PX validation, health and metrics, PxWeb API v1 and v2.
 */

import { DEFAULT_REPORTERS } from "@clearinghouse/domain";
import compress from "@fastify/compress";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import { glossaryApi } from "./api/glossary/index.ts";
import { countryMetadataApi } from "./api/metadata/index.ts";
import { pxwebV1 } from "./api/pxweb-v1/index.ts";
import { pxwebV2 } from "./api/pxweb-v2/index.ts";
import { searchApi } from "./api/search/index.ts";
import { tablesApi } from "./api/tables/index.ts";
import { auditApi } from "./audit/index.ts";
import { accounts } from "./auth/index.ts";
import { comparabilityApi } from "./comparability/index.ts";
import { IndicatorCache, indicatorTable } from "./comparability/indicator-table.ts";
import type { Config } from "./config.ts";
import { countRequests, health, RequestMetrics } from "./http/health.ts";
import { type LogFormat, loggerOptions } from "./http/log-format.ts";
import { refuseNul } from "./http/params.ts";
import { publicRateLimit, sharedCounts } from "./http/rate-limit.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { Startup, startupGate } from "./http/startup.ts";
import { inventoryApi } from "./inventory/api.ts";
import { notificationsApi } from "./notifications/index.ts";
import { pxValidate } from "./px-validate.ts";
import type { Storage } from "./storage/database.ts";
import { submissionsApi } from "./submissions/routes.ts";
import { CubeService } from "./tables/cubes.ts";
import { web } from "./web.ts";

export const LANGUAGES = ["en", "ru"] as const;

export async function buildApp(
  config: Config,
  storage: Storage,
  options: {
    /** false: none; a format (main.ts): JSON lines of every request, or readable warnings on a terminal. */
    readonly logger?: boolean | LogFormat;
    /** The start-up under way (main.ts): until it is done, requests but /healthz and /readyz answer 503. */
    readonly startup?: Startup;
    /** Called with every route the app registers (the permission-matrix test collects the route table with it). */
    readonly onRoute?: (route: RouteOptions) => void;
  } = {},
): Promise<FastifyInstance> {
  const logging =
    typeof options.logger === "string"
      ? loggerOptions(options.logger)
      : { logger: options.logger ?? (process.env.NODE_ENV !== "test" && !process.env.VITEST) };
  const app = Fastify({
    ...logging,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // While a process drains (http/shutdown.ts), a request that still reaches it on a kept-alive connection is
    // answered (with Connection: close) rather than refused with 503: new connections already go elsewhere.
    return503OnClosing: false,
  });
  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  const startup = options.startup ?? new Startup();
  const metrics = new RequestMetrics();
  startupGate(app, startup, { closeConnections: config.trustProxy });
  countRequests(app, metrics);
  // Table IND is computed from the current versions of its inputs (comparability/indicator-table.ts).
  const indicators = new IndicatorCache(config.reporters ?? DEFAULT_REPORTERS);
  const cubes = new CubeService(storage.db, config.cubeCacheMb * 1024 * 1024, undefined, [indicatorTable(indicators)]);
  refuseNul(app);

  app.addContentTypeParser(["application/octet-stream", "text/plain"], { parseAs: "buffer" }, (_req, body, done) =>
    done(null, body),
  );
  await securityHeaders(app);
  await app.register(compress, { global: true, encodings: ["br", "gzip"], threshold: 1024 });
  // The OpenAPI document is built from the routes' schemas; /api/docs is its interactive reference (served locally).
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Migration Statistics Clearinghouse API",
        version: "1",
        description:
          "PxWeb API v1 (/api/v1/{lang}/…) and 2.0 (/api/v2/…) compatible endpoints over the clearinghouse tables, in English and Russian.",
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // Outside the public APIs' scope (no CORS on the cookie's routes, a sign-in limit of their own); sets request.user.
  await app.register(accounts, {
    db: storage.db,
    cookieSecure: config.cookieSecure,
    sessionDays: config.sessionDays,
    ...(config.reporters ? { reporters: config.reporters } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.smtpUrl ? { smtp: { url: config.smtpUrl, from: config.smtpFrom } } : {}),
  });
  await app.register(auditApi, { db: storage.db });
  await app.register(notificationsApi, { db: storage.db });
  await app.register(submissionsApi, {
    db: storage.db,
    reporters: config.reporters,
    upload: { maxBytes: config.bodyLimit, maxCells: config.uploadCells },
  });
  await app.register(health, { storage, startup, metrics });
  await app.register(pxValidate, {
    maxBytes: config.validateMaxBytes,
    maxCells: config.validateMaxCells,
    seconds: config.validateSeconds,
    callsPerMinute: config.validateCallsPerMinute,
    counts: sharedCounts(storage, "validate:", (error) => app.log.error(error)),
  });
  await app.register(web, { dir: config.webDir });

  // The public APIs: CORS for browsers on other sites, and a rate limit per client.
  await app.register(async (api) => {
    // A selection is a few kilobytes: the general body limit is for PX uploads, not for the public APIs' bodies.
    api.addHook("onRoute", (route) => {
      route.bodyLimit ??= config.apiBodyLimit;
    });
    await api.register(cors, { origin: "*", methods: ["GET", "POST"] });
    // Counted in PostgreSQL when there is one, so that every process behind the load balancer shares the count.
    await api.register(
      rateLimit,
      publicRateLimit(config, storage, (error) => app.log.error(error)),
    );
    // The two PxWeb APIs answer from the same tables under the same limits.
    const pxweb = {
      cubes,
      languages: LANGUAGES,
      maxCells: config.maxCells,
      maxCalls: config.maxCalls,
      timeWindowSeconds: config.timeWindowSeconds,
      responseCacheMb: config.responseCacheMb,
    };
    await api.register(pxwebV1, pxweb);
    await api.register(tablesApi, { cubes, languages: LANGUAGES, maxCells: config.maxCells });
    await api.register(glossaryApi, { languages: LANGUAGES });
    await api.register(searchApi, { cubes, languages: LANGUAGES });
    await api.register(inventoryApi, { db: storage.db });
    await api.register(countryMetadataApi, {
      cubes,
      languages: LANGUAGES,
      ...(config.reporters ? { reporters: config.reporters } : {}),
    });
    await api.register(pxwebV2, { ...pxweb, savedQueries: config.savedQueries });
    await api.register(comparabilityApi, {
      cubes,
      indicators,
      languages: LANGUAGES,
      ...(config.reporters ? { reporters: config.reporters } : {}),
    });
  });
  return app;
}
