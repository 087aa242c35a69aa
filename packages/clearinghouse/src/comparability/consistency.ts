/**
 * The public consistency report: every rule of `rules/` run on the released data of one reporting country and
 * one year — within each table, across tables, and over time (against the year before and, when given, the
 * previous version of the table) — each finding with the cells it involves, their labels and figures, and the
 * selection of the table page that shows them.
 *
 * Known, explained differences are warnings with their explanation, never errors:
 * - a cross-table difference that a known difference (`KNOWN_DIFFERENCES`, such as the two UN revisions behind
 *   1.1 and 1.2) explains, when both tables say so in their notes (the released tables carry the explanation);
 * - a change against the year before in a year where the country's metadata records a break in series for the
 *   table (its explanation is the break's text), or in a cell flagged `b` (break in series).
 * The rules run unchanged on slices of the released cubes (one reporter, the year, and the year before for the
 * change check), so the report is what a submission of that country and year would get.
 */

import { type Bilingual, type Dataset, flagLetters, Status, select, symbolOf, textIn } from "@clearinghouse/cube";
import { RULE_CHANGE_VERSION, RULE_CHANGE_YEAR } from "../rules/change.ts";
import { CROSS_RULES, type CrossRuleDecl, checkCrossTables, KNOWN_DIFFERENCES, mentions } from "../rules/cross.ts";
import { checkTable, RULES } from "../rules/index.ts";
import {
  type CellCoordinates,
  type ExplainedRule,
  type Finding,
  Layout,
  ReportBuilder,
  type Severity,
  type ValidationReport,
} from "../rules/report.ts";
import { RULE_CATEGORIES, RULE_DIMENSIONS, RULE_SHAPE } from "../rules/structure.ts";
import {
  RULE_AGE_TOTAL,
  RULE_BREAKDOWN_TOTAL,
  RULE_NON_NEGATIVE,
  RULE_PARTNER_TOTAL,
  RULE_SEX_TOTAL,
} from "../rules/within.ts";
import { CONTENTS_DIMENSION, TABLE_IDS, type TableId, TOTAL, tableDecl } from "../tables.ts";
import { type ReleasedTables, versionKey } from "./tables.ts";

export type RuleKind = "structure" | "within" | "cross" | "change";

/** What the report needs of a country metadata entry (the shape of `/api/metadata/countries`). */
export interface ConsistencyMetadata {
  readonly table: TableId;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly breaks: Bilingual | null;
  readonly statelessInCitizenshipTable: boolean;
}

export interface ConsistencyOptions {
  /** The participating countries (the structure rule's allowed reporters). */
  readonly reporters?: readonly string[];
  /** The reporter's country metadata entries. */
  readonly metadata?: readonly ConsistencyMetadata[];
  readonly known?: readonly ExplainedRule[];
  readonly changeThreshold?: number;
  readonly minAbsoluteChange?: number;
  /** Findings kept (all are counted); default 2,000. */
  readonly maxFindings?: number;
}

export interface InvolvedCell {
  readonly table: TableId;
  readonly cell: CellCoordinates;
  /** Label of each coordinate's category, in both languages. */
  readonly labels: Readonly<Record<string, Bilingual>>;
  /** The figure, or null when the cell holds a symbol. */
  readonly value: number | null;
  /** `..`, `-`, `x` or another symbol; "" for a number. */
  readonly symbol: string;
  /** Flag letters (p, e, b). */
  readonly flags: string;
  /** Which version the figure is from, when it is not the current one. */
  readonly previousVersion?: true;
}

/** The cells of one table a finding involves, as a table page selection: dimension → category codes. */
export interface TableSelection {
  readonly table: TableId;
  readonly selection: Readonly<Record<string, readonly string[]>>;
}

export interface ConsistencyFinding {
  readonly rule: string;
  readonly kind: RuleKind;
  readonly severity: Severity;
  readonly message: Bilingual;
  /** Why this difference is known and not an error; null for an unexplained finding. */
  readonly explanation: Bilingual | null;
  readonly table: TableId;
  readonly expected?: number;
  readonly found?: number;
  readonly cells: readonly InvolvedCell[];
  /** One selection per table involved, the finding's table first. */
  readonly selections: readonly TableSelection[];
}

