/**
 * The UN DESA International Migrant Stock workbooks themselves (shared/corpus/data, SOURCES.md "Added"): migrant
 * stock and total population at mid-year by sex (Tables 1 and 2), the type of data per country (B, C, R, I) and
 * the notes (the general notes and the numbered country notes the `Notes` column refers to).
 *
 * `readUnWorkbook` turns the bytes of a workbook into plain figures and texts; everything after it is pure. The
 * layout is found from the header texts (the 2019 and 2020 workbooks place their columns differently), and a
 * workbook whose layout does not match is refused with what was not found and where.
 */

import type { Bilingual } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import isoCountries from "i18n-iso-countries";

export const UN_STOCK_2020_WORKBOOK = "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";
export const UN_STOCK_2019_WORKBOOK = "undesa_pd_2019_migrant_stock_total_dataset.xlsx";

export type UnSex = "T" | "M" | "F";
export const UN_SEXES: readonly UnSex[] = ["T", "M", "F"];

/** Figures by sex and year; null where the UN publishes `..`. */
export type UnSeries = Readonly<Record<UnSex, ReadonlyMap<number, number | null>>>;

export interface UnWorkbookCountry {
  /** UN M49 location code. */
  readonly m49: number;
  readonly alpha3: string;
  /** The UN name, footnote asterisk removed. */
  readonly name: string;
  /** The UN marks the name with `*`: "for country notes, please refer to Notes". */
  readonly asterisk: boolean;
  /** Codes of the `Type of data` column, e.g. ["B", "R"]; empty where the column is blank. */
  readonly typeOfData: readonly string[];
  /** Numbers of the country notes the `Notes` column refers to ("7"); letters (regional notes) left out. */
  readonly noteNumbers: readonly string[];
  /** International migrant stock at mid-year, persons. */
  readonly stock: UnSeries;
  /** Total population at mid-year, persons (the workbook's thousands × 1,000, rounded). */
  readonly population: UnSeries;
}

export interface UnWorkbook {
  readonly file: string;
  readonly revision: 2019 | 2020;
  /** The UN document code, "POP/DB/MIG/Stock/Rev.2020". */
  readonly documentCode: string;
  /** Years of Table 1, ascending. */
  readonly years: readonly number[];
  /** The figures' reference date as the workbook states it: the UN's years refer to 1 July (mid-year). */
  readonly referenceDate: "1 July";
  /** The UN's own general notes (English), in the order of the notes sheet. */
  readonly generalNotes: readonly string[];
  /** The numbered country notes (English) by number. */
  readonly countryNotes: ReadonlyMap<string, string>;
  /** Rows of Table 1 that are one ISO 3166-1 country, by alpha-3 code. */
  readonly countries: ReadonlyMap<string, UnWorkbookCountry>;
}

/**
 * When the UN released each revision: the "Updated" date of a table built from it. 2019: the dataset was
 * released on 17 September 2019 (UN DESA press release "The number of international migrants reaches 272
 * million"); 2020: released with "International Migration 2020 Highlights" (ST/ESA/SER.A/452) on 15 January 2021.
 */
export const UN_RELEASE_DATES: Readonly<Record<2019 | 2020, string>> = {
  2019: "2019-09-17T00:00:00.000Z",
  2020: "2021-01-15T00:00:00.000Z",
};

type Cell = ExcelJS.CellValue;

/** A cell's value without formulas and rich text: the number or the text. */
function plain(value: Cell): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("result" in value) return plain((value as { result?: Cell }).result ?? null);
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in value) return String((value as { text: unknown }).text);
  }
  return null;
}

function rowTexts(ws: ExcelJS.Worksheet, r: number): (string | number | null)[] {
  const row = ws.getRow(r);
  const out: (string | number | null)[] = [];
  for (let c = 1; c <= ws.columnCount; c++) out.push(plain(row.getCell(c).value));
  return out;
}

class LayoutError extends Error {
  constructor(file: string, sheet: string, what: string) {
    super(`${file}, sheet "${sheet}": ${what} — not the layout of a UN International Migrant Stock workbook`);
    this.name = "LayoutError";
  }
}

