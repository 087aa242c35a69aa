/**
 * Cell-by-cell comparison of two datasets of one table (two versions): which cells changed (value, status or
 * flags), which were added and which removed. The category lists may differ — a year added, a country dropped —
 * so cells are matched by their codes, never by position.
 *
 * No cube of both is built: the union of the two category lists is walked like an odometer, keeping each
 * dataset's offset by strides, and only a differing cell costs an allocation (the visitor's argument).
 */

import type { Bilingual, Category, Dataset, Dimension } from "./model.ts";
import { FIRST_CUSTOM_STATUS, Status, strides, symbolOf } from "./model.ts";

export type ChangeKind = "changed" | "added" | "removed";

/** One cell as a dataset has it. */
export interface CellState {
  /** NaN when the status is not a number. */
  readonly value: number;
  readonly status: number;
  /** The status as its symbol in its own dataset ("" for a number, "..", or a custom one). */
  readonly symbol: string;
  readonly flags: number;
}

export interface CellChange {
  readonly kind: ChangeKind;
  /** Category code per dimension, in the order of `DatasetDiff.dimensions`. */
  readonly codes: readonly string[];
  /** Position of each code in the union's categories (`DatasetDiff.dimensions[k].categories`). */
  readonly coordinates: readonly number[];
  /** Absent for an added cell. */
  readonly before?: CellState;
  /** Absent for a removed cell. */
  readonly after?: CellState;
}

export interface DiffSummary {
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Cells of either dataset within the filter (the sum of the four counts). */
  readonly compared: number;
}

export interface DatasetDiff {
  /**
   * The dimensions in the old dataset's order, each with the union of the categories: the old ones in their order,
   * then the new ones the old did not have; labels and notes from the new dataset where it has the category.
   */
  readonly dimensions: readonly Dimension[];
  readonly summary: DiffSummary;
}

export type DiffErrorCode = "dimensions-differ" | "unknown-dimension" | "unknown-category";

export interface DiffError {
  readonly code: DiffErrorCode;
  readonly message: Bilingual;
  readonly dimension?: string;
  readonly value?: string;
}

export type DiffResult = ({ readonly ok: true } & DatasetDiff) | { readonly ok: false; readonly error: DiffError };

export interface DiffOptions {
  /** Only these category codes of these dimensions (by dimension code); other dimensions: every category. */
  readonly only?: Readonly<Record<string, readonly string[]>>;
  /** The visitor sees the first `limit` differing cells only; the summary still counts every one. */
  readonly limit?: number;
}

/** Called for every cell that differs, in row-major order of the union. */
export type ChangeVisitor = (change: CellChange) => void;

/** One dimension of the walk: per union category, its index in each dataset (-1 where it has none). */
interface Axis {
  readonly dimension: Dimension;
  readonly oldIndex: Int32Array;
  readonly newIndex: Int32Array;
}

function union(before: Dimension, after: Dimension): Dimension {
  const byCode = new Map(after.categories.map((c) => [c.code, c]));
  const known = new Set(before.categories.map((c) => c.code));
  const categories: Category[] = before.categories.map((c) => byCode.get(c.code) ?? c);
  for (const c of after.categories) if (!known.has(c.code)) categories.push(c);
  return { ...after, categories };
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && set.size === a.length && b.every((c) => set.has(c));
}

/**
 * Compares `before` with `after` cell by cell and calls `visit` for each changed, added and removed cell. Both must
 * have the same dimensions (by code, in any order); their categories may differ.
 */
