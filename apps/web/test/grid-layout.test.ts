import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dropVariable,
  type Layout,
  moveVariable,
  placeOf,
  resolveLayout,
  shiftVariable,
  slotIn,
  switchZone,
  transpose,
} from "../src/table/grid/layout.ts";

const VARIABLES = ["reporter", "year", "cob", "sex", "age"];

/** Any layout of some of the variables: a shuffle split in two. */
const layouts: fc.Arbitrary<Layout> = fc
  .tuple(fc.shuffledSubarray(VARIABLES, { minLength: 1 }), fc.nat())
  .map(([codes, cut]) => ({
    rows: codes.slice(0, cut % (codes.length + 1)),
    columns: codes.slice(cut % (codes.length + 1)),
  }));

const all = (layout: Layout) => [...layout.rows, ...layout.columns].sort();

describe("the layout a table opens with", () => {
  const variables = VARIABLES.map((code) => ({ code, role: code === "year" ? "time" : "other" }));

  it("keeps the layout asked for, drops unknown variables and puts the rest down the side", () => {
    expect(resolveLayout(variables, { rows: ["cob", "nope"], columns: ["year", "cob"] }, undefined)).toEqual({
      rows: ["cob", "reporter", "sex", "age"],
      columns: ["year"],
    });
  });

  it("falls back to the table's placement, then to time across", () => {
    expect(resolveLayout(variables, { rows: [], columns: [] }, { stub: ["sex"], heading: ["age"] })).toEqual({
      rows: ["sex", "reporter", "year", "cob"],
      columns: ["age"],
    });
    expect(resolveLayout(variables, { rows: [], columns: [] }, undefined)).toEqual({
      rows: ["reporter", "cob", "sex", "age"],
      columns: ["year"],
    });
  });

  it("keeps all variables across when that is what was asked (one row of figures)", () => {
    expect(resolveLayout(variables, { rows: [], columns: VARIABLES }, undefined)).toEqual({
      rows: [],
      columns: VARIABLES,
    });
  });
});

describe("moving variables", () => {
  it("keeps every variable in exactly one zone, whatever the move", () => {
    fc.assert(
      fc.property(
        layouts,
        fc.nat(6),
        fc.constantFrom("rows" as const, "columns" as const),
        fc.integer({ min: -2, max: 8 }),
        (layout, pick, zone, index) => {
          const code = all(layout)[pick % all(layout).length] as string;
          for (const next of [
            moveVariable(layout, code, zone, index),
            dropVariable(layout, code, zone, index),
            shiftVariable(layout, code, 1),
            shiftVariable(layout, code, -1),
            switchZone(layout, code),
            transpose(layout),
          ]) {
            expect(all(next)).toEqual(all(layout));
          }
        },
      ),
    );
  });

  it("puts a variable where it was asked, clamped to the zone", () => {
    const layout = { rows: ["reporter", "cob"], columns: ["year"] };
    expect(moveVariable(layout, "year", "rows", 1)).toEqual({ rows: ["reporter", "year", "cob"], columns: [] });
    expect(moveVariable(layout, "year", "rows", 99)).toEqual({ rows: ["reporter", "cob", "year"], columns: [] });
    expect(moveVariable(layout, "reporter", "columns", -5)).toEqual({ rows: ["cob"], columns: ["reporter", "year"] });
  });

  it("drops into the gap the pointer shows, counting the dragged variable still in place", () => {
    const layout = { rows: ["a", "b", "c"], columns: ["d"] };
    // Gap 2 is between b and c: a dropped there lands between them.
    expect(dropVariable(layout, "a", "rows", 2)).toEqual({ rows: ["b", "a", "c"], columns: ["d"] });
    expect(dropVariable(layout, "c", "rows", 0)).toEqual({ rows: ["c", "a", "b"], columns: ["d"] });
    expect(dropVariable(layout, "b", "rows", 3)).toEqual({ rows: ["a", "c", "b"], columns: ["d"] });
    expect(dropVariable(layout, "a", "columns", 0)).toEqual({ rows: ["b", "c"], columns: ["a", "d"] });
    // Its own gaps leave it where it is.
    expect(dropVariable(layout, "b", "rows", 1)).toEqual(layout);
    expect(dropVariable(layout, "b", "rows", 2)).toEqual(layout);
  });

  it("shifts one step within the zone and stops at its ends", () => {
    const layout = { rows: ["a", "b"], columns: ["c"] };
    expect(shiftVariable(layout, "b", -1)).toEqual({ rows: ["b", "a"], columns: ["c"] });
    expect(shiftVariable(layout, "a", -1)).toEqual(layout);
    expect(shiftVariable(layout, "c", 1)).toEqual(layout);
    expect(shiftVariable(layout, "nope", 1)).toBe(layout);
  });

  it("switches a variable to the innermost place of the other zone", () => {
    const layout = { rows: ["a", "b"], columns: ["c"] };
    expect(switchZone(layout, "a")).toEqual({ rows: ["b"], columns: ["c", "a"] });
    expect(switchZone(layout, "c")).toEqual({ rows: ["a", "b", "c"], columns: [] });
    expect(placeOf(switchZone(layout, "a"), "a")).toEqual({ zone: "columns", index: 1 });
  });

  it("transposes and transposes back", () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        expect(transpose(transpose(layout))).toEqual(layout);
      }),
    );
    expect(transpose({ rows: ["a"], columns: ["b", "c"] })).toEqual({ rows: ["b", "c"], columns: ["a"] });
  });
});

describe("the gap a dragged variable is over", () => {
  // Two lines of chips: [0..100] [110..210] on the first line (y 0..30), [0..100] on the second (y 40..70).
  const chips = [
    { left: 0, right: 100, top: 0, bottom: 30 },
    { left: 110, right: 210, top: 0, bottom: 30 },
    { left: 0, right: 100, top: 40, bottom: 70 },
  ];

  it("counts the chips before the pointer in reading order", () => {
    expect(slotIn(chips, 10, 15)).toBe(0);
    expect(slotIn(chips, 60, 15)).toBe(1);
    expect(slotIn(chips, 200, 15)).toBe(2);
    expect(slotIn(chips, 10, 50)).toBe(2);
    expect(slotIn(chips, 90, 50)).toBe(3);
    expect(slotIn(chips, 300, 90)).toBe(3);
    expect(slotIn([], 5, 5)).toBe(0);
  });
});
