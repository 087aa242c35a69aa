/** What "About this table" shows, picked from the table's metadata and the country metadata. Pure. */
import type { CountryMetadata } from "../../lib/api.ts";
import type { NoteMeta, TableMeta, ValueMeta } from "../meta.ts";

/** Notes a reader must see (shown even when the panel is closed) apart from the others. */
export function splitNotes(notes: readonly NoteMeta[]): { mandatory: string[]; other: string[] } {
  return {
    mandatory: notes.filter((n) => n.mandatory).map((n) => n.text),
    other: notes.filter((n) => !n.mandatory).map((n) => n.text),
  };
}

export interface VariableNotes {
  readonly code: string;
  readonly label: string;
  readonly notes: readonly NoteMeta[];
  /** Only the values that have notes. */
  readonly values: readonly ValueMeta[];
}

/** The variables that carry notes, on themselves or on their values, in the table's order. */
export function variableNotes(meta: TableMeta): VariableNotes[] {
  return meta.variables
    .map((v) => ({ code: v.code, label: v.label, notes: v.notes, values: v.values.filter((x) => x.notes.length) }))
    .filter((v) => v.notes.length || v.values.length);
}

/** Every mandatory note of the table, its variables and its values, each with what it is about. */
export function mandatoryNotes(meta: TableMeta): { readonly about?: string; readonly text: string }[] {
  const out: { about?: string; text: string }[] = splitNotes(meta.notes).mandatory.map((text) => ({ text }));
  for (const v of variableNotes(meta)) {
    for (const n of v.notes) if (n.mandatory) out.push({ about: v.label, text: n.text });
    for (const value of v.values) {
      for (const n of value.notes) if (n.mandatory) out.push({ about: `${v.label}: ${value.label}`, text: n.text });
    }
  }
  return out;
}

/**
 * The country metadata of the reporting countries selected, in the order they were selected (every country when
 * none is), each country's periods oldest first.
 */
export function countryNotesFor(entries: readonly CountryMetadata[], reporters: readonly string[]): CountryMetadata[] {
  const wanted = reporters.length ? reporters : [...new Set(entries.map((e) => e.reporter))];
  const order = new Map(wanted.map((r, i) => [r, i]));
  const start = (e: CountryMetadata) => e.fromYear ?? Number.NEGATIVE_INFINITY;
  return entries
    .filter((e) => order.has(e.reporter))
    .sort((a, b) => (order.get(a.reporter) ?? 0) - (order.get(b.reporter) ?? 0) || start(a) - start(b));
}

/** Which years an entry covers, as a message key and its values (`downloads.about.years.<key>`). */
export function yearsOf(entry: Pick<CountryMetadata, "fromYear" | "toYear">): {
  key: "all" | "from" | "to" | "between";
  from?: number;
  to?: number;
} {
  const { fromYear: from, toYear: to } = entry;
  if (from === null && to === null) return { key: "all" };
  if (to === null) return { key: "from", from: from as number };
  if (from === null) return { key: "to", to };
  return { key: "between", from, to };
}
