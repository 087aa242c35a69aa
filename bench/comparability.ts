/**
 * Benchmark of the comparability views on the demo tables (`syntheticTables`) for the 10 participating countries
 * × 12 standard tables × 20 years: the availability matrix (every block, detail `all` and `total`), the
 * consistency report of every country and year, the mirror matrix of every year on both bases and the series of
 * every pair, and the indicators of table IND (14 for every country and year). Baseline in the same run: one pass summing every value of the same 12 cubes.
 *
 *   npm run bench:comparability            (--full: every partner country in the partner tables, 3 million cells each)
 */

import {
  availability,
  computeIndicators,
  consistencyReport,
  DEFAULT_REPORTERS,
  emptyCube,
  MIRROR_BASIS_DECLS,
  type MirrorBasis,
  MirrorInputs,
  mirrorMatrix,
  mirrorSeries,
  type ReleasedTables,
  syntheticTables,
  TABLE_IDS,
  tableDecl,
} from "../packages/clearinghouse/src/index.ts";
import { computeTotal, random } from "../packages/clearinghouse/test/helpers.ts";
import { printTable } from "./table.ts";

const RUNS = 5;
const full = process.argv.includes("--full");

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
const cubes = syntheticTables({ reporters: DEFAULT_REPORTERS, years });
if (full) {
  // Every partner of the code list, figures at random, totals the sums of their parts (so the rules pass).
  const rng = random(11);
  for (const id of TABLE_IDS) {
    const own = tableDecl(id).own[0];
    if (own?.type !== "partner") continue;
    const ds = emptyCube(id, { reporters: DEFAULT_REPORTERS, years });
    for (let i = 0; i < ds.values.length; i++) {
      ds.values[i] = Math.floor(rng() * 50);
      ds.status[i] = 0;
    }
    for (const d of [own.code, "age", "sex"]) computeTotal(ds, d);
    cubes[id] = ds;
  }
}
const tables: ReleasedTables = new Map(TABLE_IDS.map((id) => [id, { version: 1, cube: cubes[id] }]));
const cells = TABLE_IDS.reduce((n, id) => n + cubes[id].values.length, 0);
const generated = performance.now() - started;

const yearCodes = years.map(String);
const mirror = (basis: MirrorBasis) => {
  const decl = MIRROR_BASIS_DECLS[basis];
  return new MirrorInputs(decl, {
    immigration: cubes[decl.immigration.table],
    emigration: cubes[decl.emigration.table],
  });
};
const rows: [string, number[]][] = [
  [
    "baseline: one pass summing every value",
    time(() => {
      let s = 0;
      for (const id of TABLE_IDS) {
        const v = cubes[id].values;
        for (let i = 0; i < v.length; i++) s += v[i] as number;
      }
      return s;
    }),
  ],
  ["availability, detail all (2,400 blocks)", time(() => availability(tables, DEFAULT_REPORTERS))],
  ["availability, detail total", time(() => availability(tables, DEFAULT_REPORTERS, { detail: "total" }))],
  [
    "consistency, every country and year (200 reports)",
    time(() => {
      for (const r of DEFAULT_REPORTERS) for (const y of years) consistencyReport(tables, r, y, { maxFindings: 100 });
    }),
  ],
  ["mirror matrix, every year (3 against 4)", time(() => yearCodes.map((y) => mirrorMatrix(mirror("residence"), y)))],
  [
    "mirror matrix, every year (5.2 against 6.2)",
    time(() => yearCodes.map((y) => mirrorMatrix(mirror("citizenship"), y))),
  ],
  [
    "mirror series of every pair (3 against 4)",
    time(() => {
      const inputs = mirror("residence");
      return DEFAULT_REPORTERS.flatMap((a) =>
        DEFAULT_REPORTERS.filter((b) => b !== a).map((b) => mirrorSeries(inputs, a, b)),
      );
    }),
  ],
  ["indicators of table IND (every country and year)", time(() => computeIndicators(cubes))],
];

console.log(
  `Comparability views — Node ${process.version}; ${DEFAULT_REPORTERS.length} countries × ${TABLE_IDS.length} tables × ${years.length} years, ${cells.toLocaleString("en")} cells${full ? " (every partner)" : " (demo partners)"}, made in ${(generated / 1000).toFixed(1)} s; ${RUNS} runs after one warm-up`,
);
const baseline = rows[0]?.[1][Math.floor(RUNS / 2)] ?? 1;
printTable(
  ["view", "median ms", "min ms", "× baseline"],
  rows.map(([name, t]) => {
    const median = t[Math.floor(t.length / 2)] ?? 0;
    return [
      name,
      median.toFixed(1),
      (t[0] ?? 0).toFixed(1),
      (median / baseline).toFixed(median / baseline >= 10 ? 0 : 1),
    ];
  }),
);
