/**
 * Load benchmark of the PxWeb API v1 on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL, each
 * figure next to a baseline measured in the same run:
 *
 *   npm run bench:server
 *   DATABASE_URL="postgresql:///bench?host=/var/run/postgresql" npm run bench:server
 *   BENCH_SECONDS=8 npm run bench:server          # longer runs per case (default 4)
 *
 * It publishes a generated 30,000-cell table and a 100,000-cell one, starts the real server on a loopback port and
 * drives it with autocannon (in this process, as a load generator on the same event loop):
 *
 * 1. Small queries against a bare Fastify route that returns the same bytes from memory (the ceiling for any route
 *    on this machine): a small query (20 cells), a 10,000-cell query and the table's metadata, with the response
 *    cache off (every request selects and serializes) and on. Target: the small query at ≥ 50% of the bare route
 *    uncached. A CPU profile of the uncached small query says where the time goes.
 * 2. A cached 10,000-cell JSON-stat answer without compression, with gzip and with br, next to a bare route that
 *    compresses the same bytes on every request with @fastify/compress (what a cached answer cost before its
 *    compressed variants were kept).
 * 3. Small-query latency alone and while 100,000-cell JSON-stat or Excel downloads run (two connections looping),
 *    with large answers encoded on the main thread (ENCODE_WORKERS=0, as before) and in a worker thread
 *    (ENCODE_WORKERS=1). Target: small-query p99 under 20 ms while large downloads run.
 *
 * The server runs without request logging (pino writing a line per request to this terminal would measure the
 * terminal); section 1 also gives the small query with request logging on.
 */

import { Session } from "node:inspector/promises";
import compress from "@fastify/compress";
import autocannon from "autocannon";
import Fastify, { type FastifyInstance } from "fastify";
import { buildApp } from "../apps/server/src/app.ts";
import { type Config, configFromEnv } from "../apps/server/src/config.ts";
import { openStorage, type Storage } from "../apps/server/src/storage/database.ts";
import { saveTableVersion } from "../apps/server/src/tables/repository.ts";
import { generatedTable } from "./generated.ts";
import { printTable } from "./table.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 10;
const ROOT = new URL("..", import.meta.url).pathname;

const body = (reporters: number, partners: number, sexes: string[], format = "json-stat2") =>
  JSON.stringify({
    query: [
      { code: "reporter", selection: { filter: "item", values: Array.from({ length: reporters }, (_, i) => `R${i}`) } },
      { code: "partner", selection: { filter: "item", values: Array.from({ length: partners }, (_, i) => `P${i}`) } },
      { code: "sex", selection: { filter: "item", values: sexes } },
      { code: "year", selection: { filter: "all", values: ["*"] } },
    ],
    response: { format },
  });
/** 20 cells, 10,000 cells of BENCH (reporter 10 × partner 50 × sex 3 × year 20), all 100,000 cells of HEAVY. */
const SMALL = body(1, 1, ["S0"]);
const LARGE = body(10, 50, ["S0"]);
const HEAVY_JSON = body(10, 250, ["S0", "S1"]);
const HEAVY_XLSX = body(10, 250, ["S0", "S1"], "xlsx");

interface Row {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bytes: number;
}

interface Load {
  readonly url: string;
  readonly method?: "GET" | "POST";
  readonly payload?: string;
  readonly headers?: Record<string, string>;
  readonly connections?: number;
}

