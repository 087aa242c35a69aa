/**
 * The validation of one country's submission: every rule of `rules/` on each submitted slice, the change rule
 * against the table's published version, and the cross-table rules against the country's other tables — the
 * published ones standing in for the tables the submission does not bring. Each finding gets a stable key (rule,
 * table, coordinates), so that a comment on it survives a re-upload in which the same finding recurs, and its
 * coordinates with their labels in both languages. Pure.
 */

import { type Bilingual, type Dataset, datasetProblems, textIn } from "@clearinghouse/cube";
import { type CrossOptions, checkCrossTables } from "../rules/cross.ts";
import { checkTable, type ValidateOptions } from "../rules/index.ts";
import { type CellCoordinates, type Finding, ReportBuilder, type Severity } from "../rules/report.ts";
import { TABLE_IDS, type TableId } from "../tables.ts";

/** One coordinate of a finding's cell, labelled. */
export interface LabelledCoordinate {
  readonly dimension: string;
  readonly dimensionLabel: Bilingual;
  readonly code: string;
  readonly label: Bilingual;
}

export interface SubmissionFinding {
  /** Stable across validations: the same rule on the same table and cell gives the same key. */
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly table: string;
  readonly cell: readonly LabelledCoordinate[];
  readonly against: { readonly table: string; readonly cell: readonly LabelledCoordinate[] } | null;
  readonly expected: number | null;
  readonly found: number | null;
  readonly message: Bilingual;
}

export interface SubmissionValidation {
  readonly findings: readonly SubmissionFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** More findings than `maxFindings`: the rest are counted, not listed. */
  readonly truncated: boolean;
}

export interface SubmissionInput {
  /** The submitted slices, by table. */
  readonly slices: Partial<Record<TableId, Dataset>>;
  /** The current published version of each standard table (every reporter), where there is one. */
  readonly published: Partial<Record<TableId, Dataset>>;
}

/** The stable key of a finding: rule, table and the cell's codes in the cube's dimension order. */
export function findingKey(f: Pick<Finding, "rule" | "table" | "cell">): string {
  const codes = Object.values(f.cell);
  return codes.length === 0 ? `${f.rule}:${f.table}` : `${f.rule}:${f.table}:${codes.join(".")}`;
}

const bilingual = (texts: Readonly<Record<string, string>> | undefined): Bilingual => ({
  en: textIn(texts, "en", ["ru"]),
  ru: textIn(texts, "ru", ["en"]),
});

/** The cell's coordinates with the labels of `ds` (codes it lacks keep the code as label). */
function labelled(ds: Dataset | undefined, cell: CellCoordinates): LabelledCoordinate[] {
  return Object.entries(cell).map(([dimension, code]) => {
    const d = ds?.dimensions.find((x) => x.code === dimension);
    const c = d?.categories.find((x) => x.code === code);
    return {
      dimension,
      dimensionLabel: d ? bilingual(d.label) : { en: dimension, ru: dimension },
      code,
      label: c ? bilingual(c.label) : { en: code, ru: code },
    };
  });
}

/** Validates the submission; options as for `validate` (change threshold, reporters, stateless reporters…). */
export function validateSubmission(
  input: SubmissionInput,
  options: ValidateOptions & CrossOptions = {},
): SubmissionValidation {
  const out = new ReportBuilder(options.maxFindings, options.rules, options.explained);
  const submitted = TABLE_IDS.filter((id) => input.slices[id]);
  for (const id of submitted) {
    const previous = input.published[id];
    checkTable(id, input.slices[id] as Dataset, out, { ...options, ...(previous ? { previous } : {}) });
  }
  // A slice whose arrays do not fit its dimensions takes part in no cross-table rule (its own check says why).
  const cubes: Partial<Record<TableId, Dataset>> = {};
  for (const id of TABLE_IDS) {
    const slice = input.slices[id];
    const cube = slice ?? input.published[id];
    if (cube && datasetProblems(cube).length === 0) cubes[id] = cube;
  }
  checkCrossTables(cubes, out, { ...options, involving: submitted });
  const report = out.report();
  const cubeOf = (table: string) => cubes[table as TableId] ?? input.slices[table as TableId];
  // The same key twice (a rule reporting a cell twice) would make comments ambiguous: the first one stands.
  const seen = new Set<string>();
  const findings: SubmissionFinding[] = [];
  for (const f of report.findings) {
    const key = findingKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      key,
      rule: f.rule,
      severity: f.severity,
      table: f.table,
      cell: labelled(cubeOf(f.table), f.cell),
      against: f.against ? { table: f.against.table, cell: labelled(cubeOf(f.against.table), f.against.cell) } : null,
      expected: f.expected ?? null,
      found: f.found ?? null,
      message: f.message,
    });
  }
  return { findings, errors: report.errors, warnings: report.warnings, truncated: report.truncated };
}
