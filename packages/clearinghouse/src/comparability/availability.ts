/**
 * Data availability: for every participating country, standard table and year, how much of what the table asks
 * for the released data hold. The unit is a block: one reporter, one table, one year. Its *expected cells* depend
 * on the detail asked for (`AVAILABILITY_DETAILS`, cumulative):
 *
 * - `total`: the table's headline figure, own dimension, sex and age all `_T` (one cell);
 * - `sex`: that figure for both sexes, men and women (3 cells);
 * - `age`: those by the 18 age groups too (3 sexes × age `_T` and 18 groups = 57 cells);
 * - `all` (the default): and by the own dimension's categories where it is a short breakdown (place of birth,
 *   citizenship status, status of receiver: `_T` and every category but `_U`), so 57 × 3 or 57 × 4 cells. A
 *   partner-country dimension counts only its `_T`: a country reports the partners it has figures for and the
 *   rest in `_O`, so no partner is expected; the block says how many partners have a figure (`partners`).
 *
 * Unknown (`_U`) categories are never expected: they hold what could not be classified, and `..` there is no gap.
 * A cell is *reported* when it holds a number, nil (`-`, a true zero) or is confidential (`x`: the figure exists
 * but is not published); it is *not available* when it is `..` or any other symbol, or when the released table
 * has no such reporter or year at all. `share` = reported / expected.
 *
 * State of a block: `missing` when nothing expected is reported; otherwise `flagged` when a reported cell carries
 * a flag (provisional, estimated, break in series: the figures are there but qualified); otherwise `available`
 * when all is reported and `partial` when some is. So a country that reports only age `_T` is `available` at
 * detail `total` and `sex` and `partial` (share 3/57) at `age`. Every block carries the counts behind its state.
 */

import { type Bilingual, type Dataset, Flag, Status } from "@clearinghouse/cube";
import { PARTNER_OTHER } from "../countries.ts";
import { Layout } from "../rules/report.ts";
import { AGE_GROUPS, CHAPTERS, type ChapterId, TABLE_IDS, type TableId, TOTAL, tableDecl, UNKNOWN } from "../tables.ts";
import { type ReleasedTables, versionKey } from "./tables.ts";

export const AVAILABILITY_DETAILS = ["total", "sex", "age", "all"] as const;
export type AvailabilityDetail = (typeof AVAILABILITY_DETAILS)[number];

export const AVAILABILITY_STATES = ["available", "partial", "flagged", "missing"] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];

/** Names of the states for files and API answers (the web pages have theirs in their messages). */
export const AVAILABILITY_STATE_LABELS: Readonly<Record<AvailabilityState, Bilingual>> = {
  available: { en: "available", ru: "имеются" },
  partial: { en: "partly available", ru: "имеются частично" },
  flagged: {
    en: "flagged (provisional, estimated or break in series)",
    ru: "с отметками (предварительные, оценка или разрыв ряда)",
  },
  missing: { en: "missing", ru: "отсутствуют" },
};

/** The counts behind a state: expected cells by what they hold, and the flags on the reported ones. */
export interface AvailabilityCounts {
  readonly expected: number;
  /** Numbers (not nil). */
  readonly values: number;
  readonly nil: number;
  readonly confidential: number;
  /** `..`, another symbol, or not in the released table. */
  readonly notAvailable: number;
  readonly provisional: number;
  readonly estimated: number;
  readonly breaks: number;
}

export interface AvailabilityBlock {
  readonly reporter: string;
  readonly table: TableId;
  readonly year: number;
  readonly state: AvailabilityState;
  /** Reported / expected, from 0 to 1. */
  readonly share: number;
  readonly counts: AvailabilityCounts;
  /** Partner-country tables: partners (not `_T`, `_O`, `_U`) with a number above 0 in the headline; else null. */
  readonly partners: number | null;
}

/** Counts summed over blocks, and how many blocks are in each state. */
export interface AvailabilitySummary {
  readonly blocks: number;
  readonly states: Readonly<Record<AvailabilityState, number>>;
  readonly share: number;
  readonly counts: AvailabilityCounts;
}

export interface AvailabilityFilter {
  readonly tables?: readonly TableId[];
  readonly chapters?: readonly ChapterId[];
  /** Reporters to show, among `reporters`. */
  readonly countries?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly detail?: AvailabilityDetail;
}

export interface AvailabilityMatrix {
  readonly detail: AvailabilityDetail;
  readonly reporters: readonly string[];
  readonly tables: readonly TableId[];
  /** Years any shown table has (within the period), ascending. */
  readonly years: readonly number[];
  /** Reporter by reporter, table by table in standard order, year by year. */
  readonly blocks: readonly AvailabilityBlock[];
  readonly byTable: Readonly<Partial<Record<TableId, AvailabilitySummary>>>;
  readonly byReporter: Readonly<Record<string, AvailabilitySummary>>;
  readonly all: AvailabilitySummary;
  /** The versions the matrix was computed from (`versionKey`). */
  readonly versions: string;
}

