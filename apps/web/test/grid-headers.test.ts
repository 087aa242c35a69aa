import { type Category, type Dataset, type Dimension, pivot } from "@clearinghouse/cube/browser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockSize, categoryText, headerSpans, repeatedLevels } from "../src/table/grid/headers.ts";

/** A dataset with dimensions of these sizes; every cell a number (its index). */
function dataset(sizes: readonly number[]): Dataset {
  const dimensions: Dimension[] = sizes.map((size, k) => ({
    code: `d${k}`,
    label: { en: `Dimension ${k}`, ru: `Измерение ${k}` },
    role: "other",
    categories: Array.from({ length: size }, (_, c) => ({ code: `c${c}`, label: { en: `Cat ${c}` } })),
  }));
  const n = sizes.reduce((p, s) => p * s, 1);
  return {
    id: "T",
    languages: ["en"],
    title: { en: "T" },
    decimals: 0,
    dimensions,
    values: Float64Array.from({ length: n }, (_, i) => i),
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

const sizes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });

describe("column header spans", () => {
  it("cover every column of the range exactly once, each with the category the pivot puts there", () => {
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), (sizes, a, b) => {
        const count = sizes.reduce((p, s) => p * s, 1);
        const start = a % (count + 1);
        const end = start + (b % (count - start + 1));
        const ds = dataset(sizes);
        const p = pivot(ds, { rows: [], columns: ds.dimensions.map((d) => d.code) });
        for (let level = 0; level < sizes.length; level++) {
          const covered: number[] = [];
          for (const span of headerSpans(sizes, level, start, end)) {
            expect(span.span).toBeGreaterThan(0);
            for (let c = span.first; c < span.first + span.span; c++) {
              covered.push(c);
              expect(p.columnCategories(c)[level]).toBe(p.columnDimensions[level]?.categories[span.category]);
            }
          }
          expect(covered).toEqual(Array.from({ length: end - start }, (_, k) => start + k));
        }
      }),
    );
  });

  it("are as wide as the levels inside them, cut at the edges of a scrolled window", () => {
    expect(blockSize([7, 3, 2], 0)).toBe(6);
    expect(blockSize([7, 3, 2], 2)).toBe(1);
    expect(headerSpans([7, 3], 0, 0, 21).map((s) => s.span)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(headerSpans([7, 3], 0, 4, 11)).toEqual([
      { category: 1, first: 4, span: 2 },
      { category: 2, first: 6, span: 3 },
      { category: 3, first: 9, span: 2 },
    ]);
    expect(headerSpans([7, 3], 1, 4, 6)).toEqual([
      { category: 1, first: 4, span: 1 },
      { category: 2, first: 5, span: 1 },
    ]);
    expect(headerSpans([7, 3], 0, 5, 5)).toEqual([]);
  });
});

describe("repeated row headers", () => {
  const a: Category = { code: "a", label: { en: "A" } };
  const b: Category = { code: "b", label: { en: "B" } };
  const x: Category = { code: "x", label: { en: "X" } };
  const y: Category = { code: "y", label: { en: "Y" } };

  it("are the leading levels equal to the row above", () => {
    expect(repeatedLevels([a, x], [a, y])).toBe(1);
    expect(repeatedLevels([a, x], [b, x])).toBe(0); // an inner label under a new outer one is not a repeat
    expect(repeatedLevels([a, x, y], [a, x, x])).toBe(2);
    expect(repeatedLevels(undefined, [a, x])).toBe(0);
  });

  it("leave the first row of each outer category labelled, in pivot order", () => {
    const ds = dataset([3, 4]);
    const p = pivot(ds, { rows: ["d0", "d1"], columns: [] });
    const shown = Array.from({ length: p.rowCount }, (_, r) =>
      repeatedLevels(r > 0 ? p.rowCategories(r - 1) : undefined, p.rowCategories(r)),
    );
    expect(shown).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1]);
  });
});

describe("header texts", () => {
  it("show the code before the label when asked, once when they are the same", () => {
    const country: Category = { code: "ARM", label: { en: "Armenia", ru: "Армения" } };
    const year: Category = { code: "2019", label: { en: "2019" } };
    expect(categoryText(country, "en", false)).toBe("Armenia");
    expect(categoryText(country, "ru", true)).toBe("ARM Армения");
    expect(categoryText(year, "ru", true)).toBe("2019");
  });
});
