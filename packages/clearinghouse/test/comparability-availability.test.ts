import { type Dataset, Flag } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  AGE_GROUPS,
  type AvailabilityBlock,
  availability,
  expectedCodes,
  filteredTables,
  type ReleasedTables,
  stateOf,
  type TableId,
} from "../src/index.ts";
import { cube, offsetOf, set } from "./helpers.ts";

const AGES = ["_T", ...AGE_GROUPS.map((g) => g.code)];
const SEXES = ["_T", "M", "F"];

/** Fills every expected cell (own × sex × age, `_U` left out) of a reporter-year with `value`. */
function fill(ds: Dataset, reporter: string, year: string, own: string, ownCodes: readonly string[], ages = AGES) {
  for (const o of ownCodes)
    for (const sex of SEXES) for (const age of ages) set(ds, { reporter, year, [own]: o, sex, age }, 7);
}

/**
 * Table 1.1 with known gaps, two reporters × two years:
 * - ARM 2020 complete, with one nil and one confidential cell (reported) and `_U` left `..` (not expected);
 * - ARM 2019 only age `_T` (no age detail);
 * - GEO 2020 complete, one cell provisional;
 * - GEO 2019 nothing.
 */
function table11(): Dataset {
  const ds = cube("T1_1", { reporters: ["ARM", "GEO"], years: [2019, 2020] });
  fill(ds, "ARM", "2020", "birthplace", ["_T", "NAT", "FOR"]);
  set(ds, { reporter: "ARM", year: "2020", birthplace: "FOR", sex: "M", age: "Y80T84" }, "-");
  set(ds, { reporter: "ARM", year: "2020", birthplace: "FOR", sex: "F", age: "Y80T84" }, "x");
  fill(ds, "ARM", "2019", "birthplace", ["_T", "NAT", "FOR"], ["_T"]);
  fill(ds, "GEO", "2020", "birthplace", ["_T", "NAT", "FOR"]);
  ds.flags[offsetOf(ds, { reporter: "GEO", year: "2020", birthplace: "_T", sex: "_T", age: "_T" })] = Flag.provisional;
  return ds;
}

const released = (entries: [TableId, Dataset][]): ReleasedTables =>
  new Map(entries.map(([id, c], i) => [id, { version: i + 1, cube: c }]));

const blockOf = (blocks: readonly AvailabilityBlock[], reporter: string, table: TableId, year: number) => {
  const b = blocks.find((x) => x.reporter === reporter && x.table === table && x.year === year);
  if (!b) throw new Error(`no block ${reporter} ${table} ${year}`);
  return b;
};

describe("expected cells", () => {
  it("grow with the detail: 1, 3, 57, and 57 per breakdown category but _U", () => {
    const n = (t: TableId, d: "total" | "sex" | "age" | "all") => {
      const c = expectedCodes(t, d);
      return c.own.length * c.sex.length * c.age.length;
    };
    expect([n("T1_1", "total"), n("T1_1", "sex"), n("T1_1", "age"), n("T1_1", "all")]).toEqual([1, 3, 57, 171]);
    expect(n("T2_1", "all")).toBe(57 * 4); // _T, CIT, FOR, STL
    expect(n("T3", "all")).toBe(57); // partners: only _T expected
  });
});

