/**
 * Real figures for tables 1.1 and 1.2: the UN DESA International Migrant Stock estimates of shared/corpus/data
 * (see its SOURCES.md). Pure functions: the caller reads the files and passes their texts (the CSV files) or what
 * `readUnWorkbook` made of their bytes (the two workbooks).
 *
 * - Table 1.1 from the 2020 workbook (POP/DB/MIG/Stock/Rev.2020): for each sex, `_T` = total population at
 *   mid-year, `FOR` = international migrant stock, `NAT` = population − migrant stock; `_U` not available (the UN
 *   publishes no unknown place of birth).
 * - Table 1.2 from the 2019 revision: `_T` = the UN's total migrant stock of the 2019 workbook by sex (it includes
 *   migrants whose origin is unknown or not reported separately); the countries of origin, both sexes only, from
 *   `un_desa_2019_stock_by_origin_destination.csv` (matched to ISO alpha-3 by name, `unNameToIso3`), origins that
 *   are not one ISO country in `_O`, and the UN total minus everything listed in `_U`. Men and women by origin are
 *   not in the files: `..`; so is every ISO country the UN does not list.
 *
 * The metadata is the UN's: reference date 1 July (the workbooks' notes), the revision and its document code in
 * the source, the release date of the revision as "updated", the type of data (B, C, R, I) and the numbered UN
 * country notes on each reporter, in English and Russian. Age groups are not in the files: `..`.
 */

import {
  type Bilingual,
  type Category,
  type Dataset,
  type Note,
  Status,
  strides,
  type Texts,
} from "@clearinghouse/cube";
import { type CountryOptions, countryByCode, DEFAULT_REPORTERS, isoCountryList } from "../countries.ts";
import { emptyCube, LANGUAGES, type Language } from "../tables.ts";
import { parseCsv } from "./csv.ts";
import {
  UN_RELEASE_DATES,
  UN_SEXES,
  type UnSex,
  type UnWorkbook,
  type UnWorkbookCountry,
  unCountryNote,
  unTypeOfDataNote,
} from "./un-workbooks.ts";

/** The UN estimates refer to 1 July (the workbooks' notes), not to 1 January as the clearinghouse's stocks do. */
export const UN_REFPERIOD: Bilingual = {
  en: "1 July (UN mid-year estimate)",
  ru: "На 1 июля (оценка ООН на середину года)",
};

export const UN_DESA_TOTALS_FILE = "un_desa_2020_stock_totals.csv";
export const UN_DESA_ORIGIN_FILE = "un_desa_2019_stock_by_origin_destination.csv";

/** The credit the UN Population Division asks for (CC BY 3.0 IGO). */
export const UN_DESA_CREDIT: Bilingual = {
  en: "United Nations, Department of Economic and Social Affairs, Population Division",
  ru: "Организация Объединённых Наций, Департамент по экономическим и социальным вопросам, Отдел народонаселения",
};

function unSource(revision: 2019 | 2020, what: Bilingual): Bilingual {
  return {
    en: `${UN_DESA_CREDIT.en} (${revision}). International Migrant Stock ${revision} (POP/DB/MIG/Stock/Rev.${revision}): ${what.en}. Licence CC BY 3.0 IGO.`,
    ru: `${UN_DESA_CREDIT.ru} (${revision}). International Migrant Stock ${revision} (численность международных мигрантов, POP/DB/MIG/Stock/Rev.${revision}): ${what.ru}. Лицензия CC BY 3.0 IGO.`,
  };
}

/** Source of table 1.1 from the 2020 revision. */
export const UN_DESA_2020_SOURCE: Bilingual = unSource(2020, {
  en: "international migrant stock and total population at mid-year by sex (Tables 1 and 2)",
  ru: "численность международных мигрантов и всего населения на середину года по полу (таблицы 1 и 2)",
});

/** Source of table 1.2 from the 2019 revision. */
export const UN_DESA_2019_SOURCE: Bilingual = unSource(2019, {
  en: "international migrant stock at mid-year by sex (Table 1) and by country of origin and destination",
  ru: "численность международных мигрантов на середину года по полу (таблица 1) и по странам происхождения и назначения",
});

