import { type TableId, tableDecl } from "../tables.ts";

/** What every template is made for: one reporting country and the years the user picked. */
export interface TemplateOptions {
  /** The country (ISO alpha-3) the template is filled for. */
  readonly reporter: string;
  /** Years (four digits), any order; written ascending. */
  readonly years: readonly (number | string)[];
}

export interface TableTemplateOptions extends TemplateOptions {
  readonly table: TableId;
}

export interface WorkbookTemplateOptions extends TemplateOptions {
  /** The tables, one sheet each, in the order of TABLES.md whatever the order given. */
  readonly tables: readonly TableId[];
}

/** A template's file name: `T1_2_KAZ_2015-2024.csv`. */
export function templateFileName(
  tables: readonly TableId[],
  reporter: string,
  years: readonly (number | string)[],
  extension: "xlsx" | "csv" | "px",
): string {
  const ys = years.map(Number).sort((a, b) => a - b);
  const span = ys.length === 0 ? "" : ys[0] === ys[ys.length - 1] ? `_${ys[0]}` : `_${ys[0]}-${ys[ys.length - 1]}`;
  const what = tables.length === 1 ? tableDecl(tables[0] as TableId).id : "tables";
  return `${what}_${reporter}${span}.${extension}`;
}
