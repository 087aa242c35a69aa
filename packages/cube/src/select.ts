/**
 * Selection as the PxWeb APIs define it, computed by index arithmetic.
 *
 * Per dimension: `item` (codes), `all` (patterns with `*`), `top` (N: the latest N periods of a time dimension, the
 * first N categories otherwise), `vs:ID` (codes from a value set), `agg:ID` (groups of a grouping, whose values are
 * sums of their members). A dimension left out is eliminated: its elimination category is used, or its categories
 * are summed where elimination allows it; a single-category dimension is kept as it is; any other is an error.
 * The result is a new dataset holding only the selected cells; the cell count is checked before any work.
 */

import { countOf, NOUNS } from "@clearinghouse/px";
import { globMatcher, hasWildcard } from "./glob.ts";
import {
  type Bilingual,
  type Category,
  type CellNote,
  type Dataset,
  type Dimension,
  Status,
  strides,
} from "./model.ts";

export interface DimensionQuery {
  readonly code: string;
  readonly selection: { readonly filter: string; readonly values: readonly string[] };
}

export interface SelectOptions {
  /** Refuse selections with more cells than this (default 10 million). */
  readonly maxCells?: number;
  /** The size of the selection itself (default SELECTION_LIMITS); false when the caller checked it already. */
  readonly limits?: SelectionLimits | false;
}

export type SelectionErrorCode =
  | "unknown-dimension"
  | "duplicate-dimension"
  | "unknown-value"
  | "unknown-filter"
  | "empty-selection"
  | "missing-mandatory"
  | "too-many-cells"
  | "selection-too-large";

export interface SelectionError {
  readonly code: SelectionErrorCode;
  readonly message: Bilingual;
  readonly dimension?: string;
  readonly value?: string;
  readonly cells?: number;
  readonly limit?: number;
}

export type SelectResult =
  | { readonly ok: true; readonly dataset: Dataset }
  | { readonly ok: false; readonly error: SelectionError };

export const DEFAULT_MAX_CELLS = 10_000_000;

/** How one source dimension contributes: output categories, each a list of source category indices. */
interface Plan {
  readonly keep: boolean;
  readonly categories: readonly Category[];
  readonly members: readonly (readonly number[])[];
}

class SelectionFailure extends Error {
  constructor(readonly error: SelectionError) {
    super(error.message.en);
  }
}

const fail = (error: SelectionError): never => {
  throw new SelectionFailure(error);
};

/**
 * How large a selection may be, checked before any work so that one request cannot keep the server busy: a table
 * has a few variables, a selection lists at most the values it has, and codes are short. Wildcard patterns cost a
 * pass over the variable's values each, so there may be only a few.
 */
export interface SelectionLimits {
  /** Variables one selection may name. */
  readonly variables: number;
  /** Value codes or expressions per variable. */
  readonly values: number;
  /** Characters of one variable code, value code or expression. */
  readonly length: number;
  /** Distinct wildcard patterns per variable. */
  readonly wildcards: number;
}

export const SELECTION_LIMITS: SelectionLimits = { variables: 100, values: 20_000, length: 1_000, wildcards: 20 };

/** One variable of a selection as it was asked for, before it is resolved against a table. */
export interface AskedValues {
  readonly code: string;
  readonly values: readonly string[];
}

/**
 * The first way a selection goes beyond the limits, naming the variable and the limit, or undefined. `isWildcard`
 * says which values are patterns (API v1's `all` takes `*`, API 2.0 also `?`).
 */
