/**
 * Real figures for tables 1.1 and 1.2: the UN DESA International Migrant Stock estimates as prepared in
 * shared/corpus/data (see its SOURCES.md). Pure functions: the caller reads the files and passes their texts.
 *
 * - `un_desa_2020_stock_totals.csv` (revision 2020): one row per country and year (1990–2020, five-yearly) with
 *   `pop` (total population) and `fb` (foreign-born stock) → table 1.1: `_T` = pop, `FOR` = fb, `NAT` = pop − fb,
 *   `_U` nil.
 * - `un_desa_2019_stock_by_origin_destination.csv` (revision 2019): one row per year (1990–2015 five-yearly, and
 *   2019) and destination, one column per country of origin → table 1.2: a participating country's row, origins
 *   matched to ISO 3166-1 alpha-3 by name (`unNameToIso3`), unmatched origins in `_O`, `_T` the sum of the row.
 *
 * Both are estimates for both sexes and all ages: the men, women and age-group cells are not available (`..`).
 * Each table keeps to its revision and says so in its source; the two revisions differ slightly, which the check
 * 1.1 `FOR` = 1.2 `_T` shows (`UN_REVISION_FINDING`).
 */

import { type Bilingual, type Dataset, type Note, Status, strides, type Texts } from "@clearinghouse/cube";
import { type CountryOptions, countryByCode, DEFAULT_REPORTERS, isoCountryList } from "../countries.ts";
import { emptyCube, LANGUAGES, type Language } from "../tables.ts";
import { parseCsv } from "./csv.ts";

/** The UN estimates refer to the middle of the year, not to 1 January as the clearinghouse's stocks do. */
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
    en: `${UN_DESA_CREDIT.en} (${revision}). International Migrant Stock, revision ${revision}: ${what.en}. Licence CC BY 3.0 IGO.`,
    ru: `${UN_DESA_CREDIT.ru} (${revision}). International Migrant Stock (численность международных мигрантов), редакция ${revision} г.: ${what.ru}. Лицензия CC BY 3.0 IGO.`,
  };
}

/** Source of table 1.1 from the 2020 revision. */
export const UN_DESA_2020_SOURCE: Bilingual = unSource(2020, {
  en: "international migrant (foreign-born) stock and total population at mid-year",
  ru: "численность международных мигрантов (родившихся за рубежом) и всего населения на середину года",
});

/** Source of table 1.2 from the 2019 revision. */
export const UN_DESA_2019_SOURCE: Bilingual = unSource(2019, {
  en: "international migrant stock by country of origin and destination at mid-year",
  ru: "численность международных мигрантов по странам происхождения и назначения на середину года",
});

/** The mandatory note of every table built from the UN figures. */
export const UN_STAND_IN_NOTE: Bilingual = {
  en:
    "UN mid-year estimates standing in until the countries submit their own figures: these are not the countries' " +
    "official statistics but the United Nations Population Division's estimates, built mainly from censuses and " +
    "registers (for countries without place-of-birth data, citizenship is used as a proxy). Both sexes and all ages " +
    "only: men, women and age groups are not available (..).",
  ru:
    "Оценки ООН на середину года, используемые до представления странами собственных данных: это не официальная " +
    "статистика стран, а оценки Отдела народонаселения ООН, основанные главным образом на переписях и регистрах " +
    "(для стран без данных о месте рождения используется гражданство). Только оба пола и все возрасты: данные " +
    "по мужчинам, женщинам и возрастным группам отсутствуют (..).",
};

