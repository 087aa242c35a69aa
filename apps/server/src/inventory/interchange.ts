/**
 * An institution as a record of texts — a row of a CSV or Excel file, the body of a suggestion — and back, with
 * every problem of a record found and reported by column, in English and Russian. Pure: no I/O.
 *
 * The columns (their names are the file's header, in any order; README.md documents them):
 *   id, name_en, name_ru, name_original, original_language, acronym, category, status, country, city, city_ru,
 *   address, latitude, longitude, countries_of_activity, website, source_url, email, phone, summary_en, summary_ru,
 *   topics, languages, verified_at, synthetic
 * Lists (countries_of_activity, topics, languages) are separated by ";" (or ","). Categories and topics are given
 * by id or by their English or Russian label; country codes and language codes in any case. An empty cell is no
 * value. `created_at`, `updated_at` and `version`, which exports add, are read over.
 */

import { countryByCode } from "@clearinghouse/domain";
import { foldText } from "./fold.ts";
import { type Message, importMessages as m } from "./messages.ts";
import {
  CATEGORY_IDS,
  type CategoryId,
  categoryOf,
  type Lang,
  STATUS_IDS,
  type StatusId,
  statusOf,
  type TopicId,
  topicOf,
} from "./vocabulary.ts";

/** What is written of an institution (the generated and bookkeeping columns aside). */
export interface InstitutionFields {
  readonly id: string;
  readonly name_en: string | null;
  readonly name_ru: string | null;
  readonly name_original: string | null;
  readonly original_language: string | null;
  readonly acronym: string | null;
  readonly category: CategoryId;
  /** active, inactive (no longer working, kept for the record) or withdrawn (taken out of the public list). */
  readonly status: StatusId;
  readonly country: string | null;
  readonly city: string | null;
  /** The city's name in Russian ("Бишкек"); `city` holds it in English or as written in Latin letters. */
  readonly city_ru: string | null;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly countries_of_activity: readonly string[];
  readonly website: string | null;
  /** Where the entry's facts were taken from (a public page). */
  readonly source_url: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly summary_en: string | null;
  readonly summary_ru: string | null;
  readonly topics: readonly TopicId[];
  readonly languages: readonly string[];
  /** When the secretariat last confirmed the entry: an ISO instant in UTC ("2025-01-31T00:00:00.000Z"). */
  readonly verified_at: string | null;
  readonly synthetic: boolean;
}

export const COLUMNS = [
  "id",
  "name_en",
  "name_ru",
  "name_original",
  "original_language",
  "acronym",
  "category",
  "status",
  "country",
  "city",
  "city_ru",
  "address",
  "latitude",
  "longitude",
  "countries_of_activity",
  "website",
  "source_url",
  "email",
  "phone",
  "summary_en",
  "summary_ru",
  "topics",
  "languages",
  "verified_at",
  "synthetic",
] as const satisfies readonly (keyof InstitutionFields)[];
export type Column = (typeof COLUMNS)[number];

/** Columns an export adds for the reader, ignored on import. */
export const INFORMATIONAL_COLUMNS = ["created_at", "updated_at", "version"] as const;

/** Longest text per column, in characters. */
const MAX_LENGTH: Partial<Record<Column, number>> = {
  name_en: 500,
  name_ru: 500,
  name_original: 500,
  acronym: 50,
  city: 200,
  city_ru: 200,
  address: 500,
  website: 2000,
  source_url: 2000,
  email: 254,
  phone: 100,
  summary_en: 5000,
  summary_ru: 5000,
};

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 64;

/** One problem of a file: its row (1 is the header) and column (null: the whole row or file). */
export interface RowProblem {
  readonly row: number;
  readonly column: string | null;
  readonly message: Message;
}

/** A record of texts by column name, as read from one row. */
export type TextRecord = Readonly<Partial<Record<string, string>>>;

/**
 * Characters a spreadsheet would take as the start of a formula (OWASP's list). CSV cells of text that start with
 * one, after any apostrophes, get an apostrophe in front: Excel and LibreOffice then show the text instead of
 * running it. Reading takes one leading apostrophe off such a cell, so the guard survives a round trip exactly.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

const listOf = (text: string): string[] =>
  text
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

/** The texts of an institution's record (arrays joined by "; ", numbers as JavaScript writes them). */
export function fieldsToRecord(fields: InstitutionFields): Record<Column, string> {
  const text = (v: string | null) => v ?? "";
  return {
    id: fields.id,
    name_en: text(fields.name_en),
    name_ru: text(fields.name_ru),
    name_original: text(fields.name_original),
    original_language: text(fields.original_language),
    acronym: text(fields.acronym),
    category: fields.category,
    status: fields.status,
    country: text(fields.country),
    city: text(fields.city),
    city_ru: text(fields.city_ru),
    address: text(fields.address),
    latitude: fields.latitude === null ? "" : String(fields.latitude),
    longitude: fields.longitude === null ? "" : String(fields.longitude),
    countries_of_activity: fields.countries_of_activity.join("; "),
    website: text(fields.website),
    source_url: text(fields.source_url),
    email: text(fields.email),
    phone: text(fields.phone),
    summary_en: text(fields.summary_en),
    summary_ru: text(fields.summary_ru),
    topics: fields.topics.join("; "),
    languages: fields.languages.join("; "),
    verified_at: text(fields.verified_at),
    synthetic: fields.synthetic ? "true" : "false",
  };
}

