/**
 * The comparison of two versions of a table as the API answers it: the differing cells (packages/cube diff.ts)
 * with their codes and labels in the reader's language, old and new value, status and flags, the counts, and the
 * same as CSV (machine columns) or Excel (headers and kinds in the reader's language). Pure: datasets in, bytes out.
 */

import {
  type CellChange,
  type CellState,
  type Dataset,
  type DiffSummary,
  type Dimension,
  diffDatasets,
  flagLetters,
  Status,
  textIn,
} from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import type { Lang } from "../../http/language.ts";
import { ApiProblem } from "../../http/problem.ts";
import { writeCsv } from "../../inventory/csv.ts";
import { guardFormula } from "../../inventory/interchange.ts";

export const COMPARE_FORMATS = ["json", "csv", "xlsx"] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** One side of a cell: its number (null for a symbol), status symbol ("" for a number) and flag letters. */
export interface CellSide {
  readonly value: number | null;
  readonly status: string;
  readonly flags: string;
}

export interface ComparedCell {
  readonly kind: CellChange["kind"];
  readonly codes: readonly string[];
  readonly labels: readonly string[];
  readonly before: CellSide | null;
  readonly after: CellSide | null;
}

export interface Comparison {
  readonly dimensions: readonly { readonly code: string; readonly label: string }[];
  readonly counts: DiffSummary;
  /** The first `limit` differing cells, in the order of the table. */
  readonly cells: readonly ComparedCell[];
  /** More cells differ than are listed. */
  readonly truncated: boolean;
}

const side = (state: CellState | undefined): CellSide | null =>
  state
    ? {
        value: state.status === Status.value && Number.isFinite(state.value) ? state.value : null,
        status: state.symbol,
        flags: flagLetters(state.flags),
      }
    : null;

/**
 * Compares two versions, within a filter (category codes per variable code), listing at most `limit` cells.
 * A filter naming what neither version has is a 400 in both languages.
 */
export function compareVersions(
  before: Dataset,
  after: Dataset,
  options: { readonly lang: Lang; readonly only: Readonly<Record<string, readonly string[]>>; readonly limit: number },
): Comparison {
  const cells: CellChange[] = [];
  const result = diffDatasets(before, after, (c) => cells.push(c), { only: options.only, limit: options.limit });
  if (!result.ok) throw new ApiProblem(400, result.error.message.en, result.error.message.ru);
  const languages = after.languages;
  const t = (texts: Dimension["label"]) => textIn(texts, options.lang, languages);
  const { dimensions, summary } = result;
  return {
    dimensions: dimensions.map((d) => ({ code: d.code, label: t(d.label) })),
    counts: summary,
    truncated: summary.changed + summary.added + summary.removed > cells.length,
    cells: cells.map((c) => ({
      kind: c.kind,
      codes: c.codes,
      labels: c.coordinates.map((at, k) => t(dimensions[k]?.categories[at]?.label ?? {})),
      before: side(c.before),
      after: side(c.after),
    })),
  };
}

const KINDS: Readonly<Record<Lang, Readonly<Record<ComparedCell["kind"], string>>>> = {
  en: { changed: "changed", added: "added", removed: "removed" },
  ru: { changed: "изменена", added: "добавлена", removed: "удалена" },
};

const HEADINGS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    kind: "Change",
    old: "Old value",
    oldStatus: "Old status",
    oldFlags: "Old flags",
    new: "New value",
    newStatus: "New status",
    newFlags: "New flags",
    sheet: "Changes",
    summary: "Summary",
    table: "Table",
    from: "From version",
    to: "To version",
    changed: "Changed cells",
    added: "Added cells",
    removed: "Removed cells",
    unchanged: "Unchanged cells",
    listed: "Cells listed",
  },
  ru: {
    kind: "Изменение",
    old: "Прежнее значение",
    oldStatus: "Прежний статус",
    oldFlags: "Прежние отметки",
    new: "Новое значение",
    newStatus: "Новый статус",
    newFlags: "Новые отметки",
    sheet: "Изменения",
    summary: "Сводка",
    table: "Таблица",
    from: "Из версии",
    to: "В версию",
    changed: "Изменено ячеек",
    added: "Добавлено ячеек",
    removed: "Удалено ячеек",
    unchanged: "Не изменилось ячеек",
    listed: "Ячеек в списке",
  },
};

const number = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/**
 * CSV for programs: `change` (changed, added, removed), each variable's code and `_label` columns, then
 * old_value, old_status, old_flags, new_value, new_status, new_flags; UTF-8 with a byte order mark, labels that
 * a spreadsheet would take for a formula guarded with an apostrophe.
 */
export function comparisonCsv(comparison: Comparison): Buffer {
  const header = [
    "change",
    ...comparison.dimensions.flatMap((d) => [d.code, `${d.code}_label`]),
    "old_value",
    "old_status",
    "old_flags",
    "new_value",
    "new_status",
    "new_flags",
  ];
  const rows = comparison.cells.map((c) => [
    c.kind,
    ...c.codes.flatMap((code, k) => [guardFormula(code), guardFormula(c.labels[k] ?? "")]),
    number(c.before?.value),
    c.before?.status ?? "",
    c.before?.flags ?? "",
    number(c.after?.value),
    c.after?.status ?? "",
    c.after?.flags ?? "",
  ]);
  return Buffer.from(writeCsv([header, ...rows], { bom: true }));
}

/** An Excel workbook for people: the changes (headers and kinds in the reader's language) and a summary sheet. */
export async function comparisonXlsx(
  comparison: Comparison,
  about: {
    readonly table: string;
    readonly title: string;
    readonly from: number;
    readonly to: number;
    readonly lang: Lang;
  },
): Promise<Buffer> {
  const h = HEADINGS[about.lang];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(h.sheet as string, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([
    h.kind,
    ...comparison.dimensions.map((d) => d.label),
    h.old,
    h.oldStatus,
    h.oldFlags,
    h.new,
    h.newStatus,
    h.newFlags,
  ]);
  sheet.getRow(1).font = { bold: true };
  // Every text cell is typed as text by exceljs: a spreadsheet never runs it as a formula.
  for (const c of comparison.cells) {
    sheet.addRow([
      KINDS[about.lang][c.kind],
      ...c.labels,
      c.before?.value ?? null,
      c.before?.status ?? "",
      c.before?.flags ?? "",
      c.after?.value ?? null,
      c.after?.status ?? "",
      c.after?.flags ?? "",
    ]);
  }
  sheet.columns.forEach((column, k) => {
    column.width = k === 0 ? 14 : k <= comparison.dimensions.length ? 28 : 16;
  });
  const summary = workbook.addWorksheet(h.summary as string);
  const { counts } = comparison;
  for (const row of [
    [h.table, `${about.table} — ${about.title}`],
    [h.from, about.from],
    [h.to, about.to],
    [h.changed, counts.changed],
    [h.added, counts.added],
    [h.removed, counts.removed],
    [h.unchanged, counts.unchanged],
    [h.listed, comparison.cells.length],
  ]) {
    summary.addRow(row);
  }
  summary.getColumn(1).width = 24;
  summary.getColumn(2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
