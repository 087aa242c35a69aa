/**
 * A submission's findings as a download: CSV (UTF-8 with BOM, for Excel) or an Excel workbook, one row per finding
 * with every coordinate's code and labels in both languages, expected and found, both messages and the comment.
 * Texts a spreadsheet would run as a formula are guarded, as in the inventory's exports.
 */

import ExcelJS from "exceljs";
import { writeCsv } from "../inventory/csv.ts";
import { guardFormula } from "../inventory/interchange.ts";
import type { FindingView } from "./views.ts";

const COLUMNS = [
  "key",
  "rule",
  "severity",
  "table",
  "cell",
  "cell_en",
  "cell_ru",
  "against_table",
  "against_cell",
  "expected",
  "found",
  "message_en",
  "message_ru",
  "comment",
] as const;

type Column = (typeof COLUMNS)[number];
const NUMBERS: ReadonlySet<Column> = new Set(["expected", "found"]);

function record(f: FindingView): Record<Column, string> {
  const codes = (cell: FindingView["cell"]) => cell.map((c) => `${c.dimension}=${c.code}`).join("; ");
  const labels = (lang: "en" | "ru") => f.cell.map((c) => `${c.dimensionLabel[lang]}: ${c.label[lang]}`).join("; ");
  return {
    key: f.key,
    rule: f.rule,
    severity: f.severity,
    table: f.table,
    cell: codes(f.cell),
    cell_en: labels("en"),
    cell_ru: labels("ru"),
    against_table: f.against?.table ?? "",
    against_cell: f.against ? codes(f.against.cell) : "",
    expected: f.expected === null ? "" : String(f.expected),
    found: f.found === null ? "" : String(f.found),
    message_en: f.message.en,
    message_ru: f.message.ru,
    comment: f.comment ?? "",
  };
}

export function findingsCsv(findings: readonly FindingView[]): Buffer {
  const rows = findings.map((f) => {
    const r = record(f);
    return COLUMNS.map((c) => (NUMBERS.has(c) ? r[c] : guardFormula(r[c])));
  });
  return Buffer.from(writeCsv([[...COLUMNS], ...rows], { bom: true }));
}

export async function findingsXlsx(findings: readonly FindingView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("findings", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c.startsWith("message") || c.startsWith("cell") ? 50 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const f of findings) {
    const r = record(f);
    sheet.addRow(
      Object.fromEntries(
        COLUMNS.map((c) => [c, NUMBERS.has(c) ? (r[c] === "" ? null : Number(r[c])) : guardFormula(r[c])]),
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
