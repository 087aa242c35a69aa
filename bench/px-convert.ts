/**
 * `px convert` on large generated PX files: PX → long CSV and PX → PX in another code page (both streamed), next
 * to a baseline measured in the same run that reads the same input and writes as many bytes as the conversion
 * wrote, with no parsing (the floor any converter has to pay for the I/O).
 *
 *   npm run bench:px-convert                      0.7, 5 and 20 million cells
 *   npx tsx bench/px-convert.ts --cells 0.7,5     chosen sizes (millions of cells)
 *   npx tsx bench/px-convert.ts --runs 5          timed runs per case (default 3; 1 for 20 million cells)
 *   npx tsx bench/px-convert.ts --keep            keep the generated files (their folder is printed)
 *
 * Each case runs the compiled command (`node packages/cli/bin/px.mjs`, as a user runs it) under `/usr/bin/time`,
 * which gives wall time, CPU time and the peak RSS. The files are generated into a new folder under the system's
 * temp folder (never into the repository), streaming, so generating 20 million cells needs little memory too.
 */

import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../packages/clearinghouse/src/demo/random.ts";
import {
  bare,
  buildPx,
  type CellBlock,
  entry,
  type PxEntry,
  STATUS_NIL,
  STATUS_NOT_AVAILABLE,
  sortEntries,
  text,
  writePxStream,
} from "../packages/px/src/index.ts";

const MB = 1e6;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "packages/cli/bin/px.mjs");

// ---------------------------------------------------------------------------------------------------------------
// The table: reporter × flow × partner × age group × sex (stub) × year (heading); the reporters and years make
// the size.

interface Variable {
  readonly en: string;
  readonly ru: string;
  readonly codes: readonly string[];
  readonly labels: { readonly en: readonly string[]; readonly ru: readonly string[] };
}

const variable = (en: string, ru: string, count: number, label: (i: number) => [string, string, string]) => {
  const rows = Array.from({ length: count }, (_, i) => label(i));
  return {
    en,
    ru,
    codes: rows.map((r) => r[0]),
    labels: { en: rows.map((r) => r[1]), ru: rows.map((r) => r[2]) },
  } satisfies Variable;
};

function variables(reporters: number, years: number): Variable[] {
  const pad = (i: number) => String(i + 1).padStart(3, "0");
  return [
    variable("Reporting country", "Отчитывающаяся страна", reporters, (i) => [
      `R${pad(i)}`,
      `Reporter ${pad(i)}`,
      `Страна ${pad(i)}`,
    ]),
    variable("Flow", "Поток", 2, (i) =>
      i === 0 ? ["IMM", "Immigration", "Иммиграция"] : ["EMI", "Emigration", "Эмиграция"],
    ),
    variable("Partner country", "Страна-партнёр", 250, (i) => [`P${pad(i)}`, `Partner ${pad(i)}`, `Партнёр ${pad(i)}`]),
    variable("Age group", "Возрастная группа", 20, (i) => [
      `Y${i * 5}`,
      `${i * 5}–${i * 5 + 4} years`,
      `${i * 5}–${i * 5 + 4} лет`,
    ]),
    variable("Sex", "Пол", 2, (i) => (i === 0 ? ["M", "Men", "Мужчины"] : ["F", "Women", "Женщины"])),
    variable("Year", "Год", years, (i) => [`${2000 + i}`, `${2000 + i}`, `${2000 + i}`]),
  ];
}

/** Reporters × years for about `millions` million cells (20,000 cells per reporter and year). */
function shape(millions: number): { reporters: number; years: number } {
  const pairs = Math.max(1, Math.round((millions * 1e6) / 20_000));
  let years = Math.min(25, pairs);
  while (pairs % years !== 0) years--;
  return { reporters: pairs / years, years };
}

function header(vars: readonly Variable[]) {
  const stub = vars.slice(0, -1);
  const heading = vars.slice(-1);
  const both = (keyword: string, en: string, ru: string) => [
    entry(keyword, text(en)),
    entry(keyword, text(ru), { language: "ru" }),
  ];
  const entries: PxEntry[] = [
    entry("LANGUAGE", text("en")),
    entry("LANGUAGES", text("en", "ru")),
    entry("MATRIX", text("CONVERTBENCH")),
    entry("SUBJECT-CODE", text("MIG")),
    ...both("SUBJECT-AREA", "Migration", "Миграция"),
    ...both("CONTENTS", "International migration", "Международная миграция"),
    ...both(
      "TITLE",
      "Migration by reporter, flow, partner, age, sex and year",
      "Миграция по странам, потокам, партнёрам, возрасту, полу и годам",
    ),
    ...both("UNITS", "persons", "человек"),
    entry("DECIMALS", bare(1)),
    entry("STUB", text(...stub.map((v) => v.en))),
    entry("STUB", text(...stub.map((v) => v.ru)), { language: "ru" }),
    entry("HEADING", text(...heading.map((v) => v.en))),
    entry("HEADING", text(...heading.map((v) => v.ru)), { language: "ru" }),
    ...vars.flatMap((v) => [
      entry("VALUES", text(...v.labels.en), { subkeys: [v.en] }),
      entry("VALUES", text(...v.labels.ru), { language: "ru", subkeys: [v.ru] }),
      entry("CODES", text(...v.codes), { subkeys: [v.en] }),
    ]),
  ];
  return buildPx({ entries: sortEntries(entries), data: new Float64Array(0), withoutCells: true });
}

