/**
 * The consistency rules of TABLES.md as pure functions over cubes, producing a validation report. Each rule works
 * in one pass over the typed arrays, with index arithmetic (strides).
 */

import { type Bilingual, type Dataset, datasetProblems } from "@clearinghouse/cube";
import { TABLE_IDS, type TableId } from "../tables.ts";
import {
  type ChangeOptions,
  checkChangeAgainstPreviousVersion,
  checkChangeAgainstPreviousYear,
  RULE_CHANGE_VERSION,
  RULE_CHANGE_YEAR,
} from "./change.ts";
import { CROSS_RULES, type CrossOptions, checkCrossTables, explainedByNotes } from "./cross.ts";
import { type ExplainedRule, ReportBuilder, type ValidationReport } from "./report.ts";
import { checkStructure, RULE_CATEGORIES, RULE_DIMENSIONS, RULE_SHAPE, type StructureOptions } from "./structure.ts";
import {
  checkAgeTotals,
  checkNonNegativeIntegers,
  checkOwnTotals,
  checkSexTotals,
  RULE_AGE_TOTAL,
  RULE_BREAKDOWN_TOTAL,
  RULE_NON_NEGATIVE,
  RULE_PARTNER_TOTAL,
  RULE_SEX_TOTAL,
} from "./within.ts";

export interface RuleInfo {
  readonly id: string;
  readonly severity: "error" | "warning" | "error or warning";
  readonly description: Bilingual;
}

/** Every rule, in the order they run. */
export const RULES: readonly RuleInfo[] = [
  {
    id: RULE_SHAPE,
    severity: "error",
    description: {
      en: "The value, status and flag arrays fit the dimensions",
      ru: "Массивы значений, статусов и признаков соответствуют измерениям",
    },
  },
  {
    id: RULE_DIMENSIONS,
    severity: "error",
    description: { en: "The table has its declared dimensions", ru: "Таблица имеет объявленные измерения" },
  },
  {
    id: RULE_CATEGORIES,
    severity: "error",
    description: { en: "Only declared category codes are used", ru: "Используются только объявленные коды категорий" },
  },
  {
    id: RULE_NON_NEGATIVE,
    severity: "error",
    description: { en: "Values are non-negative whole numbers", ru: "Значения — неотрицательные целые числа" },
  },
  {
    id: RULE_SEX_TOTAL,
    severity: "error",
    description: { en: "Total of both sexes = men + women", ru: "Итог по обоим полам = мужчины + женщины" },
  },
  {
    id: RULE_AGE_TOTAL,
    severity: "error",
    description: {
      en: "Total of all ages = sum of the age groups and unknown age",
      ru: "Итог по всем возрастам = сумма возрастных групп и неизвестного возраста",
    },
  },
  {
    id: RULE_PARTNER_TOTAL,
    severity: "error or warning",
    description: {
      en: "Total = sum of all countries + other countries + unknown (smaller: error; greater: warning)",
      ru: "Итог = сумма по всем странам + другие страны + неизвестно (меньше: ошибка; больше: предупреждение)",
    },
  },
  {
    id: RULE_BREAKDOWN_TOTAL,
    severity: "error",
    description: {
      en: "Total = sum of the categories (place of birth, citizenship status, status of receiver)",
      ru: "Итог = сумма категорий (место рождения, статус гражданства, статус получателя)",
    },
  },
  ...CROSS_RULES.map(
    (r): RuleInfo => ({
      id: r.id,
      severity: "error",
      description: {
        en: `Same reporter, year, sex and age: ${r.id.slice("cross.".length).replaceAll("=", " = ")}`,
        ru: `Та же страна, год, пол и возраст: ${r.id.slice("cross.".length).replaceAll("=", " = ")}`,
      },
    }),
  ),
  {
    id: RULE_CHANGE_YEAR,
    severity: "warning",
    description: {
      en: "Change against the previous year above the set share: flagged for review",
      ru: "Изменение по сравнению с предыдущим годом больше заданной доли: требует проверки",
    },
  },
  {
    id: RULE_CHANGE_VERSION,
    severity: "warning",
    description: {
      en: "Change against the previous version above the set share: flagged for review",
      ru: "Изменение по сравнению с предыдущей версией больше заданной доли: требует проверки",
    },
  },
];

export interface ValidateOptions extends StructureOptions, CrossOptions, ChangeOptions {
  /** Findings kept in the report (all are counted); default 10,000. */
  readonly maxFindings?: number;
  /** Run only these rules (ids of `RULES`); default all. */
  readonly rules?: readonly string[];
  /**
   * Rules whose differences are known and explained: reported as warnings with the explanation. Default (in
   * `validate`): the known differences (`KNOWN_DIFFERENCES`) whose explanation both tables carry in their notes.
   */
  readonly explained?: readonly ExplainedRule[];
}

/** Runs the rules of one table (not the cross-table ones) into `out`. */
export function checkTable(
  table: TableId,
  ds: Dataset,
  out: ReportBuilder,
  options: ValidateOptions & { readonly previous?: Dataset } = {},
): void {
  const on = (...ids: string[]) => !options.rules || ids.some((id) => options.rules?.includes(id));
  if (!checkStructure(table, ds, out, options)) return;
  if (on(RULE_NON_NEGATIVE)) checkNonNegativeIntegers(table, ds, out);
  if (on(RULE_SEX_TOTAL)) checkSexTotals(table, ds, out);
  if (on(RULE_AGE_TOTAL)) checkAgeTotals(table, ds, out);
  if (on(RULE_PARTNER_TOTAL, RULE_BREAKDOWN_TOTAL)) checkOwnTotals(table, ds, out);
  if (on(RULE_CHANGE_YEAR)) checkChangeAgainstPreviousYear(table, ds, out, options);
  if (on(RULE_CHANGE_VERSION) && options.previous) {
    checkChangeAgainstPreviousVersion(table, ds, options.previous, out, options);
  }
}

/** Validates one table's cube. */
export function validateTable(
  table: TableId,
  ds: Dataset,
  options: ValidateOptions & { readonly previous?: Dataset } = {},
): ValidationReport {
  const out = new ReportBuilder(options.maxFindings, options.rules, options.explained);
  checkTable(table, ds, out, options);
  return out.report();
}

/**
 * Validates a submission: each table's cube (tables in their standard order), then the cross-table rules between
 * the submitted tables; `previous` holds the previous versions for the change check.
 */
export function validate(
  cubes: Partial<Record<TableId, Dataset>>,
  options: ValidateOptions & { readonly previous?: Partial<Record<TableId, Dataset>> } = {},
): ValidationReport {
  const out = new ReportBuilder(options.maxFindings, options.rules, options.explained ?? explainedByNotes(cubes));
  for (const id of TABLE_IDS) {
    const ds = cubes[id];
    if (ds) checkTable(id, ds, out, { ...options, previous: options.previous?.[id] });
  }
  const usable: Partial<Record<TableId, Dataset>> = {};
  for (const id of TABLE_IDS) {
    const ds = cubes[id];
    if (ds && datasetProblems(ds).length === 0) usable[id] = ds;
  }
  checkCrossTables(usable, out, options);
  return out.report();
}
