/**
 * The country's slice of a standard table, filled cell by cell as a reader goes, and the shared state of one
 * upload (limits, problems, the slices so far) that every reader writes into.
 *
 * A slice keeps one block per year (own dimension × sex × age × contents, in cube order), made when the year is
 * first met, with a mark per cell given so a second value for the same cell is a duplicate. At the end the blocks
 * go into `emptyCube(table, {reporters: [reporter], years})`: with one reporter, year `y`'s block is the cube's
 * cells `y × block … (y + 1) × block`.
 */

import { type Bilingual, type Dataset, Status, type Texts } from "@clearinghouse/cube";
import { isoCountryList } from "../countries.ts";
import { emptyCube, TABLE_IDS, type TableId, tableDecl, tableDimensions } from "../tables.ts";
import { type CodeEntry, CodeIndex, countryEntry } from "./match.ts";
import { count, type Place, ProblemList } from "./problems.ts";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits, type UploadTable } from "./types.ts";

export interface SliceDimension {
  readonly code: string;
  readonly label: Bilingual;
  readonly index: CodeIndex;
  readonly size: number;
  /** How far one step in this dimension moves inside a year's block. */
  readonly stride: number;
  /** Partner-country dimensions match ISO alpha-2 and numeric codes too. */
  readonly partner: boolean;
}

/** A table's dimensions after reporter and year, in cube order. */
export interface TableShape {
  readonly table: TableId;
  readonly dimensions: readonly SliceDimension[];
  readonly block: number;
}

function bilingual(t: Texts): Bilingual {
  return { en: t.en ?? "", ru: t.ru ?? t.en ?? "" };
}

const shapes = new Map<TableId, TableShape>();

export function tableShape(table: TableId): TableShape {
  const cached = shapes.get(table);
  if (cached) return cached;
  const decl = tableDecl(table);
  const partnerCodes = new Set(decl.own.filter((d) => d.type === "partner").map((d) => d.code));
  const dims = tableDimensions(table, { years: ["2000"] }).slice(2);
  let stride = 1;
  const strides = dims.map(() => 0);
  for (let k = dims.length - 1; k >= 0; k--) {
    strides[k] = stride;
    stride *= dims[k]?.categories.length ?? 1;
  }
  const dimensions = dims.map((d, k): SliceDimension => {
    const partner = partnerCodes.has(d.code);
    const entries = d.categories.map((c): CodeEntry => {
      const label = bilingual(c.label);
      return partner && !c.code.startsWith("_") ? countryEntry(c.code, label) : { code: c.code, label };
    });
    return {
      code: d.code,
      label: bilingual(d.label),
      index: new CodeIndex(entries),
      size: d.categories.length,
      stride: strides[k] ?? 1,
      partner,
    };
  });
  const shape = { table, dimensions, block: stride };
  shapes.set(table, shape);
  return shape;
}

let countries: CodeIndex | undefined;

/** Every ISO 3166-1 country, to tell a wrong reporter (another country) from an unknown code. */
export function countryIndex(): CodeIndex {
  countries ??= new CodeIndex(isoCountryList().map((c) => countryEntry(c.code, c.label)));
  return countries;
}

let tables: CodeIndex | undefined;

/** The standard tables by id (`T1_2`), number (`1.2`) or title in either language. */
export function tableIndex(): CodeIndex {
  tables ??= new CodeIndex(
    TABLE_IDS.map((id) => {
      const decl = tableDecl(id);
      return { code: id, label: decl.title, names: [decl.number, `${decl.number}.`, `Table ${decl.number}`] };
    }),
  );
  return tables;
}

/** The table an id, number or title names, or undefined. */
export function resolveTable(text: string): TableId | undefined {
  return tableIndex().resolve(text)?.code as TableId | undefined;
}

const YEAR = /^\d{4}$/;
/** Years outside this range are typing errors in migration statistics. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

export function isYear(text: string): boolean {
  if (!YEAR.test(text)) return false;
  const y = Number(text);
  return y >= FIRST_YEAR && y <= LAST_YEAR;
}

export function yearProblem(text: string): Bilingual {
  const t = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  return {
    en: `"${t}" is not a year (four digits, ${FIRST_YEAR}–${LAST_YEAR})`,
    ru: `«${t}» — не год (четыре цифры, ${FIRST_YEAR}–${LAST_YEAR})`,
  };
}

interface YearBlock {
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** 1 where a file gave the cell. */
  readonly given: Uint8Array;
}

