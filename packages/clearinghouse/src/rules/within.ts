/**
 * Rules inside one table: whole non-negative numbers, and totals equal to the sum of their parts along sex, age and
 * the table's own dimension.
 *
 * Statuses: nil (`-`) counts as 0. A total that is not available or confidential is not checked. Where a part is
 * not available or confidential the sum is unknown, so the rule only checks what it can without a false error:
 * the known parts must not exceed the total (all counts being non-negative).
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import { type TableId, TOTAL, tableDecl } from "../tables.ts";
import { differs, Layout, NIL, num, type ReportBuilder, type Severity } from "./report.ts";

export const RULE_NON_NEGATIVE = "value.non-negative-integer";
export const RULE_SEX_TOTAL = "total.sex";
export const RULE_AGE_TOTAL = "total.age";
export const RULE_PARTNER_TOTAL = "total.partner";
export const RULE_BREAKDOWN_TOTAL = "total.breakdown";

/** Every number is a whole number ≥ 0. One pass over the status and value arrays. */
export function checkNonNegativeIntegers(table: string, ds: Dataset, out: ReportBuilder): void {
  const { values, status } = ds;
  let layout: Layout | undefined;
  for (let i = 0; i < status.length; i++) {
    if (status[i] !== 0) continue;
    const v = values[i] as number;
    if (v >= 0 && Number.isInteger(v)) continue;
    out.add(RULE_NON_NEGATIVE, "error", () => {
      layout ??= new Layout(ds);
      return {
        message: {
          en: `Value ${num(v)} is not a non-negative whole number`,
          ru: `Значение ${num(v)} не является неотрицательным целым числом`,
        },
        table,
        cell: layout.cell(i),
        found: v,
      };
    });
  }
}

/**
 * Calls `visit` for every cell of category `total` of dimension `k` whose total is known, with the sum of the
 * known parts and whether any part is unknown. Works block by block: for each combination of the dimensions before
 * `k`, the parts are added run by run over the `stride(k)` cells of the dimensions after it.
 */
export function sumAlong(
  ds: Dataset,
  layout: Layout,
  k: number,
  total: number,
  parts: readonly number[],
  visit: (offset: number, total: number, sum: number, unknownParts: boolean) => void,
): void {
  const { values, status } = ds;
  const stride = layout.strides[k] as number;
  const block = stride * (layout.sizes[k] as number);
  const sums = new Float64Array(stride);
  const unknown = new Uint8Array(stride);
  for (let base = 0; base < values.length; base += block) {
    for (let i = 0; i < stride; i++) {
      sums[i] = 0;
      unknown[i] = 0;
    }
    for (let q = 0; q < parts.length; q++) {
      const off = base + (parts[q] as number) * stride;
      for (let i = 0; i < stride; i++) {
        const s = status[off + i];
        if (s === 0) sums[i] = (sums[i] as number) + (values[off + i] as number);
        else if (s !== NIL) unknown[i] = 1;
      }
    }
    const tOff = base + total * stride;
    for (let i = 0; i < stride; i++) {
      const s = status[tOff + i];
      if (s === 0) visit(tOff + i, values[tOff + i] as number, sums[i] as number, unknown[i] === 1);
      else if (s === NIL) visit(tOff + i, 0, sums[i] as number, unknown[i] === 1);
    }
  }
}

interface SumRule {
  readonly rule: string;
  readonly table: string;
  readonly dimension: string;
  /** Severity when the total exceeds the sum of the parts (a total below the sum is always an error). */
  readonly aboveSeverity: Severity;
  readonly differs: (found: string, expected: string, above: boolean) => Bilingual;
  readonly exceedsKnown: (found: string, expected: string) => Bilingual;
  /** Categories that are the parts: by default every category except `_T`. */
  readonly parts?: readonly string[];
  /** Skip the rule unless every part is a category of the cube (else the parts present are summed). */
  readonly requireAllParts?: boolean;
}

