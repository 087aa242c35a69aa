/**
 * The PX reader on generated adversarial files (packages/px/test/hostile.ts: many languages, values, variables,
 * notes with subkeys, cell notes, long and continued strings, repeated keywords, KEYS rows…), each at two sizes,
 * next to a real file of the corpus (BE0101A1.px, 134 kB) read in the same run. A linear reader spends about the
 * same time per kB on all of them, and four times as long on the larger size.
 *
 *   npm run bench:px-hostile               about 30 s
 *   BENCH_RUNS=1 BENCH_SIZES=169000,408000 npx tsx bench/px-hostile.ts
 *
 * Prints per file: size, median time of the runs, µs per kB, that as a multiple of the real file's, and the number
 * of diagnostics kept.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readPx } from "../packages/px/src/index.ts";
import { declaredCellsPx, HOSTILE_CASES } from "../packages/px/test/hostile.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "100000,400000").split(",").map(Number);
const REAL = fileURLToPath(new URL("../../shared/corpus/px/pxweb-example/Population/BE0101A1.px", import.meta.url));

function measure(bytes: Uint8Array, options: Parameters<typeof readPx>[1] = {}) {
  const times: number[] = [];
  let diagnostics = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    diagnostics = readPx(bytes, options).diagnostics.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, diagnostics };
}

const real = new Uint8Array(readFileSync(join(REAL)));
readPx(real); // warm-up
const baseline = measure(real);
const perKb = (ms: number, bytes: number) => (ms * 1000) / (bytes / 1000);
const baselinePerKb = perKb(baseline.ms, real.length);
const rows: string[][] = [
  ["file", "kB", "ms (median)", "µs/kB", "× real file", "diagnostics"],
  [
    "real file BE0101A1.px",
    (real.length / 1000).toFixed(0),
    baseline.ms.toFixed(1),
    baselinePerKb.toFixed(0),
    "1.0",
    String(baseline.diagnostics),
  ],
];
const row = (name: string, bytes: Uint8Array, options: Parameters<typeof readPx>[1] = {}) => {
  const { ms, diagnostics } = measure(bytes, options);
  const us = perKb(ms, bytes.length);
  rows.push([
    name,
    (bytes.length / 1000).toFixed(0),
    ms.toFixed(1),
    us.toFixed(0),
    (us / baselinePerKb).toFixed(1),
    String(diagnostics),
  ]);
};
for (const hostile of HOSTILE_CASES) {
  for (const size of SIZES) row(hostile.name, new TextEncoder().encode(hostile.make(size)));
}
// Declared, not present: 244 million cells in 2.8 kB (the server validates with a limit of its own).
row("4 × 125 values declared, maxCells 10 M", new TextEncoder().encode(declaredCellsPx(4, 125)), {
  maxCells: 10_000_000,
});

const widths = rows[0]?.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? "").length))) ?? [];
console.log(`readPx, ${RUNS} run(s) each, median (a shared machine: expect 10–30% noise)`);
for (const r of rows)
  console.log(r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join("  "));
