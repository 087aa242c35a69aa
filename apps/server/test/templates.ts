/**
 * Database templates made once per test run (vitest globalSetup) so that a suite's set-up copies a migrated
 * database instead of running initdb and every migration again: on a loaded 2-core machine that took over 10 s
 * per suite. PGlite: a data folder saved with dumpDataDir, loaded per suite with loadDataDir. PostgreSQL: a
 * migrated database that each suite's database is created from (`create database … template …`).
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { defaultPostgresUser, openStorage, type Storage } from "../src/storage/database.ts";

export interface Templates {
  /** The gzipped tar of a migrated PGlite data folder. */
  readonly pgliteFile: string;
  /** The migrated PostgreSQL template database, when DATABASE_URL is set. */
  readonly postgresName: string | undefined;
  dispose(): Promise<void>;
}

/** A random database name with the prefix, unique enough for parallel suites and runs. */
export function databaseName(prefix: string): string {
  return `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
}

/** `url` (DATABASE_URL) pointing at the database `name` instead. */
export function databaseUrl(url: string, name: string): string {
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.toString();
}

/** Runs `sql` on the PostgreSQL server of DATABASE_URL (create and drop database cannot run in a pool's transaction). */
export async function adminQuery(sql: string): Promise<void> {
  defaultPostgresUser();
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A PGlite data folder after `prepare` (migrations ran on opening), saved as a gzipped tar in `file`. The folder is
 * on disk so that a second PGlite can dump it once the first has shut down cleanly.
 */
export async function savePgliteTemplate(
  file: string,
  prepare: (storage: Storage) => Promise<unknown> = async () => {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "clearinghouse-template-"));
  try {
    const storage = await openStorage({ dataDir: dir });
    try {
      await prepare(storage);
    } finally {
      await storage.close();
    }
    const db = await PGlite.create(dir, { extensions: { pg_trgm } });
    const dump = await db.dumpDataDir("gzip");
    await db.close();
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function createTemplates(): Promise<Templates> {
  const dir = mkdtempSync(join(tmpdir(), "clearinghouse-templates-"));
  const pgliteFile = join(dir, "migrated.tar.gz");
  await savePgliteTemplate(pgliteFile);
  let postgresName: string | undefined;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    postgresName = databaseName("ch_template");
    await adminQuery(`create database ${postgresName}`);
    const storage = await openStorage({ databaseUrl: databaseUrl(adminUrl, postgresName), dataDir: "" });
    await storage.close();
  }
  return {
    pgliteFile,
    postgresName,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      if (postgresName) await adminQuery(`drop database if exists ${postgresName}`);
    },
  };
}