/** Whether a rule ran for this reporter and year, and what it found. */
export interface RuleOutcome {
  readonly rule: string;
  readonly kind: RuleKind;
  readonly description: Bilingual;
  /** The tables the rule reads (one, or two for a cross-table rule). */
  readonly tables: readonly TableId[];
  /** False when a table it reads has no data for the reporter and year (or, over time, for the year before). */
  readonly checked: boolean;
  /**
   * A cross-table rule not run because another table's rules imply it (5.1 = 5.2 follows from 3 = 5.1 and 3 = 5.2
   * when there is a table 3): that table; else null.
   */
  readonly impliedBy: TableId | null;
  readonly errors: number;
  readonly warnings: number;
  readonly explanation: Bilingual | null;
}

export interface ConsistencyReport {
  readonly reporter: string;
  readonly year: number;
  /** Tables with figures for the reporter and year. */
  readonly tables: readonly TableId[];
  readonly findings: readonly ConsistencyFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** True when findings were left out (every finding is counted). */
  readonly truncated: boolean;
  readonly rules: readonly RuleOutcome[];
  readonly versions: string;
}

export const DEFAULT_CONSISTENCY_FINDINGS = 2_000;

const WITHIN_RULES = [RULE_NON_NEGATIVE, RULE_SEX_TOTAL, RULE_AGE_TOTAL, RULE_PARTNER_TOTAL, RULE_BREAKDOWN_TOTAL];
const STRUCTURE_RULES = [RULE_SHAPE, RULE_DIMENSIONS, RULE_CATEGORIES];

export function ruleKind(rule: string): RuleKind {
  if (STRUCTURE_RULES.includes(rule)) return "structure";
  if (rule === RULE_CHANGE_YEAR || rule === RULE_CHANGE_VERSION) return "change";
  if (rule.startsWith("cross.")) return "cross";
  return "within";
}

const description = (rule: string): Bilingual =>
  RULES.find((r) => r.id === rule)?.description ?? { en: rule, ru: rule };

/** The slice of a cube for one reporter and some years, or undefined when it has not all of them. */
function slice(ds: Dataset, reporter: string, years: readonly number[]): Dataset | undefined {
  const has = (code: string, value: string) =>
    ds.dimensions.find((d) => d.code === code)?.categories.some((c) => c.code === value) ?? false;
  if (!has("reporter", reporter) || years.some((y) => !has("year", String(y)))) return undefined;
  const query = ds.dimensions.map((d) => ({
    code: d.code,
    selection:
      d.code === "reporter"
        ? { filter: "item", values: [reporter] }
        : d.code === "year"
          ? { filter: "item", values: years.map(String) }
          : { filter: "all", values: ["*"] },
  }));
  const result = select(ds, query, { limits: false });
  return result.ok ? result.dataset : undefined;
}

/** Whether a reporter-year slice holds any figure (a number or nil): an empty slice is not reported data. */
function hasFigures(ds: Dataset): boolean {
  for (let i = 0; i < ds.status.length; i++) {
    const s = ds.status[i];
    if (s === Status.value || s === Status.nil) return true;
  }
  return false;
}

/** The break in series the metadata records for a table in `year` (an entry starting that year), if any. */
function breakIn(metadata: readonly ConsistencyMetadata[], table: TableId, year: number): Bilingual | null {
  return metadata.find((m) => m.table === table && m.fromYear === year && m.breaks)?.breaks ?? null;
}

const BREAK_FLAG_EXPLANATION = (year: number): Bilingual => ({
  en: `The figure of ${year} is flagged as a break in series: it is not comparable with the year before.`,
  ru: `Значение за ${year} год отмечено как разрыв ряда: оно несопоставимо с предыдущим годом.`,
});

/** Reads cells of the released slices: coordinates → labels, figure, symbol, flags. */
class CellReader {
  private readonly layouts = new Map<Dataset, Layout>();

  constructor(private readonly cubes: ReadonlyMap<TableId, Dataset>) {}

