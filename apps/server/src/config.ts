/**
 * Configuration from environment variables, read once at start-up. `VARIABLES` is the one list: each variable is
 * parsed and checked there, a bad value stops the start with an error naming the variable and what it wants, and
 * the README's configuration table lists the same names (a test keeps them in step).
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SAVED_QUERY_LIMITS, type SavedQueryLimits } from "./api/pxweb-v2/saved-queries.ts";
import type { LogFormatSetting } from "./http/log-format.ts";

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
  /** Largest number of cells one data request may return (PxWeb's maxValues and maxCells). */
  readonly maxCells: number;
  /** Calls per time window per client on the public API (PxWeb's maxCalls / timeWindow). */
  readonly maxCalls: number;
  readonly timeWindowSeconds: number;
  /** The participating countries (ISO alpha-3), REPORTERS="ARM,AZE,…"; default: the ten of the clearinghouse. */
  readonly reporters: readonly string[] | undefined;
  /** Memory for encoded data responses kept by table version (0 turns the cache off). */
  readonly responseCacheMb: number;
  /** Memory for decoded tables (cubes) kept by table version, in MB (CUBE_CACHE_MB). */
  readonly cubeCacheMb: number;
  /** Free space the embedded database keeps on its disk, in MB: writes are refused under it (DISK_RESERVE_MB). */
  readonly diskReserveMb: number;
  /** The built web interface (apps/web/dist). */
  readonly webDir: string;
  /** COOKIE_SECURE=true: the session cookie is Secure even on plain HTTP (TLS ends at a proxy in front). */
  readonly cookieSecure: boolean;
  /** A session ends after this many days without use (SESSION_DAYS, default 7). */
  readonly sessionDays: number;
  /** PUBLIC_URL: where users reach the clearinghouse (https://stats.example.org), for links in invitations. */
  readonly publicUrl: string | undefined;
  /** SMTP_URL (smtp:// or smtps://, credentials in it): invitations are e-mailed too; without it, never. */
  readonly smtpUrl: string | undefined;
  /** SMTP_FROM: the sender of those e-mails. */
  readonly smtpFrom: string;
  /** Behind a load balancer: trust X-Forwarded-For for the client's address (rate limits, sign-in throttling). */
  readonly trustProxy: boolean;
  /** SEED=none: a new database stays empty instead of getting the demo clearinghouse. */
  readonly seed: boolean;
  /** LINK_CHECK=off: this process does not check the institutions' websites (another one does). */
  readonly linkCheck: boolean;
  /** LOG_FORMAT: json (every request, for a collector), text (readable, warnings only) or auto (text on a terminal). */
  readonly logFormat: LogFormatSetting;
  /** How long a stopping process waits for requests in flight before it closes anyway. */
  readonly shutdownTimeoutMs: number;
  /** Limits of PxWeb API 2.0's saved queries, an unauthenticated write (api/pxweb-v2/saved-queries.ts). */
  readonly savedQueries: SavedQueryLimits;
  /** Most cells one submission upload may hold (UPLOAD_CELLS); its bytes are limited by BODY_LIMIT. */
  readonly uploadCells: number;
  /** How often each process looks for embargoed submissions that are due (RELEASE_CHECK_SECONDS). */
  readonly releaseCheckMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A value that cannot be used: the message says what the variable wants. */
class Invalid extends Error {}

const integer = (min: number, max: number, wanted: string) => (raw: string) => {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new Invalid(wanted);
  return value;
};
const positive = integer(1, Number.MAX_SAFE_INTEGER, "a positive integer");
const nonNegative = integer(0, Number.MAX_SAFE_INTEGER, "an integer, 0 or more");
const flag = (raw: string) => {
  const value = raw.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(value)) return true;
  if (["false", "0", "no", "off", ""].includes(value)) return false;
  throw new Invalid("true or false");
};
const text = (raw: string) => {
  if (raw.trim() === "") throw new Invalid("not empty");
  return raw;
};