export function selectionSizeError(
  asked: readonly AskedValues[],
  isWildcard: (value: string) => boolean,
  limits: SelectionLimits = SELECTION_LIMITS,
): SelectionError | undefined {
  const tooLarge = (en: string, ru: string, limit: number, dimension?: string): SelectionError => ({
    code: "selection-too-large",
    limit,
    message: { en, ru },
    ...(dimension === undefined ? {} : { dimension }),
  });
  if (asked.length > limits.variables) {
    return tooLarge(
      `the selection names ${asked.length} variables, more than the limit of ${limits.variables}`,
      `в выборке ${asked.length} переменных, а допустимо не больше ${limits.variables}`,
      limits.variables,
    );
  }
  for (const { code, values } of asked) {
    const name = code.length > limits.length ? `${code.slice(0, 40)}…` : code;
    if (code.length > limits.length) {
      return tooLarge(
        `the variable code "${name}" has ${code.length} characters, more than the limit of ${limits.length}`,
        `в коде переменной «${name}» ${code.length} символов, а допустимо не больше ${limits.length}`,
        limits.length,
        name,
      );
    }
    if (values.length > limits.values) {
      return tooLarge(
        `the selection of "${code}" has ${countOf(values.length, NOUNS.value.en)}, more than the limit of ${limits.values}`,
        `в выборке переменной «${code}» ${countOf(values.length, NOUNS.value.ru, "ru")}, а допустимо не больше ${limits.values}`,
        limits.values,
        code,
      );
    }
    const long = values.find((v) => v.length > limits.length);
    if (long !== undefined) {
      return tooLarge(
        `a value code of "${code}" has ${long.length} characters, more than the limit of ${limits.length}`,
        `в коде значения переменной «${code}» ${long.length} символов, а допустимо не больше ${limits.length}`,
        limits.length,
        code,
      );
    }
    const patterns = new Set(values.filter(isWildcard)).size;
    if (patterns > limits.wildcards) {
      return tooLarge(
        `the selection of "${code}" has ${patterns} wildcard patterns, more than the limit of ${limits.wildcards}`,
        `в выборке переменной «${code}» ${patterns} шаблонов с * или ?, а допустимо не больше ${limits.wildcards}`,
        limits.wildcards,
        code,
      );
    }
  }
  return undefined;
}

const v1Wildcard = (value: string) => hasWildcard(value);

/** Category code → position, built once per dimension object (datasets are not mutated). */
const categoryIndexes = new WeakMap<Dimension, ReadonlyMap<string, number>>();
function categoryIndex(d: Dimension): ReadonlyMap<string, number> {
  let index = categoryIndexes.get(d);
  if (!index) {
    index = new Map(d.categories.map((c, i) => [c.code, i]));
    categoryIndexes.set(d, index);
  }
  return index;
}

