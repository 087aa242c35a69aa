/** Numbers and dates in the reader's language: 1 234 567,8 in Russian, 1,234,567.8 in English. */
import type { Lang } from "./i18n.ts";

const LOCALE: Readonly<Record<Lang, string>> = { en: "en-GB", ru: "ru-RU" };

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  const key = `${lang}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function formatCount(value: number, lang: Lang): string {
  return formatNumber(value, lang, 0);
}

/** A date (ISO 8601 date or date-time) as the reader writes it: 25 November 2026 / 25 ноября 2026 г. */
export function formatDate(iso: string | undefined, lang: Lang): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** A date and time to the minute, in the reader's zone (default) or a named one such as "UTC". */
export function formatDateTime(iso: string | undefined | null, lang: Lang, timeZone?: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: "long",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}
