/**
 * Benchmark of the PX reader and writer on a large generated bilingual (en + ru) table, with JSON.parse of the same
 * cells as a JSON-stat 2.0 dataset as the yardstick.
 *
 *   npm run bench:px                                  generate the files, measure, print the table
 *   npx tsx bench/px-parse.ts --keep                  the same, keeping the generated files
 *   npx tsx bench/px-parse.ts --generate              only writes the files (to a new temp folder), prints their paths
 *   node --expose-gc --import tsx bench/px-parse.ts --child px-read FILE
 *                                                     one measurement (what the parent runs; add --cpu-prof to profile)
 *
 * Each operation is measured in its own child process so that its peak RSS is not mixed with the generator's or
 * another operation's.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 as seededRandom } from "../packages/clearinghouse/src/demo/random.ts";
import {
  bare,
  buildPx,
  entry,
  type PxEntry,
  type PxFile,
  readPx,
  STATUS_NIL,
  STATUS_NOT_AVAILABLE,
  sortEntries,
  text,
  writePx,
} from "../packages/px/src/index.ts";

/** Timed runs per operation, after {@link WARMUP_RUNS} untimed ones that let the JIT settle. */
const TIMED_RUNS = 5;
const WARMUP_RUNS = 1;
const SEED = 20240601;
const MIN_CELLS = 5_000_000;
const MIN_PX_BYTES = 50_000_000;
/** Sizes are reported in MB of 10^6 bytes. */
const MB = 1e6;

// ---------------------------------------------------------------------------------------------------------------
// The table: migration flows by reporting country, flow, partner country, age group, sex (stub) and year (heading).
// ---------------------------------------------------------------------------------------------------------------

interface Bilingual<T> {
  readonly en: T;
  readonly ru: T;
}

interface Dimension {
  /** Identifier of the dimension in JSON-stat. */
  readonly id: string;
  readonly name: Bilingual<string>;
  readonly codes: readonly string[];
  readonly labels: Bilingual<readonly string[]>;
}

function dimension(
  id: string,
  name: Bilingual<string>,
  rows: readonly (readonly [string, string, string])[],
): Dimension {
  return {
    id,
    name,
    codes: rows.map(([code]) => code),
    labels: { en: rows.map(([, en]) => en), ru: rows.map(([, , ru]) => ru) },
  };
}

const REPORTERS = dimension("reporter", { en: "Reporting country", ru: "Отчитывающаяся страна" }, [
  ["ARM", "Armenia", "Армения"],
  ["AZE", "Azerbaijan", "Азербайджан"],
  ["BLR", "Belarus", "Беларусь"],
  ["GEO", "Georgia", "Грузия"],
  ["KAZ", "Kazakhstan", "Казахстан"],
  ["KGZ", "Kyrgyzstan", "Кыргызстан"],
  ["MDA", "Moldova", "Молдова"],
  ["RUS", "Russian Federation", "Российская Федерация"],
  ["TJK", "Tajikistan", "Таджикистан"],
  ["TKM", "Turkmenistan", "Туркменистан"],
  ["UKR", "Ukraine", "Украина"],
  ["UZB", "Uzbekistan", "Узбекистан"],
]);

const FLOWS = dimension("flow", { en: "Flow", ru: "Поток" }, [
  ["IMM", "Immigration", "Иммиграция"],
  ["EMI", "Emigration", "Эмиграция"],
]);

const PARTNERS = dimension(
  "partner",
  { en: "Country of previous or next residence", ru: "Страна прежнего или последующего проживания" },
  Array.from({ length: 250 }, (_, k) => {
    const n = String(k + 1).padStart(3, "0");
    return [`P${n}`, `Partner country ${n}`, `Страна-партнёр ${n}`] as const;
  }),
);

const AGE_GROUPS = dimension(
  "age",
  { en: "Age group", ru: "Возрастная группа" },
  Array.from({ length: 20 }, (_, k) => {
    const from = k * 5;
    if (k === 19) return ["Y_GE95", "95 years and over", "95 лет и старше"] as const;
    return [`Y${from}-${from + 4}`, `${from}–${from + 4} years`, `${from}–${from + 4} лет`] as const;
  }),
);

