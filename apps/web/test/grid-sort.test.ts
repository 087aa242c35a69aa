import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ariaSort, nextSort, sortOrder } from "../src/table/grid/sort.ts";

/** Keys as cells give them: numbers, or NaN for a cell with a symbol. */
const keys = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(Number.NaN)), { maxLength: 60 });

describe("sorting rows by a column", () => {
  it("gives a permutation of the rows", () => {
    fc.assert(
      fc.property(keys, fc.boolean(), (values, descending) => {
        const order = Array.from(sortOrder(values.length, (r) => values[r] as number, descending));
        expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, r) => r));
      }),
    );
  });

  it("orders the numbers, puts cells without a number last and keeps ties in their order", () => {
    fc.assert(
      fc.property(keys, fc.boolean(), (values, descending) => {
        const order = Array.from(sortOrder(values.length, (r) => values[r] as number, descending));
        for (let k = 1; k < order.length; k++) {
          const a = order[k - 1] as number;
          const b = order[k] as number;
          const va = values[a] as number;
          const vb = values[b] as number;
          if (Number.isNaN(va)) {
            expect(Number.isNaN(vb)).toBe(true); // nothing with a number after a symbol
            expect(a).toBeLessThan(b);
          } else if (!Number.isNaN(vb)) {
            expect(descending ? va >= vb : va <= vb).toBe(true);
            if (va === vb) expect(a).toBeLessThan(b);
          }
        }
      }),
    );
  });

  it("sorts an example both ways", () => {
    const values = [5, Number.NaN, -1, 5, 12];
    expect(Array.from(sortOrder(5, (r) => values[r] as number, false))).toEqual([2, 0, 3, 4, 1]);
    expect(Array.from(sortOrder(5, (r) => values[r] as number, true))).toEqual([4, 0, 3, 2, 1]);
  });
});

describe("clicking a column's header", () => {
  it("goes ascending, descending, then back to the original order", () => {
    const asc = nextSort(undefined, 3);
    expect(asc).toEqual({ column: 3, descending: false });
    const desc = nextSort(asc, 3);
    expect(desc).toEqual({ column: 3, descending: true });
    expect(nextSort(desc, 3)).toBeUndefined();
  });

  it("starts ascending on another column", () => {
    expect(nextSort({ column: 3, descending: true }, 1)).toEqual({ column: 1, descending: false });
  });

  it("tells screen readers the direction of the sorted column only", () => {
    expect(ariaSort({ column: 2, descending: true }, 2)).toBe("descending");
    expect(ariaSort({ column: 2, descending: false }, 2)).toBe("ascending");
    expect(ariaSort({ column: 2, descending: false }, 1)).toBeUndefined();
    expect(ariaSort(undefined, 0)).toBeUndefined();
  });
});
