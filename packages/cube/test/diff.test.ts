import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CellChange,
  cellCount,
  type Dataset,
  type Dimension,
  diffDatasets,
  Flag,
  Status,
  strides,
  symbolOf,
} from "../src/index.ts";
import { dataset, dim } from "./build.ts";

/** Every change of a comparison, in the order reported. */
function changes(before: Dataset, after: Dataset, only?: Record<string, string[]>) {
  const out: CellChange[] = [];
  const result = diffDatasets(before, after, (c) => out.push(c), only ? { only } : {});
  if (!result.ok) throw new Error(result.error.message.en);
  return { changes: out, ...result };
}

/** What a cell says, comparable across datasets (custom statuses are numbered per dataset). */
interface Said {
  readonly symbol: string;
  readonly value: number | null;
  readonly flags: number;
}

/** A dataset's cells by their codes, written in the order of `order` (dimension codes). */
function cellsByCodes(ds: Dataset, order: readonly string[]): Map<string, Said> {
  const stride = strides(ds.dimensions);
  const out = new Map<string, Said>();
  for (let i = 0; i < cellCount(ds.dimensions); i++) {
    const codes = new Map(
      ds.dimensions.map((d, k) => [
        d.code,
        d.categories[Math.floor(i / (stride[k] as number)) % d.categories.length]?.code,
      ]),
    );
    const status = ds.status[i] as number;
    out.set(order.map((c) => codes.get(c)).join("|"), {
      symbol: symbolOf(ds, status),
      value: status === Status.value ? (ds.values[i] as number) : null,
      flags: ds.flags[i] as number,
    });
  }
  return out;
}

type Cell = { readonly value: number } | { readonly symbol: string };

/** A dataset of the given dimensions with these cells; ":" is a custom symbol, numbered after `extraSymbols`. */
function build(dimensions: readonly Dimension[], cells: readonly Cell[], flags: readonly number[], extra = 0): Dataset {
  const symbols = [
    ...Array.from({ length: extra }, (_, i) => ({ symbol: `*${i}`, label: {} })),
    { symbol: ":", label: {} },
  ];
  const base = dataset(dimensions);
  const n = base.values.length;
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cell = cells[i % cells.length] as Cell;
    if ("value" in cell) values[i] = cell.value;
    else {
      values[i] = Number.NaN;
      status[i] = cell.symbol === ":" ? 4 + extra : ["", "..", "-", "x"].indexOf(cell.symbol);
    }
  }
  return {
    ...base,
    values,
    status,
    flags: Uint8Array.from({ length: n }, (_, i) => flags[i % flags.length] ?? 0),
    symbols,
  };
}

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.record({ value: fc.constantFrom(0, 1, 2.5, -3) }),
  fc.record({ symbol: fc.constantFrom("..", "-", "x", ":") }),
);

/** Two versions of one table: the same dimensions, each with some of the categories in some order. */
const versionsArb = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((sizes) => {
    const codes = sizes.map((size, k) => Array.from({ length: size + 1 }, (_, i) => `d${k}c${i}`));
    const subset = (all: string[]) => fc.shuffledSubarray(all, { minLength: 1 });
    return fc.record({
      oldCodes: fc.tuple(...codes.map((all) => subset(all).map((s) => all.filter((c) => s.includes(c))))),
      newCodes: fc.tuple(...codes.map(subset)),
      reorder: fc.boolean(),
      oldCells: fc.array(cellArb, { minLength: 1, maxLength: 20 }),
      newCells: fc.array(cellArb, { minLength: 1, maxLength: 20 }),
      oldFlags: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }),
      newFlags: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }),
      extra: fc.integer({ min: 0, max: 2 }),
    });
  })
  .map((v) => {
    const oldDims = v.oldCodes.map((codes, k) => dim(`v${k}`, codes));
    const newDims = v.newCodes.map((codes, k) => dim(`v${k}`, codes));
    return {
      before: build(oldDims, v.oldCells, v.oldFlags),
      after: build(v.reorder ? newDims.reverse() : newDims, v.newCells, v.newFlags, v.extra),
    };
  });

