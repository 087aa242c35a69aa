/**
 * Search latency of the inventory of institutions with 2,000 and 100,000 synthetic entries, on the embedded PGlite
 * and, when DATABASE_URL is set, on PostgreSQL (a database of its own, dropped at the end).
 *
 *   npm run bench:inventory
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npm run bench:inventory
 *   BENCH_SIZES=2000 BENCH_RUNS=20 npm run bench:inventory      # fewer entries or runs
 *   BENCH_BACKENDS=postgresql DATABASE_URL=… npm run bench:inventory -- --explain   # one back end, EXPLAIN
 *
 * For each back end and size it loads the synthetic entries (through the repository, with history rows, in one
 * transaction; timed), runs VACUUM ANALYZE, then times realistic searches — words in English and Russian, typos, a
 * country's name, a prefix being typed, filters, and selective ones (a city with a kind of body, one entry's
 * number) as a real inventory with many distinct names mostly gets — three ways: the search with its facets as the
 * API makes it (nothing cached), the page alone (no facets), and the API answering again (its cache, keyed by the
 * inventory's version, serves it; the version is still read from the database). Baseline: `select count(*) from
 * institution`. Prints the matches and p50, p95 and p99 in milliseconds after warm-up runs; with `--explain`, the
 * EXPLAIN (ANALYZE, BUFFERS) of the main statement of the slowest search with facets. The target: p95 under 20 ms
 * at 100,000 entries on PostgreSQL.
 *
 * PostgreSQL's database gets random_page_cost = 1.1, the usual setting for SSDs (its default, 4, assumes spinning
 * disks and makes the planner read the whole table where the GIN index finds a fifth of it);
 * BENCH_RANDOM_PAGE_COST=4 measures with the default.
 */

import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../apps/server/src/app.ts";
import { configFromEnv } from "../apps/server/src/config.ts";
import { parseSearchParams } from "../apps/server/src/inventory/query.ts";
import { saveInstitutions } from "../apps/server/src/inventory/repository.ts";
import { searchInstitutions } from "../apps/server/src/inventory/search.ts";
import { syntheticInstitutions } from "../apps/server/src/inventory/synthetic.ts";
import { defaultPostgresUser, openStorage, type Storage } from "../apps/server/src/storage/database.ts";
import type { Database } from "../apps/server/src/storage/schema.ts";

