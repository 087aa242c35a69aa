/** Configuration from environment variables, read once at start-up. */

import { fileURLToPath } from "node:url";

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Largest request body accepted (an uploaded PX file), in bytes. */
  readonly bodyLimit: number;
  /** Largest request body of the public APIs (a selection, a saved query), in bytes. */
  readonly apiBodyLimit: number;
  /** PX validation for anyone (POST /api/px/validate): largest file in bytes, most cells declared, seconds per
   * file, calls per client per minute. */
  readonly validateMaxBytes: number;
  readonly validateMaxCells: number;
  readonly validateSeconds: number;
  readonly validateCallsPerMinute: number;
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
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    bodyLimit: Number(env.BODY_LIMIT ?? 200 * 1024 * 1024),
    apiBodyLimit: Number(env.API_BODY_LIMIT ?? 1024 * 1024),
    validateMaxBytes: Number(env.VALIDATE_MB ?? 20) * 1024 * 1024,
    validateMaxCells: Number(env.VALIDATE_CELLS ?? 10_000_000),
    validateSeconds: Number(env.VALIDATE_SECONDS ?? 10),
    validateCallsPerMinute: Number(env.VALIDATE_CALLS ?? 20),
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
  };
}
