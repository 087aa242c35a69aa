import { type Dataset, Flag } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  type ConsistencyFinding,
  consistencyReport,
  type ReleasedTables,
  type TableId,
  UN_REVISION_NOTE,
} from "../src/index.ts";
import { cube, offsetOf, set } from "./helpers.ts";

const released = (entries: [TableId, Dataset, Dataset?][]): ReleasedTables =>
  new Map(entries.map(([id, c, previous], i) => [id, { version: i + 2, cube: c, ...(previous ? { previous } : {}) }]));

const only = (findings: readonly ConsistencyFinding[], rule: string) => findings.filter((f) => f.rule === rule);

const two = { reporters: ["ARM", "GEO"], years: [2019, 2020] };

describe("consistency report: within a table", () => {
  const t11 = cube("T1_1", two);
  // ARM 2020: total 10 ≠ men 4 + women 5 (hand-computed: expected 9, found 10).
  set(t11, { reporter: "ARM", year: "2020", sex: "_T" }, 10);
  set(t11, { reporter: "ARM", year: "2020", sex: "M" }, 4);
  set(t11, { reporter: "ARM", year: "2020", sex: "F" }, 5);
  // GEO 2020 has the same error: it is not ARM's.
  set(t11, { reporter: "GEO", year: "2020", sex: "_T" }, 3);
  set(t11, { reporter: "GEO", year: "2020", sex: "M" }, 1);
  set(t11, { reporter: "GEO", year: "2020", sex: "F" }, 1);
  const report = consistencyReport(released([["T1_1", t11]]), "ARM", 2020);

  it("reports the error with the cells involved, their labels and figures, and the table selection", () => {
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(0);
    const [f] = only(report.findings, "total.sex");
    expect(f).toMatchObject({
      kind: "within",
      severity: "error",
      table: "T1_1",
      expected: 9,
      found: 10,
      explanation: null,
    });
    expect(f?.cells.map((c) => [c.cell.sex, c.value])).toEqual([
      ["_T", 10],
      ["M", 4],
      ["F", 5],
    ]);
    expect(f?.cells[1]?.labels.sex).toEqual({ en: "Men", ru: "Мужчины" });
    expect(f?.cells[0]?.labels.reporter?.en).toBe("Armenia");
    expect(f?.selections).toEqual([
      {
        table: "T1_1",
        selection: { reporter: ["ARM"], year: ["2020"], birthplace: ["_T"], sex: ["_T", "M", "F"], age: ["_T"] },
      },
    ]);
  });

  it("says which rules ran and which could not for want of data", () => {
    const sex = report.rules.find((r) => r.rule === "total.sex" && r.tables[0] === "T1_1");
    expect(sex).toMatchObject({ checked: true, errors: 1, warnings: 0 });
    expect(report.rules.find((r) => r.rule === "total.sex" && r.tables[0] === "T3")?.checked).toBe(false);
    expect(report.rules.find((r) => r.rule === "cross.T1_1.FOR=T1_2._T")?.checked).toBe(false);
    // The cube has the year before (without figures there), so the change rule ran and found nothing.
    expect(report.rules.find((r) => r.rule === "change.previous-year" && r.tables[0] === "T1_1")?.checked).toBe(true);
    expect(report.tables).toEqual(["T1_1"]);
    expect(report.versions).toBe("T1_1@2");
  });

  it("keeps at most maxFindings and counts every one", () => {
    const small = consistencyReport(released([["T1_1", t11]]), "GEO", 2020, { maxFindings: 0 });
    expect(small.findings).toEqual([]);
    expect(small.errors).toBe(1);
    expect(small.truncated).toBe(true);
  });
});