  cell(table: TableId, cell: CellCoordinates, ds = this.cubes.get(table)): InvolvedCell | undefined {
    if (!ds) return undefined;
    let layout = this.layouts.get(ds);
    if (!layout) {
      layout = new Layout(ds);
      this.layouts.set(ds, layout);
    }
    let offset = 0;
    const labels: Record<string, Bilingual> = {};
    for (let k = 0; k < ds.dimensions.length; k++) {
      const d = ds.dimensions[k];
      if (!d) return undefined;
      const code = cell[d.code] ?? d.categories[0]?.code ?? "";
      const i = layout.category(k, code);
      if (i < 0) return undefined;
      offset += i * (layout.strides[k] as number);
      const label = d.categories[i]?.label;
      if (d.code !== CONTENTS_DIMENSION.code)
        labels[d.code] = { en: textIn(label, "en"), ru: textIn(label, "ru", ["en"]) };
    }
    const status = ds.status[offset] as number;
    const coordinates = Object.fromEntries(Object.entries(cell).filter(([code]) => code !== CONTENTS_DIMENSION.code));
    return {
      table,
      cell: coordinates,
      labels,
      value: status === Status.value ? (ds.values[offset] as number) : null,
      symbol: symbolOf(ds, status),
      flags: flagLetters(ds.flags[offset] as number),
    };
  }

  /** The codes of a dimension of a table's slice. */
  codes(table: TableId, dimension: string): string[] {
    return (
      this.cubes
        .get(table)
        ?.dimensions.find((d) => d.code === dimension)
        ?.categories.map((c) => c.code) ?? []
    );
  }
}

/** The cells a finding involves: the cell found wrong and the cells its expected figure comes from. */
function involvedCells(
  finding: Finding,
  table: TableId,
  reader: CellReader,
  previous: Dataset | undefined,
  stateless: boolean,
): InvolvedCell[] {
  const at = (t: TableId, cell: CellCoordinates) => reader.cell(t, cell);
  const along = (t: TableId, cell: CellCoordinates, dimension: string, codes: readonly string[]) =>
    codes.flatMap((code) => at(t, { ...cell, [dimension]: code }) ?? []);
  const { cell, rule } = finding;
  if (Object.keys(cell).length === 0) return [];
  if (rule === RULE_SEX_TOTAL) return along(table, cell, "sex", [TOTAL, "M", "F"]);
  if (rule === RULE_AGE_TOTAL) return along(table, cell, "age", reader.codes(table, "age"));
  if (rule === RULE_BREAKDOWN_TOTAL || rule === RULE_PARTNER_TOTAL) {
    const own = tableDecl(table).own[0]?.code ?? "";
    const cells = along(table, cell, own, reader.codes(table, own));
    // A partner total's parts are some 250 countries: those without a figure add nothing to the sum.
    return rule === RULE_PARTNER_TOTAL
      ? cells.filter((c) => c.cell[own] === TOTAL || c.cell[own]?.startsWith("_") || (c.value ?? 0) > 0)
      : cells;
  }
  if (rule === RULE_CHANGE_YEAR) {
    const before = String(Number(cell.year) - 1);
    return [at(table, { ...cell, year: before }), at(table, cell)].filter((c) => c !== undefined);
  }
  if (rule === RULE_CHANGE_VERSION) {
    const old = previous ? reader.cell(table, cell, previous) : undefined;
    const now = at(table, cell);
    return [...(old ? [{ ...old, previousVersion: true as const }] : []), ...(now ? [now] : [])];
  }
  const cross = CROSS_RULES.find((r) => r.id === rule);
  if (cross && finding.against) {
    const leftTable = cross.left.table;
    const leftOwn = tableDecl(leftTable).own[0]?.code ?? "";
    const rightOwn = tableDecl(table).own[0]?.code ?? "";
    const leftCodes = stateless && cross.statelessCode ? [...cross.left.codes, cross.statelessCode] : cross.left.codes;
    return [
      ...along(table, cell, rightOwn, cross.right.codes),
      ...along(leftTable, finding.against.cell, leftOwn, leftCodes),
    ];
  }
  const one = at(table, cell);
  return one ? [one] : [];
}

