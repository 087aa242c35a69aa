/**
 * The shape of a submitted cube against the declaration: consistent array lengths, the declared dimensions (in any
 * order), and only declared category codes.
 */

import { type Dataset, datasetProblems } from "@clearinghouse/cube";
import { type CountryOptions, DEFAULT_REPORTERS, partnerCodeList } from "../countries.ts";
import {
  AGE_DIMENSION,
  CONTENTS_DIMENSION,
  dimensionCodes,
  SEX_DIMENSION,
  type TableId,
  tableDecl,
} from "../tables.ts";
import type { ReportBuilder } from "./report.ts";

export const RULE_SHAPE = "structure.shape";
export const RULE_DIMENSIONS = "structure.dimensions";
export const RULE_CATEGORIES = "structure.categories";

export interface StructureOptions extends CountryOptions {
  /** Allowed reporters (default the participating countries). */
  readonly reporters?: readonly string[];
}

/** Checks the structure; returns false when the arrays do not fit the dimensions (no other rule can run then). */
export function checkStructure(
  table: TableId,
  ds: Dataset,
  out: ReportBuilder,
  options: StructureOptions = {},
): boolean {
  const problems = datasetProblems(ds);
  for (const p of problems) {
    out.add(RULE_SHAPE, "error", () => ({
      message: { en: `Malformed cube: ${p}`, ru: `Некорректный куб: ${p}` },
      table,
      cell: {},
    }));
  }
  if (problems.length > 0) return false;

  const declared = dimensionCodes(table);
  const present = ds.dimensions.map((d) => d.code);
  for (const code of declared) {
    if (present.includes(code)) continue;
    out.add(RULE_DIMENSIONS, "error", () => ({
      message: { en: `Dimension "${code}" is missing`, ru: `Отсутствует измерение «${code}»` },
      table,
      cell: {},
    }));
  }
  for (const code of present) {
    if (declared.includes(code)) continue;
    out.add(RULE_DIMENSIONS, "error", () => ({
      message: {
        en: `Dimension "${code}" is not part of table ${tableDecl(table).number}`,
        ru: `Измерение «${code}» не входит в таблицу ${tableDecl(table).number}`,
      },
      table,
      cell: {},
    }));
  }

  const allowed = new Map<string, (code: string) => boolean>();
  const reporters = new Set(options.reporters ?? DEFAULT_REPORTERS);
  allowed.set("reporter", (c) => reporters.has(c));
  allowed.set("year", (c) => /^\d{4}$/.test(c));
  const content = tableDecl(table).content.code;
  allowed.set(CONTENTS_DIMENSION.code, (c) => c === content);
  for (const d of [...tableDecl(table).own, SEX_DIMENSION, AGE_DIMENSION]) {
    const codes = new Set(
      d.type === "breakdown" ? d.categories.map((c) => c.code) : partnerCodeList(options).map((c) => c.code),
    );
    allowed.set(d.code, (c) => codes.has(c));
  }
  for (const d of ds.dimensions) {
    const ok = allowed.get(d.code);
    if (!ok) continue;
    for (const c of d.categories) {
      if (ok(c.code)) continue;
      out.add(RULE_CATEGORIES, "error", () => ({
        message: {
          en: `"${c.code}" is not a category of dimension "${d.code}"`,
          ru: `«${c.code}» не является категорией измерения «${d.code}»`,
        },
        table,
        cell: { [d.code]: c.code },
      }));
    }
  }
  return true;
}
