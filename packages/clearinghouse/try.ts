import { syntheticTables, validate } from "./src/index.ts";

for (const partnerList of ["reported", "full"] as const) {
  let t = performance.now();
  const tables = syntheticTables({ partnerList });
  const gen = performance.now() - t;
  const cells = Object.values(tables).reduce((s, d) => s + d.values.length, 0);
  t = performance.now();
  const r = validate(tables);
  console.log(
    partnerList,
    "cells",
    cells,
    "gen ms",
    gen.toFixed(0),
    "validate ms",
    (performance.now() - t).toFixed(0),
    r.findings.length,
  );
}
