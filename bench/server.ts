/**
 * Load benchmark of the PxWeb API v1 on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL, next to
 * a bare Fastify route that returns the same bytes from memory (the ceiling for any route on this machine).
 *
 *   npm run bench:server
 *   DATABASE_URL="postgresql:///bench?host=/var/run/postgresql" npm run bench:server
 *
 * For each back end it publishes a generated 30,000-cell table, starts the real server on a loopback port, and
 * drives it with autocannon (10 connections, a few seconds per case): a small query (20 cells), a 10,000-cell
 * query, and the table's metadata — once with the response cache off (every request selects and serializes) and
 * once with it on. Prints requests/s and latency percentiles; the target is the small query at 50% or more of the
 * bare route's throughput.
 */

import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../apps/server/src/app.ts";
import { configFromEnv } from "../apps/server/src/config.ts";
import { openStorage } from "../apps/server/src/storage/database.ts";
import { saveTableVersion } from "../apps/server/src/tables/repository.ts";
import { generatedTable } from "./generated.ts";
import { printTable } from "./table.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 10;

/** reporter 10 × partner 50 × sex 3 × year 20 = 30,000 cells. */
const table = () => generatedTable("BENCH", { en: "Benchmark table", ru: "Таблица для замеров" }, [10, 50, 3, 20]);

const body = (reporters: string[], partners: string[]) =>
  JSON.stringify({
    query: [
      { code: "reporter", selection: { filter: "item", values: reporters } },
      { code: "partner", selection: { filter: "item", values: partners } },
      { code: "sex", selection: { filter: "item", values: ["S0"] } },
      { code: "year", selection: { filter: "all", values: ["*"] } },
    ],
    response: { format: "json-stat2" },
  });
const SMALL = body(["R0"], ["P0"]);
const LARGE = body(
  Array.from({ length: 10 }, (_, i) => `R${i}`),
  Array.from({ length: 50 }, (_, i) => `P${i}`),
);

interface Row {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bytes: number;
}

async function load(name: string, url: string, method: "GET" | "POST", payload?: string): Promise<Row> {
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(payload ? { body: payload, headers: { "content-type": "application/json" } } : {}),
  });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} responses were not 2xx`);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: result.throughput.average / Math.max(1, result.requests.average),
  };
}

async function backend(kind: string, databaseUrl: string | undefined, responseCacheMb: number): Promise<Row[]> {
  const config = {
    ...configFromEnv({}),
    databaseUrl,
    dataDir: "memory://",
    maxCalls: 1e9,
    maxCells: 1e6,
    port: 0,
    responseCacheMb,
  };
  const storage = await openStorage(config);
  await saveTableVersion(storage.db, {
    tableId: "BENCH",
    path: [{ code: "bench", label: { en: "Bench", ru: "Замеры" } }],
    dataset: table(),
    sourceName: "generated",
  });
  const app = await buildApp(config, storage);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `${address}/api/v1/en/bench/BENCH`;
  try {
    // The bare route answers with the very bytes the small query gets.
    const small = await fetch(url, { method: "POST", body: SMALL, headers: { "content-type": "application/json" } });
    const bytes = Buffer.from(await small.arrayBuffer());
    const bare = Fastify();
    bare.post("/", async (_request, reply) => reply.type("application/json; charset=utf-8").send(bytes));
    const bareAddress = await bare.listen({ port: 0, host: "127.0.0.1" });
    const rows = [
      await load("bare Fastify route, same bytes", bareAddress, "POST", SMALL),
      await load(`${kind}: small query (20 cells)`, url, "POST", SMALL),
      await load(`${kind}: 10,000-cell query`, url, "POST", LARGE),
      await load(`${kind}: table metadata`, url, "GET"),
    ];
    await bare.close();
    return rows;
  } finally {
    await app.close();
    await storage.close();
  }
}

function print(rows: readonly Row[]): void {
  const header = ["case", "req/s", "p50 ms", "p99 ms", "bytes/resp"];
  const cells = rows.map((r) => [r.name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), r.bytes.toFixed(0)]);
  printTable(header, cells);
}

async function main(): Promise<void> {
  console.log(
    `Server benchmark — Node ${process.version}, autocannon ${CONNECTIONS} connections × ${SECONDS} s per case`,
  );
  const kinds: [string, string | undefined][] = [["pglite", undefined]];
  if (process.env.DATABASE_URL) kinds.push(["postgresql", process.env.DATABASE_URL]);
  for (const [kind, url] of kinds) {
    // Without the response cache every request selects and serializes; with it, hot queries are served as kept.
    for (const [label, cacheMb] of [
      ["no response cache", 0],
      ["response cache", 64],
    ] as const) {
      const rows = await backend(`${kind}, ${label}`, url, cacheMb);
      console.log();
      print(rows);
      const [bare, small] = rows;
      const share = bare && small ? ((100 * small.rps) / bare.rps).toFixed(0) : "?";
      console.log(`small query / bare route throughput: ${share}% (target ≥ 50%)`);
    }
  }
}

await main();
