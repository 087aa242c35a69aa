/**
 * The 12 standard tables, declared once: everything else (cube templates, PX and Excel templates, validation, the
 * table tree) reads this declaration. Codes and labels are those of TABLES.md.
 *
 * Dimension order of every cube (`dimensionCodes`): `reporter`, `year`, the table's own dimension(s), `sex`,
 * `age`, `ContentsCode` (the contents variable, with the table's one value). Values are row-major (the last
 * dimension varies fastest), so
 * - one reporter's submission is one contiguous slice (reporter first), and one reporter-year a contiguous block
 *   inside it (the year-on-year check compares two blocks);
 * - the 20 age categories of a cell are adjacent and the three sexes 20 apart, so the age and sex totals are
 *   checked on short runs of neighbouring values, and the partner total on runs of 60;
 * - a table laid out in a PX file or a spreadsheet reads naturally: reporter and year in the stub, the breakdown,
 *   then sex × age across.
 */

import { type Bilingual, type Category, type Dataset, type Dimension, Status, type Texts } from "@clearinghouse/cube";
import { type Country, type CountryOptions, partnerCodeList, reportingCountries } from "./countries.ts";
import { countryValueSets } from "./country-groups.ts";

export type Language = "en" | "ru";
export const LANGUAGES: readonly Language[] = ["en", "ru"];

export type TableId =
  | "T1_1"
  | "T1_2"
  | "T2_1"
  | "T2_2"
  | "T3"
  | "T4"
  | "T5_1"
  | "T5_2"
  | "T6_1"
  | "T6_2"
  | "T7_1"
  | "T7_2";

export type TableKind = "stock" | "flow";

export interface CategoryDecl {
  readonly code: string;
  readonly label: Bilingual;
}

/** An own dimension with a short fixed list of categories (`_T` first). */
export interface BreakdownDimensionDecl {
  readonly type: "breakdown";
  readonly code: string;
  readonly label: Bilingual;
  readonly categories: readonly CategoryDecl[];
}

/** An own dimension over the partner-country code list (`partnerCodeList`). */
export interface PartnerDimensionDecl {
  readonly type: "partner";
  readonly code: string;
  readonly label: Bilingual;
}

export type OwnDimensionDecl = BreakdownDimensionDecl | PartnerDimensionDecl;

export type ChapterId = "birthplace" | "citizenship" | "immigration" | "emigration" | "acquisition";

export interface ChapterDecl {
  readonly id: ChapterId;
  readonly label: Bilingual;
  /** Tables of the chapter, in the order of the table tree. */
  readonly tables: readonly TableId[];
}

/**
 * The one value of a table's contents variable (PX CONTVARIABLE, JSON-stat role metric): what its figures count,
 * in which unit, at which moment or over which period.
 */
export interface ContentDecl {
  readonly code: string;
  readonly label: Bilingual;
  readonly refPeriod: Bilingual;
}

