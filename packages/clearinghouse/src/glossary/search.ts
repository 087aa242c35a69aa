/**
 * Search and look-ups over the glossary. Pure functions: values in, values out.
 *
 * Matching is case- and accent-insensitive (ё = е), tolerant of common Russian and English word endings (a light
 * stemmer, not a full morphological analyser) and of one typo (insertion, deletion, substitution or transposition)
 * in query words of five letters or more.
 */
import {
  GLOSSARY_TABLE_IDS,
  GLOSSARY_TERMS,
  type GlossaryIndicatorId,
  type GlossaryLang,
  type GlossaryTableId,
  type GlossaryTerm,
} from "./terms.ts";

export type GlossaryField = "term" | "definition";

/** The words of one field that matched the query, as they are written in the text. */
export interface GlossaryFieldMatch {
  readonly field: GlossaryField;
  readonly words: readonly string[];
}

export interface GlossarySearchResult {
  readonly term: GlossaryTerm;
  readonly score: number;
  /** Fields with at least one matching word, `term` before `definition`. */
  readonly matches: readonly GlossaryFieldMatch[];
}

export interface GlossarySearchOptions {
  /** Return at most this many results. */
  readonly limit?: number;
}

// ── Normalisation and stemming ──────────────────────────────────────────────────────────────────────────────────

/** Lower case without diacritics: "Naturalisátion" → "naturalisation", "учёт" → "учет" (й becomes и too). */
export function normalizeText(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

const CYRILLIC = /[\u0400-\u04ff]/;

// Endings are normalised like the words they are stripped from (й → и), longest first.
const RU_ENDINGS = [
  "иями",
  "ями",
  "ами",
  "ыми",
  "ими",
  "ого",
  "его",
  "ому",
  "ему",
  "ией",
  "ей",
  "ой",
  "ий",
  "ый",
  "ая",
  "яя",
  "ое",
  "ее",
  "ые",
  "ие",
  "ую",
  "юю",
  "ых",
  "их",
  "ым",
  "им",
  "ах",
  "ях",
  "ам",
  "ям",
  "ов",
  "ев",
  "ом",
  "ем",
  "ью",
  "ия",
  "ии",
  "ию",
  "а",
  "я",
  "о",
  "е",
  "ы",
  "и",
  "у",
  "ю",
  "ь",
]
  .map(normalizeText)
  .sort((a, b) => b.length - a.length);

const RU_MIN_STEM = 3;
const EN_MIN_STEM = 3;

function stemRussian(word: string): string {
  let w = word;
  if ((w.endsWith("ся") || w.endsWith("сь")) && w.length - 2 >= 4) w = w.slice(0, -2);
  for (const ending of RU_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= RU_MIN_STEM) {
      w = w.slice(0, -ending.length);
      break;
    }
  }
  // Fleeting vowel: беженец / беженцы, иностранец / иностранцев.
  if (w.endsWith("ец") && w.length >= 5) w = `${w.slice(0, -2)}ц`;
  return w;
}

const EN_SPELLING: Readonly<Record<string, string>> = { labor: "labour", center: "centre", program: "programme" };

function stemEnglish(word: string): string {
  let w = EN_SPELLING[word] ?? word;
  // American -ize / -ization spelled the British way used in the glossary.
  w = w.replace(/iz(?=(e|ed|es|er|ers|ing|ation|ations)$)/, "is");
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w) && w.length - 1 >= EN_MIN_STEM) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length - 3 >= 4) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length - 2 >= 4) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** The light stem of one word (normalised first); the script of the word chooses Russian or English rules. */
export function stemWord(word: string): string {
  const w = normalizeText(word);
  if (/^\p{N}+$/u.test(w)) return w;
  return CYRILLIC.test(w) ? stemRussian(w) : stemEnglish(w);
}

/** Optimal string alignment distance, stopping early above `max`. */
function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  const at = (i: number, j: number): number => d[i * cols + j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
  }
  return at(a.length, b.length) <= max;
}

// ── Tokens and the per-term index ───────────────────────────────────────────────────────────────────────────────

interface Token {
  readonly text: string;
  readonly norm: string;
  readonly stem: string;
}

function tokenize(text: string): Token[] {
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const tokens: Token[] = [];
  for (const word of words) {
    const norm = normalizeText(word);
    if (norm.length > 0) tokens.push({ text: word, norm, stem: stemWord(norm) });
  }
  return tokens;
}

