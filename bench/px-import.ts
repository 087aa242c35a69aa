/**
 * Importing a large PX file into each back end: time and peak memory.
 *
 *   npx tsx bench/px-import.ts
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx bench/px-import.ts   # and PostgreSQL
 *
 * Generates the 9,000,000-cell, 55 MB bilingual PX file of px-parse.ts (`--generate`), then measures, each in its own
 * child process so that each peak RSS is its own: reading the file into a dataset (readPx + fromPx, no storage: the
 * baseline, what any import must at least do), and `importPath` of the file into the embedded PGlite (a data folder
 * on disk, as a server has) and, with DATABASE_URL, into a new PostgreSQL database made for the run and dropped
 * after it. Prints the time, peak RSS (process.resourceUsage().maxRSS) and the peak less the RSS before the work,
 * next to the size of the cells as numbers (8 bytes each).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { defaultPostgresUser, openStorage } from "../apps/server/src/storage/database.ts";
import { importPath } from "../apps/server/src/tables/import.ts";
import { fromPx } from "../packages/cube/src/index.ts";
import { readPx } from "../packages/px/src/index.ts";

const SCRIPT = fileURLToPath(import.meta.url);

interface Measure {
  readonly seconds: number;
  readonly rssBefore: number;
  readonly peakRss: number;
  readonly cells: number;
}

async function measure(work: () => Promise<number>): Promise<Measure> {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const cells = await work();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rssBefore, peakRss: process.resourceUsage().maxRSS * 1024, cells };
}

async function runChild(mode: string, file: string, target: string): Promise<void> {
  let result: Measure;
  if (mode === "read") {
    result = await measure(async () => {
      const read = readPx(new Uint8Array(readFileSync(file)));
      if (!read.file) throw new Error("the generated file does not read");
      return fromPx(read.file).values.length;
    });
  } else {
    const storage = await openStorage(
      mode === "postgresql" ? { databaseUrl: target, dataDir: "" } : { databaseUrl: undefined, dataDir: target },
    );
    result = await measure(async () => {
      const report = await importPath(storage.db, file, { into: ["bench"] });
      if (report.imported.length !== 1) throw new Error(`not imported: ${JSON.stringify(report.refused)}`);
      const row = await storage.db.selectFrom("table_version").select("cell_count").executeTakeFirstOrThrow();
      return row.cell_count;
    });
    await storage.close();
  }
  console.log(JSON.stringify(result));
}

function child(mode: string, file: string, target = ""): Measure {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", SCRIPT, "--child", mode, file, target], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`child ${mode} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as Measure;
}

async function withDatabase<T>(adminUrl: string, work: (url: string) => T): Promise<T> {
  defaultPostgresUser();
  const name = `ch_import_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

async function main(): Promise<void> {
  const generate = spawnSync(process.execPath, ["--import", "tsx", join(SCRIPT, "../px-parse.ts"), "--generate"], {
    encoding: "utf8",
  });
  if (generate.status !== 0) throw new Error(`generating failed:\n${generate.stderr}`);
  const files = JSON.parse(generate.stdout.trim()) as { folder: string; pxPath: string; pxBytes: number };
  try {
    console.log(`PX import — Node ${process.version}, ${files.pxPath} (${mb(files.pxBytes)} MB)`);
    console.log(["case", "time s", "RSS before MB", "peak RSS MB", "peak − before MB"].join(" | "));
    const print = (name: string, m: Measure) =>
      console.log(
        [name, m.seconds.toFixed(1), mb(m.rssBefore), mb(m.peakRss), mb(m.peakRss - m.rssBefore)].join(" | "),
      );
    const baseline = child("read", files.pxPath);
    print("read the file into a dataset (baseline)", baseline);
    const dataDir = mkdtempSync(join(tmpdir(), "px-import-pglite-"));
    try {
      print("import into PGlite (data folder on disk)", child("pglite", files.pxPath, dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const adminUrl = process.env.DATABASE_URL;
    if (adminUrl)
      print("import into PostgreSQL", await withDatabase(adminUrl, (url) => child("postgresql", files.pxPath, url)));
    console.log(`${baseline.cells.toLocaleString("en")} cells: ${mb(baseline.cells * 8)} MB as numbers`);
  } finally {
    rmSync(files.folder, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf("--child");
if (childAt === -1) await main();
else
  await runChild(
    process.argv[childAt + 1] as string,
    process.argv[childAt + 2] as string,
    process.argv[childAt + 3] ?? "",
  );
