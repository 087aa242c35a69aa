/** Configuration from environment variables, read once at start-up. */

import { fileURLToPath } from "node:url";
import { DEFAULT_SAVED_QUERY_LIMITS, type SavedQueryLimits } from "./api/pxweb-v2/saved-queries.ts";

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Largest request body accepted (an uploaded PX file), in bytes. */
  readonly bodyLimit: number;
  /** PostgreSQL connection string; without it the embedded database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Largest number of cells one data request may return (PxWeb's maxValues). */
  readonly maxCells: number;
  /** Calls per time window per client on the public API (PxWeb's maxCalls / timeWindow). */
  readonly maxCalls: number;
  readonly timeWindowSeconds: number;
  /** The participating countries (ISO alpha-3), REPORTERS="ARM,AZE,…"; default: the ten of the clearinghouse. */
  readonly reporters: readonly string[] | undefined;
  /** Memory for encoded data responses kept by table version (0 turns the cache off). */
  readonly responseCacheMb: number;
  /** The built web interface (apps/web/dist). */
  readonly webDir: string;
  /** COOKIE_SECURE=true: the session cookie is Secure even on plain HTTP (TLS ends at a proxy in front). */
  readonly cookieSecure: boolean;
  /** A session ends after this many days without use (SESSION_DAYS, default 7). */
  readonly sessionDays: number;
  /** Behind a load balancer: trust X-Forwarded-For for the client's address (rate limits, sign-in throttling). */
  readonly trustProxy: boolean;
  /** Limits of PxWeb API 2.0's saved queries, an unauthenticated write (api/pxweb-v2/saved-queries.ts). */
  readonly savedQueries: SavedQueryLimits;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    bodyLimit: Number(env.BODY_LIMIT ?? 200 * 1024 * 1024),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? "data",
    maxCells: Number(env.MAX_CELLS ?? 150_000),
    maxCalls: Number(env.MAX_CALLS ?? 30),
    timeWindowSeconds: Number(env.TIME_WINDOW ?? 10),
    responseCacheMb: Number(env.RESPONSE_CACHE_MB ?? 64),
    reporters: env.REPORTERS
      ? env.REPORTERS.split(",")
          .map((r) => r.trim().toUpperCase())
          .filter(Boolean)
      : undefined,
    webDir: env.WEB_DIR ?? fileURLToPath(new URL("../../web/dist", import.meta.url)),
    cookieSecure: env.COOKIE_SECURE === "true" || env.COOKIE_SECURE === "1",
    sessionDays: Number(env.SESSION_DAYS ?? 7),
    trustProxy: env.TRUST_PROXY === "true" || env.TRUST_PROXY === "1",
    savedQueries: {
      maxBytes: Number(env.SAVED_QUERY_MAX_BYTES ?? DEFAULT_SAVED_QUERY_LIMITS.maxBytes),
      maxValues: Number(env.SAVED_QUERY_MAX_VALUES ?? DEFAULT_SAVED_QUERY_LIMITS.maxValues),
      maxSaves: Number(env.SAVED_QUERY_MAX_SAVES ?? DEFAULT_SAVED_QUERY_LIMITS.maxSaves),
      windowSeconds: Number(env.SAVED_QUERY_WINDOW ?? DEFAULT_SAVED_QUERY_LIMITS.windowSeconds),
      unusedDays: Number(env.SAVED_QUERY_DAYS ?? DEFAULT_SAVED_QUERY_LIMITS.unusedDays),
    },
  };
}
