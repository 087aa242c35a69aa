import { geoBounds, geoContains } from "d3-geo";
import fc from "fast-check";
import codes from "i18n-iso-countries/codes.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import {
  alpha3ToAlpha2,
  alpha3ToNumeric,
  isCountryCode,
  mostlyCountries,
  numericToAlpha3,
} from "../src/table/chart/countries.ts";
import {
  type Box,
  classBreaks,
  classOf,
  defaultMapDimension,
  mapDimensions,
  mapValues,
  niceLimit,
  regionBox,
} from "../src/table/chart/map-data.ts";
import { sliceOf } from "../src/table/chart/slice.ts";
import { WORLD } from "../src/table/chart/world.ts";
import { counting, dataset } from "./chart-fixture.ts";

const REPORTERS = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR"];

describe("country codes", () => {
  it("map alpha-3 codes to the world map's numeric ids and back", () => {
    expect(alpha3ToNumeric("ARM")).toBe("051");
    expect(alpha3ToNumeric("RUS")).toBe("643");
    expect(alpha3ToNumeric("MDA")).toBe("498");
    expect(alpha3ToAlpha2("KGZ")).toBe("KG");
    for (const special of ["_T", "_O", "_U", "arm", ""]) expect(alpha3ToNumeric(special)).toBeUndefined();
    const alpha3 = codes.map((c) => c[1] as string);
    fc.assert(
      fc.property(fc.constantFrom(...alpha3), (code) => {
        expect(numericToAlpha3(alpha3ToNumeric(code) as string)).toBe(code);
      }),
    );
  });

  it("find every participating country on the map", () => {
    const ids = new Set(WORLD.map((f) => f.id));
    for (const code of REPORTERS) expect(ids.has(alpha3ToNumeric(code))).toBe(true);
  });

  it("tell a dimension of countries by most of its codes, aggregates aside", () => {
    expect(mostlyCountries(["_T", "ARM", "RUS", "_O", "_U"])).toBe(true);
    expect(mostlyCountries(["ARM", "RUS", "XKX"])).toBe(true);
    expect(mostlyCountries(["_T", "M", "F"])).toBe(false);
    expect(mostlyCountries(["_T"])).toBe(false);
    expect(mostlyCountries(["_T", "NAT", "FOR", "_U"])).toBe(false);
    expect(isCountryCode("FOR")).toBe(false);
  });
});

describe("the world map", () => {
  const at = (p: [number, number]) => WORLD.filter((f) => geoContains(f, p)).map((f) => f.id);

  it("draws Crimea in Ukraine, and leaves Russia and Ukraine whole otherwise", () => {
    expect(at([34.1, 44.95])).toEqual(["804"]); // Simferopol
    expect(at([33.52, 44.6])).toEqual(["804"]); // Sevastopol
    expect(at([30.5, 50.45])).toEqual(["804"]); // Kyiv
    expect(at([37.6, 55.75])).toEqual(["643"]); // Moscow
    expect(at([39.7, 47.2])).toEqual(["643"]); // Rostov-on-Don
  });
});

describe("which dimension is mapped", () => {
  const ds = dataset(
    [
      { code: "reporter", role: "geo", codes: ["ARM", "GEO"] },
      { code: "year", role: "time", codes: ["2019", "2024"] },
      { code: "cob", codes: ["_T", "RUS", "UKR", "MLT", "_O"] },
      { code: "sex", codes: ["M", "F"] },
    ],
    counting(40),
  );

  it("lists the dimensions of countries, reporting countries first", () => {
    const dims = mapDimensions(ds, "en");
    expect(dims.map((d) => [d.code, d.reporting, d.countries])).toEqual([
      ["reporter", true, 2],
      ["cob", false, 3],
    ]);
  });

  it("maps the one with most countries, the reporting countries on a tie", () => {
    const dims = mapDimensions(ds, "en");
    expect(defaultMapDimension(dims)?.code).toBe("cob");
    expect(defaultMapDimension(dims.filter((d) => d.code === "reporter"))?.code).toBe("reporter");
    expect(defaultMapDimension([])).toBeUndefined();
    const tie = dataset(
      [
        { code: "reporter", role: "geo", codes: ["ARM", "GEO"] },
        { code: "cob", codes: ["RUS", "UKR"] },
      ],
      counting(4),
    );
    expect(defaultMapDimension(mapDimensions(tie, "en"))?.code).toBe("reporter");
  });

  it("gives each country its figure in the slice: the latest year and the total by default, else the picks", () => {
    const byDefault = mapValues(ds, "en", 2, sliceOf(ds, [2], {}));
    // reporter ARM, year 2024, sex M (no total): offset 20, cob stride 2.
    expect(byDefault.map((v) => [v.code, v.numeric, v.value])).toEqual([
      ["_T", undefined, 11],
      ["RUS", "643", 13],
      ["UKR", "804", 15],
      ["MLT", "470", 17],
      ["_O", undefined, 19],
    ]);
    const picked = mapValues(ds, "en", 2, sliceOf(ds, [2], { reporter: "GEO", year: "2019", sex: "F" }));
    expect(picked.map((v) => v.value)).toEqual([22, 24, 26, 28, 30]);
  });

  it("keeps cells without a figure with their symbol, and nil as zero", () => {
    const gaps = dataset([{ code: "reporter", role: "geo", codes: ["ARM", "GEO", "KAZ"] }], [null, 5, 0]);
    const nil = { ...gaps, status: Uint8Array.from([1, 0, 2]) };
    expect(
      mapValues(nil, "en", 0, sliceOf(nil, [0], {})).map((v) => [v.value, v.nil, v.symbol, v.symbolLabel]),
    ).toEqual([
      [null, false, "..", "not available"],
      [5, false, "", "value"],
      [0, true, "-", "nil"],
    ]);
  });
});