function checkSum(ds: Dataset, out: ReportBuilder, r: SumRule): void {
  const layout = new Layout(ds);
  const k = layout.dim(r.dimension);
  if (k < 0) return;
  const total = layout.category(k, TOTAL);
  if (total < 0) return;
  const codes = r.parts ?? ds.dimensions[k]?.categories.map((c) => c.code).filter((c) => c !== TOTAL) ?? [];
  const found = codes.map((c) => layout.category(k, c));
  if (r.requireAllParts && found.includes(-1)) return;
  const parts = found.filter((i) => i >= 0);
  if (parts.length === 0) return;
  sumAlong(ds, layout, k, total, parts, (offset, found, sum, unknownParts) => {
    if (unknownParts) {
      if (sum > found && differs(sum, found)) {
        out.add(r.rule, "error", () => ({
          message: r.exceedsKnown(num(found), num(sum)),
          table: r.table,
          cell: layout.cell(offset),
          expected: sum,
          found,
        }));
      }
      return;
    }
    if (!differs(sum, found)) return;
    const above = found > sum;
    out.add(r.rule, above ? r.aboveSeverity : "error", () => ({
      message: r.differs(num(found), num(sum), above),
      table: r.table,
      cell: layout.cell(offset),
      expected: sum,
      found,
    }));
  });
}

/** `sex = _T` equals `M + F` where the three are present. */
export function checkSexTotals(table: string, ds: Dataset, out: ReportBuilder): void {
  checkSum(ds, out, {
    rule: RULE_SEX_TOTAL,
    table,
    dimension: "sex",
    parts: ["M", "F"],
    requireAllParts: true,
    aboveSeverity: "error",
    differs: (t, s) => ({
      en: `Total of both sexes (${t}) differs from men + women (${s})`,
      ru: `Итог по обоим полам (${t}) не равен сумме мужчин и женщин (${s})`,
    }),
    exceedsKnown: (t, s) => ({
      en: `Total of both sexes (${t}) is less than the known figures for men and women (${s})`,
      ru: `Итог по обоим полам (${t}) меньше суммы известных данных по мужчинам и женщинам (${s})`,
    }),
  });
}

/** `age = _T` equals the sum of the age groups and `_U` present in the cube. */
export function checkAgeTotals(table: string, ds: Dataset, out: ReportBuilder): void {
  checkSum(ds, out, {
    rule: RULE_AGE_TOTAL,
    table,
    dimension: "age",
    aboveSeverity: "error",
    differs: (t, s) => ({
      en: `Total of all ages (${t}) differs from the sum of the age groups and unknown age (${s})`,
      ru: `Итог по всем возрастам (${t}) не равен сумме возрастных групп и неизвестного возраста (${s})`,
    }),
    exceedsKnown: (t, s) => ({
      en: `Total of all ages (${t}) is less than the sum of the known age groups (${s})`,
      ru: `Итог по всем возрастам (${t}) меньше суммы известных возрастных групп (${s})`,
    }),
  });
}

/**
 * The own dimension's `_T` equals the sum of its other categories. For a partner-country dimension (all countries
 * + `_O` + `_U`) a total below the sum is an error and one above it a warning (`total.partner`); for a breakdown
 * (place of birth, citizenship status, status of receiver) any difference is an error (`total.breakdown`).
 */
export function checkOwnTotals(table: TableId, ds: Dataset, out: ReportBuilder): void {
  for (const own of tableDecl(table).own) {
    if (own.type === "partner") {
      checkSum(ds, out, {
        rule: RULE_PARTNER_TOTAL,
        table,
        dimension: own.code,
        aboveSeverity: "warning",
        differs: (t, s, above) =>
          above
            ? {
                en: `Total (${t}) is greater than the sum of the countries, other countries and unknown (${s})`,
                ru: `Итог (${t}) больше суммы по странам, другим странам и неизвестным (${s})`,
              }
            : {
                en: `Total (${t}) is less than the sum of the countries, other countries and unknown (${s})`,
                ru: `Итог (${t}) меньше суммы по странам, другим странам и неизвестным (${s})`,
              },
        exceedsKnown: (t, s) => ({
          en: `Total (${t}) is less than the sum of the known figures by country (${s})`,
          ru: `Итог (${t}) меньше суммы известных данных по странам (${s})`,
        }),
      });
    } else {
      const parts = own.categories.map((c) => c.code).filter((c) => c !== TOTAL);
      const list = parts.join(" + ");
      checkSum(ds, out, {
        rule: RULE_BREAKDOWN_TOTAL,
        table,
        dimension: own.code,
        parts,
        aboveSeverity: "error",
        differs: (t, s) => ({
          en: `Total (${t}) differs from ${list} (${s})`,
          ru: `Итог (${t}) не равен сумме ${list} (${s})`,
        }),
        exceedsKnown: (t, s) => ({
          en: `Total (${t}) is less than the known figures of ${list} (${s})`,
          ru: `Итог (${t}) меньше суммы известных данных ${list} (${s})`,
        }),
      });
    }
  }
}