/** The mandatory note of every table built from the UN figures. */
export const UN_STAND_IN_NOTE: Bilingual = {
  en:
    "UN estimates standing in until the countries submit their own figures: these are not the countries' " +
    "official statistics but the United Nations Population Division's estimates, built mainly from censuses, " +
    "registers and surveys (type of data per country: B foreign-born, C foreign citizens, R refugees added, " +
    "I imputed). The UN's years refer to 1 July (mid-year), not to 1 January. Age groups are not available (..).",
  ru:
    "Оценки ООН, используемые до представления странами собственных данных: это не официальная статистика " +
    "стран, а оценки Отдела народонаселения ООН, основанные главным образом на переписях, регистрах и " +
    "обследованиях (тип данных по стране: B — родившиеся за рубежом, C — иностранные граждане, R — добавлены " +
    "беженцы, I — расчетные оценки). Годы ООН относятся к 1 июля (середина года), а не к 1 января. Данные по " +
    "возрастным группам отсутствуют (..).",
};

/**
 * Why 1.1 `FOR` and 1.2 `_T` differ when both come from the UN (`UN_REVISION_FINDING`): the same kind of UN total
 * in two revisions. Which cells differ, and by how much, is in the note `unRevisionDifferences` makes from the data.
 */
export const UN_REVISION_NOTE: Bilingual = {
  en:
    "Table 1.1 is from the 2020 revision of International Migrant Stock and table 1.2 from the 2019 revision (the " +
    "one with countries of origin here). Both totals are the UN's own totals, migrants of unknown origin included; " +
    "1.1 Foreign-born and 1.2 Total differ only where the UN revised its estimates between the two revisions, and " +
    "1.1 has 2020 where 1.2 has 2019. The consistency check shows each difference as a warning with this explanation.",
  ru:
    "Таблица 1.1 основана на редакции 2020 г. International Migrant Stock, таблица 1.2 — на редакции 2019 г. " +
    "(здесь только в ней есть страны происхождения). Оба итога — итоги самой ООН, включая мигрантов с неизвестной " +
    "страной происхождения; «Родившиеся за рубежом» таблицы 1.1 и «Всего» таблицы 1.2 расходятся только там, где " +
    "ООН пересмотрела оценки между редакциями, а вместо 2019 г. таблицы 1.2 в таблице 1.1 есть 2020 г. Проверка " +
    "согласованности показывает каждое расхождение как предупреждение с этим объяснением.",
};

/**
 * The finding the validation reports when 1.1 and 1.2 both come from the UN: rule and explanation. The rules
 * report every cross-table difference as an error; this one is expected and explained, not a mistake.
 */
export const UN_REVISION_FINDING: { readonly rule: string; readonly explanation: Bilingual } = {
  rule: "cross.T1_1.FOR=T1_2._T",
  explanation: UN_REVISION_NOTE,
};

const NAME_NOTE_12: Bilingual = {
  en:
    "Total is the UN's total by sex, which includes migrants whose origin is unknown or not reported separately. " +
    "Countries of origin (both sexes only) are matched to ISO 3166-1 by their UN names; origins that are not one " +
    "ISO country (Channel Islands, Kosovo) are in Other countries, and the rest of the UN total in Unknown. " +
    "Countries the UN does not list, and men and women by origin, are not available (..).",
  ru:
    "«Всего» — итог ООН по полу, включающий мигрантов, страна происхождения которых неизвестна или не указана " +
    "отдельно. Страны происхождения (только оба пола) сопоставлены с ISO 3166-1 по их названиям в ООН; места " +
    "происхождения, не являющиеся одной страной ISO (Нормандские острова, Косово), учтены в «Других странах», а " +
    "остаток итога ООН — в «Неизвестно». Страны, которых нет в данных ООН, а также мужчины и женщины по странам " +
    "происхождения — нет данных (..).",
};

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

/**
 * UN country names (as in the UN DESA files, footnote asterisks removed) that are not the English ISO name of
 * `isoCountryList`, with their ISO 3166-1 alpha-3 code, or null for a name that is not one ISO country (its
 * figures go to `_O` Other countries). Every other name must match an English ISO name exactly.
 */