/** The tables a filter keeps, in standard order: those named and those of the chapters named (both: both). */
export function filteredTables(filter: Pick<AvailabilityFilter, "tables" | "chapters">): TableId[] {
  const inChapters = filter.chapters?.length
    ? new Set(CHAPTERS.filter((c) => filter.chapters?.includes(c.id)).flatMap((c) => c.tables))
    : undefined;
  return TABLE_IDS.filter(
    (id) => (!filter.tables?.length || filter.tables.includes(id)) && (!inChapters || inChapters.has(id)),
  );
}

const EMPTY_COUNTS: AvailabilityCounts = {
  expected: 0,
  values: 0,
  nil: 0,
  confidential: 0,
  notAvailable: 0,
  provisional: 0,
  estimated: 0,
  breaks: 0,
};

const reported = (c: AvailabilityCounts) => c.values + c.nil + c.confidential;

/** State and share of counts, as the module's comment defines them. */
export function stateOf(counts: AvailabilityCounts): { state: AvailabilityState; share: number } {
  const share = counts.expected === 0 ? 0 : reported(counts) / counts.expected;
  if (reported(counts) === 0) return { state: "missing", share };
  if (counts.provisional + counts.estimated + counts.breaks > 0) return { state: "flagged", share };
  return { state: reported(counts) === counts.expected ? "available" : "partial", share };
}

/** Category codes expected along sex, age and the own dimension at a detail. */
export function expectedCodes(
  table: TableId,
  detail: AvailabilityDetail,
): { readonly own: readonly string[]; readonly sex: readonly string[]; readonly age: readonly string[] } {
  const own = tableDecl(table).own[0];
  const ownCodes =
    detail === "all" && own?.type === "breakdown"
      ? own.categories.map((c) => c.code).filter((c) => c !== UNKNOWN)
      : [TOTAL];
  const sex = detail === "total" ? [TOTAL] : [TOTAL, "M", "F"];
  const age = detail === "age" || detail === "all" ? [TOTAL, ...AGE_GROUPS.map((g) => g.code)] : [TOTAL];
  return { own: ownCodes, sex, age };
}

/** A block the released table does not have (no version, reporter or year): every expected cell not available. */
function absentBlock(
  table: TableId,
  detail: AvailabilityDetail,
): { counts: AvailabilityCounts; partners: number | null } {
  const n = expectedCodes(table, detail);
  const expected = n.own.length * n.sex.length * n.age.length;
  return {
    counts: { ...EMPTY_COUNTS, expected, notAvailable: expected },
    partners: tableDecl(table).own[0]?.type === "partner" ? 0 : null,
  };
}

/** The reading of one table's cube: positions of its dimensions and of the expected categories. */
class TableReader {
  private readonly layout: Layout;
  private readonly reporterIndex: Map<string, number>;
  private readonly yearIndex: Map<number, number>;
  private readonly offsets: readonly number[];
  private readonly dims: { reporter: number; year: number; own: number; sex: number; age: number };
  private readonly partnerOffsets: readonly number[] | undefined;
  readonly expected: number;

  constructor(
    readonly table: TableId,
    readonly ds: Dataset,
    private readonly detail: AvailabilityDetail,
  ) {
    this.layout = new Layout(ds);
    const own = tableDecl(table).own[0];
    const dim = (code: string) => this.layout.dim(code);
    this.dims = {
      reporter: dim("reporter"),
      year: dim("year"),
      own: dim(own?.code ?? ""),
      sex: dim("sex"),
      age: dim("age"),
    };
    const categories = (k: number) => ds.dimensions[k]?.categories ?? [];
    this.reporterIndex = new Map(categories(this.dims.reporter).map((c, i) => [c.code, i]));
    this.yearIndex = new Map(categories(this.dims.year).map((c, i) => [Number(c.code), i]));
    const codes = expectedCodes(table, detail);
    this.expected = codes.own.length * codes.sex.length * codes.age.length;
    const st = this.layout.strides;
    // Offsets of the expected cells inside a reporter-year (a cell the cube lacks is -1: not available).
    const offsets: number[] = [];
    const at = (k: number, code: string) => (k < 0 ? -1 : this.layout.category(k, code));
    for (const o of codes.own) {
      for (const s of codes.sex) {
        for (const a of codes.age) {
          const io = at(this.dims.own, o);
          const is = at(this.dims.sex, s);
          const ia = at(this.dims.age, a);
          offsets.push(
            io < 0 || is < 0 || ia < 0
              ? -1
              : io * (st[this.dims.own] as number) +
                  is * (st[this.dims.sex] as number) +
                  ia * (st[this.dims.age] as number),
          );
        }
      }
    }
    this.offsets = offsets;
    if (own?.type === "partner" && this.dims.own >= 0) {
      const headline =
        at(this.dims.sex, TOTAL) * (st[this.dims.sex] as number) +
        at(this.dims.age, TOTAL) * (st[this.dims.age] as number);
      this.partnerOffsets = categories(this.dims.own).flatMap((c, i) =>
        c.code === TOTAL || c.code === PARTNER_OTHER || c.code === UNKNOWN
          ? []
          : [headline + i * (st[this.dims.own] as number)],
      );
    }
  }

