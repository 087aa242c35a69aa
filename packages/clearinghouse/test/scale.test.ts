import { describe, expect, it } from "vitest";
import { DEFAULT_REPORTERS, emptyCube, validateTable } from "../src/index.ts";
import { computeTotal, random } from "./helpers.ts";

// Speed is measured in bench/rules.ts; this checks the behaviour on a table of realistic shape.
describe("a large partner-country table", () => {
  it("finds no error where the totals hold, and lists at most 10,000 findings while counting them all", () => {
    const years = Array.from({ length: 5 }, (_, i) => 2015 + i);
    const ds = emptyCube("T1_2", { reporters: DEFAULT_REPORTERS.slice(0, 4), years });
    expect(ds.values.length).toBe(4 * 5 * 252 * 3 * 20);
    const rng = random(7);
    for (let i = 0; i < ds.values.length; i++) {
      ds.values[i] = Math.floor(rng() * 100);
      ds.status[i] = 0;
    }
    for (const d of ["cob", "age", "sex"]) computeTotal(ds, d);
    const report = validateTable("T1_2", ds, {});
    // random leaves: the totals hold, the year-on-year changes do not
    expect(report.errors).toBe(0);
    expect(report.byRule["change.previous-year"]?.warnings).toBeGreaterThan(10_000);
    expect(report.findings).toHaveLength(10_000);
  });
});
