import { type Dataset, Status } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  checkAgeTotals,
  checkNonNegativeIntegers,
  checkOwnTotals,
  checkSexTotals,
  ReportBuilder,
  type TableId,
  type ValidationReport,
  validateTable,
} from "../src/index.ts";
import { cube, fillConsistent, get, keepCategories, offsetOf, set } from "./helpers.ts";

type Check = (table: TableId, ds: Dataset, out: ReportBuilder) => void;

function run(check: Check, table: TableId, ds: Dataset): ValidationReport {
  const out = new ReportBuilder();
  check(table, ds, out);
  return out.report();
}

/** A consistent cube whose leaf cell i holds 1 + i % 7. */
function consistent(table: TableId): Dataset {
  const ds = cube(table);
  fillConsistent(table, ds, (i) => 1 + (i % 7));
  return ds;
}

function num(v: unknown): number {
  if (typeof v !== "number") throw new Error(`not a number: ${String(v)}`);
  return v;
}

describe("value.non-negative-integer", () => {
  it("passes whole non-negative numbers and any status", () => {
    const ds = consistent("T1_1");
    set(ds, { sex: "M", age: "Y0T4", birthplace: "NAT" }, "..");
    set(ds, { sex: "M", age: "Y5T9", birthplace: "NAT" }, "x");
    set(ds, { sex: "M", age: "Y10T14", birthplace: "NAT" }, "-");
    set(ds, { sex: "M", age: "Y15T19", birthplace: "NAT" }, 0);
    expect(run(checkNonNegativeIntegers, "T1_1", ds).findings).toEqual([]);
  });

  it("reports negative, fractional and non-finite numbers with their cell", () => {
    const ds = consistent("T1_1");
    set(ds, { sex: "F", age: "Y20T24", birthplace: "FOR" }, -3);
    set(ds, { sex: "F", age: "Y25T29", birthplace: "FOR" }, 2.5);
    set(ds, { sex: "F", age: "Y30T34", birthplace: "FOR" }, Number.POSITIVE_INFINITY);
    const report = run(checkNonNegativeIntegers, "T1_1", ds);
    expect(report.errors).toBe(3);
    expect(report.findings.map((f) => f.found)).toEqual([-3, 2.5, Number.POSITIVE_INFINITY]);
    expect(report.findings[0]).toMatchObject({
      rule: "value.non-negative-integer",
      severity: "error",
      table: "T1_1",
      cell: { reporter: "ARM", year: "2020", birthplace: "FOR", sex: "F", age: "Y20T24" },
    });
    expect(report.findings[0]?.message.ru).toContain("-3");
  });
});

describe("total.sex", () => {
  it("passes when _T = M + F", () => {
    expect(run(checkSexTotals, "T2_1", consistent("T2_1")).findings).toEqual([]);
  });

  it("reports a total that differs from M + F, either way", () => {
    for (const delta of [1, -1]) {
      const ds = consistent("T2_1");
      const at = { citstatus: "CIT", age: "Y40T44" };
      const total = num(get(ds, at));
      set(ds, at, total + delta);
      const report = run(checkSexTotals, "T2_1", ds);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({
        rule: "total.sex",
        severity: "error",
        cell: { citstatus: "CIT", sex: "_T", age: "Y40T44" },
        expected: total,
        found: total + delta,
      });
    }
  });

  it("counts nil as 0", () => {
    const ds = consistent("T2_1");
    const at = { citstatus: "STL", age: "Y0T4" };
    set(ds, { ...at, sex: "M" }, "-");
    expect(run(checkSexTotals, "T2_1", ds).errors).toBe(1);
    set(ds, at, num(get(ds, { ...at, sex: "F" })));
    expect(run(checkSexTotals, "T2_1", ds).errors).toBe(0);
    set(ds, { ...at, sex: "F" }, "-");
    set(ds, at, "-");
    expect(run(checkSexTotals, "T2_1", ds).errors).toBe(0);
  });

  it("does not apply where a part or the total is not available or confidential, unless the known part exceeds it", () => {
    const ds = consistent("T2_1");
    const at = { citstatus: "CIT", age: "Y50T54" };
    const women = num(get(ds, { ...at, sex: "F" }));
    set(ds, { ...at, sex: "M" }, "x");
    expect(run(checkSexTotals, "T2_1", ds).findings).toEqual([]);
    set(ds, { ...at, sex: "M" }, "..");
    set(ds, at, women);
    expect(run(checkSexTotals, "T2_1", ds).findings).toEqual([]);
    set(ds, at, women - 1);
    const report = run(checkSexTotals, "T2_1", ds);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ expected: women, found: women - 1, severity: "error" });
    expect(report.findings[0]?.message.en).toContain("known");

    const total = consistent("T2_1");
    set(total, { citstatus: "FOR", age: "Y5T9", sex: "M" }, 999_999);
    set(total, { citstatus: "FOR", age: "Y5T9" }, "x");
    // the changed part no longer matches the (confidential) total: only the age total of men notices
    expect(run(checkSexTotals, "T2_1", total).findings).toEqual([]);
  });

  it("does not apply when the cube lacks M or F", () => {
    const ds = consistent("T2_1");
    set(ds, { citstatus: "CIT", age: "Y40T44" }, 1);
    expect(run(checkSexTotals, "T2_1", keepCategories(ds, "sex", ["_T", "M"])).findings).toEqual([]);
    expect(run(checkSexTotals, "T2_1", keepCategories(ds, "sex", ["_T", "M", "F"])).errors).toBe(1);
  });
});