describe("availability against a table with known gaps", () => {
  const tables = released([["T1_1", table11()]]);
  const matrix = availability(tables, ["ARM", "GEO", "KAZ"], { tables: ["T1_1"] });

  it("counts a complete block as available, nil and confidential as reported, _U not at all", () => {
    const b = blockOf(matrix.blocks, "ARM", "T1_1", 2020);
    expect(b.state).toBe("available");
    expect(b.share).toBe(1);
    expect(b.counts).toEqual({
      expected: 171,
      values: 169,
      nil: 1,
      confidential: 1,
      notAvailable: 0,
      provisional: 0,
      estimated: 0,
      breaks: 0,
    });
    expect(b.partners).toBeNull();
  });

  it("counts a country without age detail as partly available, with its share", () => {
    const b = blockOf(matrix.blocks, "ARM", "T1_1", 2019);
    expect(b.state).toBe("partial");
    expect(b.counts.values).toBe(9);
    expect(b.counts.notAvailable).toBe(162);
    expect(b.share).toBeCloseTo(9 / 171, 12);
  });

  it("decides by detail: the same block is available for totals and by sex, partial by age", () => {
    const at = (detail: "total" | "sex" | "age") =>
      blockOf(availability(tables, ["ARM"], { detail }).blocks, "ARM", "T1_1", 2019);
    expect(at("total")).toMatchObject({ state: "available", share: 1, counts: { expected: 1, values: 1 } });
    expect(at("sex")).toMatchObject({ state: "available", share: 1, counts: { expected: 3, values: 3 } });
    expect(at("age")).toMatchObject({ state: "partial", counts: { expected: 57, values: 3, notAvailable: 54 } });
  });

  it("marks a block with a provisional figure flagged, with the count", () => {
    const b = blockOf(matrix.blocks, "GEO", "T1_1", 2020);
    expect(b.state).toBe("flagged");
    expect(b.share).toBe(1);
    expect(b.counts.provisional).toBe(1);
  });

  it("marks an empty block, and a reporter the table lacks, missing", () => {
    expect(blockOf(matrix.blocks, "GEO", "T1_1", 2019)).toMatchObject({ state: "missing", share: 0 });
    expect(blockOf(matrix.blocks, "KAZ", "T1_1", 2020)).toMatchObject({
      state: "missing",
      counts: { expected: 171, notAvailable: 171, values: 0 },
    });
  });

  it("sums the blocks by table, by reporter and over all", () => {
    expect(matrix.byTable.T1_1).toMatchObject({
      blocks: 6,
      states: { available: 1, partial: 1, flagged: 1, missing: 3 },
    });
    expect(matrix.byReporter.ARM?.counts).toMatchObject({ expected: 342, values: 178, nil: 1, confidential: 1 });
    expect(matrix.byReporter.ARM?.share).toBeCloseTo(180 / 342, 12);
    expect(matrix.all.counts.expected).toBe(6 * 171);
    expect(matrix.versions).toBe("T1_1@1");
  });
});

describe("availability over several tables", () => {
  const t3 = cube("T3", { reporters: ["ARM"], years: [2021], partners: ["AZE", "GEO", "RUS"] });
  set(t3, { prevres: "_T" }, 10);
  set(t3, { prevres: "RUS" }, 6);
  set(t3, { prevres: "GEO" }, "-");
  set(t3, { prevres: "_O" }, 4);
  const tables = released([
    ["T1_1", table11()],
    ["T3", t3],
  ]);

  it("counts the partners with a figure in a partner table, and a table without a version as missing", () => {
    const m = availability(tables, ["ARM"], { detail: "total" });
    expect(m.tables).toEqual([...filteredTables({})]);
    expect(m.years).toEqual([2019, 2020, 2021]);
    expect(blockOf(m.blocks, "ARM", "T3", 2021)).toMatchObject({ state: "available", partners: 1 });
    expect(blockOf(m.blocks, "ARM", "T3", 2020)).toMatchObject({ state: "missing", partners: 0 });
    expect(blockOf(m.blocks, "ARM", "T4", 2021)).toMatchObject({ state: "missing", partners: 0 });
    expect(m.versions).toBe("T1_1@1,T3@2");
  });

  it("filters by chapter, table, country and period", () => {
    const m = availability(tables, ["ARM", "GEO"], {
      chapters: ["immigration"],
      countries: ["GEO"],
      from: 2020,
      to: 2020,
    });
    expect(m.tables).toEqual(["T3", "T5_1", "T5_2"]);
    expect(m.reporters).toEqual(["GEO"]);
    expect(m.years).toEqual([]); // 2021 is T3's only year, outside the period
    expect(filteredTables({ chapters: ["immigration"], tables: ["T3", "T4"] })).toEqual(["T3"]);
    const p = availability(tables, ["ARM"], { from: 2020 });
    expect(p.years).toEqual([2020, 2021]);
    expect(p.blocks).toHaveLength(12 * 2);
  });
});

describe("stateOf", () => {
  const zero = {
    expected: 4,
    values: 0,
    nil: 0,
    confidential: 0,
    notAvailable: 4,
    provisional: 0,
    estimated: 0,
    breaks: 0,
  };
  it("is missing with nothing reported, even when a flag is counted elsewhere", () => {
    expect(stateOf(zero)).toEqual({ state: "missing", share: 0 });
  });
  it("flags over partial and available", () => {
    expect(stateOf({ ...zero, values: 2, notAvailable: 2, breaks: 1 })).toEqual({ state: "flagged", share: 0.5 });
    expect(stateOf({ ...zero, values: 2, notAvailable: 2 })).toEqual({ state: "partial", share: 0.5 });
    expect(stateOf({ ...zero, values: 3, nil: 1, notAvailable: 0 })).toEqual({ state: "available", share: 1 });
  });
});