const SEXES = dimension("sex", { en: "Sex", ru: "Пол" }, [
  ["T", "Total", "Всего"],
  ["M", "Men", "Мужчины"],
  ["F", "Women", "Женщины"],
]);

const YEARS = dimension(
  "year",
  { en: "Year", ru: "Год" },
  Array.from({ length: 25 }, (_, k) => {
    const year = String(2000 + k);
    return [year, year, year] as const;
  }),
);

const STUB = [REPORTERS, FLOWS, PARTNERS, AGE_GROUPS, SEXES];
const HEADING = [YEARS];
/** In data order: the first stub dimension varies slowest, the last heading one fastest (as in PX and JSON-stat). */
const DIMENSIONS = [...STUB, ...HEADING];
const CELL_COUNT = DIMENSIONS.reduce((product, d) => product * d.codes.length, 1);

// ---------------------------------------------------------------------------------------------------------------
// Cell values
// ---------------------------------------------------------------------------------------------------------------

/** Statuses 1–7 are "." to "......." (the number of dots). */
const STATUS_THREE_DOTS = 3;
/** The data symbols used, by PxFile status. */
const STATUS_SYMBOLS: Record<number, string> = {
  [STATUS_NOT_AVAILABLE]: "..",
  [STATUS_THREE_DOTS]: "...",
  [STATUS_NIL]: "-",
};

/** An integer of 1 to 9 digits, each length equally likely, so that number lengths vary as in real tables. */
function randomInteger(random: () => number): number {
  const digits = 1 + Math.floor(random() * 9);
  if (digits === 1) return Math.floor(random() * 10);
  const low = 10 ** (digits - 1);
  return low + Math.floor(random() * 9 * low);
}

interface Cells {
  /** NaN where status is not 0, as in a PxFile. */
  readonly values: Float64Array;
  readonly status: Uint8Array;
}

/** About 3% "..", 2% "-", 0.5% "...", 8% numbers with one or two decimals, the rest integers. */
function generateCells(count: number, seed: number): Cells {
  const random = seededRandom(seed);
  const values = new Float64Array(count);
  const status = new Uint8Array(count);
  for (let cell = 0; cell < count; cell++) {
    const kind = random();
    if (kind < 0.055) {
      status[cell] = kind < 0.03 ? STATUS_NOT_AVAILABLE : kind < 0.05 ? STATUS_NIL : STATUS_THREE_DOTS;
      values[cell] = Number.NaN;
    } else if (kind < 0.135) {
      values[cell] = randomInteger(random) / (random() < 0.5 ? 10 : 100);
    } else {
      values[cell] = randomInteger(random);
    }
  }
  return { values, status };
}

// ---------------------------------------------------------------------------------------------------------------
// The two files
// ---------------------------------------------------------------------------------------------------------------

function valueEntries(d: Dimension): PxEntry[] {
  return [
    entry("VALUES", text(...d.labels.en), { subkeys: [d.name.en] }),
    entry("VALUES", text(...d.labels.ru), { language: "ru", subkeys: [d.name.ru] }),
    entry("CODES", text(...d.codes), { subkeys: [d.name.en] }),
  ];
}

/** Metadata of the PX file: English by default, Russian as the second language. */
function pxEntries(): PxEntry[] {
  const both = (keyword: string, en: string, ru: string) => [
    entry(keyword, text(en)),
    entry(keyword, text(ru), { language: "ru" }),
  ];
  return sortEntries([
    entry("LANGUAGE", text("en")),
    entry("LANGUAGES", text("en", "ru")),
    entry("MATRIX", text("MIGBENCH")),
    entry("SUBJECT-CODE", text("MIG")),
    ...both("SUBJECT-AREA", "Migration", "Миграция"),
    ...both("CONTENTS", "International migration", "Международная миграция"),
    ...both(
      "TITLE",
      "International migration by reporting country, flow, partner country, age group, sex and year",
      "Международная миграция по отчитывающимся странам, потокам, странам-партнёрам, возрастным группам, полу и годам",
    ),
    ...both("UNITS", "persons", "человек"),
    entry("DECIMALS", bare(2)),
    entry("STUB", text(...STUB.map((d) => d.name.en))),
    entry("STUB", text(...STUB.map((d) => d.name.ru)), { language: "ru" }),
    entry("HEADING", text(...HEADING.map((d) => d.name.en))),
    entry("HEADING", text(...HEADING.map((d) => d.name.ru)), { language: "ru" }),
    ...DIMENSIONS.flatMap(valueEntries),
  ]);
}