/** Why 1.1 `FOR` and 1.2 `_T` differ when both come from the UN (the finding `UN_REVISION_FINDING` explains). */
export const UN_REVISION_NOTE: Bilingual = {
  en:
    "Table 1.1 uses the 2020 revision of International Migrant Stock and table 1.2 the 2019 revision (the only one " +
    "here by country of origin); the UN revised its estimates between them, and 1.2 Total is the sum of the " +
    "origins the file lists by country, so 1.1 Foreign-born and 1.2 Total differ in the years both have " +
    "(1990–2015), mostly by a few per cent. The consistency check shows the difference rather than hiding it.",
  ru:
    "Таблица 1.1 основана на редакции 2020 г. International Migrant Stock, таблица 1.2 — на редакции 2019 г. " +
    "(единственной здесь с данными по странам происхождения); ООН пересмотрела оценки между редакциями, а «Всего» " +
    "таблицы 1.2 — сумма мест происхождения, указанных в файле по странам, поэтому «Родившиеся за рубежом» " +
    "таблицы 1.1 и «Всего» таблицы 1.2 расходятся в общих годах (1990–2015), в основном на несколько процентов. " +
    "Проверка согласованности показывает это расхождение, а не скрывает его.",
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
    "Countries of origin are matched to ISO 3166-1 by their UN names; origins that are not one ISO country " +
    "(Channel Islands) are counted in Other countries. Total is the sum of the row.",
  ru:
    "Страны происхождения сопоставлены с ISO 3166-1 по их названиям в ООН; места происхождения, не являющиеся " +
    "одной страной ISO (Нормандские острова), учтены в «Других странах». «Всего» — сумма по строке.",
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

/** Offset of (reporter, year, own, sex `_T`, age `_T`) in a cube of dimensions reporter, year, own, sex, age. */
function totalCell(st: readonly number[], r: number, y: number, o: number): number {
  return r * (st[0] as number) + y * (st[1] as number) + o * (st[2] as number);
}

/**
 * Table 1.1 from the 2020 revision: for each reporter and year of the file, `_T` = pop, `FOR` = fb,
 * `NAT` = pop − fb and `_U` nil, at sex `_T` and age `_T`; men, women and the age groups `..`.
 */
export function unTable11(totals: string | readonly UnStockTotal[], options: UnTableOptions = {}): Dataset {
  const rows = typeof totals === "string" ? parseUnStockTotals(totals, options) : totals;
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const languages = options.languages ?? LANGUAGES;
  const wanted = new Set(reporters);
  const years = [...new Set(rows.filter((r) => wanted.has(r.alpha3)).map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) throw new Error(`${UN_DESA_TOTALS_FILE}: no rows for the reporters`);
  const ds = emptyCube("T1_1", { ...options, reporters, years, languages, refPeriod: UN_REFPERIOD });
  const st = strides(ds.dimensions);
  const own = ds.dimensions[2]?.categories.map((c) => c.code) ?? [];
  const [oT, oNat, oFor, oU] = ["_T", "NAT", "FOR", "_U"].map((c) => own.indexOf(c)) as [
    number,
    number,
    number,
    number,
  ];
  for (const row of rows) {
    const r = reporters.indexOf(row.alpha3);
    const y = years.indexOf(row.year);
    if (r < 0 || y < 0) continue;
    setCell(ds, totalCell(st, r, y, oT), row.pop ?? null);
    setCell(ds, totalCell(st, r, y, oFor), row.fb ?? null);
    setCell(ds, totalCell(st, r, y, oNat), row.pop !== undefined && row.fb !== undefined ? row.pop - row.fb : null);
    setCell(ds, totalCell(st, r, y, oU), 0);
  }
  return {
    ...ds,
    source: textsOf(UN_DESA_2020_SOURCE, languages),
    notes: [note(UN_STAND_IN_NOTE, languages, true), note(UN_REVISION_NOTE, languages)],
  };
}

/**
 * Table 1.2 from the 2019 revision: each reporter's row of the origin–destination file for every year of the
 * file, origins by alpha-3 code (the cube carries only the countries with a figure above 0 for some reporter),
 * unmatched origins in `_O`, `_U` nil and `_T` the sum of the row, at sex `_T` and age `_T`; the rest `..`.
 */
export function unTable12(origin: string | UnOriginDestination, options: UnTableOptions = {}): Dataset {
  const parsed = typeof origin === "string" ? parseUnOriginDestination(origin, options) : origin;
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const languages = options.languages ?? LANGUAGES;
  const wanted = new Set(reporters);
  const rows = parsed.rows.filter((r) => r.alpha3 !== undefined && wanted.has(r.alpha3));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) throw new Error(`${UN_DESA_ORIGIN_FILE}: no rows for the reporters`);
  const partners = new Set<string>();
  for (const row of rows) {
    for (const [code, value] of row.origins) if (code !== "_O" && value !== null && value > 0) partners.add(code);
  }
  const ds = emptyCube("T1_2", {
    ...options,
    reporters,
    years,
    languages,
    partners: [...partners],
    refPeriod: UN_REFPERIOD,
  });
  const st = strides(ds.dimensions);
  const own = new Map(ds.dimensions[2]?.categories.map((c, i) => [c.code, i]));
  const size = own.size;
  for (const row of rows) {
    const r = reporters.indexOf(row.alpha3 as string);
    const y = years.indexOf(row.year);
    let sum = 0;
    const filled = new Uint8Array(size);
    for (const [code, value] of row.origins) {
      const o = own.get(code);
      if (o === undefined) continue; // a country with no figure above 0 anywhere: nil below
      setCell(ds, totalCell(st, r, y, o), value);
      filled[o] = 1;
      sum += value ?? 0;
    }
    for (let o = 0; o < size; o++) if (!filled[o]) setCell(ds, totalCell(st, r, y, o), 0);
    setCell(ds, totalCell(st, r, y, own.get("_T") as number), sum);
  }
  return {
    ...ds,
    source: textsOf(UN_DESA_2019_SOURCE, languages),
    notes: [note(UN_STAND_IN_NOTE, languages, true), note(UN_REVISION_NOTE, languages), note(NAME_NOTE_12, languages)],
  };
}

/** Reporter → year → figure, for anchoring the synthetic tables to the UN figures. */
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
