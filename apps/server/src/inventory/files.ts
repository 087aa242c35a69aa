/**
 * The inventory as files: CSV and Excel both ways (exports, and imports of what people edit), JSON out.
 *
 * Columns are interchange.ts's, then `updated_at` and `version` for the reader (ignored on import). CSV: UTF-8
 * with a byte order mark (Excel then reads it as UTF-8), commas, CRLF; cells of text starting with = + - @ (a
 * formula to a spreadsheet) get an apostrophe in front, which reading takes off again. Excel: one sheet,
 * "Institutions", every text cell typed as text — a spreadsheet never runs a text cell as a formula, so no
 * apostrophe is needed there; latitude and longitude are numbers. Reading CSV also takes ";" or tab separators and
 * the Windows-1251 encoding that spreadsheets save in Russian locales; reading Excel takes the first sheet.
 */

import ExcelJS from "exceljs";
import { readCsv, writeCsv } from "./csv.ts";
import {
  COLUMNS,
  type FileRow,
  fieldsToRecord,
  guardFormula,
  type InstitutionFields,
  unguardFormula,
} from "./interchange.ts";
import { type Message, importMessages as m } from "./messages.ts";

const FILE_FORMATS = ["csv", "xlsx", "json"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const MEDIA_TYPES: Readonly<Record<FileFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

const SHEET_NAME = "Institutions";

/** An institution as exported: its fields, and when and in which version it was last changed. */
export interface ExportedInstitution extends InstitutionFields {
  readonly updated_at: string;
  readonly version: number;
}

const EXPORT_COLUMNS = [...COLUMNS, "updated_at", "version"] as const;
const NUMBER_COLUMNS = new Set<string>(["latitude", "longitude", "version"]);

function exportRecord(entry: ExportedInstitution): Record<(typeof EXPORT_COLUMNS)[number], string> {
  return { ...fieldsToRecord(entry), updated_at: entry.updated_at, version: String(entry.version) };
}

export function formatOfFileName(name: string): FileFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return FILE_FORMATS.find((f) => f === extension);
}

export async function encodeInstitutions(entries: readonly ExportedInstitution[], format: FileFormat): Promise<Buffer> {
  if (format === "json") return Buffer.from(JSON.stringify(entries, null, 1));
  if (format === "csv") {
    const records = entries.map((e) => {
      const record = exportRecord(e);
      return EXPORT_COLUMNS.map((c) => (NUMBER_COLUMNS.has(c) ? record[c] : guardFormula(record[c])));
    });
    return Buffer.from(writeCsv([[...EXPORT_COLUMNS], ...records], { bom: true }));
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c.startsWith("summary") ? 60 : c.startsWith("name") ? 40 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of entries) {
    const record = exportRecord(entry);
    sheet.addRow(
      Object.fromEntries(
        EXPORT_COLUMNS.map((c) => [c, NUMBER_COLUMNS.has(c) && record[c] !== "" ? Number(record[c]) : record[c]]),
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What a file holds: its header and rows, or why it cannot be read. */
export type ReadFile =
  | { readonly ok: true; readonly header: readonly string[]; readonly rows: readonly FileRow[] }
  | { readonly ok: false; readonly message: Message };

/** UTF-8, or Windows-1251 when the bytes are not UTF-8 (CSV saved by a spreadsheet in a Russian locale). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}

function recordsToRows(records: readonly (readonly string[])[], clean: (text: string) => string): ReadFile {
  const [header = [], ...data] = records;
  const names = header.map((h) => h.trim());
  const rows: FileRow[] = [];
  for (const [k, cells] of data.entries()) {
    if (cells.every((c) => c.trim() === "")) continue;
    const record: Record<string, string> = {};
    for (const [i, name] of names.entries()) if (name !== "" && !(name in record)) record[name] = clean(cells[i] ?? "");
    rows.push({ row: k + 2, record });
  }
  return { ok: true, header: names, rows };
}

/** The text of a spreadsheet cell, whatever its type: rich text, links and formulas give their text or result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ("text" in value) return typeof value.text === "string" ? value.text : cellText(value.text);
  if ("error" in value) return String(value.error);
  return "";
}

export async function readInstitutionFile(bytes: Uint8Array, format: "csv" | "xlsx"): Promise<ReadFile> {
  if (format === "csv") return recordsToRows(readCsv(decodeText(bytes)).records, unguardFormula);
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (!starts(0x50, 0x4b, 0x03, 0x04)) {
    return { ok: false, message: starts(0xd0, 0xcf, 0x11, 0xe0) ? m.oldExcel() : m.notXlsx() };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // Typed as taking an ArrayBuffer; JSZip underneath reads a Uint8Array as it is.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, message: m.unreadable("xlsx", (error as Error).message) };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: m.noRows() };
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    records[rowNumber - 1] = values.map((v) => cellText(v ?? null));
  });
  return recordsToRows(
    Array.from(records, (r) => r ?? []),
    (t) => t,
  );
}