function sheet(wb: ExcelJS.Workbook, file: string, name: RegExp): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => name.test(w.name.trim()));
  if (!ws) throw new Error(`${file}: no sheet named like ${name} (sheets: ${wb.worksheets.map((w) => w.name)})`);
  return ws;
}

interface TableLayout {
  readonly headerRow: number;
  readonly name: number;
  readonly notes: number;
  readonly code: number;
  readonly type: number | undefined;
  /** Column of each year, by sex. */
  readonly years: Readonly<Record<UnSex, ReadonlyMap<number, number>>>;
}

const YEAR = (v: string | number | null): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{4}$/.test(v.trim()) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 1950 && n <= 2100 ? n : undefined;
};

/** Finds the header row (the one with the years) and the columns of a Table 1 or Table 2 sheet. */
function tableLayout(ws: ExcelJS.Worksheet, file: string): TableLayout {
  for (let r = 1; r <= Math.min(ws.rowCount, 40); r++) {
    const texts = rowTexts(ws, r);
    const yearColumns = texts.flatMap((v, c) => (YEAR(v) === undefined ? [] : [c]));
    if (yearColumns.length < 6) continue;
    const find = (re: RegExp) => texts.findIndex((v) => typeof v === "string" && re.test(v));
    const name = find(/country or area/i);
    const notes = find(/^notes$/i);
    const code = find(/^(location )?code$/i);
    const type = find(/^type of data/i);
    if (name < 0 || notes < 0 || code < 0)
      throw new LayoutError(file, ws.name, `row ${r} has years but no name, notes or code column`);
    // Three groups of the same years: both sexes, males, females, each labelled so in the rows above.
    const groupSize = yearColumns.length / 3;
    if (!Number.isInteger(groupSize))
      throw new LayoutError(file, ws.name, `row ${r}: ${yearColumns.length} year columns, not three groups`);
    const groups = [0, 1, 2].map((g) => yearColumns.slice(g * groupSize, (g + 1) * groupSize));
    const label = (c: number) =>
      Array.from({ length: r - 1 }, (_, k) => plain(ws.getRow(r - 1 - k).getCell(c + 1).value))
        .filter((v): v is string => typeof v === "string")
        .join(" ")
        .toLowerCase();
    const sexOf = (c: number): UnSex | undefined => {
      const l = label(c);
      if (/both sexes/.test(l)) return "T";
      if (/female/.test(l)) return "F";
      if (/\bmales?\b/.test(l)) return "M";
      return undefined;
    };
    const years: Record<UnSex, Map<number, number>> = { T: new Map(), M: new Map(), F: new Map() };
    for (const group of groups) {
      // Merged header cells repeat only in exceljs's first cell of the range: look left to the group's first.
      const sex = sexOf(group[0] as number);
      if (!sex)
        throw new LayoutError(
          file,
          ws.name,
          `no "both sexes", "male" or "female" above column ${(group[0] as number) + 1}`,
        );
      for (const c of group) years[sex].set(YEAR(texts[c] ?? null) as number, c);
    }
    if (UN_SEXES.some((s) => years[s].size !== groupSize))
      throw new LayoutError(file, ws.name, "the three sexes do not each have one group of years");
    return { headerRow: r, name, notes, code, type: type < 0 ? undefined : type, years };
  }
  throw new LayoutError(file, ws.name, "no header row with the years in the first 40 rows");
}

function figure(v: string | number | null, file: string, sheetName: string, where: string): number | null {
  if (typeof v === "number") return v;
  if (v === null || (typeof v === "string" && v.trim() === "..")) return null;
  throw new Error(`${file}, sheet "${sheetName}", ${where}: "${v}" is neither a number nor ".."`);
}

interface TableRow {
  readonly m49: number;
  readonly name: string;
  readonly asterisk: boolean;
  readonly notes: readonly string[];
  readonly type: readonly string[];
  readonly series: Record<UnSex, Map<number, number | null>>;
}

