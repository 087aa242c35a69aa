import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AvailabilityState,
  availabilityQuery,
  DEFAULT_AVAILABILITY,
  DETAILS,
  formatAvailabilityState,
  GROUPS,
  parseAvailabilityState,
  ruleRows,
  sharePercent,
  sparklinePath,
  tableNumber,
  tableSelectionPath,
} from "../src/comparability/state.ts";
import { pathOf, routeOf } from "../src/lib/router.tsx";

describe("the availability page's URL state", () => {
  it("reads what it writes, for any state", () => {
    const code = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,5}$/);
    const state = fc.record<AvailabilityState>({
      tables: fc.uniqueArray(code, { maxLength: 4 }),
      chapter: fc.constantFrom("", "birthplace", "immigration"),
      countries: fc.uniqueArray(code, { maxLength: 4 }),
      from: fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }),
      to: fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }),
      detail: fc.constantFrom(...DETAILS),
      group: fc.constantFrom(...GROUPS),
    });
    fc.assert(
      fc.property(state, (s) => {
        expect(parseAvailabilityState(formatAvailabilityState(s))).toEqual(s);
      }),
    );
  });

  it("writes the default state as no query, and the API's query without the layout", () => {
    expect(formatAvailabilityState(DEFAULT_AVAILABILITY)).toBe("");
    const s = parseAvailabilityState("?table=T3,T4&country=ARM&from=2015&detail=total&group=table");
    expect(availabilityQuery(s)).toBe("table=T3,T4&country=ARM&from=2015&detail=total");
    expect(s.group).toBe("table");
  });

  it("leaves malformed parts at their defaults", () => {
    expect(parseAvailabilityState("?from=20x0&detail=most&group=x&table=T3,<b>&chapter=%ZZ")).toEqual({
      ...DEFAULT_AVAILABILITY,
      tables: ["T3"],
    });
  });
});

describe("links and numbers", () => {
  it("opens a table with one country and year selected, as the table page reads it", () => {
    expect(tableSelectionPath("ru", "T5_1", "ARM", 2020)).toBe("/ru/tables/T5_1?v.reporter=ARM&v.year=2020");
    expect(tableNumber("T5_1")).toBe("5.1");
    expect(tableNumber("T3")).toBe("3");
  });

  it("never rounds a partial share to 0% or 100%", () => {
    expect([0, 0.004, 0.05, 0.5, 0.996, 1].map(sharePercent)).toEqual([0, "<1", 5, 50, ">99", 100]);
  });

  it("routes the comparability pages both ways", () => {
    const routes = [
      { page: "availability", lang: "en" },
      { page: "countries", lang: "ru" },
      { page: "country", lang: "en", country: "KAZ" },
      { page: "consistency", lang: "ru", country: "ARM" },
      { page: "consistency", lang: "en", country: "ARM", year: "2020" },
    ] as const;
    for (const route of routes) expect(routeOf(pathOf(route))).toEqual(route);
    expect(routeOf("/en/consistency/ARM/2020/x").page).toBe("not-found");
  });
});

describe("rule rows", () => {
  it("gather a rule's outcomes over tables into one row", () => {
    const base = { kindLabel: "within", description: "Total = M + F", errors: 0, warnings: 0, explanation: null };
    const rows = ruleRows([
      { ...base, rule: "total.sex", tables: ["T1_1"], checked: true, errors: 2 },
      { ...base, rule: "total.sex", tables: ["T3"], checked: false },
      { ...base, rule: "cross.T3._T=T5_1._T", tables: ["T3", "T5_1"], checked: true, warnings: 1, explanation: "why" },
    ]);
    expect(rows).toEqual([
      { ...base, rule: "total.sex", checked: ["1.1"], unchecked: ["3"], errors: 2 },
      { ...base, rule: "cross.T3._T=T5_1._T", checked: ["3 – 5.1"], unchecked: [], warnings: 1, explanation: "why" },
    ]);
  });
});

describe("sparklines", () => {
  it("break the line at a missing value instead of drawing a zero, and mark the last value", () => {
    const { d, last } = sparklinePath([1, 3, null, 2], 34, 12, 2);
    // x: 2, 12, 22, 32; y: 3 at the top (2), 1 at the bottom (10), 2 halfway (6).
    expect(d).toBe("M2 10 L12 2 M32 6");
    expect(last).toEqual({ x: 32, y: 6 });
    expect(sparklinePath([null, null], 10, 10, 1)).toEqual({ d: "", last: undefined });
    expect(sparklinePath([5], 10, 10, 1).d).toBe("M5 5");
  });
});
