/**
 * Import of a CSV or Excel file of institutions: every row is read and checked, and every problem reported by row
 * and column; with no problem, the rows are written in one transaction (all or nothing). Rows with an id update
 * that institution (or create it with that id), rows without one create an institution with an id made from its
 * acronym or name. A dry run does the same in a transaction that is rolled back: it reports exactly what the
 * import would do, the database's own checks included, and writes nothing.
 */

import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { formatOfFileName, readInstitutionFile } from "./files.ts";
import { type InstitutionFields, idFor, type RowProblem, readRows } from "./interchange.ts";
import { importMessages as m } from "./messages.ts";
import { saveInstitutions } from "./repository.ts";

/** Rows accepted in one file. */
const MAX_IMPORT_ROWS = 200_000;

export interface ImportOptions {
  readonly dryRun: boolean;
  /** The account importing; null or absent from the command line. */
  readonly changedBy?: number | null;
  readonly reason?: string | null;
  /** Called as rows are checked, then as they are written. */
  readonly onProgress?: (phase: "check" | "write", done: number, total: number) => void;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly rows: number;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** Row 0 is the file as a whole, row 1 its header. Any problem: nothing was written. */
  readonly problems: readonly RowProblem[];
}

class DryRunRollback extends Error {}

export async function importInstitutions(
  db: Kysely<Database>,
  file: { readonly name: string; readonly bytes: Uint8Array },
  options: ImportOptions,
): Promise<ImportReport> {
  const refused = (problems: RowProblem[], rows = 0): ImportReport => ({
    dryRun: options.dryRun,
    rows,
    created: [],
    updated: [],
    unchanged: [],
    problems,
  });
  const format = formatOfFileName(file.name);
  if (format !== "csv" && format !== "xlsx") {
    return refused([{ row: 0, column: null, message: m.unknownFormat(file.name) }]);
  }
  const read = await readInstitutionFile(file.bytes, format);
  if (!read.ok) return refused([{ row: 0, column: null, message: read.message }]);
  if (read.rows.length === 0) return refused([{ row: 0, column: null, message: m.noRows() }]);
  if (read.rows.length > MAX_IMPORT_ROWS) {
    return refused([{ row: 0, column: null, message: m.tooManyRows(MAX_IMPORT_ROWS) }], read.rows.length);
  }
  options.onProgress?.("check", 0, read.rows.length);
  const { entries, problems } = readRows(read.header, read.rows);
  options.onProgress?.("check", read.rows.length, read.rows.length);
  if (problems.length > 0) return refused(problems, read.rows.length);

  let report: ImportReport | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const stored = new Set((await trx.selectFrom("institution").select("id").execute()).map((r) => r.id));
      const inFile = new Set(entries.map((e) => e.fields.id).filter((id) => id !== ""));
      const fields: InstitutionFields[] = entries.map(({ fields: f }) => {
        if (f.id !== "") return f;
        const id = idFor(f, (candidate) => stored.has(candidate) || inFile.has(candidate));
        inFile.add(id);
        return { ...f, id };
      });
      const saved = await saveInstitutions(trx, fields, {
        kind: "import",
        changedBy: options.changedBy ?? null,
        reason: options.reason ?? file.name,
        onProgress: (done, total) => options.onProgress?.("write", done, total),
      });
      report = { dryRun: options.dryRun, rows: read.rows.length, ...saved, problems: [] };
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!report) throw new Error("the import wrote no report");
  return report;
}
