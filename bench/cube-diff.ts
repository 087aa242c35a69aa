/**
 * Benchmark of the comparison of two versions (packages/cube/src/diff.ts) on a 3-million-cell table: the new
 * version adds a year, drops a partner and revises 1% of the cells. The yardstick, measured in the same run, is a
 * plain loop comparing two equally shaped arrays (what any cell-by-cell comparison must at least do).
 *
 *   npx tsx bench/cube-diff.ts
 *
 * Prints median and p95 time, cells per second and heap growth.
 */

import { mulberry32 as seededRandom } from "../packages/clearinghouse/src/demo/random.ts";
import { type Dataset, diffDatasets } from "../packages/cube/src/index.ts";
import { generatedDimension } from "./generated.ts";
import { percentile, printTable, timedRuns } from "./table.ts";

const RUNS = 9;
const WARMUP = 2;

const SIZES = { reporter: 10, partner: 250, age: 20, sex: 3, year: 20 };

function table(dimensions: Dataset["dimensions"], value: (coordinates: readonly number[]) => number): Dataset {
  const n = dimensions.reduce((p, d) => p * d.categories.length, 1);
  const values = new Float64Array(n);
  const at = dimensions.map(() => 0);
  for (let i = 0; i < n; i++) {
    values[i] = value(at);
    for (let k = at.length - 1; k >= 0; k--) {
      at[k] = ((at[k] ?? 0) + 1) % (dimensions[k]?.categories.length ?? 1);
      if (at[k] !== 0) break;
    }
  }
  return {
    id: "BENCH",
    languages: ["en", "ru"],
    title: { en: "Bench", ru: "Тест" },
    decimals: 0,
    dimensions,
    values,
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

const figure = (c: readonly number[]) => (c[0] ?? 0) * 1e6 + (c[1] ?? 0) * 1e3 + (c[2] ?? 0) * 100 + (c[4] ?? 0);

/** The old version, and the new one: partner 0 dropped, a 21st year added, 1% of the figures revised. */
function versions(): { before: Dataset; after: Dataset } {
  const dims = (years: number) =>
    Object.entries({ ...SIZES, year: years }).map(([code, size]) =>
      generatedDimension(code, size, code === "year" ? "time" : code === "reporter" ? "geo" : "other"),
    );
  const before = table(dims(SIZES.year), figure);
  const newDims = dims(SIZES.year + 1);
  const partner = newDims[1];
  if (partner) newDims[1] = { ...partner, categories: partner.categories.slice(1) };
  const random = seededRandom(20261204);
  const after = table(newDims, (c) => {
    const old = figure([c[0] ?? 0, (c[1] ?? 0) + 1, c[2] ?? 0, c[3] ?? 0, c[4] ?? 0]);
    return random() < 0.01 ? old + 1 : old;
  });
  return { before, after };
}

const measure = (work: () => number) => timedRuns(work, RUNS, WARMUP);

function main(): void {
  // 10 × 250 × 20 × 3 × 20 = 3,000,000 cells; the new one: partners 1…249, 21 years.
  const { before, after } = versions();
  const same = { ...before, values: before.values.map((v, i) => (i % 100 === 0 ? v + 1 : v)) };
  console.log(`Version comparison — Node ${process.version}, ${RUNS} timed runs after ${WARMUP} warm-up`);
  console.log(
    `old ${before.values.length.toLocaleString("en")} cells, new ${after.values.length.toLocaleString("en")}`,
  );
  const rows = [
    [
      "baseline: loop over two equal shapes",
      measure(() => {
        let differ = 0;
        for (let i = 0; i < before.values.length; i++)
          if (before.values[i] !== same.values[i] || before.status[i] !== same.status[i]) differ++;
        return differ;
      }),
    ],
    [
      "diffDatasets, every change to the visitor",
      measure(() => {
        const r = diffDatasets(before, after, () => {});
        return r.ok ? r.summary.changed + r.summary.added + r.summary.removed : -1;
      }),
    ],
    [
      "diffDatasets, first 1,000 kept",
      measure(() => {
        const kept: unknown[] = [];
        const r = diffDatasets(before, after, (c) => kept.push(c), { limit: 1000 });
        return r.ok ? r.summary.changed + r.summary.added + r.summary.removed : -1;
      }),
    ],
  ] as const;
  printTable(
    ["operation", "p50 ms", "p95 ms", "Mcells/s", "differing", "heap +MB"],
    rows.map(([name, m]) => [
      name,
      percentile(m.times, 50).toFixed(1),
      percentile(m.times, 95).toFixed(1),
      (before.values.length / percentile(m.times, 50) / 1000).toFixed(1),
      m.result.toLocaleString("en"),
      m.heapMb.toFixed(0),
    ]),
  );
}

main();
