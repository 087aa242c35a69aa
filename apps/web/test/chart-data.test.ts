import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availableCharts,
  axisDivisor,
  barOrder,
  capSeries,
  chartData,
  defaultChart,
  extent,
  gapCount,
  largestStack,
  partsOf,
  pyramidData,
  pyramidDimensions,
  resolveChart,
  seriesColor,
  stackDimension,
  tickDecimals,
  withFigures,
  xDimension,
} from "../src/table/chart/chart-data.ts";
import { MEN_COLOR, PALETTE, WOMEN_COLOR } from "../src/table/chart/colors.ts";
import { counting, dataset } from "./chart-fixture.ts";

const reporter = (...codes: string[]) => ({ code: "reporter", role: "geo" as const, codes });
const year = (...codes: string[]) => ({ code: "year", role: "time" as const, codes });
const sex = (...codes: string[]) => ({ code: "sex", codes });
const AGES = ["_T", "Y0T4", "Y5T9", "Y10T14", "_U"];

describe("choosing the chart", () => {
  it("draws a time series as a line", () => {
    const ds = dataset([reporter("ARM", "GEO"), year("2020", "2021", "2022")], counting(6));
    expect(defaultChart(ds)).toBe("line");
    expect(availableCharts(ds)).toEqual(["line", "bar", "stacked"]);
  });

  it("draws one year as bars, and offers no line or stack for one varying dimension", () => {
    const ds = dataset([reporter("ARM", "GEO", "KAZ"), year("2024")], counting(3));
    expect(defaultChart(ds)).toBe("bar");
    expect(availableCharts(ds)).toEqual(["bar"]);
  });

  it("offers a pyramid only with men, women and at least two age groups", () => {
    const pyramid = dataset([reporter("ARM"), sex("M", "F"), { code: "age", codes: AGES }], counting(10));
    expect(defaultChart(pyramid)).toBe("pyramid");
    expect(availableCharts(pyramid)).toContain("pyramid");
    const onlyMen = dataset([reporter("ARM"), sex("_T", "M"), { code: "age", codes: AGES }], counting(10));
    expect(availableCharts(onlyMen)).not.toContain("pyramid");
    const oneAge = dataset([sex("M", "F"), { code: "age", codes: ["_T", "Y0T4", "_U"] }], counting(6));
    expect(pyramidDimensions(oneAge)).toBeUndefined();
  });

  it("prefers a line over a pyramid when years vary", () => {
    const ds = dataset([year("2020", "2021"), sex("M", "F"), { code: "age", codes: AGES }], counting(20));
    expect(defaultChart(ds)).toBe("line");
  });

  it("keeps the chart asked for only when it fits", () => {
    const ds = dataset([reporter("ARM", "GEO"), year("2024")], counting(2));
    expect(resolveChart(ds, "bar")).toBe("bar");
    expect(resolveChart(ds, "line")).toBe("bar");
    expect(resolveChart(ds, "pyramid")).toBe("bar");
    expect(resolveChart(ds, undefined)).toBe("bar");
  });

  it("puts time along x, else the countries, else the longest dimension", () => {
    expect(xDimension(dataset([reporter("ARM", "GEO"), year("2020", "2021")], counting(4)))).toBe(1);
    expect(xDimension(dataset([sex("M", "F"), reporter("ARM", "GEO")], counting(4)))).toBe(1);
    expect(xDimension(dataset([sex("M", "F"), { code: "cob", codes: ["A", "B", "C"] }], counting(6)))).toBe(1);
  });
});

