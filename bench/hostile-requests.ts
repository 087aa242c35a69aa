/**
 * Single hostile requests against the real server on a loopback port, with its default limits: how long each
 * takes, what it answers, and how long the server stops answering everyone else meanwhile (the longest wait of a
 * /healthz probe sent every 100 ms during the request). Baseline, measured in the same run: a plain data request.
 *
 *   npm run bench:hostile                          the server of this working tree
 *   BENCH_ROOT=/tmp/old-checkout npx tsx bench/hostile-requests.ts   another checkout's server (before/after)
 *
 * BENCH_CAP (seconds, default 30) ends a request that takes longer: the server, frozen, is then restarted for the
 * next case. BENCH_PORT (default 3141); BENCH_ONLY=text measures only the cases whose name holds it (and the
 * baselines). The demo data is seeded into a temporary folder on the first start.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { declaredCellsPx, HOSTILE_CASES } from "../packages/px/test/hostile.ts";

const ONLY = process.env.BENCH_ONLY;

const ROOT = resolve(process.env.BENCH_ROOT ?? fileURLToPath(new URL("..", import.meta.url)));
const PORT = Number(process.env.BENCH_PORT ?? 3141);
const CAP_MS = Number(process.env.BENCH_CAP ?? 30) * 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), "hostile-bench-"));

let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: join(dataDir, "data"),
      MAX_CALLS: "1000000",
      LINK_CHECK: "off",
      DATABASE_URL: "",
    },
    stdio: "ignore",
  });
  const started = Date.now();
  while (Date.now() - started < 600_000) {
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not start within 10 minutes");
}

function stopServer(): void {
  server?.kill("SIGKILL");
  server = undefined;
}

interface Measured {
  readonly name: string;
  readonly status: string;
  readonly ms: number;
  readonly stallMs: number;
}

/** Sends one request while probing /healthz; restarts the server when the request had to be abandoned. */
async function measure(name: string, url: string, init: RequestInit = {}): Promise<Measured> {
  if (ONLY && !name.includes(ONLY) && !name.startsWith("baseline"))
    return { name, status: "skipped", ms: 0, stallMs: 0 };
  let done = false;
  let stall = 0;
  const probe = (async () => {
    while (!done) {
      const sent = performance.now();
      try {
        await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(CAP_MS + 1000) });
      } catch {
        // abandoned with the request
      }
      stall = Math.max(stall, performance.now() - sent);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  let status: string;
  try {
    status = String(await send(url, init));
  } catch (error) {
    status = error instanceof CapError ? `gave up after ${CAP_MS / 1000} s` : `failed: ${String(error)}`;
  }
  const ms = performance.now() - started;
  done = true;
  if (status.startsWith("gave up")) {
    stopServer();
    await probe;
    await startServer();
  } else await probe;
  return { name, status, ms, stallMs: stall };
}

class CapError extends Error {}

/**
 * One request by node:http, resolved with the status as soon as the answer comes: a server refusing a large body
 * answers before reading it and closes the connection, which fetch reports as an error rather than the status.
 */
function send(url: string, init: RequestInit): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body as string | Uint8Array);
    const req = request(`${BASE}${url}`, {
      method: init.method ?? "GET",
      headers: init.headers as Record<string, string>,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new CapError());
    }, CAP_MS);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
    });
    req.on("error", (error) => {
      // A write cut short by an early answer still gets that answer; anything else fails.
      if ((error as NodeJS.ErrnoException).code !== "EPIPE" && (error as NodeJS.ErrnoException).code !== "ECONNRESET") {
        clearTimeout(timer);
        reject(error);
      }
    });
    req.end(body);
  });
}

const stars = (n: number) => encodeURIComponent(`${"*".repeat(n)}!`);
const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const px = (text: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/octet-stream" },
  body: new TextEncoder().encode(text),
});

async function v1PathOf(table: string): Promise<string> {
  const walk = async (path: string): Promise<string | undefined> => {
    const entries = (await (await fetch(`${BASE}/api/v1/en/${path}`)).json()) as {
      id?: string;
      dbid?: string;
      type?: string;
    }[];
    for (const e of entries) {
      const id = e.dbid ?? e.id ?? "";
      if (e.type === "t" && id === table) return `${path}${id}`;
      if (e.type !== "t") {
        const found = await walk(`${path}${id}/`);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = await walk("");
  if (!found) throw new Error(`no table ${table} in the v1 tree`);
  return found;
}

try {
  const seeding = performance.now();
  await startServer();
  console.log(`server of ${ROOT} ready in ${((performance.now() - seeding) / 1000).toFixed(0)} s (seeded)`);
  const v1 = await v1PathOf("T1_1");
  // Every other variable gets its first value, so that the pattern on age is what the server works on.
  const meta = (await (await fetch(`${BASE}/api/v1/en/${v1}`)).json()) as {
    variables: { code: string; values: string[] }[];
  };
  const v1Query = meta.variables.map((v) =>
    v.code === "age"
      ? { code: "age", selection: { filter: "all", values: [`${"*".repeat(60)}!`] } }
      : { code: v.code, selection: { filter: "item", values: v.values.slice(0, 1) } },
  );
  const languages = HOSTILE_CASES.find((c) => c.name === "many languages");
  const results: Measured[] = [
    await measure("baseline: GET v2 T1_1 data, default selection", "/api/v2/tables/T1_1/data"),
    await measure("baseline: GET /api/v1 table metadata", `/api/v1/en/${v1}`),
    await measure("v2 GET valuecodes[age]=45 × * and !", `/api/v2/tables/T1_1/data?valuecodes[age]=${stars(45)}`),
    await measure("v2 GET valuecodes[age]=60 × * and !", `/api/v2/tables/T1_1/data?valuecodes[age]=${stars(60)}`),
    await measure('v1 POST filter "all", 60 × * and !', `/api/v1/en/${v1}`, json({ query: v1Query })),
    await measure(
      'v2 POST 10 MB: 2.5 million "*"',
      "/api/v2/tables/T1_1/data",
      json({ selection: [{ variableCode: "age", valueCodes: Array(2_500_000).fill("*") }] }),
    ),
    await measure("px validate: 2.8 kB declaring 4 × 125 values", "/api/px/validate", px(declaredCellsPx(4, 125))),
    await measure("px validate: 408 kB, many languages", "/api/px/validate", px(languages?.make(408_000) ?? "")),
    await measure(
      "GET /api/tables/T1_1/versions/999999999999999999999",
      "/api/tables/T1_1/versions/999999999999999999999",
    ),
    await measure("GET /api/v2/savedqueries/%00", "/api/v2/savedqueries/%00"),
  ];
  const rows = [
    ["request", "answer", "took (ms)", "others waited (ms)"],
    ...results.map((r) => [r.name, r.status, r.ms.toFixed(0), r.stallMs.toFixed(0)]),
  ];
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? "").length))) ?? [];
  console.log("one request at a time; times on a shared machine vary by 10–30 %");
  for (const r of rows) {
    console.log(r.map((cell, k) => (k < 2 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join("  "));
  }
} finally {
  stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}
