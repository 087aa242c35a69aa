/**
 * A country's submitted slice merged into the published cube of a standard table: the new cube that the release
 * stores as the table's next version, and the released figures that it changes (a revision note is then needed).
 *
 * - Every cell of the submitting country for the submitted years is the slice's (a category the slice lacks is
 *   "not available" there); every other cell is the published one, untouched.
 * - Years and reporters are the union of both, in code order; a category of another dimension new to the table is
 *   added after its neighbour in the slice's order (so a slice in the declared order keeps the published cube in it).
 * - The published cube's metadata (title, notes, value sets…) stay; labels of new categories come from the slice.
 *
 * Pure: no I/O, one pass over each cube's cells by index arithmetic.
 */

import { type Category, type Dataset, type Dimension, Status, strides } from "@clearinghouse/cube";
import { REPORTER_DIMENSION, YEAR_DIMENSION } from "../tables.ts";

/** A published figure the release changes: its coordinates (dimension code → category code), before and after. */
export interface ChangedFigure {
  readonly cell: Readonly<Record<string, string>>;
  readonly before: { readonly value: number | null; readonly status: number };
  readonly after: { readonly value: number | null; readonly status: number };
}

export interface MergeResult {
  readonly dataset: Dataset;
  /** Released figures (a number or a symbol other than "not available") whose number or status changes. */
  readonly changed: readonly ChangedFigure[];
  /** How many there are (`changed` may be cut at `maxChanged`). */
  readonly changedCount: number;
}

export interface MergeOptions {
  /** Changed figures listed (all are counted); default 1000. */
  readonly maxChanged?: number;
}

/** The slice's one reporter; throws when the slice is not one country's. */
function sliceReporter(slice: Dataset): string {
  const dim = slice.dimensions.find((d) => d.code === REPORTER_DIMENSION.code);
  if (dim?.categories.length !== 1) throw new RangeError("a submitted slice has exactly one reporter");
  return (dim.categories[0] as Category).code;
}