function planDimension(d: Dimension, query: DimensionQuery | undefined): Plan {
  const index = categoryIndex(d);
  const pick = (indices: Iterable<number>): Plan => {
    const sorted = [...new Set(indices)].sort((a, b) => a - b);
    if (sorted.length === 0) {
      fail({
        code: "empty-selection",
        dimension: d.code,
        message: {
          en: `the selection of "${d.code}" has no values`,
          ru: `в выборке переменной «${d.code}» нет значений`,
        },
      });
    }
    return { keep: true, categories: sorted.map((i) => d.categories[i] as Category), members: sorted.map((i) => [i]) };
  };
  const known = (code: string): number =>
    index.get(code) ??
    fail({
      code: "unknown-value",
      dimension: d.code,
      value: code,
      message: {
        en: `"${code}" is not a value of "${d.code}"`,
        ru: `«${code}» не является значением переменной «${d.code}»`,
      },
    });

  if (!query) {
    if (d.elimination?.code !== undefined) {
      return { keep: false, categories: [], members: [[known(d.elimination.code)]] };
    }
    if (d.elimination) return { keep: false, categories: [], members: [d.categories.map((_, i) => i)] };
    if (d.categories.length === 1) return pick([0]);
    return fail({
      code: "missing-mandatory",
      dimension: d.code,
      message: {
        en: `"${d.code}" must be selected: it cannot be eliminated`,
        ru: `переменная «${d.code}» обязательна для выбора: её нельзя исключить`,
      },
    });
  }

  const { filter, values } = query.selection;
  const lower = filter.toLowerCase();
  if (lower === "item") return pick(values.map(known));
  if (lower === "all") {
    const patterns = [...new Set(values)].map((v) => globMatcher(v));
    return pick(d.categories.flatMap((c, i) => (patterns.some((matches) => matches(c.code)) ? [i] : [])));
  }
  if (lower === "top") {
    const n = Number(values[0]);
    if (!Number.isInteger(n) || n < 1) {
      fail({
        code: "unknown-value",
        dimension: d.code,
        value: values[0] ?? "",
        message: {
          en: `top needs a whole number, not "${values[0] ?? ""}"`,
          ru: `для top нужно целое число, а не «${values[0] ?? ""}»`,
        },
      });
    }
    const count = Math.min(n, d.categories.length);
    const first = d.role === "time" ? d.categories.length - count : 0;
    return pick(Array.from({ length: count }, (_, k) => first + k));
  }
  if (lower.startsWith("vs:")) {
    const set = d.valueSets?.find((v) => v.id === filter.slice(3));
    if (!set) return unknownFilter(d, filter);
    const members = new Set(set.codes);
    const wanted = values.length === 0 || values.includes("*") ? set.codes : values;
    return pick(
      wanted.map((code) =>
        members.has(code)
          ? known(code)
          : fail({
              code: "unknown-value",
              dimension: d.code,
              value: code,
              message: {
                en: `"${code}" is not in value set "${set.id}"`,
                ru: `«${code}» нет в наборе значений «${set.id}»`,
              },
            }),
      ),
    );
  }
  if (lower.startsWith("agg:")) {
    const grouping = d.groupings?.find((g) => g.id === filter.slice(4));
    if (!grouping) return unknownFilter(d, filter);
    const all = values.length === 0 || values.includes("*");
    const groupByCode = new Map<string, (typeof grouping.groups)[number]>();
    for (const g of grouping.groups) if (!groupByCode.has(g.code)) groupByCode.set(g.code, g);
    const groups = all
      ? grouping.groups
      : values.map((code) => groupByCode.get(code) ?? unknownGroup(d, grouping.id, code));
    if (groups.length === 0) return pick([]);
    return {
      keep: true,
      categories: groups.map((g) => ({ code: g.code, label: g.label })),
      members: groups.map((g) => g.members.map(known)),
    };
  }
  return unknownFilter(d, filter);
}

function unknownFilter(d: Dimension, filter: string): never {
  return fail({
    code: "unknown-filter",
    dimension: d.code,
    value: filter,
    message: { en: `unknown filter "${filter}" for "${d.code}"`, ru: `неизвестный фильтр «${filter}» для «${d.code}»` },
  });
}

function unknownGroup(d: Dimension, grouping: string, code: string): never {
  return fail({
    code: "unknown-value",
    dimension: d.code,
    value: code,
    message: { en: `"${code}" is not a group of "${grouping}"`, ru: `«${code}» не является группой «${grouping}»` },
  });
}

