/** The merge of a country's slice into a published cube: properties over random cubes, and the cases by hand. */
import { type Dataset, type Dimension, Status, strides } from "@clearinghouse/cube";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyCube, mergeSlice } from "../src/index.ts";
import { get, set } from "./helpers.ts";

const cat = (code: string) => ({ code, label: { en: code, ru: code } });

/** A cube over reporter × year × sex with the given cells (by generator) in row-major order. */
function cube(reporters: string[], years: string[], sexes: string[], cells: (i: number) => [number, number]): Dataset {
  const dimensions: Dimension[] = [
    { code: "reporter", label: { en: "r" }, role: "geo", categories: reporters.map(cat) },
    { code: "year", label: { en: "y" }, role: "time", categories: years.map(cat) },
    { code: "sex", label: { en: "s" }, role: "other", categories: sexes.map(cat) },
  ];
  const n = reporters.length * years.length * sexes.length;
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [value, s] = cells(i);
    status[i] = s;
    values[i] = s === Status.value ? value : Number.NaN;
  }
  return {
    id: "T",
    languages: ["en"],
    title: { en: "t" },
    decimals: 0,
    dimensions,
    values,
    status,
    flags: new Uint8Array(n),
  };
}

/** Cell at coordinates, as [value or null, status]; undefined when the cube lacks a category. */
function at(ds: Dataset, coords: Record<string, string>): [number | null, number] | undefined {
  const st = strides(ds.dimensions);
  let offset = 0;
  for (const [k, d] of ds.dimensions.entries()) {
    const i = d.categories.findIndex((c) => c.code === coords[d.code]);
    if (i < 0) return undefined;
    offset += i * (st[k] as number);
  }
  const s = ds.status[offset] as number;
  return [s === Status.value ? (ds.values[offset] as number) : null, s];
}

const cellArb = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 0, 0, 1, 2, 3));
const YEARS = ["2018", "2019", "2020", "2021", "2022"];
const REPORTERS = ["ARM", "KAZ", "KGZ"];
const SEXES = ["_T", "M", "F"];

