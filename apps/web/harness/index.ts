/**
 * What browser tests and the web bench share: build the app, start a server with demo data on an embedded
 * database, and drive the system Chromium through playwright-core (`npx playwright install` cannot run here).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { buildApp } from "../../server/src/app.ts";
import { configFromEnv } from "../../server/src/config.ts";
import { seedInventory } from "../../server/src/inventory/seed.ts";
import { openStorage, type Storage } from "../../server/src/storage/database.ts";
import { seedDemo } from "../../server/src/tables/seed.ts";

const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Where the system Chromium is (CHROMIUM_PATH overrides); `.ci/run` installs it with apt when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface BuiltWeb {
  readonly dir: string;
  /** The files the first page loads: index.html's script, its static imports and its styles. */
  readonly firstPage: { readonly js: readonly string[]; readonly css: readonly string[] };
  dispose(): void;
}

/** A production build of the app in a temporary folder. */
export async function buildWeb(): Promise<BuiltWeb> {
  const dir = mkdtempSync(join(tmpdir(), "clearinghouse-web-"));
  await build({ root: WEB_ROOT, logLevel: "warn", build: { outDir: dir, emptyOutDir: true, sourcemap: false } });
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const refs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => join(dir, m[1] as string));
  return {
    dir,
    firstPage: {
      js: [
        ...refs(/<script[^>]+src="\/([^"]+\.js)"/g),
        ...refs(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
      ],
      css: refs(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g),
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly storage: Storage;
  close(): Promise<void>;
}

/** Fewer reporting countries than the default keep the demo seed quick; the tables and their shapes are the same. */
export const DEMO_REPORTERS: readonly string[] = ["ARM", "GEO", "KAZ", "RUS"];

/**
 * The server on a free port with the demo tables and institutions in an in-memory PGlite: seeded here, or loaded
 * from `demoDatabase` (a data folder saved with PGlite's dumpDataDir after the same seeding, as the browser tests'
 * globalSetup makes once for all their files).
 */
export async function startServer(
  webDir: string,
  options: { reporters?: readonly string[]; demoDatabase?: Blob; maxCalls?: number } = {},
): Promise<RunningServer> {
  const reporters = options.reporters ?? DEMO_REPORTERS;
  const config = { ...configFromEnv({}), dataDir: "memory://", databaseUrl: undefined, webDir, port: 0, reporters };
  const storage = await openStorage({ ...config, initialData: options.demoDatabase });
  if (!options.demoDatabase) {
    await seedDemo(storage.db, { reporters });
    await seedInventory(storage.db);
  }
  // Without a maxCalls, the tests' own calls never meet the rate limit.
  const app = await buildApp({ ...config, maxCalls: options.maxCalls ?? 100_000 }, storage, { logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url: address,
    app,
    storage,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}