describe("consistency report: across tables", () => {
  const stocks = (withNote: boolean) => {
    const t11 = cube("T1_1");
    set(t11, { birthplace: "FOR" }, 100);
    const t12 = cube("T1_2");
    set(t12, { cob: "_T" }, 90);
    set(t12, { cob: "RUS" }, 90);
    const note = { text: { en: UN_REVISION_NOTE.en, ru: UN_REVISION_NOTE.ru } };
    if (!withNote)
      return released([
        ["T1_1", t11],
        ["T1_2", t12],
      ]);
    return released([
      ["T1_1", { ...t11, notes: [note] }],
      ["T1_2", { ...t12, notes: [note] }],
    ]);
  };

  it("reports an unexplained difference as an error with the cells of both tables", () => {
    const report = consistencyReport(stocks(false), "ARM", 2020);
    const [f] = only(report.findings, "cross.T1_1.FOR=T1_2._T");
    expect(f).toMatchObject({
      kind: "cross",
      severity: "error",
      table: "T1_2",
      expected: 100,
      found: 90,
      explanation: null,
    });
    expect(f?.cells.map((c) => [c.table, c.cell.birthplace ?? c.cell.cob, c.value])).toEqual([
      ["T1_2", "_T", 90],
      ["T1_1", "FOR", 100],
    ]);
    expect(f?.selections.map((s) => [s.table, s.selection.cob ?? s.selection.birthplace])).toEqual([
      ["T1_2", ["_T"]],
      ["T1_1", ["FOR"]],
    ]);
  });

  it("reports the difference of two UN revisions as a warning with its explanation when both tables say so", () => {
    const report = consistencyReport(stocks(true), "ARM", 2020);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(1);
    const [f] = report.findings;
    expect(f).toMatchObject({ rule: "cross.T1_1.FOR=T1_2._T", severity: "warning", explanation: UN_REVISION_NOTE });
    expect(f?.message.en).toBe("Table 1.2 cob=_T (90) differs from table 1.1 birthplace=FOR (100)");
    expect(report.rules.find((r) => r.rule === "cross.T1_1.FOR=T1_2._T")).toMatchObject({
      checked: true,
      errors: 0,
      warnings: 1,
      explanation: UN_REVISION_NOTE,
    });
  });

  it("adds stateless persons to 2.1 foreign citizens where the metadata says 2.2 includes them", () => {
    const t21 = cube("T2_1");
    set(t21, { citstatus: "FOR" }, 10);
    set(t21, { citstatus: "STL" }, 2);
    const t22 = cube("T2_2");
    set(t22, { citizenship: "_T" }, 12);
    const tables = released([
      ["T2_1", t21],
      ["T2_2", t22],
    ]);
    const without = consistencyReport(tables, "ARM", 2020);
    expect(only(without.findings, "cross.T2_1.FOR=T2_2._T")).toHaveLength(1);
    const entry = {
      table: "T2_2" as const,
      fromYear: null,
      toYear: null,
      breaks: null,
      statelessInCitizenshipTable: true,
    };
    const withStateless = consistencyReport(tables, "ARM", 2020, { metadata: [entry] });
    expect(only(withStateless.findings, "cross.T2_1.FOR=T2_2._T")).toEqual([]);
  });
});

describe("consistency report: over time", () => {
  const flows = () => {
    const t3 = cube("T3", two);
    set(t3, { reporter: "ARM", year: "2019", prevres: "_T" }, 100);
    set(t3, { reporter: "ARM", year: "2020", prevres: "_T" }, 200);
    return t3;
  };

  it("flags a change against the year before for review, with both years' cells", () => {
    const report = consistencyReport(released([["T3", flows()]]), "ARM", 2020);
    const [f] = only(report.findings, "change.previous-year");
    expect(f).toMatchObject({ kind: "change", severity: "warning", expected: 100, found: 200, explanation: null });
    expect(f?.cells.map((c) => [c.cell.year, c.value])).toEqual([
      ["2019", 100],
      ["2020", 200],
    ]);
    expect(f?.selections[0]?.selection.year).toEqual(["2019", "2020"]);
    expect(report.errors).toBe(0);
  });

  it("explains the change by the break in series the country's metadata records for that year", () => {
    const breaks = { en: "Break in 2020: a new register.", ru: "Разрыв ряда в 2020 году: новый регистр." };
    const metadata = [
      { table: "T3" as const, fromYear: null, toYear: 2019, breaks: null, statelessInCitizenshipTable: false },
      { table: "T3" as const, fromYear: 2020, toYear: null, breaks, statelessInCitizenshipTable: false },
    ];
    const report = consistencyReport(released([["T3", flows()]]), "ARM", 2020, { metadata });
    const [f] = only(report.findings, "change.previous-year");
    expect(f?.explanation).toEqual(breaks);
    expect(f?.message.en.endsWith(breaks.en)).toBe(false);
    // The year after the break has no break to explain a change.
    expect(consistencyReport(released([["T3", flows()]]), "ARM", 2019, { metadata }).findings).toEqual([]);
  });

  it("explains it by a break-in-series flag on the cell", () => {
    const t3 = flows();
    t3.flags[offsetOf(t3, { reporter: "ARM", year: "2020", prevres: "_T" })] = Flag.breakInSeries;
    const [f] = consistencyReport(released([["T3", t3]]), "ARM", 2020).findings;
    expect(f?.explanation?.en).toContain("break in series");
  });

  it("compares with the previous version when it is given", () => {
    const before = flows();
    set(before, { reporter: "ARM", year: "2020", prevres: "_T" }, 199);
    set(before, { reporter: "ARM", year: "2020", prevres: "RUS" }, 10);
    const now = flows();
    set(now, { reporter: "ARM", year: "2020", prevres: "RUS" }, 30);
    set(now, { reporter: "ARM", year: "2020", prevres: "_O" }, 170);
    const report = consistencyReport(released([["T3", now, before]]), "ARM", 2020);
    const [f] = only(report.findings, "change.previous-version");
    expect(f).toMatchObject({ expected: 10, found: 30 });
    expect(f?.cells.map((c) => [c.value, c.previousVersion ?? false])).toEqual([
      [10, true],
      [30, false],
    ]);
  });
});