/** Seeded cells, block by block: mostly integers, some with one decimal, 5% symbols. */
async function* cellBlocks(cells: number, seed: number): AsyncGenerator<CellBlock> {
  const random = mulberry32(seed);
  const size = 65_536;
  const data = new Float64Array(size);
  const status = new Uint8Array(size);
  for (let first = 0; first < cells; first += size) {
    const length = Math.min(size, cells - first);
    for (let i = 0; i < length; i++) {
      const r = random();
      status[i] = r < 0.03 ? STATUS_NOT_AVAILABLE : r < 0.05 ? STATUS_NIL : 0;
      const v = Math.floor(random() ** 2 * 10_000_000);
      data[i] = status[i] ? Number.NaN : r < 0.15 ? v / 10 : v;
    }
    yield { length, data, status, extraSymbols: [] };
  }
}

async function generate(path: string, millions: number): Promise<number> {
  const { reporters, years } = shape(millions);
  const vars = variables(reporters, years);
  const cells = vars.reduce((p, v) => p * v.codes.length, 1);
  const out = createWriteStream(path);
  for await (const chunk of writePxStream(header(vars), cellBlocks(cells, 20_240_601))) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return cells;
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: read the input in 1 MB chunks and write as many bytes as the conversion wrote (the input's chunks
// again and again), in plain JavaScript so that it starts as fast as node itself.

const BASELINE = `
const fs = require("node:fs");
const [input, output, bytes] = process.argv.slice(1);
const chunk = Buffer.alloc(1 << 20);
const inFd = fs.openSync(input, "r");
const outFd = fs.openSync(output, "w");
let written = 0;
for (;;) {
  const n = fs.readSync(inFd, chunk, 0, chunk.length, null);
  if (n === 0) break;
  const take = Math.min(n, bytes - written);
  if (take > 0) written += fs.writeSync(outFd, chunk, 0, take);
}
while (written < bytes) written += fs.writeSync(outFd, chunk, 0, Math.min(chunk.length, bytes - written));
`;

// ---------------------------------------------------------------------------------------------------------------

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
}

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (user + system), peak RSS. */
function timed(command: string, args: readonly string[]): Timing {
  const result = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", command, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const line = result.stderr.split("\n").find((l) => l.startsWith("TIME "));
  if (result.status !== 0 || !line) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const [wall, user, system, rssKb] = line.slice(5).split(" ").map(Number) as [number, number, number, number];
  return { wall, cpu: user + system, rssMb: (rssKb * 1024) / MB };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

function row(cells: string[]): string {
  const widths = [16, 8, 8, 8, 8, 8, 9, 8, 8];
  return cells.map((c, k) => (k === 0 ? c.padEnd(widths[k] as number) : c.padStart(widths[k] as number))).join(" ");
}

async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at === -1 ? undefined : argv[at + 1];
  };
  const sizes = (option("--cells") ?? "0.7,5,20").split(",").map(Number);
  const runsAsked = option("--runs");
  const keep = argv.includes("--keep");
  const folder = mkdtempSync(join(tmpdir(), "px-convert-bench-"));
  console.log(`files in ${folder}${keep ? " (kept)" : " (removed at the end)"}`);
  console.log(
    "wall and CPU (user + system): median seconds; MB/s: input and output MB per wall second; RSS: peak; ratio: wall time over the baseline's\n",
  );
  console.log(row(["case", "in MB", "out MB", "wall s", "CPU s", "in MB/s", "out MB/s", "RSS MB", "ratio"]));
  try {
    for (const millions of sizes) {
      const input = join(folder, `table-${millions}m.px`);
      const started = performance.now();
      const cells = await generate(input, millions);
      const inBytes = statSync(input).size;
      const runs = Number(runsAsked ?? (millions >= 20 ? 1 : 3));
      console.log(
        `\n${(cells / 1e6).toFixed(2)} million cells, ${(inBytes / MB).toFixed(1)} MB of PX (generated in ${((performance.now() - started) / 1000).toFixed(1)} s), ${runs} run(s)`,
      );
      const cases = [
        { name: "PX → CSV", output: join(folder, "out.csv"), args: [] as string[] },
        { name: "PX → PX 1251", output: join(folder, "out.px"), args: ["--encoding", "windows-1251"] },
      ];
      for (const c of cases) {
        const converted: Timing[] = [];
        const baseline: Timing[] = [];
        let outBytes = 0;
        for (let run = 0; run < runs; run++) {
          converted.push(timed(process.execPath, [CLI, "convert", ...c.args, input, c.output]));
          outBytes = statSync(c.output).size;
          rmSync(c.output);
          const copy = join(folder, "baseline.out");
          baseline.push(timed(process.execPath, ["-e", BASELINE, input, copy, String(outBytes)]));
          rmSync(copy);
        }
        const line = (name: string, t: readonly Timing[], base: readonly Timing[]) => {
          const wall = median(t.map((x) => x.wall));
          return row([
            name,
            (inBytes / MB).toFixed(1),
            (outBytes / MB).toFixed(1),
            wall.toFixed(2),
            median(t.map((x) => x.cpu)).toFixed(2),
            (inBytes / MB / wall).toFixed(1),
            (outBytes / MB / wall).toFixed(1),
            Math.max(...t.map((x) => x.rssMb)).toFixed(0),
            (wall / median(base.map((x) => x.wall))).toFixed(2),
          ]);
        };
        console.log(line(c.name, converted, baseline));
        console.log(line("  baseline", baseline, baseline));
      }
      if (!keep) rmSync(input);
    }
  } finally {
    if (!keep) rmSync(folder, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
