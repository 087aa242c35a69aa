import { describe, expect, it } from "vitest";
import { changeShare, validateTable } from "../src/index.ts";
import { cube, keepCategories, set } from "./helpers.ts";

const yearRule = { rules: ["change.previous-year"] };
const versionRule = { rules: ["change.previous-version"] };

/** T4 for 2019–2021, all cells nil except the ones set by the test. */
function series() {
  const ds = cube("T4", { years: [2019, 2020, 2021] });
  ds.status.fill(2);
  return ds;
}

describe("change.previous-year", () => {
  it("flags a change of more than 50% against the year before, as a warning", () => {
    const ds = series();
    const at = { nextres: "RUS", sex: "F", age: "Y20T24" };
    set(ds, { ...at, year: "2019" }, 100);
    set(ds, { ...at, year: "2020" }, 150); // +50%: not more than the share
    set(ds, { ...at, year: "2021" }, 74); // −50.7%
    const report = validateTable("T4", ds, yearRule);
    expect(report.findings).toEqual([
      {
        rule: "change.previous-year",
        severity: "warning",
        message: {
          en: "Changed by −50.7% against 2020 (150 → 74): flagged for review",
          ru: "Изменение на −50.7% по сравнению с 2020 годом (150 → 74): требует проверки",
        },
        table: "T4",
        cell: { reporter: "ARM", year: "2021", nextres: "RUS", sex: "F", age: "Y20T24", ContentsCode: "EMI" },
        expected: 150,
        found: 74,
      },
    ]);
    expect(report.errors).toBe(0);
  });

  it("takes the share and a minimum absolute change as options", () => {
    const ds = series();
    const at = { nextres: "AZE", sex: "M", age: "Y0T4" };
    set(ds, { ...at, year: "2019" }, 10);
    set(ds, { ...at, year: "2020" }, 13);
    set(ds, { ...at, year: "2021" }, 13);
    expect(validateTable("T4", ds, yearRule).findings).toEqual([]);
    expect(validateTable("T4", ds, { ...yearRule, changeThreshold: 0.2 }).warnings).toBe(1);
    expect(validateTable("T4", ds, { ...yearRule, changeThreshold: 0.2, minAbsoluteChange: 5 }).warnings).toBe(0);
    expect(validateTable("T4", ds, { ...yearRule, changeThreshold: Number.POSITIVE_INFINITY }).warnings).toBe(0);
  });

  it("counts nil as 0 and skips cells not available or confidential", () => {
    const ds = series();
    const at = { nextres: "AZE", sex: "M", age: "Y5T9" };
    set(ds, { ...at, year: "2020" }, 3); // from nil in 2019
    set(ds, { ...at, year: "2021" }, "x");
    const report = validateTable("T4", ds, yearRule);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ cell: { year: "2020" }, expected: 0, found: 3 });
    expect(report.findings[0]?.message.en).toContain("from zero");
    set(ds, { ...at, year: "2019" }, "..");
    expect(validateTable("T4", ds, yearRule).findings).toEqual([]);
  });

  it("compares only consecutive years the cube has", () => {
    const ds = keepCategories(series(), "year", ["2019", "2021"]);
    set(ds, { nextres: "AZE", year: "2019" }, 1);
    set(ds, { nextres: "AZE", year: "2021" }, 100);
    expect(validateTable("T4", ds, yearRule).findings).toEqual([]);
  });

  it("computes the share", () => {
    expect(changeShare(100, 150)).toBe(0.5);
    expect(changeShare(100, 40)).toBe(0.6);
    expect(changeShare(0, 0)).toBe(0);
    expect(changeShare(0, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("change.previous-version", () => {
  it("flags a cell that changed by more than 50% against the previous version", () => {
    const previous = series();
    const current = series();
    const at = { year: "2020", nextres: "_O", sex: "M", age: "_U" };
    set(previous, at, 40);
    set(current, at, 61);
    set(previous, { ...at, age: "Y0T4" }, 40);
    set(current, { ...at, age: "Y0T4" }, 60);
    const report = validateTable("T4", current, { ...versionRule, previous });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: "change.previous-version",
      severity: "warning",
      cell: { reporter: "ARM", ...at },
      expected: 40,
      found: 61,
    });
    expect(report.findings[0]?.message.ru).toContain("предыдущей версией");
    expect(validateTable("T4", current, versionRule).findings).toEqual([]);
  });

  it("matches cells by codes across versions with other categories, and skips unknown cells", () => {
    const previous = keepCategories(series(), "year", ["2019", "2020"]);
    const current = series();
    set(previous, { year: "2020", nextres: "RUS", sex: "F" }, 10);
    set(current, { year: "2020", nextres: "RUS", sex: "F" }, 100);
    set(current, { year: "2021", nextres: "RUS", sex: "F" }, 100); // a new year: nothing to compare
    set(previous, { year: "2019", nextres: "RUS", sex: "F" }, 10);
    set(current, { year: "2019", nextres: "RUS", sex: "F" }, ".."); // withdrawn: not a change of share
    const report = validateTable("T4", current, { ...versionRule, previous });
    expect(report.findings.map((f) => f.cell)).toEqual([
      { reporter: "ARM", year: "2020", nextres: "RUS", sex: "F", age: "_T", ContentsCode: "EMI" },
    ]);
  });
});
