/**
 * The suggestion form's model: its fields (the import's column names, as the suggestions' API takes them), the
 * checks the server makes (interchange.ts `recordToFields`) made again in the browser so that a reader sees each
 * problem next to its field before sending, the body sent, and the server's problems mapped back to fields.
 * Pure: tested without a browser.
 */
import { isCountryCode } from "../table/chart/countries.ts";
import type { InstitutionDetail } from "./api.ts";

export const FIELDS = [
  "name_en",
  "name_ru",
  "name_original",
  "original_language",
  "acronym",
  "category",
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
] as const;
export type Field = (typeof FIELDS)[number];
export type FormValues = Readonly<Record<Field, string>>;

/** Where a problem is shown: a field, the sender's e-mail, or the form as a whole. */
export type Target = Field | "contactEmail" | "form";

/** A problem as a message key under `inventory.problem` and its values. */
export interface Problem {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export const EMPTY_VALUES: FormValues = Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<Field, string>;

/** Fields holding lists, written "ARM; GEO" in the form and sent as arrays. */
export const LIST_FIELDS: ReadonlySet<Field> = new Set(["countries_of_activity", "topics", "languages"]);

/** The server's longest texts (interchange.ts MAX_LENGTH). */
export const MAX_LENGTH: Partial<Record<Field, number>> = {
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

export const listOf = (text: string): string[] =>
  text
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");

// Control characters other than tab and line breaks, which the server refuses.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

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

export const isEmail = (text: string) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);

/** Every problem of the form, the first per field, as the server would find them. */
export function validate(values: FormValues, contactEmail = ""): Partial<Record<Target, Problem>> {
  const problems: Partial<Record<Target, Problem>> = {};
  const add = (target: Target, problem: Problem) => {
    if (!problems[target]) problems[target] = problem;
  };
  for (const field of FIELDS) {
    const value = values[field].trim();
    if (CONTROL.test(value)) add(field, { key: "control" });
    const max = MAX_LENGTH[field];
    if (max !== undefined && value.length > max) add(field, { key: "tooLong", values: { max } });
  }
  const v = (field: Field) => values[field].trim();
  if (!v("name_en") && !v("name_ru")) add("name_en", { key: "noName" });
  if (!v("category")) add("category", { key: "required" });
  if (v("country") && !isCountryCode(v("country").toUpperCase()))
    add("country", { key: "badCountry", values: { code: v("country") } });
  for (const code of listOf(v("countries_of_activity"))) {
    if (!isCountryCode(code.toUpperCase())) add("countries_of_activity", { key: "badCountry", values: { code } });
  }
  for (const [field, limit] of [
    ["latitude", 90],
    ["longitude", 180],
  ] as const) {
    if (!v(field)) continue;
    const n = parseNumber(v(field));
    if (n === undefined) add(field, { key: "badNumber" });
    else if (Math.abs(n) > limit) add(field, { key: "outOfRange", values: { min: -limit, max: limit } });
  }
  if (Boolean(v("latitude")) !== Boolean(v("longitude"))) {
    add(v("latitude") ? "longitude" : "latitude", { key: "halfPoint" });
  }
  if (v("website") && !isWebAddress(v("website"))) add("website", { key: "badUrl" });
  if (v("source_url") && !isWebAddress(v("source_url"))) add("source_url", { key: "badUrl" });
  if (v("email") && !isEmail(v("email"))) add("email", { key: "badEmail" });
  for (const code of listOf(v("languages"))) {
    if (!/^[a-z]{2,3}$/i.test(code)) add("languages", { key: "badLanguage", values: { code } });
  }
  if (v("original_language") && !/^[a-z]{2,3}$/i.test(v("original_language"))) {
    add("original_language", { key: "badLanguage", values: { code: v("original_language") } });
  }
  if (contactEmail.trim() && !isEmail(contactEmail.trim())) add("contactEmail", { key: "badEmail" });
  return problems;
}

/** The form's values of an entry, to correct it: the texts an export writes. */
export function valuesOf(detail: InstitutionDetail): FormValues {
  const text = (value: string | number | null) => (value === null ? "" : String(value));
  return {
    name_en: text(detail.name.en),
    name_ru: text(detail.name.ru),
    name_original: text(detail.nameOriginal),
    original_language: text(detail.originalLanguage),
    acronym: text(detail.acronym),
    category: detail.category.id,
    country: detail.country?.code ?? "",
    // Both names as stored: `city` of the answer is in the page's language.
    city: text(detail.cityNames.en),
    city_ru: text(detail.cityNames.ru),
    address: text(detail.address),
    latitude: text(detail.latitude),
    longitude: text(detail.longitude),
    countries_of_activity: detail.countriesOfActivity.map((c) => c.code).join("; "),
    website: text(detail.website),
    source_url: text(detail.sourceUrl),
    email: text(detail.email),
    phone: text(detail.phone),
    summary_en: text(detail.summary.en),
    summary_ru: text(detail.summary.ru),
    topics: detail.topics.map((t) => t.id).join("; "),
    languages: detail.languages.join("; "),
  };
}

/** A field's value as compared and sent: trimmed, lists as arrays. */
const normal = (field: Field, value: string): string | string[] =>
  LIST_FIELDS.has(field) ? listOf(value) : value.trim();

const same = (a: string | string[], b: string | string[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of the request: for a new entry every filled field; for a correction only the fields that differ
 * from the entry as it was shown (an emptied field is sent empty, to clear it).
 */
export function fieldsToSend(values: FormValues, base?: FormValues): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const field of FIELDS) {
    const value = normal(field, values[field]);
    if (base ? !same(value, normal(field, base[field])) : value.length > 0) fields[field] = value;
  }
  return fields;
}

/** The server's problems (`fields.country`, `contactEmail`, `kind`…) by where the form shows them. */
export function serverProblems(byField: Readonly<Record<string, string>>): Partial<Record<Target, string>> {
  const problems: Partial<Record<Target, string>> = {};
  for (const [name, text] of Object.entries(byField)) {
    const column = name.startsWith("fields.") ? name.slice("fields.".length) : name;
    const target: Target = (FIELDS as readonly string[]).includes(column)
      ? (column as Field)
      : column === "contactEmail"
        ? "contactEmail"
        : "form";
    problems[target] = problems[target] ? `${problems[target]} ${text}` : text;
  }
  return problems;
}

/** A related institution as the sender gives it: its id, or the address of its page (whose last part is the id). */
export function relatedId(text: string): string {
  const t = text
    .trim()
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "");
  return decodeURIComponent(t.slice(t.lastIndexOf("/") + 1));
}
