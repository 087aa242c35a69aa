/**
 * The cold 10,000-cell answer: the first query for a large table that no process has read yet.
 *
 *   npx tsx bench/cube-cold.ts
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx bench/cube-cold.ts   # and PostgreSQL
 *   COLD_SIZES=10 npx tsx bench/cube-cold.ts                                                # only 10 M cells
 *
 * For each back end and table size (10 and 30 million cells: reporter 200 or 600 × partner 250 × sex 4 × year 50) a
 * child process publishes the generated table twice: in tiles (storage/tiles.ts, as every version is stored now) and,
 * as the baseline, in runs of cells in order as versions were stored before tiles (0009), which a query reads whole.
 * Then, for each query shape, a fresh child starts the real server (response cache off), sends one query to a small
 * table (so that the server's own first-request costs are not counted), and times the first POST of API v1 for the
 * large table (cold: nothing of it cached) and the same POST again (warm), and reports its peak RSS
 * (process.resourceUsage().maxRSS; the cube cache's budget is CUBE_CACHE_MB, default 256).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../apps/server/src/app.ts";
import { configFromEnv } from "../apps/server/src/config.ts";
import { defaultPostgresUser, openStorage } from "../apps/server/src/storage/database.ts";
import { PART_CELLS, saveTableVersion } from "../apps/server/src/tables/repository.ts";
import type { Dataset } from "../packages/cube/src/index.ts";
import { generatedDimension } from "./generated.ts";

const SCRIPT = fileURLToPath(import.meta.url);
const PARTNERS = 250;
const SEXES = 4;
const YEARS = 50;

function table(id: string, reporters: number): Dataset {
  const n = reporters * PARTNERS * SEXES * YEARS;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (i * 7919) % 100_000;
  return {
    id,
    languages: ["en", "ru"],
    title: { en: `Cold ${id}`, ru: `Холодная ${id}` },
    decimals: 0,
    dimensions: [
      generatedDimension("reporter", reporters, "geo", "R"),
      generatedDimension("partner", PARTNERS, "other", "P"),
      generatedDimension("sex", SEXES, "other", "S"),
      generatedDimension("year", YEARS, "time", "Y"),
    ],
    values,
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

const codes = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const item = (code: string, values: string[]) => ({ code, selection: { filter: "item", values } });

/** Three ways of asking for 10,000 cells: one reporter whole, a thin slice of every reporter, a block. */
const SHAPES: Record<string, { query: unknown[] }> = {
  "1 reporter × 250 partners × 4 sexes × 10 years": {
    query: [
      item("reporter", ["R7"]),
      item("partner", codes("P", 250)),
      item("sex", codes("S", 4)),
      { code: "year", selection: { filter: "top", values: ["10"] } },
    ],
  },
  "200 reporters × 50 partners × 1 sex × 1 year": {
    query: [
      item("reporter", codes("R", 200)),
      item("partner", codes("P", 50)),
      item("sex", ["S1"]),
      item("year", ["Y49"]),
    ],
  },
  "10 reporters × 25 partners × 4 sexes × 10 years": {
    query: [
      item("reporter", codes("R", 10)),
      item("partner", codes("P", 25)),
      item("sex", codes("S", 4)),
      item("year", codes("Y", 10)),
    ],
  },
};

const config = (databaseUrl: string | undefined, dataDir: string) => ({
  ...configFromEnv(process.env),
  databaseUrl,
  dataDir,
  maxCalls: 1e9,
  // Every request must reach the cube: no encoded answer is kept.
  responseCacheMb: 0,
});

const path = [{ code: "bench", label: { en: "Bench", ru: "Замеры" } }];

/** Publishes the table in tiles (TILES) and in runs of cells in order, as before tiles (RUNS). */
async function publish(databaseUrl: string | undefined, dataDir: string, reporters: number): Promise<void> {
  const storage = await openStorage(config(databaseUrl, dataDir));
  const dataset = table("TILES", reporters);
  let started = performance.now();
  await saveTableVersion(storage.db, { tableId: "TILES", path, dataset, sourceName: "generated" });
  const tiles = (performance.now() - started) / 1000;
  started = performance.now();
  // The 0009 layout: a copy of the version row without tiles, then runs of PART_CELLS cells as parts.
  await sql`insert into tree_node (parent_id, kind, code, label, sort)
    select parent_id, kind, 'RUNS', label, sort from tree_node where code = 'TILES'`.execute(storage.db);
  await sql`insert into data_table (id, node_id, current_version, title, updated)
    select 'RUNS', (select id from tree_node where code = 'RUNS'), current_version, title, updated
    from data_table where id = 'TILES'`.execute(storage.db);
  await sql`insert into table_version (table_id, version, created_at, source_name, metadata, cell_count, values, status, flags, parts)
    select 'RUNS', version, created_at, source_name, metadata, cell_count, values, status, flags, 0
    from table_version where table_id = 'TILES'`.execute(storage.db);
  // A small table, queried first so that "cold" is the table's first read, not the server's first request.
  await saveTableVersion(storage.db, { tableId: "WARM", path, dataset: table("WARM", 1), sourceName: "generated" });
  const parts = Math.ceil(dataset.values.length / PART_CELLS);
  for (let part = 0; part < parts; part++) {
    const from = part * PART_CELLS;
    const to = Math.min(dataset.values.length, from + PART_CELLS);
    await storage.db
      .insertInto("table_version_part")
      .values({
        table_id: "RUNS",
        version: 1,
        part,
        values: new Uint8Array(dataset.values.buffer, from * 8, (to - from) * 8),
        status: dataset.status.subarray(from, to),
        flags: dataset.flags.subarray(from, to),
      })
      .execute();
  }
  await storage.db
    .updateTable("table_version")
    .set({ parts, tile_shape: null })
    .where("table_id", "=", "RUNS")
    .execute();
  const runs = (performance.now() - started) / 1000;
  await storage.close();
  console.log(JSON.stringify({ tiles, runs }));
}