export const UN_NAMES: Readonly<Record<string, string | null>> = {
  "Bolivia (Plurinational State of)": "BOL",
  "British Virgin Islands": "VGB",
  "Cabo Verde": "CPV",
  /** Jersey and Guernsey together: not one ISO country. */
  "Channel Islands": null,
  China: "CHN",
  "China, Hong Kong SAR": "HKG",
  "China, Macao SAR": "MAC",
  "China, Taiwan Province of China": "TWN",
  Congo: "COG",
  "Côte d'Ivoire": "CIV",
  Czechia: "CZE",
  "Dem. People's Republic of Korea": "PRK",
  "Democratic People's Republic of Korea": "PRK",
  "Democratic Republic of the Congo": "COD",
  "Falkland Islands (Malvinas)": "FLK",
  Gambia: "GMB",
  "Holy See": "VAT",
  "Iran (Islamic Republic of)": "IRN",
  /** Not an officially assigned ISO 3166-1 code (XKK is user-assigned). */
  "Kosovo (under UNSC res. 1244)": null,
  "Lao People's Democratic Republic": "LAO",
  "Micronesia (Fed. States of)": "FSM",
  "Micronesia (Federated States of)": "FSM",
  "North Macedonia": "MKD",
  /** UN residual categories of some revisions. */
  "Other North": null,
  "Other South": null,
  "Republic of Korea": "KOR",
  "Republic of Moldova": "MDA",
  Réunion: "REU",
  "Russian Federation": "RUS",
  "Saint Helena": "SHN",
  "Sint Maarten (Dutch part)": "SXM",
  "Saint Martin (French part)": "MAF",
  "State of Palestine": "PSE",
  "Syrian Arab Republic": "SYR",
  Turkey: "TUR",
  Türkiye: "TUR",
  "United Kingdom": "GBR",
  "United Republic of Tanzania": "TZA",
  "United States of America": "USA",
  "United States Virgin Islands": "VIR",
  "Venezuela (Bolivarian Republic of)": "VEN",
  "Viet Nam": "VNM",
  "Wallis and Futuna Islands": "WLF",
};

/** A UN name without footnote markers ("Republic of Moldova*" → "Republic of Moldova"). */
export function cleanUnName(name: string): string {
  return name.replace(/\*+\s*$/, "").trim();
}

const exactNames = new Map<string, Map<string, string>>();

function exactName(name: string, options: CountryOptions): string | undefined {
  const key = JSON.stringify([options.names ?? null, options.includeUserAssigned ?? false]);
  let map = exactNames.get(key);
  if (!map) {
    map = new Map(isoCountryList(options).map((c) => [c.label.en, c.code]));
    exactNames.set(key, map);
  }
  return map.get(name);
}

/**
 * The ISO 3166-1 alpha-3 code of a UN country name: from `UN_NAMES`, else the country whose English name is
 * exactly this one. Null for a name deliberately sent to `_O` (not one ISO country), undefined for a name not
 * recognised (which the tables also put in `_O`, and the parser lists in `unmatched`).
 */
export function unNameToIso3(name: string, options: CountryOptions = {}): string | null | undefined {
  const clean = cleanUnName(name);
  if (Object.hasOwn(UN_NAMES, clean)) return UN_NAMES[clean] ?? null;
  return exactName(clean, options);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------

/** One country-year of the 2020 totals file; undefined where the file says NA. */
export interface UnStockTotal {
  readonly alpha3: string;
  readonly name: string;
  readonly year: number;
  /** Total population, persons (rounded to a whole number). */
  readonly pop: number | undefined;
  /** International migrant (foreign-born) stock, persons. */
  readonly fb: number | undefined;
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === "" || t === "NA" || t === ".." || t === "~") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n) : undefined;
}

function columns(header: readonly string[], wanted: readonly string[], file: string): number[] {
  return wanted.map((w) => {
    const i = header.indexOf(w);
    if (i < 0) throw new Error(`${file}: no column "${w}"`);
    return i;
  });
}

/**
 * The rows of `un_desa_2020_stock_totals.csv` for ISO countries (by the `alpha3` column, else by name; rows of
 * areas that are not one ISO country, such as the Channel Islands with alpha3 "NA", are left out).
 */
