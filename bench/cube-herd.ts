/**
 * The cold-load herd: many concurrent first requests for one table that no process has read yet.
 *
 *   npx tsx bench/cube-herd.ts
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx bench/cube-herd.ts   # and PostgreSQL
 *
 * For each back end a child process publishes a generated 1,000,000-cell table (PGlite in a temporary folder), then
 * another child starts the real server on a loopback port and sends HERD_REQUESTS (default 200) concurrent requests
 * for a 20-cell selection of it with autocannon, one connection each: every one finds the cube missing from the
 * cache. Then the same herd again, the cube cached: the baseline. Prints the herd's time, req/s, p50/p99 latency and
 * the server's RSS before it and at its peak (process.resourceUsage().maxRSS, the child's own).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { buildApp } from "../apps/server/src/app.ts";
import { configFromEnv } from "../apps/server/src/config.ts";
import { openStorage } from "../apps/server/src/storage/database.ts";
import { saveTableVersion } from "../apps/server/src/tables/repository.ts";
import { generatedTable } from "./generated.ts";

const REQUESTS = Number(process.env.HERD_REQUESTS ?? 200);
const TABLE = "HERD";

/** reporter 10 × partner 250 × sex 4 × year 100 = 1,000,000 cells. */
const table = () => generatedTable(TABLE, { en: "Herd table", ru: "Таблица для толпы запросов" }, [10, 250, 4, 100]);

const SMALL = JSON.stringify({
  query: [
    { code: "reporter", selection: { filter: "item", values: ["R0"] } },
    { code: "partner", selection: { filter: "item", values: ["P0"] } },
    { code: "sex", selection: { filter: "item", values: ["S0"] } },
    { code: "year", selection: { filter: "top", values: ["20"] } },
  ],
  response: { format: "json-stat2" },
});

const config = (databaseUrl: string | undefined, dataDir: string) => ({
  ...configFromEnv(process.env),
  databaseUrl,
  dataDir,
  maxCalls: 1e9,
  // Every request must reach the cube: no encoded answer is kept.
  responseCacheMb: 0,
});

async function publish(databaseUrl: string | undefined, dataDir: string): Promise<void> {
  const storage = await openStorage(config(databaseUrl, dataDir));
  await saveTableVersion(storage.db, {
    tableId: TABLE,
    path: [{ code: "bench", label: { en: "Bench", ru: "Замеры" } }],
    dataset: table(),
    sourceName: "generated",
  });
  await storage.close();
}

interface Herd {
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function herd(url: string): Promise<Herd> {
  const result = await autocannon({
    url,
    method: "POST",
    body: SMALL,
    headers: { "content-type": "application/json" },
    connections: REQUESTS,
    amount: REQUESTS,
    timeout: 600,
  });
  // All requests start at once, so the herd lasts as long as its slowest request (autocannon's own duration counts
  // in whole seconds).
  const seconds = result.latency.max / 1000;
  return {
    seconds,
    rps: REQUESTS / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function serve(databaseUrl: string | undefined, dataDir: string): Promise<void> {
  const settings = { ...config(databaseUrl, dataDir), port: 0 };
  const storage = await openStorage(settings);
  const app = await buildApp(settings, storage, { logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `${address}/api/v1/en/bench/${TABLE}`;
  // One request for the metadata loads the catalog; the cube itself is not loaded by it.
  await fetch(`${address}/api/v1/en/bench`);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cold = await herd(url);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const rssAfter = process.memoryUsage().rss;
  const warm = await herd(url);
  await app.close();
  await storage.close();
  console.log(JSON.stringify({ cold, warm, rssBefore, peakRss, rssAfter }));
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), ...args], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "test" },
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`child ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1) ?? "";
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  console.log(`Cold-load herd — Node ${process.version}, ${REQUESTS} concurrent requests, 1,000,000-cell table`);
  const kinds: [string, string | undefined][] = [["pglite", undefined]];
  if (process.env.DATABASE_URL) kinds.push(["postgresql", process.env.DATABASE_URL]);
  const header = ["back end, herd", "time s", "req/s", "p50 ms", "p99 ms", "errors", "RSS before MB", "peak RSS MB"];
  console.log(header.join(" | "));
  for (const [kind, url] of kinds) {
    const dataDir = mkdtempSync(join(tmpdir(), "cube-herd-"));
    try {
      child(["--publish", url ?? "", dataDir]);
      const { cold, warm, rssBefore, peakRss } = JSON.parse(child(["--serve", url ?? "", dataDir])) as {
        cold: Herd;
        warm: Herd;
        rssBefore: number;
        peakRss: number;
      };
      const row = (name: string, h: Herd, rss: string[]) =>
        [
          name,
          h.seconds.toFixed(2),
          h.rps.toFixed(0),
          h.p50.toFixed(0),
          h.p99.toFixed(0),
          String(h.errors),
          ...rss,
        ].join(" | ");
      console.log(row(`${kind}, cold (cube not loaded)`, cold, [mb(rssBefore), mb(peakRss)]));
      console.log(row(`${kind}, warm (baseline: cube cached)`, warm, ["", ""]));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

const [mode, url, dir] = process.argv.slice(2);
if (mode === "--publish") await publish(url || undefined, dir as string);
else if (mode === "--serve") await serve(url || undefined, dir as string);
else await main();
