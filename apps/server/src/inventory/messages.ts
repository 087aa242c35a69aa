/**
 * Every message of the inventory a person reads — refused requests, problems of an imported file, the command's
 * reports — in English and Russian. Pure.
 */

import { countOf, NOUNS, type PluralForms } from "@clearinghouse/px";
import type { Label, Lang } from "./vocabulary.ts";

export type Message = Label;

const FORMS = {
  entry: {
    en: { one: "entry", other: "entries" },
    ru: { one: "запись", few: "записи", many: "записей", other: "записи" },
  },
  row: {
    en: { one: "row", other: "rows" },
    ru: { one: "строка", few: "строки", many: "строк", other: "строки" },
  },
  character: {
    en: { one: "character", other: "characters" },
    ru: { one: "символ", few: "символа", many: "символов", other: "символа" },
  },
  problem: NOUNS.problem,
} as const satisfies Record<string, Record<Lang, PluralForms>>;

/** After "longer than" / "more than" (длиннее, больше) Russian takes the genitive: 1 символа, 2 символов, 21 строки. */
const GENITIVE = {
  character: { one: "символа", other: "символов" },
  row: { one: "строки", other: "строк" },
} as const satisfies Record<string, PluralForms>;

const count = (n: number, noun: keyof typeof FORMS): Message => ({
  en: countOf(n, FORMS[noun].en, "en"),
  ru: countOf(n, FORMS[noun].ru, "ru"),
});

/** Refused query parameters of the API. */
export const apiMessages = {
  once: (parameter: string): Message => ({
    en: `${parameter} must be given once`,
    ru: `параметр ${parameter} можно указать только один раз`,
  }),
  tooLong: (parameter: string, max: number): Message => ({
    en: `${parameter} is longer than ${count(max, "character").en}`,
    ru: `${parameter} длиннее ${countOf(max, GENITIVE.character, "ru")}`,
  }),
  language: (value: string): Message => ({
    en: `lang: unknown language "${value}" (en, ru)`,
    ru: `lang: неизвестный язык «${value}» (en, ru)`,
  }),
  category: (value: string, known: readonly string[]): Message => ({
    en: `category: unknown category "${value}" (${known.join(", ")})`,
    ru: `category: неизвестная категория «${value}» (${known.join(", ")})`,
  }),
  country: (value: string): Message => ({
    en: `country: "${value}" is not an ISO 3166-1 alpha-3 country code (such as ARM)`,
    ru: `country: «${value}» — не трёхбуквенный код страны ISO 3166-1 (например, ARM)`,
  }),
  topic: (value: string): Message => ({
    en: `topic: unknown topic "${value}" (see /api/inventory/topics)`,
    ru: `topic: неизвестная тема «${value}» (см. /api/inventory/topics)`,
  }),
  sort: (value: string): Message => ({
    en: `sort: "${value}" is not one of relevance, name, updated`,
    ru: `sort: «${value}» — допустимы relevance, name, updated`,
  }),
  wholeNumber: (parameter: string, min: number, max: number): Message => ({
    en: `${parameter} must be a whole number from ${min} to ${max}`,
    ru: `${parameter} должен быть целым числом от ${min} до ${max}`,
  }),
  tooManyValues: (parameter: string, max: number): Message => ({
    en: `${parameter}: at most ${max} values`,
    ru: `${parameter}: не более ${max} значений`,
  }),
  notFound: (id: string): Message => ({
    en: `no institution "${id}" in the inventory`,
    ru: `в перечне нет организации «${id}»`,
  }),
};

