/** The start page's view of the table list: chapters, latest updates, periods, countries. Pure: tested in Node. */
import type { DataOrigin, ListedTable, TablePathStep } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";
import type { TableMeta } from "../table/meta.ts";

export interface Chapter {
  /** The folder's id, or "" for tables outside any folder. */
  readonly id: string;
  readonly label: string;
  readonly tables: readonly ListedTable[];
}

/** The tables grouped by the folder that holds them (the last step of their first path), in the list's order. */
export function chaptersOf(tables: readonly ListedTable[]): Chapter[] {
  const chapters = new Map<string, { step: TablePathStep | undefined; tables: ListedTable[] }>();
  for (const table of tables) {
    const path = table.paths[0] ?? [];
    const step = path.at(-1);
    const key = path.map((s) => s.id).join("/");
    const chapter = chapters.get(key) ?? { step, tables: [] };
    chapter.tables.push(table);
    chapters.set(key, chapter);
  }
  return [...chapters.values()].map(({ step, tables }) => ({
    id: step?.id ?? "",
    label: step?.label ?? "",
    tables,
  }));
}

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/** The `count` most recently updated tables, newest first (ties in the list's order). */
export function latestUpdates(tables: readonly ListedTable[], count: number): ListedTable[] {
  return tables
    .filter((t) => t.updated)
    .map((table, position) => ({ table, position }))
    .sort((a, b) => time(b.table.updated) - time(a.table.updated) || a.position - b.position)
    .slice(0, count)
    .map((x) => x.table);
}

/** The years a table covers, "2015–2024", or one year, or nothing when the list does not say. */
export function periodOf(table: Pick<ListedTable, "firstPeriod" | "lastPeriod">): string {
  const { firstPeriod: first, lastPeriod: last } = table;
  if (first && last && first !== last) return `${first}–${last}`;
  return first || last || "";
}

/** The variable of the reporting countries: `reporter` in the standard tables, else the geographic one. */
const REPORTER = "reporter";

/** The names of the reporting countries of a table, in the reader's alphabetical order (no totals or unknowns). */
export function countryNames(meta: Pick<TableMeta, "variables">, lang: Lang): string[] {
  const variable = meta.variables.find((v) => v.code === REPORTER) ?? meta.variables.find((v) => v.role === "geo");
  const names = (variable?.values ?? []).filter((v) => !v.code.startsWith("_")).map((v) => v.label);
  return [...new Set(names)].sort(new Intl.Collator(lang).compare);
}

/** A standard table's number as readers know it (`T1_1` → 1.1, `T3` → 3); other ids as they are. */
export function tableNumber(id: string): string {
  return /^T\d+(?:_\d+)*$/.test(id) ? id.slice(1).replaceAll("_", ".") : id;
}

/** The tables of each origin of figures, by number in the list's order; a table the server did not type is national. */
export function tablesByOrigin(tables: readonly ListedTable[]): Readonly<Record<DataOrigin, readonly string[]>> {
  const out: Record<DataOrigin, string[]> = { "un-estimates": [], illustrative: [], national: [] };
  for (const table of tables) {
    const origin = table.dataOrigin ?? (table.illustrative ? "illustrative" : "national");
    out[origin].push(tableNumber(table.id));
  }
  return out;
}
