/**
 * Importing large PX files into each back end: time and peak memory.
 *
 *   npx tsx bench/px-import.ts                                   # 10, 20 and 50 million cells
 *   IMPORT_SIZES=10 npx tsx bench/px-import.ts                   # only 10 million
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx bench/px-import.ts   # and PostgreSQL
 *
 * For each size, writes (as a stream, into a folder under os.tmpdir() removed after) a bilingual PX file of reporter
 * R × partner 250 × sex 4 × year 50 cells (R = 200, 400, 1,000), about 5% of them data symbols, then measures, each in
 * its own child process so that each peak RSS is its own: reading the file as a stream without storing it
 * (openPxStream + the status mapping: the baseline, what any import must at least do); reading it whole into a
 * dataset (readPx + fromPx: what the import did before it streamed, and still the model the in-memory tools use);
 * and `importPath` of the file into the embedded PGlite (a data folder on disk, as a server has) and, with
 * DATABASE_URL, into a new PostgreSQL database made for the run and dropped after it. Prints the time, peak RSS
 * (process.resourceUsage().maxRSS) and the peak less the RSS before the work, or the error.
 */

import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { defaultPostgresUser, openStorage } from "../apps/server/src/storage/database.ts";
import { importPath } from "../apps/server/src/tables/import.ts";
import { fromPx, pxMapping } from "../packages/cube/src/index.ts";
import { openPxStream, readPx } from "../packages/px/src/index.ts";

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
  if (mode === "stream") {
    result = await measure(async () => {
      const stream = await openPxStream(createReadStream(file, { highWaterMark: 1 << 20 }));
      if (!stream.header) throw new Error("the generated file does not read");
      const mapping = pxMapping(stream.header);
      let cells = 0;
      let numbers = 0;
      for await (const block of stream.blocks()) {
        for (let i = 0; i < block.length; i++)
          if (mapping.status(block.status[i] as number, block.extraSymbols) === 0) numbers++;
        cells += block.length;
      }
      if (stream.hasErrors || numbers === 0) throw new Error("the generated file does not read");
      return cells;
    });
  } else if (mode === "read") {
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

/** A child's measure, or the last line of its error (a failure is a result too: "Invalid array length"). */
function child(mode: string, file: string, target = ""): Measure | string {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", SCRIPT, "--child", mode, file, target], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) {
    const lines = `${run.stderr}`.split("\n").filter((l) => /Error|error:/.test(l));
    return `failed: ${(lines[0] ?? run.stderr.slice(-200)).trim().slice(0, 160)}`;
  }
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as Measure;
}

const PARTNERS = 250;
const SEXES = 4;
const YEARS = 50;

/** Writes the PX file of `reporters` × PARTNERS × SEXES × YEARS cells, streaming; returns its size. */
async function writeFile(path: string, reporters: number): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  const list = (items: readonly string[]) => items.map((t) => `"${t}"`).join(",");
  const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const dims = [
    { en: "reporter", ru: "страна", codes: codes("R", reporters) },
    { en: "partner", ru: "партнёр", codes: codes("P", PARTNERS) },
    { en: "sex", ru: "пол", codes: codes("S", SEXES) },
    { en: "year", ru: "год", codes: Array.from({ length: YEARS }, (_, i) => String(1980 + i)) },
  ];
  let header =
    'CHARSET="ANSI";\r\nCODEPAGE="utf-8";\r\nLANGUAGE="en";\r\nLANGUAGES="en","ru";\r\nMATRIX="IMPBENCH";\r\n';
  header += 'SUBJECT-CODE="MIG";\r\nSUBJECT-AREA="Migration";\r\nSUBJECT-AREA[ru]="Миграция";\r\n';
  header += 'CONTENTS="Migration";\r\nCONTENTS[ru]="Миграция";\r\nUNITS="persons";\r\nUNITS[ru]="человек";\r\n';
  header +=
    'TITLE="Migration by reporter, partner, sex and year";\r\nTITLE[ru]="Миграция по странам, партнёрам, полу и годам";\r\n';
  header += `DECIMALS=0;\r\nSTUB=${list(dims.slice(0, 3).map((d) => d.en))};\r\nSTUB[ru]=${list(dims.slice(0, 3).map((d) => d.ru))};\r\n`;
  header += `HEADING="year";\r\nHEADING[ru]="год";\r\n`;
  for (const d of dims) {
    header += `VALUES("${d.en}")=${list(d.codes)};\r\nVALUES[ru]("${d.ru}")=${list(d.codes)};\r\nCODES("${d.en}")=${list(d.codes)};\r\n`;
  }
  await write(`${header}DATA=\r\n`);
  const rows = reporters * PARTNERS * SEXES;
  let seed = 12345;
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    for (let y = 0; y < YEARS; y++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      cells.push(seed % 20 === 0 ? '".."' : String(seed % 100_000));
    }
    await write(`${cells.join(" ")}\r\n`);
  }
  await write(";\r\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return statSync(path).size;
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
  const sizes = (process.env.IMPORT_SIZES ?? "10,20,50").split(",").map(Number);
  console.log(`PX import — Node ${process.version}, reporter × partner 250 × sex 4 × year 50, bilingual`);
  console.log(["cells, case", "time s", "RSS before MB", "peak RSS MB", "peak − before MB"].join(" | "));
  for (const millions of sizes) {
    const folder = mkdtempSync(join(tmpdir(), "px-import-"));
    try {
      const file = join(folder, "import.px");
      const bytes = await writeFile(file, (millions * 1_000_000) / (PARTNERS * SEXES * YEARS));
      const print = (name: string, m: Measure | string) =>
        console.log(
          typeof m === "string"
            ? `${millions} M, ${name} | ${m}`
            : [
                `${millions} M, ${name}`,
                m.seconds.toFixed(1),
                mb(m.rssBefore),
                mb(m.peakRss),
                mb(m.peakRss - m.rssBefore),
              ].join(" | "),
        );
      console.log(`${millions} M cells: ${mb(bytes)} MB of PX, ${mb(millions * 8e6)} MB as numbers`);
      print("read as a stream, not stored (baseline)", child("stream", file));
      print("read whole into a dataset (readPx + fromPx, as the import did before)", child("read", file));
      const dataDir = mkdtempSync(join(tmpdir(), "px-import-pglite-"));
      try {
        print("import into PGlite (data folder on disk)", child("pglite", file, dataDir));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      const adminUrl = process.env.DATABASE_URL;
      if (adminUrl)
        print("import into PostgreSQL", await withDatabase(adminUrl, (url) => child("postgresql", file, url)));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
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
