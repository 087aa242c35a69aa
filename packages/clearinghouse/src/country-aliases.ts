/**
 * Other names of the countries that readers and uploads use ("Moldova", "Молдавия", "USA", "Great Britain"), so
 * that a name is recognised whichever form is typed. Only for recognising names: the names shown are the UN's
 * (`countries.ts`). From the maintained package `i18n-iso-countries`, whose English and Russian locales are
 * registered here (ES module JSON imports, which Node ≥ 20.10, tsx and Vitest all load).
 */

import isoCountries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import ru from "i18n-iso-countries/langs/ru.json" with { type: "json" };

isoCountries.registerLocale(en);
isoCountries.registerLocale(ru);

/** Every English and Russian name the package knows for an alpha-3 code (official, short, alias). */
export function countryAliases(alpha3: string): string[] {
  return [
    ...(isoCountries.getName(alpha3, "en", { select: "all" }) ?? []),
    ...(isoCountries.getName(alpha3, "ru", { select: "all" }) ?? []),
  ];
}

/** The ISO alpha-2 and numeric codes of an alpha-3 code, which some files use. */
export function otherIsoCodes(alpha3: string): { readonly alpha2?: string; readonly numeric?: string } {
  const alpha2 = isoCountries.alpha3ToAlpha2(alpha3);
  const numeric = isoCountries.alpha3ToNumeric(alpha3);
  return { ...(alpha2 ? { alpha2 } : {}), ...(numeric ? { numeric } : {}) };
}
