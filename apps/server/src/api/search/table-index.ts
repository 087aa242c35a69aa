/**
 * The search index of the published tables: every word of a table's title, variable labels and value labels, in
 * every language of the table, and its codes (table id, variable and value codes), normalised (lower case, no
 * diacritics, ё = е) and mapped to where it occurs. A query word matches a word of the index that starts with it or
 * with its stem (so "гражданство" finds "гражданству", and "Kazakh" finds "Kazakhstan"); every query word must match
 * somewhere in a table. Tables whose title matches rank above those matching by variable, then by value.
 *
 * The index is built from the tables' metadata and kept per table version: a request reads only the versions it has
 * not indexed yet (none, until something is published).
 */

import { type Dataset, type Texts, textIn } from "@clearinghouse/cube";
import { isIllustrative, normalizeText, stemWord } from "@clearinghouse/domain";

export type TableMetadata = Omit<Dataset, "values" | "status" | "flags">;

export type MatchKind = "title" | "variable" | "value";

export interface SearchMatch {
  readonly kind: MatchKind;
  /** The title, variable label or value label, in the language asked for. */
  readonly text: string;
  /** The variable of a value. */
  readonly variable?: string;
  /** A value's variable and value codes, with which a link opens the table with that value selected. */
  readonly variableCode?: string;
  readonly valueCode?: string;
}

export interface SearchResult {
  readonly id: string;
  readonly label: string;
  readonly updated: string | null;
  readonly illustrative?: true;
  /** Why the table matched: the title, or a few variables or values. */
  readonly matches: readonly SearchMatch[];
}

/** A published table as the catalog lists it. */
export interface TableVersionRef {
  readonly id: string;
  readonly version: number;
  readonly updated: Date;
}

/** Reads the metadata of these table versions (table id → metadata). */
export type MetadataLoader = (versions: readonly TableVersionRef[]) => Promise<ReadonlyMap<string, TableMetadata>>;

/** Where one word occurs in a table. */
interface Occurrences {
  title: boolean;
  readonly variables: Set<number>;
  /** [variable, value] positions. */
  readonly values: [number, number][];
}

