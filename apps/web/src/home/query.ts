/**
 * The search term of a page in its URL (`?q=`), and the parts of a text that a search term matches, for marking
 * them, and the selection a result's link opens its table with. Pure: tested without a browser.
 */
import type { SearchMatch } from "../lib/api.ts";
import { EMPTY_STATE, formatViewState } from "../table/state.ts";

/** The search term of a query string ("?q=…"), trimmed. */
export function queryOf(search: string): string {
  return (new URLSearchParams(search).get("q") ?? "").trim();
}

/** A page's path with the search term as its query string (none for an empty term). */
export function withQuery(path: string, query: string): string {
  const q = query.trim();
  return q ? `${path}?${new URLSearchParams({ q }).toString()}` : path;
}

/** Lower case without diacritics (ё → е), as the server's search compares words. */
const fold = (text: string) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

const WORD = /[\p{L}\p{N}]+/gu;

/** The folded words of a search term. */
export function termWords(query: string): string[] {
  return [...new Set(fold(query).match(WORD) ?? [])];
}

export interface TextPart {
  readonly text: string;
  readonly mark: boolean;
}

/**
 * `text` cut into parts, marking the starts of words that a word of the query begins, or nearly begins (all but
 * its last letter, so "гражданство" marks "гражданств" in "гражданству"). Marks are plain data: the page renders
 * them as React elements, never as HTML.
 */
export function highlight(text: string, query: string): TextPart[] {
  const words = termWords(query);
  if (words.length === 0 || text === "") return text ? [{ text, mark: false }] : [];
  // The folded text, and for each of its characters the position of the character it came from.
  let folded = "";
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    for (const c of fold(char)) {
      folded += c;
      for (let k = 0; k < c.length; k++) from.push(i);
    }
    i += char.length;
  }
  const spans: [number, number][] = [];
  for (const match of folded.matchAll(WORD)) {
    const word = match[0];
    let longest = 0;
    for (const q of words) {
      let common = 0;
      while (common < q.length && common < word.length && q[common] === word[common]) common++;
      if (common === q.length || (common >= 3 && common === q.length - 1)) longest = Math.max(longest, common);
    }
    if (longest === 0) continue;
    const start = from[match.index] ?? 0;
    const lastFrom = from[match.index + longest - 1] ?? start;
    const end = lastFrom + String.fromCodePoint(text.codePointAt(lastFrom) ?? 0).length;
    spans.push([start, end]);
  }
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** The reporting country's variable, preferred when a country matched in several variables of a table. */
const REPORTER = "reporter";

/**
 * A result's link opens the table with the value found selected (a search for Kazakhstan opens table 3 with
 * Kazakhstan ticked): the reporting country if it matched, else the first value that did; "" for none.
 */
export function preselection(matches: readonly SearchMatch[]): string {
  const values = matches.filter((m) => m.kind === "value" && m.variableCode && m.valueCode);
  const chosen = values.find((m) => m.variableCode === REPORTER) ?? values[0];
  if (!chosen?.variableCode || !chosen.valueCode) return "";
  return formatViewState({ ...EMPTY_STATE, selection: { [chosen.variableCode]: [chosen.valueCode] } });
}
