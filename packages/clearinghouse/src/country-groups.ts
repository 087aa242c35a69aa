/**
 * Country groups offered as value sets (PxWeb codelists `vs_ID`) on the country dimensions of the standard tables,
 * so that a reader can pick "CIS member states" or "EU-27" at once instead of ticking countries one by one.
 *
 * A value set lists only codes its dimension has (a cube's `vs:` filter and PxWeb both require that). The PxWeb
 * API's codelist ids are global (`GET /api/v2/codelists/vs_CIS`), so a group keeps one id per kind of dimension:
 * on the reporter dimension the ids carry the prefix `reporters_`, since a group there holds fewer countries (only
 * the reporting ones) than on a partner-country dimension.
 */

import type { Bilingual, Category, ValueSet } from "@clearinghouse/cube";
import { DEFAULT_REPORTERS } from "./countries.ts";

/** A named group of countries (ISO 3166-1 alpha-3 codes, in no particular order). */
export interface CountryGroup {
  readonly id: string;
  readonly label: Bilingual;
  readonly codes: readonly string[];
}

/** The id of the group of participating countries: the configured reporters. */
export const PARTICIPATING_GROUP_ID = "PARTICIPATING";

/** Prefix of the value-set ids on the reporter dimension (see the top of this file). */
export const REPORTER_GROUP_PREFIX = "reporters_";

/**
 * Member states of the Commonwealth of Independent States as of 2025: the nine states that ratified the CIS Charter
 * and take part in its bodies. Turkmenistan has been an associate member since 2005 and is left out; Georgia left
 * in 2009 (effective 18 August 2009); Ukraine never ratified the Charter and ended its participation in 2018.
 */
export const CIS: CountryGroup = {
  id: "CIS",
  label: { en: "CIS member states (as of 2025)", ru: "Государства — участники СНГ (на 2025 г.)" },
  codes: ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"],
};

/** The 27 member states of the European Union since the United Kingdom left on 1 February 2020. */
export const EU27: CountryGroup = {
  id: "EU27",
  label: { en: "EU-27 (since 1 February 2020)", ru: "ЕС-27 (с 1 февраля 2020 г.)" },
  codes: [
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
  ],
};

/** The five Central Asian states. */
export const CENTRAL_ASIA: CountryGroup = {
  id: "CENTRAL_ASIA",
  label: { en: "Central Asia", ru: "Центральная Азия" },
  codes: ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
};

/** The three South Caucasus states. */
export const SOUTH_CAUCASUS: CountryGroup = {
  id: "SOUTH_CAUCASUS",
  label: { en: "South Caucasus", ru: "Южный Кавказ" },
  codes: ["ARM", "AZE", "GEO"],
};

/** The six partner countries of the EU's Eastern Partnership (Belarus suspended its participation in 2021). */
export const EASTERN_PARTNERSHIP: CountryGroup = {
  id: "EAP",
  label: { en: "Eastern Partnership", ru: "Восточное партнёрство" },
  codes: ["ARM", "AZE", "BLR", "GEO", "MDA", "UKR"],
};

/** The regional groups, in the order offered to readers. */
export const REGIONAL_GROUPS: readonly CountryGroup[] = [CIS, EU27, CENTRAL_ASIA, SOUTH_CAUCASUS, EASTERN_PARTNERSHIP];

/** The participating countries as a group: the configured reporters (default `DEFAULT_REPORTERS`). */
export function participatingGroup(reporters: readonly string[] = DEFAULT_REPORTERS): CountryGroup {
  return {
    id: PARTICIPATING_GROUP_ID,
    label: { en: "Participating countries", ru: "Страны — участницы проекта" },
    codes: reporters,
  };
}

/**
 * The value sets of a country dimension: each group with the codes the dimension has, in the dimension's order;
 * a group with none of them is left out. On the reporter dimension the participating countries are every value, so
 * only the regional groups are offered there, under `reporters_` ids.
 */
export function countryValueSets(
  kind: "reporter" | "partner",
  categories: readonly Pick<Category, "code">[],
  options: { readonly reporters?: readonly string[]; readonly languages: readonly (keyof Bilingual)[] },
): ValueSet[] {
  const groups = kind === "partner" ? [participatingGroup(options.reporters), ...REGIONAL_GROUPS] : REGIONAL_GROUPS;
  const prefix = kind === "reporter" ? REPORTER_GROUP_PREFIX : "";
  const out: ValueSet[] = [];
  for (const group of groups) {
    const members = new Set(group.codes);
    const codes = categories.filter((c) => members.has(c.code)).map((c) => c.code);
    if (codes.length === 0) continue;
    const label: Record<string, string> = {};
    for (const l of options.languages) label[l] = group.label[l];
    out.push({ id: prefix + group.id, label, codes });
  }
  return out;
}