/** One selection per table: every dimension's codes over the cells (first-seen order), the finding's table first. */
export function selectionsOf(
  table: TableId,
  cells: readonly InvolvedCell[],
  fallback: CellCoordinates,
): TableSelection[] {
  const byTable = new Map<TableId, Map<string, string[]>>();
  const add = (t: TableId, coordinates: CellCoordinates) => {
    let dims = byTable.get(t);
    if (!dims) {
      dims = new Map();
      byTable.set(t, dims);
    }
    for (const [code, value] of Object.entries(coordinates)) {
      if (code === CONTENTS_DIMENSION.code) continue;
      const list = dims.get(code) ?? [];
      if (!list.includes(value)) list.push(value);
      dims.set(code, list);
    }
  };
  add(table, cells.length ? (cells.find((c) => c.table === table)?.cell ?? fallback) : fallback);
  for (const c of cells) add(c.table, c.cell);
  return [...byTable].map(([t, dims]) => ({ table: t, selection: Object.fromEntries(dims) }));
}

function stripExplanation(message: Bilingual, explanation: Bilingual | null): Bilingual {
  if (!explanation) return message;
  const strip = (text: string, tail: string) => (text.endsWith(` ${tail}`) ? text.slice(0, -tail.length - 1) : text);
  return { en: strip(message.en, explanation.en), ru: strip(message.ru, explanation.ru) };
}