export function parseUnStockTotals(csv: string, options: CountryOptions = {}): UnStockTotal[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error(`${UN_DESA_TOTALS_FILE}: empty`);
  const [iCode, iName, iYear, iPop, iFb] = columns(
    header,
    ["alpha3", "name", "year", "pop", "fb"],
    UN_DESA_TOTALS_FILE,
  );
  const out: UnStockTotal[] = [];
  for (const row of rows) {
    const code = row[iCode as number] ?? "";
    const name = cleanUnName(row[iName as number] ?? "");
    const alpha3 = countryByCode(code, options) ? code : unNameToIso3(name, options);
    if (!alpha3) continue;
    const year = Number(row[iYear as number]);
    if (!Number.isInteger(year)) throw new Error(`${UN_DESA_TOTALS_FILE}: year "${row[iYear as number]}"`);
    out.push({ alpha3, name, year, pop: wholeNumber(row[iPop as number]), fb: wholeNumber(row[iFb as number]) });
  }
  return out;
}

/** One destination-year row of the origin–destination file, origins aggregated by code. */
export interface UnOriginRow {
  readonly year: number;
  /** The destination's UN name. */
  readonly name: string;
  /** Its alpha-3 code, or undefined for a region or an area that is not one ISO country. */
  readonly alpha3: string | undefined;
  /**
   * Persons by origin code (alpha-3, or `_O` for the origins not matched to one ISO country); null where every
   * figure behind the code is not available (`..`). A `-` or 0 in the file is 0.
   */
  readonly origins: ReadonlyMap<string, number | null>;
}

export interface UnOriginDestination {
  /** Years of the file, ascending. */
  readonly years: readonly number[];
  /** Every origin column with the code it was matched to (`_O` when not one ISO country). */
  readonly columns: readonly { readonly name: string; readonly code: string; readonly deliberate: boolean }[];
  /** Origin names neither in `UN_NAMES` nor an exact ISO name (sent to `_O` too); empty for the shared file. */
  readonly unmatched: readonly string[];
  readonly rows: readonly UnOriginRow[];
}

/** Parses `un_desa_2019_stock_by_origin_destination.csv` (columns `Year`, `Dest`, then one per origin). */
export function parseUnOriginDestination(csv: string, options: CountryOptions = {}): UnOriginDestination {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error(`${UN_DESA_ORIGIN_FILE}: empty`);
  const [iYear, iDest] = columns(header, ["Year", "Dest"], UN_DESA_ORIGIN_FILE);
  const originColumns: { index: number; name: string; code: string; deliberate: boolean }[] = [];
  const unmatched: string[] = [];
  header.forEach((name, index) => {
    if (index === iYear || index === iDest) return;
    const code = unNameToIso3(name, options);
    if (code === undefined) unmatched.push(cleanUnName(name));
    originColumns.push({ index, name: cleanUnName(name), code: code ?? "_O", deliberate: code === null });
  });
  const years = new Set<number>();
  const out: UnOriginRow[] = [];
  for (const row of rows) {
    const year = Number(row[iYear as number]);
    if (!Number.isInteger(year)) throw new Error(`${UN_DESA_ORIGIN_FILE}: year "${row[iYear as number]}"`);
    years.add(year);
    const name = cleanUnName(row[iDest as number] ?? "");
    const origins = new Map<string, number | null>();
    for (const col of originColumns) {
      const text = (row[col.index] ?? "").trim();
      const value = text === "-" ? 0 : wholeNumber(text);
      const before = origins.get(col.code);
      if (value === undefined) {
        if (before === undefined) origins.set(col.code, null);
      } else origins.set(col.code, (before ?? 0) + value);
    }
    out.push({ year, name, alpha3: unNameToIso3(name, options) ?? undefined, origins });
  }
  return {
    years: [...years].sort((a, b) => a - b),
    columns: originColumns.map(({ name, code, deliberate }) => ({ name, code, deliberate })),
    unmatched,
    rows: out,
  };
}
// ---------------------------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------------------------

export interface UnTableOptions extends CountryOptions {
  /** Reporting countries (alpha-3); default the participating countries. */
  readonly reporters?: readonly string[];
  /** Label languages; default English then Russian. */
  readonly languages?: readonly Language[];
}

export function textsOf(b: Bilingual, languages: readonly Language[]): Texts {
  const out: Record<string, string> = {};
  for (const l of languages) out[l] = b[l];
  return out;
}

function note(b: Bilingual, languages: readonly Language[], mandatory = false): Note {
  return mandatory ? { text: textsOf(b, languages), mandatory } : { text: textsOf(b, languages) };
}

