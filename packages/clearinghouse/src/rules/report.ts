/** Findings, the validation report and the helpers every rule shares. */

import { type Bilingual, type Dataset, Status, strides } from "@clearinghouse/cube";

export type Severity = "error" | "warning";

/** Coordinates of a cell: dimension code → category code. */
export type CellCoordinates = Readonly<Record<string, string>>;

export interface Finding {
  /** Stable rule id (see `RULES`). */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: Bilingual;
  /** Table of the cell found wrong. */
  readonly table: string;
  /** The cell found wrong (for a table-level finding, empty). */
  readonly cell: CellCoordinates;
  /** What the rule expected there (the sum of the parts, the other table's figure, last year's figure). */
  readonly expected?: number;
  /** What the cell holds. */
  readonly found?: number;
  /** For cross-table rules: the cell of the other table the expected figure comes from. */
  readonly against?: { readonly table: string; readonly cell: CellCoordinates };
}

export interface RuleCount {
  readonly errors: number;
  readonly warnings: number;
}

export interface ValidationReport {
  /** Findings in the order the rules ran, cells in cube order; at most `maxFindings` of them. */
  readonly findings: readonly Finding[];
  /** Counts over every finding, including those left out of `findings`. */
  readonly errors: number;
  readonly warnings: number;
  readonly byRule: Readonly<Record<string, RuleCount>>;
  /** True when findings were left out because there were more than `maxFindings`. */
  readonly truncated: boolean;
}

export const DEFAULT_MAX_FINDINGS = 10_000;

/** Collects findings, counting all of them but building at most `maxFindings`. */
/** A difference known in advance (two sources, two revisions), reported as a warning with its explanation. */
export interface ExplainedRule {
  readonly rule: string;
  readonly explanation: Bilingual;
}

export class ReportBuilder {
  private readonly findings: Finding[] = [];
  private readonly counts = new Map<string, { errors: number; warnings: number }>();
  private errors = 0;
  private warnings = 0;

  private readonly only: ReadonlySet<string> | undefined;

  private readonly explained: ReadonlyMap<string, Bilingual>;

  /**
   * @param only record only the findings of these rules (default all)
   * @param explained known, explained differences: their findings are warnings that carry the explanation
   */
  constructor(
    readonly maxFindings: number = DEFAULT_MAX_FINDINGS,
    only?: readonly string[],
    explained: readonly ExplainedRule[] = [],
  ) {
    this.only = only ? new Set(only) : undefined;
    this.explained = new Map(explained.map((e) => [e.rule, e.explanation]));
  }

  /** Records a finding; `build` runs only while the list has room, so a flood of findings stays cheap. */
  add(rule: string, given: Severity, build: () => Omit<Finding, "rule" | "severity">): void {
    if (this.only && !this.only.has(rule)) return;
    const explanation = this.explained.get(rule);
    const severity: Severity = explanation ? "warning" : given;
    let count = this.counts.get(rule);
    if (!count) {
      count = { errors: 0, warnings: 0 };
      this.counts.set(rule, count);
    }
    if (severity === "error") {
      count.errors++;
      this.errors++;
    } else {
      count.warnings++;
      this.warnings++;
    }
    if (this.findings.length >= this.maxFindings) return;
    const finding = build();
    this.findings.push(
      explanation
        ? {
            rule,
            severity,
            ...finding,
            message: { en: `${finding.message.en} ${explanation.en}`, ru: `${finding.message.ru} ${explanation.ru}` },
          }
        : { rule, severity, ...finding },
    );
  }

  report(): ValidationReport {
    return {
      findings: [...this.findings],
      errors: this.errors,
      warnings: this.warnings,
      byRule: Object.fromEntries([...this.counts].map(([rule, c]) => [rule, { ...c }])),
      truncated: this.errors + this.warnings > this.findings.length,
    };
  }
}

/** Status codes as the rules read them: a number, nil (counts as 0), or unknown (`..`, `x`, any other symbol). */
export const NIL = Status.nil;

/** Index arithmetic on one dataset. */
export class Layout {
  readonly strides: number[];
  readonly sizes: number[];
  private readonly indexes: Map<string, number>[];

  constructor(readonly ds: Dataset) {
    this.strides = strides(ds.dimensions);
    this.sizes = ds.dimensions.map((d) => d.categories.length);
    this.indexes = ds.dimensions.map((d) => new Map(d.categories.map((c, i) => [c.code, i])));
  }

  /** Position of a dimension, or -1. */
  dim(code: string): number {
    return this.ds.dimensions.findIndex((d) => d.code === code);
  }

  /** Position of a category in dimension `k`, or -1. */
  category(k: number, code: string): number {
    return this.indexes[k]?.get(code) ?? -1;
  }

  /** Coordinates of the cell at `offset`. */
  cell(offset: number): CellCoordinates {
    const out: Record<string, string> = {};
    this.ds.dimensions.forEach((d, k) => {
      const i = Math.floor(offset / (this.strides[k] ?? 1)) % d.categories.length;
      out[d.code] = d.categories[i]?.code ?? "";
    });
    return out;
  }
}

/** The number a cell counts as: its value, 0 for nil, undefined when unknown. */
export function cellNumber(ds: Dataset, offset: number): number | undefined {
  const s = ds.status[offset];
  if (s === Status.value) return ds.values[offset];
  if (s === NIL) return 0;
  return undefined;
}

/** Whether two sums differ, with room for rounding when values are not whole. */
export function differs(a: number, b: number): boolean {
  return Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Formats a number for a message. */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
}
