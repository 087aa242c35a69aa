/**
 * The search's parameters, checked, and the plan of a query text. Pure: the SQL is in search.ts.
 *
 * A query text is cut into units, every one of which an institution must match:
 * - a word matches the full text in English, Russian or as written (each word stemmed by each language's rules);
 *   or the words of the inventory it is a typo or another transliteration of (trigram similarity of folded
 *   words, fold.ts); or the country it names (where the institution is or works) or the topic it names (names.ts);
 * - the last word also matches the inventory's words it begins, since people type it;
 * - a long word also matches the words sharing its first letters (all but its last four, at least five), which
 *   joins what the stemmers keep apart: "migrants" and "migration", "мигрантов" and "миграции";
 * - "a phrase in quotes" matches those words in that order;
 * - -word or -"phrase" excludes what matches it.
 * Words that are stop words in English or Russian ("the", "по") are left out. Any other character separates words,
 * so no input can break the query.
 */

import { countryByCode } from "@clearinghouse/domain";
import { foldText } from "./fold.ts";
import { apiMessages, type Message } from "./messages.ts";
import { countriesNamed, topicsNamed } from "./names.ts";
import { CATEGORY_IDS, type CategoryId, isCategory, isTopic, type Lang, type TopicId } from "./vocabulary.ts";

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 10_000;
/** More words than this are not searched for (a longer text is not a search). */
const MAX_UNITS = 12;
const MAX_FILTER_VALUES = 50;
/** Words shorter than this (folded) are not taken for typos (trigrams of short words match too much). */
const MIN_TYPO_LENGTH = 5;
const MIN_PREFIX_LENGTH = 2;
const STEM_PREFIX_FROM = 7;

export const SORTS = ["relevance", "name", "updated"] as const;
export type Sort = (typeof SORTS)[number];

export interface SearchParams {
  readonly q: string;
  readonly lang: Lang;
  readonly categories: readonly CategoryId[];
  readonly countries: readonly string[];
  readonly topics: readonly TopicId[];
  readonly sort: Sort;
  readonly page: number;
  readonly pageSize: number;
}

/** A refused parameter: which one, and why (in both languages). */
export class ParameterProblem extends Error {
  constructor(
    readonly parameter: string,
    readonly text: Message,
  ) {
    super(text.en);
  }
}

/** One value of a parameter that may be given once. */
function single(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  throw new ParameterProblem(name, apiMessages.once(name));
}

/** The values of a multi-valued parameter: repeated (?topic=a&topic=b) or separated by commas (?topic=a,b). */
function many(name: string, value: unknown): string[] {
  const texts = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  const values = [...new Set(texts.flatMap((t) => t.split(",")).map((t) => t.trim()))].filter((t) => t !== "");
  if (values.length > MAX_FILTER_VALUES)
    throw new ParameterProblem(name, apiMessages.tooManyValues(name, MAX_FILTER_VALUES));
  return values;
}

function wholeNumber(name: string, value: unknown, fallback: number, max: number): number {
  const text = single(name, value);
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > max)
    throw new ParameterProblem(name, apiMessages.wholeNumber(name, 1, max));
  return n;
}

