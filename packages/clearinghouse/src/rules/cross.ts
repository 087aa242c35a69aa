/**
 * Rules across tables: the same figure reported in two tables must agree, for the same reporter, year, sex and age.
 * A cell that is not available or confidential on either side is not compared; nil counts as 0.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import { UN_REVISION_FINDING } from "../demo/un-desa.ts";
import { dimensionCodes, type TableId, tableDecl } from "../tables.ts";
import { cellNumber, differs, type ExplainedRule, Layout, num, type ReportBuilder } from "./report.ts";

/**
 * Cross-table differences known in advance: rule and explanation (the two UN revisions behind 1.1 and 1.2).
 * One applies when both tables of its rule carry the explanation among their notes (`explainedByNotes`).
 */
export const KNOWN_DIFFERENCES: readonly ExplainedRule[] = [UN_REVISION_FINDING];

/** Whether one of a cube's notes contains the text, in either language. */
export function mentions(ds: Dataset, text: Bilingual): boolean {
  return (ds.notes ?? []).some((n) => Object.values(n.text).some((t) => t.includes(text.en) || t.includes(text.ru)));
}

/** The known differences whose explanation both tables of their rule carry: these are warnings, not errors. */
export function explainedByNotes(
  cubes: Partial<Record<TableId, Dataset>>,
  known: readonly ExplainedRule[] = KNOWN_DIFFERENCES,
): ExplainedRule[] {
  return known.filter((k) => {
    const rule = CROSS_RULES.find((r) => r.id === k.rule);
    const left = rule && cubes[rule.left.table];
    const right = rule && cubes[rule.right.table];
    return Boolean(left && right && mentions(left, k.explanation) && mentions(right, k.explanation));
  });
}

/** Categories of a table's own dimension whose sum is compared. */
export interface CrossSide {
  readonly table: TableId;
  readonly codes: readonly string[];
}

export interface CrossRuleDecl {
  readonly id: string;
  /** Where the expected figure comes from. */
  readonly left: CrossSide;
  /** Where it is checked (findings name this table's cell). */
  readonly right: CrossSide;
  /** A category added to the left side for reporters listed in `statelessInCitizenshipTable`. */
  readonly statelessCode?: string;
  /** Checked only when this table is not submitted (3 = 5.1 = 5.2 is checked against 3 when there is one). */
  readonly onlyWithout?: TableId;
}

const side = (table: TableId, ...codes: string[]): CrossSide => ({ table, codes });

/** The cross-table rules of TABLES.md, each an equality of two figures. */
export const CROSS_RULES: readonly CrossRuleDecl[] = [
  { id: "cross.T1_1.FOR=T1_2._T", left: side("T1_1", "FOR"), right: side("T1_2", "_T") },
  { id: "cross.T1_1._T=T2_1._T", left: side("T1_1", "_T"), right: side("T2_1", "_T") },
  { id: "cross.T2_1.FOR=T2_2._T", left: side("T2_1", "FOR"), right: side("T2_2", "_T"), statelessCode: "STL" },
  { id: "cross.T3._T=T5_1._T", left: side("T3", "_T"), right: side("T5_1", "_T") },
  { id: "cross.T3._T=T5_2._T", left: side("T3", "_T"), right: side("T5_2", "_T") },
  { id: "cross.T5_1._T=T5_2._T", left: side("T5_1", "_T"), right: side("T5_2", "_T"), onlyWithout: "T3" },
  { id: "cross.T4._T=T6_1._T", left: side("T4", "_T"), right: side("T6_1", "_T") },
  { id: "cross.T4._T=T6_2._T", left: side("T4", "_T"), right: side("T6_2", "_T") },
  { id: "cross.T6_1._T=T6_2._T", left: side("T6_1", "_T"), right: side("T6_2", "_T"), onlyWithout: "T4" },
  { id: "cross.T7_1._T=T7_2._T", left: side("T7_1", "_T"), right: side("T7_2", "_T") },
];

export interface CrossOptions {
  /**
   * Reporters whose table 2.2 includes stateless persons (from the country's metadata): for them 2.1 `FOR + STL`
   * is compared with 2.2 `_T`.
   */
  readonly statelessInCitizenshipTable?: readonly string[];
}

const COMMON = ["reporter", "year", "sex", "age"] as const;

function describe(s: CrossSide, stateless: boolean, extra: string | undefined): string {
  const own = tableDecl(s.table).own[0]?.code ?? "";
  const codes = stateless && extra ? [...s.codes, extra] : s.codes;
  return `${tableDecl(s.table).number} ${own}=${codes.join("+")}`;
}

