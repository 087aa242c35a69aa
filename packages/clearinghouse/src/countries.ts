/**
 * Countries: the participating (reporting) countries and the partner-country code list shared by every
 * partner-country variable (`cob`, `citizenship`, `prevres`, `nextres`, `prevcit`).
 *
 * Names come from the maintained package `i18n-iso-countries` (English and Russian locales registered here from
 * its JSON files, as ES module JSON imports, which Node ≥ 20.10, tsx and Vitest all load), with a few overrides
 * where the package's name is not the one the region's statistical offices and the UN use (`NAME_OVERRIDES`).
 */

import type { Bilingual } from "@clearinghouse/cube";
import isoCountries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };

isoCountries.registerLocale(en);
isoCountries.registerLocale(ru);

/** A country (or a special category of a country code list) with its names in the two working languages. */
export interface Country {
  readonly code: string;
  readonly label: Bilingual;
}

/** Special codes of the partner-country code list (SDMX conventions). */
export const PARTNER_TOTAL = "_T";
export const PARTNER_OTHER = "_O";
export const PARTNER_UNKNOWN = "_U";

export const PARTNER_SPECIALS: Readonly<Record<"total" | "other" | "unknown", Country>> = {
  total: { code: PARTNER_TOTAL, label: { en: "Total", ru: "Всего" } },
  other: { code: PARTNER_OTHER, label: { en: "Other countries", ru: "Другие страны" } },
  unknown: { code: PARTNER_UNKNOWN, label: { en: "Unknown", ru: "Неизвестно" } },
};

/**
 * Names that replace the package's where it differs from the UN terminology used in the region (the package has
 * "Moldova, Republic of" / "Молдавия", "Киргизия", "The Republic of North Macedonia"). A caller may pass others.
 */
export const NAME_OVERRIDES: Readonly<Record<string, Partial<Bilingual>>> = {
  MDA: { en: "Republic of Moldova", ru: "Республика Молдова" },
  KGZ: { ru: "Кыргызстан" },
  MKD: { en: "North Macedonia" },
};

/** The participating countries, in this order by default; every function takes another list where it matters. */
export const DEFAULT_REPORTERS: readonly string[] = [
  "ARM",
  "AZE",
  "BLR",
  "GEO",
  "KAZ",
  "KGZ",
  "MDA",
  "RUS",
  "TJK",
  "UKR",
];

export interface CountryOptions {
  /** Names replacing the package's, by alpha-3 code (default `NAME_OVERRIDES`; pass `{}` for the package's own). */
  readonly names?: Readonly<Record<string, Partial<Bilingual>>>;
  /**
   * Include codes the package has that ISO 3166-1 does not assign (user-assigned `XKK` Kosovo); default false,
   * which gives the 249 officially assigned countries and areas.
   */
  readonly includeUserAssigned?: boolean;
}

const collator = new Intl.Collator("en");

function isoName(alpha3: string, lang: "en" | "ru"): string | undefined {
  return isoCountries.getName(alpha3, lang, { select: "official" });
}

function countryOf(alpha3: string, names: Readonly<Record<string, Partial<Bilingual>>>): Country | undefined {
  const nameEn = names[alpha3]?.en ?? isoName(alpha3, "en");
  const nameRu = names[alpha3]?.ru ?? isoName(alpha3, "ru");
  if (nameEn === undefined || nameRu === undefined) return undefined;
  return { code: alpha3, label: { en: nameEn, ru: nameRu } };
}

/** User-assigned alpha-3 codes (ISO 3166-1 reserves AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ for users). */
function isUserAssigned(alpha3: string): boolean {
  return /^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$/.test(alpha3);
}

let defaultCountries: readonly Country[] | undefined;

/** Every ISO 3166-1 country or area with English and Russian names, sorted by English name. */
export function isoCountryList(options: CountryOptions = {}): readonly Country[] {
  const isDefault = options.names === undefined && !options.includeUserAssigned;
  if (isDefault && defaultCountries) return defaultCountries;
  const names = options.names ?? NAME_OVERRIDES;
  const out: Country[] = [];
  for (const alpha3 of Object.keys(isoCountries.getAlpha3Codes())) {
    if (!options.includeUserAssigned && isUserAssigned(alpha3)) continue;
    const country = countryOf(alpha3, names);
    if (country) out.push(country);
  }
  out.sort((a, b) => collator.compare(a.label.en, b.label.en) || (a.code < b.code ? -1 : 1));
  if (isDefault) defaultCountries = out;
  return out;
}

/**
 * The partner-country code list: `_T` Total first, then the countries sorted by English name (`isoCountryList`),
 * then `_O` Other countries and `_U` Unknown. With `only`, just those countries (in the same order) between the
 * specials, for templates of countries that report few partners.
 */
export function partnerCodeList(options: CountryOptions & { readonly only?: readonly string[] } = {}): Country[] {
  let countries = isoCountryList(options);
  if (options.only) {
    const wanted = new Set(options.only);
    const known = new Set(countries.map((c) => c.code));
    const unknown = options.only.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new RangeError(`not ISO 3166-1 alpha-3 country codes: ${unknown.join(", ")}`);
    countries = countries.filter((c) => wanted.has(c.code));
  }
  return [PARTNER_SPECIALS.total, ...countries, PARTNER_SPECIALS.other, PARTNER_SPECIALS.unknown];
}

/** The country of an alpha-3 code (with the name overrides), or undefined when the code is not a country. */
export function countryByCode(code: string, options: CountryOptions = {}): Country | undefined {
  if (!options.includeUserAssigned && isUserAssigned(code)) return undefined;
  if (isoCountries.alpha3ToAlpha2(code) === undefined) return undefined;
  return countryOf(code, options.names ?? NAME_OVERRIDES);
}

/**
 * The reporting countries: by default the participating ones (`DEFAULT_REPORTERS`), else the caller's list of
 * alpha-3 codes or countries (a country given with its names is taken as it is), in the caller's order.
 */
export function reportingCountries(
  reporters: readonly (string | Country)[] = DEFAULT_REPORTERS,
  options: CountryOptions = {},
): Country[] {
  const out: Country[] = [];
  const seen = new Set<string>();
  for (const r of reporters) {
    const country = typeof r === "string" ? countryByCode(r, options) : r;
    if (!country) throw new RangeError(`reporter "${String(r)}" is not an ISO 3166-1 alpha-3 country code`);
    if (seen.has(country.code)) throw new RangeError(`reporter "${country.code}" is listed twice`);
    seen.add(country.code);
    out.push(country);
  }
  if (out.length === 0) throw new RangeError("no reporting countries");
  return out;
}