describe("diffDatasets", () => {
  it("finds nothing between a dataset and itself", () => {
    fc.assert(
      fc.property(versionsArb, ({ before }) => {
        const { changes: found, summary } = changes(before, before);
        expect(found).toEqual([]);
        expect(summary).toEqual({
          changed: 0,
          added: 0,
          removed: 0,
          unchanged: before.values.length,
          compared: before.values.length,
        });
      }),
    );
  });

  it("reports what turns the old into the new: applying the changes to the old gives the new", () => {
    fc.assert(
      fc.property(versionsArb, ({ before, after }) => {
        const order = before.dimensions.map((d) => d.code);
        const { changes: found, summary } = changes(before, after);
        const cells = cellsByCodes(before, order);
        for (const change of found) {
          const key = change.codes.join("|");
          if (change.kind === "added") expect(cells.has(key)).toBe(false);
          else expect(cells.has(key)).toBe(true);
          if (change.kind === "removed") cells.delete(key);
          else {
            const a = change.after;
            if (!a) throw new Error("no after");
            const said = { symbol: a.symbol, value: a.status === Status.value ? a.value : null, flags: a.flags };
            // A changed cell really is different: nothing is reported that the new version does not change.
            if (change.kind === "changed") expect(cells.get(key)).not.toEqual(said);
            cells.set(key, said);
          }
        }
        expect(cells).toEqual(cellsByCodes(after, order));
        expect(summary.changed + summary.added + summary.removed).toBe(found.length);
        expect(summary.compared).toBe(summary.changed + summary.added + summary.removed + summary.unchanged);
      }),
    );
  });

  it("counts the same both ways: changed alike, added one way removed the other", () => {
    fc.assert(
      fc.property(versionsArb, ({ before, after }) => {
        const there = changes(before, after).summary;
        const back = changes(after, before).summary;
        expect(back).toEqual({ ...there, added: there.removed, removed: there.added });
      }),
    );
  });

  it("names each cell by its codes and gives old and new value, status and flags", () => {
    const before = dataset([dim("reporter", ["ARM", "GEO", "KAZ"]), dim("year", ["2022", "2023"])]);
    const after = dataset([dim("reporter", ["ARM", "KAZ"]), dim("year", ["2022", "2023", "2024"])], {
      1: Status.confidential,
    });
    // after: ARM 2022=0, ARM 2023=x, ARM 2024=2, KAZ 2022=3, KAZ 2023=4, KAZ 2024=5
    const flagged = { ...after, flags: after.flags.map((f, i) => (i === 3 ? Flag.provisional : f)) };
    const { changes: found, dimensions, summary } = changes(before, flagged);
    expect(dimensions.map((d) => d.categories.map((c) => c.code))).toEqual([
      ["ARM", "GEO", "KAZ"],
      ["2022", "2023", "2024"],
    ]);
    expect(
      found.map((c) => [
        c.kind,
        ...c.codes,
        c.before?.value,
        c.before?.symbol,
        c.after?.value,
        c.after?.symbol,
        c.after?.flags,
      ]),
    ).toEqual([
      ["changed", "ARM", "2023", 1, "", Number.NaN, "x", 0],
      ["added", "ARM", "2024", undefined, undefined, 2, "", 0],
      ["removed", "GEO", "2022", 2, "", undefined, undefined, undefined],
      ["removed", "GEO", "2023", 3, "", undefined, undefined, undefined],
      ["changed", "KAZ", "2022", 4, "", 3, "", Flag.provisional],
      ["changed", "KAZ", "2023", 5, "", 4, "", 0],
      ["added", "KAZ", "2024", undefined, undefined, 5, "", 0],
    ]);
    expect(found[0]?.coordinates).toEqual([0, 1]);
    expect(summary).toEqual({ changed: 3, added: 2, removed: 2, unchanged: 1, compared: 8 });
    // A limit on what the visitor sees leaves the counts whole.
    const firstTwo: CellChange[] = [];
    const limited = diffDatasets(before, flagged, (c) => firstTwo.push(c), { limit: 2 });
    expect(firstTwo).toEqual(found.slice(0, 2));
    expect(limited.ok && limited.summary).toEqual(summary);
  });

  it("compares only the cells of the filter, and names what the filter asks for that neither version has", () => {
    const before = dataset([dim("reporter", ["ARM", "GEO"]), dim("year", ["2022", "2023"])]);
    const after = dataset([dim("reporter", ["ARM", "GEO"]), dim("year", ["2022", "2023", "2024"])]);
    const { changes: found, summary } = changes(before, after, { year: ["2024"], reporter: ["GEO"] });
    expect(found.map((c) => [c.kind, ...c.codes])).toEqual([["added", "GEO", "2024"]]);
    expect(summary).toEqual({ changed: 0, added: 1, removed: 0, unchanged: 0, compared: 1 });
    const unknown = diffDatasets(before, after, () => {}, { only: { year: ["1999"] } });
    expect(unknown.ok === false && unknown.error).toMatchObject({
      code: "unknown-category",
      dimension: "year",
      value: "1999",
    });
    const noVariable = diffDatasets(before, after, () => {}, { only: { sex: ["F"] } });
    expect(noVariable.ok === false && noVariable.error.code).toBe("unknown-dimension");
  });

  it("compares custom statuses by their symbols, which each dataset numbers its own way", () => {
    const dims = [dim("year", ["2022", "2023"])];
    const colon = build(dims, [{ symbol: ":" }], [0]);
    expect(changes(colon, build(dims, [{ symbol: ":" }], [0], 2)).changes).toEqual([]);
    const found = changes(colon, build(dims, [{ symbol: ".." }, { symbol: ":" }], [0], 1)).changes;
    expect(found.map((c) => [c.codes[0], c.before?.symbol, c.after?.symbol])).toEqual([["2022", ":", ".."]]);
  });

  it("refuses datasets whose variables differ", () => {
    const result = diffDatasets(dataset([dim("a", ["1"])]), dataset([dim("b", ["1"])]));
    expect(result.ok === false && result.error.code).toBe("dimensions-differ");
    expect(result.ok === false && result.error.message.ru).toContain("разные переменные");
  });

  it("takes the new labels where both versions have a category", () => {
    const before = dataset([dim("reporter", ["ARM", "GEO"])]);
    const renamed = dim("reporter", ["GEO", "KAZ"]);
    const after = dataset([
      { ...renamed, categories: renamed.categories.map((c) => ({ ...c, label: { en: `new ${c.code}` } })) },
    ]);
    const { dimensions } = changes(before, after);
    expect(dimensions[0]?.categories.map((c) => c.label.en)).toEqual(["ARM label", "new GEO", "new KAZ"]);
  });
});