/** Categories of both, the published order kept, each new one placed after its predecessor in the slice. */
function unionCategories(
  published: readonly Category[],
  slice: readonly Category[],
  order: "code" | "neighbour",
): Category[] {
  if (order === "code") {
    const all = new Map<string, Category>();
    for (const c of published) all.set(c.code, c);
    for (const c of slice) if (!all.has(c.code)) all.set(c.code, c);
    return [...all.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  const out = [...published];
  const known = new Set(published.map((c) => c.code));
  let previous: string | undefined;
  for (const c of slice) {
    if (!known.has(c.code)) {
      const at = previous === undefined ? 0 : out.findIndex((o) => o.code === previous) + 1;
      out.splice(at, 0, c);
      known.add(c.code);
    }
    previous = c.code;
  }
  return out;
}

/** For each category of `from`, its position in `to` (-1 when `to` lacks it). */
function positions(from: readonly Category[], to: readonly Category[]): Int32Array {
  const index = new Map(to.map((c, i) => [c.code, i]));
  return Int32Array.from(from, (c) => index.get(c.code) ?? -1);
}

/** Offsets in `target` of every cell of `source` (whose categories are all in `target`, dimensions in any order). */
function offsetsIn(source: Dataset, target: readonly Dimension[]): Int32Array {
  const targetStrides = strides(target);
  const maps = source.dimensions.map((d) => {
    const k = target.findIndex((t) => t.code === d.code);
    const map = positions(d.categories, (target[k] as Dimension).categories);
    const stride = targetStrides[k] as number;
    return Int32Array.from(map, (p) => p * stride);
  });
  const out = new Int32Array(source.values.length);
  const sizes = source.dimensions.map((d) => d.categories.length);
  const index = new Array<number>(sizes.length).fill(0);
  let offset = maps.reduce((sum, m) => sum + (m[0] as number), 0);
  for (let cell = 0; cell < out.length; cell++) {
    out[cell] = offset;
    // Odometer: the last dimension fastest, updating the target offset by the difference of one step.
    for (let k = sizes.length - 1; k >= 0; k--) {
      const map = maps[k] as Int32Array;
      const i = index[k] as number;
      offset -= map[i] as number;
      if (i + 1 < (sizes[k] as number)) {
        index[k] = i + 1;
        offset += map[i + 1] as number;
        break;
      }
      index[k] = 0;
      offset += map[0] as number;
    }
  }
  return out;
}

const sameDimensions = (a: Dataset, b: Dataset): boolean =>
  a.dimensions.length === b.dimensions.length && a.dimensions.every((d) => b.dimensions.some((e) => e.code === d.code));

/**
 * The published cube with the slice's cells in place. Without a published cube, the slice is the new cube. Throws
 * a RangeError when the slice is not one reporter's, or its dimensions are not the published cube's.
 */
export function mergeSlice(published: Dataset | undefined, slice: Dataset, options: MergeOptions = {}): MergeResult {
  const reporter = sliceReporter(slice);
  if (!published) return { dataset: slice, changed: [], changedCount: 0 };
  if (!sameDimensions(published, slice)) throw new RangeError("the slice's dimensions are not the published table's");
  const dimensions: Dimension[] = published.dimensions.map((d) => {
    const other = slice.dimensions.find((s) => s.code === d.code) as Dimension;
    // Years, and reporters (the participating countries are listed by code), sort by code.
    const order = d.code === YEAR_DIMENSION.code || d.code === REPORTER_DIMENSION.code ? "code" : "neighbour";
    return { ...d, categories: unionCategories(d.categories, other.categories, order) };
  });
  const size = dimensions.reduce((n, d) => n * d.categories.length, 1);
  const values = new Float64Array(size).fill(Number.NaN);
  const status = new Uint8Array(size).fill(Status.notAvailable);
  const flags = new Uint8Array(size);

  const publishedAt = offsetsIn(published, dimensions);
  for (let i = 0; i < publishedAt.length; i++) {
    const o = publishedAt[i] as number;
    values[o] = published.values[i] as number;
    status[o] = published.status[i] as number;
    flags[o] = published.flags[i] as number;
  }

  // The replaced block: the reporter × the slice's years × every category of the other dimensions.
  const newStrides = strides(dimensions);
  const rk = dimensions.findIndex((d) => d.code === REPORTER_DIMENSION.code);
  const yk = dimensions.findIndex((d) => d.code === YEAR_DIMENSION.code);
  const sliceYears = new Set(
    slice.dimensions.find((d) => d.code === YEAR_DIMENSION.code)?.categories.map((c) => c.code),
  );
  const reporterIndex = (dimensions[rk] as Dimension).categories.findIndex((c) => c.code === reporter);
  const replaced = (offset: number): boolean => {
    const r = Math.floor(offset / (newStrides[rk] as number)) % (dimensions[rk] as Dimension).categories.length;
    if (r !== reporterIndex) return false;
    const y = Math.floor(offset / (newStrides[yk] as number)) % (dimensions[yk] as Dimension).categories.length;
    return sliceYears.has((dimensions[yk] as Dimension).categories[y]?.code ?? "");
  };
  // What the published cube had there, to tell which released figures change.
  const before = new Map<number, { value: number; status: number }>();
  for (let i = 0; i < publishedAt.length; i++) {
    const o = publishedAt[i] as number;
    if (!replaced(o)) continue;
    if (published.status[i] !== Status.notAvailable)
      before.set(o, { value: published.values[i] as number, status: published.status[i] as number });
    values[o] = Number.NaN;
    status[o] = Status.notAvailable;
    flags[o] = 0;
  }
  const sliceAt = offsetsIn(slice, dimensions);
  for (let i = 0; i < sliceAt.length; i++) {
    const o = sliceAt[i] as number;
    values[o] = slice.values[i] as number;
    status[o] = slice.status[i] as number;
    flags[o] = slice.flags[i] as number;
  }

  const maxChanged = options.maxChanged ?? 1000;
  const changed: ChangedFigure[] = [];
  let changedCount = 0;
  const sorted = [...before.keys()].sort((a, b) => a - b);
  for (const o of sorted) {
    const old = before.get(o) as { value: number; status: number };
    const nowStatus = status[o] as number;
    const nowValue = values[o] as number;
    const same = old.status === nowStatus && (nowStatus !== Status.value || Object.is(old.value, nowValue));
    if (same) continue;
    changedCount++;
    if (changed.length >= maxChanged) continue;
    const cell: Record<string, string> = {};
    dimensions.forEach((d, k) => {
      const i = Math.floor(o / (newStrides[k] as number)) % d.categories.length;
      cell[d.code] = d.categories[i]?.code ?? "";
    });
    changed.push({
      cell,
      before: { value: old.status === Status.value ? old.value : null, status: old.status },
      after: { value: nowStatus === Status.value ? nowValue : null, status: nowStatus },
    });
  }
  return { dataset: { ...published, dimensions, values, status, flags }, changed, changedCount };
}