describe("total.age", () => {
  it("passes when _T = sum of the groups and _U", () => {
    expect(run(checkAgeTotals, "T3", consistent("T3")).findings).toEqual([]);
  });

  it("reports a total that differs from the groups and _U", () => {
    const ds = consistent("T3");
    const at = { prevres: "RUS", sex: "F" };
    const total = num(get(ds, at));
    set(ds, { ...at, age: "_U" }, num(get(ds, { ...at, age: "_U" })) + 5);
    const report = run(checkAgeTotals, "T3", ds);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: "total.age",
      severity: "error",
      table: "T3",
      cell: { prevres: "RUS", sex: "F", age: "_T" },
      expected: total + 5,
      found: total,
    });
  });

  it("does not apply where there is no age detail (groups not available)", () => {
    const ds = consistent("T3");
    for (const age of ["Y0T4", "Y5T9", "Y_GE85", "_U"]) set(ds, { prevres: "AZE", sex: "M", age }, "..");
    expect(run(checkAgeTotals, "T3", ds).findings).toEqual([]);
  });

  it("with a confidential group, reports only known groups above the total", () => {
    const ds = consistent("T3");
    const at = { prevres: "AZE", sex: "M" };
    const group = num(get(ds, { ...at, age: "Y0T4" }));
    set(ds, { ...at, age: "Y0T4" }, "x");
    expect(run(checkAgeTotals, "T3", ds).findings).toEqual([]);
    set(ds, at, num(get(ds, at)) - group - 1);
    expect(run(checkAgeTotals, "T3", ds).findings).toMatchObject([{ rule: "total.age", severity: "error" }]);
  });

  it("sums the categories the cube has (no _U)", () => {
    const ds = consistent("T3");
    const at = { prevres: "AZE", sex: "M" };
    const withoutUnknown = keepCategories(ds, "age", ["_T", "Y0T4", "Y5T9"]);
    expect(run(checkAgeTotals, "T3", withoutUnknown).errors).toBeGreaterThan(0);
    set(withoutUnknown, at, num(get(ds, { ...at, age: "Y0T4" })) + num(get(ds, { ...at, age: "Y5T9" })));
    const findings = run(checkAgeTotals, "T3", withoutUnknown).findings;
    expect(findings.some((f) => f.cell.prevres === "AZE" && f.cell.sex === "M")).toBe(false);
  });
});

