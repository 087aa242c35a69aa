/**
 * The comparability views as files: rows of cells under a header row, as CSV (UTF-8 with a byte order mark, as
 * the inventory's exports: `inventory/csv.ts`) or an Excel workbook. Text that a spreadsheet would run as a
 * formula is guarded in CSV; Excel cells are typed (numbers as numbers, text as text), so nothing runs there.
 */

import ExcelJS from "exceljs";
import { writeCsv } from "../inventory/csv.ts";
import { guardFormula } from "../inventory/interchange.ts";

export type Cell = string | number | null;

export interface Sheet {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Column widths in characters (default 14). */
  readonly widths?: readonly number[];
  /** Background colour (ARGB) of a body cell, by row and column; undefined for none. */
  readonly fill?: (row: number, column: number) => string | undefined;
}

export const FILE_MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export function sheetCsv(sheet: Sheet): Buffer {
  const text = (c: Cell) => (c === null ? "" : typeof c === "number" ? String(c) : guardFormula(c));
  return Buffer.from(writeCsv([sheet.header.map(text), ...sheet.rows.map((r) => r.map(text))], { bom: true }));
}

export async function sheetsXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = sheet.header.map((h, i) => ({ header: h, width: sheet.widths?.[i] ?? 14 }));
    ws.getRow(1).font = { bold: true };
    sheet.rows.forEach((row, r) => {
      const added = ws.addRow([...row]);
      if (!sheet.fill) return;
      row.forEach((_, c) => {
        const argb = sheet.fill?.(r, c);
        if (argb) added.getCell(c + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb } };
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
