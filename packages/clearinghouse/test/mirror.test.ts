import { Flag } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  asymmetryIndex,
  compare,
  countryAsymmetry,
  MIRROR_BASIS_DECLS,
  MirrorInputs,
  mirrorMatrix,
  mirrorSeries,
} from "../src/index.ts";
import { cube, offsetOf, set } from "./helpers.ts";

const options = { reporters: ["ARM", "AZE", "GEO"], years: [2020, 2021], partners: ["ARM", "AZE", "GEO", "RUS"] };

function residence() {
  const t3 = cube("T3", options);
  const t4 = cube("T4", options);
  return { t3, t4, inputs: () => new MirrorInputs(MIRROR_BASIS_DECLS.residence, { immigration: t3, emigration: t4 }) };
}

describe("mirror statistics", () => {
  it("compares A's immigration from B with B's emigration to A (hand-computed)", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 300);
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, 100);
    const c = compare(inputs(), "ARM", "AZE", "2020");
    expect(c.immigration.value).toBe(300);
    expect(c.emigration.value).toBe(100);
    expect(c.difference.value).toBe(200);
    expect(c.ratio.value).toBe(3);
    expect(c.asymmetry.value).toBe(0.5);
    expect(c.missing).toBeUndefined();
    expect(c.asymmetry.sources).toEqual([
      {
        table: "T3",
        cell: { reporter: "ARM", year: "2020", prevres: "AZE", sex: "_T", age: "_T", ContentsCode: "IMM" },
        value: 300,
        status: "",
        flags: "",
      },
      {
        table: "T4",
        cell: { reporter: "AZE", year: "2020", nextres: "ARM", sex: "_T", age: "_T", ContentsCode: "EMI" },
        value: 100,
        status: "",
        flags: "",
      },
    ]);
  });

  it("says which side is missing and derives nothing from it", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 300);
    const c = compare(inputs(), "ARM", "AZE", "2020");
    expect(c.missing).toBe("emigration");
    expect(c.immigration.value).toBe(300);
    expect(c.emigration).toMatchObject({ value: null, status: "..", reason: "missing" });
    for (const d of [c.difference, c.ratio, c.asymmetry]) expect(d).toMatchObject({ value: null, status: ".." });
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, 5);
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, "..");
    expect(compare(inputs(), "ARM", "AZE", "2020").missing).toBe("immigration");
    expect(compare(inputs(), "GEO", "AZE", "2020").missing).toBe("both");
  });

  it("leaves the index undefined when both flows are zero, never 0/0", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, "-");
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, 0);
    const c = compare(inputs(), "ARM", "AZE", "2020");
    expect(c.missing).toBeUndefined();
    expect(c.immigration.value).toBe(0);
    expect(c.difference.value).toBe(0);
    expect(c.asymmetry).toMatchObject({ value: null, status: "..", reason: "undefined" });
    expect(c.ratio).toMatchObject({ value: null, status: "..", reason: "undefined" });
    expect(asymmetryIndex(0, 0)).toBeUndefined();
    // One side zero: the index is at its bound and the ratio undefined.
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 40);
    const d = compare(inputs(), "ARM", "AZE", "2020");
    expect(d.asymmetry.value).toBe(1);
    expect(d.ratio.status).toBe("..");
  });

  it("carries flags and confidentiality", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 300);
    t3.flags[offsetOf(t3, { reporter: "ARM", year: "2020", prevres: "AZE" })] = Flag.provisional;
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, 200);
    t4.flags[offsetOf(t4, { reporter: "AZE", year: "2020", nextres: "ARM" })] = Flag.breakInSeries;
    const c = compare(inputs(), "ARM", "AZE", "2020");
    expect(c.asymmetry.value).toBeCloseTo(0.2, 12);
    expect(c.asymmetry.flags).toBe(Flag.provisional | Flag.breakInSeries);
    expect(c.immigration.flags).toBe(Flag.provisional);
    expect(c.asymmetry.sources.map((s) => s.flags)).toEqual(["p", "b"]);
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, "x");
    const x = compare(inputs(), "ARM", "AZE", "2020");
    expect(x.missing).toBe("emigration");
    expect(x.emigration.status).toBe("x");
    expect(x.asymmetry).toMatchObject({ value: null, status: "x", reason: "confidential" });
  });

  it("reads a table that is not published as missing everywhere", () => {
    const t3 = cube("T3", options);
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 300);
    const c = compare(new MirrorInputs(MIRROR_BASIS_DECLS.residence, { immigration: t3 }), "ARM", "AZE", "2020");
    expect(c.missing).toBe("emigration");
    expect(c.emigration.sources[0]).toMatchObject({ table: "T4", status: ".." });
  });

  it("builds the matrix of ordered pairs for a year and the series of a pair", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2021", prevres: "AZE" }, 90);
    set(t4, { reporter: "AZE", year: "2021", nextres: "ARM" }, 10);
    const matrix = mirrorMatrix(inputs(), "2021");
    expect(matrix.map((c) => `${c.receiver}<${c.sender}`)).toEqual([
      "ARM<AZE",
      "ARM<GEO",
      "AZE<ARM",
      "AZE<GEO",
      "GEO<ARM",
      "GEO<AZE",
    ]);
    expect(matrix[0]?.asymmetry.value).toBe(0.8);
    const series = mirrorSeries(inputs(), "ARM", "AZE");
    expect(series.map((c) => [c.year, c.asymmetry.value])).toEqual([
      ["2020", null],
      ["2021", 0.8],
    ]);
  });

  it("compares by citizenship: A's immigrants who are B's citizens against B's emigrating citizens", () => {
    const t52 = cube("T5_2", options);
    const t62 = cube("T6_2", options);
    set(t52, { reporter: "ARM", year: "2020", citizenship: "AZE" }, 30);
    set(t62, { reporter: "AZE", year: "2020", citizenship: "AZE" }, 70);
    const inputs = new MirrorInputs(MIRROR_BASIS_DECLS.citizenship, { immigration: t52, emigration: t62 });
    const c = compare(inputs, "ARM", "AZE", "2020");
    expect(c.asymmetry.value).toBeCloseTo(-0.4, 12);
    expect(c.emigration.sources[0]?.cell).toMatchObject({ reporter: "AZE", citizenship: "AZE" });
  });

  it("sums a country's pairs for its asymmetry as receiver and as sender", () => {
    const { t3, t4, inputs } = residence();
    set(t3, { reporter: "ARM", year: "2020", prevres: "AZE" }, 300);
    set(t4, { reporter: "AZE", year: "2020", nextres: "ARM" }, 100);
    set(t3, { reporter: "ARM", year: "2020", prevres: "GEO" }, 100);
    set(t4, { reporter: "GEO", year: "2020", nextres: "ARM" }, 100);
    // ARM as receiver: I = 400, E = 200 → 200 / 600.
    const r = countryAsymmetry(inputs(), "ARM", "2020", "receiver");
    expect(r.value).toBeCloseTo(1 / 3, 12);
    expect(r.sources).toHaveLength(4);
    // ARM as sender: no pair with both sides.
    expect(countryAsymmetry(inputs(), "ARM", "2020", "sender")).toMatchObject({ status: "..", reason: "missing" });
    // A pair with one side missing is left out; a confidential one makes the whole confidential.
    set(t4, { reporter: "GEO", year: "2020", nextres: "ARM" }, "..");
    expect(countryAsymmetry(inputs(), "ARM", "2020", "receiver").value).toBe(0.5);
    set(t4, { reporter: "GEO", year: "2020", nextres: "ARM" }, "x");
    expect(countryAsymmetry(inputs(), "ARM", "2020", "receiver").status).toBe("x");
  });
});
