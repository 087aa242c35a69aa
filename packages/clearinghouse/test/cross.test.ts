import { describe, expect, it } from "vitest";
import { CROSS_RULES, tableDecl, validate } from "../src/index.ts";
import { consistentSubmission, get, set } from "./helpers.ts";

const crossOnly = CROSS_RULES.map((r) => r.id);

function num(v: unknown): number {
  if (typeof v !== "number") throw new Error(`not a number: ${String(v)}`);
  return v;
}

describe("cross-table rules", () => {
  it("declare the equalities of TABLES.md", () => {
    expect(CROSS_RULES.map((r) => r.id)).toEqual([
      "cross.T1_1.FOR=T1_2._T",
      "cross.T1_1._T=T2_1._T",
      "cross.T2_1.FOR=T2_2._T",
      "cross.T3._T=T5_1._T",
      "cross.T3._T=T5_2._T",
      "cross.T5_1._T=T5_2._T",
      "cross.T4._T=T6_1._T",
      "cross.T4._T=T6_2._T",
      "cross.T6_1._T=T6_2._T",
      "cross.T7_1._T=T7_2._T",
    ]);
  });

  it("pass on a consistent submission", () => {
    const cubes = consistentSubmission(1, { reporters: ["ARM", "GEO"], years: [2020, 2021] });
    expect(validate(cubes, { rules: crossOnly }).findings).toEqual([]);
  });

  for (const rule of CROSS_RULES.filter((r) => !r.onlyWithout)) {
    it(`${rule.id}: fires when the right-hand figure differs, on that cell only`, () => {
      const cubes = consistentSubmission(2, { reporters: ["ARM", "GEO"], years: [2020, 2021] });
      const rightDim = tableDecl(rule.right.table).own[0]?.code ?? "";
      const leftDim = tableDecl(rule.left.table).own[0]?.code ?? "";
      const at = { reporter: "GEO", year: "2021", sex: "M", age: "Y25T29" };
      const right = { ...at, [rightDim]: "_T" };
      const found = num(get(cubes[rule.right.table], right)) + 7;
      set(cubes[rule.right.table], right, found);
      const report = validate(cubes, { rules: [rule.id] });
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({
        rule: rule.id,
        severity: "error",
        table: rule.right.table,
        cell: right,
        expected: found - 7,
        found,
        against: { table: rule.left.table, cell: { ...at, [leftDim]: rule.left.codes[0] } },
      });
      expect(report.findings[0]?.message.en).toMatch(/^Table \d/);
      expect(report.findings[0]?.message.ru).toMatch(/^Значение таблицы/);
    });

    it(`${rule.id}: does not compare cells that are not available or confidential`, () => {
      const cubes = consistentSubmission(3);
      const leftDim = tableDecl(rule.left.table).own[0]?.code ?? "";
      const rightDim = tableDecl(rule.right.table).own[0]?.code ?? "";
      const at = { sex: "F", age: "Y0T4" };
      set(cubes[rule.left.table], { ...at, [leftDim]: rule.left.codes[0] as string }, "..");
      set(cubes[rule.right.table], { ...at, sex: "M", [rightDim]: "_T" }, "x");
      expect(validate(cubes, { rules: [rule.id] }).findings).toEqual([]);
      // nil counts as 0: a nil on one side against a number on the other is a difference
      set(cubes[rule.left.table], { ...at, [leftDim]: rule.left.codes[0] as string }, "-");
      const nonZero = num(get(cubes[rule.right.table], { ...at, [rightDim]: "_T" })) > 0;
      expect(validate(cubes, { rules: [rule.id] }).errors).toBe(nonZero ? 1 : 0);
    });
  }

  it("compares 2.1 FOR + STL with 2.2 _T for reporters whose 2.2 includes the stateless", () => {
    const cubes = consistentSubmission(4, { reporters: ["ARM", "RUS"], stateless: ["RUS"] });
    const rule = ["cross.T2_1.FOR=T2_2._T"];
    const without = validate(cubes, { rules: rule });
    expect(without.errors).toBeGreaterThan(0);
    expect(without.findings.every((f) => f.cell.reporter === "RUS")).toBe(true);
    expect(validate(cubes, { rules: rule, statelessInCitizenshipTable: ["RUS"] }).findings).toEqual([]);
    const wrong = validate(cubes, { rules: rule, statelessInCitizenshipTable: ["ARM", "RUS"] });
    expect(wrong.errors).toBeGreaterThan(0);
    expect(wrong.findings.every((f) => f.cell.reporter === "ARM")).toBe(true);
    expect(wrong.findings[0]?.message.en).toContain("FOR+STL");
  });

  it("matches cells by codes, whatever the order and the categories of either cube", () => {
    const cubes = consistentSubmission(5, { reporters: ["ARM", "GEO"], years: [2020, 2021] });
    const other = consistentSubmission(5, { reporters: ["GEO", "KAZ"], years: [2021, 2022] });
    // T1_2 of another submission: only GEO 2021 is shared (and it is filled from another stream of numbers)
    const report = validate({ T1_1: cubes.T1_1, T1_2: other.T1_2 }, { rules: ["cross.T1_1.FOR=T1_2._T"] });
    expect(report.errors).toBeGreaterThan(0);
    for (const f of report.findings) expect([f.cell.reporter, f.cell.year]).toEqual(["GEO", "2021"]);
  });

  it("checks 5.1 against 5.2 only when table 3 is not submitted", () => {
    const cubes = consistentSubmission(6);
    set(cubes.T5_2, { sex: "M", age: "Y0T4" }, num(get(cubes.T5_2, { sex: "M", age: "Y0T4" })) + 1);
    const rules = { rules: crossOnly };
    expect(validate(cubes, rules).findings.map((f) => f.rule)).toEqual(["cross.T3._T=T5_2._T"]);
    const { T3: _, ...withoutT3 } = cubes;
    expect(validate(withoutT3, rules).findings.map((f) => f.rule)).toEqual(["cross.T5_1._T=T5_2._T"]);
  });
});
