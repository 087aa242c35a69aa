import { type Dataset, type Dimension, Status } from "@clearinghouse/cube/browser";
import { describe, expect, it } from "vitest";
import {
  missingPopulation,
  percentOfTotal,
  perThousand,
  populationKey,
  populationOf,
} from "../src/table/views/calculations.ts";

const dim = (code: string, codes: string[], role: Dimension["role"] = "other"): Dimension => ({
  code,
  label: { en: code, ru: code },
  role,
  categories: codes.map((c) => ({ code: c, label: { en: c === "_T" ? "Total" : c, ru: c === "_T" ? "Всего" : c } })),
});

/** reporter × year × sex, sex fastest. */
function dataset(values: (number | "-" | "..")[]): Dataset {
  const status = Uint8Array.from(values.map((v) => (v === "-" ? Status.nil : v === ".." ? Status.notAvailable : 0)));
  return {
    id: "T3",
    languages: ["en", "ru"],
    title: { en: "T3" },
    decimals: 0,
    dimensions: [
      dim("reporter", ["ARM", "GEO"], "geo"),
      dim("year", ["2023", "2024"], "time"),
      dim("sex", ["_T", "F"]),
    ],
    values: Float64Array.from(values.map((v) => (typeof v === "number" ? v : Number.NaN))),
    status,
    flags: new Uint8Array(values.length),
  };
}

const shown = (ds: Dataset) => [...ds.values].map((v, i) => (ds.status[i] === 0 ? Math.round(v * 100) / 100 : ".."));

describe("per cent of total", () => {
  it("divides each figure by the total of the variable, the other values the same; nil is 0, no base is ..", () => {
    const ds = dataset([200, 50, 400, "-", 0, 10, "..", 5]);
    const result = percentOfTotal(ds, "sex");
    expect(result && shown(result)).toEqual([100, 25, 100, 0, "..", "..", "..", ".."]);
    expect(result?.units?.en).toBe("per cent of Total (sex)");
    expect(result?.decimals).toBe(1);
    // The reporter has no total: nothing to take per cents of.
    expect(percentOfTotal(ds, "reporter")).toBeUndefined();
  });
});

describe("per 1,000 population", () => {
  it("divides by the population of the cell's country and year, and says which have none", () => {
    const population = new Map([
      [populationKey("ARM", "2023"), 2_000_000],
      [populationKey("ARM", "2024"), 4_000_000],
      [populationKey("GEO", "2023"), 1_000_000],
    ]);
    const result = perThousand(dataset([2000, 1000, 4000, "-", 500, 250, 10, 5]), population);
    expect(result && shown(result)).toEqual([1, 0.5, 1, 0, 0.5, 0.25, "..", ".."]);
    expect(result?.units?.ru).toBe("на 1 000 человек населения");
    expect(missingPopulation(dataset(Array(8).fill(1)), population)).toEqual([{ reporter: "GEO", year: "2024" }]);
  });

  it("reads the population of table 2.1's totals by country and year", () => {
    const t21: Dataset = {
      ...dataset([]),
      dimensions: [dim("reporter", ["ARM"], "geo"), dim("year", ["2023", "2024"], "time"), dim("sex", ["_T"])],
      values: Float64Array.from([2_990_000, Number.NaN]),
      status: Uint8Array.from([0, Status.notAvailable]),
      flags: new Uint8Array(2),
    };
    expect([...populationOf(t21)]).toEqual([[populationKey("ARM", "2023"), 2_990_000]]);
  });
});