/** The consistency report of one reporter and year on the released tables. */
export function consistencyReport(
  tables: ReleasedTables,
  reporter: string,
  year: number,
  options: ConsistencyOptions = {},
): ConsistencyReport {
  const maxFindings = options.maxFindings ?? DEFAULT_CONSISTENCY_FINDINGS;
  const metadata = (options.metadata ?? []).filter(
    (m) => (m.fromYear === null || m.fromYear <= year) && (m.toYear === null || m.toYear >= year),
  );
  const known = options.known ?? KNOWN_DIFFERENCES;
  const change = {
    ...(options.changeThreshold !== undefined ? { changeThreshold: options.changeThreshold } : {}),
    ...(options.minAbsoluteChange !== undefined ? { minAbsoluteChange: options.minAbsoluteChange } : {}),
  };
  const structure = options.reporters ? { reporters: options.reporters } : {};

  const current = new Map<TableId, Dataset>();
  const withYearBefore = new Map<TableId, Dataset>();
  for (const id of TABLE_IDS) {
    const released = tables.get(id);
    if (!released) continue;
    const ds = slice(released.cube, reporter, [year]);
    if (!ds || !hasFigures(ds)) continue;
    current.set(id, ds);
    const both = slice(released.cube, reporter, [year - 1, year]);
    if (both) withYearBefore.set(id, both);
  }
  // Cells are read from the slices with the year before where there is one (the change check's cells are in it).
  const reader = new CellReader(new Map([...current].map(([id, ds]) => [id, withYearBefore.get(id) ?? ds])));

  // Each group of findings comes with the explanation of its rule, if any, and what to read its cells from.
  const groups: { report: ValidationReport; explained: ReadonlyMap<string, Bilingual> }[] = [];
  const outcomes: RuleOutcome[] = [];
  const count = (report: ValidationReport, rule: string) => report.byRule[rule] ?? { errors: 0, warnings: 0 };

  for (const id of TABLE_IDS) {
    const ds = current.get(id);
    const kindOfOwn = tableDecl(id).own[0]?.type;
    const within = WITHIN_RULES.filter((r) =>
      r === RULE_PARTNER_TOTAL
        ? kindOfOwn === "partner"
        : r === RULE_BREAKDOWN_TOTAL
          ? kindOfOwn === "breakdown"
          : true,
    );
    const out = new ReportBuilder(maxFindings, [...STRUCTURE_RULES, ...within]);
    if (ds) checkTable(id, ds, out, { ...structure, rules: within, changeThreshold: Number.POSITIVE_INFINITY });
    const report = out.report();
    groups.push({ report, explained: new Map() });
    for (const rule of [...STRUCTURE_RULES, ...within]) {
      outcomes.push({
        rule,
        kind: ruleKind(rule),
        description: description(rule),
        tables: [id],
        checked: ds !== undefined,
        impliedBy: null,
        ...count(report, rule),
        explanation: null,
      });
    }

    // Over time: against the year before (a break explains the change) and the previous version.
    const breakText = breakIn(metadata, id, year);
    const overTime = new ReportBuilder(
      maxFindings,
      [RULE_CHANGE_YEAR, RULE_CHANGE_VERSION],
      breakText ? [{ rule: RULE_CHANGE_YEAR, explanation: breakText }] : [],
    );
    const both = withYearBefore.get(id);
    const previous = tables.get(id)?.previous;
    const previousSlice = previous && ds ? slice(previous, reporter, [year]) : undefined;
    if (ds && both) checkTable(id, both, overTime, { ...structure, ...change, rules: [RULE_CHANGE_YEAR] });
    if (ds && previousSlice)
      checkTable(id, ds, overTime, { ...structure, ...change, rules: [RULE_CHANGE_VERSION], previous: previousSlice });
    const timeReport = overTime.report();
    groups.push({ report: timeReport, explained: new Map(breakText ? [[RULE_CHANGE_YEAR, breakText]] : []) });
    outcomes.push({
      rule: RULE_CHANGE_YEAR,
      kind: "change",
      description: description(RULE_CHANGE_YEAR),
      tables: [id],
      checked: ds !== undefined && both !== undefined,
      impliedBy: null,
      ...count(timeReport, RULE_CHANGE_YEAR),
      explanation: breakText,
    });
    outcomes.push({
      rule: RULE_CHANGE_VERSION,
      kind: "change",
      description: description(RULE_CHANGE_VERSION),
      tables: [id],
      checked: previousSlice !== undefined,
      impliedBy: null,
      ...count(timeReport, RULE_CHANGE_VERSION),
      explanation: null,
    });
  }

  // Across tables: a known difference applies when both tables carry its explanation in their notes.
  const explainedCross = (rule: CrossRuleDecl) => {
    const left = current.get(rule.left.table);
    const right = current.get(rule.right.table);
    return known.find(
      (k) => k.rule === rule.id && left && right && mentions(left, k.explanation) && mentions(right, k.explanation),
    );
  };
  const crossExplained = CROSS_RULES.flatMap((r) => explainedCross(r) ?? []);
  const stateless = metadata.some((m) => m.statelessInCitizenshipTable && m.table === "T2_2");
  const cross = new ReportBuilder(maxFindings, undefined, crossExplained);
  checkCrossTables(Object.fromEntries(current), cross, stateless ? { statelessInCitizenshipTable: [reporter] } : {});
  const crossReport = cross.report();
  groups.push({ report: crossReport, explained: new Map(crossExplained.map((k) => [k.rule, k.explanation])) });
  for (const rule of CROSS_RULES) {
    const both = current.has(rule.left.table) && current.has(rule.right.table);
    const impliedBy = both && rule.onlyWithout && current.has(rule.onlyWithout) ? rule.onlyWithout : null;
    outcomes.push({
      rule: rule.id,
      kind: "cross",
      description: description(rule.id),
      tables: [rule.left.table, rule.right.table],
      checked: both && impliedBy === null,
      impliedBy,
      ...count(crossReport, rule.id),
      explanation: crossExplained.find((k) => k.rule === rule.id)?.explanation ?? null,
    });
  }

  const findings: ConsistencyFinding[] = [];
  let errors = 0;
  let warnings = 0;
  let truncated = false;
  for (const { report, explained } of groups) {
    errors += report.errors;
    warnings += report.warnings;
    truncated ||= report.truncated;
    for (const f of report.findings) {
      if (findings.length >= maxFindings) {
        truncated = true;
        break;
      }
      const table = f.table as TableId;
      const cells = involvedCells(f, table, reader, tables.get(table)?.previous, stateless);
      let explanation = explained.get(f.rule) ?? null;
      const message = stripExplanation(f.message, explanation);
      if (
        !explanation &&
        f.rule === RULE_CHANGE_YEAR &&
        cells.some((c) => c.cell.year === String(year) && c.flags.includes("b"))
      ) {
        explanation = BREAK_FLAG_EXPLANATION(year);
      }
      findings.push({
        rule: f.rule,
        kind: ruleKind(f.rule),
        severity: f.severity,
        message,
        explanation,
        table,
        ...(f.expected !== undefined ? { expected: f.expected } : {}),
        ...(f.found !== undefined ? { found: f.found } : {}),
        cells,
        selections: selectionsOf(table, cells, { reporter, year: String(year) }),
      });
    }
  }
  // Errors first, then warnings, each in the order the rules ran.
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return {
    reporter,
    year,
    tables: [...current.keys()],
    findings,
    errors,
    warnings,
    truncated,
    rules: outcomes,
    versions: versionKey(tables, TABLE_IDS),
  };
}