/** The same cells as a JSON-stat 2.0 dataset (English labels), with null values and a sparse status object. */
function jsonStatText(cells: Cells): string {
  const value: (number | null)[] = new Array(cells.values.length);
  const status: Record<string, string> = {};
  for (let cell = 0; cell < cells.values.length; cell++) {
    const symbol = STATUS_SYMBOLS[cells.status[cell] ?? 0];
    value[cell] = symbol === undefined ? (cells.values[cell] ?? null) : null;
    if (symbol !== undefined) status[cell] = symbol;
  }
  const dimension = Object.fromEntries(
    DIMENSIONS.map((d) => [
      d.id,
      {
        label: d.name.en,
        category: { index: d.codes, label: Object.fromEntries(d.codes.map((c, k) => [c, d.labels.en[k]])) },
      },
    ]),
  );
  return JSON.stringify({
    version: "2.0",
    class: "dataset",
    label: "International migration by reporting country, flow, partner country, age group, sex and year",
    id: DIMENSIONS.map((d) => d.id),
    size: DIMENSIONS.map((d) => d.codes.length),
    role: { time: ["year"] },
    dimension,
    value,
    status,
  });
}

interface GeneratedFiles {
  readonly folder: string;
  readonly pxPath: string;
  readonly jsonPath: string;
  readonly pxBytes: number;
  readonly jsonBytes: number;
}

