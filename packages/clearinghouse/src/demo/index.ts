/**
 * The demo data of the clearinghouse: the 12 standard tables as cubes for the participating countries. Table 1.1
 * is the real UN DESA figures when the caller passes the 2020 workbook, table 1.2 when it passes the 2019 workbook
 * and the origin–destination file (see `un-desa.ts`, `un-workbooks.ts`); every other table, and 1.1 or 1.2
 * without their files, is illustrative (`synthetic.ts`). Pure: no I/O, the same output for the same input.
 *
 * Illustrative cubes are marked in their text, since the dataset model has no field for it: their first note
 * (mandatory) and their source start with `ILLUSTRATIVE` ("Illustrative data, not official statistics" /
 * "Иллюстративные данные, не официальная статистика"); `isIllustrative(dataset)` tells.
 *
 * Expected validation findings of the demo: none for the synthetic tables; with both UN tables, the check
 * 1.1 `FOR` = 1.2 `_T` reports the cells the UN revised between its 2019 and 2020 revisions, as warnings with the
 * explanation `UN_REVISION_FINDING` (both tables carry it), and nothing else.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import { type Language, TABLE_IDS, type TableId } from "../tables.ts";
import { syntheticTables } from "./synthetic.ts";
import {
  parseUnOriginDestination,
  parseUnStockTotals,
  UN_DESA_CREDIT,
  unOriginAnchors,
  unRevisionDifferences,
  unTable11,
  unTable12,
  unTotalsAnchors,
  unWorkbookAnchors,
  withNote,
} from "./un-desa.ts";
import type { UnWorkbook } from "./un-workbooks.ts";

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
  UN_REFPERIOD,
  UN_REVISION_FINDING,
  UN_REVISION_NOTE,
  UN_STAND_IN_NOTE,
  type UnOriginDestination,
  type UnOriginRow,
  type UnStockTotal,
  type UnTableOptions,
  unNameToIso3,
  unOriginAnchors,
  unRevisionDifferences,
  unTable11,
  unTable12,
  unTotalsAnchors,
  unWorkbookAnchors,
  withNote,
} from "./un-desa.ts";
export {
  readUnWorkbook,
  UN_NOTE_RU,
  UN_RELEASE_DATES,
  UN_SEXES,
  UN_STOCK_2019_WORKBOOK,
  UN_STOCK_2020_WORKBOOK,
  UN_TYPE_OF_DATA,
  type UnSeries,
  type UnSex,
  type UnWorkbook,
  type UnWorkbookCountry,
  unCountryNote,
  unTypeOfDataNote,
} from "./un-workbooks.ts";

export interface DemoOptions {
  /** The 2020 workbook (`readUnWorkbook`): table 1.1 from it (else illustrative). */
  readonly unStock2020?: UnWorkbook;
  /** The 2019 workbook: with the origin file, table 1.2 from them (else illustrative). */
  readonly unStock2019?: UnWorkbook;
  /** Text of `un_desa_2019_stock_by_origin_destination.csv`: the countries of origin of table 1.2. */
  readonly unDesaOriginCsv?: string;
  /**
   * Text of `un_desa_2020_stock_totals.csv`: without the 2020 workbook, the illustrative population and
   * foreign-born totals follow it (no UN table comes from it: it has no figures by sex).
   */
  readonly unDesaTotalsCsv?: string;
  /** Reporting countries (alpha-3); default the participating countries. */
  readonly reporters?: readonly string[];
  /** Years of the illustrative tables; default 2015–2024 (the UN tables have the years of their files). */
  readonly years?: readonly number[];
  readonly languages?: readonly Language[];
  /** Seed of the illustrative figures; default `DEMO_SEED`. */
  readonly seed?: number;
  /** Partner code list of the illustrative partner tables (`SyntheticOptions.partnerList`); default full. */
  readonly partnerList?: "full" | "reported";
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
  const wb2020 = options.unStock2020;
  const wb2019 = origin ? options.unStock2019 : undefined;

  const credit = (revision: number, what: Bilingual): Bilingual => ({
    en: `${UN_DESA_CREDIT.en}, International Migrant Stock, revision ${revision} (${what.en}), CC BY 3.0 IGO`,
    ru: `${UN_DESA_CREDIT.ru}, International Migrant Stock, редакция ${revision} г. (${what.ru}), CC BY 3.0 IGO`,
  });
  const stock = { en: "international migrant stock", ru: "численность международных мигрантов" };
  const population = wb2020 ? unWorkbookAnchors(wb2020).pop : totals ? unTotalsAnchors(totals).pop : undefined;
  const populationMen = wb2020 ? unWorkbookAnchors(wb2020, "M").pop : undefined;
  // The illustrative 1.1 FOR or 1.2 _T follows the real table of the other, so that the two agree.
  const foreignBorn = wb2019
    ? { anchors: unWorkbookAnchors(wb2019).fb, men: unWorkbookAnchors(wb2019, "M").fb, revision: 2019 }
    : wb2020
      ? { anchors: unWorkbookAnchors(wb2020).fb, men: unWorkbookAnchors(wb2020, "M").fb, revision: 2020 }
      : totals
        ? { anchors: unTotalsAnchors(totals).fb, revision: 2020 }
        : origin
          ? { anchors: unOriginAnchors(origin), revision: 2019 }
          : undefined;
  const synthetic = syntheticTables({
    ...(reporters ? { reporters } : {}),
    ...(options.years ? { years: options.years } : {}),
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.partnerList ? { partnerList: options.partnerList } : {}),
    ...(population
      ? { population, populationSource: credit(2020, { en: "total population", ru: "численность населения" }) }
      : {}),
    ...(populationMen ? { populationMen } : {}),
    ...(foreignBorn
      ? {
          foreignBorn: foreignBorn.anchors,
          ...("men" in foreignBorn && foreignBorn.men ? { foreignBornMen: foreignBorn.men } : {}),
          foreignBornSource:
            foreignBorn.revision === 2019 && !wb2019
              ? credit(2019, { en: "sum of the origins by country", ru: "сумма по странам происхождения" })
              : credit(foreignBorn.revision, stock),
        }
      : {}),
  });
  const real: Partial<Record<TableId, Dataset>> = {};
  if (wb2020)
    real.T1_1 = unTable11(wb2020, {
      ...tableOptions,
      ...(options.unStock2019 ? { notesOf: options.unStock2019 } : {}),
    });
  if (origin && wb2019) real.T1_2 = unTable12(origin, wb2019, tableOptions);
  if (real.T1_1 && real.T1_2) {
    // What the difference between the two revisions really is, on both tables.
    const differences = unRevisionDifferences(real.T1_1, real.T1_2);
    real.T1_1 = withNote(real.T1_1, differences);
    real.T1_2 = withNote(real.T1_2, differences);
  }

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
