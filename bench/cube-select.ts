/**
 * Benchmark of the hot path of every data download: select 10% of a 5-million-cell dataset, then serialize the
 * selection as JSON-stat 2.0, as CSV and as Parquet. The yardstick, measured in the same run, is JSON.stringify of a plain
 * array of the same numbers (what any JSON API would at least have to do).
 *
 *   npm run bench:cube
 *
 * Prints per operation: median and p95/p99 latency over the runs, cells/s, output MB/s, and heap growth.
 */

import { mulberry32 as seededRandom } from "../packages/clearinghouse/src/demo/random.ts";
import {
  csvLongChunks,
  type Dataset,
  type DimensionQuery,
  Flag,
  Status,
  select,
  toCsvLong,
  toJsonStat2,
  toParquet,
} from "../packages/cube/src/index.ts";
import { generatedDimension } from "./generated.ts";
import { percentile, printTable, timedRuns } from "./table.ts";

const RUNS = 15;
const utf8 = new TextEncoder();
const WARMUP = 3;
const MB = 1e6;

/** reporter 10 × partner 250 × age 20 × sex 3 × year 34 = 5,100,000 cells, like a partner-country table. */
function generate(): Dataset {
  const dimensions = [
    generatedDimension("reporter", 10, "geo"),
    generatedDimension("partner", 250),
    generatedDimension("age", 20),
    generatedDimension("sex", 3),
    generatedDimension("year", 34, "time"),
  ];
  const n = dimensions.reduce((p, d) => p * d.categories.length, 1);
  const random = seededRandom(20261125);
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.04) {
      values[i] = Number.NaN;
      status[i] = r < 0.02 ? Status.notAvailable : Status.nil;
    } else {
      values[i] = Math.floor(random() * 10 ** (1 + Math.floor(random() * 6)));
      if (r > 0.99) flags[i] = Flag.provisional;
    }
  }
  return {
    id: "BENCH",
    languages: ["en", "ru"],
    title: { en: "Bench", ru: "Тест" },
    decimals: 0,
    dimensions,
    values,
    status,
    flags,
  };
}

/** 10% of the cells: all reporters, 75 partners, all ages, 2 sexes, half the years (10·75·20·2·17 = 510k). */
function tenPercent(ds: Dataset): DimensionQuery[] {
  const codes = (k: number, keep: (i: number) => boolean) =>
    ds.dimensions[k]?.categories.filter((_, i) => keep(i)).map((c) => c.code) ?? [];
  return [
    { code: "reporter", selection: { filter: "all", values: ["*"] } },
    { code: "partner", selection: { filter: "item", values: codes(1, (i) => i % 10 < 3) } },
    { code: "age", selection: { filter: "all", values: ["*"] } },
    { code: "sex", selection: { filter: "item", values: codes(3, (i) => i > 0) } },
    { code: "year", selection: { filter: "top", values: ["17"] } },
  ];
}

interface Measure {
  readonly name: string;
  readonly times: number[];
  readonly cells: number;
  readonly bytes: number;
  readonly heapMb: number;
}

function measure(name: string, cells: number, work: () => number): Measure {
  const { times, result, heapMb } = timedRuns(work, RUNS, WARMUP);
  return { name, times, cells, bytes: result, heapMb };
}

function main(): void {
  const started = performance.now();
  const ds = generate();
  const query = tenPercent(ds);
  console.log(`Cube benchmark — Node ${process.version}, ${RUNS} timed runs after ${WARMUP} warm-up`);
  console.log(
    `dataset: ${ds.dimensions.map((d) => `${d.code} ${d.categories.length}`).join(" × ")} = ${ds.values.length.toLocaleString("en")} cells`,
  );

  const selected = select(ds, query);
  if (!selected.ok) throw new Error(selected.error.message.en);
  const cells = selected.dataset.values.length;
  console.log(`selection: ${cells.toLocaleString("en")} cells (${((100 * cells) / ds.values.length).toFixed(1)}%)\n`);
  const plain = Array.from(selected.dataset.values, (v, i) => (selected.dataset.status[i] === 0 ? v : null));

  const results = [
    measure("select (index arithmetic)", cells, () => {
      const r = select(ds, query);
      return r.ok ? r.dataset.values.byteLength : 0;
    }),
    measure("baseline: JSON.stringify(number[])", cells, () => JSON.stringify(plain).length),
    measure(
      "JSON-stat 2.0 of the selection",
      cells,
      () => JSON.stringify(toJsonStat2(selected.dataset, { lang: "en" })).length,
    ),
    // What `cube select` and `px convert` write: every chunk encoded as UTF-8 (the bytes are counted, not dropped).
    measure("CSV long, UTF-8 chunks (the command)", cells, () => {
      let n = 0;
      for (const chunk of csvLongChunks(selected.dataset, { lang: "en" })) n += utf8.encode(chunk).length;
      return n;
    }),
    // What the server's CSV download builds (encodeDataset): the chunks joined into one string, then encoded.
    measure(
      "CSV long, joined and encoded",
      cells,
      () => utf8.encode(toCsvLong(selected.dataset, { lang: "en" })).length,
    ),
    measure("Parquet of the selection", cells, () => toParquet(selected.dataset, { lang: "en" }).byteLength),
    measure("select + JSON-stat 2.0", cells, () => {
      const r = select(ds, query);
      return r.ok ? JSON.stringify(toJsonStat2(r.dataset, { lang: "en" })).length : 0;
    }),
  ];

  const header = ["operation", "p50 ms", "p95 ms", "p99 ms", "Mcells/s", "out MB", "MB/s", "heap +MB"];
  const rows = results.map((m) => {
    const p50 = percentile(m.times, 50);
    return [
      m.name,
      p50.toFixed(1),
      percentile(m.times, 95).toFixed(1),
      percentile(m.times, 99).toFixed(1),
      (m.cells / p50 / 1000).toFixed(2),
      (m.bytes / MB).toFixed(1),
      (m.bytes / MB / (p50 / 1000)).toFixed(1),
      m.heapMb.toFixed(0),
    ];
  });
  printTable(header, rows);
  const base = percentile(results[1]?.times ?? [], 50);
  console.log(
    `\nJSON-stat 2.0 time / baseline time (p50): ${(percentile(results[2]?.times ?? [], 50) / base).toFixed(2)}`,
  );
  console.log(
    `CSV long (the command) time / baseline (p50): ${(percentile(results[3]?.times ?? [], 50) / base).toFixed(2)}`,
  );
  console.log(
    `Parquet time / baseline time (p50):       ${(percentile(results[5]?.times ?? [], 50) / base).toFixed(2)}`,
  );
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main();