/** Each variable: what it sets, how it is read (throwing Invalid with what is wanted) and its default. */
const VARIABLE_SPECS = {
  PORT: { read: integer(0, 65535, "a port number, 0 to 65535"), default: 3000 },
  HOST: { read: text, default: "127.0.0.1" },
  BODY_LIMIT: { read: positive, default: 200 * 1024 * 1024 },
  API_BODY_LIMIT: { read: positive, default: 1024 * 1024 },
  VALIDATE_MB: { read: positive, default: 20 },
  VALIDATE_CELLS: { read: positive, default: 10_000_000 },
  VALIDATE_SECONDS: { read: positive, default: 10 },
  VALIDATE_CALLS: { read: positive, default: 20 },
  DATABASE_URL: {
    read: (raw: string) => {
      if (raw === "") return undefined;
      if (!/^postgres(ql)?:\/\//.test(raw)) throw new Invalid("a postgresql:// URL");
      return raw;
    },
    default: undefined,
  },
  DATA_DIR: { read: (raw: string) => dataDirOf(text(raw)), default: dataDirOf("data") },
  MAX_CELLS: { read: positive, default: 150_000 },
  MAX_CALLS: { read: positive, default: 30 },
  TIME_WINDOW: { read: positive, default: 10 },
  RESPONSE_CACHE_MB: { read: nonNegative, default: 64 },
  CUBE_CACHE_MB: { read: nonNegative, default: 256 },
  DISK_RESERVE_MB: { read: nonNegative, default: 64 },
  REPORTERS: {
    read: (raw: string) => {
      const codes = raw
        .split(",")
        .map((r) => r.trim().toUpperCase())
        .filter(Boolean);
      if (codes.length === 0 || codes.some((c) => !/^[A-Z]{3}$/.test(c)))
        throw new Invalid("ISO alpha-3 country codes separated by commas, such as ARM,KAZ");
      return codes;
    },
    default: undefined,
  },
  SEED: {
    read: (raw: string) => {
      if (raw === "none") return false;
      if (raw === "" || raw === "demo") return true;
      throw new Invalid('"none" (or "demo", the default)');
    },
    default: true,
  },
  WEB_DIR: { read: text, default: fileURLToPath(new URL("../../web/dist", import.meta.url)) },
  COOKIE_SECURE: { read: flag, default: false },
  SESSION_DAYS: { read: positive, default: 7 },
  TRUST_PROXY: { read: flag, default: false },
  PUBLIC_URL: {
    read: (raw: string) => {
      let url: URL;
      try {
        url = new URL(raw.trim());
      } catch {
        throw new Invalid("an http:// or https:// URL, such as https://stats.example.org");
      }
      if (!["http:", "https:"].includes(url.protocol) || url.search || url.hash || url.username)
        throw new Invalid("an http:// or https:// URL without query, fragment or credentials");
      return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    },
    default: undefined,
  },
  SMTP_URL: {
    read: (raw: string) => {
      if (raw.trim() === "") return undefined;
      let url: URL;
      try {
        url = new URL(raw.trim());
      } catch {
        throw new Invalid("an smtp:// or smtps:// URL, such as smtp://user:password@mail.example.org:587");
      }
      if (!["smtp:", "smtps:"].includes(url.protocol) || !url.hostname)
        throw new Invalid("an smtp:// or smtps:// URL with a host");
      return raw.trim();
    },
    default: undefined,
  },
  SMTP_FROM: {
    read: (raw: string) => {
      if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw.trim())) throw new Invalid("an email address");
      return raw.trim();
    },
    default: "clearinghouse@localhost",
  },
  LINK_CHECK: { read: flag, default: true },
  LOG_FORMAT: {
    read: (raw: string): LogFormatSetting => {
      const value = raw.trim().toLowerCase();
      if (value === "auto" || value === "text" || value === "json") return value;
      throw new Invalid('"auto", "text" or "json"');
    },
    default: "auto" as LogFormatSetting,
  },
  SHUTDOWN_TIMEOUT: { read: positive, default: 10 },
  SAVED_QUERY_MAX_BYTES: { read: positive, default: DEFAULT_SAVED_QUERY_LIMITS.maxBytes },
  SAVED_QUERY_MAX_VALUES: { read: positive, default: DEFAULT_SAVED_QUERY_LIMITS.maxValues },
  SAVED_QUERY_MAX_SAVES: { read: positive, default: DEFAULT_SAVED_QUERY_LIMITS.maxSaves },
  SAVED_QUERY_WINDOW: { read: positive, default: DEFAULT_SAVED_QUERY_LIMITS.windowSeconds },
  SAVED_QUERY_DAYS: { read: positive, default: DEFAULT_SAVED_QUERY_LIMITS.unusedDays },
  UPLOAD_CELLS: { read: positive, default: 5_000_000 },
  RELEASE_CHECK_SECONDS: { read: integer(1, 86_400, "a whole number of seconds, 1 to 86400"), default: 30 },
} as const;

/**
 * The repository's root: the nearest folder above this file whose package.json declares the workspaces. The server
 * (`npm start` runs in apps/server) and the commands (`npx clearinghouse` runs wherever it is typed) resolve a
 * relative DATA_DIR against it, so that both open the same database.
 */