// Control characters other than tab and line breaks; PostgreSQL refuses NUL in text, the rest are never meant.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A number written with a point or a decimal comma ("40,18" as Russian spreadsheets write it). */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/^([+-]?\d+),(\d+)$/, "$1.$2");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    return Boolean(new URL(text).hostname);
  } catch {
    return false;
  }
}

const isEmail = (text: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);

/**
 * A date (YYYY-MM-DD, taken as midnight UTC) or an ISO date-time with a time zone (Z or ±hh:mm; without one, UTC),
 * as an ISO instant in UTC; undefined when the text is neither or the date does not exist.
 */
export function parseInstant(text: string): string | undefined {
  const t = text.trim().replace(" ", "T");
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(t);
  if (!match) return undefined;
  const [, y, mo, d, time, zone] = match;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return undefined;
  if (time === undefined) return day.toISOString();
  const instant = new Date(zone === undefined ? `${t}Z` : t);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/**
 * Reads a record into an institution's fields, collecting every problem of the row. Without an id (an empty id
 * cell) the fields come back with id "" and the importer chooses one. Problems refer to `row`.
 */
export function recordToFields(
  record: TextRecord,
  row: number,
): { readonly fields: InstitutionFields | undefined; readonly problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (column: Column | null, message: Message) => problems.push({ row, column, message });
  const cell = (column: Column): string | null => {
    const raw = record[column];
    if (raw === undefined) return null;
    const value = raw.trim();
    if (value === "") return null;
    if (CONTROL.test(value)) {
      problem(column, m.controlCharacter());
      return null;
    }
    const max = MAX_LENGTH[column];
    if (max !== undefined && value.length > max) problem(column, m.tooLong(max));
    return value;
  };

  const id = cell("id") ?? "";
  if (id !== "" && (!ID_PATTERN.test(id) || id.length > MAX_ID_LENGTH)) problem("id", m.badId(id));

  const name_en = cell("name_en");
  const name_ru = cell("name_ru");
  if (name_en === null && name_ru === null) problem("name_en", m.noName());

  const categoryText = cell("category");
  const category = categoryText === null ? undefined : categoryOf(categoryText);
  if (categoryText === null) problem("category", m.required());
  else if (category === undefined) problem("category", m.badCategory(categoryText, CATEGORY_IDS));

  const countryCode = (column: Column, text: string): string | undefined => {
    const code = text.toUpperCase();
    if (/^[A-Z]{3}$/.test(code) && countryByCode(code)) return code;
    problem(column, m.badCountry(text));
    return undefined;
  };
  const countryText = cell("country");
  const country = countryText === null ? null : (countryCode("country", countryText) ?? null);
  const activityText = cell("countries_of_activity");
  const countries_of_activity = [
    ...new Set(listOf(activityText ?? "").flatMap((c) => countryCode("countries_of_activity", c) ?? [])),
  ];

  const coordinate = (column: "latitude" | "longitude", limit: number): number | null => {
    const text = cell(column);
    if (text === null) return null;
    const n = parseNumber(text);
    if (n === undefined) problem(column, m.badNumber(text));
    else if (n < -limit || n > limit) problem(column, m.outOfRange(-limit, limit));
    else return n;
    return null;
  };
  const latitudeGiven = (record.latitude?.trim() ?? "") !== "";
  const longitudeGiven = (record.longitude?.trim() ?? "") !== "";
  const latitude = coordinate("latitude", 90);
  const longitude = coordinate("longitude", 180);
  if (latitudeGiven !== longitudeGiven) problem(latitudeGiven ? "longitude" : "latitude", m.halfPoint());

  const website = cell("website");
  if (website !== null && !isWebAddress(website)) problem("website", m.badUrl(website));
  const source_url = cell("source_url");
  if (source_url !== null && !isWebAddress(source_url)) problem("source_url", m.badUrl(source_url));

  const statusText = cell("status");
  const status = statusText === null ? "active" : statusOf(statusText);
  if (status === undefined) problem("status", m.badStatus(statusText ?? "", STATUS_IDS));
  const email = cell("email");
  if (email !== null && !isEmail(email)) problem("email", m.badEmail(email));

  const topics: TopicId[] = [];
  for (const t of listOf(cell("topics") ?? "")) {
    const topic = topicOf(t);
    if (topic === undefined) problem("topics", m.badTopic(t));
    else if (!topics.includes(topic)) topics.push(topic);
  }

  const languageCode = (column: Column, text: string): string | undefined => {
    const code = text.toLowerCase();
    if (/^[a-z]{2,3}$/.test(code)) return code;
    problem(column, m.badLanguage(text));
    return undefined;
  };
  const originalText = cell("original_language");
  const original_language = originalText === null ? null : (languageCode("original_language", originalText) ?? null);
  const languages = [...new Set(listOf(cell("languages") ?? "").flatMap((l) => languageCode("languages", l) ?? []))];

  const verifiedText = cell("verified_at");
  const verified_at = verifiedText === null ? null : (parseInstant(verifiedText) ?? null);
  if (verifiedText !== null && verified_at === null) problem("verified_at", m.badDate(verifiedText));

  const syntheticText = cell("synthetic")?.toLowerCase() ?? "false";
  const synthetic = ["true", "1", "yes", "да"].includes(syntheticText);
  if (!synthetic && !["false", "0", "no", "нет"].includes(syntheticText)) {
    problem("synthetic", m.badBoolean(syntheticText));
  }

  const name_original = cell("name_original");
  const acronym = cell("acronym");
  const city = cell("city");
  const city_ru = cell("city_ru");
  const address = cell("address");
  const phone = cell("phone");
  const summary_en = cell("summary_en");
  const summary_ru = cell("summary_ru");

  const fields: InstitutionFields | undefined =
    problems.length > 0 || category === undefined || status === undefined
      ? undefined
      : {
          id,
          name_en,
          name_ru,
          name_original,
          original_language,
          acronym,
          category,
          status,
          country,
          city,
          city_ru,
          address,
          latitude,
          longitude,
          countries_of_activity,
          website,
          source_url,
          email,
          phone,
          summary_en,
          summary_ru,
          topics,
          languages,
          verified_at,
          synthetic,
        };
  return { fields, problems };
}

/** The problems of a header: unknown and repeated columns, and the columns every file needs. */
function headerProblems(header: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const known = new Set<string>([...COLUMNS, ...INFORMATIONAL_COLUMNS]);
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") continue;
    if (!known.has(name)) problems.push({ row: 1, column: name, message: m.unknownColumn(name) });
    else if (seen.has(name)) problems.push({ row: 1, column: name, message: m.repeatedColumn(name) });
    seen.add(name);
  }
  if (!seen.has("category")) problems.push({ row: 1, column: "category", message: m.missingColumn("category") });
  if (!seen.has("name_en") && !seen.has("name_ru")) {
    problems.push({ row: 1, column: "name_en", message: m.missingColumn("name_en") });
  }
  return problems;
}