export class TableSlice {
  readonly shape: TableShape;
  readonly source: { readonly file: string; readonly sheet?: string };
  readonly #years = new Map<string, YearBlock>();

  constructor(shape: TableShape, source: { file: string; sheet?: string }) {
    this.shape = shape;
    this.source = source;
  }

  get yearCount(): number {
    return this.#years.size;
  }

  hasYear(year: string): boolean {
    return this.#years.has(year);
  }

  /** Adds a year's block (the caller has checked the cell limit). */
  addYear(year: string): void {
    if (this.#years.has(year)) return;
    const n = this.shape.block;
    this.#years.set(year, {
      values: new Float64Array(n).fill(Number.NaN),
      status: new Uint8Array(n).fill(Status.notAvailable),
      flags: new Uint8Array(n),
      given: new Uint8Array(n),
    });
  }

  /** Sets a cell of a year already added; false when a file gave it before (a duplicate, not set). */
  put(year: string, offset: number, value: number, status: number, flags: number): boolean {
    const b = this.#years.get(year);
    if (!b) throw new RangeError(`year ${year} not added`);
    if (b.given[offset]) return false;
    b.given[offset] = 1;
    b.values[offset] = status === Status.value ? value : Number.NaN;
    b.status[offset] = status;
    b.flags[offset] = flags;
    return true;
  }

  dataset(reporter: string): Dataset {
    const years = [...this.#years.keys()].sort();
    const ds = emptyCube(this.shape.table, { reporters: [reporter], years });
    const n = this.shape.block;
    years.forEach((y, k) => {
      const b = this.#years.get(y) as YearBlock;
      ds.values.set(b.values, k * n);
      ds.status.set(b.status, k * n);
      ds.flags.set(b.flags, k * n);
    });
    return ds;
  }
}

/** The state of one upload that every reader writes into. */
export class UploadState {
  readonly reporter: string;
  readonly limits: UploadLimits;
  readonly problems = new ProblemList();
  readonly #slices = new Map<TableId, TableSlice>();
  #cellsRead = 0;
  #sliceCells = 0;
  #cellLimitHit = false;

  constructor(reporter: string, limits: Partial<UploadLimits> = {}) {
    this.reporter = reporter;
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, ...limits };
  }

  /**
   * Counts cells read; false (with the problem, once) when the upload's cells pass the limit: the reader stops.
   */
  countCells(n: number, file: string, place: Place): boolean {
    this.#cellsRead += n;
    if (this.#cellsRead <= this.limits.maxCells) return true;
    this.#cellLimit(file, place);
    return false;
  }

  #cellLimit(file: string, place: Place): void {
    if (this.#cellLimitHit) return;
    this.#cellLimitHit = true;
    const c = count(this.limits.maxCells);
    this.problems.add("error", "limit.cells", file, place, {
      en: `the upload has more than ${c.en} cells, the most one upload may have; reading stopped here (split it into several uploads)`,
      ru: `в загрузке больше ${c.ru} ячеек — больше, чем допустимо в одной загрузке; чтение остановлено здесь (разделите данные на несколько загрузок)`,
    });
  }

  get stopped(): boolean {
    return this.#cellLimitHit;
  }

  slice(table: TableId, source: { file: string; sheet?: string }): TableSlice {
    let s = this.#slices.get(table);
    if (!s) {
      s = new TableSlice(tableShape(table), source);
      this.#slices.set(table, s);
    }
    return s;
  }

  /** Adds a year to a slice; false (with the problem) when the slices would pass the cell limit. */
  addYear(slice: TableSlice, year: string, file: string, place: Place): boolean {
    if (slice.hasYear(year)) return true;
    if (this.#sliceCells + slice.shape.block > this.limits.maxCells) {
      this.#cellLimit(file, place);
      return false;
    }
    this.#sliceCells += slice.shape.block;
    slice.addYear(year);
    return true;
  }

  tables(): UploadTable[] {
    const order = new Map(TABLE_IDS.map((id, k) => [id, k]));
    return [...this.#slices.values()]
      .filter((s) => s.yearCount > 0)
      .sort((a, b) => (order.get(a.shape.table) ?? 0) - (order.get(b.shape.table) ?? 0))
      .map((s) => ({ table: s.shape.table, dataset: s.dataset(this.reporter), source: s.source }));
  }
}
