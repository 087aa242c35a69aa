/**
 * Test storage for both back ends: the embedded PGlite in memory always, and PostgreSQL when DATABASE_URL is set
 * (each suite gets a database of its own, dropped at the end).
 */

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import type { Kysely } from "kysely";
import pg from "pg";
import { type Config, configFromEnv } from "../src/config.ts";
import { defaultPostgresUser, openStorage, type Storage } from "../src/storage/database.ts";
import type { Database } from "../src/storage/schema.ts";
import { type PathSegment, saveTableVersion } from "../src/tables/repository.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = join(here, "../../../../shared/corpus/px");
export const PX_FIXTURES = join(here, "../../../packages/px/test/fixtures");

export type Backend = "pglite" | "postgresql";
export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];

export interface TestStorage {
  readonly storage: Storage;
  readonly config: Config;
  dispose(): Promise<void>;
}

export async function testStorage(backend: Backend, overrides: Partial<Config> = {}): Promise<TestStorage> {
  const base = { ...configFromEnv({}), ...overrides };
  if (backend === "pglite") {
    const config = { ...base, databaseUrl: undefined, dataDir: "memory://" };
    const storage = await openStorage(config);
    return { storage, config, dispose: () => storage.close() };
  }
  defaultPostgresUser();
  const adminUrl = process.env.DATABASE_URL as string;
  const name = `ch_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = { ...base, databaseUrl: url.toString() };
  const storage = await openStorage(config);
  return {
    storage,
    config,
    dispose: async () => {
      await storage.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name}`);
      await again.end();
    },
  };
}

/**
 * Publishes the PX fixture t3-ru-utf-8.px (Russian variable codes, "-" and ".." cells) as a table, its sex variable
 * made eliminable by its total.
 */
export async function saveT3Fixture(
  db: Kysely<Database>,
  at: { readonly tableId: string; readonly path: PathSegment[] },
): Promise<void> {
  const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
  if (!dataset) throw new Error("fixture t3-ru-utf-8.px");
  await saveTableVersion(db, {
    ...at,
    dataset: {
      ...dataset,
      dimensions: dataset.dimensions.map((d, k) => (k === 1 ? { ...d, elimination: { code: "_T" } } : d)),
    },
    sourceName: "t3.px",
    now: new Date("2026-11-20T10:00:00Z"),
  });
}