async function serve(databaseUrl: string | undefined, dataDir: string, tableId: string, shape: string) {
  const settings = { ...config(databaseUrl, dataDir), port: 0 };
  const storage = await openStorage(settings);
  const app = await buildApp(settings, storage, { logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const body = JSON.stringify({ ...SHAPES[shape], response: { format: "json-stat2" } });
  const post = async (id = tableId) => {
    const started = performance.now();
    const response = await fetch(`${address}/api/v1/en/bench/${id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const json = (await response.json()) as { value?: unknown[] };
    if (response.status !== 200) throw new Error(`status ${response.status}: ${JSON.stringify(json)}`);
    return { ms: performance.now() - started, cells: json.value?.length ?? 0 };
  };
  const warmUp = JSON.stringify({ ...SHAPES[shape], response: { format: "json-stat2" } }).replace(/"R\d+"/g, '"R0"');
  await fetch(`${address}/api/v1/en/bench/WARM`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: warmUp,
  });
  const cold = await post();
  const warm = await post();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  await app.close();
  await storage.close();
  console.log(JSON.stringify({ cold, warm, peakRss }));
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "test" },
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`child ${args.join(" ")} failed:\n${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1) ?? "";
}

async function withDatabase<T>(adminUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  defaultPostgresUser();
  const name = `ch_cold_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  const sizes = (process.env.COLD_SIZES ?? "10,30").split(",").map(Number);
  console.log(`Cold 10,000-cell answers — Node ${process.version}, API v1 json-stat2, response cache off`);
  console.log(["back end, table, layout, query", "cold ms", "warm ms", "cells", "peak RSS MB"].join(" | "));
  const kinds: [string, string | undefined][] = [["pglite", undefined]];
  if (process.env.DATABASE_URL) kinds.push(["postgresql", process.env.DATABASE_URL]);
  for (const [kind, adminUrl] of kinds) {
    for (const millions of sizes) {
      const reporters = (millions * 1_000_000) / (PARTNERS * SEXES * YEARS);
      const run = async (url: string | undefined) => {
        const dataDir = mkdtempSync(join(tmpdir(), "cube-cold-"));
        try {
          const published = JSON.parse(child(["--publish", url ?? "", dataDir, String(reporters)])) as {
            tiles: number;
            runs: number;
          };
          console.log(
            `${kind}, ${millions} M cells: published in tiles in ${published.tiles.toFixed(1)} s, in runs in ${published.runs.toFixed(1)} s`,
          );
          const cases: [string, string][] = [
            ["RUNS", Object.keys(SHAPES)[0] as string],
            ...Object.keys(SHAPES).map((s) => ["TILES", s] as [string, string]),
          ];
          for (const [tableId, shape] of cases) {
            const m = JSON.parse(child(["--serve", url ?? "", dataDir, tableId, shape])) as {
              cold: { ms: number; cells: number };
              warm: { ms: number };
              peakRss: number;
            };
            const layout = tableId === "RUNS" ? "runs, read whole (baseline)" : "tiles";
            console.log(
              [
                `${kind}, ${millions} M, ${layout}, ${shape}`,
                m.cold.ms.toFixed(0),
                m.warm.ms.toFixed(0),
                String(m.cold.cells),
                mb(m.peakRss),
              ].join(" | "),
            );
          }
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      };
      if (adminUrl) await withDatabase(adminUrl, run);
      else await run(undefined);
    }
  }
}

const [mode, url, dir, a, b] = process.argv.slice(2);
if (mode === "--publish") await publish(url || undefined, dir as string, Number(a));
else if (mode === "--serve") await serve(url || undefined, dir as string, a as string, b as string);
else await main();
