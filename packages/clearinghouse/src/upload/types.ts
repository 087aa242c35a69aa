/**
 * What an upload reader gives back: the country's slice of each standard table found in the files, and every
 * problem met, each naming where it is (file, sheet, line or row, column) in both languages.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import type { TableId } from "../tables.ts";

export type UploadSeverity = "error" | "warning";

/** A code the user may have meant, with its label. */
export interface UploadSuggestion {
  readonly code: string;
  readonly label: Bilingual;
}

export interface UploadProblem {
  readonly severity: UploadSeverity;
  /** Stable identifier of the kind of problem (`code.unknown`, `limit.rows`, …): see `UPLOAD_PROBLEM_CODES`. */
  readonly code: UploadProblemCode;
  readonly file: string;
  /** The worksheet of an Excel file. */
  readonly sheet?: string;
  /** 1-based line of a CSV or PX file. */
  readonly line?: number;
  /** 1-based row of a worksheet. */
  readonly row?: number;
  /** Column: a CSV header name or a 1-based position, a worksheet's letter (`C`). */
  readonly column?: string | number;
  /** The PX keyword concerned. */
  readonly keyword?: string;
  readonly message: Bilingual;
  /** The closest known codes, best first, for an unknown code or label. */
  readonly suggestions?: readonly UploadSuggestion[];
}

/** One table read from the files: the reporter's slice of the standard table. */
export interface UploadTable {
  readonly table: TableId;
  /**
   * `emptyCube(table, {reporters: [reporter], years})` with the cells the files gave; every other cell stays `..`.
   * The years are those the files name for the table (filled or left empty).
   */
  readonly dataset: Dataset;
  /** Where it came from (the first file and sheet, when several gave cells of one table). */
  readonly source: { readonly file: string; readonly sheet?: string };
}

export interface UploadResult {
  readonly tables: readonly UploadTable[];
  /** In the order met, files in the order given. Any error means the upload must not be accepted as it is. */
  readonly problems: readonly UploadProblem[];
}

/**
 * Limits of one upload, checked while reading (bytes before anything, then rows and cells as they are counted),
 * so a hostile file is refused early with a clear problem instead of exhausting memory or time.
 */
export interface UploadLimits {
  /** Most bytes of all files together. */
  readonly maxBytes: number;
  /** Most cells read in all files together (data cells of CSV and PX, worksheet cells of Excel). */
  readonly maxCells: number;
  /** Most lines (CSV) or worksheet rows of one file or sheet. */
  readonly maxRows: number;
  /** Most bytes an Excel file may unpack to (the sum of its zip entries' uncompressed sizes). */
  readonly maxUnzippedBytes: number;
}

/**
 * Defaults: 200 MB is the server's request body limit; 400,000 rows hold one partner-country table of a country
 * over 26 years in long form (253 partners × 3 sexes × 20 age groups × 26); 5 million cells hold the Excel
 * workbook of all 12 tables over 25 years (about 3.6 million worksheet cells).
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxCells: 5_000_000,
  maxRows: 400_000,
  maxUnzippedBytes: 512 * 1024 * 1024,
};

export interface ReadUploadOptions {
  /** The submission's country (ISO alpha-3): every cell must be its, other reporters are refused. */
  readonly reporter: string;
  readonly limits?: Partial<UploadLimits>;
}

export interface UploadFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export const UPLOAD_PROBLEM_CODES = [
  "file.empty",
  "file.format",
  "file.encoding",
  "file.zip",
  "file.px",
  "limit.bytes",
  "limit.rows",
  "limit.cells",
  "limit.line",
  "limit.unzipped",
  "limit.problems",
  "table.unknown",
  "table.ambiguous",
  "column.missing",
  "column.unknown",
  "column.duplicate",
  "dimension.missing",
  "dimension.unknown",
  "code.unknown",
  "code.label",
  "reporter.wrong",
  "year.invalid",
  "year.limit",
  "cell.duplicate",
  "value.invalid",
  "value.flags",
  "value.formula",
  "sheet.ignored",
] as const;

export type UploadProblemCode = (typeof UPLOAD_PROBLEM_CODES)[number];
