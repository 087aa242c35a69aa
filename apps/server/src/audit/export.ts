/**
 * The audit log as files: CSV (UTF-8 with a byte order mark, streamed row by row; a text starting with = + - @ gets
 * an apostrophe, so a spreadsheet never runs it as a formula) and Excel (streamed into the zip, every cell text).
 */

import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { writeCsv } from "../inventory/csv.ts";
import { guardFormula } from "../inventory/interchange.ts";
import type { AuditEvent } from "./store.ts";

export const AUDIT_COLUMNS = [
  "id",
  "at",
  "actor_id",
  "actor_email",
  "action",
  "target_type",
  "target_id",
  "reporter",
  "ip",
  "detail",
] as const;

/** The most rows one worksheet holds, less its header. */
export const MAX_XLSX_ROWS = 1_048_575;

const cells = (e: AuditEvent): string[] => [
  e.id,
  e.at.toISOString(),
  e.actor?.id === null || e.actor?.id === undefined ? "" : String(e.actor.id),
  e.actor?.email ?? "",
  e.action,
  e.targetType,
  e.targetId ?? "",
  e.reporter ?? "",
  e.ip ?? "",
  JSON.stringify(e.detail),
];

export function auditCsv(rows: AsyncIterable<AuditEvent>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield writeCsv([[...AUDIT_COLUMNS]], { bom: true });
    for await (const row of rows) yield writeCsv([cells(row).map(guardFormula)]);
  }
  return Readable.from(lines());
}

export function auditXlsx(rows: AsyncIterable<AuditEvent>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Audit", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = AUDIT_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c === "detail" ? 80 : c === "actor_email" ? 30 : 20,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(cells(row)).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
