/**
 * The texts of an entry's fields as a person reads them, for the moderation review: category, status, countries,
 * topics, languages and yes/no by their names in the reader's language instead of the stored codes
 * ("government" → "Government body", "KAZ" → "Kazakhstan", "false" → "No"). Pure: no I/O.
 */

import { countryByCode } from "@clearinghouse/domain";
import type { Column } from "./interchange.ts";
import { CATEGORIES, isCategory, type Lang, STATUSES, statusOf, topicById } from "./vocabulary.ts";

const LANGUAGE_NAMES = {
  en: new Intl.DisplayNames(["en"], { type: "language" }),
  ru: new Intl.DisplayNames(["ru"], { type: "language" }),
};

const YES_NO = { en: ["Yes", "No"], ru: ["Да", "Нет"] } as const;

/** One stored code of a field by its name in `lang`, or the code itself when it names nothing known. */
function codeLabel(field: Column, code: string, lang: Lang): string {
  switch (field) {
    case "category":
      return isCategory(code) ? CATEGORIES[code][lang] : code;
    case "status": {
      const status = statusOf(code);
      return status ? STATUSES[status][lang] : code;
    }
    case "country":
    case "countries_of_activity":
      return countryByCode(code)?.label[lang] ?? code;
    case "topics":
      return topicById(code)?.label[lang] ?? code;
    case "languages":
    case "original_language":
      try {
        return LANGUAGE_NAMES[lang].of(code) ?? code;
      } catch {
        return code;
      }
    case "synthetic":
      return code === "true" ? YES_NO[lang][0] : code === "false" ? YES_NO[lang][1] : code;
    default:
      return code;
  }
}

const CODED: ReadonlySet<Column> = new Set([
  "category",
  "status",
  "country",
  "countries_of_activity",
  "topics",
  "languages",
  "original_language",
  "synthetic",
]);

/** Whether a field holds codes that read better as names. */
export const isCoded = (field: Column): boolean => CODED.has(field);

/** The labels of the codes in a field's text ("ARM; GEO"): code → name, for the codes the field holds. */
export function labelsOf(field: Column, text: string, lang: Lang): Record<string, string> {
  if (!CODED.has(field)) return {};
  const codes = text
    .split(/;\s*/)
    .map((c) => c.trim())
    .filter(Boolean);
  return Object.fromEntries(codes.map((c) => [c, codeLabel(field, c, lang)]));
}

/** A field's text as read: each code by its name, lists joined by ", ". */
export function readableText(field: Column, text: string, lang: Lang): string {
  if (!CODED.has(field)) return text;
  return Object.values(labelsOf(field, text, lang)).join(", ");
}
