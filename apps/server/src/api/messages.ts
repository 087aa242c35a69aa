/**
 * The refusals the public APIs share (PxWeb API v1 and 2.0, our own), in English and Russian: a request with
 * `lang=ru` (or a Russian Accept-Language, or v1's /ru/ path) reads them in Russian, whole sentences, the identifiers
 * it sent quoted as sent.
 */

import type { Bilingual } from "../http/problem.ts";

const list = (items: readonly string[]) => items.join(", ");

export const API_MESSAGES = {
  noTable: (id: string): Bilingual => ({ en: `no table "${id}"`, ru: `нет таблицы «${id}»` }),
  noVersion: (id: string, version: number): Bilingual => ({
    en: `table "${id}" has no version ${version}`,
    ru: `у таблицы «${id}» нет версии ${version}`,
  }),
  noPublishedVersion: (id: string): Bilingual => ({
    en: `table "${id}" has no published version`,
    ru: `у таблицы «${id}» нет опубликованной версии`,
  }),
  unknownLanguage: (lang: string, languages: readonly string[]): Bilingual => ({
    en: `unknown language "${lang}" (${list(languages)})`,
    ru: `неизвестный язык «${lang}» (допустимы: ${list(languages)})`,
  }),
  unknownFormat: (format: string, formats: readonly string[]): Bilingual => ({
    en: `unknown format "${format}" (${list(formats)})`,
    ru: `неизвестный формат «${format}» (допустимы: ${list(formats)})`,
  }),
  unsupportedOutputFormat: (format: string, formats: readonly string[]): Bilingual => ({
    en: `unsupported output format "${format}" (supported: ${list(formats)})`,
    ru: `формат вывода «${format}» не поддерживается (поддерживаются: ${list(formats)})`,
  }),
  noVariable: (variable: string): Bilingual => ({
    en: `the table has no variable "${variable}"`,
    ru: `в таблице нет переменной «${variable}»`,
  }),
  notAValue: (code: string, variable: string): Bilingual => ({
    en: `"${code}" is not a value of variable "${variable}"`,
    ru: `«${code}» не является значением переменной «${variable}»`,
  }),
  noCodelist: (id: string): Bilingual => ({ en: `no codelist "${id}"`, ru: `нет классификатора «${id}»` }),
  noCodelistOf: (variable: string, id: string): Bilingual => ({
    en: `variable "${variable}" has no codelist "${id}"`,
    ru: `у переменной «${variable}» нет классификатора «${id}»`,
  }),
  noSavedQuery: (id: string): Bilingual => ({ en: `no saved query "${id}"`, ru: `нет сохранённого запроса «${id}»` }),
  noResource: (method: string, path: string): Bilingual => ({
    en: `no such resource: ${method} ${path}`,
    ru: `такого ресурса нет: ${method} ${path}`,
  }),
  noPage: (page: number, pages: number, size: number): Bilingual => ({
    en: `page ${page} does not exist: there are ${pages} pages of ${size} tables`,
    ru: `страницы ${page} нет: всего страниц ${pages}, по ${size} таблиц на странице`,
  }),
  bodyNotJson: (why?: string): Bilingual => ({
    en: `the body is not valid JSON${why ? `: ${why}` : ""}`,
    ru: `тело запроса — не корректный JSON${why ? `: ${why}` : ""}`,
  }),
  noNode: (path: string): Bilingual => ({
    en: `no database, folder or table at "${path}"`,
    ru: `по пути «${path}» нет ни базы данных, ни папки, ни таблицы`,
  }),
  dataOnlyFromTable: {
    en: "data can only be queried from a table",
    ru: "данные можно запрашивать только у таблицы",
  },
  tooManyCalls: { en: "too many calls, try again later", ru: "слишком много запросов, повторите позже" },
  internalError: { en: "internal error", ru: "внутренняя ошибка" },
  queryTooLong: (max: number): Bilingual => ({
    en: `q is longer than ${max} characters`,
    ru: `q длиннее ${max} символов`,
  }),
  noGlossaryTerm: (id: string): Bilingual => ({
    en: `no glossary term "${id}"`,
    ru: `в глоссарии нет термина «${id}»`,
  }),
} as const;