/** Checks the query string of a search (as Fastify parses it: repeated keys become arrays). */
export function parseSearchParams(query: Readonly<Record<string, unknown>>, fallbackLang: Lang): SearchParams {
  const langText = single("lang", query.lang);
  if (langText !== undefined && langText !== "" && langText !== "en" && langText !== "ru") {
    throw new ParameterProblem("lang", apiMessages.language(langText));
  }
  const lang: Lang = langText === "en" || langText === "ru" ? langText : fallbackLang;
  const q = (single("q", query.q) ?? "").normalize("NFKC").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) throw new ParameterProblem("q", apiMessages.tooLong("q", MAX_QUERY_LENGTH));
  const categories = many("category", query.category).map((c) => {
    if (!isCategory(c)) throw new ParameterProblem("category", apiMessages.category(c, CATEGORY_IDS));
    return c;
  });
  const countries = many("country", query.country).map((c) => {
    const code = c.toUpperCase();
    if (!/^[A-Z]{3}$/.test(code) || !countryByCode(code)) throw new ParameterProblem("country", apiMessages.country(c));
    return code;
  });
  const topics = many("topic", query.topic).map((t) => {
    if (!isTopic(t)) throw new ParameterProblem("topic", apiMessages.topic(t));
    return t;
  });
  const sortText = single("sort", query.sort);
  if (sortText !== undefined && sortText !== "" && !(SORTS as readonly string[]).includes(sortText)) {
    throw new ParameterProblem("sort", apiMessages.sort(sortText));
  }
  // Relevance needs words to be relevant to; without them the list is alphabetical.
  const asked = (sortText || (q === "" ? "name" : "relevance")) as Sort;
  const sort: Sort = asked === "relevance" && q === "" ? "name" : asked;
  return {
    q,
    lang,
    categories,
    countries,
    topics,
    sort,
    page: wholeNumber("page", query.page, 1, MAX_PAGE),
    pageSize: wholeNumber("pageSize", query.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** One unit of a query text (see the module's comment). */
export interface QueryUnit {
  readonly kind: "word" | "phrase";
  /** The word, or the phrase's words joined by spaces: letters and digits only. */
  readonly text: string;
  readonly negated: boolean;
  /** Also match words starting with `text` (the last word, being typed). */
  readonly prefix: boolean;
  /** Also match words starting with this (a long word's first letters), or null. */
  readonly stemPrefix: string | null;
  /** The word folded (fold.ts) to look up the words it may be a typo of, or null (phrases, short words). */
  readonly typoOf: string | null;
  /** Countries (alpha-3) and topics the word names. */
  readonly countries: readonly string[];
  readonly topics: readonly TopicId[];
}

/** Runs of letters, digits and combining marks that hold a letter or digit. */
const WORD = /[\p{M}]*[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Cuts a query text into units: words, "phrases", -excluded ones. */
export function planQuery(q: string): QueryUnit[] {
  const units: QueryUnit[] = [];
  // A phrase runs to its closing quote or to the end; a minus right before a word or quote excludes it.
  const pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/gu;
  for (const match of q.matchAll(pattern)) {
    const [, phraseMinus, phrase, wordMinus, chunk] = match;
    if (phrase !== undefined) {
      const words = phrase.match(WORD) ?? [];
      if (words.length === 0) continue;
      const text = words.join(" ");
      units.push({
        kind: words.length === 1 ? "word" : "phrase",
        text: text.toLowerCase(),
        negated: phraseMinus === "-",
        prefix: false,
        stemPrefix: null,
        typoOf: null,
        countries: [],
        topics: [],
      });
      continue;
    }
    const words = chunk?.match(WORD) ?? [];
    for (const [k, word] of words.entries()) {
      const negated = wordMinus === "-" && k === 0;
      const lower = word.toLowerCase();
      const length = [...lower].length;
      const folded = foldText(lower);
      units.push({
        kind: "word",
        text: lower,
        negated,
        prefix: false,
        stemPrefix:
          !negated && length >= STEM_PREFIX_FROM ? [...lower].slice(0, Math.max(5, length - 4)).join("") : null,
        typoOf: !negated && [...folded].length >= MIN_TYPO_LENGTH ? folded : null,
        countries: negated ? [] : countriesNamed(word),
        topics: negated ? [] : topicsNamed(word),
      });
    }
  }
  const kept = units.slice(0, MAX_UNITS);
  // The last word is being typed: match it as a beginning too.
  const last = kept.at(-1);
  if (last && last.kind === "word" && !last.negated && [...last.text].length >= MIN_PREFIX_LENGTH && !q.endsWith('"')) {
    kept[kept.length - 1] = { ...last, prefix: true };
  }
  return kept;
}
