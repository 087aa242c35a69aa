/**
 * Benchmark of reading an upload: the Excel workbook of all 12 tables for one country × 20 years, filled, and the
 * long CSV files of the same cells (one per table), through `readUpload`. Baselines measured in the same run on
 * the same bytes: exceljs's bare load of the workbook (what reading it with a spreadsheet library costs before
 * any mapping), and a plain split of the CSV text into lines and fields (the floor of any CSV reader).
 *
 *   npx tsx bench/upload-read.ts            # about 3–5 minutes on 2 shared cores
 *   BENCH_RUNS=3 npx tsx bench/upload-read.ts
 *
 * Each operation runs in its own child process (`node --import tsx … --child OP`), so each peak RSS is its own: the
 * input is generated and held first (not timed), then one warm-up and BENCH_RUNS timed runs with a GC before each.
 * Prints per operation the input size, cells, p50 and p95 (nearest rank over the runs), MB/s and cells/s at p50,
 * the RSS before the runs and the peak RSS.
 */

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { mulberry32 } from "../packages/clearinghouse/src/demo/random.ts";
import {
  emptyCube,
  readUpload,
  TABLE_IDS,
  type TableId,
  templateCsv,
  templateXlsx,
} from "../packages/clearinghouse/src/index.ts";
import { type Dataset, Flag, Status } from "../packages/cube/src/index.ts";
import { printTable } from "./table.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REPORTER = "KAZ";
const YEARS = Array.from({ length: 20 }, (_, i) => 2005 + i);
const OPS = ["readUpload xlsx", "exceljs load (baseline)", "readUpload long CSV", "CSV split (baseline)"] as const;
type Op = (typeof OPS)[number];

/** The country's figures: 90% numbers (5% of them flagged), the rest `..`, `-` and `x`. */
function figures(): Partial<Record<TableId, Dataset>> {
  const random = mulberry32(20261204);
  const out: Partial<Record<TableId, Dataset>> = {};
  for (const id of TABLE_IDS) {
    const ds = emptyCube(id, { reporters: [REPORTER], years: YEARS });
    for (let i = 0; i < ds.values.length; i++) {
      const r = random();
      if (r < 0.9) {
        ds.values[i] = Math.floor(random() * 100_000);
        ds.status[i] = Status.value;
        if (r < 0.045) ds.flags[i] = Flag.provisional;
      } else ds.status[i] = r < 0.95 ? Status.notAvailable : r < 0.98 ? Status.nil : Status.confidential;
    }
    out[id] = ds;
  }
  return out;
}

async function inputs() {
  const data = figures();
  const xlsx = await templateXlsx({ reporter: REPORTER, tables: TABLE_IDS, years: YEARS, figures: data });
  const encoder = new TextEncoder();
  const csv = TABLE_IDS.map((table) => ({
    name: `${table}_${REPORTER}.csv`,
    bytes: encoder.encode(templateCsv({ reporter: REPORTER, table, years: YEARS, figures: data[table] })),
  }));
  const cells = TABLE_IDS.reduce((n, id) => n + (data[id]?.values.length ?? 0), 0);
  return { xlsx, csv, cells };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function child(op: Op): Promise<void> {
  const { xlsx, csv, cells } = await inputs();
  const bytes =
    op.includes("xlsx") || op.includes("exceljs") ? xlsx.length : csv.reduce((n, f) => n + f.bytes.length, 0);
  const run = async () => {
    switch (op) {
      case "readUpload xlsx": {
        const r = await readUpload([{ name: "tables.xlsx", bytes: xlsx }], { reporter: REPORTER });
        if (r.tables.length !== 12 || r.problems.length > 0) throw new Error(`xlsx: ${JSON.stringify(r.problems[0])}`);
        return;
      }
      case "exceljs load (baseline)": {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
        return;
      }
      case "readUpload long CSV": {
        const r = await readUpload(csv, { reporter: REPORTER });
        if (r.tables.length !== 12 || r.problems.length > 0) throw new Error(`csv: ${JSON.stringify(r.problems[0])}`);
        return;
      }
      case "CSV split (baseline)": {
        let fields = 0;
        const decoder = new TextDecoder("utf-8");
        for (const f of csv) for (const line of decoder.decode(f.bytes).split("\n")) fields += line.split(",").length;
        if (fields === 0) throw new Error("no fields");
        return;
      }
    }
  };
  gc();
  const rssBefore = process.memoryUsage().rss;
  await run();
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    gc();
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const rank = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0;
  process.stdout.write(
    JSON.stringify({
      op,
      bytes,
      cells,
      p50: rank(0.5),
      p95: rank(0.95),
      rssBefore,
      peak: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

async function main(): Promise<void> {
  const childOp = process.argv.indexOf("--child");
  if (childOp !== -1) return child(process.argv[childOp + 1] as Op);
  const self = fileURLToPath(import.meta.url);
  const rows: string[][] = [];
  let header = "";
  for (const op of OPS) {
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", self, "--child", op], {
      encoding: "utf-8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const r = JSON.parse(out) as {
      op: string;
      bytes: number;
      cells: number;
      p50: number;
      p95: number;
      rssBefore: number;
      peak: number;
    };
    header ||= `12 tables × ${YEARS.length} years for ${REPORTER}: ${r.cells.toLocaleString("en")} cells`;
    rows.push([
      r.op,
      (r.bytes / 1e6).toFixed(1),
      r.p50.toFixed(0),
      r.p95.toFixed(0),
      (r.bytes / 1e6 / (r.p50 / 1000)).toFixed(1),
      (r.cells / 1e6 / (r.p50 / 1000)).toFixed(2),
      (r.rssBefore / 1e6).toFixed(0),
      (r.peak / 1e6).toFixed(0),
    ]);
  }
  console.log(`Upload readers — Node ${process.version}; ${header}; ${RUNS} runs after one warm-up`);
  printTable(["operation", "input MB", "p50 ms", "p95 ms", "MB/s", "Mcells/s", "RSS before MB", "peak RSS MB"], rows);
}

await main();