/** Checks one cross-table rule on two cubes. Cubes whose dimensions differ from the declaration are skipped. */
export function checkCrossRule(
  rule: CrossRuleDecl,
  left: Dataset,
  right: Dataset,
  out: ReportBuilder,
  options: CrossOptions = {},
): void {
  const L = new Layout(left);
  const R = new Layout(right);
  const lCodes = dimensionCodes(rule.left.table);
  const rCodes = dimensionCodes(rule.right.table);
  if (left.dimensions.length !== lCodes.length || lCodes.some((c) => L.dim(c) < 0)) return;
  if (right.dimensions.length !== rCodes.length || rCodes.some((c) => R.dim(c) < 0)) return;

  const lOwn = L.dim(lCodes[2] as string);
  const rOwn = R.dim(rCodes[2] as string);
  const lParts = rule.left.codes.map((c) => L.category(lOwn, c));
  const rParts = rule.right.codes.map((c) => R.category(rOwn, c));
  if (lParts.includes(-1) || rParts.includes(-1)) return;
  const lStateless = rule.statelessCode === undefined ? -1 : L.category(lOwn, rule.statelessCode);
  const statelessReporters = new Set(options.statelessInCitizenshipTable ?? []);

  // For each common dimension: its position on both sides, and left category → right category (or -1).
  const dims = COMMON.map((code) => {
    const lk = L.dim(code);
    const rk = R.dim(code);
    const lCats = left.dimensions[lk]?.categories ?? [];
    const map = Int32Array.from(lCats, (c) => R.category(rk, c.code));
    return { lStride: L.strides[lk] as number, rStride: R.strides[rk] as number, map, codes: lCats };
  });
  const [rep, year, sex, age] = dims as [(typeof dims)[0], (typeof dims)[0], (typeof dims)[0], (typeof dims)[0]];
  const lOwnStride = L.strides[lOwn] as number;
  const rOwnStride = R.strides[rOwn] as number;

  const sumOf = (ds: Dataset, base: number, stride: number, parts: readonly number[]): number | undefined => {
    let sum = 0;
    for (const p of parts) {
      const v = cellNumber(ds, base + p * stride);
      if (v === undefined) return undefined;
      sum += v;
    }
    return sum;
  };

  for (let a = 0; a < rep.map.length; a++) {
    const ra = rep.map[a] as number;
    if (ra < 0) continue;
    const stateless = lStateless >= 0 && statelessReporters.has(rep.codes[a]?.code ?? "");
    const needsStateless = rule.statelessCode !== undefined && statelessReporters.has(rep.codes[a]?.code ?? "");
    if (needsStateless && !stateless) continue; // the cube has no STL category to add
    const lParts2 = stateless ? [...lParts, lStateless] : lParts;
    for (let b = 0; b < year.map.length; b++) {
      const rb = year.map[b] as number;
      if (rb < 0) continue;
      for (let c = 0; c < sex.map.length; c++) {
        const rc = sex.map[c] as number;
        if (rc < 0) continue;
        for (let d = 0; d < age.map.length; d++) {
          const rd = age.map[d] as number;
          if (rd < 0) continue;
          const lBase = a * rep.lStride + b * year.lStride + c * sex.lStride + d * age.lStride;
          const rBase = ra * rep.rStride + rb * year.rStride + rc * sex.rStride + rd * age.rStride;
          const expected = sumOf(left, lBase, lOwnStride, lParts2);
          if (expected === undefined) continue;
          const found = sumOf(right, rBase, rOwnStride, rParts);
          if (found === undefined || !differs(expected, found)) continue;
          out.add(rule.id, "error", () => {
            const l = describe(rule.left, stateless, rule.statelessCode);
            const r = describe(rule.right, false, undefined);
            return {
              message: {
                en: `Table ${r} (${num(found)}) differs from table ${l} (${num(expected)})`,
                ru: `Значение таблицы ${r} (${num(found)}) не равно значению таблицы ${l} (${num(expected)})`,
              },
              table: rule.right.table,
              cell: R.cell(rBase + (rParts[0] as number) * rOwnStride),
              expected,
              found,
              against: { table: rule.left.table, cell: L.cell(lBase + (lParts[0] as number) * lOwnStride) },
            };
          });
        }
      }
    }
  }
}

/**
 * Runs every cross-table rule whose two tables are in `cubes`. With `involving`, only the rules of which one table
 * at least is listed: the others are published tables standing in for what a submission does not bring.
 */
export function checkCrossTables(
  cubes: Partial<Record<TableId, Dataset>>,
  out: ReportBuilder,
  options: CrossOptions & { readonly rules?: readonly string[]; readonly involving?: readonly TableId[] } = {},
): void {
  for (const rule of CROSS_RULES) {
    if (options.rules && !options.rules.includes(rule.id)) continue;
    const { involving } = options;
    if (involving && !involving.includes(rule.left.table) && !involving.includes(rule.right.table)) continue;
    const left = cubes[rule.left.table];
    const right = cubes[rule.right.table];
    if (!left || !right) continue;
    if (rule.onlyWithout && cubes[rule.onlyWithout]) continue;
    checkCrossRule(rule, left, right, out, options);
  }
}
