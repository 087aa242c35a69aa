/**
 * Country names on the pages: the system's one list (`@clearinghouse/domain/countries`, the UN's M49 names in
 * English and Russian), the same names the tables, templates and the inventory use. Not the browser's region names,
 * which differ from the UN's ("Великобритания", "Туркмения") and from one browser to another.
 */
import { countryByCode, isoCountryList } from "@clearinghouse/domain/countries";
import type { Lang } from "./i18n.ts";

/** A country's UN name in the reader's language, else its code. */
export function countryName(alpha3: string, lang: Lang): string {
  return countryByCode(alpha3)?.label[lang] ?? alpha3;
}

/** Every country with its UN name in the language, in the reader's alphabetical order. */
export function countryOptions(lang: Lang): { code: string; name: string }[] {
  const collator = new Intl.Collator(lang);
  return isoCountryList()
    .map((c) => ({ code: c.code, name: c.label[lang] }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
