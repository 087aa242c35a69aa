/**
 * The long CSV template of one table for one country: a header and one row per cell to fill, in cube order
 * (year, the table's own dimension, sex, age), with the own dimension's labels in English and Russian so a person
 * finds the row of a country. The reader (`upload/csv.ts`) takes the same columns back in any order of rows.
 * Starts with a byte order mark so Excel opens the Cyrillic labels as UTF-8.
 */

import { emptyCube, tableDecl } from "../tables.ts";
import { cellText, checkedFigures, type TableTemplateOptions } from "./options.ts";

const NEEDS_QUOTES = /[",\r\n]/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of the long CSV template of a table. */
export function csvTemplateColumns(table: TableTemplateOptions["table"]): string[] {
  const own = tableDecl(table).own.flatMap((d) => [d.code, `${d.code}_label_en`, `${d.code}_label_ru`]);
  return ["table", "reporter", "year", ...own, "sex", "age", "value", "flags"];
}

export function templateCsv(options: TableTemplateOptions): string {
  const { table, reporter } = options;
  const cube = emptyCube(table, { reporters: [reporter], years: options.years });
  const [, year, ...rest] = cube.dimensions;
  const own = rest.slice(0, -3);
  const [sex, age] = rest.slice(-3);
  if (!year || !sex || !age) throw new Error("unexpected table dimensions");
  const figures = checkedFigures(table, reporter, options.years, options.figures);
  const lines = [csvTemplateColumns(table).join(",")];
  let offset = 0;
  const ownRows: string[][] = [[]];
  for (const d of own) {
    const next: string[][] = [];
    for (const prefix of ownRows)
      for (const c of d.categories) next.push([...prefix, c.code, field(c.label.en ?? ""), field(c.label.ru ?? "")]);
    ownRows.splice(0, ownRows.length, ...next);
  }
  for (const y of year.categories)
    for (const o of ownRows)
      for (const s of sex.categories)
        for (const a of age.categories) {
          const value = figures ? String(cellText(figures, offset++)) : "";
          lines.push([table, reporter, y.code, ...o, s.code, a.code, value, ""].join(","));
        }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
