import { Flag, Status } from "@clearinghouse/cube/browser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  indexesOf,
  sliceOf,
  WHOLE_COLUMNS,
  WHOLE_TABLE_CELLS,
  wholeSlice,
  windowColumns,
  windowRows,
} from "../src/table/grid/viewport.ts";
import {
  dataColumnChars,
  rowHeaderChars,
  spannedWord,
  valueChars,
  widest,
  widestWord,
} from "../src/table/grid/widths.ts";

describe("the slice of a virtualized table to render", () => {
  it("keeps the scroll size: spacers plus the items rendered make the whole length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.nat(),
        (sizes, a, b) => {
          const starts = sizes.map((_, k) => sizes.slice(0, k).reduce((s, x) => s + x, 0));
          const total = sizes.reduce((s, x) => s + x, 0);
          const first = a % sizes.length;
          const last = first + (b % (sizes.length - first));
          const items = indexesOf({ start: first, end: last + 1, before: 0, after: 0 }).map((index) => ({
            index,
            start: starts[index] as number,
            end: (starts[index] as number) + (sizes[index] as number),
          }));
          const slice = sliceOf(items, total);
          const rendered = sizes.slice(slice.start, slice.end).reduce((s, x) => s + x, 0);
          expect(slice.before + rendered + slice.after).toBe(total);
          expect([slice.start, slice.end]).toEqual([first, last + 1]);
        },
      ),
    );
  });

  it("renders nothing but room before the list is measured, and everything when not virtualized", () => {
    expect(sliceOf([], 500)).toEqual({ start: 0, end: 0, before: 0, after: 500 });
    expect(wholeSlice(3)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
    expect(indexesOf({ start: 4, end: 7, before: 10, after: 0 })).toEqual([4, 5, 6]);
  });

  it("windows rows of big tables and columns of wide ones only", () => {
    expect(windowRows(10, 7)).toBe(false);
    expect(windowRows(WHOLE_TABLE_CELLS, 1)).toBe(false);
    expect(windowRows(1550, 7)).toBe(true);
    expect(windowColumns(WHOLE_COLUMNS)).toBe(false);
    expect(windowColumns(WHOLE_COLUMNS + 1)).toBe(true);
  });
});

describe("column widths", () => {
  const ds = (values: number[], status: number[], flags: number[], decimals = 0) => ({
    values: Float64Array.from(values),
    status: Uint8Array.from(status),
    flags: Uint8Array.from(flags),
    decimals,
  });

  it("fit the widest figure in the reader's format, with its flags", () => {
    expect(valueChars(ds([12, 1234567, Number.NaN], [0, 0, Status.notAvailable], [0, 0, 0]), "en")).toBe(9);
    expect(valueChars(ds([-1234.5], [0], [0], 1), "ru")).toBe("-1 234,5".length);
    expect(valueChars(ds([7], [0], [Flag.provisional | Flag.estimated]), "en")).toBeCloseTo(1 + 0.5 + 1.4);
  });

  it("stay within bounds and leave the header words whole", () => {
    expect(dataColumnChars(3, 4)).toBe(6);
    expect(dataColumnChars(9, 4)).toBe(9);
    expect(dataColumnChars(40, 4)).toBe(18);
    expect(dataColumnChars(2, 2)).toBe(5);
    expect(rowHeaderChars(60, 5)).toBe(24);
    expect(rowHeaderChars(3, 12)).toBe(12);
    const length = (text: string) => text.length;
    expect(widestWord(["Bosnia and Herzegovina", "Armenia"], length)).toBe(11);
    expect(widest(["Bosnia and Herzegovina", "Armenia"], length)).toBe(22);
    expect(widest([], length)).toBe(0);
  });

  it("widens the data columns so that a header over few of them keeps its words whole", () => {
    // One contents value ("Долгосрочные иммигранты": 12 digits) over one year: the one column holds the word.
    expect(
      spannedWord([
        { widestWord: 12, count: 1 },
        { widestWord: 4, count: 1 },
      ]),
    ).toBe(12);
    // Over five years the word is spread over five columns: the years decide.
    expect(
      spannedWord([
        { widestWord: 12, count: 1 },
        { widestWord: 4, count: 5 },
      ]),
    ).toBe(4);
    // Three levels: the outer label spans 2 × 3 columns.
    expect(
      spannedWord([
        { widestWord: 30, count: 2 },
        { widestWord: 6, count: 2 },
        { widestWord: 2, count: 3 },
      ]),
    ).toBe(5);
    expect(spannedWord([{ widestWord: 7, count: 0 }])).toBe(7);
  });
});