function tableRows(ws: ExcelJS.Worksheet, file: string, layout: TableLayout, scale: number): Map<number, TableRow> {
  const out = new Map<number, TableRow>();
  for (let r = layout.headerRow + 1; r <= ws.rowCount; r++) {
    const texts = rowTexts(ws, r);
    const m49 = Number(texts[layout.code]);
    const rawName = texts[layout.name];
    if (!Number.isInteger(m49) || m49 <= 0 || typeof rawName !== "string") continue;
    const series: Record<UnSex, Map<number, number | null>> = { T: new Map(), M: new Map(), F: new Map() };
    for (const sex of UN_SEXES) {
      for (const [year, c] of layout.years[sex]) {
        const v = figure(texts[c] ?? null, file, ws.name, `row ${r} column ${c + 1}`);
        series[sex].set(year, v === null ? null : Math.round(v * scale));
      }
    }
    const noteCell = texts[layout.notes];
    const typeCell = layout.type === undefined ? null : texts[layout.type];
    out.set(m49, {
      m49,
      name: rawName.replace(/\*+\s*$/, "").trim(),
      asterisk: /\*\s*$/.test(rawName),
      notes: String(noteCell ?? "")
        .split(/[,;\s]+/)
        .filter((n) => /^\d+$/.test(n)),
      type: String(typeCell ?? "")
        .split(/\s+/)
        .filter((t) => /^[A-Z]$/.test(t)),
      series,
    });
  }
  return out;
}

/** The notes sheet: general notes (no marker or a letter) and numbered country notes. */
function notesOf(ws: ExcelJS.Worksheet): { general: string[]; numbered: Map<string, string> } {
  const general: string[] = [];
  const numbered = new Map<string, string>();
  let started = false;
  for (let r = 1; r <= ws.rowCount; r++) {
    const [marker, text] = rowTexts(ws, r);
    if (typeof text !== "string" && typeof marker === "string" && /^notes$/i.test(marker.trim())) {
      started = true; // the 2019 layout: "NOTES" in the first column, then marker | text
      continue;
    }
    if (typeof text !== "string") continue;
    if (/^notes$/i.test(text.trim())) {
      started = true; // the 2020 layout: "Notes" in the second column, then marker | text
      continue;
    }
    if (!started) continue;
    const m = String(marker ?? "").match(/^\(?(\d+)\)?$/);
    if (m) numbered.set(m[1] as string, text.replace(/\s+/g, " ").trim());
    else general.push(text.replace(/\s+/g, " ").trim());
  }
  return { general, numbered };
}