describe("chart rows", () => {
  it("are long form, x fastest, with labels; a cell without a figure is null, not zero", () => {
    const ds = dataset([reporter("ARM", "GEO"), year("2020", "2021")], [10, null, 30, 40]);
    const data = chartData(ds, "en");
    expect(data.x).toBe(1);
    expect(data.seriesDimensions).toEqual([0]);
    expect(data.series).toEqual([
      { key: "0", label: "arm", figures: 1, color: PALETTE[0] },
      { key: "1", label: "geo", figures: 2, color: PALETTE[1] },
    ]);
    expect(data.rows.map((r) => [r.x, r.xLabel, r.series, r.seriesLabel, r.value])).toEqual([
      ["2020", "2020", "0", "arm", 10],
      ["2021", "2021", "0", "arm", null],
      ["2020", "2020", "1", "geo", 30],
      ["2021", "2021", "1", "geo", 40],
    ]);
    expect(withFigures(data.rows).map((r) => r.value)).toEqual([10, 30, 40]);
    expect(gapCount(data.rows)).toBe(1);
  });

  it("label a series by every dimension it combines, and keep single values out of the series", () => {
    const ds = dataset([reporter("ARM", "GEO"), year("2024"), sex("M", "F")], counting(4));
    const data = chartData(ds, "en");
    expect(data.x).toBe(0);
    expect(data.series.map((s) => s.label)).toEqual(["m", "f"]);
    expect([...data.slice]).toEqual([[1, 0]]);
    const two = dataset([{ code: "a", codes: ["A1", "A2"] }, sex("M", "F"), reporter("ARM", "GEO")], counting(8));
    expect(chartData(two, "en").series.map((s) => s.label)).toEqual(["a1 · m", "a1 · f", "a2 · m", "a2 · f"]);
  });

  it("cap the series at the largest ones, in their order, and tell how many there were", () => {
    const codes = Array.from({ length: 15 }, (_, i) => `C${i}`);
    // Series i has figure 100 - i in both years, except C14, the largest.
    const figures = codes.flatMap((c, i) => (c === "C14" ? [1000, 1000] : [100 - i, 100 - i]));
    const ds = dataset([{ code: "cob", codes }, year("2020", "2021")], figures);
    const data = chartData(ds, "en", { max: 12 });
    expect(data.seriesCount).toBe(15);
    expect(data.series.map((s) => s.label)).toEqual([...codes.slice(0, 11), "C14"].map((c) => c.toLowerCase()));
    expect(new Set(data.rows.map((r) => r.series)).size).toBe(12);
  });
});

describe("stacked bars", () => {
  // Kazakhstan, Russia and Ukraine by nativity: each bar one country's whole, made of its native- and foreign-born.
  const nativity = (...codes: string[]) => ({ code: "nativity", codes });
  const ds = dataset(
    [reporter("KAZ", "RUS", "UKR"), year("2020", "2024"), nativity("_T", "NAT", "FOR")],
    // Per country and year: total, native, foreign (total = native + foreign).
    [30, 20, 10, 33, 22, 11, 150, 130, 20, 151, 131, 20, 45, 40, 5, 40, 35, 5],
  );

  it("stack the parts of one whole, the total left out, one bar per year for each country", () => {
    expect(stackDimension(ds, [0, 2])).toBe(2);
    const data = chartData(ds, "en", { kind: "stacked" });
    expect(data.seriesDimensions).toEqual([2]);
    expect(data.groupDimensions).toEqual([0]);
    expect(data.series.map((s) => s.label)).toEqual(["nat", "for"]);
    expect(data.leftOut).toEqual({ code: "_T", label: "_t" });
    expect(data.rows.some((r) => r.value === 30 || r.value === 150)).toBe(false);
    // Six bars (3 countries × 2 years), each the sum of its parts, equal to its total: never a sum of wholes.
    const sums = new Map<string, number>();
    for (const r of data.rows)
      sums.set(`${r.groupLabel} ${r.x}`, (sums.get(`${r.groupLabel} ${r.x}`) ?? 0) + (r.value ?? 0));
    expect(Object.fromEntries(sums)).toEqual({
      "kaz 2020": 30,
      "kaz 2024": 33,
      "rus 2020": 150,
      "rus 2024": 151,
      "ukr 2020": 45,
      "ukr 2024": 40,
    });
    expect(largestStack(data.rows)).toBe(151);
  });

  it("stack every category when no total is there (and the last dimension when none has one)", () => {
    const parts = dataset(
      [reporter("ARM", "GEO"), { code: "cob", codes: ["A", "B", "C"] }, sex("M", "F")],
      counting(12),
    );
    expect(stackDimension(parts, [1, 2])).toBe(2);
    const data = chartData(parts, "en", { kind: "stacked" });
    expect(data.series.map((s) => s.label)).toEqual(["m", "f"]);
    expect(data.leftOut).toBeUndefined();
    expect(new Set(data.rows.map((r) => r.groupLabel))).toEqual(new Set(["a", "b", "c"]));
  });

  it("hold any dataset's stacks equal to the sum of its parts", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 12, maxLength: 12 }), (parts) => {
        // Two countries × two years × (total, P1, P2): the total written as the sum of its parts.
        const figures = [0, 1, 2, 3].flatMap((i) => {
          const [a = 0, b = 0] = parts.slice(3 * i + 1, 3 * i + 3);
          return [a + b, a, b];
        });
        const cube = dataset([reporter("ARM", "GEO"), year("2020", "2021"), nativity("_T", "P1", "P2")], figures);
        const data = chartData(cube, "en", { kind: "stacked" });
        const totals = [0, 3, 6, 9].map((k) => figures[k]);
        expect(largestStack(data.rows)).toBe(Math.max(...(totals as number[])));
      }),
    );
  });
});

