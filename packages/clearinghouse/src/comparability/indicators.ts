/**
 * The derived indicators of TABLES.md for every participating country and year, computed from the standard tables
 * (pure: cubes in, values out). Each indicator has its formula in both languages, and each value the cells it was
 * computed from; statuses and flags pass from the inputs as derived.ts says (missing in, missing out: never a
 * made-up zero). The indicator table `IND` (`indicatorDataset`) is these values as a cube, with the indicators as
 * its contents variable, so it is selected, charted, mapped and downloaded like any table.
 *
 * Mean population of year y: the mean of 1.1 Total on 1 January of y and of y + 1. Where 1 January of y + 1 is not
 * available (the latest year, usually), the population on 1 January of y stands for it: the rate is given,
 * flagged estimated (`e`), with a note saying so. Where 1 January of y is not available, there is no rate.
 */

import { type Bilingual, type Category, type Dataset, Flag, type MeasuringType, Status } from "@clearinghouse/cube";
import { ILLUSTRATIVE } from "../demo/synthetic.ts";
import { CONTENTS_DIMENSION, LANGUAGES, type Language, type TableId, tableDimensions } from "../tables.ts";
import {
  absentCell,
  type Derived,
  derive,
  type Operand,
  ratio,
  roundTo,
  standardCells,
  type TableCells,
} from "./derived.ts";
import { countryAsymmetry, MIRROR_BASIS_DECLS, MirrorInputs } from "./mirror.ts";

export const INDICATOR_TABLE_ID = "IND";

/** The standard tables the indicators read. */
export const INDICATOR_INPUTS: readonly TableId[] = ["T1_1", "T2_1", "T3", "T4", "T7_1"];

export type IndicatorInputs = Partial<Record<TableId, Dataset>>;

export type IndicatorCode =
  | "NETMIG"
  | "IMMRATE"
  | "EMIRATE"
  | "NETRATE"
  | "FBSHARE"
  | "FCSHARE"
  | "NATRATE"
  | "IMMTOP1"
  | "IMMTOP5"
  | "EMITOP1"
  | "EMITOP5"
  | "MIRIMM"
  | "MIREMI"
  | "SEXRATIO";

export interface IndicatorDecl {
  readonly code: IndicatorCode;
  readonly label: Bilingual;
  readonly units: Bilingual;
  /** Decimals the values are rounded to. */
  readonly decimals: number;
  readonly formula: Bilingual;
  /** Tables the indicator reads. */
  readonly tables: readonly TableId[];
  readonly measuringType: MeasuringType;
  readonly refPeriod: Bilingual;
}

const CALENDAR_YEAR: Bilingual = { en: "Calendar year", ru: "Календарный год" };
const JANUARY: Bilingual = { en: "1 January", ru: "На 1 января" };
const PER_1000: Bilingual = { en: "per 1,000 mean population", ru: "на 1 000 человек среднегодового населения" };
const PERCENT: Bilingual = { en: "%", ru: "%" };
const MEAN_POPULATION = {
  en: "mean population = (1.1 Total on 1 January of the year + on 1 January of the next year) / 2",
  ru: "среднегодовое население = (1.1 Всего на 1 января года + на 1 января следующего года) / 2",
};

const decl = (d: IndicatorDecl): IndicatorDecl => d;