/** A number, nil for 0, not available for null. */
function setCell(ds: Dataset, offset: number, value: number | null): void {
  if (value === null) {
    ds.values[offset] = Number.NaN;
    ds.status[offset] = Status.notAvailable;
  } else if (value === 0) {
    ds.values[offset] = Number.NaN;
    ds.status[offset] = Status.nil;
  } else {
    ds.values[offset] = value;
    ds.status[offset] = Status.value;
  }
}

const SEX_INDEX: Readonly<Record<UnSex, number>> = { T: 0, M: 1, F: 2 };

/** Offset of (reporter, year, own, sex, age `_T`) in a cube of dimensions reporter, year, own, sex, age, contents. */
function cell(st: readonly number[], r: number, y: number, o: number, sex: UnSex): number {
  return r * (st[0] as number) + y * (st[1] as number) + o * (st[2] as number) + SEX_INDEX[sex] * (st[3] as number);
}

/**
 * The UN's metadata of each reporter as notes of its category: the type of data and the numbered country notes
 * of the workbook. A country the UN marks with `*` (country notes) without giving a numbered note in this
 * workbook gets the numbered notes of `fallback` (the other revision's workbook), which say so.
 */
function withUnReporterNotes(
  ds: Dataset,
  wb: UnWorkbook,
  languages: readonly Language[],
  fallback: UnWorkbook | undefined,
): Dataset {
  const dimensions = ds.dimensions.map((d, k) => {
    if (k !== 0) return d;
    return {
      ...d,
      categories: d.categories.map((c): Category => {
        const country = wb.countries.get(c.code);
        if (!country) return c;
        const texts: Bilingual[] = [];
        const type = unTypeOfDataNote(wb, country);
        if (type) texts.push(type);
        for (const n of country.noteNumbers) texts.push(unCountryNote(wb, n));
        const other = fallback?.countries.get(c.code);
        if (fallback && other && country.asterisk && country.noteNumbers.length === 0) {
          for (const n of other.noteNumbers) texts.push(unCountryNote(fallback, n));
        }
        return texts.length ? { ...c, notes: [...(c.notes ?? []), ...texts.map((t) => note(t, languages))] } : c;
      }),
    };
  });
  return { ...ds, dimensions };
}

function unRows(wb: UnWorkbook, reporters: readonly string[]): UnWorkbookCountry[] {
  const missing = reporters.filter((r) => !wb.countries.has(r));
  if (missing.length === reporters.length)
    throw new Error(`${wb.file}: no rows for the reporters ${reporters.join(", ")}`);
  return reporters.flatMap((r) => wb.countries.get(r) ?? []);
}

/**
 * Table 1.1 from the 2020 workbook: for each reporter, year and sex, `_T` = population, `FOR` = migrant stock,
 * `NAT` = population − migrant stock, `_U` not available; age groups `..`. A reporter the workbook lacks is `..`.
 */
export function unTable11(wb: UnWorkbook, options: UnTableOptions & { readonly notesOf?: UnWorkbook } = {}): Dataset {
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const languages = options.languages ?? LANGUAGES;
  const rows = unRows(wb, reporters);
  const years = wb.years;
  const ds = emptyCube("T1_1", { ...options, reporters, years, languages, refPeriod: UN_REFPERIOD });
  const st = strides(ds.dimensions);
  const own = ds.dimensions[2]?.categories.map((c) => c.code) ?? [];
  const [oT, oNat, oFor] = ["_T", "NAT", "FOR"].map((c) => own.indexOf(c)) as [number, number, number];
  for (const row of rows) {
    const r = reporters.indexOf(row.alpha3);
    for (const [y, year] of years.entries()) {
      for (const sex of UN_SEXES) {
        const pop = row.population[sex].get(year) ?? null;
        const stock = row.stock[sex].get(year) ?? null;
        setCell(ds, cell(st, r, y, oT, sex), pop);
        setCell(ds, cell(st, r, y, oFor, sex), stock);
        setCell(ds, cell(st, r, y, oNat, sex), pop !== null && stock !== null ? pop - stock : null);
      }
    }
  }
  return withUnReporterNotes(
    {
      ...ds,
      source: textsOf(UN_DESA_2020_SOURCE, languages),
      updated: UN_RELEASE_DATES[wb.revision],
      notes: [note(UN_STAND_IN_NOTE, languages, true), note(UN_REVISION_NOTE, languages)],
    },
    wb,
    languages,
    options.notesOf,
  );
}