interface IndexedTable {
  readonly ref: TableVersionRef;
  readonly meta: TableMetadata;
  /** Normalised word → its stem and where it occurs. */
  readonly words: ReadonlyMap<string, { readonly stem: string; readonly at: Occurrences }>;
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** The normalised words of a text. */
export function wordsOf(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

// Words that say nothing about a table; a query of nothing else keeps them.
const STOP_WORDS = new Set(
  ["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "with", "from"]
    .concat(["и", "в", "во", "на", "по", "с", "со", "к", "о", "об", "из", "за", "для", "от", "до", "или"])
    .map(normalizeText),
);

/** The query's words, each with its stem; stop words dropped unless the query has nothing else. */
export function queryWords(query: string): { readonly word: string; readonly stem: string }[] {
  const words = [...new Set(wordsOf(query))];
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return (content.length > 0 ? content : words).map((word) => ({ word, stem: stemWord(word) }));
}

function indexTable(ref: TableVersionRef, meta: TableMetadata): IndexedTable {
  const words = new Map<string, { stem: string; at: Occurrences }>();
  const at = (word: string): Occurrences => {
    let entry = words.get(word);
    if (!entry) {
      entry = { stem: stemWord(word), at: { title: false, variables: new Set(), values: [] } };
      words.set(word, entry);
    }
    return entry.at;
  };
  const allWords = (texts: Texts | undefined, code?: string) =>
    new Set([...Object.values(texts ?? {}).flatMap(wordsOf), ...(code ? wordsOf(code) : [])]);
  for (const word of allWords(meta.title, ref.id)) at(word).title = true;
  meta.dimensions.forEach((d, k) => {
    for (const word of allWords(d.label, d.code)) at(word).variables.add(k);
    d.categories.forEach((c, i) => {
      for (const word of allWords(c.label, c.code)) at(word).values.push([k, i]);
    });
  });
  return { ref, meta, words };
}

const WEIGHT: Readonly<Record<MatchKind, number>> = { title: 100, variable: 10, value: 1 };
/** How many variables and values a result shows at most. */
const SHOWN_VARIABLES = 2;
const SHOWN_VALUES = 3;

interface WordHit {
  readonly kind: MatchKind;
  readonly score: number;
  readonly variables: readonly number[];
  readonly values: readonly (readonly [number, number, boolean])[];
}

/** The best place a query word occurs in a table, or undefined when it occurs nowhere. */
function hitOf(table: IndexedTable, q: { word: string; stem: string }): WordHit | undefined {
  let best: { kind: MatchKind; score: number } | undefined;
  const variables = new Set<number>();
  const values: [number, number, boolean][] = [];
  for (const [word, { stem, at }] of table.words) {
    if (!word.startsWith(q.stem) && !word.startsWith(q.word)) continue;
    const exact = word === q.word || stem === q.stem;
    const factor = exact ? 2 : 1;
    const kinds: MatchKind[] = [];
    if (at.title) kinds.push("title");
    if (at.variables.size) kinds.push("variable");
    if (at.values.length) kinds.push("value");
    for (const kind of kinds) {
      const score = WEIGHT[kind] * factor;
      if (!best || score > best.score) best = { kind, score };
    }
    for (const k of at.variables) variables.add(k);
    for (const [k, i] of at.values) values.push([k, i, exact]);
  }
  if (!best) return undefined;
  return { kind: best.kind, score: best.score, variables: [...variables], values };
}

function resultOf(table: IndexedTable, hits: readonly WordHit[], lang: string): SearchResult {
  const { meta, ref } = table;
  const t = (texts: Texts | undefined) => textIn(texts, lang, meta.languages);
  const matches: SearchMatch[] = [];
  // Each word shows where it matched best: the title, else its variables, else its values (whole words first).
  if (hits.some((h) => h.kind === "title")) matches.push({ kind: "title", text: t(meta.title) });
  const variables = new Set(hits.filter((h) => h.kind === "variable").flatMap((h) => h.variables));
  for (const k of [...variables].slice(0, SHOWN_VARIABLES)) {
    matches.push({ kind: "variable", text: t(meta.dimensions[k]?.label) });
  }
  const values = hits
    .filter((h) => h.kind === "value")
    .flatMap((h) => h.values)
    .sort((a, b) => Number(b[2]) - Number(a[2]) || a[0] - b[0] || a[1] - b[1]);
  const seen = new Set<string>();
  for (const [k, i] of values) {
    const key = `${k}:${i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const d = meta.dimensions[k];
    const category = d?.categories[i];
    matches.push({
      kind: "value",
      text: t(category?.label),
      variable: t(d?.label),
      ...(d && category ? { variableCode: d.code, valueCode: category.code } : {}),
    });
    if (seen.size === SHOWN_VALUES) break;
  }
  const updated = isoDateTime(meta.updated) ?? isoDateTime(ref.updated);
  return {
    id: ref.id,
    label: t(meta.title),
    updated: updated ?? null,
    ...(isIllustrative(meta) ? { illustrative: true as const } : {}),
    matches,
  };
}

/** An ISO 8601 date-time without milliseconds, as PxWeb API 2.0 writes `updated`. */
function isoDateTime(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const byId = new Intl.Collator("en", { numeric: true });

export class TableSearchIndex {
  private readonly tables = new Map<string, IndexedTable>();
  private key = "";
  private loading: { readonly key: string; readonly done: Promise<void> } | undefined;

  constructor(private readonly load: MetadataLoader) {}

  /** The versions the index holds, as a key for caching its answers. */
  get versionKey(): string {
    return this.key;
  }

  /** Brings the index up to these table versions, reading only the versions not indexed yet. */
  async update(refs: readonly TableVersionRef[]): Promise<void> {
    const key = refs.map((r) => `${r.id}@${r.version}`).join(",");
    if (key === this.key) return;
    if (this.loading?.key !== key) {
      const done = this.rebuild(refs, key).finally(() => {
        if (this.loading?.key === key) this.loading = undefined;
      });
      this.loading = { key, done };
    }
    await this.loading.done;
  }

  private async rebuild(refs: readonly TableVersionRef[], key: string): Promise<void> {
    const missing = refs.filter((r) => this.tables.get(r.id)?.ref.version !== r.version);
    const loaded = missing.length ? await this.load(missing) : new Map<string, TableMetadata>();
    for (const ref of missing) {
      const meta = loaded.get(ref.id);
      if (meta) this.tables.set(ref.id, indexTable(ref, meta));
    }
    const current = new Set(refs.map((r) => r.id));
    for (const id of this.tables.keys()) if (!current.has(id)) this.tables.delete(id);
    this.key = key;
  }

  /** The tables matching every word of the query, best first, labelled in `lang`. */
  search(query: string, lang: string): SearchResult[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const found: { table: IndexedTable; score: number; hits: WordHit[] }[] = [];
    for (const table of this.tables.values()) {
      const hits: WordHit[] = [];
      for (const q of words) {
        const hit = hitOf(table, q);
        if (!hit) break;
        hits.push(hit);
      }
      if (hits.length < words.length) continue;
      found.push({ table, score: hits.reduce((sum, h) => sum + h.score, 0), hits });
    }
    found.sort((a, b) => b.score - a.score || byId.compare(a.table.ref.id, b.table.ref.id));
    return found.map((f) => resultOf(f.table, f.hits, lang));
  }
}