function generateFiles(): GeneratedFiles {
  const folder = mkdtempSync(join(tmpdir(), "px-bench-"));
  const cells = generateCells(CELL_COUNT, SEED);
  const file = buildPx({ entries: pxEntries(), data: cells.values, status: cells.status });
  const px = writePx(file, { encoding: "utf-8" });
  const json = Buffer.from(jsonStatText(cells), "utf8");
  const pxPath = join(folder, "migration.px");
  const jsonPath = join(folder, "migration.json");
  writeFileSync(pxPath, px);
  writeFileSync(jsonPath, json);
  return { folder, pxPath, jsonPath, pxBytes: px.length, jsonBytes: json.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Child: one operation, warm-up then timed runs
// ---------------------------------------------------------------------------------------------------------------

const OPERATIONS = ["px-read", "json-parse", "px-write"] as const;
type Operation = (typeof OPERATIONS)[number];

interface RunResult {
  /** What the operation produced; kept alive until memory has been read. */
  readonly output: unknown;
  readonly cells: number;
  readonly ms: number;
  /** json-parse only: time to decode the file's bytes to the string that JSON.parse needs. */
  readonly decodeMs?: number;
}

interface Workload {
  /** Size of the PX or JSON text the operation reads or writes. */
  readonly textBytes: number;
  runOnce(): RunResult;
}

interface ChildReport {
  readonly operation: Operation;
  readonly textBytes: number;
  readonly cells: number;
  /** Times of the timed runs. */
  readonly ms: number[];
  readonly decodeMs: number[];
  /** RSS with the input loaded, before the first run. */
  readonly rssBefore: number;
  /** Peak RSS of the whole child process. */
  readonly maxRss: number;
  /** heapUsed + arrayBuffers: before the first run, right after each run, and after a GC with the output alive. */
  readonly memoryBefore: number;
  readonly memoryAfter: number[];
  readonly memoryKept: number[];
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

function readPxOrThrow(bytes: Uint8Array): PxFile {
  const { file, diagnostics } = readPx(bytes);
  if (!file) throw new Error(`readPx failed: ${diagnostics.map((d) => d.message).join("; ")}`);
  return file;
}

/** Loads the input of an operation (not timed) and returns how to run the operation once. */
function prepareWorkload(operation: Operation, path: string): Workload {
  const bytes = readFileSync(path);
  switch (operation) {
    case "px-read":
      return {
        textBytes: bytes.length,
        runOnce() {
          const { value, ms } = timed(() => readPxOrThrow(bytes));
          return { output: value, cells: value.data.length, ms };
        },
      };
    case "json-parse":
      return {
        textBytes: bytes.length,
        runOnce() {
          // JSON.parse takes a string, so the file's bytes must be decoded first; timed apart from the parse.
          const decoded = timed(() => bytes.toString("utf8"));
          const parsed = timed(() => JSON.parse(decoded.value) as { value: unknown[] });
          return { output: parsed.value, cells: parsed.value.value.length, ms: parsed.ms, decodeMs: decoded.ms };
        },
      };
    case "px-write": {
      // The input is the parsed file; the text size is that of the PX bytes written.
      const file = readPxOrThrow(bytes);
      return {
        textBytes: bytes.length,
        runOnce() {
          const { value, ms } = timed(() => writePx(file, { encoding: "utf-8" }));
          return { output: value, cells: file.data.length, ms };
        },
      };
    }
  }
}

const collectGarbage = (): void => globalThis.gc?.();
const heapAndBuffers = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** One timed run, without its output. */
interface Sample {
  readonly ms: number;
  readonly decodeMs: number | undefined;
  readonly cells: number;
  readonly after: number;
  readonly kept: number;
}

function runChild(operation: Operation, path: string): void {
  if (!globalThis.gc) throw new Error("run the child with --expose-gc");
  const workload = prepareWorkload(operation, path);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const memoryBefore = heapAndBuffers();
  const samples: Sample[] = [];
  for (let run = 0; run < WARMUP_RUNS + TIMED_RUNS; run++) {
    collectGarbage();
    const result = workload.runOnce();
    const after = heapAndBuffers();
    collectGarbage();
    const kept = heapAndBuffers();
    // Reading the output after the GC keeps it alive through it, so that `kept` includes it.
    if (result.output === undefined) throw new Error(`${operation} produced nothing`);
    if (run < WARMUP_RUNS) continue;
    samples.push({ ms: result.ms, decodeMs: result.decodeMs, cells: result.cells, after, kept });
  }
  const report: ChildReport = {
    operation,
    textBytes: workload.textBytes,
    cells: samples[0]?.cells ?? 0,
    ms: samples.map((s) => s.ms),
    decodeMs: samples.flatMap((s) => (s.decodeMs === undefined ? [] : [s.decodeMs])),
    rssBefore,
    // resourceUsage().maxRSS is in kilobytes.
    maxRss: process.resourceUsage().maxRSS * 1024,
    memoryBefore,
    memoryAfter: samples.map((s) => s.after),
    memoryKept: samples.map((s) => s.kept),
  };
  process.stdout.write(JSON.stringify(report));
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: generate, run the children, print
// ---------------------------------------------------------------------------------------------------------------

const SCRIPT = fileURLToPath(import.meta.url);
/** tsx 4's loader for `node --import`, resolved here so that children do not depend on the working directory. */
const TSX_LOADER = import.meta.resolve("tsx");

function measureInChild(operation: Operation, path: string): ChildReport {
  const args = ["--expose-gc", "--import", TSX_LOADER, SCRIPT, "--child", operation, path];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.status !== 0) throw new Error(`child "${operation}" failed (status ${child.status}, ${child.signal})`);
  return JSON.parse(child.stdout) as ChildReport;
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const mb = (bytes: number): string => (bytes / MB).toFixed(1);
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Prints rows under a header, the first column left-aligned and the others right-aligned. */
function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function speedRow(label: string, report: ChildReport, ms: readonly number[]): string[] {
  const typical = median(ms);
  return [
    label,
    mb(report.textBytes),
    seconds(typical),
    seconds(Math.min(...ms)),
    (report.textBytes / MB / (typical / 1000)).toFixed(1),
    (report.cells / 1e6 / (typical / 1000)).toFixed(2),
  ];
}

function memoryRow(label: string, report: ChildReport): string[] {
  return [
    label,
    mb(report.maxRss),
    mb(report.rssBefore),
    mb(report.memoryBefore),
    mb(median(report.memoryAfter)),
    mb(median(report.memoryKept)),
  ];
}

interface Measurements {
  readonly read: ChildReport;
  readonly json: ChildReport;
  readonly write: ChildReport;
}

function printResults({ read, json, write }: Measurements): void {
  const labels = {
    read: "readPx (PX bytes → PxFile)",
    json: "JSON.parse (JSON-stat string)",
    decode: "  utf-8 decode before JSON.parse",
    write: "writePx (PxFile → PX bytes)",
  };
  printTable(
    ["operation", "text MB", "median s", "min s", "MB/s", "Mcells/s"],
    [
      speedRow(labels.read, read, read.ms),
      speedRow(labels.json, json, json.ms),
      speedRow(labels.decode, json, json.decodeMs),
      speedRow(labels.write, write, write.ms),
    ],
  );
  console.log("");
  console.log("memory in MB; heap+ab = heapUsed + arrayBuffers (medians over the timed runs)");
  printTable(
    ["operation", "peak RSS", "RSS before", "heap+ab before", "heap+ab after", "after GC, output kept"],
    [memoryRow(labels.read, read), memoryRow(labels.json, json), memoryRow(labels.write, write)],
  );
  const pxMedian = median(read.ms);
  const jsonMedian = median(json.ms);
  console.log("");
  console.log(`PX parse time / JSON.parse time (medians): ${(pxMedian / jsonMedian).toFixed(2)}`);
  const withDecode = jsonMedian + median(json.decodeMs);
  console.log(`PX parse time / (utf-8 decode + JSON.parse) time: ${(pxMedian / withDecode).toFixed(2)}`);
}

function checkSize(files: GeneratedFiles): void {
  if (CELL_COUNT < MIN_CELLS) throw new Error(`the table has ${CELL_COUNT} cells, fewer than ${MIN_CELLS}`);
  if (files.pxBytes < MIN_PX_BYTES) throw new Error(`the PX file has ${files.pxBytes} bytes, under ${MIN_PX_BYTES}`);
}

function runParent(keepFiles: boolean): void {
  const started = performance.now();
  const shape = DIMENSIONS.map((d) => `${d.id} ${d.codes.length}`).join(" × ");
  console.log(`PX benchmark — Node ${process.version}, ${TIMED_RUNS} timed runs after ${WARMUP_RUNS} warm-up`);
  console.log(`table: ${shape} = ${CELL_COUNT.toLocaleString("en")} cells, languages en + ru`);

  const generation = timed(generateFiles);
  const files = generation.value;
  try {
    checkSize(files);
    console.log(`PX file:        ${files.pxPath}  ${mb(files.pxBytes)} MB (utf-8, CRLF)`);
    console.log(`JSON-stat file: ${files.jsonPath}  ${mb(files.jsonBytes)} MB`);
    console.log(`generated in ${seconds(generation.ms)} s`);
    console.log("");
    printResults({
      read: measureInChild("px-read", files.pxPath),
      json: measureInChild("json-parse", files.jsonPath),
      write: measureInChild("px-write", files.pxPath),
    });
  } finally {
    if (keepFiles) console.log(`\nfiles kept in ${files.folder}`);
    else rmSync(files.folder, { recursive: true, force: true });
  }
  console.log(`total ${seconds(performance.now() - started)} s`);
}

function main(argv: readonly string[]): void {
  // For other benchmarks (px-import.ts): the files only, their paths as JSON.
  if (argv.includes("--generate")) {
    console.log(JSON.stringify(generateFiles()));
    return;
  }
  const childAt = argv.indexOf("--child");
  if (childAt === -1) {
    runParent(argv.includes("--keep"));
    return;
  }
  const operation = argv[childAt + 1] as Operation;
  const path = argv[childAt + 2];
  if (!OPERATIONS.includes(operation) || path === undefined) {
    throw new Error(`usage: --child ${OPERATIONS.join("|")} FILE`);
  }
  runChild(operation, path);
}

main(process.argv.slice(2));