const scenario = fc.record({
  pubReporters: fc.subarray(REPORTERS, { minLength: 1 }),
  pubYears: fc.subarray(YEARS, { minLength: 1 }),
  reporter: fc.constantFrom(...REPORTERS),
  sliceYears: fc.subarray(YEARS, { minLength: 1 }),
  sliceSexes: fc.subarray(SEXES, { minLength: 1 }),
  pubCells: fc.array(cellArb, { minLength: 45, maxLength: 45 }),
  sliceCells: fc.array(cellArb, { minLength: 15, maxLength: 15 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const published = cube(s.pubReporters, s.pubYears, SEXES, (i) => s.pubCells[i] as [number, number]);
  const slice = cube([s.reporter], s.sliceYears, s.sliceSexes, (i) => s.sliceCells[i] as [number, number]);
  return { published, slice };
}

describe("mergeSlice", () => {
  it("replaces the reporter's submitted years, keeps every other cell, and lists the changed released figures", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { published, slice } = build(s);
        const { dataset, changed, changedCount } = mergeSlice(published, slice);
        const years = dataset.dimensions[1]?.categories.map((c) => c.code) ?? [];
        expect(years).toEqual([...new Set([...s.pubYears, ...s.sliceYears])].sort());
        const reporters = dataset.dimensions[0]?.categories.map((c) => c.code) ?? [];
        expect(new Set(reporters)).toEqual(new Set([...s.pubReporters, s.reporter]));
        const expectedChanges: string[] = [];
        for (const r of reporters)
          for (const y of years)
            for (const x of SEXES) {
              const coords = { reporter: r, year: y, sex: x };
              const got = at(dataset, coords);
              const before = at(published, coords);
              if (r === s.reporter && s.sliceYears.includes(y)) {
                const submitted = at(slice, coords);
                expect(got).toEqual(submitted ?? [null, Status.notAvailable]);
                const after = submitted ?? [null, Status.notAvailable];
                if (before && before[1] !== Status.notAvailable && (before[0] !== after[0] || before[1] !== after[1]))
                  expectedChanges.push(`${r} ${y} ${x}`);
              } else {
                expect(got).toEqual(before ?? [null, Status.notAvailable]);
              }
            }
        expect(changedCount).toBe(expectedChanges.length);
        expect(changed.map((c) => `${c.cell.reporter} ${c.cell.year} ${c.cell.sex}`).sort()).toEqual(
          expectedChanges.sort(),
        );
      }),
    );
  });

  it("is idempotent: the same slice again changes nothing", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { published, slice } = build(s);
        const once = mergeSlice(published, slice).dataset;
        const twice = mergeSlice(once, slice);
        expect(twice.changedCount).toBe(0);
        expect(Array.from(twice.dataset.status)).toEqual(Array.from(once.status));
        expect(Array.from(twice.dataset.values)).toEqual(Array.from(once.values));
      }),
    );
  });

  it("on a standard table: keeps other countries and the declared category order", () => {
    const published = emptyCube("T1_1", { reporters: ["ARM", "KAZ"], years: [2019, 2020] });
    set(published, { reporter: "ARM", year: "2020" }, 100);
    set(published, { reporter: "KAZ", year: "2020" }, 200);
    const slice = emptyCube("T1_1", { reporters: ["KAZ"], years: [2020, 2021] });
    set(slice, { reporter: "KAZ", year: "2020" }, 201);
    set(slice, { reporter: "KAZ", year: "2021" }, 210);
    const { dataset, changed } = mergeSlice(published, slice);
    expect(dataset.dimensions[1]?.categories.map((c) => c.code)).toEqual(["2019", "2020", "2021"]);
    expect(dataset.dimensions.map((d) => d.categories.map((c) => c.code))).toEqual(
      emptyCube("T1_1", { reporters: ["ARM", "KAZ"], years: [2019, 2020, 2021] }).dimensions.map((d) =>
        d.categories.map((c) => c.code),
      ),
    );
    expect(get(dataset, { reporter: "ARM", year: "2020" })).toBe(100);
    expect(get(dataset, { reporter: "KAZ", year: "2020" })).toBe(201);
    expect(get(dataset, { reporter: "KAZ", year: "2021" })).toBe(210);
    expect(changed).toEqual([
      {
        cell: { reporter: "KAZ", year: "2020", birthplace: "_T", sex: "_T", age: "_T", ContentsCode: "POP" },
        before: { value: 200, status: Status.value },
        after: { value: 201, status: Status.value },
      },
    ]);
    expect(dataset.title).toEqual(published.title);
  });

  it("adds a new reporter in code order, a new category after its neighbour, and takes the slice alone when nothing is published", () => {
    const published = cube(["ARM", "KGZ"], ["2020"], ["_T", "F"], () => [1, 0]);
    const slice = cube(["KAZ"], ["2020"], ["_T", "M", "F"], () => [2, 0]);
    const merged = mergeSlice(published, slice).dataset;
    expect(merged.dimensions[0]?.categories.map((c) => c.code)).toEqual(["ARM", "KAZ", "KGZ"]);
    expect(merged.dimensions[2]?.categories.map((c) => c.code)).toEqual(["_T", "M", "F"]);
    expect(mergeSlice(undefined, slice).dataset).toBe(slice);
  });

  it("refuses a slice of two reporters or of other dimensions", () => {
    const published = cube(["ARM"], ["2020"], ["_T"], () => [1, 0]);
    expect(() =>
      mergeSlice(
        published,
        cube(["ARM", "KAZ"], ["2020"], ["_T"], () => [1, 0]),
      ),
    ).toThrow(RangeError);
    const other = { ...cube(["ARM"], ["2020"], ["_T"], () => [1, 0]) };
    const renamed = {
      ...other,
      dimensions: other.dimensions.map((d) => (d.code === "sex" ? { ...d, code: "age" } : d)),
    };
    expect(() => mergeSlice(published, renamed)).toThrow(RangeError);
  });
});
