/**
 * Languages and messages. Every user-visible string lives in a `messages.ts` next to the code that shows it, with
 * the same keys in English and Russian; this module merges them into one i18next instance. Plurals use i18next's
 * `_one/_few/_many/_other` keys, which it resolves with Intl.PluralRules (1 таблица, 2 таблицы, 5 таблиц).
 */
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { messages as accountMessages } from "../account/messages.ts";
import { messages as appMessages } from "../app/messages.ts";
import { messages as comparabilityMessages } from "../comparability/messages.ts";
import { messages as mirrorMessages } from "../comparability/mirror-messages.ts";
import { messages as glossaryMessages } from "../glossary/messages.ts";
import { messages as homeMessages } from "../home/messages.ts";
import { messages as inventoryMessages } from "../inventory/messages.ts";
import { messages as moderationMessages } from "../inventory/moderation-messages.ts";
import { messages as notificationsMessages } from "../notifications/messages.ts";
import { messages as submissionsMessages } from "../submissions/messages.ts";
import { messages as chartMessages } from "../table/chart/messages.ts";
import { messages as downloadsMessages } from "../table/downloads/messages.ts";
import { messages as gridMessages } from "../table/grid/messages.ts";
import { messages as historyMessages } from "../table/history/messages.ts";
import { messages as tableMessages } from "../table/messages.ts";
import { messages as selectionMessages } from "../table/selection/messages.ts";

export const LANGUAGES = ["en", "ru"] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: unknown): value is Lang => value === "en" || value === "ru";

/** The other language, for the language switch. */
export const otherLang = (lang: Lang): Lang => (lang === "en" ? "ru" : "en");

/** A language's messages: nested objects of strings. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}
export type Messages = Readonly<Record<Lang, MessageTree>>;

const ALL: readonly Messages[] = [
  appMessages,
  homeMessages,
  glossaryMessages,
  tableMessages,
  selectionMessages,
  gridMessages,
  chartMessages,
  downloadsMessages,
  historyMessages,
  inventoryMessages,
  moderationMessages,
  accountMessages,
  comparabilityMessages,
  submissionsMessages,
  notificationsMessages,
  mirrorMessages,
];

function merged(lang: Lang): MessageTree {
  return Object.assign({}, ...ALL.map((m) => m[lang]));
}

export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: "en",
    resources: { en: { translation: merged("en") }, ru: { translation: merged("ru") } },
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** The language a first visit gets: the browser's first preference among ours. */
export function preferredLang(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}
