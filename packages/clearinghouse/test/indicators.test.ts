import { Flag, Status } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  computeIndicators,
  INDICATORS,
  type IndicatorInputs,
  indicatorDataset,
  indicatorValue,
  roundedValue,
} from "../src/index.ts";
import { cube, offsetOf, set } from "./helpers.ts";

const options = {
  reporters: ["ARM", "AZE"],
  years: [2020, 2021],
  partners: ["AZE", "GEO", "RUS", "UKR", "KAZ", "TJK"],
};

/** Armenia, 2020 and 2021, with figures easy to compute by hand. */
function inputs(): Required<Pick<IndicatorInputs, "T1_1" | "T2_1" | "T3" | "T4" | "T7_1">> {
  const T1_1 = cube("T1_1", options);
  const T2_1 = cube("T2_1", options);
  const T3 = cube("T3", options);
  const T4 = cube("T4", options);
  const T7_1 = cube("T7_1", options);
  const ARM = (year: string) => ({ reporter: "ARM", year });
  set(T1_1, ARM("2020"), 1_000_000);
  set(T1_1, { ...ARM("2020"), sex: "M" }, 480_000);
  set(T1_1, { ...ARM("2020"), sex: "F" }, 520_000);
  set(T1_1, ARM("2021"), 1_010_000);
  set(T1_1, { ...ARM("2020"), birthplace: "FOR" }, 50_000);
  set(T2_1, ARM("2020"), 1_000_000);
  set(T2_1, { ...ARM("2020"), citstatus: "FOR" }, 20_000);
  set(T3, ARM("2020"), 1200);
  set(T3, { ...ARM("2020"), prevres: "RUS" }, 700);
  set(T3, { ...ARM("2020"), prevres: "GEO" }, 400);
  set(T3, { ...ARM("2020"), prevres: "_O" }, 100);
  set(T4, ARM("2020"), 800);
  set(T7_1, ARM("2020"), 300);
  set(T3, ARM("2021"), 500);
  set(T4, ARM("2021"), 500);
  return { T1_1, T2_1, T3, T4, T7_1 };
}

const value = (i: IndicatorInputs, code: string, year = "2020", reporter = "ARM") => {
  const d = indicatorValue(computeIndicators(i), reporter, year, code);
  if (!d) throw new Error(`no ${code}`);
  return d;
};

const rounded = (i: IndicatorInputs, code: string, year = "2020") => {
  const decl = INDICATORS.find((d) => d.code === code);
  if (!decl) throw new Error(code);
  return roundedValue(value(i, code, year), decl);
};

