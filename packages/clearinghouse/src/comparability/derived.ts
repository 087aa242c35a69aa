/**
 * Figures derived from the cells of the standard tables (indicators, mirror comparisons): how an input cell is read,
 * and how the status and flags of the inputs pass to the result. One rule for every derived figure:
 * - a nil input (`-`) counts as 0; a number counts as itself;
 * - an input not available (`..`, or a symbol of the source) makes the result not available: never a made-up zero;
 * - otherwise a confidential input (`x`) makes the result confidential: a figure computed from a confidential one
 *   would give it away (net migration and one of its sides give the other);
 * - a formula without a value (a zero denominator: no population, no flows either way) gives not available with
 *   the reason `undefined`, never NaN or Infinity;
 * - the flags of every input used (provisional, estimated, break in series) are carried to the result.
 */

import { type Bilingual, type Dataset, flagLetters, Status, strides } from "@clearinghouse/cube";
import type { CellCoordinates } from "../rules/report.ts";
import { CONTENTS_DIMENSION, dimensionCodes, type TableId } from "../tables.ts";

/** Why a derived figure has no value. */
export type NoValueReason = "missing" | "confidential" | "undefined";

/** One input cell of a derived figure, as it was read. */
export interface SourceCell {
  readonly table: TableId;
  readonly cell: CellCoordinates;
  /** The number the cell counts as (0 for nil), or null when it has none. */
  readonly value: number | null;
  /** The cell's symbol: "" for a number, `-`, `..`, `x`. */
  readonly status: string;
  /** Flag letters (p, e, b), "" for none. */
  readonly flags: string;
}

/** A derived figure: a value with the flags of its inputs, or the reason there is none, and every input cell. */
export interface Derived {
  /** Unrounded; null when there is no value. */
  readonly value: number | null;
  /** `""` a number, `..` not available, `x` confidential. */
  readonly status: "" | ".." | "x";
  /** Flag bits of the inputs (`Flag`), ORed. */
  readonly flags: number;
  readonly reason?: NoValueReason;
  /** Something the reader should know about how this value was obtained (a fallback, say). */
  readonly note?: Bilingual;
  readonly sources: readonly SourceCell[];
}

/** An input cell: what it counts as, and where it is. */
export interface Operand {
  /** The number (0 for nil); undefined when the cell is not available or confidential. */
  readonly value: number | undefined;
  readonly kind: "number" | "missing" | "confidential";
  readonly flags: number;
  readonly source: SourceCell;
}

/** Whether a cube has the dimensions of a standard table (a table imported under that id may not). */
export function hasStandardShape(table: TableId, ds: Dataset): boolean {
  const expected = dimensionCodes(table);
  return ds.dimensions.length === expected.length && expected.every((c, k) => ds.dimensions[k]?.code === c);
}

/** Cell readers of a cube of a standard table, or undefined when it has not that table's shape. */
export function standardCells(table: TableId, ds: Dataset | undefined): TableCells | undefined {
  return ds && hasStandardShape(table, ds) ? new TableCells(table, ds) : undefined;
}

/** Index arithmetic on one standard table's cube, by codes. */
export class TableCells {
  private readonly strides: number[];
  private readonly indexes: Map<string, number>[];
  private readonly positions: Map<string, number>;

  constructor(
    readonly table: TableId,
    readonly ds: Dataset,
  ) {
    this.strides = strides(ds.dimensions);
    this.indexes = ds.dimensions.map((d) => new Map(d.categories.map((c, i) => [c.code, i])));
    this.positions = new Map(ds.dimensions.map((d, k) => [d.code, k]));
    if (!hasStandardShape(table, ds)) {
      throw new RangeError(`table ${table} does not have the dimensions ${dimensionCodes(table).join(", ")}`);
    }
  }

  /** Category codes of a dimension, in cube order. */
  codes(dimension: string): string[] {
    const k = this.positions.get(dimension);
    return k === undefined ? [] : (this.ds.dimensions[k]?.categories.map((c) => c.code) ?? []);
  }

