/**
 * The glossary's alphabetical index: the letters of the reader's alphabet, the letter each term is filed under,
 * and the terms grouped by letter; and which terms a search keeps. Pure: tested in Node.
 */
import type { GlossaryTerm } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";

/** Terms starting with a digit or another sign are filed first, under this key. */
export const OTHER = "#";

/** The index letters: Latin for English; Cyrillic for Russian without Ё (filed under Е) and Ъ, Ы, Ь (no word starts with them). */
export const ALPHABETS: Readonly<Record<Lang, readonly string[]>> = {
  en: [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  ru: [..."АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"],
};

/** The index letter of a term's name: its first letter, Ё as Е and Latin accents dropped, or OTHER. */
export function letterOf(name: string, lang: Lang): string {
  const first = String.fromCodePoint(name.trimStart().codePointAt(0) ?? 0).toUpperCase();
  const letter = lang === "ru" ? first.replace("Ё", "Е") : first.normalize("NFD").replace(/\p{M}/gu, "");
  return ALPHABETS[lang].includes(letter) ? letter : OTHER;
}

export interface LetterGroup {
  readonly letter: string;
  readonly terms: readonly GlossaryTerm[];
}

/** The terms under their letters, OTHER first then in alphabet order; each group keeps the terms' order. */
export function groupByLetter(terms: readonly GlossaryTerm[], lang: Lang): LetterGroup[] {
  const groups = new Map<string, GlossaryTerm[]>();
  for (const term of terms) {
    const letter = letterOf(term.term, lang);
    groups.set(letter, [...(groups.get(letter) ?? []), term]);
  }
  return [OTHER, ...ALPHABETS[lang]].flatMap((letter) => {
    const group = groups.get(letter);
    return group ? [{ letter, terms: group }] : [];
  });
}

/** The terms found by a search in the reader's language and in the other one, in glossary order. */
export function keptTerms(
  terms: readonly GlossaryTerm[],
  found: readonly (readonly Pick<GlossaryTerm, "id">[])[],
): GlossaryTerm[] {
  const ids = new Set(found.flatMap((list) => list.map((t) => t.id)));
  return terms.filter((t) => ids.has(t.id));
}

/** The element id of a letter's section (term ids are the terms' own ids, so /en/glossary#refugee works). */
export const letterAnchor = (letter: string) => `glossary-letter-${letter === OTHER ? "other" : letter}`;
