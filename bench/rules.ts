/**
 * Benchmark of the consistency rules on a full partner-country table: reporter 10 × year 20 × country of birth 252
 * × sex 3 × age 20 = 3,024,000 cells, with every total computed from its parts, checked against a previous version.
 * Baseline in the same run: one plain pass summing the value array.
 *
 *   npm run bench:rules
 */

import { DEFAULT_REPORTERS, emptyCube, validate, validateTable } from "../packages/clearinghouse/src/index.ts";
import { computeTotal, random } from "../packages/clearinghouse/test/helpers.ts";

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
const ds = emptyCube("T1_2", { reporters: DEFAULT_REPORTERS, years });
const rng = random(7);
for (let i = 0; i < ds.values.length; i++) {
  ds.values[i] = Math.floor(rng() * 100);
  ds.status[i] = 0;
}
for (const d of ["cob", "age", "sex"]) computeTotal(ds, d);
const previous = emptyCube("T1_2", { reporters: DEFAULT_REPORTERS, years });
previous.values.set(ds.values);
previous.status.set(ds.status);
const t11 = emptyCube("T1_1", { reporters: DEFAULT_REPORTERS, years });

const rows: [string, number[]][] = [
  [
    "baseline: one pass summing the values",
    time(() => {
      let s = 0;
      for (let i = 0; i < ds.values.length; i++) s += ds.values[i] as number;
      return s;
    }),
  ],
  ["every table rule (with the previous version)", time(() => validateTable("T1_2", ds, { previous }))],
  [
    "cross-table rule 1.1 FOR = 1.2 _T",
    time(() => validate({ T1_1: t11, T1_2: ds }, { rules: ["cross.T1_1.FOR=T1_2._T"] })),
  ],
];
console.log(
  `Consistency rules — Node ${process.version}; T1_2 with ${ds.values.length.toLocaleString("en")} cells, ${RUNS} runs`,
);
for (const [name, t] of rows) {
  const median = t[Math.floor(t.length / 2)] ?? 0;
  console.log(
    `${name.padEnd(48)} median ${median.toFixed(0).padStart(5)} ms  min ${(t[0] ?? 0).toFixed(0).padStart(5)} ms  ${(ds.values.length / median / 1000).toFixed(1)} Mcells/s`,
  );
}