describe("bars", () => {
  it("leave the total out of the bars of its parts, not out of a line", () => {
    const ds = dataset([{ code: "cob", codes: ["_T", "RUS", "UKR", "_U"] }, year("2024")], [100, 60, 30, 10]);
    const bars = chartData(ds, "en", { kind: "bar" });
    expect(bars.categories.map((c) => c.code)).toEqual(["RUS", "UKR", "_U"]);
    expect(bars.leftOut?.code).toBe("_T");
    const onlyTotal = dataset([{ code: "cob", codes: ["_T", "RUS"] }, year("2024")], [100, 60]);
    expect(chartData(onlyTotal, "en", { kind: "bar" }).categories.map((c) => c.code)).toEqual(["_T", "RUS"]);
    expect(partsOf(onlyTotal.dimensions[0] as (typeof onlyTotal.dimensions)[number])).toEqual([0, 1]);
  });

  it("sort by value, largest first, each group's bars together", () => {
    const ds = dataset([reporter("ARM", "GEO", "KAZ"), year("2024")], [5, 50, 20]);
    const data = chartData(ds, "en", { kind: "bar" });
    expect(barOrder(data, false)).toEqual(["ARM", "GEO", "KAZ"]);
    expect(barOrder(data, true)).toEqual(["GEO", "KAZ", "ARM"]);
    const nativity = { code: "nativity", codes: ["NAT", "FOR"] };
    const stacked = dataset([reporter("ARM", "GEO"), year("2020", "2024"), nativity], [1, 1, 5, 5, 9, 9, 2, 2]);
    const order = barOrder(chartData(stacked, "en", { kind: "stacked" }), true);
    expect(order).toEqual(["0|2024", "0|2020", "1|2020", "1|2024"]);
  });
});

describe("colours", () => {
  it("follow a category's place in the table, whatever is selected, men and women as in the pyramid", () => {
    const order = { reporter: ["ARM", "AZE", "GEO", "KAZ"] };
    const some = dataset([reporter("GEO", "KAZ"), year("2020", "2021")], counting(4));
    const other = dataset([reporter("ARM", "KAZ"), year("2020", "2021")], counting(4));
    const kaz = (ds: typeof some) => chartData(ds, "en", { order }).series.find((s) => s.label === "kaz")?.color;
    expect(kaz(some)).toBe(PALETTE[3]);
    expect(kaz(other)).toBe(PALETTE[3]);
    const bySex = dataset([sex("F", "M"), year("2020", "2021")], counting(4));
    expect(chartData(bySex, "en").series.map((s) => s.color)).toEqual([WOMEN_COLOR, MEN_COLOR]);
    // Stacked bars colour their parts as the bars and lines colour the same categories.
    const parts = dataset([reporter("GEO", "KAZ"), year("2020", "2021"), sex("M", "F")], counting(8));
    expect(chartData(parts, "en", { kind: "stacked" }).series.map((s) => s.color)).toEqual([MEN_COLOR, WOMEN_COLOR]);
    expect(seriesColor(some, [0], [1], {})).toBe(PALETTE[1]);
  });
});

