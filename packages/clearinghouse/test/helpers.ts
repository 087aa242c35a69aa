/** Cubes built in code for the rule tests. */
import { type Dataset, Status, strides } from "@clearinghouse/cube";
import { mulberry32 } from "../src/demo/random.ts";
import { type EmptyCubeOptions, emptyCube, TABLE_IDS, type TableId, tableDecl } from "../src/index.ts";

export type CellValue = number | ".." | "-" | "x";

/** A small cube of a table: one reporter (ARM), one year (2020), two partner countries. */
export function cube(table: TableId, options: Partial<EmptyCubeOptions> = {}): Dataset {
  return emptyCube(table, { reporters: ["ARM"], years: [2020], partners: ["AZE", "RUS"], ...options });
}

/**
 * Offset of a cell: dimensions not given take their first category for reporter, year and the contents variable
 * (its only value), `_T` otherwise.
 */
export function offsetOf(ds: Dataset, coords: Readonly<Record<string, string>>): number {
  const st = strides(ds.dimensions);
  let offset = 0;
  ds.dimensions.forEach((d, k) => {
    const first = d.code === "reporter" || d.code === "year" || d.role === "metric";
    const code = coords[d.code] ?? (first ? d.categories[0]?.code : "_T");
    const i = d.categories.findIndex((c) => c.code === code);
    if (i < 0) throw new Error(`no category "${code}" in "${d.code}"`);
    offset += i * (st[k] as number);
  });
  return offset;
}

export function set(ds: Dataset, coords: Readonly<Record<string, string>>, value: CellValue): void {
  setAt(ds, offsetOf(ds, coords), value);
}

export function setAt(ds: Dataset, offset: number, value: CellValue): void {
  if (typeof value === "number") {
    ds.values[offset] = value;
    ds.status[offset] = Status.value;
  } else {
    ds.values[offset] = Number.NaN;
    ds.status[offset] = value === ".." ? Status.notAvailable : value === "-" ? Status.nil : Status.confidential;
  }
}

export function get(ds: Dataset, coords: Readonly<Record<string, string>>): CellValue {
  const i = offsetOf(ds, coords);
  const s = ds.status[i];
  if (s === Status.value) return ds.values[i] as number;
  return s === Status.nil ? "-" : s === Status.confidential ? "x" : "..";
}

/** Sets `_T` of a dimension to the sum of its other categories, everywhere (nil counts 0). */
export function computeTotal(ds: Dataset, dimension: string): void {
  const k = ds.dimensions.findIndex((d) => d.code === dimension);
  const d = ds.dimensions[k];
  if (!d) throw new Error(`no dimension ${dimension}`);
  const st = strides(ds.dimensions);
  const stride = st[k] as number;
  const block = stride * d.categories.length;
  const t = d.categories.findIndex((c) => c.code === "_T");
  const parts = d.categories.map((_, i) => i).filter((i) => i !== t);
  for (let base = 0; base < ds.values.length; base += block) {
    for (let i = 0; i < stride; i++) {
      let sum = 0;
      for (const p of parts) {
        const o = base + p * stride + i;
        if (ds.status[o] === Status.value) sum += ds.values[o] as number;
      }
      setAt(ds, base + t * stride + i, sum);
    }
  }
}

/** Fills the cells that are no total with `leaf(offset)`, then the totals: own dimension, age, sex. */
export function fillConsistent(table: TableId, ds: Dataset, leaf: (offset: number) => number): void {
  const st = strides(ds.dimensions);
  const totals = ds.dimensions.map((d) => (d.code === "reporter" || d.code === "year" ? -1 : 0));
  for (let i = 0; i < ds.values.length; i++) {
    const isTotal = ds.dimensions.some(
      (d, k) => totals[k] === 0 && d.categories[Math.floor(i / (st[k] as number)) % d.categories.length]?.code === "_T",
    );
    if (!isTotal) setAt(ds, i, leaf(i));
  }
  for (const own of tableDecl(table).own) computeTotal(ds, own.code);
  computeTotal(ds, "age");
  computeTotal(ds, "sex");
}

/** A small deterministic pseudo-random generator (the demo data's mulberry32). */
export const random = mulberry32;

