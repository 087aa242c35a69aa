import { describe, expect, it } from "vitest";
import { RULES, validate, validateTable } from "../src/index.ts";
import { cube, set } from "./helpers.ts";

describe("structure rules", () => {
  it("pass on an empty cube built from the declaration", () => {
    expect(validateTable("T2_2", cube("T2_2")).findings).toEqual([]);
  });

  it("report missing and extra dimensions", () => {
    const ds = cube("T1_1");
    const [reporter, year, birthplace, sex, age, contents] = ds.dimensions;
    if (!reporter || !year || !birthplace || !sex || !age || !contents) throw new Error("dimensions");
    const renamed = { ...ds, dimensions: [reporter, year, { ...birthplace, code: "cob" }, sex, age, contents] };
    const report = validateTable("T1_1", renamed);
    expect(report.findings.map((f) => [f.rule, f.message.en])).toEqual([
      ["structure.dimensions", 'Dimension "birthplace" is missing'],
      ["structure.dimensions", 'Dimension "cob" is not part of table 1.1'],
    ]);
    // The contents variable is declared like any other: a cube without it lacks a dimension.
    const withoutContents = { ...ds, dimensions: [reporter, year, birthplace, sex, age] };
    expect(validateTable("T1_1", withoutContents).findings.map((f) => f.message.en)).toEqual([
      'Dimension "ContentsCode" is missing',
    ]);
  });

  it("report category codes the declaration does not have", () => {
    const ds = cube("T7_2", { reporters: ["ARM", "UZB"] });
    const report = validateTable("T7_2", ds);
    expect(report.findings).toMatchObject([
      { rule: "structure.categories", severity: "error", cell: { reporter: "UZB" } },
    ]);
    expect(validateTable("T7_2", ds, { reporters: ["ARM", "UZB"] }).findings).toEqual([]);
    const ages = { ...ds.dimensions[4], code: "age", categories: [{ code: "Y0T5", label: { en: "0-5" } }] };
    const odd = { ...ds, dimensions: [...ds.dimensions.slice(0, 4), ages, ...ds.dimensions.slice(5)] } as typeof ds;
    const n = odd.dimensions.reduce((p, d) => p * d.categories.length, 1);
    const fitted = { ...odd, values: new Float64Array(n), status: new Uint8Array(n), flags: new Uint8Array(n) };
    expect(validateTable("T7_2", fitted, { reporters: ["ARM", "UZB"] }).findings).toMatchObject([
      { rule: "structure.categories", cell: { age: "Y0T5" } },
    ]);
    const contents = { ...ds.dimensions[5], categories: [{ code: "IMM", label: { en: "Immigrants" } }] };
    const otherContents = { ...ds, dimensions: [...ds.dimensions.slice(0, 5), contents] } as typeof ds;
    expect(validateTable("T7_2", otherContents, { reporters: ["ARM", "UZB"] }).findings).toMatchObject([
      { rule: "structure.categories", cell: { ContentsCode: "IMM" } },
    ]);
  });

  it("stop at a cube whose arrays do not fit its dimensions", () => {
    const ds = cube("T3");
    set(ds, { sex: "M" }, -5);
    const broken = { ...ds, values: ds.values.subarray(1) };
    const report = validateTable("T3", broken);
    expect(report.findings.map((f) => f.rule)).toEqual(["structure.shape"]);
    expect(validate({ T3: broken, T1_1: cube("T1_1") }).findings.map((f) => f.rule)).toEqual(["structure.shape"]);
  });

  it("list every rule once with a bilingual description", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "value.non-negative-integer",
        "total.sex",
        "total.age",
        "total.partner",
        "total.breakdown",
        "change.previous-year",
        "change.previous-version",
      ]),
    );
    for (const r of RULES) expect(r.description.ru).toMatch(/[А-Яа-я]/);
  });
});
