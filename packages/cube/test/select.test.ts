import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Flag, Status, select, strides } from "../src/index.ts";
import { dataset, dim } from "./build.ts";

// reporter 3 × sex 3 × year 4 = 36 cells; cell value = index.
const base = () =>
  dataset([
    dim("reporter", ["ARM", "GEO", "KAZ"]),
    dim("sex", ["_T", "M", "F"], { elimination: { code: "_T" } }),
    dim("year", ["2020", "2021", "2022", "2023"], { role: "time", timeUnit: "A1" }),
  ]);
const ok = (result: ReturnType<typeof select>) => {
  if (!result.ok) throw new Error(result.error.message.en);
  return result.dataset;
};

describe("select", () => {
  it("selects items in the table's order and gathers the right cells", () => {
    const ds = ok(
      select(base(), [
        { code: "reporter", selection: { filter: "item", values: ["KAZ", "ARM"] } },
        { code: "sex", selection: { filter: "item", values: ["M"] } },
        { code: "year", selection: { filter: "item", values: ["2023", "2021"] } },
      ]),
    );
    expect(ds.dimensions.map((d) => d.categories.map((c) => c.code))).toEqual([
      ["ARM", "KAZ"],
      ["M"],
      ["2021", "2023"],
    ]);
    // ARM/M/2021 = 0*12 + 1*4 + 1 = 5; ARM/M/2023 = 7; KAZ/M/2021 = 24 + 5 = 29; KAZ/M/2023 = 31
    expect(Array.from(ds.values)).toEqual([5, 7, 29, 31]);
  });

  it("supports all with wildcards and top N (the latest periods of a time dimension)", () => {
    const ds = ok(
      select(base(), [
        { code: "reporter", selection: { filter: "all", values: ["*A*"] } },
        { code: "sex", selection: { filter: "all", values: ["*"] } },
        { code: "year", selection: { filter: "top", values: ["2"] } },
      ]),
    );
    expect(ds.dimensions[0]?.categories.map((c) => c.code)).toEqual(["ARM", "KAZ"]);
    expect(ds.dimensions[2]?.categories.map((c) => c.code)).toEqual(["2022", "2023"]);
    expect(ds.values.length).toBe(12);
  });

  it("eliminates a dimension left out: its total when it has one", () => {
    const ds = ok(
      select(base(), [
        { code: "reporter", selection: { filter: "item", values: ["GEO"] } },
        { code: "year", selection: { filter: "item", values: ["2020"] } },
      ]),
    );
    expect(ds.dimensions.map((d) => d.code)).toEqual(["reporter", "year"]);
    expect(Array.from(ds.values)).toEqual([12]); // GEO/_T/2020
  });

  it("sums a dimension left out that allows elimination without a total, combining statuses", () => {
    const source = dataset([dim("reporter", ["ARM", "GEO"]), dim("age", ["A", "B", "C"], { elimination: {} })], {
      4: Status.nil,
    });
    const flags = new Uint8Array(6);
    flags[0] = Flag.provisional;
    flags[2] = Flag.estimated;
    const ds = ok(select({ ...source, flags }, [{ code: "reporter", selection: { filter: "all", values: ["*"] } }]));
    expect(Array.from(ds.values)).toEqual([0 + 1 + 2, 3 + 5]); // nil counts as zero
    expect(Array.from(ds.flags)).toEqual([Flag.provisional | Flag.estimated, 0]);
    const missing = dataset([dim("reporter", ["ARM"]), dim("age", ["A", "B"], { elimination: {} })], {
      1: Status.notAvailable,
    });
    expect(Array.from(ok(select(missing, [])).status)).toEqual([Status.notAvailable]);
    const secret = dataset([dim("reporter", ["ARM"]), dim("age", ["A", "B"], { elimination: {} })], {
      0: Status.confidential,
      1: Status.notAvailable,
    });
    expect(Array.from(ok(select(secret, [])).status)).toEqual([Status.confidential]);
  });

  it("sums groups of an aggregation and selects from a value set", () => {
    const source = dataset([
      dim("reporter", ["ARM", "AZE", "GEO", "KAZ"], {
        valueSets: [{ id: "caucasus", label: { en: "Caucasus" }, codes: ["ARM", "AZE", "GEO"] }],
        groupings: [
          {
            id: "regions",
            label: { en: "Regions" },
            groups: [
              { code: "CAU", label: { en: "Caucasus" }, members: ["ARM", "AZE", "GEO"] },
              { code: "CA", label: { en: "Central Asia" }, members: ["KAZ"] },
            ],
          },
        ],
      }),
      dim("year", ["2020", "2021"]),
    ]);
    const agg = ok(
      select(source, [
        { code: "reporter", selection: { filter: "agg:regions", values: ["CAU", "CA"] } },
        { code: "year", selection: { filter: "all", values: ["*"] } },
      ]),
    );
    expect(agg.dimensions[0]?.categories.map((c) => c.code)).toEqual(["CAU", "CA"]);
    expect(Array.from(agg.values)).toEqual([0 + 2 + 4, 1 + 3 + 5, 6, 7]);
    const vs = ok(
      select(source, [
        { code: "reporter", selection: { filter: "vs:caucasus", values: ["GEO"] } },
        { code: "year", selection: { filter: "item", values: ["2021"] } },
      ]),
    );
    expect(Array.from(vs.values)).toEqual([5]);
    const outside = select(source, [{ code: "reporter", selection: { filter: "vs:caucasus", values: ["KAZ"] } }]);
    expect(outside.ok ? "" : outside.error.code).toBe("unknown-value");
  });

  it("answers every bad query with a coded, bilingual error naming the dimension and value", () => {
    const cases: [Parameters<typeof select>[1], string, string | undefined][] = [
      [[{ code: "nope", selection: { filter: "item", values: ["x"] } }], "unknown-dimension", undefined],
      [[{ code: "reporter", selection: { filter: "item", values: ["XXX"] } }], "unknown-value", "XXX"],
      [[{ code: "reporter", selection: { filter: "regex", values: ["."] } }], "unknown-filter", "regex"],
      [[{ code: "reporter", selection: { filter: "all", values: ["Z*"] } }], "empty-selection", undefined],
      [[{ code: "sex", selection: { filter: "item", values: ["M"] } }], "missing-mandatory", undefined],
      [
        [
          { code: "reporter", selection: { filter: "item", values: ["ARM"] } },
          { code: "reporter", selection: { filter: "item", values: ["GEO"] } },
        ],
        "duplicate-dimension",
        undefined,
      ],
    ];
    for (const [query, code, value] of cases) {
      const result = select(base(), query);
      expect(result.ok, code).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe(code);
      expect(result.error.message.en.length).toBeGreaterThan(0);
      expect(result.error.message.ru.length).toBeGreaterThan(0);
      if (value) expect(result.error.value).toBe(value);
    }
  });

  it("checks the cell limit before doing any work", () => {
    const all = [
      { code: "reporter", selection: { filter: "all", values: ["*"] } },
      { code: "sex", selection: { filter: "all", values: ["*"] } },
      { code: "year", selection: { filter: "all", values: ["*"] } },
    ];
    const result = select(base(), all, { maxCells: 35 });
    expect(result.ok ? undefined : result.error).toMatchObject({ code: "too-many-cells", cells: 36, limit: 35 });
    expect(select(base(), all, { maxCells: 36 }).ok).toBe(true);
  });

  it("gives the same cells as direct indexing for any item selection (property)", () => {
    const source = base();
    const stride = strides(source.dimensions);
    const subset = (n: number) => fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n });
    fc.assert(
      fc.property(subset(3), subset(3), subset(4), (r, s, y) => {
        const codes = (k: number, idx: number[]) => idx.map((i) => source.dimensions[k]?.categories[i]?.code ?? "");
        const ds = ok(
          select(source, [
            { code: "reporter", selection: { filter: "item", values: codes(0, r) } },
            { code: "sex", selection: { filter: "item", values: codes(1, s) } },
            { code: "year", selection: { filter: "item", values: codes(2, y) } },
          ]),
        );
        const expected: number[] = [];
        for (const a of [...r].sort())
          for (const b of [...s].sort())
            for (const c of [...y].sort()) {
              expected.push(a * (stride[0] ?? 0) + b * (stride[1] ?? 0) + c);
            }
        expect(Array.from(ds.values)).toEqual(expected);
      }),
    );
  });
});
