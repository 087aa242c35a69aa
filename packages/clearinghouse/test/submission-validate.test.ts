/** The validation of a submission against hand-made cubes: within the upload, across tables, against the published version. */
import { describe, expect, it } from "vitest";
import { validateSubmission } from "../src/index.ts";
import { consistentSubmission, get, keepCategories, set } from "./helpers.ts";

const noChange = { changeThreshold: Number.POSITIVE_INFINITY };
const OPTIONS = { reporters: ["ARM", "KAZ"], years: [2020], partners: ["AZE", "RUS"] };

/** Published tables of ARM and KAZ, consistent, and KAZ's slices of them. */
function setUp() {
  const published = consistentSubmission(7, OPTIONS);
  const slice = (id: keyof typeof published) => keepCategories(published[id], "reporter", ["KAZ"]);
  return { published, slice };
}

describe("validateSubmission", () => {
  it("finds nothing in a consistent slice of consistent published tables", () => {
    const { published, slice } = setUp();
    const result = validateSubmission({ slices: { T1_1: slice("T1_1"), T1_2: slice("T1_2") }, published }, noChange);
    expect(result).toEqual({ findings: [], errors: 0, warnings: 0, truncated: false });
  });

  it("reports a rule within the upload with every coordinate labelled in both languages and a stable key", () => {
    const { published, slice } = setUp();
    const t11 = slice("T1_1");
    const at = { reporter: "KAZ", year: "2020", birthplace: "NAT", sex: "_T", age: "Y20T24" };
    set(t11, at, (get(t11, at) as number) + 5);
    const { findings } = validateSubmission({ slices: { T1_1: t11 }, published }, noChange);
    const sex = findings.find((f) => f.rule === "total.sex");
    expect(sex).toBeDefined();
    expect(sex?.severity).toBe("error");
    expect(sex?.table).toBe("T1_1");
    expect(sex?.key).toBe(
      "within.sex-total:T1_1:KAZ.2020.NAT._T.Y20T24.POP".replace("within.sex-total", sex?.rule ?? ""),
    );
    expect(sex?.cell.find((c) => c.dimension === "birthplace")).toEqual({
      dimension: "birthplace",
      dimensionLabel: { en: "Place of birth", ru: "Место рождения" },
      code: "NAT",
      label: { en: "Native-born", ru: "Родившиеся в стране" },
    });
    expect(sex?.message.ru).toMatch(/[а-я]/);
    // The same data again: the same keys.
    const again = validateSubmission({ slices: { T1_1: t11 }, published }, noChange);
    expect(again.findings.map((f) => f.key)).toEqual(findings.map((f) => f.key));
  });

  it("checks a submitted table against the country's published table, not the other countries' tables", () => {
    const { published, slice } = setUp();
    // ARM's published tables disagree: not this submission's business.
    set(published.T1_2, { reporter: "ARM", year: "2020", cob: "_T", sex: "M", age: "Y0T4" }, 1e6);
    const t12 = slice("T1_2");
    const cell = { reporter: "KAZ", year: "2020", cob: "_T", sex: "M", age: "Y30T34" };
    const expected = get(published.T1_1, { reporter: "KAZ", year: "2020", birthplace: "FOR", sex: "M", age: "Y30T34" });
    set(t12, cell, (expected as number) + 3);
    set(t12, { ...cell, cob: "RUS" }, (get(t12, { ...cell, cob: "RUS" }) as number) + 3);
    const { findings } = validateSubmission(
      { slices: { T1_2: t12 }, published },
      { ...noChange, rules: ["cross.T1_1.FOR=T1_2._T"] },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "cross.T1_1.FOR=T1_2._T",
      table: "T1_2",
      expected,
      found: (expected as number) + 3,
    });
    expect(findings[0]?.against?.table).toBe("T1_1");
    expect(findings[0]?.against?.cell.find((c) => c.dimension === "birthplace")?.label.ru).toBe(
      "Родившиеся за рубежом",
    );
  });

  it("with both tables submitted, compares the slices with each other, not with the published ones", () => {
    const { published, slice } = setUp();
    const t11 = slice("T1_1");
    const t12 = slice("T1_2");
    // Published T1_1 of KAZ changes: the submission's own T1_1 stands.
    set(published.T1_1, { reporter: "KAZ", year: "2020", birthplace: "FOR", sex: "M", age: "Y30T34" }, 1);
    const result = validateSubmission(
      { slices: { T1_1: t11, T1_2: t12 }, published },
      { rules: ["cross.T1_1.FOR=T1_2._T"] },
    );
    expect(result.findings).toEqual([]);
  });

  it("flags a figure that moved against the published version for review", () => {
    const { published, slice } = setUp();
    const t21 = slice("T2_1");
    const cell = { reporter: "KAZ", year: "2020", citstatus: "_T", sex: "_T", age: "_T" };
    set(t21, cell, (get(t21, cell) as number) * 3);
    const { findings } = validateSubmission(
      { slices: { T2_1: t21 }, published },
      { rules: ["change.previous-version"] },
    );
    expect(findings.map((f) => [f.rule, f.severity, f.key])).toEqual([
      ["change.previous-version", "warning", "change.previous-version:T2_1:KAZ.2020._T._T._T.POP"],
    ]);
  });
});
