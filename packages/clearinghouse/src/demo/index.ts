/**
 * The demo data of the clearinghouse: the 12 standard tables as cubes for the participating countries. Tables 1.1
 * and 1.2 are the real UN DESA figures when the caller passes the texts of the two files of shared/corpus/data
 * (see `un-desa.ts`); every other table, and 1.1 or 1.2 without their file, is illustrative (`synthetic.ts`).
 * Pure: no I/O, the same output for the same input.
 *
 * Illustrative cubes are marked in their text, since the dataset model has no field for it: their first note
 * (mandatory) and their source start with `ILLUSTRATIVE` ("Illustrative data, not official statistics" /
 * "Иллюстративные данные, не официальная статистика"); `isIllustrative(dataset)` tells.
 *
 * Expected validation findings of the demo: none for the synthetic tables; with both UN files, the check
 * 1.1 `FOR` = 1.2 `_T` reports the difference between the two UN revisions in 1990–2015 (`UN_REVISION_FINDING`),
 * and nothing else.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import { type Language, TABLE_IDS, type TableId } from "../tables.ts";
import { syntheticTables } from "./synthetic.ts";
import {
  parseUnOriginDestination,
  parseUnStockTotals,
  UN_DESA_CREDIT,
  unOriginAnchors,
  unTable11,
  unTable12,
  unTotalsAnchors,
} from "./un-desa.ts";

export {
  anchored,
  apportion,
  type CountryProfile,
  DEMO_SEED,
  DEMO_YEARS,
  EXTRA_PARTNERS,
  ILLUSTRATIVE,
  isIllustrative,
  NO_AGE_DETAIL,
  PROFILES,
  PROVISIONAL_LATEST,
  profileOf,
  type SyntheticOptions,
  syntheticTables,
} from "./synthetic.ts";
export {
  type Anchors,
  cleanUnName,
  parseUnOriginDestination,
  parseUnStockTotals,
  UN_DESA_2019_SOURCE,
  UN_DESA_2020_SOURCE,
  UN_DESA_CREDIT,
  UN_DESA_ORIGIN_FILE,
  UN_DESA_TOTALS_FILE,
  UN_NAMES,
  UN_REVISION_FINDING,
  UN_REVISION_NOTE,
  UN_STAND_IN_NOTE,
  type UnOriginDestination,
  type UnOriginRow,
  type UnStockTotal,
  type UnTableOptions,
  unNameToIso3,
  unOriginAnchors,
  unTable11,
  unTable12,
  unTotalsAnchors,
} from "./un-desa.ts";

export interface DemoOptions {
  /** Text of `un_desa_2020_stock_totals.csv`: table 1.1 from it (else illustrative). */
  readonly unDesaTotalsCsv?: string;
  /** Text of `un_desa_2019_stock_by_origin_destination.csv`: table 1.2 from it (else illustrative). */
  readonly unDesaOriginCsv?: string;
  /** Reporting countries (alpha-3); default the participating countries. */
  readonly reporters?: readonly string[];
  /** Years of the illustrative tables; default 2015–2024 (the UN tables have the years of their files). */
  readonly years?: readonly number[];
  readonly languages?: readonly Language[];
  /** Seed of the illustrative figures; default `DEMO_SEED`. */
  readonly seed?: number;
}

export interface DemoTable {
  readonly tableId: TableId;
  readonly dataset: Dataset;
  /** True for invented figures, false for the UN figures. */
  readonly illustrative: boolean;
}

/**
 * The 12 standard tables of the demo, in the standard order. The illustrative population totals (1.1 and 2.1
 * `_T`) follow the UN population when the totals file is given, and the illustrative foreign-born totals (1.1
 * `FOR`, 1.2 `_T`) the UN figures of whichever file is given, so that a UN table and an illustrative one agree in
 * the years they share.
 */
export function demoTables(options: DemoOptions = {}): DemoTable[] {
  const reporters = options.reporters;
  const tableOptions = {
    ...(reporters ? { reporters } : {}),
    ...(options.languages ? { languages: options.languages } : {}),
  };
  const totals = options.unDesaTotalsCsv === undefined ? undefined : parseUnStockTotals(options.unDesaTotalsCsv);
  const origin = options.unDesaOriginCsv === undefined ? undefined : parseUnOriginDestination(options.unDesaOriginCsv);

  const credit = (revision: number, what: Bilingual): Bilingual => ({
    en: `${UN_DESA_CREDIT.en}, International Migrant Stock, revision ${revision} (${what.en}), CC BY 3.0 IGO`,
    ru: `${UN_DESA_CREDIT.ru}, International Migrant Stock, редакция ${revision} г. (${what.ru}), CC BY 3.0 IGO`,
  });
  const population = totals ? unTotalsAnchors(totals).pop : undefined;
  const foreignBorn = origin ? unOriginAnchors(origin) : totals ? unTotalsAnchors(totals).fb : undefined;
  const synthetic = syntheticTables({
    ...(reporters ? { reporters } : {}),
    ...(options.years ? { years: options.years } : {}),
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(population
      ? { population, populationSource: credit(2020, { en: "total population", ru: "численность населения" }) }
      : {}),
    ...(foreignBorn
      ? {
          foreignBorn,
          foreignBornSource: origin
            ? credit(2019, { en: "sum of the origins by country", ru: "сумма по странам происхождения" })
            : credit(2020, { en: "international migrant stock", ru: "численность международных мигрантов" }),
        }
      : {}),
  });
  const real: Partial<Record<TableId, Dataset>> = {};
  if (totals) real.T1_1 = unTable11(totals, tableOptions);
  if (origin) real.T1_2 = unTable12(origin, tableOptions);

  return TABLE_IDS.map((tableId) => {
    const un = real[tableId];
    return un
      ? { tableId, dataset: un, illustrative: false }
      : { tableId, dataset: synthetic[tableId], illustrative: true };
  });
}

/** The demo tables as a submission for `validate`: table id → cube. */
export function demoCubes(tables: readonly DemoTable[]): Partial<Record<TableId, Dataset>> {
  return Object.fromEntries(tables.map((t) => [t.tableId, t.dataset]));
}