  has(dimension: string, code: string): boolean {
    const k = this.positions.get(dimension);
    return k !== undefined && (this.indexes[k]?.has(code) ?? false);
  }

  /**
   * Reads a cell; dimensions not given are `_T` (sex, age, the own dimension) or the contents variable's one value.
   * A code the cube does not have (a year or country not reported) reads as not available.
   */
  read(coordinates: Readonly<Record<string, string>>): Operand {
    const cell: Record<string, string> = {};
    let offset = 0;
    let absent = false;
    this.ds.dimensions.forEach((d, k) => {
      const code = coordinates[d.code] ?? (d.code === CONTENTS_DIMENSION.code ? (d.categories[0]?.code ?? "") : "_T");
      cell[d.code] = code;
      const i = this.indexes[k]?.get(code);
      if (i === undefined) absent = true;
      else offset += i * (this.strides[k] as number);
    });
    if (absent) return operand(this.table, cell, undefined, "missing", 0, "..");
    const status = this.ds.status[offset] as number;
    const flags = this.ds.flags[offset] as number;
    if (status === Status.value) {
      const value = this.ds.values[offset] as number;
      return operand(this.table, cell, value, "number", flags, "");
    }
    if (status === Status.nil) return operand(this.table, cell, 0, "number", flags, "-");
    if (status === Status.confidential) return operand(this.table, cell, undefined, "confidential", flags, "x");
    return operand(this.table, cell, undefined, "missing", flags, "..");
  }
}

function operand(
  table: TableId,
  cell: CellCoordinates,
  value: number | undefined,
  kind: Operand["kind"],
  flags: number,
  status: string,
): Operand {
  return {
    value,
    kind,
    flags,
    source: { table, cell, value: value ?? null, status, flags: flagLetters(flags) },
  };
}

/** An operand for a table that is not there at all: every cell of it is missing. */
export function absentCell(table: TableId, coordinates: CellCoordinates): Operand {
  return operand(table, coordinates, undefined, "missing", 0, "..");
}

/** An input of `derive`: one cell, or a figure derived before (a mean population, say) with all its cells. */
export type Input = Operand | Derived;

function isDerived(input: Input): input is Derived {
  return "sources" in input;
}

function kindOf(input: Input): Operand["kind"] {
  if (!isDerived(input)) return input.kind;
  return input.status === "" ? "number" : input.status === "x" ? "confidential" : "missing";
}

/**
 * Applies `formula` to the inputs' values by the rule at the top of this file. `formula` returns undefined where
 * it has no value (a zero denominator). A note of a derived input is carried unless `note` is given.
 */
export function derive(
  inputs: readonly Input[],
  formula: (values: number[]) => number | undefined,
  note?: Bilingual,
): Derived {
  const sources = inputs.flatMap((o) => (isDerived(o) ? o.sources : [o.source]));
  let flags = 0;
  for (const o of inputs) flags |= o.flags;
  const carried = note ?? inputs.find((o): o is Derived => isDerived(o) && o.note !== undefined)?.note;
  const extra = carried ? { note: carried } : {};
  const kinds = inputs.map(kindOf);
  if (kinds.includes("missing")) return { value: null, status: "..", flags, reason: "missing", sources, ...extra };
  if (kinds.includes("confidential")) {
    return { value: null, status: "x", flags, reason: "confidential", sources, ...extra };
  }
  const value = formula(inputs.map((o) => o.value as number));
  if (value === undefined || !Number.isFinite(value)) {
    return { value: null, status: "..", flags, reason: "undefined", sources, ...extra };
  }
  return { value, status: "", flags, sources, ...extra };
}

/** a / b, undefined when b is 0. */
export function ratio(a: number, b: number): number | undefined {
  return b === 0 ? undefined : a / b;
}

/** Rounds half away from zero to `decimals` places, as statistical tables print. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 && r !== 0 ? -r : r;
}
