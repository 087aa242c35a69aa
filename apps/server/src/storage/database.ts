/**
 * Opening the database: PostgreSQL when DATABASE_URL is set, otherwise an embedded PGlite in DATA_DIR (created on
 * first start). Migrations run on open, so a new data folder or an empty PostgreSQL database just works.
 */

import { mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, Migrator, PostgresDialect } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations.ts";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export interface StorageConfig {
  /** postgresql://… for PostgreSQL; undefined for the embedded database. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; "memory://" keeps it in memory (tests). */
  readonly dataDir: string;
  /** Embedded database only: a data folder saved by PGlite's dumpDataDir to start from (the tests' template). */
  readonly initialData?: Blob | undefined;
}

export interface Storage {
  readonly db: Kysely<Database>;
  readonly kind: "pglite" | "postgresql";
  close(): Promise<void>;
}

/**
 * A URL without a user (postgresql:///db?host=/var/run/postgresql) means the OS user, as for psql; pg falls back to
 * PGUSER, then USER, which a service's environment may lack.
 */
export function defaultPostgresUser(): void {
  process.env.PGUSER ??= userInfo().username;
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  let db: Kysely<Database>;
  let kind: Storage["kind"];
  if (config.databaseUrl) {
    // bytea comes back as Buffer, which is a Uint8Array; int8 (counts) as number.
    pg.types.setTypeParser(20, (v) => Number(v));
    defaultPostgresUser();
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    kind = "postgresql";
  } else {
    if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
    // pg_trgm: the inventory's typo-tolerant search, the same extension PostgreSQL has.
    db = new Kysely<Database>({
      dialect: new PgliteDialect(
        new PGlite(config.dataDir, {
          extensions: { pg_trgm },
          ...(config.initialData ? { loadDataDir: config.initialData } : {}),
        }),
      ),
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