describe("indicators", () => {
  it("computes every indicator as by hand", () => {
    const i = inputs();
    expect(value(i, "NETMIG").value).toBe(400);
    // Mean population (1,000,000 + 1,010,000) / 2 = 1,005,000.
    expect(value(i, "IMMRATE").value).toBeCloseTo((1200 / 1_005_000) * 1000, 12);
    expect(rounded(i, "IMMRATE")).toBe(1.2);
    expect(rounded(i, "EMIRATE")).toBe(0.8);
    expect(value(i, "NETRATE").value).toBeCloseTo((400 / 1_005_000) * 1000, 12);
    expect(rounded(i, "NETRATE")).toBe(0.4);
    expect(value(i, "FBSHARE").value).toBe(5);
    expect(value(i, "FCSHARE").value).toBe(2);
    expect(value(i, "NATRATE").value).toBe(1.5);
    expect(rounded(i, "IMMTOP1")).toBe(58.3); // 700 / 1200
    expect(rounded(i, "IMMTOP5")).toBe(91.7); // (700 + 400) / 1200: Other is no partner
    expect(rounded(i, "SEXRATIO")).toBe(92.3); // 480 / 520
  });

  it("names the cells of each value", () => {
    const d = value(inputs(), "NETRATE");
    expect(d.sources.map((s) => [s.table, s.cell.reporter, s.cell.year, s.value])).toEqual([
      ["T3", "ARM", "2020", 1200],
      ["T4", "ARM", "2020", 800],
      ["T1_1", "ARM", "2020", 1_000_000],
      ["T1_1", "ARM", "2021", 1_010_000],
    ]);
    expect(value(inputs(), "IMMTOP1").sources.map((s) => s.cell.prevres)).toEqual(["_T", "RUS"]);
  });

  it("stands the year's population in for the mean when next year's is missing, flagged estimated", () => {
    const d = value(inputs(), "IMMRATE", "2021");
    expect(d.value).toBeCloseTo((500 / 1_010_000) * 1000, 12);
    expect(d.flags & Flag.estimated).toBe(Flag.estimated);
    expect(d.note?.en).toMatch(/next year is not available/);
    expect(d.sources.map((s) => [s.cell.year, s.status])).toEqual([
      ["2021", ""],
      ["2021", ""],
      ["2022", ".."],
    ]);
    // The year's own population missing: no rate at all.
    const i = inputs();
    set(i.T1_1, { reporter: "ARM", year: "2020" }, "..");
    expect(value(i, "IMMRATE")).toMatchObject({ value: null, status: "..", reason: "missing" });
  });

  it("is missing where an input is missing, never a made-up zero", () => {
    const i = inputs();
    const withoutT7: IndicatorInputs = { ...i, T7_1: undefined };
    expect(value(withoutT7, "NATRATE")).toMatchObject({ value: null, status: "..", reason: "missing" });
    expect(value(i, "NETMIG", "2020", "AZE")).toMatchObject({ value: null, status: ".." });
    // 2021 has no 1.1 breakdown: shares missing, not 0.
    expect(value(i, "FBSHARE", "2021").status).toBe("..");
    // No partner of 4 reported: the top share is missing.
    expect(value(i, "EMITOP1").status).toBe("..");
  });

  it("counts nil as zero and leaves a zero denominator undefined", () => {
    const i = inputs();
    set(i.T4, { reporter: "ARM", year: "2020" }, "-");
    expect(value(i, "NETMIG").value).toBe(1200);
    set(i.T1_1, { reporter: "ARM", year: "2020" }, 0);
    expect(value(i, "FBSHARE")).toMatchObject({ value: null, status: "..", reason: "undefined" });
    set(i.T2_1, { reporter: "ARM", year: "2020", citstatus: "FOR" }, "-");
    expect(value(i, "NATRATE")).toMatchObject({ value: null, reason: "undefined" });
    expect(value(i, "FCSHARE").value).toBe(0);
  });

  it("carries flags and confidentiality to the result", () => {
    const i = inputs();
    i.T3.flags[offsetOf(i.T3, { reporter: "ARM", year: "2020" })] = Flag.provisional;
    expect(value(i, "NETMIG").flags).toBe(Flag.provisional);
    expect(value(i, "NETRATE").flags).toBe(Flag.provisional);
    expect(value(i, "FBSHARE").flags).toBe(0);
    set(i.T4, { reporter: "ARM", year: "2020" }, "x");
    expect(value(i, "NETMIG")).toMatchObject({ value: null, status: "x", reason: "confidential" });
    // Missing wins over confidential: nothing could be computed either way.
    set(i.T1_1, { reporter: "ARM", year: "2020" }, "..");
    expect(value(i, "NETRATE").status).toBe("..");
    // A confidential partner may be the largest: the share is confidential.
    set(i.T3, { reporter: "ARM", year: "2020", prevres: "UKR" }, "x");
    expect(value(i, "IMMTOP1").status).toBe("x");
  });

  it("builds the IND cube: reporter, year, the indicators as contents with units, rounded values", () => {
    const computed = computeIndicators(inputs());
    const ds = indicatorDataset(computed);
    expect(ds.id).toBe("IND");
    expect(ds.dimensions.map((d) => d.code)).toEqual(["reporter", "year", "ContentsCode"]);
    const contents = ds.dimensions[2];
    expect(contents?.role).toBe("metric");
    expect(contents?.categories.map((c) => c.code)).toEqual(INDICATORS.map((d) => d.code));
    expect(contents?.categories[1]?.content?.units).toEqual({
      en: "per 1,000 mean population",
      ru: "на 1 000 человек среднегодового населения",
    });
    expect(contents?.categories[0]?.notes?.[0]?.text.en).toMatch(/3 Total − 4 Total/);
    expect(ds.values.length).toBe(2 * 2 * INDICATORS.length);
    const at = (reporter: number, year: number, code: string) =>
      (reporter * 2 + year) * INDICATORS.length + INDICATORS.findIndex((d) => d.code === code);
    expect(ds.values[at(0, 0, "IMMRATE")]).toBe(1.2);
    expect(ds.values[at(0, 0, "NETMIG")]).toBe(400);
    expect(ds.status[at(1, 0, "NETMIG")]).toBe(Status.notAvailable);
    expect(Number.isNaN(ds.values[at(1, 0, "NETMIG")])).toBe(true);
    expect(ds.flags[at(0, 1, "IMMRATE")]).toBe(Flag.estimated);
  });
});