/** Reads one of the two UN workbooks (their bytes). */
export async function readUnWorkbook(bytes: Uint8Array | ArrayBuffer, file: string): Promise<UnWorkbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs's declarations want its own Buffer type; a Uint8Array (or Node Buffer) is what it reads.
  await wb.xlsx.load((bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ExcelJS.Buffer);
  const stockSheet = sheet(wb, file, /^Table 1$/i);
  const popSheet = sheet(wb, file, /^Table 2$/i);
  const notesSheet = sheet(wb, file, /^notes$/i);

  let documentCode: string | undefined;
  let midYear = false;
  for (let r = 1; r <= Math.min(stockSheet.rowCount, 20); r++) {
    for (const v of rowTexts(stockSheet, r)) {
      if (typeof v !== "string") continue;
      documentCode ??= v.match(/POP\/DB\/MIG\/Stock\/Rev\.\d{4}/)?.[0];
      if (/migrant stock at mid-year/i.test(v)) midYear = true;
    }
  }
  if (!documentCode)
    throw new LayoutError(file, stockSheet.name, 'no document code "POP/DB/MIG/Stock/Rev.…" in the first rows');
  const revision = Number(documentCode.slice(-4));
  if (revision !== 2019 && revision !== 2020) throw new Error(`${file}: revision ${revision}, expected 2019 or 2020`);

  const notes = notesOf(notesSheet);
  // The reference date from the source: the 2020 notes say "Years given refer to 1 July"; the 2019 workbook says
  // "at mid-year" in its titles, which for the UN Population Division is 1 July.
  const says1July = notes.general.some((n) => /refer to 1 July/i.test(n));
  if (!says1July && !midYear)
    throw new LayoutError(file, notesSheet.name, 'neither "Years given refer to 1 July" nor "at mid-year"');

  const stockLayout = tableLayout(stockSheet, file);
  const stock = tableRows(stockSheet, file, stockLayout, 1);
  const population = tableRows(popSheet, file, tableLayout(popSheet, file), 1000);
  const countries = new Map<string, UnWorkbookCountry>();
  for (const row of stock.values()) {
    // A region (four-digit codes such as 1832), a group of countries, or an area that is not one ISO country is
    // left out; the library reads "1832" as 832 (Jersey), so the code must come back unchanged.
    const numeric = String(row.m49).padStart(3, "0");
    const alpha3 = row.m49 < 1000 ? isoCountries.numericToAlpha3(numeric) : undefined;
    if (!alpha3 || isoCountries.alpha3ToNumeric(alpha3) !== numeric) continue;
    const pop = population.get(row.m49);
    if (!pop) throw new Error(`${file}: ${row.name} (${row.m49}) is in Table 1 but not in Table 2`);
    countries.set(alpha3, {
      m49: row.m49,
      alpha3,
      name: row.name,
      asterisk: row.asterisk,
      typeOfData: row.type,
      noteNumbers: row.notes,
      stock: row.series,
      population: pop.series,
    });
  }
  return {
    file,
    revision,
    documentCode,
    years: [...stockLayout.years.T.keys()].sort((a, b) => a - b),
    referenceDate: "1 July",
    generalNotes: notes.general,
    countryNotes: notes.numbered,
    countries,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The UN's texts in both languages
// ---------------------------------------------------------------------------------------------------------------

/** The type-of-data codes as the UN's notes define them. */
export const UN_TYPE_OF_DATA: Readonly<Record<string, Bilingual>> = {
  B: {
    en: "B: estimates derived from data on the foreign-born population",
    ru: "B: оценки получены по данным о населении, родившемся за рубежом",
  },
  C: {
    en: "C: estimates derived from data on foreign citizens",
    ru: "C: оценки получены по данным об иностранных гражданах",
  },
  R: {
    en: "R: the number of refugees, persons in refugee-like situations and asylum seekers reported by UNHCR (or UNRWA) was added to the estimates",
    ru: "R: к оценкам добавлено число беженцев, лиц в положении беженцев и лиц, ищущих убежища, по данным УВКБ ООН (или БАПОР)",
  },
  I: {
    en: "I: there were no data on international migrants for the country or area, the estimates were imputed",
    ru: "I: данных о международных мигрантах по стране или району нет, оценки получены расчетным путем (импутированы)",
  },
};

/**
 * Russian texts of the UN's numbered country notes, by their English text (as the notes sheets give it, spaces
 * collapsed). A country note without a Russian text here is refused when a table would show it, naming it.
 */
export const UN_NOTE_RU: Readonly<Record<string, string>> = {
  "Including Agalega, Rodrigues and Saint Brandon.": "Включая Агалегу, Родригес и Сен-Брандон.",
  "Including Zanzibar.": "Включая Занзибар.",
  "Including Ascension and Tristan da Cunha.": "Включая Вознесение и Тристан-да-Кунья.",
  "The estimates for 1990 to 2005 refer to Sudan and South Sudan.":
    "Оценки за 1990–2005 годы относятся к Судану и Южному Судану.",
  "Including Nagorno-Karabakh.": "Включая Нагорный Карабах.",
  "Including Northern-Cyprus.": "Включая Северный Кипр.",
  "Including Abkhazia and South Ossetia.": "Включая Абхазию и Южную Осетию.",
  "Including East Jerusalem. Refugees are not part of the foreign-born migrant stock in the State of Palestine.":
    "Включая Восточный Иерусалим. Беженцы не входят в число мигрантов, родившихся за рубежом, в Государстве Палестина.",
  "For statistical purposes, the data for China do not include Hong Kong and Macao and Special Administrative Regions (SAR) of China.":
    "Для статистических целей данные по Китаю не включают Гонконг и Макао, специальные административные районы (САР) Китая.",
  "As of 1 July 1997, Hong Kong became a Special Administrative Region (SAR) of China.":
    "С 1 июля 1997 года Гонконг — специальный административный район (САР) Китая.",
  "As of 20 December 1999, Macao became a Special Administrative Region (SAR) of China.":
    "С 20 декабря 1999 года Макао — специальный административный район (САР) Китая.",
  "Including Sabah and Sarawak.": "Включая Сабах и Саравак.",
  "The estimates of migrant stock for 1990 to 2005 refer to the former Netherlands Antilles.":
    "Оценки численности мигрантов за 1990–2005 годы относятся к бывшим Нидерландским Антильским островам.",
  "Including Saint-Barthélemy and Saint-Martin (French part).":
    "Включая Сен-Бартелеми и Сен-Мартен (французская часть).",
  "A dispute exists between the Governments of Argentina and the United Kingdom of Great Britain and Northern Ireland concerning sovereignty over the Falkland Islands (Malvinas).":
    "Между правительствами Аргентины и Соединенного Королевства Великобритании и Северной Ирландии существует спор о суверенитете над Фолклендскими (Мальвинскими) островами.",
  "Including Christmas Island, Cocos (Keeling) Islands and Norfolk Island.":
    "Включая остров Рождества, Кокосовые (Килинг) острова и остров Норфолк.",
  "Including Pitcairn.": "Включая Питкэрн.",
  "Including Transnistria.": "Включая Приднестровье.",
  "Including Crimea.": "Включая Крым.",
  "Refers to Guernsey, and Jersey.": "Относится к Гернси и Джерси.",
  "Including Åland Islands.": "Включая Аландские острова.",
  "Including Svalbard and Jan Mayen Islands.": "Включая острова Шпицберген и Ян-Майен.",
  "Refers to the Vatican City State.": "Относится к государству-городу Ватикан.",
  "Including Kosovo. The estimates of migrant stock for 1990 to 2005 refer to Serbia and Montenegro.":
    "Включая Косово. Оценки численности мигрантов за 1990–2005 годы относятся к Сербии и Черногории.",
  "Including Canary Islands, Ceuta and Melilla.": "Включая Канарские острова, Сеуту и Мелилью.",
};

/** A numbered country note of a workbook in both languages, with its number and revision. */
export function unCountryNote(wb: UnWorkbook, number: string): Bilingual {
  const en = wb.countryNotes.get(number);
  if (en === undefined)
    throw new Error(`${wb.file}: the Notes column refers to note ${number}, which the notes sheet lacks`);
  const ru = UN_NOTE_RU[en];
  if (ru === undefined) {
    throw new Error(`${wb.file}: country note ${number} ("${en}") has no Russian text in UN_NOTE_RU: add it there`);
  }
  return {
    en: `UN country note ${number} (International Migrant Stock ${wb.revision}): ${en}`,
    ru: `Примечание ООН по стране № ${number} (International Migrant Stock ${wb.revision}): ${ru}`,
  };
}

/** The type of data of a country in both languages ("Type of data (revision 2020): B R — …"). */
export function unTypeOfDataNote(wb: UnWorkbook, country: UnWorkbookCountry): Bilingual | undefined {
  if (country.typeOfData.length === 0) return undefined;
  const parts = country.typeOfData.map((code) => {
    const text = UN_TYPE_OF_DATA[code];
    if (!text) throw new Error(`${wb.file}: ${country.name} has type of data "${code}", not one of B, C, R, I`);
    return text;
  });
  const codes = country.typeOfData.join(" ");
  return {
    en: `Type of data (UN, International Migrant Stock ${wb.revision}): ${codes} — ${parts.map((p) => p.en).join("; ")}.`,
    ru: `Тип данных (ООН, International Migrant Stock ${wb.revision}): ${codes} — ${parts.map((p) => p.ru).join("; ")}.`,
  };
}
