/** Vitest globalSetup of the server suites: the database templates they start from (templates.ts). */

import type { TestProject } from "vitest/node";
import { createTemplates } from "./templates.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data folder (gzipped tar). */
    pgliteTemplate: string;
    /** The migrated PostgreSQL template database; "" without DATABASE_URL. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const templates = await createTemplates();
  project.provide("pgliteTemplate", templates.pgliteFile);
  project.provide("postgresTemplate", templates.postgresName ?? "");
  return () => templates.dispose();
}
