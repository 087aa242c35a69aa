import { describe, expect, it } from "vitest";
import { asymmetryClass, formatMirrorState, parseMirrorState } from "../src/comparability/mirror-state.ts";
import { pathOf, routeOf } from "../src/lib/router.tsx";
import { cellDecimals } from "../src/table/grid/decimals.ts";

describe("the mirror page's state and routes", () => {
  it("reads and writes basis and year, leaving defaults out of the URL", () => {
    expect(parseMirrorState("")).toEqual({ basis: "residence" });
    expect(parseMirrorState("?basis=citizenship&year=2020")).toEqual({ basis: "citizenship", year: "2020" });
    expect(parseMirrorState("?basis=sex&year=20x0")).toEqual({ basis: "residence" });
    expect(formatMirrorState({ basis: "residence" })).toBe("");
    expect(formatMirrorState({ basis: "citizenship", year: "2021" })).toBe("?basis=citizenship&year=2021");
  });

  it("routes the matrix and a pair", () => {
    expect(routeOf("/ru/mirror")).toEqual({ page: "mirror", lang: "ru" });
    expect(routeOf("/en/mirror/KAZ/RUS")).toEqual({ page: "mirror-pair", lang: "en", receiver: "KAZ", sender: "RUS" });
    expect(routeOf("/en/mirror/KAZ")).toEqual({ page: "not-found", lang: "en" });
    expect(pathOf({ page: "mirror-pair", lang: "ru", receiver: "ARM", sender: "GEO" })).toBe("/ru/mirror/ARM/GEO");
  });

  it("colours the index in five steps, and apart where there is none", () => {
    expect([-0.9, -0.3, 0, 0.1, 0.3, 0.7].map(asymmetryClass)).toEqual([
      "mirror__cell--n2",
      "mirror__cell--n1",
      "mirror__cell--zero",
      "mirror__cell--zero",
      "mirror__cell--p1",
      "mirror__cell--p2",
    ]);
    expect(asymmetryClass(null)).toBe("mirror__cell--none");
  });
});

describe("decimals per cell", () => {
  it("takes a contents value's own decimals, else the dataset's", () => {
    const dim = (code: string, codes: string[], role: "other" | "metric" = "other") => ({
      code,
      label: { en: code },
      role,
      categories: codes.map((c) => ({
        code: c,
        label: { en: c },
        ...(c === "NET" ? { content: { decimals: 0 } } : {}),
      })),
    });
    const decimals = cellDecimals({
      decimals: 2,
      dimensions: [dim("reporter", ["A", "B"]), dim("ContentsCode", ["NET", "RATE"], "metric")],
    });
    expect([0, 1, 2, 3].map(decimals)).toEqual([0, 2, 0, 2]);
    expect(cellDecimals({ decimals: 1, dimensions: [dim("x", ["a"])] })(0)).toBe(1);
  });
});