const STOP_WORDS = new Set(
  [
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "and",
    "or",
    "is",
    "are",
    "as",
    "with",
    "from",
    "per",
    "be",
    "it",
    "its",
    "that",
    "this",
    "и",
    "в",
    "во",
    "на",
    "по",
    "с",
    "со",
    "к",
    "о",
    "об",
    "из",
    "за",
    "для",
    "от",
    "до",
    "не",
    "или",
    "а",
    "что",
    "как",
    "при",
    "у",
  ].map(normalizeText),
);

interface FieldIndex {
  readonly tokens: readonly Token[];
}

interface LangIndex {
  readonly term: FieldIndex;
  readonly definition: FieldIndex;
  /** The term and its alternative names (the parts in and outside parentheses), as token lists. */
  readonly names: readonly (readonly Token[])[];
}

const indexCache = new WeakMap<GlossaryTerm, Partial<Record<GlossaryLang, LangIndex>>>();

function indexOf(term: GlossaryTerm, lang: GlossaryLang): LangIndex {
  let byLang = indexCache.get(term);
  if (!byLang) {
    byLang = {};
    indexCache.set(term, byLang);
  }
  const cached = byLang[lang];
  if (cached) return cached;
  const name = term.term[lang];
  const variants = [name, name.replace(/\([^)]*\)/g, " ")];
  for (const m of name.matchAll(/\(([^)]*)\)/g)) variants.push(...(m[1] ?? "").split(/[;,]/));
  const names = variants.map(tokenize).filter((tokens) => tokens.length > 0);
  const index: LangIndex = {
    term: { tokens: tokenize(name) },
    definition: { tokens: tokenize(term.definition[lang]) },
    names,
  };
  byLang[lang] = index;
  return index;
}

// ── Matching and scoring ────────────────────────────────────────────────────────────────────────────────────────

const EXACT = 1;
const PREFIX = 0.7;
const TYPO = 0.5;
const MIN_TYPO_LENGTH = 5;
const MIN_PREFIX_LENGTH = 4;

/** How well a query word matches a text word: 1 same stem, 0.7 the text word continues the query, 0.5 one typo. */
function wordMatch(q: Token, t: Token): number {
  if (q.stem === t.stem || q.norm === t.norm) return EXACT;
  if (q.stem.length >= MIN_PREFIX_LENGTH && t.stem.startsWith(q.stem)) return PREFIX;
  if (
    q.norm.length >= MIN_TYPO_LENGTH &&
    t.stem.length >= MIN_TYPO_LENGTH - 1 &&
    (editDistanceAtMost(q.stem, t.stem, 1) || editDistanceAtMost(q.norm, t.norm, 1))
  ) {
    return TYPO;
  }
  return 0;
}

interface FieldHit {
  readonly best: number;
  readonly exactCount: number;
  readonly words: readonly string[];
}

function matchField(q: Token, field: FieldIndex): FieldHit {
  let best = 0;
  let exactCount = 0;
  const words: string[] = [];
  for (const t of field.tokens) {
    const m = wordMatch(q, t);
    if (m === 0) continue;
    best = Math.max(best, m);
    if (m === EXACT) exactCount++;
    words.push(t.text);
  }
  return { best, exactCount, words };
}

const sameStems = (a: readonly Token[], b: readonly Token[]): boolean =>
  a.length === b.length && a.every((t, i) => t.stem === b[i]?.stem);

function containsStems(haystack: readonly Token[], needle: readonly Token[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((t, i) => t.stem === haystack[start + i]?.stem)) return true;
  }
  return false;
}

const joinNorm = (tokens: readonly Token[]): string => tokens.map((t) => t.norm).join(" ");

/** The weakest word match when each query word matches the name's word at the same position, else 0. */
function nameMatch(name: readonly Token[], query: readonly Token[]): number {
  if (name.length !== query.length) return 0;
  let weakest = EXACT;
  for (const [i, q] of query.entries()) {
    const t = name[i];
    const m = t === undefined ? 0 : wordMatch(q, t);
    if (m === 0) return 0;
    weakest = Math.min(weakest, m);
  }
  return weakest;
}