/** The indicators, in the order of the IND table. */
export const INDICATORS: readonly IndicatorDecl[] = [
  decl({
    code: "NETMIG",
    label: { en: "Net migration", ru: "Сальдо миграции" },
    units: { en: "persons", ru: "человек" },
    decimals: 0,
    formula: { en: "3 Total − 4 Total (immigrants − emigrants)", ru: "3 Всего − 4 Всего (иммигранты − эмигранты)" },
    tables: ["T3", "T4"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "IMMRATE",
    label: { en: "Immigration rate", ru: "Коэффициент иммиграции" },
    units: PER_1000,
    decimals: 1,
    formula: {
      en: `3 Total / mean population × 1,000; ${MEAN_POPULATION.en}`,
      ru: `3 Всего / среднегодовое население × 1 000; ${MEAN_POPULATION.ru}`,
    },
    tables: ["T3", "T1_1"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "EMIRATE",
    label: { en: "Emigration rate", ru: "Коэффициент эмиграции" },
    units: PER_1000,
    decimals: 1,
    formula: {
      en: `4 Total / mean population × 1,000; ${MEAN_POPULATION.en}`,
      ru: `4 Всего / среднегодовое население × 1 000; ${MEAN_POPULATION.ru}`,
    },
    tables: ["T4", "T1_1"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "NETRATE",
    label: { en: "Net migration rate", ru: "Коэффициент миграционного прироста" },
    units: PER_1000,
    decimals: 1,
    formula: {
      en: `(3 Total − 4 Total) / mean population × 1,000; ${MEAN_POPULATION.en}`,
      ru: `(3 Всего − 4 Всего) / среднегодовое население × 1 000; ${MEAN_POPULATION.ru}`,
    },
    tables: ["T3", "T4", "T1_1"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "FBSHARE",
    label: { en: "Foreign-born share of the population", ru: "Доля родившихся за рубежом в населении" },
    units: PERCENT,
    decimals: 1,
    formula: { en: "1.1 Foreign-born / 1.1 Total × 100", ru: "1.1 Родившиеся за рубежом / 1.1 Всего × 100" },
    tables: ["T1_1"],
    measuringType: "stock",
    refPeriod: JANUARY,
  }),
  decl({
    code: "FCSHARE",
    label: { en: "Foreign-citizen share of the population", ru: "Доля иностранных граждан в населении" },
    units: PERCENT,
    decimals: 1,
    formula: { en: "2.1 Foreign citizens / 2.1 Total × 100", ru: "2.1 Иностранные граждане / 2.1 Всего × 100" },
    tables: ["T2_1"],
    measuringType: "stock",
    refPeriod: JANUARY,
  }),
  decl({
    code: "NATRATE",
    label: { en: "Naturalisation rate", ru: "Коэффициент натурализации" },
    units: { en: "per 100 foreign citizens", ru: "на 100 иностранных граждан" },
    decimals: 2,
    formula: {
      en: "7.1 Total / 2.1 Foreign citizens on 1 January of the year × 100",
      ru: "7.1 Всего / 2.1 Иностранные граждане на 1 января года × 100",
    },
    tables: ["T7_1", "T2_1"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "IMMTOP1",
    label: { en: "Share of the largest partner in immigration", ru: "Доля крупнейшей страны-партнёра в иммиграции" },
    units: PERCENT,
    decimals: 1,
    formula: {
      en: "3 of the partner country with most immigrants / 3 Total × 100 (countries only, not Other or Unknown)",
      ru: "3 по стране-партнёру с наибольшим числом иммигрантов / 3 Всего × 100 (только страны, без «Другие» и «Неизвестно»)",
    },
    tables: ["T3"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "IMMTOP5",
    label: {
      en: "Share of the five largest partners in immigration",
      ru: "Доля пяти крупнейших стран-партнёров в иммиграции",
    },
    units: PERCENT,
    decimals: 1,
    formula: {
      en: "sum of 3 over the five partner countries with most immigrants / 3 Total × 100",
      ru: "сумма 3 по пяти странам-партнёрам с наибольшим числом иммигрантов / 3 Всего × 100",
    },
    tables: ["T3"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "EMITOP1",
    label: { en: "Share of the largest partner in emigration", ru: "Доля крупнейшей страны-партнёра в эмиграции" },
    units: PERCENT,
    decimals: 1,
    formula: {
      en: "4 of the partner country with most emigrants / 4 Total × 100 (countries only, not Other or Unknown)",
      ru: "4 по стране-партнёру с наибольшим числом эмигрантов / 4 Всего × 100 (только страны, без «Другие» и «Неизвестно»)",
    },
    tables: ["T4"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "EMITOP5",
    label: {
      en: "Share of the five largest partners in emigration",
      ru: "Доля пяти крупнейших стран-партнёров в эмиграции",
    },
    units: PERCENT,
    decimals: 1,
    formula: {
      en: "sum of 4 over the five partner countries with most emigrants / 4 Total × 100",
      ru: "сумма 4 по пяти странам-партнёрам с наибольшим числом эмигрантов / 4 Всего × 100",
    },
    tables: ["T4"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "MIRIMM",
    label: { en: "Mirror asymmetry of immigration", ru: "Зеркальная асимметрия иммиграции" },
    units: { en: "index, −1 to +1", ru: "индекс от −1 до +1" },
    decimals: 3,
    formula: {
      en: "(I − E) / (I + E), I = the country's immigration from the other participating countries (3), E = their emigration to it (4), summed over the partners where both are known",
      ru: "(I − E) / (I + E), I — иммиграция в страну из других стран-участниц (3), E — их эмиграция в эту страну (4), суммы по партнёрам, для которых известны оба значения",
    },
    tables: ["T3", "T4"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "MIREMI",
    label: { en: "Mirror asymmetry of emigration", ru: "Зеркальная асимметрия эмиграции" },
    units: { en: "index, −1 to +1", ru: "индекс от −1 до +1" },
    decimals: 3,
    formula: {
      en: "(I − E) / (I + E), I = the other participating countries' immigration from the country (3), E = its emigration to them (4), summed over the partners where both are known; positive: its emigration is under-recorded",
      ru: "(I − E) / (I + E), I — иммиграция других стран-участниц из страны (3), E — её эмиграция в них (4), суммы по партнёрам, для которых известны оба значения; положительный индекс: эмиграция недоучтена",
    },
    tables: ["T3", "T4"],
    measuringType: "flow",
    refPeriod: CALENDAR_YEAR,
  }),
  decl({
    code: "SEXRATIO",
    label: { en: "Sex ratio of the population", ru: "Соотношение полов в населении" },
    units: { en: "men per 100 women", ru: "мужчин на 100 женщин" },
    decimals: 1,
    formula: { en: "1.1 Total, men / 1.1 Total, women × 100", ru: "1.1 Всего, мужчины / 1.1 Всего, женщины × 100" },
    tables: ["T1_1"],
    measuringType: "stock",
    refPeriod: JANUARY,
  }),
];

const byCode = new Map<string, IndicatorDecl>(INDICATORS.map((d) => [d.code, d]));

export function indicatorDecl(code: string): IndicatorDecl | undefined {
  return byCode.get(code);
}

/** Readers of the input tables; a table not given reads as missing everywhere. */
class Cells {
  private readonly tables = new Map<TableId, TableCells>();
  readonly mirror: MirrorInputs;

  constructor(inputs: IndicatorInputs) {
    for (const table of INDICATOR_INPUTS) {
      // A table that has not the standard shape (imported under a standard id) reads as missing.
      const cells = standardCells(table, inputs[table]);
      if (cells) this.tables.set(table, cells);
    }
    this.mirror = new MirrorInputs(MIRROR_BASIS_DECLS.residence, { immigration: inputs.T3, emigration: inputs.T4 });
  }

  read(table: TableId, coordinates: Readonly<Record<string, string>>): Operand {
    return this.tables.get(table)?.read(coordinates) ?? absentCell(table, { ...coordinates });
  }

  /** Codes of a dimension over every input table (reporters, years), in first-seen order. */
  codes(dimension: string): string[] {
    const out: string[] = [];
    for (const t of this.tables.values()) for (const c of t.codes(dimension)) if (!out.includes(c)) out.push(c);
    return out;
  }

  partnerCodes(table: TableId, dimension: string): string[] {
    return (this.tables.get(table)?.codes(dimension) ?? []).filter((c) => !c.startsWith("_"));
  }
}

const ESTIMATED_MEAN: Bilingual = {
  en: "1.1 Total on 1 January of the next year is not available: the population on 1 January of this year is used as the mean population (flagged estimated).",
  ru: "1.1 Всего на 1 января следующего года нет: в качестве среднегодового населения взято население на 1 января этого года (помечено как оценка).",
};

/** Mean population of a year (see the top of this file). */
function meanPopulation(cells: Cells, reporter: string, year: string): Derived {
  const start = cells.read("T1_1", { reporter, year });
  const end = cells.read("T1_1", { reporter, year: String(Number(year) + 1) });
  if (end.kind === "missing" && start.kind === "number") {
    const fallback = derive([start], ([p]) => p, ESTIMATED_MEAN);
    return { ...fallback, flags: fallback.flags | Flag.estimated, sources: [start.source, end.source] };
  }
  return derive([start, end], ([a, b]) => ((a as number) + (b as number)) / 2);
}

const perThousand = (flow: number, population: number) => {
  const r = ratio(flow, population);
  return r === undefined ? undefined : r * 1000;
};
const percent = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === undefined ? undefined : r * 100;
};

/** The share of the `k` largest partners of a partner table in its total. */
function topShare(cells: Cells, table: TableId, dimension: string, reporter: string, year: string, k: number): Derived {
  const total = cells.read(table, { reporter, year });
  const partners = cells
    .partnerCodes(table, dimension)
    .map((code) => cells.read(table, { reporter, year, [dimension]: code }));
  // A confidential partner may be among the largest: the share would give it away.
  const confidential = partners.find((p) => p.kind === "confidential");
  if (confidential) return derive([total, confidential], () => undefined);
  const known = partners.filter((p) => p.kind === "number").sort((a, b) => (b.value as number) - (a.value as number));
  // Partners a country does not report separately are `..` (they are in Other): ranked among those it does report.
  if (known.length === 0)
    return derive([total, absentCell(table, { reporter, year, [dimension]: "*" })], () => undefined);
  const top = known.slice(0, k);
  return derive([total, ...top], ([t, ...parts]) =>
    percent(
      parts.reduce((s, v) => s + v, 0),
      t as number,
    ),
  );
}

type Compute = (cells: Cells, reporter: string, year: string) => Derived;

const COMPUTE: Readonly<Record<IndicatorCode, Compute>> = {
  NETMIG: (c, reporter, year) =>
    derive(
      [c.read("T3", { reporter, year }), c.read("T4", { reporter, year })],
      ([i, e]) => (i as number) - (e as number),
    ),
  IMMRATE: (c, reporter, year) =>
    derive([c.read("T3", { reporter, year }), meanPopulation(c, reporter, year)], ([i, p]) =>
      perThousand(i as number, p as number),
    ),
  EMIRATE: (c, reporter, year) =>
    derive([c.read("T4", { reporter, year }), meanPopulation(c, reporter, year)], ([e, p]) =>
      perThousand(e as number, p as number),
    ),
  NETRATE: (c, reporter, year) =>
    derive(
      [c.read("T3", { reporter, year }), c.read("T4", { reporter, year }), meanPopulation(c, reporter, year)],
      ([i, e, p]) => perThousand((i as number) - (e as number), p as number),
    ),
  FBSHARE: (c, reporter, year) =>
    derive([c.read("T1_1", { reporter, year, birthplace: "FOR" }), c.read("T1_1", { reporter, year })], ([f, t]) =>
      percent(f as number, t as number),
    ),
  FCSHARE: (c, reporter, year) =>
    derive([c.read("T2_1", { reporter, year, citstatus: "FOR" }), c.read("T2_1", { reporter, year })], ([f, t]) =>
      percent(f as number, t as number),
    ),
  NATRATE: (c, reporter, year) =>
    derive([c.read("T7_1", { reporter, year }), c.read("T2_1", { reporter, year, citstatus: "FOR" })], ([a, f]) =>
      percent(a as number, f as number),
    ),
  IMMTOP1: (c, reporter, year) => topShare(c, "T3", "prevres", reporter, year, 1),
  IMMTOP5: (c, reporter, year) => topShare(c, "T3", "prevres", reporter, year, 5),
  EMITOP1: (c, reporter, year) => topShare(c, "T4", "nextres", reporter, year, 1),
  EMITOP5: (c, reporter, year) => topShare(c, "T4", "nextres", reporter, year, 5),
  MIRIMM: (c, reporter, year) => countryAsymmetry(c.mirror, reporter, year, "receiver"),
  MIREMI: (c, reporter, year) => countryAsymmetry(c.mirror, reporter, year, "sender"),
  SEXRATIO: (c, reporter, year) =>
    derive([c.read("T1_1", { reporter, year, sex: "M" }), c.read("T1_1", { reporter, year, sex: "F" })], ([m, f]) =>
      percent(m as number, f as number),
    ),
};

/** Every indicator for every reporter and year of the inputs. */
export interface IndicatorSet {
  readonly reporters: readonly string[];
  readonly years: readonly string[];
  readonly indicators: readonly IndicatorDecl[];
  /** Dense, reporter × year × indicator (indicator fastest), as in the IND cube. */
  readonly values: readonly Derived[];
}

export interface IndicatorOptions {
  /** Reporting countries (default those of the inputs). */
  readonly reporters?: readonly string[];
  /** Years (default every year of the inputs). */
  readonly years?: readonly string[];
}

export function computeIndicators(inputs: IndicatorInputs, options: IndicatorOptions = {}): IndicatorSet {
  const cells = new Cells(inputs);
  const reporters = options.reporters ?? cells.codes("reporter");
  const years = options.years ?? cells.codes("year").sort();
  const values: Derived[] = [];
  for (const reporter of reporters)
    for (const year of years) for (const d of INDICATORS) values.push(COMPUTE[d.code](cells, reporter, year));
  return { reporters, years, indicators: INDICATORS, values };
}

/** One value of a set, or undefined when the reporter, year or indicator is not in it. */
export function indicatorValue(set: IndicatorSet, reporter: string, year: string, code: string): Derived | undefined {
  const r = set.reporters.indexOf(reporter);
  const y = set.years.indexOf(year);
  const i = set.indicators.findIndex((d) => d.code === code);
  if (r < 0 || y < 0 || i < 0) return undefined;
  return set.values[(r * set.years.length + y) * set.indicators.length + i];
}

/** The value rounded to the indicator's decimals (null when there is none). */
export function roundedValue(d: Derived, decl: IndicatorDecl): number | null {
  return d.value === null ? null : roundTo(d.value, decl.decimals);
}

const texts = (b: Bilingual, languages: readonly Language[]) => Object.fromEntries(languages.map((l) => [l, b[l]]));

export const INDICATOR_TABLE_TITLE: Bilingual = { en: "Migration indicators", ru: "Показатели миграции" };

/** The IND cube of a set: reporter, year, and the indicators as its contents variable (units per indicator). */
export function indicatorDataset(
  set: IndicatorSet,
  options: {
    readonly languages?: readonly Language[];
    readonly updated?: string;
    /** Whether an input holds illustrative figures: then so does IND, and its first note says so. */
    readonly illustrative?: boolean;
  } = {},
): Dataset {
  const languages = options.languages ?? LANGUAGES;
  const [reporter, year] = tableDimensions("T1_1", { reporters: set.reporters, years: set.years, languages });
  if (!reporter || !year) throw new Error("table 1.1 has no reporter or year dimension");
  const contents = {
    code: CONTENTS_DIMENSION.code,
    label: texts({ en: "Indicator", ru: "Показатель" }, languages),
    role: CONTENTS_DIMENSION.role,
    categories: set.indicators.map(
      (d): Category => ({
        code: d.code,
        label: texts(d.label, languages),
        notes: [{ text: texts(d.formula, languages) }],
        content: {
          units: texts(d.units, languages),
          refPeriod: texts(d.refPeriod, languages),
          measuringType: d.measuringType,
          decimals: d.decimals,
        },
      }),
    ),
  } as const;
  const n = set.values.length;
  const values = new Float64Array(n).fill(Number.NaN);
  const status = new Uint8Array(n);
  const flags = new Uint8Array(n);
  set.values.forEach((d, i) => {
    const indicator = set.indicators[i % set.indicators.length] as IndicatorDecl;
    const rounded = roundedValue(d, indicator);
    if (rounded !== null) values[i] = rounded;
    status[i] = d.status === "" ? Status.value : d.status === "x" ? Status.confidential : Status.notAvailable;
    flags[i] = d.flags;
  });
  const sourceTables = INDICATOR_INPUTS.map((t) => t.replace(/^T/, "").replace("_", ".")).join(", ");
  return {
    id: INDICATOR_TABLE_ID,
    languages,
    title: texts(INDICATOR_TABLE_TITLE, languages),
    source: texts(
      {
        en: `Migration Statistics Clearinghouse, computed from the current versions of tables ${sourceTables}`,
        ru: `Информационный центр по статистике миграции, расчёт по текущим версиям таблиц ${sourceTables}`,
      },
      languages,
    ),
    decimals: Math.max(...set.indicators.map((d) => d.decimals)),
    ...(options.updated ? { updated: options.updated } : {}),
    notes: [
      ...(options.illustrative
        ? [
            {
              mandatory: true,
              text: texts(
                {
                  en: `${ILLUSTRATIVE.en}: computed from tables holding illustrative figures.`,
                  ru: `${ILLUSTRATIVE.ru}: рассчитано по таблицам с иллюстративными данными.`,
                },
                languages,
              ),
            },
          ]
        : []),
      {
        mandatory: true,
        text: texts(
          {
            en: "Each value is computed from released figures; where an input is not available the value is not available (..), where an input is confidential the value is confidential (x), and an input's flags (provisional, estimated, break in series) pass to the value. The formula of each indicator is its note; the cells of each value are at /api/comparability/indicators.",
            ru: "Каждое значение рассчитано по опубликованным данным; если исходного значения нет, нет и показателя (..), если оно конфиденциально, показатель конфиденциален (x), а признаки исходных значений (предварительные, оценка, разрыв ряда) переходят к показателю. Формула каждого показателя — в его примечании; ячейки, из которых рассчитано каждое значение, — в /api/comparability/indicators.",
          },
          languages,
        ),
      },
      { text: texts(ESTIMATED_MEAN, languages) },
    ],
    dimensions: [reporter, year, contents],
    values,
    status,
    flags,
  };
}