const SIZES = (process.env.BENCH_SIZES ?? "2000,100000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 3;
const RANDOM_PAGE_COST = Number(process.env.BENCH_RANDOM_PAGE_COST ?? 1.1);
const EXPLAIN = process.argv.includes("--explain");

/** Searches people make: label, then the query string. */
const SEARCHES: readonly [string, Record<string, string>][] = [
  ["no words (first page by name)", {}],
  ["statistics", { q: "statistics" }],
  ["migration policy", { q: "migration policy" }],
  ["typo: statistcs", { q: "statistcs" }],
  ["typo: Kirgizstan", { q: "Kirgizstan" }],
  ["Russian: мигрантов", { q: "мигрантов" }],
  ["Russian: трудовой миграции", { q: "трудовой миграции" }],
  ["country name: Армения", { q: "Армения" }],
  ["typing: Refug", { q: "Refug" }],
  ["words + filters", { q: "research", country: "KAZ", topic: "labour-migration,research" }],
  ["filters only", { category: "government", country: "UZB" }],
  // Selective, as most searches of a real inventory with many distinct names are.
  ["selective: Osh laboratory", { q: "Osh laboratory" }],
  ["selective: number 4711", { q: "4711" }],
];

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  for (let k = 0; k < WARM_UP; k++) await run();
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

interface Opened {
  readonly storage: Storage;
  dispose(): Promise<void>;
}

async function open(backend: "pglite" | "postgresql", size: number): Promise<Opened> {
  if (backend === "pglite") {
    const storage = await openStorage({ dataDir: "memory://" });
    return { storage, dispose: () => storage.close() };
  }
  defaultPostgresUser();
  const adminUrl = process.env.DATABASE_URL as string;
  const name = `bench_inventory_${size}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.query(`alter database ${name} set random_page_cost = ${RANDOM_PAGE_COST}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const storage = await openStorage({ databaseUrl: url.toString(), dataDir: "" });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name}`);
      await again.end();
    },
  };
}

const fixed = (n: number) => n.toFixed(1).padStart(7);
const figures = (t: Timing) => `${fixed(t.p50)} ${fixed(t.p95)} ${fixed(t.p99)}`;

/** The search's main statement (total, page and facets), as sent: the last statement starting with its CTE. */
async function explainSearch(db: Kysely<Database>, query: Record<string, string>): Promise<string> {
  let main: CompiledQuery | undefined;
  const capture: KyselyPlugin = {
    transformQuery(args) {
      const compiled = db.getExecutor().compileQuery(args.node, args.queryId);
      if (/^\s*with base/.test(compiled.sql)) main = compiled;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await searchInstitutions(db.withPlugin(capture), parseSearchParams(query, "en"));
  if (!main) return "(no statement captured)";
  const { rows } = await db.executeQuery<Record<string, string>>(
    CompiledQuery.raw(`explain (analyze, buffers) ${main.sql}`, [...main.parameters]),
  );
  return rows.map((r) => Object.values(r)[0]).join("\n");
}

async function bench(backend: "pglite" | "postgresql", size: number): Promise<{ cold: number; cached: number }> {
  const { storage, dispose } = await open(backend, size);
  try {
    const db = storage.db;
    const entries = syntheticInstitutions(size, 2024);
    const started = performance.now();
    await db
      .transaction()
      .execute((trx) =>
        saveInstitutions(trx, entries, { kind: "create", reason: "synthetic entries for the benchmark" }),
      );
    const loadSeconds = (performance.now() - started) / 1000;
    await sql`vacuum analyze institution`.execute(db);
    const app = await buildApp({ ...configFromEnv({}), maxCalls: 1_000_000_000 }, storage, { logger: false });
    process.stdout.write(
      `\n${backend}, ${size.toLocaleString("en")} entries (loaded in ${loadSeconds.toFixed(1)} s, ${Math.round(size / loadSeconds).toLocaleString("en")} entries/s)\n`,
    );
    const count = await timed(() => sql`select count(*) from institution`.execute(db));
    process.stdout.write(
      `${"search".padEnd(32)} ${"matches".padStart(8)}   search+facets p50/p95/p99   page only p50/p95/p99   API, cached p50/p95/p99\n`,
    );
    const worst = { cold: 0, cached: 0 };
    let slowest: Record<string, string> = {};
    for (const [label, query] of SEARCHES) {
      const params = parseSearchParams(query, "en");
      const { total } = await searchInstitutions(db, params);
      const full = await timed(() => searchInstitutions(db, params));
      const page = await timed(() => searchInstitutions(db, params, { facets: false }));
      const url = `/api/inventory/institutions?${new URLSearchParams(query)}`;
      const cached = await timed(async () => {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      });
      if (full.p95 > worst.cold) slowest = query;
      worst.cold = Math.max(worst.cold, full.p95);
      worst.cached = Math.max(worst.cached, cached.p95);
      process.stdout.write(
        `${label.padEnd(32)} ${String(total).padStart(8)}   ${figures(full)}   ${figures(page)}   ${figures(cached)}\n`,
      );
    }
    process.stdout.write(`${"baseline: select count(*)".padEnd(32)} ${String(size).padStart(8)}   ${figures(count)}\n`);
    if (EXPLAIN) {
      process.stdout.write(`\nEXPLAIN of the slowest search with facets, ${JSON.stringify(slowest)}:\n`);
      process.stdout.write(`${await explainSearch(db, slowest)}\n`);
    }
    await app.close();
    return worst;
  } finally {
    await dispose();
  }
}

const available: ("pglite" | "postgresql")[] = process.env.DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];
const chosen = process.env.BENCH_BACKENDS?.split(",");
const backends = chosen ? available.filter((b) => chosen.includes(b)) : available;
process.stdout.write(`inventory search, ${RUNS} runs per search after ${WARM_UP} warm-up runs (ms)\n`);
for (const backend of backends) {
  for (const size of SIZES) {
    const worst = await bench(backend, size);
    process.stdout.write(
      `worst p95: ${worst.cold.toFixed(1)} ms searching, ${worst.cached.toFixed(1)} ms answered from the cache (target < 20 ms)\n`,
    );
  }
}