export function int(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** `n` non-negative whole numbers adding up to `total`. */
export function split(rng: () => number, total: number, n: number): number[] {
  const cuts = Array.from({ length: n - 1 }, () => int(rng, 0, total)).sort((a, b) => a - b);
  const out: number[] = [];
  let previous = 0;
  for (const c of cuts) {
    out.push(c - previous);
    previous = c;
  }
  out.push(total - previous);
  return out;
}

export interface SubmissionOptions extends Partial<EmptyCubeOptions> {
  /** Reporters whose table 2.2 includes the stateless. */
  readonly stateless?: readonly string[];
}

/**
 * All 12 tables, consistent within and across tables: for each reporter, year, sex and age group the stocks split
 * one population (2.1) and the flows split one number of immigrants, emigrants and acquisitions.
 */
export function consistentSubmission(seed: number, options: SubmissionOptions = {}): Record<TableId, Dataset> {
  const rng = random(seed);
  const cubes = Object.fromEntries(TABLE_IDS.map((id) => [id, cube(id, options)])) as Record<TableId, Dataset>;
  const t11 = cubes.T1_1;
  const dims = t11.dimensions;
  const [reporters, years, , sexes, ages] = dims.map((d) => d.categories.map((c) => c.code)) as string[][];
  const partners = (cubes.T1_2.dimensions[2]?.categories ?? []).map((c) => c.code).filter((c) => c !== "_T");
  const stateless = new Set(options.stateless ?? []);
  const fill = (table: TableId, coords: Record<string, string>, own: string, value: number) =>
    set(cubes[table], { ...coords, [tableDecl(table).own[0]?.code ?? ""]: own }, value);
  const fillParts = (table: TableId, coords: Record<string, string>, codes: readonly string[], total: number) =>
    split(rng, total, codes.length).forEach((v, i) => {
      fill(table, coords, codes[i] as string, v);
    });
  for (const reporter of reporters ?? [])
    for (const year of years ?? [])
      for (const sex of (sexes ?? []).filter((s) => s !== "_T"))
        for (const age of (ages ?? []).filter((a) => a !== "_T")) {
          const at = { reporter, year, sex, age };
          const cit = int(rng, 1000, 5000);
          const foreign = int(rng, 0, 500);
          const stl = int(rng, 0, 50);
          const unk21 = int(rng, 0, 20);
          fill("T2_1", at, "CIT", cit);
          fill("T2_1", at, "FOR", foreign);
          fill("T2_1", at, "STL", stl);
          fill("T2_1", at, "_U", unk21);
          fillParts("T2_2", at, partners, foreign + (stateless.has(reporter) ? stl : 0));
          const population = cit + foreign + stl + unk21;
          const foreignBorn = int(rng, 0, 800);
          const unk11 = int(rng, 0, 20);
          fill("T1_1", at, "NAT", population - foreignBorn - unk11);
          fill("T1_1", at, "FOR", foreignBorn);
          fill("T1_1", at, "_U", unk11);
          fillParts("T1_2", at, partners, foreignBorn);
          for (const [flow, byStatus, byCountry, statuses] of [
            ["T3", "T5_1", "T5_2", ["CIT", "FOR", "STL", "_U"]],
            ["T4", "T6_1", "T6_2", ["CIT", "FOR", "STL", "_U"]],
            [undefined, "T7_1", "T7_2", ["FOR", "STL", "_U"]],
          ] as const) {
            const total = int(rng, 0, 1000);
            if (flow) fillParts(flow, at, partners, total);
            fillParts(byStatus, at, statuses, total);
            fillParts(byCountry, at, partners, total);
          }
        }
  for (const id of TABLE_IDS) {
    for (const own of tableDecl(id).own) computeTotal(cubes[id], own.code);
    computeTotal(cubes[id], "age");
    computeTotal(cubes[id], "sex");
  }
  return cubes;
}

/** The cube with only some categories of one dimension (cells copied). */
export function keepCategories(ds: Dataset, dimension: string, codes: readonly string[]): Dataset {
  const k = ds.dimensions.findIndex((d) => d.code === dimension);
  const dimensions = ds.dimensions.map((d, j) =>
    j === k ? { ...d, categories: d.categories.filter((c) => codes.includes(c.code)) } : d,
  );
  const n = dimensions.reduce((p, d) => p * d.categories.length, 1);
  const out: Dataset = {
    ...ds,
    dimensions,
    values: new Float64Array(n),
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
  const stOld = strides(ds.dimensions);
  const stNew = strides(dimensions);
  for (let i = 0; i < n; i++) {
    let old = 0;
    dimensions.forEach((d, j) => {
      const idx = Math.floor(i / (stNew[j] as number)) % d.categories.length;
      const code = d.categories[idx]?.code;
      const oldIdx = (ds.dimensions[j]?.categories ?? []).findIndex((c) => c.code === code);
      old += oldIdx * (stOld[j] as number);
    });
    out.values[i] = ds.values[old] as number;
    out.status[i] = ds.status[old] as number;
  }
  return out;
}
