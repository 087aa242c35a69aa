/**
 * Opening the database: PostgreSQL when DATABASE_URL is set, otherwise an embedded PGlite in DATA_DIR (created on
 * first start). Migrations run on open, so a new data folder or an empty PostgreSQL database just works.
 */

import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, Migrator, PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { diskGuard, freeBytesOf } from "./disk-space.ts";
import { DatabaseUnavailableError, isConnectionLoss } from "./errors.ts";
import { migrationProvider } from "./migrations.ts";
import { BYTEA_AS_HEX, PgliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export interface StorageConfig {
  /** postgresql://… for PostgreSQL; undefined for the embedded database. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; "memory://" keeps it in memory (tests). */
  readonly dataDir: string;
  /** Embedded database only: a data folder saved by PGlite's dumpDataDir to start from (the tests' template). */
  readonly initialData?: Blob | undefined;
  /** Free space the embedded database keeps on its disk: writes stop under it (DISK_RESERVE_MB, default 64). */
  readonly diskReserveMb?: number | undefined;
}

export interface Storage {
  readonly db: Kysely<Database>;
  readonly kind: "pglite" | "postgresql";
  close(): Promise<void>;
}

/**
 * Which database a configuration opens, in words for a start-up line or a command's report: the embedded database
 * with its folder, or PostgreSQL with its database and host (never the password).
 */
export function describeStorage(config: StorageConfig): string {
  if (!config.databaseUrl) {
    return config.dataDir.startsWith("memory://")
      ? "the embedded database in memory"
      : `the embedded database in ${config.dataDir} (DATA_DIR)`;
  }
  let url: URL;
  try {
    url = new URL(config.databaseUrl);
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "its default database";
  const host = url.hostname ? decodeURIComponent(url.hostname) : (url.searchParams.get("host") ?? "the local socket");
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : "";
  return `PostgreSQL database ${database} on ${host}${url.port ? `:${url.port}` : ""}${user} (DATABASE_URL)`;
}

/**
 * pg's pool as Kysely uses it, made to outlive outages: a failed connect and a connection lost during a query become
 * DatabaseUnavailableError, and a client whose connection was lost is destroyed on release instead of going back
 * to the pool. Idle clients dying (a restart terminates them) is reported by the pool's "error" event, which must
 * be listened to: unhandled, it ends the process.
 */
function outageAwarePool(pool: pg.Pool, log: (message: string) => void): PostgresPool {
  pool.on("error", (error) => log(`PostgreSQL: an idle connection was closed (${error.message})`));
  return {
    async connect(): Promise<PostgresPoolClient> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new DatabaseUnavailableError(error);
      }
      let lost = false;
      const query = async (sqlText: string, parameters: readonly unknown[]) => {
        try {
          return await client.query(sqlText, parameters as unknown[]);
        } catch (error) {
          if (!isConnectionLoss(error)) throw error;
          lost = true;
          throw new DatabaseUnavailableError(error);
        }
      };
      return {
        // Kysely streams only with a cursor class configured, which this pool is not given: only (sql, parameters).
        query: query as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy || lost),
      };
    },
    end: () => pool.end(),
  };
}

/**
 * A URL without a user (postgresql:///db?host=/var/run/postgresql) means the OS user, as for psql; pg falls back to
 * PGUSER, then USER, which a service's environment may lack.
 */
export function defaultPostgresUser(): void {
  process.env.PGUSER ??= userInfo().username;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export interface OpenOptions {
  readonly log?: (message: string) => void;
  /** The embedded database's free disk space (tests inject one); default: the data folder's file system. */
  readonly freeBytes?: () => number;
}

/** The database, connected and migrated: what the commands and the tests use. */
export async function openStorage(config: StorageConfig, options: OpenOptions = {}): Promise<Storage> {
  const storage = connectStorage(config, options);
  await migrateStorage(storage);
  return storage;
}

/**
 * The database without its migrations: the server listens on it at once, answering /readyz "starting" (and every
 * other request 503) until migrateStorage and the seeding are done (http/startup.ts).
 */
export function connectStorage(config: StorageConfig, options: OpenOptions = {}): Storage {
  let db: Kysely<Database>;
  let kind: Storage["kind"];
  if (config.databaseUrl) {
    // bytea comes back as Buffer, which is a Uint8Array; int8 (counts) as number.
    pg.types.setTypeParser(20, (v) => Number(v));
    defaultPostgresUser();
    // A connect that hangs (a network cut), or a wait for a free connection, fails after 15 s instead of holding
    // the request until the system's TCP timeout.
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 15_000 });
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: outageAwarePool(pool, options.log ?? ((m) => console.error(m))) }),
    });
    kind = "postgresql";
  } else {
    const onDisk = !config.dataDir.startsWith("memory://");
    if (onDisk) mkdirSync(config.dataDir, { recursive: true });
    const guard = onDisk
      ? diskGuard(
          config.dataDir,
          (config.diskReserveMb ?? 64) * 1024 * 1024,
          options.freeBytes ?? (() => freeBytesOf(config.dataDir)),
        )
      : undefined;
    const free = guard?.free() ?? 0;
    if (guard && free < guard.reserveBytes) {
      // Starting writes (the log, a checkpoint, migrations); on a full disk PostgreSQL could not start again.
      throw new Error(
        `cannot start: the data folder ${config.dataDir} has ${mb(free)} MB free on its disk, under the ${mb(guard.reserveBytes)} MB the embedded database keeps free (DISK_RESERVE_MB) to write its log and start again; free space on that disk, or move the folder (DATA_DIR) to a larger one`,
      );
    }
    // pg_trgm: the inventory's typo-tolerant search, the same extension PostgreSQL has.
    const dataDir = config.dataDir;
    db = new Kysely<Database>({
      dialect: new PgliteDialect({
        open: () =>
          new PGlite(dataDir, {
            extensions: { pg_trgm },
            ...BYTEA_AS_HEX,
            ...(config.initialData ? { loadDataDir: config.initialData } : {}),
          }),
        guard,
      }),
    });
    kind = "pglite";
  }
  return { db, kind, close: () => db.destroy() };
}

/** Runs the migrations not yet applied; on failure the database is closed and the error names the migration. */
export async function migrateStorage(storage: Storage): Promise<void> {
  const { error, results } = await new Migrator({ db: storage.db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await storage.close();
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const step = failed ? `database migration ${failed}` : "preparing the database migrations";
    throw new Error(`${step} failed: ${(error as Error).message ?? String(error)}`);
  }
}