/** One data row of a file: its row number (as a spreadsheet shows it) and its record. */
export interface FileRow {
  readonly row: number;
  readonly record: TextRecord;
}

/** Every row's fields, or the problems of the file: header, rows, and ids given twice. */
export function readRows(
  header: readonly string[],
  rows: readonly FileRow[],
): { readonly entries: { row: number; fields: InstitutionFields }[]; readonly problems: RowProblem[] } {
  const problems = headerProblems(header);
  const entries: { row: number; fields: InstitutionFields }[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, record } of rows) {
    const read = recordToFields(record, row);
    problems.push(...read.problems);
    const id = record.id?.trim() ?? "";
    const first = id === "" ? undefined : firstRowOfId.get(id);
    if (first !== undefined) problems.push({ row, column: "id", message: m.duplicateId(id, first) });
    else if (id !== "") firstRowOfId.set(id, row);
    if (read.fields && first === undefined) entries.push({ row, fields: read.fields });
  }
  return { entries, problems };
}

/**
 * An id for an entry that has none: its acronym, else its English name, else its name transliterated to Latin,
 * as lower-case words joined by "-" (at most 48 characters), then "-2", "-3"… while `taken` has it.
 */
export function idFor(fields: InstitutionFields, taken: (id: string) => boolean): string {
  const slug = (text: string | null) => {
    const plain = (text ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    // Latin names keep their spelling; others are transliterated.
    return (/^[\p{ASCII}]*$/u.test(plain) ? plain : foldText(plain))
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48)
      .replace(/-+$/, "");
  };
  const base = slug(fields.acronym) || slug(fields.name_en) || slug(fields.name_ru) || "institution";
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** A problem as one line: "row 3, country: …" (row 0: "file: …"). */
export function problemLine(p: RowProblem, lang: Lang): string {
  const where = p.row === 0 ? (lang === "ru" ? "файл" : "file") : lang === "ru" ? `строка ${p.row}` : `row ${p.row}`;
  return `${where}${p.column ? `, ${p.column}` : ""}: ${p.message[lang]}`;
}
