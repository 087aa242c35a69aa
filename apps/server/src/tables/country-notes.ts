/**
 * Country metadata shown with the figures: each entry becomes a note on its reporting country's category, so every
 * format carries it where users look — PX VALUENOTE(X), JSON-stat category notes, the Excel and HTML footnotes.
 * A note with a break in series or a deviation from the recommendations is mandatory (always shown).
 */

import type { Dataset, Note } from "@clearinghouse/cube";
import type { CountryMetadataEntry, MetadataText } from "./country-metadata.ts";

const LABELS = {
  en: {
    all: "All years",
    from: "From",
    to: "Until",
    source: "Source",
    definition: "Definition",
    coverage: "Coverage",
    breaks: "Break in series",
    deviations: "Deviation from the recommendations",
  },
  ru: {
    all: "Все годы",
    from: "С",
    to: "До",
    source: "Источник",
    definition: "Определение",
    coverage: "Охват",
    breaks: "Разрыв ряда",
    deviations: "Отклонение от рекомендаций",
  },
} as const;

function period(entry: CountryMetadataEntry, lang: "en" | "ru"): string {
  const l = LABELS[lang];
  if (entry.fromYear !== null && entry.toYear !== null) return `${entry.fromYear}–${entry.toYear}`;
  if (entry.fromYear !== null) return `${l.from} ${entry.fromYear}`;
  if (entry.toYear !== null) return `${l.to} ${entry.toYear}`;
  return l.all;
}

function text(entry: CountryMetadataEntry, lang: "en" | "ru"): string {
  const l = LABELS[lang];
  const parts: [string, MetadataText | null][] = [
    [l.source, entry.source],
    [l.definition, entry.definition],
    [l.coverage, entry.coverage],
    [l.breaks, entry.breaks],
    [l.deviations, entry.deviations],
  ];
  const body = parts.flatMap(([label, t]) => (t ? [`${label}: ${t[lang]}`] : [])).join(" ");
  return `${period(entry, lang)}. ${body}`;
}

/** The dataset with each entry as a note on its reporter's category (dimension `reporter`); unchanged without one. */
export function withCountryNotes(ds: Dataset, entries: readonly CountryMetadataEntry[]): Dataset {
  const at = ds.dimensions.findIndex((d) => d.code === "reporter");
  if (at === -1 || entries.length === 0) return ds;
  const dimensions = ds.dimensions.map((d, k) => {
    if (k !== at) return d;
    return {
      ...d,
      categories: d.categories.map((c) => {
        const own = entries.filter((e) => e.reporter === c.code);
        if (own.length === 0) return c;
        const notes: Note[] = own.map((e) => ({
          text: { en: text(e, "en"), ru: text(e, "ru") },
          ...(e.breaks || e.deviations ? { mandatory: true } : {}),
        }));
        return { ...c, notes: [...(c.notes ?? []), ...notes] };
      }),
    };
  });
  return { ...ds, dimensions };
}