/**
 * Terms matching `query` in the language `lang`, best first. A term matches when at least one query word is found
 * in its name or definition; words in the name weigh more than words in the definition, and a name equal to the
 * query (ignoring case, accents, punctuation and word endings) ranks above everything else.
 */
export function searchGlossary(
  terms: readonly GlossaryTerm[],
  query: string,
  lang: GlossaryLang,
  options: GlossarySearchOptions = {},
): GlossarySearchResult[] {
  const queryTokens = tokenize(query);
  if (queryTokens.length === 0) return [];
  const content = queryTokens.filter((t) => !STOP_WORDS.has(t.norm));
  const words = content.length > 0 ? content : queryTokens;
  const queryNorm = joinNorm(queryTokens);

  const results: GlossarySearchResult[] = [];
  for (const term of terms) {
    const index = indexOf(term, lang);
    let score = 0;
    let matchedWords = 0;
    const termWords = new Set<string>();
    const definitionWords = new Set<string>();
    for (const q of words) {
      const inTerm = matchField(q, index.term);
      const inDefinition = matchField(q, index.definition);
      if (inTerm.best === 0 && inDefinition.best === 0) continue;
      matchedWords++;
      score += 10 * inTerm.best + 3 * inDefinition.best + 0.5 * Math.min(inDefinition.exactCount, 4);
      for (const w of inTerm.words) termWords.add(w);
      for (const w of inDefinition.words) definitionWords.add(w);
    }
    if (matchedWords === 0) continue;
    score += 8 * matchedWords;
    if (matchedWords === words.length) score += 10;
    if (index.names.some((name) => joinNorm(name) === queryNorm)) score += 100;
    else if (index.names.some((name) => sameStems(name, queryTokens))) score += 80;
    else if (index.names.some((name) => nameMatch(name, queryTokens) > 0)) {
      score += 50 * Math.max(...index.names.map((name) => nameMatch(name, queryTokens)));
    } else if (queryTokens.length > 1 && index.names.some((name) => containsStems(name, queryTokens))) score += 20;
    else if (queryTokens.length > 1 && containsStems(index.definition.tokens, queryTokens)) score += 5;

    const matches: GlossaryFieldMatch[] = [];
    if (termWords.size > 0) matches.push({ field: "term", words: [...termWords] });
    if (definitionWords.size > 0) matches.push({ field: "definition", words: [...definitionWords] });
    results.push({ term, score: Math.round(score * 100) / 100, matches });
  }

  results.sort(
    (a, b) =>
      b.score - a.score ||
      a.term.term[lang].length - b.term.term[lang].length ||
      (a.term.id < b.term.id ? -1 : a.term.id > b.term.id ? 1 : 0),
  );
  return options.limit === undefined ? results : results.slice(0, Math.max(0, options.limit));
}

// ── Look-ups ────────────────────────────────────────────────────────────────────────────────────────────────────

const BY_ID = new Map(GLOSSARY_TERMS.map((t) => [t.id, t]));

/** The term with this id, or `undefined`. */
export function glossaryTerm(id: string, terms: readonly GlossaryTerm[] = GLOSSARY_TERMS): GlossaryTerm | undefined {
  return terms === GLOSSARY_TERMS ? BY_ID.get(id) : terms.find((t) => t.id === id);
}

/** A standard table id from the forms people write: "T5_1", "t5_1", "5.1", "5_1", "T3", "3". */
export function parseGlossaryTableId(tableId: string): GlossaryTableId | undefined {
  const s = tableId.trim().toUpperCase().replace(/^T/, "").replace(".", "_");
  const id = `T${s}`;
  return (GLOSSARY_TABLE_IDS as readonly string[]).includes(id) ? (id as GlossaryTableId) : undefined;
}

/** Terms used by a standard table, in glossary order; empty for an unknown table. */
export function termsForTable(tableId: string, terms: readonly GlossaryTerm[] = GLOSSARY_TERMS): GlossaryTerm[] {
  const id = parseGlossaryTableId(tableId);
  return id === undefined ? [] : terms.filter((t) => t.tables.includes(id));
}

/** Terms used by a derived indicator, in glossary order. */
export function termsForIndicator(
  indicatorId: GlossaryIndicatorId,
  terms: readonly GlossaryTerm[] = GLOSSARY_TERMS,
): GlossaryTerm[] {
  return terms.filter((t) => t.indicators.includes(indicatorId));
}
