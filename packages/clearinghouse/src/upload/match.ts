/**
 * Code mapping: a code list's codes, labels in English and Russian, other names and other codes (ISO alpha-2 and
 * numeric for countries), looked up exactly after normalisation, and the closest entries suggested for a text that
 * matches none.
 *
 * Normalisation folds what a person typing a name does not mean: case, diacritics (NFKD without marks, so ё is е
 * and "Türkiye" is "turkiye"), punctuation and repeated spaces. Similarity is the best of three measures on the
 * normalised texts, each in 0…1: edit distance over the longer length (typos: "Kazakstan"), Dice over character
 * bigrams (reordered words: "Moldova, Republic of"), and whole-word containment ("Moldova" in "Republic of
 * Moldova").
 */

import type { Bilingual } from "@clearinghouse/cube";
import { countryAliases, otherIsoCodes } from "../country-aliases.ts";
import type { UploadSuggestion } from "./types.ts";

export interface CodeEntry {
  readonly code: string;
  readonly label: Bilingual;
  /** Other names (in any language): "UK", "Great Britain", "Молдавия". */
  readonly names?: readonly string[];
  /** Other codes taken as this one, with a warning: ISO alpha-2 and numeric codes of a country. */
  readonly otherCodes?: readonly string[];
}

export type Match =
  | { readonly code: string; readonly via: "code" | "label" }
  /** Taken by another code (`KZ`, `398`): worth a warning, the file should use the list's codes. */
  | { readonly code: string; readonly via: "other-code" };

/** Longest text compared for suggestions: a longer one is cut (a hostile 1 MB "code" costs no more). */
const MAX_COMPARED = 80;

export function normaliseLabel(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i + 1 < padded.length; i++) {
    const g = padded.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, n] of a) {
    common += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

function containment(a: string, b: string): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 3) return 0;
  const words = ` ${long} `;
  return words.includes(` ${short} `) ? 0.75 + 0.25 * (short.length / long.length) : 0;
}

/** Similarity of two normalised texts, 0 (nothing in common) to 1 (equal). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = a.slice(0, MAX_COMPARED);
  const y = b.slice(0, MAX_COMPARED);
  const edit = 1 - levenshtein(x, y) / Math.max(x.length, y.length, 1);
  return Math.max(edit, dice(bigrams(x), bigrams(y)), containment(x, y));
}

interface Candidate {
  readonly entry: CodeEntry;
  readonly text: string;
  readonly grams: Map<string, number>;
}

/** Below this similarity an entry is not worth suggesting. */
const SUGGESTION_FLOOR = 0.45;

/** A code list, indexed for exact look-up and for suggestions. */
export class CodeIndex {
  readonly entries: readonly CodeEntry[];
  readonly #positions = new Map<string, number>();
  readonly #byCodeFolded = new Map<string, string>();
  readonly #byLabel = new Map<string, string>();
  readonly #byOtherCode = new Map<string, string>();
  #candidates: Candidate[] | undefined;
  readonly #memo = new Map<string, Match | null>();

  constructor(entries: readonly CodeEntry[]) {
    this.entries = entries;
    entries.forEach((e, k) => {
      this.#positions.set(e.code, k);
      this.#byCodeFolded.set(e.code.toUpperCase(), e.code);
    });
    for (const e of entries) {
      for (const name of [e.label.en, e.label.ru, ...(e.names ?? [])]) {
        const key = normaliseLabel(name);
        if (key && !this.#byLabel.has(key)) this.#byLabel.set(key, e.code);
      }
      for (const other of e.otherCodes ?? []) {
        const key = other.toUpperCase();
        if (!this.#byCodeFolded.has(key)) this.#byOtherCode.set(key, e.code);
      }
    }
  }

  has(code: string): boolean {
    return this.#positions.has(code);
  }

  /** Position of a code in the list (-1 when not in it). */
  position(code: string): number {
    return this.#positions.get(code) ?? -1;
  }

  entry(code: string): CodeEntry | undefined {
    return this.entries[this.position(code)];
  }

  /** The code a text means: a code (any case), a label or other name in either language, or another code. */
  resolve(raw: string): Match | undefined {
    const memo = this.#memo.get(raw);
    if (memo !== undefined) return memo ?? undefined;
    const found = this.#resolve(raw.trim());
    if (this.#memo.size < 10_000) this.#memo.set(raw, found ?? null);
    return found;
  }

  #resolve(text: string): Match | undefined {
    const exact = this.#positions.has(text) ? text : this.#byCodeFolded.get(text.toUpperCase());
    if (exact !== undefined) return { code: exact, via: "code" };
    const label = this.#byLabel.get(normaliseLabel(text));
    if (label !== undefined) return { code: label, via: "label" };
    const numeric = /^\d{1,3}$/.test(text) ? text.padStart(3, "0") : text.toUpperCase();
    const other = this.#byOtherCode.get(numeric);
    return other === undefined ? undefined : { code: other, via: "other-code" };
  }

  /** The entries closest to a text that matches none, best first. */
  suggest(raw: string, count = 3): UploadSuggestion[] {
    const text = normaliseLabel(raw).slice(0, MAX_COMPARED);
    if (!text) return [];
    this.#candidates ??= this.entries.flatMap((entry) =>
      [entry.code, entry.label.en, entry.label.ru, ...(entry.names ?? []), ...(entry.otherCodes ?? [])].map((name) => {
        const t = normaliseLabel(name).slice(0, MAX_COMPARED);
        return { entry, text: t, grams: bigrams(t) };
      }),
    );
    const grams = bigrams(text);
    const best = new Map<string, { entry: CodeEntry; score: number }>();
    for (const c of this.#candidates) {
      if (!c.text) continue;
      const edit = 1 - levenshtein(text, c.text) / Math.max(text.length, c.text.length);
      const score = Math.max(edit, dice(grams, c.grams), containment(text, c.text));
      const previous = best.get(c.entry.code);
      if (!previous || previous.score < score) best.set(c.entry.code, { entry: c.entry, score });
    }
    return [...best.values()]
      .filter((b) => b.score >= SUGGESTION_FLOOR)
      .sort((a, b) => b.score - a.score || (a.entry.code < b.entry.code ? -1 : 1))
      .slice(0, count)
      .map((b) => ({ code: b.entry.code, label: b.entry.label }));
  }
}

/** A country's other names and codes from ISO 3166-1 (alpha-2 and numeric) for the code lists of countries. */
export function countryEntry(code: string, label: Bilingual): CodeEntry {
  const { alpha2, numeric } = otherIsoCodes(code);
  if (alpha2 === undefined) return { code, label };
  const names = countryAliases(code);
  return { code, label, names, otherCodes: numeric === undefined ? [alpha2] : [alpha2, numeric] };
}