export function diffDatasets(
  before: Dataset,
  after: Dataset,
  visit: ChangeVisitor = () => {},
  options: DiffOptions = {},
): DiffResult {
  const oldCodes = before.dimensions.map((d) => d.code);
  const newCodes = after.dimensions.map((d) => d.code);
  if (!sameCodes(oldCodes, newCodes)) {
    return {
      ok: false,
      error: {
        code: "dimensions-differ",
        message: {
          en: `the versions have different variables (${oldCodes.join(", ")} and ${newCodes.join(", ")})`,
          ru: `у версий разные переменные (${oldCodes.join(", ")} и ${newCodes.join(", ")})`,
        },
      },
    };
  }
  const only = options.only ?? {};
  for (const code of Object.keys(only)) {
    if (!oldCodes.includes(code)) {
      return {
        ok: false,
        error: {
          code: "unknown-dimension",
          dimension: code,
          message: { en: `the table has no variable "${code}"`, ru: `в таблице нет переменной «${code}»` },
        },
      };
    }
  }

  const oldStrides = strides(before.dimensions);
  const newStrides = strides(after.dimensions);
  const dimensions: Dimension[] = [];
  const axes: Axis[] = [];
  // Per dimension, in the old order: the stride of each dataset, to move both offsets at once.
  const oldStep: number[] = [];
  const newStep: number[] = [];
  for (const [k, previous] of before.dimensions.entries()) {
    const j = newCodes.indexOf(previous.code);
    const next = after.dimensions[j] as Dimension;
    const whole = union(previous, next);
    dimensions.push(whole);
    const wanted = only[previous.code];
    let categories = whole.categories;
    if (wanted) {
      const byCode = new Map(whole.categories.map((c) => [c.code, c]));
      for (const code of wanted) {
        if (!byCode.has(code)) {
          return {
            ok: false,
            error: {
              code: "unknown-category",
              dimension: previous.code,
              value: code,
              message: {
                en: `variable "${previous.code}" has no value "${code}" in either version`,
                ru: `у переменной «${previous.code}» нет значения «${code}» ни в одной из версий`,
              },
            },
          };
        }
      }
      const keep = new Set(wanted);
      categories = whole.categories.filter((c) => keep.has(c.code));
    }
    const oldAt = new Map(previous.categories.map((c, i) => [c.code, i]));
    const newAt = new Map(next.categories.map((c, i) => [c.code, i]));
    axes.push({
      dimension: { ...whole, categories },
      oldIndex: Int32Array.from(categories, (c) => oldAt.get(c.code) ?? -1),
      newIndex: Int32Array.from(categories, (c) => newAt.get(c.code) ?? -1),
    });
    oldStep.push(oldStrides[k] as number);
    newStep.push(newStrides[j] as number);
  }
  const positionInUnion = axes.map((axis, k) => {
    const at = new Map((dimensions[k] as Dimension).categories.map((c, i) => [c.code, i]));
    return Int32Array.from(axis.dimension.categories, (c) => at.get(c.code) as number);
  });

  let changed = 0;
  let added = 0;
  let removed = 0;
  let compared = 0;
  const n = axes.length;
  if (axes.some((a) => a.dimension.categories.length === 0)) {
    return { ok: true, dimensions, summary: { changed, added, removed, unchanged: 0, compared } };
  }

  const cellOf = (ds: Dataset, i: number): CellState => {
    const status = ds.status[i] ?? Status.notAvailable;
    return { value: ds.values[i] ?? Number.NaN, status, symbol: symbolOf(ds, status), flags: ds.flags[i] ?? 0 };
  };
  let toReport = options.limit ?? Number.POSITIVE_INFINITY;
  const report = (kind: ChangeKind, at: Int32Array, oldOffset: number, newOffset: number): void => {
    if (toReport <= 0) return;
    toReport--;
    const coordinates = Array.from(at, (u, k) => positionInUnion[k]?.[u] as number);
    const codes = coordinates.map((c, k) => dimensions[k]?.categories[c]?.code as string);
    const change: CellChange = {
      kind,
      codes,
      coordinates,
      ...(kind === "added" ? {} : { before: cellOf(before, oldOffset) }),
      ...(kind === "removed" ? {} : { after: cellOf(after, newOffset) }),
    };
    visit(change);
  };

  const { values: oldValues, status: oldStatus, flags: oldFlags } = before;
  const { values: newValues, status: newStatus, flags: newFlags } = after;
  const same = (o: number, w: number): boolean => {
    if (oldFlags[o] !== newFlags[w]) return false;
    const s = oldStatus[o] as number;
    const t = newStatus[w] as number;
    if (s === Status.value || t === Status.value) return s === t && oldValues[o] === newValues[w];
    // Custom statuses are numbered per dataset: the symbols say whether they are the same.
    return s === t && s < FIRST_CUSTOM_STATUS ? true : symbolOf(before, s) === symbolOf(after, t);
  };

  // The odometer over every dimension but the last: at[k] is the position in axis k; each dataset's offset and how
  // many of its coordinates are missing (a cell exists in a dataset only when none is) are kept as the digits turn.
  // The last dimension is a plain loop, where the time goes.
  const at = new Int32Array(n);
  let oldBase = 0;
  let newBase = 0;
  let oldMissing = 0;
  let newMissing = 0;
  const enter = (k: number, u: number, sign: 1 | -1) => {
    const axis = axes[k] as Axis;
    const o = axis.oldIndex[u] as number;
    const w = axis.newIndex[u] as number;
    if (o < 0) oldMissing += sign;
    else oldBase += sign * o * (oldStep[k] as number);
    if (w < 0) newMissing += sign;
    else newBase += sign * w * (newStep[k] as number);
  };
  for (let k = 0; k < n - 1; k++) enter(k, 0, 1);
  const last = axes[n - 1] as Axis;
  const lastSize = last.dimension.categories.length;
  const oldLast = last.oldIndex;
  const newLast = last.newIndex;
  const oldLastStep = oldStep[n - 1] as number;
  const newLastStep = newStep[n - 1] as number;

  for (;;) {
    if (oldMissing === 0 || newMissing === 0) {
      for (let u = 0; u < lastSize; u++) {
        const o = oldMissing === 0 ? (oldLast[u] as number) : -1;
        const w = newMissing === 0 ? (newLast[u] as number) : -1;
        // A cell of neither (a year added where a country was removed) is no cell at all.
        if (o < 0 && w < 0) continue;
        compared++;
        const oldOffset = oldBase + o * oldLastStep;
        const newOffset = newBase + w * newLastStep;
        if (o >= 0 && w >= 0) {
          if (same(oldOffset, newOffset)) continue;
          changed++;
          at[n - 1] = u;
          report("changed", at, oldOffset, newOffset);
        } else if (o >= 0) {
          removed++;
          at[n - 1] = u;
          report("removed", at, oldOffset, newOffset);
        } else {
          added++;
          at[n - 1] = u;
          report("added", at, oldOffset, newOffset);
        }
      }
    }
    // Turn the odometer: the next-to-last digit fastest.
    let k = n - 2;
    while (k >= 0) {
      const size = (axes[k] as Axis).dimension.categories.length;
      const u = at[k] as number;
      enter(k, u, -1);
      if (u + 1 < size) {
        at[k] = u + 1;
        enter(k, u + 1, 1);
        break;
      }
      at[k] = 0;
      enter(k, 0, 1);
      k--;
    }
    if (k < 0) break;
  }
  const unchanged = compared - changed - added - removed;
  return { ok: true, dimensions, summary: { changed, added, removed, unchanged, compared } };
}
