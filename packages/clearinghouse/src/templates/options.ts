import { type Dataset, flagLetters, Status, symbolOf } from "@clearinghouse/cube";
import { emptyCube, type TableId, tableDecl } from "../tables.ts";

/** What every template is made for: one reporting country and the years the user picked. */
export interface TemplateOptions {
  /** The country (ISO alpha-3) the template is filled for. */
  readonly reporter: string;
  /** Years (four digits), any order; written ascending. */
  readonly years: readonly (number | string)[];
}

export interface TableTemplateOptions extends TemplateOptions {
  readonly table: TableId;
  /** Figures to fill in (the country's published slice, to revise): `emptyCube(table, {reporters, years})`'s shape. */
  readonly figures?: Dataset;
}

export interface WorkbookTemplateOptions extends TemplateOptions {
  /** The tables, one sheet each, in the order of TABLES.md whatever the order given. */
  readonly tables: readonly TableId[];
  /** Figures to fill in, per table, as in `TableTemplateOptions.figures`. */
  readonly figures?: Partial<Record<TableId, Dataset>>;
}

/**
 * The figures of a pre-filled template, checked to be the country's slice for these years (same dimensions and
 * codes), so cell k of the template is cell k of the figures.
 */
export function checkedFigures(
  table: TableId,
  reporter: string,
  years: readonly (number | string)[],
  figures: Dataset | undefined,
): Dataset | undefined {
  if (!figures) return undefined;
  const shape = emptyCube(table, { reporters: [reporter], years }).dimensions;
  const same =
    figures.dimensions.length === shape.length &&
    shape.every((d, k) => {
      const f = figures.dimensions[k];
      return (
        f?.code === d.code &&
        f.categories.length === d.categories.length &&
        f.categories.every((c, i) => c.code === d.categories[i]?.code)
      );
    });
  if (!same) throw new RangeError(`the figures of ${table} are not ${reporter}'s slice of the table for these years`);
  return figures;
}

/** A cell of the figures as a person types it: the number, with flag letters after it, or the symbol; "" for `..`. */
export function cellText(figures: Dataset, offset: number): string | number {
  const status = figures.status[offset] as number;
  if (status === Status.notAvailable) return "";
  if (status !== Status.value) return symbolOf(figures, status);
  const value = figures.values[offset] as number;
  const flags = figures.flags[offset] as number;
  return flags === 0 ? value : `${value}${flagLetters(flags)}`;
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
