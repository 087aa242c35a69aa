/**
 * "Who works on what" and "you may want to contact" (decision 0019). Pure: no I/O.
 *
 * Countries × topics: how many entries in the list (not withdrawn) are in or work in a country and are tagged with
 * a topic — the same entries a search with that country and topic finds, so a count is the total its link shows.
 *
 * Contacts of an entry: active entries sharing at least one of its topics that are in or work in the same country
 * as it, or in a neighbouring one (land borders, NEIGHBOURS), ranked by shared topics, then same country before a
 * neighbour, then name.
 */

import type { TopicId } from "./vocabulary.ts";

/**
 * Land borders of the region's countries (and Türkiye and Iran, their neighbours in the Caucasus): each listed both
 * ways by `neighboursOf`. Sea borders (the Caspian) are left out.
 */
const BORDERS: readonly (readonly [string, string])[] = [
  ["ARM", "GEO"],
  ["ARM", "AZE"],
  ["ARM", "TUR"],
  ["ARM", "IRN"],
  ["AZE", "GEO"],
  ["AZE", "RUS"],
  ["AZE", "IRN"],
  ["AZE", "TUR"],
  ["GEO", "RUS"],
  ["GEO", "TUR"],
  ["KAZ", "RUS"],
  ["KAZ", "CHN"],
  ["KAZ", "KGZ"],
  ["KAZ", "UZB"],
  ["KAZ", "TKM"],
  ["KGZ", "UZB"],
  ["KGZ", "TJK"],
  ["KGZ", "CHN"],
  ["TJK", "UZB"],
  ["TJK", "AFG"],
  ["TJK", "CHN"],
  ["TKM", "UZB"],
  ["TKM", "AFG"],
  ["TKM", "IRN"],
  ["UZB", "AFG"],
  ["MDA", "UKR"],
  ["MDA", "ROU"],
  ["UKR", "BLR"],
  ["UKR", "RUS"],
  ["UKR", "POL"],
  ["UKR", "SVK"],
  ["UKR", "HUN"],
  ["UKR", "ROU"],
  ["BLR", "RUS"],
  ["BLR", "POL"],
  ["BLR", "LTU"],
  ["BLR", "LVA"],
];

const NEIGHBOURS = new Map<string, Set<string>>();
for (const [a, b] of BORDERS) {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = NEIGHBOURS.get(x) ?? new Set<string>();
    set.add(y);
    NEIGHBOURS.set(x, set);
  }
}

/** The countries sharing a land border with `code` (alpha-3), sorted. */
export function neighboursOf(code: string): string[] {
  return [...(NEIGHBOURS.get(code) ?? [])].sort();
}

/** The countries an entry is in or works in, and their neighbours not among them. */
export function nearCountries(countries: readonly string[]): { same: string[]; neighbouring: string[] } {
  const same = [...new Set(countries)];
  const neighbouring = [...new Set(same.flatMap(neighboursOf))].filter((c) => !same.includes(c)).sort();
  return { same, neighbouring };
}

export interface ContactCandidate {
  readonly id: string;
  readonly name: string;
  readonly countries: readonly string[];
  readonly topics: readonly TopicId[];
}

export interface Contact extends ContactCandidate {
  readonly sharedTopics: TopicId[];
  readonly sameCountries: string[];
  readonly neighbouringCountries: string[];
}

/** The candidates worth contacting for an entry with these countries and topics, best first, at most `limit`. */
export function rankContacts(
  entry: { readonly id: string; readonly countries: readonly string[]; readonly topics: readonly TopicId[] },
  candidates: readonly ContactCandidate[],
  limit: number,
  collator: Intl.Collator,
): Contact[] {
  const { same, neighbouring } = nearCountries(entry.countries);
  return candidates
    .filter((c) => c.id !== entry.id)
    .map((c) => ({
      ...c,
      sharedTopics: entry.topics.filter((t) => c.topics.includes(t)),
      sameCountries: c.countries.filter((x) => same.includes(x)),
      neighbouringCountries: c.countries.filter((x) => neighbouring.includes(x)),
    }))
    .filter((c) => c.sharedTopics.length > 0 && (c.sameCountries.length > 0 || c.neighbouringCountries.length > 0))
    .sort(
      (a, b) =>
        b.sharedTopics.length - a.sharedTopics.length ||
        Number(b.sameCountries.length > 0) - Number(a.sameCountries.length > 0) ||
        collator.compare(a.name, b.name) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, limit);
}

export interface NetworkCell {
  readonly country: string;
  readonly topic: TopicId;
  readonly count: number;
}

/** The grid of counts: countries (rows, most entries first) × topics (the vocabulary's order), zeros filled in. */
export function networkGrid(
  cells: readonly NetworkCell[],
  countryTotals: ReadonlyMap<string, number>,
  topics: readonly TopicId[],
  collate: (a: string, b: string) => number,
): { country: string; total: number; counts: number[] }[] {
  const byKey = new Map(cells.map((c) => [`${c.country} ${c.topic}`, c.count]));
  return [...countryTotals.entries()]
    .sort(([a, x], [b, y]) => y - x || collate(a, b))
    .map(([country, total]) => ({ country, total, counts: topics.map((t) => byKey.get(`${country} ${t}`) ?? 0) }));
}