/**
 * Table 1.2 of the 2019 revision: `_T` by sex the UN's total of the 2019 workbook; at both sexes the countries
 * of origin of the origin–destination file (every ISO country of the full partner list; those the file does not
 * list `..`), `_O` the origins that are not one ISO country, `_U` the rest of the UN total. Men and women by
 * origin, and age groups, `..`. Refuses a row whose listed origins exceed the UN total.
 */
export function unTable12(origin: string | UnOriginDestination, wb: UnWorkbook, options: UnTableOptions = {}): Dataset {
  const parsed = typeof origin === "string" ? parseUnOriginDestination(origin, options) : origin;
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const languages = options.languages ?? LANGUAGES;
  const totals = unRows(wb, reporters);
  const years = wb.years;
  const ds = emptyCube("T1_2", { ...options, reporters, years, languages, refPeriod: UN_REFPERIOD });
  const st = strides(ds.dimensions);
  const own = new Map(ds.dimensions[2]?.categories.map((c, i) => [c.code, i]));
  const oT = own.get("_T") as number;
  const oU = own.get("_U") as number;
  const rowOf = new Map(parsed.rows.filter((r) => r.alpha3).map((r) => [`${r.alpha3} ${r.year}`, r]));
  for (const country of totals) {
    const r = reporters.indexOf(country.alpha3);
    for (const [y, year] of years.entries()) {
      for (const sex of UN_SEXES) setCell(ds, cell(st, r, y, oT, sex), country.stock[sex].get(year) ?? null);
      const total = country.stock.T.get(year) ?? null;
      const row = rowOf.get(`${country.alpha3} ${year}`);
      if (!row) continue; // no origins for this year: the partners stay `..`
      let listed = 0;
      let complete = true;
      for (const [code, value] of row.origins) {
        const o = own.get(code);
        if (o === undefined) throw new Error(`${UN_DESA_ORIGIN_FILE}: origin code ${code} is not in the partner list`);
        setCell(ds, cell(st, r, y, o, "T"), value);
        if (value === null) complete = false;
        else listed += value;
      }
      if (total === null || !complete) continue; // the remainder is not known: `_U` stays `..`
      if (listed > total) {
        throw new Error(
          `${UN_DESA_ORIGIN_FILE}: ${country.name} ${year}: the origins listed add up to ${listed}, more than the UN total ${total} of ${wb.file}`,
        );
      }
      setCell(ds, cell(st, r, y, oU, "T"), total - listed);
    }
  }
  return withUnReporterNotes(
    {
      ...ds,
      source: textsOf(UN_DESA_2019_SOURCE, languages),
      updated: UN_RELEASE_DATES[wb.revision],
      notes: [
        note(UN_STAND_IN_NOTE, languages, true),
        note(UN_REVISION_NOTE, languages),
        note(NAME_NOTE_12, languages),
      ],
    },
    wb,
    languages,
    undefined,
  );
}

/**
 * What the difference between 1.1 `FOR` and 1.2 `_T` really is, from the two cubes: the years they share, how
 * many reporter-year-sex cells agree, and each one that differs with both figures.
 */