export interface TableDecl {
  readonly id: TableId;
  /** The table's number as published: "1.1", "3", … */
  readonly number: string;
  readonly title: Bilingual;
  readonly kind: TableKind;
  readonly chapter: ChapterId;
  readonly own: readonly OwnDimensionDecl[];
  readonly content: ContentDecl;
  readonly units: Bilingual;
  readonly decimals: 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------------------------

export const TOTAL = "_T";
export const UNKNOWN = "_U";

const total: CategoryDecl = { code: TOTAL, label: { en: "Total", ru: "Всего" } };
const unknown: CategoryDecl = { code: UNKNOWN, label: { en: "Unknown", ru: "Неизвестно" } };

export const REPORTER_DIMENSION = {
  code: "reporter",
  label: { en: "Reporting country", ru: "Страна, представившая данные" },
  role: "geo",
} as const;

export const YEAR_DIMENSION = {
  code: "year",
  label: { en: "Year", ru: "Год" },
  role: "time",
  timeUnit: "A1",
} as const;

/**
 * The contents variable, last in every cube: one value per table, so the value array is the same with it or
 * without it. `ContentsCode` is the code PxWeb sites use for it (and PxWebApi for the one it adds to a table
 * without one), which clients written for those sites look for.
 */
export const CONTENTS_DIMENSION = {
  code: "ContentsCode",
  label: { en: "Contents", ru: "Показатель" },
  role: "metric",
} as const;

/** Reference periods of the figures: stocks at the start of the year, flows over it (TABLES.md). */
export const STOCK_REFPERIOD: Bilingual = { en: "1 January", ru: "На 1 января" };
export const FLOW_REFPERIOD: Bilingual = { en: "Calendar year", ru: "Календарный год" };

export const SEX_DIMENSION: BreakdownDimensionDecl = {
  type: "breakdown",
  code: "sex",
  label: { en: "Sex", ru: "Пол" },
  categories: [
    total,
    { code: "M", label: { en: "Men", ru: "Мужчины" } },
    { code: "F", label: { en: "Women", ru: "Женщины" } },
  ],
};

/** The 18 five-year age groups `Y0T4` … `Y80T84`. */
export const AGE_GROUPS: readonly CategoryDecl[] = Array.from({ length: 17 }, (_, i) => {
  const from = 5 * i;
  const label = `${from}–${from + 4}`;
  return { code: `Y${from}T${from + 4}`, label: { en: label, ru: label } };
}).concat([{ code: "Y_GE85", label: { en: "85 and over", ru: "85 и старше" } }]);

export const AGE_DIMENSION: BreakdownDimensionDecl = {
  type: "breakdown",
  code: "age",
  label: { en: "Age group", ru: "Возрастная группа" },
  categories: [total, ...AGE_GROUPS, unknown],
};

const birthplace: BreakdownDimensionDecl = {
  type: "breakdown",
  code: "birthplace",
  label: { en: "Place of birth", ru: "Место рождения" },
  categories: [
    total,
    { code: "NAT", label: { en: "Native-born", ru: "Родившиеся в стране" } },
    { code: "FOR", label: { en: "Foreign-born", ru: "Родившиеся за рубежом" } },
    unknown,
  ],
};

const citstatus: BreakdownDimensionDecl = {
  type: "breakdown",
  code: "citstatus",
  label: { en: "Citizenship status", ru: "Статус гражданства" },
  categories: [
    total,
    { code: "CIT", label: { en: "Citizens", ru: "Граждане страны" } },
    { code: "FOR", label: { en: "Foreign citizens", ru: "Иностранные граждане" } },
    { code: "STL", label: { en: "Stateless persons", ru: "Лица без гражданства" } },
    unknown,
  ],
};

const prevstatus: BreakdownDimensionDecl = {
  type: "breakdown",
  code: "prevstatus",
  label: { en: "Status of receiver", ru: "Статус получателя" },
  categories: [
    total,
    { code: "FOR", label: { en: "Former foreign citizens", ru: "Бывшие иностранные граждане" } },
    { code: "STL", label: { en: "Former stateless persons", ru: "Бывшие лица без гражданства" } },
    unknown,
  ],
};

const partner = (code: string, en: string, ru: string): PartnerDimensionDecl => ({
  type: "partner",
  code,
  label: { en, ru },
});
const cob = partner("cob", "Country of birth", "Страна рождения");
const citizenship = partner("citizenship", "Country of citizenship", "Страна гражданства");
const prevres = partner("prevres", "Country of previous residence", "Страна предыдущего проживания");
const nextres = partner("nextres", "Country of next residence", "Страна последующего проживания");
const prevcit = partner("prevcit", "Country of previous citizenship", "Страна предыдущего гражданства");

const persons: Bilingual = { en: "persons", ru: "человек" };

const content = (code: string, en: string, ru: string): Omit<ContentDecl, "refPeriod"> => ({
  code,
  label: { en, ru },
});
const population = content("POP", "Population", "Численность населения");
const foreignBorn = content("FBPOP", "Foreign-born population", "Население, родившееся за рубежом");
const foreigners = content("FORCIT", "Foreign citizens", "Иностранные граждане");
const immigrants = content("IMM", "Long-term immigrants", "Долгосрочные иммигранты");
const emigrants = content("EMI", "Long-term emigrants", "Долгосрочные эмигранты");
const acquisitions = content("ACQ", "Persons who acquired citizenship", "Лица, приобретшие гражданство");

const table = (
  id: TableId,
  number: string,
  kind: TableKind,
  chapter: ChapterId,
  own: OwnDimensionDecl,
  contents: Omit<ContentDecl, "refPeriod">,
  en: string,
  ru: string,
): TableDecl => ({
  id,
  number,
  title: { en, ru },
  kind,
  chapter,
  own: [own],
  content: { ...contents, refPeriod: kind === "stock" ? STOCK_REFPERIOD : FLOW_REFPERIOD },
  units: persons,
  decimals: 0,
});

/** The 12 standard tables, in the order of TABLES.md. */
export const TABLES: readonly TableDecl[] = [
  table(
    "T1_1",
    "1.1",
    "stock",
    "birthplace",
    birthplace,
    population,
    "Population by place of birth",
    "Население по месту рождения",
  ),
  table(
    "T1_2",
    "1.2",
    "stock",
    "birthplace",
    cob,
    foreignBorn,
    "Foreign-born population by country of birth",
    "Население, родившееся за рубежом, по стране рождения",
  ),
  table(
    "T2_1",
    "2.1",
    "stock",
    "citizenship",
    citstatus,
    population,
    "Population by citizenship status",
    "Население по статусу гражданства",
  ),
  table(
    "T2_2",
    "2.2",
    "stock",
    "citizenship",
    citizenship,
    foreigners,
    "Foreigners by country of citizenship",
    "Иностранные граждане по стране гражданства",
  ),
  table(
    "T3",
    "3",
    "flow",
    "immigration",
    prevres,
    immigrants,
    "Long-term immigration by country of previous residence",
    "Долгосрочная иммиграция по стране предыдущего проживания",
  ),
  table(
    "T4",
    "4",
    "flow",
    "emigration",
    nextres,
    emigrants,
    "Long-term emigration by country of next residence",
    "Долгосрочная эмиграция по стране последующего проживания",
  ),
  table(
    "T5_1",
    "5.1",
    "flow",
    "immigration",
    citstatus,
    immigrants,
    "Long-term immigration by citizenship status",
    "Долгосрочная иммиграция по статусу гражданства",
  ),
  table(
    "T5_2",
    "5.2",
    "flow",
    "immigration",
    citizenship,
    immigrants,
    "Long-term immigration by country of citizenship",
    "Долгосрочная иммиграция по стране гражданства",
  ),
  table(
    "T6_1",
    "6.1",
    "flow",
    "emigration",
    citstatus,
    emigrants,
    "Long-term emigration by citizenship status",
    "Долгосрочная эмиграция по статусу гражданства",
  ),
  table(
    "T6_2",
    "6.2",
    "flow",
    "emigration",
    citizenship,
    emigrants,
    "Long-term emigration by country of citizenship",
    "Долгосрочная эмиграция по стране гражданства",
  ),
  table(
    "T7_1",
    "7.1",
    "flow",
    "acquisition",
    prevstatus,
    acquisitions,
    "Acquisitions of citizenship by status of receiver",
    "Приобретение гражданства по статусу получателя",
  ),
  table(
    "T7_2",
    "7.2",
    "flow",
    "acquisition",
    prevcit,
    acquisitions,
    "Acquisitions of citizenship by country of previous citizenship",
    "Приобретение гражданства по стране предыдущего гражданства",
  ),
];

/** The bilingual table tree: chapters in order, each with its tables. */
export const CHAPTERS: readonly ChapterDecl[] = [
  {
    id: "birthplace",
    label: { en: "Population by place of birth", ru: "Население по месту рождения" },
    tables: ["T1_1", "T1_2"],
  },
  {
    id: "citizenship",
    label: { en: "Population by citizenship", ru: "Население по гражданству" },
    tables: ["T2_1", "T2_2"],
  },
  { id: "immigration", label: { en: "Immigration", ru: "Иммиграция" }, tables: ["T3", "T5_1", "T5_2"] },
  { id: "emigration", label: { en: "Emigration", ru: "Эмиграция" }, tables: ["T4", "T6_1", "T6_2"] },
  {
    id: "acquisition",
    label: { en: "Acquisition of citizenship", ru: "Приобретение гражданства" },
    tables: ["T7_1", "T7_2"],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------------------------

export const TABLE_IDS: readonly TableId[] = TABLES.map((t) => t.id);
const byId = new Map<string, TableDecl>(TABLES.map((t) => [t.id, t]));

export function isTableId(id: string): id is TableId {
  return byId.has(id);
}

export function tableDecl(id: TableId): TableDecl {
  const decl = byId.get(id);
  if (!decl) throw new RangeError(`unknown table "${id}"`);
  return decl;
}

/** The table id of a published number ("1.1" → "T1_1"), or undefined. */
export function tableIdOfNumber(number: string): TableId | undefined {
  return TABLES.find((t) => t.number === number)?.id;
}

/** Dimension codes of a table's cube, in cube order: reporter, year, own dimension(s), sex, age, contents. */
export function dimensionCodes(id: TableId): string[] {
  return [
    REPORTER_DIMENSION.code,
    YEAR_DIMENSION.code,
    ...tableDecl(id).own.map((d) => d.code),
    "sex",
    "age",
    CONTENTS_DIMENSION.code,
  ];
}

/** The category codes a declared dimension allows (the partner list by default options for partner ones). */
export function declaredCodes(decl: OwnDimensionDecl, options: CountryOptions = {}): string[] {
  return decl.type === "breakdown" ? decl.categories.map((c) => c.code) : partnerCodeList(options).map((c) => c.code);
}

// ---------------------------------------------------------------------------------------------------------------
// Empty cubes
// ---------------------------------------------------------------------------------------------------------------

export interface EmptyCubeOptions extends CountryOptions {
  /** Reporting countries (alpha-3 codes or countries with names); default the participating countries. */
  readonly reporters?: readonly (string | Country)[];
  /** Years (four digits); sorted ascending in the cube. */
  readonly years: readonly (number | string)[];
  /** Label languages, the first the default; default English then Russian. */
  readonly languages?: readonly Language[];
  /** Only these partner countries (alpha-3) between `_T` and `_O`, `_U`; default every country. */
  readonly partners?: readonly string[];
  /** The figures' reference period when it is not the table's usual one (UN mid-year estimates, say). */
  readonly refPeriod?: Bilingual;
}

function texts(b: Bilingual, languages: readonly Language[]): Texts {
  const out: Record<string, string> = {};
  for (const l of languages) out[l] = b[l];
  return out;
}

function categories(list: readonly CategoryDecl[], languages: readonly Language[]): Category[] {
  return list.map((c) => ({ code: c.code, label: texts(c.label, languages) }));
}

function checkLanguages(languages: readonly Language[]): void {
  if (languages.length === 0) throw new RangeError("no languages");
  for (const l of languages) if (!LANGUAGES.includes(l)) throw new RangeError(`unsupported language "${l}"`);
  if (new Set(languages).size !== languages.length) throw new RangeError("a language is listed twice");
}

function yearCodes(years: readonly (number | string)[]): string[] {
  const codes = years.map((y) => String(y));
  for (const y of codes) if (!/^\d{4}$/.test(y)) throw new RangeError(`year "${y}" is not four digits`);
  if (new Set(codes).size !== codes.length) throw new RangeError("a year is listed twice");
  if (codes.length === 0) throw new RangeError("no years");
  return codes.sort();
}

/** The cube dimensions of a table, in cube order (see the top of this file). */
export function tableDimensions(id: TableId, options: EmptyCubeOptions): Dimension[] {
  const languages = options.languages ?? LANGUAGES;
  checkLanguages(languages);
  const decl = tableDecl(id);
  const eliminateTotal = { code: TOTAL };
  const reporterCategories = categories(reportingCountries(options.reporters, options), languages);
  const groupOptions = { reporters: reporterCategories.map((c) => c.code), languages };
  const withGroups = (d: Dimension, kind: "reporter" | "partner"): Dimension => {
    const valueSets = countryValueSets(kind, d.categories, groupOptions);
    return valueSets.length ? { ...d, valueSets } : d;
  };
  const reporter = withGroups(
    {
      code: REPORTER_DIMENSION.code,
      label: texts(REPORTER_DIMENSION.label, languages),
      role: REPORTER_DIMENSION.role,
      categories: reporterCategories,
    },
    "reporter",
  );
  const year: Dimension = {
    code: YEAR_DIMENSION.code,
    label: texts(YEAR_DIMENSION.label, languages),
    role: YEAR_DIMENSION.role,
    timeUnit: YEAR_DIMENSION.timeUnit,
    categories: yearCodes(options.years).map((y) => ({ code: y, label: texts({ en: y, ru: y }, languages) })),
  };
  const own = decl.own.map((d): Dimension => {
    const dimension: Dimension = {
      code: d.code,
      label: texts(d.label, languages),
      role: "other",
      categories: categories(
        d.type === "breakdown" ? d.categories : partnerCodeList({ ...options, only: options.partners }),
        languages,
      ),
      elimination: eliminateTotal,
    };
    return d.type === "partner" ? withGroups(dimension, "partner") : dimension;
  });
  const breakdown = (d: BreakdownDimensionDecl): Dimension => ({
    code: d.code,
    label: texts(d.label, languages),
    role: "other",
    categories: categories(d.categories, languages),
    elimination: eliminateTotal,
  });
  const contents: Dimension = {
    code: CONTENTS_DIMENSION.code,
    label: texts(CONTENTS_DIMENSION.label, languages),
    role: CONTENTS_DIMENSION.role,
    categories: [
      {
        code: decl.content.code,
        label: texts(decl.content.label, languages),
        content: {
          units: texts(decl.units, languages),
          refPeriod: texts(options.refPeriod ?? decl.content.refPeriod, languages),
          measuringType: decl.kind,
        },
      },
    ],
  };
  return [reporter, year, ...own, breakdown(SEX_DIMENSION), breakdown(AGE_DIMENSION), contents];
}

/** A cube of a standard table with every cell not available (`..`), ready to be filled. */
export function emptyCube(id: TableId, options: EmptyCubeOptions): Dataset {
  const languages = options.languages ?? LANGUAGES;
  const decl = tableDecl(id);
  const dimensions = tableDimensions(id, options);
  const n = dimensions.reduce((p, d) => p * d.categories.length, 1);
  return {
    id,
    languages,
    title: texts(decl.title, languages),
    units: texts(decl.units, languages),
    decimals: decl.decimals,
    dimensions,
    values: new Float64Array(n).fill(Number.NaN),
    status: new Uint8Array(n).fill(Status.notAvailable),
    flags: new Uint8Array(n),
    // Age and the contents across in a PX file, as the age groups were before the contents variable came.
    extension: { pxHeading: 2 },
  };
}
