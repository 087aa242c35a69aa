/**
 * Load on the production set-up: server processes on PostgreSQL behind nginx (deploy/cluster.ts), a mixed
 * workload of every kind of request at once. Each kind has its own autocannon instance and share of the
 * connections, all running together, so each kind's latency is its own under the whole mix.
 *
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx bench/load.ts          # quick: 50 × 10 s
 *   DATABASE_URL=… npx tsx bench/load.ts --full        # 200 connections × 60 s
 *   options: --connections N --seconds S --port P (nginx on P, processes on P+1…) --processes N
 *
 * Runs, in order (after a few seconds of the mix to warm the new processes up): the mix on one process directly (the
 * baseline), the mix through nginx on all processes with the
 * rate limit raised (target: 0 errors, p99 of small queries under 200 ms), and the mix through nginx with the
 * default limit (MAX_CALLS=30 per 10 s per client: every client here is 127.0.0.1), where only 429s with
 * Retry-After may be refused, never a 5xx.
 */

import autocannon from "autocannon";
import { type Cluster, startCluster } from "../deploy/cluster.ts";
import { printTable } from "./table.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const full = args.includes("--full");
const CONNECTIONS = option("connections", full ? 200 : 50);
const SECONDS = option("seconds", full ? 60 : 10);
const PORT = option("port", 3160);
const PROCESSES = option("processes", 2);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL must name a PostgreSQL database (the set-up is several processes on one database)");
  process.exit(2);
}

/** Table 1.1 of the demo: reporter 10 × year 7 × place of birth 4 × sex 3 × age 20 = 16,800 cells. */
const TABLE = { v1: "/api/v1/en/migration/birthplace/T1_1", v2: "/api/v2/tables/T1_1" };
const V1_FORMATS = ["json", "json-stat", "json-stat2", "csv", "px", "xlsx"];
const V2_FORMATS = ["json-stat2", "csv", "px", "xlsx", "html", "json-px"];
/** 14 cells: two reporters over the years, totals of the rest. */
const SMALL = { reporter: ["ARM", "KAZ"], year: ["*"], birthplace: ["_T"], sex: ["_T"], age: ["_T"] };
/** The whole table. */
const LARGE = { reporter: ["*"], year: ["*"], birthplace: ["*"], sex: ["*"], age: ["*"] };
type Selection = Readonly<Record<string, readonly string[]>>;

const v1Body = (selection: Selection, format: string) =>
  JSON.stringify({
    query: Object.entries(selection).map(([code, values]) => ({
      code,
      selection: values[0] === "*" ? { filter: "all", values: ["*"] } : { filter: "item", values },
    })),
    response: { format },
  });
const v2Path = (selection: Selection, format: string) =>
  `${TABLE.v2}/data?lang=en&outputFormat=${format}&${Object.entries(selection)
    .map(([code, values]) => `valuecodes%5B${code}%5D=${values.join(",")}`)
    .join("&")}`;

type Request = { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };
const json = { "content-type": "application/json" };
const v1Query = (selection: Selection) =>
  V1_FORMATS.map((f): Request => ({ method: "POST", path: TABLE.v1, body: v1Body(selection, f), headers: json }));
const v2Query = (selection: Selection) =>
  V2_FORMATS.map((f): Request => ({ method: "GET", path: v2Path(selection, f) }));

/** Each kind: its requests (cycled) and its share of the connections. */
const KINDS: { name: string; share: number; requests: Request[] }[] = [
  {
    name: "metadata (v1, v2)",
    share: 0.15,
    requests: [
      { method: "GET", path: TABLE.v1 },
      { method: "GET", path: `${TABLE.v2}/metadata?lang=en` },
      { method: "GET", path: "/api/v2/tables?lang=en" },
    ],
  },
  { name: "small query v1 (6 formats)", share: 0.2, requests: v1Query(SMALL) },
  { name: "small query v2 (6 formats)", share: 0.2, requests: v2Query(SMALL) },
  { name: "large query v1 (16,800 cells)", share: 0.075, requests: v1Query(LARGE) },
  { name: "large query v2 (16,800 cells)", share: 0.075, requests: v2Query(LARGE) },
  {
    name: "inventory search",
    share: 0.15,
    requests: ["migration", "statistics", "миграция", "office"].map((q) => ({
      method: "GET" as const,
      path: `/api/inventory/institutions?q=${encodeURIComponent(q)}`,
    })),
  },
  {
    name: "web pages",
    share: 0.15,
    requests: ["/en/", "/ru/", "/en/inventory"].map((path) => ({ method: "GET" as const, path })),
  },
];