describe("total.partner", () => {
  it("passes when _T = countries + _O + _U", () => {
    expect(run(checkOwnTotals, "T5_2", consistent("T5_2")).findings).toEqual([]);
  });

  it("is an error when _T is below the sum and a warning when above", () => {
    const ds = consistent("T5_2");
    const at = { sex: "M", age: "Y20T24" };
    const total = num(get(ds, at));
    set(ds, at, total - 2);
    expect(run(checkOwnTotals, "T5_2", ds).findings).toMatchObject([
      {
        rule: "total.partner",
        severity: "error",
        cell: { citizenship: "_T", sex: "M", age: "Y20T24" },
        expected: total,
        found: total - 2,
      },
    ]);
    set(ds, at, total + 2);
    const report = run(checkOwnTotals, "T5_2", ds);
    expect(report.findings).toMatchObject([{ rule: "total.partner", severity: "warning", found: total + 2 }]);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(1);
  });

  it("handles statuses: nil is 0, confidential parts only bound the total, an unknown total is not checked", () => {
    const ds = consistent("T5_2");
    const at = { sex: "F", age: "Y30T34" };
    const rus = num(get(ds, { ...at, citizenship: "RUS" }));
    set(ds, { ...at, citizenship: "RUS" }, "x");
    expect(run(checkOwnTotals, "T5_2", ds).findings).toEqual([]);
    set(ds, { ...at, citizenship: "RUS" }, "-");
    expect(run(checkOwnTotals, "T5_2", ds).findings).toMatchObject([{ severity: rus > 0 ? "warning" : "error" }]);
    set(ds, at, "..");
    expect(run(checkOwnTotals, "T5_2", ds).findings).toEqual([]);
    // a status wins over a number left in the values array
    ds.values[offsetOf(ds, at)] = 123_456;
    expect(run(checkOwnTotals, "T5_2", ds).findings).toEqual([]);
    ds.status[offsetOf(ds, { ...at, citizenship: "AZE" })] = Status.confidential;
    ds.values[offsetOf(ds, { ...at, citizenship: "AZE" })] = 123_456;
    set(ds, at, 1);
    expect(run(checkOwnTotals, "T5_2", ds).findings).toMatchObject([{ severity: "error", found: 1 }]);
    expect(run(checkOwnTotals, "T5_2", ds).findings[0]?.expected).toBeLessThan(123_456);
  });
});

describe("total.breakdown", () => {
  it("checks place of birth, citizenship status and status of receiver; any difference is an error", () => {
    for (const [table, dim, part] of [
      ["T1_1", "birthplace", "NAT"],
      ["T2_1", "citstatus", "STL"],
      ["T6_1", "citstatus", "CIT"],
      ["T7_1", "prevstatus", "FOR"],
    ] as const) {
      const ds = consistent(table);
      expect(run(checkOwnTotals, table, ds).findings).toEqual([]);
      const at = { sex: "F", age: "Y60T64", [dim]: part };
      set(ds, at, num(get(ds, at)) + 1);
      expect(run(checkOwnTotals, table, ds).findings).toMatchObject([
        { rule: "total.breakdown", severity: "error", table, cell: { [dim]: "_T", sex: "F", age: "Y60T64" } },
      ]);
      set(ds, at, num(get(ds, at)) - 2);
      expect(run(checkOwnTotals, table, ds).findings).toMatchObject([{ rule: "total.breakdown", severity: "error" }]);
    }
  });
});

describe("validateTable", () => {
  it("runs every rule of a table and counts by rule", () => {
    const ds = consistent("T1_2");
    expect(validateTable("T1_2", ds)).toEqual({ findings: [], errors: 0, warnings: 0, byRule: {}, truncated: false });
    set(ds, { cob: "AZE", sex: "M", age: "Y0T4" }, -1);
    const report = validateTable("T1_2", ds);
    // the value itself, and the three sums it is part of
    expect(report.byRule).toEqual({
      "value.non-negative-integer": { errors: 1, warnings: 0 },
      "total.sex": { errors: 1, warnings: 0 },
      "total.age": { errors: 1, warnings: 0 },
      "total.partner": { errors: 0, warnings: 1 },
    });
    expect(validateTable("T1_2", ds, { rules: ["total.age"] }).findings.map((f) => f.rule)).toEqual(["total.age"]);
  });

  it("keeps at most maxFindings findings but counts them all", () => {
    const ds = consistent("T1_2");
    for (const age of ["Y0T4", "Y5T9", "Y10T14", "Y15T19"]) set(ds, { cob: "RUS", sex: "F", age }, -1);
    const report = validateTable("T1_2", ds, { maxFindings: 2, rules: ["value.non-negative-integer"] });
    expect(report.findings).toHaveLength(2);
    expect(report.errors).toBe(4);
    expect(report.truncated).toBe(true);
  });
});
