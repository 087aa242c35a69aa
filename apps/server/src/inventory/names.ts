/**
 * Country and topic names in search queries: "Армения", "Armenia", "Армении", "Kirgizstan" and "Kazakstan" name a
 * country; "беженцев" or "remittances" a topic. Pure: the names come from `@clearinghouse/domain` (the UN's names
 * and the other names of i18n-iso-countries, `countryAliases`) and vocabulary.ts, compared after folding (fold.ts).
 *
 * A query word names a country when it matches a distinctive word of one of the country's names (not "republic",
 * "united", "федерация"…):
 * - with its ending changed: the shorter word is at most 2 letters from the start they share, the longer at most
 *   3 ("армении"/"армения", "Armenian"/"Armenia", "Казахстана"/"Казахстан", but not "Austria"/"Australia");
 * - or, for words of 6 letters or more, with one typo (a letter added, dropped, changed or two swapped).
 */

import { countryAliases, isoCountryList } from "@clearinghouse/domain";
import { foldText } from "./fold.ts";
import { TOPICS, type TopicId } from "./vocabulary.ts";

/** Names people use for the region's countries besides those of the package (older or colloquial forms). */
const EXTRA_NAMES: Readonly<Record<string, readonly string[]>> = {
  BLR: ["Белоруссия", "Byelorussia"],
  KGZ: ["Киргизия", "Kirghizia", "Kyrgyz Republic"],
  MDA: ["Moldova", "Молдова", "Молдавия"],
  TKM: ["Туркмения"],
  RUS: ["Россия", "Russia"],
};

/** Words of country names that do not tell a country (folded before use). */
const GENERIC = [
  "republic",
  "the",
  "and",
  "of",
  "islands",
  "island",
  "united",
  "states",
  "state",
  "democratic",
  "people's",
  "peoples",
  "federal",
  "federated",
  "federation",
  "kingdom",
  "new",
  "south",
  "north",
  "east",
  "west",
  "central",
  "saint",
  "great",
  "plurinational",
  "bolivarian",
  "islamic",
  "arab",
  "territory",
  "territories",
  "british",
  "french",
  "outlying",
  "minor",
  "special",
  "administrative",
  "region",
  "province",
  "part",
  "sar",
  "республика",
  "федерация",
  "народная",
  "демократическая",
  "объединённые",
  "соединённые",
  "штаты",
  "королевство",
  "острова",
  "остров",
  "южная",
  "южный",
  "северная",
  "северный",
  "центральноафриканская",
  "святой",
  "святого",
  "святая",
  "новая",
  "территория",
  "британская",
  "французская",
  "внешние",
  "малые",
  "исламская",
  "арабская",
  "федеративные",
].map(foldText);

const GENERIC_SET = new Set(GENERIC);

/** Folded words of a text: runs of letters and digits. */
function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether two folded words are the same word with other endings (see the module's comment). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (common >= 4 && common >= shorter.length - 2 && common >= longer.length - 3) return true;
  return shorter.length >= 6 && oneEditApart(a, b);
}

/** One insertion, deletion, substitution or transposition of neighbours turns `a` into `b`. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

interface NamedThing<T> {
  readonly id: T;
  readonly words: readonly string[];
}

let countryIndex: readonly NamedThing<string>[] | undefined;

function countries(): readonly NamedThing<string>[] {
  if (countryIndex) return countryIndex;
  countryIndex = isoCountryList().map((country) => {
    const names = [
      country.label.en,
      country.label.ru,
      ...countryAliases(country.code),
      ...(EXTRA_NAMES[country.code] ?? []),
    ];
    // A part in brackets names another country: "Virgin Islands (U.S.)", "Виргинские Острова (США)".
    const words = new Set(
      names
        .flatMap((name) => foldedWords(name.replace(/\(.*?\)/g, "")))
        .filter((w) => w.length >= 4 && !GENERIC_SET.has(w)),
    );
    // Acronym names ("USA", "США") are matched whole.
    for (const name of names) if (/^[\p{Lu}.]{2,5}$/u.test(name)) words.add(foldText(name.replaceAll(".", "")));
    return { id: country.code, words: [...words] };
  });
  return countryIndex;
}

// Keywords only: label words such as "migration" or "management" would tie most queries to a topic.
const topicIndex: readonly NamedThing<TopicId>[] = TOPICS.map((t) => ({
  id: t.id,
  words: [...new Set(t.keywords.flatMap(foldedWords))],
}));

function matching<T>(index: readonly NamedThing<T>[], word: string): T[] {
  const w = foldText(word);
  if (w.length < 2) return [];
  return index
    .filter((x) => x.words.some((n) => (n.length <= 3 || w.length <= 3 ? n === w : sameWord(w, n))))
    .map((x) => x.id);
}

/** The ISO alpha-3 codes of the countries a query word names (none for most words). */
export function countriesNamed(word: string): string[] {
  return matching(countries(), word);
}

/** The topics a query word names. */
export function topicsNamed(word: string): TopicId[] {
  return matching(topicIndex, word);
}