async function load(name: string, { url, method = "POST", payload, headers = {}, connections }: Load): Promise<Row> {
  const result = await autocannon({
    url,
    method,
    connections: connections ?? CONNECTIONS,
    duration: SECONDS,
    headers: { ...(payload ? { "content-type": "application/json" } : {}), ...headers },
    ...(payload ? { body: payload } : {}),
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

function print(rows: readonly Row[]): void {
  const header = ["case", "req/s", "p50 ms", "p99 ms", "bytes/resp"];
  const cells = rows.map((r) => [r.name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), r.bytes.toFixed(0)]);
  printTable(header, cells);
}

const share = (part: Row | undefined, whole: Row | undefined) =>
  part && whole ? `${((100 * part.rps) / whole.rps).toFixed(0)}%` : "?";

async function bareRoute(bytes: Buffer, compressed: boolean): Promise<{ app: FastifyInstance; url: string }> {
  const bare = Fastify();
  if (compressed) await bare.register(compress, { global: true, encodings: ["br", "gzip"], threshold: 1024 });
  bare.post("/", async (_request, reply) => reply.type("application/json; charset=utf-8").send(bytes));
  return { app: bare, url: await bare.listen({ port: 0, host: "127.0.0.1" }) };
}

async function bytesOf(url: string, payload: string): Promise<Buffer> {
  const response = await fetch(url, { method: "POST", body: payload, headers: { "content-type": "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function serve(config: Config, storage: Storage, logger = false) {
  const app = await buildApp(config, storage, { logger });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url: `${address}/api/v1/en/bench/BENCH`, heavy: `${address}/api/v1/en/bench/HEAVY` };
}

// ——— where the time goes ———

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

const CATEGORIES: [string, (url: string, fn: string) => boolean][] = [
  ["idle (waiting for the network)", (_u, f) => f === "(idle)"],
  ["garbage collection", (_u, f) => f === "(garbage collector)"],
  ["load generator (autocannon, same process)", (u) => /autocannon|hdr-histogram|reinterval|retimer/.test(u)],
  ["request logging (pino)", (u) => /\/pino|sonic-boom|thread-stream/.test(u)],
  ["Fastify plugins (rate limit, CORS, compress, helmet, swagger)", (u) => u.includes("node_modules/@fastify/")],
  [
    "Fastify core (routing, hooks, reply)",
    (u) =>
      /node_modules\/(fastify|find-my-way|avvio|fast-json-stringify|fast-querystring|light-my-request|safe-regex2|toad-cache|@fastify\/)/.test(
        u,
      ),
  ],
  ["our hooks (apps/server/src/http, auth)", (u) => /apps\/server\/src\/(http|auth|app\.ts)/.test(u)],
  ["selection (cube select)", (u) => /packages\/cube\/src\/(select|model|glob)\.ts/.test(u)],
  [
    "encoding (JSON-stat, codecs)",
    (u) => /packages\/cube\/src\/codecs|api\/pxweb-v2\/(jsonstat2|output)\.ts|api\/encode\.ts/.test(u),
  ],
  ["routes (apps/server/src/api, tables)", (u) => /apps\/server\/src\/(api|tables|workers)/.test(u)],
  ["database (kysely, PGlite, pg)", (u) => /kysely|pglite|node_modules\/pg/.test(u)],
  ["other JavaScript in node_modules", (u) => u.includes("node_modules/")],
  ["Node.js (HTTP, sockets, streams, crypto)", (u) => u.startsWith("node:") || u === ""],
  ["other", () => true],
];

/** Self time by category and the busiest functions, from a CPU profile of `run`. */
async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; summary: () => void }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const result = await run();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const nodes = profile.nodes as ProfileNode[];
  const sampleMs = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples?.length ?? 1);
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const url = node.callFrame.url.replace(/^file:\/\//, "").replace(ROOT, "");
    const fn = node.callFrame.functionName || "(anonymous)";
    const [category] = CATEGORIES.find(([, test]) => test(url, fn)) ?? ["other"];
    byCategory.set(category, (byCategory.get(category) ?? 0) + hits);
    if (!fn.startsWith("(")) {
      const where = `${fn} ${url.replace(/.*node_modules\//, "")}:${node.callFrame.lineNumber + 1}`;
      byFunction.set(where, (byFunction.get(where) ?? 0) + hits);
    }
  }
  const total = [...byCategory.values()].reduce((a, b) => a + b, 0);
  const busy = total - (byCategory.get(CATEGORIES[0]?.[0] as string) ?? 0);
  const summary = () => {
    console.log(`\nwhere the time of the uncached small query goes (CPU profile, ${(total * sampleMs) / 1000} s):`);
    printTable(
      ["self time of", "ms", "% of busy"],
      [...byCategory.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([name, hits]) => [
          name,
          (hits * sampleMs).toFixed(0),
          name.startsWith("idle") ? "" : `${((100 * hits) / busy).toFixed(1)}%`,
        ]),
    );
    console.log("\nbusiest functions (self time):");
    printTable(
      ["function", "ms", "% of busy"],
      [...byFunction.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([name, hits]) => [name, (hits * sampleMs).toFixed(0), `${((100 * hits) / busy).toFixed(1)}%`]),
    );
  };
  return { result, summary };
}

// ——— the sections ———

async function smallQueries(kind: string, config: Config, storage: Storage): Promise<void> {
  for (const cacheMb of [0, 64]) {
    const label = cacheMb ? "response cache" : "no response cache";
    const { app, url } = await serve({ ...config, responseCacheMb: cacheMb }, storage);
    const bare = await bareRoute(await bytesOf(url, SMALL), false);
    try {
      const baseline = await load("bare Fastify route, same bytes", { url: bare.url, payload: SMALL });
      const small = cacheMb
        ? {
            result: await load(`${kind}, ${label}: small query (20 cells)`, { url, payload: SMALL }),
            summary: () => {},
          }
        : await profiled(() => load(`${kind}, ${label}: small query (20 cells)`, { url, payload: SMALL }));
      const rows = [
        baseline,
        small.result,
        await load(`${kind}, ${label}: 10,000-cell query`, { url, payload: LARGE }),
        await load(`${kind}, ${label}: table metadata`, { url, method: "GET" }),
      ];
      console.log();
      print(rows);
      console.log(`small query / bare route throughput: ${share(small.result, baseline)} (target ≥ 50%)`);
      small.summary();
    } finally {
      await bare.app.close();
      await app.close();
    }
  }
  const logged = await serve({ ...config, responseCacheMb: 0 }, storage, true);
  try {
    const row = await load(`${kind}, no response cache, request logging on: small query`, {
      url: logged.url,
      payload: SMALL,
    });
    console.log();
    print([row]);
  } finally {
    await logged.app.close();
  }
}

async function compression(kind: string, config: Config, storage: Storage): Promise<void> {
  const { app, url } = await serve(config, storage);
  const bytes = await bytesOf(url, LARGE);
  const bare = await bareRoute(bytes, true);
  try {
    const rows: Row[] = [];
    for (const coding of ["identity", "gzip", "br"]) {
      const headers = { "accept-encoding": coding };
      rows.push(
        await load(`bare route + @fastify/compress, same bytes, ${coding}`, { url: bare.url, payload: LARGE, headers }),
      );
      rows.push(await load(`${kind}, cached 10,000-cell JSON-stat, ${coding}`, { url, payload: LARGE, headers }));
    }
    console.log();
    print(rows);
    console.log(
      `cached answer with gzip / without compression: ${share(rows[3], rows[1])}; br: ${share(rows[5], rows[1])} (compressed once, kept)`,
    );
  } finally {
    await bare.app.close();
    await app.close();
  }
}

/** Small-query latency while two connections keep downloading a large answer. */
async function heavy(kind: string, config: Config, storage: Storage): Promise<void> {
  const rows: Row[] = [];
  const verdicts: string[] = [];
  for (const workers of [0, 1]) {
    const mode = workers ? "encoded in a worker" : "encoded on the main thread";
    const {
      app,
      url,
      heavy: heavyUrl,
    } = await serve({ ...config, responseCacheMb: 0, encodeWorkers: workers }, storage);
    try {
      // The first large answers start the worker and warm the encoders up.
      await bytesOf(heavyUrl, HEAVY_JSON);
      await bytesOf(heavyUrl, HEAVY_XLSX);
      const alone = await load(`${kind}, ${mode}: small query alone`, { url, payload: SMALL, connections: 4 });
      rows.push(alone);
      for (const [what, payload] of [
        ["100,000-cell JSON-stat", HEAVY_JSON],
        ["100,000-cell Excel", HEAVY_XLSX],
      ] as const) {
        const [small, large] = await Promise.all([
          load(`${kind}, ${mode}: small query while ${what} downloads run`, { url, payload: SMALL, connections: 4 }),
          load(`  … the ${what} downloads themselves`, { url: heavyUrl, payload, connections: 2 }),
        ]);
        rows.push(small, large);
        if (workers) verdicts.push(`${what}: small-query p99 ${small.p99} ms (target < 20 ms)`);
      }
    } finally {
      await app.close();
    }
  }
  console.log();
  print(rows);
  for (const v of verdicts) console.log(v);
}

async function backend(kind: string, databaseUrl: string | undefined): Promise<void> {
  const config = {
    ...configFromEnv({}),
    databaseUrl,
    dataDir: "memory://",
    maxCalls: 1e9,
    maxCells: 1e6,
    port: 0,
  };
  const storage = await openStorage(config);
  const path = [{ code: "bench", label: { en: "Bench", ru: "Замеры" } }];
  const title = { en: "Benchmark table", ru: "Таблица для замеров" };
  await saveTableVersion(storage.db, {
    tableId: "BENCH",
    path,
    dataset: generatedTable("BENCH", title, [10, 50, 3, 20]),
    sourceName: "generated",
  });
  await saveTableVersion(storage.db, {
    tableId: "HEAVY",
    path,
    dataset: generatedTable("HEAVY", title, [10, 250, 2, 20]),
    sourceName: "generated",
  });
  try {
    console.log(`\n=== 1. small queries against a bare route (${kind}) ===`);
    await smallQueries(kind, config, storage);
    console.log(`\n=== 2. compression of a cached answer (${kind}) ===`);
    await compression(kind, config, storage);
    console.log(`\n=== 3. small queries while large downloads run (${kind}) ===`);
    await heavy(kind, config, storage);
  } finally {
    await storage.close();
  }
}

console.log(
  `Server benchmark — Node ${process.version}, autocannon ${CONNECTIONS} connections × ${SECONDS} s per case`,
);
await backend("pglite", undefined);
if (process.env.DATABASE_URL) await backend("postgresql", process.env.DATABASE_URL);