/** A nice limit: one significant digit. */
const isNice = (value: number) => value !== 0 && Number(value.toPrecision(1)) === value;

describe("colour classes", () => {
  it("put limits on nice numbers: 1, 2 or 5 times a power of ten where one fits, else one significant digit", () => {
    expect(niceLimit(12_345, 0, 1e9)).toBe(10_000);
    expect(niceLimit(64_000, 0, 1e9)).toBe(50_000);
    expect(niceLimit(80_000, 0, 1e9)).toBe(100_000);
    expect(niceLimit(64_000, 55_000, 1e9)).toBe(100_000);
    expect(niceLimit(64_000, 55_000, 90_000)).toBe(60_000);
    expect(niceLimit(0.0123, 0, 1)).toBe(0.01);
    expect(niceLimit(-340, -1000, 0)).toBe(-500);
    expect(niceLimit(3, 3, 4)).toBe(4);
    expect(niceLimit(3, 3, 3.5)).toBeUndefined();
  });

  it("never make a narrow class of two close quantiles (no 64,000 – 65,000 holding one country)", () => {
    const figures = [1_200, 3_400, 8_000, 15_000, 40_000, 64_000, 65_000, 310_000, 2_500_000, 11_600_000];
    const breaks = classBreaks(figures, 5);
    expect(breaks.every(isNice)).toBe(true);
    expect(breaks).toEqual([10_000, 50_000, 100_000, 500_000]);
    expect(classBreaks([3_434_949, 11_639_894], 5)).toEqual([5_000_000]);
    expect(classBreaks([7, 7, 7], 5)).toEqual([]);
    expect(classBreaks([], 5)).toEqual([]);
  });

  it("leave zeros (and nils, drawn as zero) to a class of their own", () => {
    expect(classBreaks([0, 0, 0, 12, 5_000], 5)).toEqual(classBreaks([12, 5_000], 5));
  });

  it("are nice, increasing, inside the figures' range, and order the figures", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000_000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const breaks = classBreaks(values, 5);
        const min = Math.min(...values);
        const max = Math.max(...values);
        expect(breaks.length).toBeLessThanOrEqual(4);
        breaks.forEach((b, i) => {
          expect(isNice(b), String(b)).toBe(true);
          expect(b).toBeGreaterThan(min);
          expect(b).toBeLessThanOrEqual(max);
          if (i > 0) expect(b).toBeGreaterThan(breaks[i - 1] as number);
        });
        // No class is empty.
        const used = new Set(values.map((v) => classOf(v, breaks)));
        expect(used.size).toBe(breaks.length + 1);
        expect(classOf(min, breaks)).toBe(0);
        expect(classOf(max, breaks)).toBe(breaks.length);
        // Figures a tenfold apart always get at least two classes.
        if (max >= 10 * min) expect(breaks.length).toBeGreaterThan(0);
        const sorted = [...values].sort((a, b) => a - b);
        for (let i = 1; i < sorted.length; i++) {
          expect(classOf(sorted[i] as number, breaks)).toBeGreaterThanOrEqual(classOf(sorted[i - 1] as number, breaks));
        }
      }),
    );
  });
});

describe("the region of the reporting countries", () => {
  const LIMIT: Box = [
    [20, 35],
    [90, 60],
  ];
  const bounds = (code: string) => {
    const shape = WORLD.find((f) => f.id === alpha3ToNumeric(code));
    if (!shape) throw new Error(code);
    return geoBounds(shape) as unknown as Box;
  };

  it("clips Russia (across the antimeridian) to the region", () => {
    const box = regionBox([bounds("RUS")], LIMIT, 0);
    expect(box?.[0][0]).toBe(20);
    expect(box?.[1][0]).toBe(90);
    expect(box?.[1][1]).toBe(60);
  });

  it("zooms in on a small country with a margin for its neighbours", () => {
    const box = regionBox([bounds("ARM")], LIMIT, 2);
    expect(box?.[0][0]).toBeGreaterThan(40);
    expect(box?.[1][0]).toBeLessThan(49);
    expect(box?.[0][1]).toBeGreaterThan(36);
  });

  it("spans every country given, and nothing outside the limit is undefined", () => {
    const box = regionBox([bounds("MDA"), bounds("TJK")], LIMIT, 0);
    expect(box?.[0][0]).toBeLessThan(27);
    expect(box?.[1][0]).toBeGreaterThan(74);
    expect(regionBox([bounds("BRA")], LIMIT, 0)).toBeUndefined();
    expect(regionBox([], LIMIT, 0)).toBeUndefined();
  });
});
