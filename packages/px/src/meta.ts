/**
 * Reading and changing metadata of a PxFile: find entries by keyword, language and subkeys; keep only some
 * languages; arrange entries built in code in the specification's order.
 */

import { WRITE_ORDER } from "./keywords.ts";
import type { PxEntry, PxFile, PxVariable } from "./model.ts";

export interface EntryQuery {
  /** Language code; the default language (or undefined) finds the entry without `[lang]`. */
  readonly language?: string;
  readonly subkeys?: readonly string[];
}

function sameSubkeys(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((s, k) => s === y[k]);
}

/** The last entry with this keyword, language and subkeys. */
export function findEntry(file: PxFile, keyword: string, query: EntryQuery = {}): PxEntry | undefined {
  const language = query.language === file.defaultLanguage ? undefined : query.language;
  for (let k = file.entries.length - 1; k >= 0; k--) {
    const e = file.entries[k] as PxEntry;
    if (e.keyword === keyword && e.language === language && sameSubkeys(e.subkeys, query.subkeys)) return e;
  }
  return undefined;
}

/**
 * The text of a keyword (list items joined by ", "), falling back to the default language when the requested
 * language lacks it.
 */
export function textOf(file: PxFile, keyword: string, query: EntryQuery = {}): string | undefined {
  const e = findEntry(file, keyword, query) ?? findEntry(file, keyword, { ...query, language: undefined });
  return e?.value.items.join(", ");
}

const RANK = new Map<string, number>(WRITE_ORDER.map((k, i) => [k, i]));

/** Entries in the PX specification's order (stable; unknown keywords after the known ones). */
export function sortEntries(entries: readonly PxEntry[]): PxEntry[] {
  const rank = (e: PxEntry) => RANK.get(e.keyword) ?? WRITE_ORDER.length;
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

export interface PxFacts {
  readonly title: string;
  readonly languages: readonly string[];
  readonly stub: readonly { readonly name: string; readonly codes: readonly string[] }[];
  readonly heading: readonly { readonly name: string; readonly codes: readonly string[] }[];
  readonly cells: number;
}

/**
 * What a reader understood, for any tool to check: title, languages, variables (names in `language`, codes from
 * CODES or else the values) and the cell count.
 */
export function pxFacts(file: PxFile, language = file.defaultLanguage): PxFacts {
  const describe = (v: PxVariable) => ({ name: v.names[language] ?? v.name, codes: [...v.codes] });
  return {
    title: textOf(file, "TITLE", { language }) ?? "",
    languages: [...file.languages],
    stub: file.stub.map(describe),
    heading: file.heading.map(describe),
    cells: file.data.length,
  };
}