export function repositoryRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in JSON.parse(readFileSync(manifest, "utf8"))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** DATA_DIR as a folder: absolute as given, relative to the repository's root; `memory://` is PGlite's, kept. */
export function dataDirOf(raw: string, root: string = repositoryRoot()): string {
  if (raw.startsWith("memory://") || isAbsolute(raw)) return raw;
  return resolve(root, raw);
}

type Name = keyof typeof VARIABLE_SPECS;
type Value<N extends Name> = ReturnType<(typeof VARIABLE_SPECS)[N]["read"]> | (typeof VARIABLE_SPECS)[N]["default"];

/** Every variable the server reads, in the README's order. */
export const VARIABLES = Object.keys(VARIABLE_SPECS) as Name[];

/**
 * The beginnings of our variables' names: an unknown variable starting so is most likely a typo (MAX_CELL,
 * COOKIE_SECURED) and is warned about; CLEARINGHOUSE_ is kept for later ones. Words other programs use too
 * (SESSION_MANAGER, DATABASE_…) are left out.
 */
const OUR_PREFIXES = [
  "CLEARINGHOUSE_",
  "MAX_",
  "TIME_",
  "RESPONSE_",
  "COOKIE_",
  "TRUST_",
  "LINK_",
  "LOG_",
  "SHUTDOWN_",
  "BODY_",
  "API_",
  "VALIDATE_",
  "SAVED_",
  "UPLOAD_",
  "RELEASE_",
  "PUBLIC_",
  "SMTP_",
];

/** The configuration, or an error listing every variable with a value that cannot be used. */
export function configFromEnv(env: Env = process.env): Config {
  const problems: string[] = [];
  const get = <N extends Name>(name: N): Value<N> => {
    const raw = env[name];
    const spec = VARIABLE_SPECS[name];
    if (raw === undefined) return spec.default as Value<N>;
    try {
      return spec.read(raw) as Value<N>;
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(`${name} must be ${error.message}, not ${JSON.stringify(raw)}`);
      return spec.default as Value<N>;
    }
  };
  const config: Config = {
    port: get("PORT"),
    host: get("HOST"),
    bodyLimit: get("BODY_LIMIT"),
    apiBodyLimit: get("API_BODY_LIMIT"),
    validateMaxBytes: get("VALIDATE_MB") * 1024 * 1024,
    validateMaxCells: get("VALIDATE_CELLS"),
    validateSeconds: get("VALIDATE_SECONDS"),
    validateCallsPerMinute: get("VALIDATE_CALLS"),
    databaseUrl: get("DATABASE_URL"),
    dataDir: get("DATA_DIR"),
    maxCells: get("MAX_CELLS"),
    maxCalls: get("MAX_CALLS"),
    timeWindowSeconds: get("TIME_WINDOW"),
    responseCacheMb: get("RESPONSE_CACHE_MB"),
    cubeCacheMb: get("CUBE_CACHE_MB"),
    diskReserveMb: get("DISK_RESERVE_MB"),
    reporters: get("REPORTERS"),
    webDir: get("WEB_DIR"),
    cookieSecure: get("COOKIE_SECURE"),
    sessionDays: get("SESSION_DAYS"),
    trustProxy: get("TRUST_PROXY"),
    publicUrl: get("PUBLIC_URL"),
    smtpUrl: get("SMTP_URL"),
    smtpFrom: get("SMTP_FROM"),
    seed: get("SEED"),
    linkCheck: get("LINK_CHECK"),
    logFormat: get("LOG_FORMAT"),
    shutdownTimeoutMs: get("SHUTDOWN_TIMEOUT") * 1000,
    savedQueries: {
      maxBytes: get("SAVED_QUERY_MAX_BYTES"),
      maxValues: get("SAVED_QUERY_MAX_VALUES"),
      maxSaves: get("SAVED_QUERY_MAX_SAVES"),
      windowSeconds: get("SAVED_QUERY_WINDOW"),
      unusedDays: get("SAVED_QUERY_DAYS"),
    },
    uploadCells: get("UPLOAD_CELLS"),
    releaseCheckMs: get("RELEASE_CHECK_SECONDS") * 1000,
  };
  if (problems.length > 0) throw new Error(`configuration: ${problems.join("; ")}`);
  return config;
}

/** Warnings about variables that look like ours but are not read (a typo would otherwise pass in silence). */
export function unknownVariables(env: Env = process.env): string[] {
  const known = new Set<string>(VARIABLES);
  return Object.keys(env)
    .filter((name) => !known.has(name) && OUR_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .map((name) => `${name} is not a setting of the server (known: ${VARIABLES.join(", ")})`);
}
