/**
 * Vitest globalSetup of the browser tests: one production build and one database with the demo tables and
 * institutions (a PGlite data folder, see apps/server/test/templates.ts), shared by the test files instead of
 * made by each.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { seedInventory } from "../../../server/src/inventory/seed.ts";
import { seedDemo } from "../../../server/src/tables/seed.ts";
import { savePgliteTemplate } from "../../../server/test/templates.ts";
import { buildWeb, DEMO_REPORTERS } from "../../harness/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built web interface. */
    webDir: string;
    /** The demo database: a gzipped tar of a PGlite data folder. */
    demoDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "clearinghouse-e2e-"));
  const demoDatabase = join(dir, "demo.tar.gz");
  const web = await buildWeb();
  try {
    await savePgliteTemplate(demoDatabase, async ({ db }) => {
      await seedDemo(db, { reporters: DEMO_REPORTERS });
      await seedInventory(db);
    });
  } catch (error) {
    web.dispose();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  project.provide("webDir", web.dir);
  project.provide("demoDatabase", demoDatabase);
  return () => {
    web.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
}
