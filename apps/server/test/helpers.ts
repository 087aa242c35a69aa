/**
 * Test storage for both back ends: the embedded PGlite in memory always, and PostgreSQL when DATABASE_URL is set
 * (each suite gets a database of its own, dropped at the end). Both start as copies of the run's migrated
 * templates (templates.ts, made once in global-setup.ts).
 */

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, datasetFromPxBytes } from "@clearinghouse/cube";
import type { Kysely } from "kysely";
import { inject } from "vitest";
import { type Config, configFromEnv } from "../src/config.ts";
import { openStorage, type Storage } from "../src/storage/database.ts";
import type { Database } from "../src/storage/schema.ts";
import { type PathSegment, saveTableVersion } from "../src/tables/repository.ts";
import { adminQuery, databaseName, databaseUrl } from "./templates.ts";

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

let pgliteTemplate: Blob | undefined;

/** The migrated PGlite data folder of this run, read once per test file. */
function migratedPglite(): Blob {
  pgliteTemplate ??= new Blob([readFileSync(inject("pgliteTemplate"))]);
  return pgliteTemplate;
}

export async function testStorage(backend: Backend, overrides: Partial<Config> = {}): Promise<TestStorage> {
  const base = { ...configFromEnv({}), ...overrides };
  if (backend === "pglite") {
    const config = { ...base, databaseUrl: undefined, dataDir: "memory://" };
    const storage = await openStorage({ ...config, initialData: migratedPglite() });
    return { storage, config, dispose: () => storage.close() };
  }
  const name = databaseName("ch_test");
  await adminQuery(`create database ${name} template ${inject("postgresTemplate")}`);
  const config = { ...base, databaseUrl: databaseUrl(process.env.DATABASE_URL as string, name) };
  const storage = await openStorage(config);
  return {
    storage,
    config,
    dispose: async () => {
      await storage.close();
      await adminQuery(`drop database if exists ${name}`);
    },
  };
}

/** A dataset of a PX fixture of the PX engine's tests (T3 by default: country, sex and year, in Russian and English). */
export function pxFixture(name = "t3-ru-utf-8.px"): Dataset {
  const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, name))));
  if (!dataset) throw new Error(`${name} was not read`);
  return dataset;
}

/**
 * Publishes the PX fixture t3-ru-utf-8.px (Russian variable codes, "-" and ".." cells) as a table, its sex variable
 * made eliminable by its total.
 */
export async function saveT3Fixture(
  db: Kysely<Database>,
  at: { readonly tableId: string; readonly path: PathSegment[] },
): Promise<void> {
  const dataset = pxFixture("t3-ru-utf-8.px");
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
