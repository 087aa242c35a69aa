/** Small datasets for the chart and map tests: dimensions by code list, figures in row-major order. */
import type { Dataset, Dimension } from "@clearinghouse/cube/browser";

export interface DimensionSpec {
  readonly code: string;
  readonly codes: readonly string[];
  readonly role?: Dimension["role"];
}

/** A dataset whose labels are the codes in lower case, in English; `null` is a cell with the `..` status. */
export function dataset(specs: readonly DimensionSpec[], figures: readonly (number | null)[]): Dataset {
  const dimensions: Dimension[] = specs.map((s) => ({
    code: s.code,
    label: { en: `${s.code} label` },
    role: s.role ?? "other",
    categories: s.codes.map((c) => ({ code: c, label: { en: c.toLowerCase() } })),
  }));
  const size = specs.reduce((n, s) => n * s.codes.length, 1);
  if (figures.length !== size) throw new Error(`${figures.length} figures for ${size} cells`);
  return {
    id: "T9_9",
    languages: ["en"],
    title: { en: "Test table" },
    decimals: 0,
    dimensions,
    values: Float64Array.from(figures, (v) => (v === null ? Number.NaN : v)),
    status: Uint8Array.from(figures, (v) => (v === null ? 1 : 0)),
    flags: new Uint8Array(size),
  };
}

/** Figures 1, 2, 3, … for every cell. */
export const counting = (size: number): number[] => Array.from({ length: size }, (_, i) => i + 1);