/** Selects cells of a dataset as a PxWeb query does. */
export function select(ds: Dataset, query: readonly DimensionQuery[], options: SelectOptions = {}): SelectResult {
  try {
    return { ok: true, dataset: selectOrThrow(ds, query, options) };
  } catch (error) {
    if (error instanceof SelectionFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/** Each dimension's plan for a query, checked against the limits (throws SelectionFailure). */
function planSelection(
  ds: Pick<Dataset, "dimensions">,
  query: readonly DimensionQuery[],
  options: SelectOptions,
): { readonly plans: Plan[]; readonly cells: number } {
  if (options.limits !== false) {
    const asked = query.map((q) => ({ code: q.code, values: q.selection.values }));
    const tooLarge = selectionSizeError(asked, v1Wildcard, options.limits);
    if (tooLarge) fail(tooLarge);
  }
  const byCode = new Map<string, DimensionQuery>();
  for (const q of query) {
    if (!ds.dimensions.some((d) => d.code === q.code)) {
      fail({
        code: "unknown-dimension",
        dimension: q.code,
        message: { en: `the table has no variable "${q.code}"`, ru: `в таблице нет переменной «${q.code}»` },
      });
    }
    if (byCode.has(q.code)) {
      fail({
        code: "duplicate-dimension",
        dimension: q.code,
        message: { en: `"${q.code}" is selected twice`, ru: `переменная «${q.code}» выбрана дважды` },
      });
    }
    byCode.set(q.code, q);
  }
  const plans = ds.dimensions.map((d) => planDimension(d, byCode.get(d.code)));
  const cells = plans.reduce((p, plan) => p * plan.members.length, 1);
  const limit = options.maxCells ?? DEFAULT_MAX_CELLS;
  // The work is the number of source cells read, which sums make larger than the result.
  const work = plans.reduce((p, plan) => p * plan.members.reduce((n, m) => n + m.length, 0), 1);
  if (cells > limit || work > limit * 10) {
    fail({
      code: "too-many-cells",
      cells,
      limit,
      message: {
        en: `the selection has ${countOf(cells, NOUNS.cell.en)}, more than the limit of ${limit}`,
        ru: `в выборке ${countOf(cells, NOUNS.cell.ru, "ru")}, а допустимо не больше ${limit}`,
      },
    });
  }
  return { plans, cells };
}

/**
 * The source cells a query reads, as the sorted category positions of each dimension (their product is the
 * footprint): what a store cut in pieces must fetch before `select` runs on `footprintCube`. Refuses what `select`
 * refuses, with the same error.
 */
export function selectionFootprint(
  ds: Pick<Dataset, "dimensions">,
  query: readonly DimensionQuery[],
  options: SelectOptions = {},
): { readonly ok: true; readonly footprint: number[][] } | { readonly ok: false; readonly error: SelectionError } {
  try {
    const { plans } = planSelection(ds, query, options);
    const footprint = plans.map((plan) => [...new Set(plan.members.flat())].sort((a, b) => a - b));
    return { ok: true, footprint };
  } catch (error) {
    if (error instanceof SelectionFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/**
 * The dataset of a footprint's cells (row-major over its positions): the table's metadata with each dimension cut
 * to the footprint's categories. The query the footprint was made for selects the same answer from it as from the
 * whole table, since every category it names, sums or eliminates to is there.
 */
export function footprintCube(
  meta: Omit<Dataset, "values" | "status" | "flags">,
  footprint: readonly (readonly number[])[],
  cells: { readonly values: Float64Array; readonly status: Uint8Array; readonly flags: Uint8Array },
): Dataset {
  const dimensions = meta.dimensions.map((d, k) => {
    const positions = footprint[k] ?? [];
    if (positions.length === d.categories.length) return d;
    return { ...d, categories: positions.map((i) => d.categories[i] as Category) };
  });
  return { ...meta, dimensions, ...cells };
}

function selectOrThrow(ds: Dataset, query: readonly DimensionQuery[], options: SelectOptions): Dataset {
  const { plans, cells } = planSelection(ds, query, options);
  const { values, status, flags } = gather(ds, plans, cells);
  const dimensions = ds.dimensions.flatMap((d, k) => {
    const plan = plans[k] as Plan;
    if (!plan.keep) return [];
    const kept = new Set(plan.categories.map((c) => c.code));
    const categories = plan.categories.map((c) =>
      c.parent !== undefined && !kept.has(c.parent) ? withoutParent(c) : c,
    );
    return [{ ...d, categories }];
  });
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = { ...ds, dimensions, values, status, flags };
  const cellNotes = selectCellNotes(ds, plans);
  if (cellNotes) out.cellNotes = cellNotes;
  else delete out.cellNotes;
  delete out.extension; // describes the source file's layout, not this selection
  return out;
}

function withoutParent(c: Category): Category {
  const { parent: _parent, ...rest } = c;
  return rest;
}

/** Cell notes that still apply: on kept categories, and on eliminated dimensions only where they say "any". */
function selectCellNotes(ds: Dataset, plans: readonly Plan[]): CellNote[] | undefined {
  if (!ds.cellNotes) return undefined;
  const notes = ds.cellNotes.flatMap((note) => {
    const where: (string | null)[] = [];
    for (const [k, plan] of plans.entries()) {
      const code = note.where[k] ?? null;
      if (!plan.keep) {
        if (code !== null) return [];
        continue;
      }
      if (code !== null && !plan.categories.some((c) => c.code === code)) return [];
      where.push(code);
    }
    return [{ ...note, where }];
  });
  return notes.length ? notes : undefined;
}

/** Reads the selected cells; sums where a plan has several members per output category. */
function gather(ds: Dataset, plans: readonly Plan[], cells: number) {
  const values = new Float64Array(cells);
  const status = new Uint8Array(cells);
  const flags = new Uint8Array(cells);
  const stride = strides(ds.dimensions);
  const offsets = plans.map((plan, k) => plan.members.map((m) => m.map((i) => i * (stride[k] as number))));
  const simple = plans.every((p) => p.members.every((m) => m.length === 1));
  let out = 0;
  const D = plans.length;

  if (simple) {
    const flat = offsets.map((o) => Int32Array.from(o, (m) => m[0] as number));
    const copy = (k: number, base: number) => {
      const list = flat[k] as Int32Array;
      if (k === D - 1) {
        for (let g = 0; g < list.length; g++) {
          const src = base + (list[g] as number);
          values[out] = ds.values[src] as number;
          status[out] = ds.status[src] as number;
          flags[out] = ds.flags[src] as number;
          out++;
        }
        return;
      }
      for (let g = 0; g < list.length; g++) copy(k + 1, base + (list[g] as number));
    };
    if (D === 0) {
      values[0] = ds.values[0] as number;
      status[0] = ds.status[0] as number;
      flags[0] = ds.flags[0] as number;
    } else if (cells > 0) copy(0, 0);
    return { values, status, flags };
  }

  // Sums: for each output cell, combine every source cell of the product of member lists.
  const sum = new SumCell(ds);
  const visitMembers = (k: number, base: number, choice: readonly number[]) => {
    if (k === D) {
      sum.add(base);
      return;
    }
    for (const off of offsets[k]?.[choice[k] as number] ?? []) visitMembers(k + 1, base + off, choice);
  };
  const choice = new Array<number>(D).fill(0);
  const walk = (k: number) => {
    if (k === D) {
      sum.reset();
      visitMembers(0, 0, choice);
      const s = sum.status();
      values[out] = s === Status.value ? sum.total : Number.NaN;
      status[out] = s;
      flags[out] = s === Status.value ? sum.flags : 0;
      out++;
      return;
    }
    const n = plans[k]?.members.length ?? 0;
    for (let g = 0; g < n; g++) {
      choice[k] = g;
      walk(k + 1);
    }
  };
  if (cells > 0) walk(0);
  return { values, status, flags };
}

/**
 * A sum of cells. Numbers add up and their flags join; nil counts as zero (all nil stays nil); a confidential
 * member makes the sum confidential; any other symbol makes it not available.
 */
class SumCell {
  total = 0;
  flags = 0;
  numbers = 0;
  nils = 0;
  confidential = false;
  missing = false;
  constructor(readonly ds: Dataset) {}
  reset(): void {
    this.total = 0;
    this.flags = 0;
    this.numbers = 0;
    this.nils = 0;
    this.confidential = false;
    this.missing = false;
  }
  add(i: number): void {
    const s = this.ds.status[i] as number;
    if (s === Status.value) {
      this.total += this.ds.values[i] as number;
      this.flags |= this.ds.flags[i] as number;
      this.numbers++;
    } else if (s === Status.nil) this.nils++;
    else if (s === Status.confidential) this.confidential = true;
    else this.missing = true;
  }
  status(): number {
    if (this.confidential) return Status.confidential;
    if (this.missing) return Status.notAvailable;
    if (this.numbers === 0 && this.nils > 0) return Status.nil;
    return Status.value;
  }
}