/** Problems of a row (or of the header, row 1) of an imported file. */
export const importMessages = {
  unknownColumn: (column: string): Message => ({
    en: `unknown column "${column}"`,
    ru: `неизвестный столбец «${column}»`,
  }),
  repeatedColumn: (column: string): Message => ({
    en: `column "${column}" appears twice`,
    ru: `столбец «${column}» встречается дважды`,
  }),
  missingColumn: (column: string): Message => ({
    en: `the file has no column "${column}"`,
    ru: `в файле нет столбца «${column}»`,
  }),
  noName: (): Message => ({
    en: "a name in English or Russian is required",
    ru: "нужно название на английском или русском языке",
  }),
  required: (): Message => ({ en: "required", ru: "обязательное поле" }),
  badId: (value: string): Message => ({
    en: `"${value}" is not an id: lower-case Latin letters and digits, words joined by "-", at most 64 characters`,
    ru: `«${value}» — не идентификатор: строчные латинские буквы и цифры, слова через «-», не более 64 символов`,
  }),
  duplicateId: (value: string, firstRow: number): Message => ({
    en: `id "${value}" is already used on row ${firstRow}`,
    ru: `идентификатор «${value}» уже встречается в строке ${firstRow}`,
  }),
  badCategory: (value: string, known: readonly string[]): Message => ({
    en: `unknown category "${value}" (${known.join(", ")})`,
    ru: `неизвестная категория «${value}» (${known.join(", ")})`,
  }),
  badStatus: (value: string, known: readonly string[]): Message => ({
    en: `unknown status "${value}" (${known.join(", ")})`,
    ru: `неизвестный статус «${value}» (${known.join(", ")})`,
  }),
  badCountry: (value: string): Message => ({
    en: `"${value}" is not an ISO 3166-1 alpha-3 country code (such as ARM)`,
    ru: `«${value}» — не трёхбуквенный код страны ISO 3166-1 (например, ARM)`,
  }),
  badTopic: (value: string): Message => ({
    en: `unknown topic "${value}"`,
    ru: `неизвестная тема «${value}»`,
  }),
  badLanguage: (value: string): Message => ({
    en: `"${value}" is not a language code (ISO 639, such as ru or hy)`,
    ru: `«${value}» — не код языка (ISO 639, например, ru или hy)`,
  }),
  badNumber: (value: string): Message => ({
    en: `"${value}" is not a number`,
    ru: `«${value}» — не число`,
  }),
  outOfRange: (min: number, max: number): Message => ({
    en: `must be from ${min} to ${max}`,
    ru: `должно быть от ${min} до ${max}`,
  }),
  halfPoint: (): Message => ({
    en: "latitude and longitude are given together or not at all",
    ru: "широта и долгота указываются вместе или не указываются",
  }),
  badUrl: (value: string): Message => ({
    en: `"${value}" is not a web address starting with http:// or https://`,
    ru: `«${value}» — не веб-адрес, начинающийся с http:// или https://`,
  }),
  badEmail: (value: string): Message => ({
    en: `"${value}" is not an e-mail address`,
    ru: `«${value}» — не адрес электронной почты`,
  }),
  badDate: (value: string): Message => ({
    en: `"${value}" is not a date (YYYY-MM-DD)`,
    ru: `«${value}» — не дата (ГГГГ-ММ-ДД)`,
  }),
  badBoolean: (value: string): Message => ({
    en: `"${value}" is neither true nor false`,
    ru: `«${value}» — не true и не false`,
  }),
  tooLong: (max: number): Message => ({
    en: `longer than ${count(max, "character").en}`,
    ru: `длиннее ${countOf(max, GENITIVE.character, "ru")}`,
  }),
  controlCharacter: (): Message => ({
    en: "contains a control character",
    ru: "содержит управляющий символ",
  }),
  tooManyRows: (max: number): Message => ({
    en: `more than ${count(max, "row").en}: split the file`,
    ru: `больше ${countOf(max, GENITIVE.row, "ru")}: разделите файл`,
  }),
  noRows: (): Message => ({ en: "the file has no rows of data", ru: "в файле нет строк с данными" }),
  unreadable: (format: string, reason: string): Message => ({
    en: `the file cannot be read as ${format}: ${reason}`,
    ru: `файл не читается как ${format}: ${reason}`,
  }),
  oldExcel: (): Message => ({
    en: "this is an Excel 97–2003 (.xls) file: save it as an Excel workbook (.xlsx)",
    ru: "это файл Excel 97–2003 (.xls): сохраните его как книгу Excel (.xlsx)",
  }),
  notXlsx: (): Message => ({
    en: "this is not an Excel workbook (.xlsx)",
    ru: "это не книга Excel (.xlsx)",
  }),
  unknownExportFormat: (name: string): Message => ({
    en: `"${name}": the file must be .csv, .xlsx or .json`,
    ru: `«${name}»: файл должен быть в формате .csv, .xlsx или .json`,
  }),
  unknownFormat: (name: string): Message => ({
    en: `"${name}": the file must be .csv or .xlsx`,
    ru: `«${name}»: файл должен быть в формате .csv или .xlsx`,
  }),
};

/** The import's summary: what would change (dry run) or changed. */
export function importSummary(
  r: { created: number; updated: number; unchanged: number; problems: number },
  dryRun: boolean,
): Message {
  if (r.problems > 0) {
    return {
      en: `${count(r.problems, "problem").en}: nothing imported`,
      ru: `${count(r.problems, "problem").ru}: ничего не импортировано`,
    };
  }
  const en = `${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged`;
  const ru = `новых: ${r.created}, изменённых: ${r.updated}, без изменений: ${r.unchanged}`;
  return dryRun
    ? {
        en: `dry run, no problems: ${en} (nothing written)`,
        ru: `пробный прогон, проблем нет: ${ru} (ничего не записано)`,
      }
    : { en: `imported: ${en}`, ru: `импортировано: ${ru}` };
}

export function entriesCount(n: number): Message {
  return count(n, "entry");
}
