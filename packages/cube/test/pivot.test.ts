import { describe, expect, it } from "vitest";
import { PivotError, pivot } from "../src/index.ts";
import { dataset, dim } from "./build.ts";

const ds = dataset([dim("reporter", ["ARM", "GEO"]), dim("sex", ["_T", "M", "F"]), dim("year", ["2020", "2021"])]);

describe("pivot", () => {
  it("puts any dimensions in rows and columns, in any order", () => {
    const p = pivot(ds, { rows: ["year", "reporter"], columns: ["sex"] });
    expect([p.rowCount, p.columnCount]).toEqual([4, 3]);
    expect(p.rowCategories(1).map((c) => c.code)).toEqual(["2020", "GEO"]);
    expect(p.columnCategories(2).map((c) => c.code)).toEqual(["F"]);
    // GEO/F/2020 = 1*6 + 2*2 + 0 = 10
    expect(ds.values[p.cell(1, 2)]).toBe(10);
  });

  it("visits every cell exactly once", () => {
    const p = pivot(ds, { rows: ["sex"], columns: ["year", "reporter"] });
    const seen = new Set<number>();
    for (let r = 0; r < p.rowCount; r++) for (let c = 0; c < p.columnCount; c++) seen.add(p.cell(r, c));
    expect(seen.size).toBe(12);
  });

  it("defaults rows to the dimensions not in columns, and refuses unknown or repeated ones", () => {
    expect(pivot(ds, { columns: ["year"] }).rowDimensions.map((d) => d.code)).toEqual(["reporter", "sex"]);
    expect(() => pivot(ds, { rows: ["nope"], columns: [] })).toThrow(PivotError);
    expect(() => pivot(ds, { rows: ["sex", "sex"], columns: ["year", "reporter"] })).toThrow(/each dimension once/);
  });
});
