/** Dimensions of generated benchmark tables: categories coded PREFIX0, PREFIX1, … with en/ru labels. */
import type { Dataset, Dimension } from "../packages/cube/src/index.ts";

export function generatedDimension(
  code: string,
  size: number,
  role: Dimension["role"] = "other",
  prefix = code.slice(0, 3).toUpperCase(),
): Dimension {
  return {
    code,
    label: { en: code, ru: `${code} (ru)` },
    role,
    categories: Array.from({ length: size }, (_, i) => ({
      code: `${prefix}${i}`,
      label: { en: `${code} ${i}`, ru: `${code} ${i} (ru)` },
    })),
    ...(role === "time" ? { timeUnit: "A1" as const } : {}),
  };
}

/**
 * A table of reporter × partner × sex × year (codes R0…, P0…, S0…, Y0…) with deterministic integer values, for the
 * server benchmarks.
 */
export function generatedTable(id: string, title: Dataset["title"], sizes: readonly [number, number, number, number]) {
  const [reporters, partners, sexes, years] = sizes;
  const dimensions = [
    generatedDimension("reporter", reporters, "geo", "R"),
    generatedDimension("partner", partners, "other", "P"),
    generatedDimension("sex", sexes, "other", "S"),
    generatedDimension("year", years, "time", "Y"),
  ];
  const n = reporters * partners * sexes * years;
  const table: Dataset = {
    id,
    languages: ["en", "ru"],
    title,
    decimals: 0,
    dimensions,
    values: Float64Array.from({ length: n }, (_, i) => (i * 7919) % 100_000),
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
  return table;
}