interface Row {
  readonly kind: string;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly limited: number;
  readonly serverErrors: number;
  readonly other: number;
  /** Connection errors, timeouts (no answer within autocannon's 10 s) included. */
  readonly errors: number;
  readonly timeouts: number;
}

async function mix(url: string, seconds = SECONDS): Promise<Row[]> {
  const runs = KINDS.map(async (kind) => {
    const connections = Math.max(1, Math.round(CONNECTIONS * kind.share));
    const result = await autocannon({ url, connections, duration: seconds, requests: kind.requests });
    const byStatus = (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
    const count = (test: (status: number) => boolean) =>
      Object.entries(byStatus).reduce((sum, [status, { count }]) => (test(Number(status)) ? sum + count : sum), 0);
    return {
      kind: kind.name,
      connections,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok: count((s) => s >= 200 && s < 400),
      limited: count((s) => s === 429),
      serverErrors: count((s) => s >= 500),
      other: count((s) => s >= 400 && s < 500 && s !== 429),
      errors: result.errors,
      timeouts: result.timeouts,
    };
  });
  return Promise.all(runs);
}

function print(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  const header = [
    "kind",
    "conns",
    "req/s",
    "p50 ms",
    "p99 ms",
    "2xx/3xx",
    "429",
    "5xx",
    "other 4xx",
    "errors",
    "timeouts",
  ];
  const sum = (pick: (r: Row) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const total: Row = {
    kind: "all (latency: the worst kind)",
    connections: sum((r) => r.connections),
    rps: sum((r) => r.rps),
    p50: Math.max(...rows.map((r) => r.p50)),
    p99: Math.max(...rows.map((r) => r.p99)),
    ok: sum((r) => r.ok),
    limited: sum((r) => r.limited),
    serverErrors: sum((r) => r.serverErrors),
    other: sum((r) => r.other),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
  const cells = [...rows, total].map((r) => [
    r.kind,
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    String(r.ok),
    String(r.limited),
    String(r.serverErrors),
    String(r.other),
    String(r.errors),
    String(r.timeouts),
  ]);
  printTable(header, cells);
}

async function withCluster<T>(env: Record<string, string>, run: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = await startCluster({ port: PORT, processes: PROCESSES, databaseUrl: databaseUrl as string, env });
  try {
    return await run(cluster);
  } finally {
    await cluster.stop();
  }
}

console.log(
  `Load benchmark — Node ${process.version}, ${CONNECTIONS} connections × ${SECONDS} s per run, ${PROCESSES} processes on PostgreSQL behind nginx (timings on a shared machine are noisy)`,
);
const failures: string[] = [];
const raised = { MAX_CALLS: "1000000000" };
/** New processes compile, decode and cache on their first requests: a few seconds of the mix, not counted. */
const WARM_UP_SECONDS = Math.min(5, SECONDS);
await withCluster(raised, async (cluster) => {
  await mix(cluster.url, WARM_UP_SECONDS);
  const direct = await mix(cluster.servers[0]?.url as string);
  print(`baseline: one process directly, rate limit raised`, direct);
  const behind = await mix(cluster.url);
  print(`${PROCESSES} processes behind nginx, rate limit raised`, behind);
  const bad = behind.reduce((n, r) => n + r.serverErrors + r.other + r.limited + r.errors, 0);
  if (bad > 0) failures.push(`${bad} requests failed with the limit raised`);
  for (const r of behind.filter((r) => r.kind.startsWith("small")))
    if (r.p99 >= 200) failures.push(`${r.kind}: p99 ${r.p99} ms, target under 200 ms`);
});
await withCluster({}, async (cluster) => {
  const limited = await mix(cluster.url);
  print(
    `${PROCESSES} processes behind nginx, default limit (30 calls per 10 s per client; all clients are one here)`,
    limited,
  );
  const wrong = limited.reduce((n, r) => n + r.serverErrors + r.other + r.errors, 0);
  if (wrong > 0) failures.push(`${wrong} requests with the default limit were refused otherwise than 429`);
  // One refusal looked at closely: Retry-After and a problem document (calls until the limit is reached).
  let refused = await fetch(`${cluster.url}/api/v2/tables?lang=en`);
  for (let k = 0; k < 40 && refused.status !== 429; k++) refused = await fetch(`${cluster.url}/api/v2/tables?lang=en`);
  const retryAfter = refused.headers.get("retry-after");
  const type = refused.headers.get("content-type") ?? "";
  console.log(`a refused call: ${refused.status}, Retry-After ${retryAfter}, ${type}`);
  if (refused.status !== 429 || !retryAfter || !type.startsWith("application/problem+json"))
    failures.push("a refused call lacks 429, Retry-After or application/problem+json");
});
console.log(failures.length === 0 ? "\nall targets met" : `\n${failures.join("\n")}`);