export function unRevisionDifferences(t11: Dataset, t12: Dataset): Bilingual {
  const years = (ds: Dataset) => ds.dimensions[1]?.categories.map((c) => c.code) ?? [];
  const common = years(t11).filter((y) => years(t12).includes(y));
  const reporters = t11.dimensions[0]?.categories ?? [];
  const s11 = strides(t11.dimensions);
  const s12 = strides(t12.dimensions);
  const oFor = t11.dimensions[2]?.categories.findIndex((c) => c.code === "FOR") ?? -1;
  const fmt = { en: new Intl.NumberFormat("en"), ru: new Intl.NumberFormat("ru") };
  const sexLabel = { T: { en: "", ru: "" }, M: { en: " men", ru: " мужчины" }, F: { en: " women", ru: " женщины" } };
  const diffs: { en: string; ru: string }[] = [];
  let same = 0;
  let compared = 0;
  let largest = 0;
  for (const [r, reporter] of reporters.entries()) {
    const r12 = t12.dimensions[0]?.categories.findIndex((c) => c.code === reporter.code) ?? -1;
    if (r12 < 0) continue;
    for (const year of common) {
      const y11 = years(t11).indexOf(year);
      const y12 = years(t12).indexOf(year);
      for (const sex of UN_SEXES) {
        const a = t11.values[cell(s11, r, y11, oFor, sex)] as number;
        const b = t12.values[cell(s12, r12, y12, 0, sex)] as number;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        compared++;
        if (a === b) {
          same++;
          continue;
        }
        largest = Math.max(largest, Math.abs(a - b) / b);
        const code = `${reporter.code} ${year}`;
        diffs.push({
          en: `${code}${sexLabel[sex].en} ${fmt.en.format(a)} against ${fmt.en.format(b)}`,
          ru: `${code}${sexLabel[sex].ru} ${fmt.ru.format(a)} против ${fmt.ru.format(b)}`,
        });
      }
    }
  }
  const span = common.length ? `${common[0]}–${common[common.length - 1]}` : "";
  const pct = { en: (largest * 100).toFixed(2), ru: (largest * 100).toFixed(2).replace(".", ",") };
  if (diffs.length === 0) {
    return {
      en: `1.1 Foreign-born and 1.2 Total agree in all ${compared} reporter, year and sex cells of the years both tables have (${span}).`,
      ru: `«Родившиеся за рубежом» таблицы 1.1 и «Всего» таблицы 1.2 совпадают во всех ${compared} ячейках (страна, год, пол) общих лет (${span}).`,
    };
  }
  return {
    en: `In the years both tables have (${span}), 1.1 Foreign-born and 1.2 Total agree in ${same} of ${compared} reporter, year and sex cells; the UN revised the others by at most ${pct.en}% (1.1 against 1.2): ${diffs.map((d) => d.en).join("; ")}.`,
    ru: `В общих годах (${span}) «Родившиеся за рубежом» таблицы 1.1 и «Всего» таблицы 1.2 совпадают в ${same} из ${compared} ячеек (страна, год, пол); остальные ООН пересмотрела не более чем на ${pct.ru}% (1.1 против 1.2): ${diffs.map((d) => d.ru).join("; ")}.`,
  };
}

/** The dataset with one more note (at the end). */
export function withNote(ds: Dataset, text: Bilingual): Dataset {
  const languages = ds.languages as readonly Language[];
  return { ...ds, notes: [...(ds.notes ?? []), note(text, languages)] };
}

export type Anchors = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** Total population (`pop`) and foreign-born stock (`fb`) of the 2020 revision, by reporter and year. */
export function unTotalsAnchors(rows: readonly UnStockTotal[]): { readonly pop: Anchors; readonly fb: Anchors } {
  const pop = new Map<string, Map<number, number>>();
  const fb = new Map<string, Map<number, number>>();
  const put = (m: Map<string, Map<number, number>>, code: string, year: number, v: number | undefined) => {
    if (v === undefined) return;
    const inner = m.get(code) ?? new Map<number, number>();
    m.set(code, inner);
    inner.set(year, v);
  };
  for (const r of rows) {
    put(pop, r.alpha3, r.year, r.pop);
    put(fb, r.alpha3, r.year, r.fb);
  }
  return { pop, fb };
}

/** Sum of each destination row of the origin–destination file (= 1.2 `_T`), by destination and year. */
export function unOriginAnchors(parsed: UnOriginDestination): Anchors {
  const out = new Map<string, Map<number, number>>();
  for (const row of parsed.rows) {
    if (!row.alpha3) continue;
    let sum = 0;
    for (const v of row.origins.values()) sum += v ?? 0;
    const inner = out.get(row.alpha3) ?? new Map<number, number>();
    out.set(row.alpha3, inner);
    inner.set(row.year, sum);
  }
  return out;
}

/** Population and migrant stock of a UN workbook (both sexes, or men or women), by reporter and year. */
export function unWorkbookAnchors(wb: UnWorkbook, sex: UnSex = "T"): { readonly pop: Anchors; readonly fb: Anchors } {
  const pop = new Map<string, Map<number, number>>();
  const fb = new Map<string, Map<number, number>>();
  for (const [code, c] of wb.countries) {
    const p = new Map<number, number>();
    const f = new Map<number, number>();
    for (const [year, v] of c.population[sex]) if (v !== null) p.set(year, v);
    for (const [year, v] of c.stock[sex]) if (v !== null) f.set(year, v);
    pop.set(code, p);
    fb.set(code, f);
  }
  return { pop, fb };
}