  years(): number[] {
    return [...this.yearIndex.keys()];
  }

  block(reporter: string, year: number): { counts: AvailabilityCounts; partners: number | null } {
    const r = this.reporterIndex.get(reporter);
    const y = this.yearIndex.get(year);
    if (r === undefined || y === undefined) return absentBlock(this.table, this.detail);
    const st = this.layout.strides;
    const base = r * (st[this.dims.reporter] as number) + y * (st[this.dims.year] as number);
    const { status, flags, values } = this.ds;
    let nValues = 0;
    let nil = 0;
    let confidential = 0;
    let provisional = 0;
    let estimated = 0;
    let breaks = 0;
    for (const offset of this.offsets) {
      if (offset < 0) continue;
      const s = status[base + offset];
      if (s === Status.value) nValues++;
      else if (s === Status.nil) nil++;
      else if (s === Status.confidential) confidential++;
      else continue;
      const f = flags[base + offset] as number;
      if (f & Flag.provisional) provisional++;
      if (f & Flag.estimated) estimated++;
      if (f & Flag.breakInSeries) breaks++;
    }
    let partners: number | null = null;
    if (this.partnerOffsets) {
      partners = 0;
      for (const offset of this.partnerOffsets) {
        if (status[base + offset] === Status.value && (values[base + offset] as number) > 0) partners++;
      }
    }
    const known = nValues + nil + confidential;
    return {
      counts: {
        expected: this.expected,
        values: nValues,
        nil,
        confidential,
        notAvailable: this.expected - known,
        provisional,
        estimated,
        breaks,
      },
      partners,
    };
  }
}

class SummaryBuilder {
  private blocks = 0;
  private readonly states: Record<AvailabilityState, number> = { available: 0, partial: 0, flagged: 0, missing: 0 };
  private counts: { -readonly [K in keyof AvailabilityCounts]: number } = { ...EMPTY_COUNTS };

  add(block: AvailabilityBlock): void {
    this.blocks++;
    this.states[block.state]++;
    for (const key of Object.keys(this.counts) as (keyof AvailabilityCounts)[]) this.counts[key] += block.counts[key];
  }

  summary(): AvailabilitySummary {
    return {
      blocks: this.blocks,
      states: { ...this.states },
      share: stateOf(this.counts).share,
      counts: { ...this.counts },
    };
  }
}

/**
 * The availability matrix of `reporters` (the participating countries) over the released tables, filtered. A
 * table without a released version is all missing; years are those of the shown tables within the period.
 */
export function availability(
  tables: ReleasedTables,
  reporters: readonly string[],
  filter: AvailabilityFilter = {},
): AvailabilityMatrix {
  const detail = filter.detail ?? "all";
  const shownTables = filteredTables(filter);
  const shownReporters = filter.countries?.length ? reporters.filter((r) => filter.countries?.includes(r)) : reporters;
  const readers = new Map<TableId, TableReader>();
  for (const id of shownTables) {
    const released = tables.get(id);
    if (released) readers.set(id, new TableReader(id, released.cube, detail));
  }
  const years = [...new Set([...readers.values()].flatMap((r) => r.years()))]
    .filter((y) => (filter.from === undefined || y >= filter.from) && (filter.to === undefined || y <= filter.to))
    .sort((a, b) => a - b);

  const blocks: AvailabilityBlock[] = [];
  const byTable = new Map(shownTables.map((id) => [id, new SummaryBuilder()]));
  const byReporter = new Map(shownReporters.map((r) => [r, new SummaryBuilder()]));
  const all = new SummaryBuilder();
  for (const reporter of shownReporters) {
    for (const table of shownTables) {
      for (const year of years) {
        const { counts, partners } = readers.get(table)?.block(reporter, year) ?? absentBlock(table, detail);
        const block: AvailabilityBlock = { reporter, table, year, ...stateOf(counts), counts, partners };
        blocks.push(block);
        byTable.get(table)?.add(block);
        byReporter.get(reporter)?.add(block);
        all.add(block);
      }
    }
  }
  return {
    detail,
    reporters: shownReporters,
    tables: shownTables,
    years,
    blocks,
    byTable: Object.fromEntries([...byTable].map(([id, s]) => [id, s.summary()])),
    byReporter: Object.fromEntries([...byReporter].map(([r, s]) => [r, s.summary()])),
    all: all.summary(),
    versions: versionKey(tables, shownTables),
  };
}