describe("capSeries", () => {
  it("keeps min(n, max) series, none smaller than one dropped", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 30 }), fc.integer({ min: 1, max: 15 }), (totals, max) => {
        const map = new Map(totals.map((t, i) => [String(i), t]));
        const kept = capSeries(map, max);
        expect(kept.size).toBe(Math.min(totals.length, max));
        const smallestKept = Math.min(...[...kept].map((k) => map.get(k) as number));
        for (const [key, total] of map) if (!kept.has(key)) expect(total).toBeLessThanOrEqual(smallestKept);
      }),
    );
  });
});

describe("pyramid", () => {
  const ds = dataset(
    [reporter("ARM", "GEO"), sex("_T", "M", "F"), { code: "age", codes: AGES }],
    // ARM: totals 1–5, men 6–10, women 11–15; GEO: 16–30, one woman's age group without a figure.
    counting(30).map((v) => (v === 27 ? null : v)),
  );

  it("puts men to the left (negative), women to the right, without totals or unknown ages", () => {
    const data = pyramidData(ds, "en", {});
    expect(data?.ages.map((a) => a.code)).toEqual(["Y0T4", "Y5T9", "Y10T14"]);
    expect(data?.rows.map((r) => [r.age, r.sex, r.value])).toEqual([
      ["Y0T4", "M", -7],
      ["Y0T4", "F", 12],
      ["Y5T9", "M", -8],
      ["Y5T9", "F", 13],
      ["Y10T14", "M", -9],
      ["Y10T14", "F", 14],
    ]);
    expect(data?.gaps).toBe(0);
  });

  it("shows the category picked of every other dimension, and skips cells without a figure", () => {
    const data = pyramidData(ds, "en", { reporter: "GEO" });
    expect(data?.rows.map((r) => r.value)).toEqual([-22, -23, 28, -24, 29]);
    expect(data?.gaps).toBe(1);
    expect([...(data?.slice ?? [])]).toEqual([[0, 1]]);
  });

  it("is undefined without a pyramid", () => {
    expect(pyramidData(dataset([reporter("ARM", "GEO")], [1, 2]), "en", {})).toBeUndefined();
  });
});

describe("extent", () => {
  it("ignores gaps", () => {
    expect(extent([3, null, -2, Number.NaN, 7])).toEqual([-2, 7]);
    expect(extent([null])).toBeUndefined();
  });
});

describe("axes", () => {
  it("count large figures in thousands or millions", () => {
    expect(axisDivisor(9_999)).toBe(1);
    expect(axisDivisor(130_768)).toBe(1_000);
    expect(axisDivisor(9_999_999)).toBe(1_000);
    expect(axisDivisor(146_698_455)).toBe(1_000_000);
    expect(axisDivisor(-20_000_000)).toBe(1_000_000);
  });

  it("give ticks the decimals they need", () => {
    expect(tickDecimals(150)).toBe(0);
    expect(tickDecimals(2.5)).toBe(1);
    expect(tickDecimals(0.25)).toBe(2);
    expect(tickDecimals(0.1 + 0.2)).toBe(1);
  });

  it("size a stacked axis by its longest stack", () => {
    const ds = dataset([{ code: "cob", codes: ["A", "B"] }, reporter("ARM", "GEO")], [5, null, 7, 1]);
    const data = chartData(ds, "en");
    expect(largestStack(data.rows)).toBe(12);
  });
});
