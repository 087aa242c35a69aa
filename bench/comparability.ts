/**
 * Benchmark of the comparability views on the demo's 12 standard tables for 10 countries × 20 years: each view's
 * time next to a baseline measured in the same run, one plain pass summing every cell of the 12 tables. Timings on
 * a shared machine are noisy; compare a view with the baseline of its own run.
 *
 *   npx tsx bench/comparability.ts
 */

import {
  computeIndicators,
  DEFAULT_REPORTERS,
  demoTables,
  type IndicatorInputs,
  MIRROR_BASIS_DECLS,
  MirrorInputs,
  mirrorMatrix,
  mirrorSeries,
} from "../packages/clearinghouse/src/index.ts";
import { printTable } from "./table.ts";

const RUNS = 5;

function time(run: () => unknown): number[] {
  run();
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const years = Array.from({ length: 20 }, (_, i) => 2005 + i);
const started = performance.now();
const tables = demoTables({ reporters: DEFAULT_REPORTERS, years });
const generated = performance.now() - started;
const byId = Object.fromEntries(tables.map((t) => [t.tableId, t.dataset])) as IndicatorInputs;
const cells = tables.reduce((n, t) => n + t.dataset.values.length, 0);

const residence = () => new MirrorInputs(MIRROR_BASIS_DECLS.residence, { immigration: byId.T3, emigration: byId.T4 });
const citizenship = () =>
  new MirrorInputs(MIRROR_BASIS_DECLS.citizenship, { immigration: byId.T5_2, emigration: byId.T6_2 });

const rows: [string, number[]][] = [
  [
    "baseline: one pass summing every cell of the 12 tables",
    time(() => {
      let s = 0;
      for (const t of tables) {
        const v = t.dataset.values;
        for (let i = 0; i < v.length; i++) s += v[i] as number;
      }
      return s;
    }),
  ],
  ["mirror matrix, every year (3 against 4)", time(() => years.map((y) => mirrorMatrix(residence(), String(y))))],
  ["mirror matrix, every year (5.2 against 6.2)", time(() => years.map((y) => mirrorMatrix(citizenship(), String(y))))],
  [
    "mirror series of every pair (3 against 4)",
    time(() => {
      const inputs = residence();
      return DEFAULT_REPORTERS.flatMap((a) =>
        DEFAULT_REPORTERS.filter((b) => b !== a).map((b) => mirrorSeries(inputs, a, b)),
      );
    }),
  ],
  ["indicators: 14 for every country and year (table IND)", time(() => computeIndicators(byId))],
];

console.log(
  `Comparability views — Node ${process.version}; ${DEFAULT_REPORTERS.length} countries × ${years.length} years, 12 tables of ${cells.toLocaleString("en")} cells (generated in ${(generated / 1000).toFixed(1)} s), ${RUNS} runs`,
);
const baseline = rows[0]?.[1][Math.floor(RUNS / 2)] ?? 1;
printTable(
  ["view", "median ms", "min ms", "× baseline"],
  rows.map(([name, t]) => {
    const median = t[Math.floor(t.length / 2)] ?? 0;
    return [name, median.toFixed(1), (t[0] ?? 0).toFixed(1), (median / baseline).toFixed(1)];
  }),
);
