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
import { migrationProvider } from "./migrations.ts";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export interface StorageConfig {
  /** postgresql://… for PostgreSQL; undefined for the embedded database. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; "memory://" keeps it in memory (tests). */
  readonly dataDir: string;
}

export interface Storage {
  readonly db: Kysely<Database>;
  readonly kind: "pglite" | "postgresql";
  close(): Promise<void>;
}

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_SECONDS = 5;

/**
 * The database cannot be reached now (PostgreSQL restarting, the connection cut, no connection allowed): not a fault
 * of the request, so the APIs answer 503 with Retry-After; the pool opens new connections once it is back.
 */
export class DatabaseUnavailableError extends Error {
  readonly statusCode = 503;
  readonly retryAfterSeconds = DATABASE_RETRY_SECONDS;
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/**
 * SQLSTATEs and socket errors of a lost connection: class 08 (connection exception), 57P01–57P03 (administrator
 * command, crash, cannot connect now), and the node errors of a closed or refused socket.
 */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (code.startsWith("08") || /^57P0[123]$/.test(code)) return true;
    if (["ECONNREFUSED", "ECONNRESET", "ENOENT", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"].includes(code)) return true;
  }
  return typeof message === "string" && /^Connection terminated|connection timeout|not queryable/i.test(message);
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

export async function openStorage(
  config: StorageConfig,
  options: { readonly log?: (message: string) => void } = {},
): Promise<Storage> {
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
    if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
    // pg_trgm: the inventory's typo-tolerant search, the same extension PostgreSQL has.
    db = new Kysely<Database>({
      dialect: new PgliteDialect(new PGlite(config.dataDir, { extensions: { pg_trgm } })),
    });
    kind = "pglite";
  }
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { db, kind, close: () => db.destroy() };
}
