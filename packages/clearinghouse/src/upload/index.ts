/**
 * readUpload: the files of one upload (PX, long CSV, the Excel template; several at once, several tables in one
 * workbook) → the submission country's slice of each standard table they hold, and every problem with its place.
 * Pure: bytes in, datasets and problems out. Limits are checked as the readers go (`UploadLimits`).
 */

import { countryByCode } from "../countries.ts";
import { readLongCsv } from "./csv.ts";
import { count } from "./problems.ts";
import { readPxUpload } from "./px.ts";
import { UploadState } from "./slice.ts";
import type { ReadUploadOptions, UploadFile, UploadResult } from "./types.ts";
import { readXlsx } from "./xlsx.ts";

export type UploadFormat = "xlsx" | "px" | "csv";

/** The format of a file, from its first bytes, else its name's extension. */
export function uploadFormat(file: UploadFile): UploadFormat | "xls" | "unknown" {
  const b = file.bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "xlsx";
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "xls";
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "xls") return "xls";
  if (ext === "px") return "px";
  const head = new TextDecoder("latin1").decode(b.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, "");
  if (/^\s*(CHARSET|AXIS-VERSION|CODEPAGE|LANGUAGE|MATRIX|CREATION-DATE|DECIMALS|SUBJECT-AREA)\s*[=([]/i.test(head))
    return "px";
  if (ext === "csv" || ext === "txt" || ext === "tsv" || ext === undefined) return "csv";
  return "unknown";
}

export async function readUpload(files: readonly UploadFile[], options: ReadUploadOptions): Promise<UploadResult> {
  if (!countryByCode(options.reporter))
    throw new RangeError(`reporter "${options.reporter}" is not an ISO 3166-1 alpha-3 code`);
  const state = new UploadState(options.reporter, options.limits);
  const { problems, limits } = state;
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > limits.maxBytes) {
    const c = count(limits.maxBytes);
    const t = count(total);
    problems.add(
      "error",
      "limit.bytes",
      files.length === 1 ? (files[0]?.name ?? "") : "",
      {},
      {
        en: `the upload has ${t.en} bytes, more than the ${c.en} one upload may have; nothing was read`,
        ru: `в загрузке ${t.ru} байт — больше допустимых ${c.ru}; ничего не прочитано`,
      },
    );
    return { tables: [], problems: problems.finish() };
  }
  for (const file of files) {
    if (state.stopped) break;
    if (file.bytes.length === 0) {
      problems.add("error", "file.empty", file.name, {}, { en: "the file is empty", ru: "файл пуст" });
      continue;
    }
    const format = uploadFormat(file);
    if (format === "csv") readLongCsv(file, state);
    else if (format === "xlsx") readXlsx(file, state);
    else if (format === "px") readPxUpload(file, state);
    else if (format === "xls") {
      problems.add(
        "error",
        "file.format",
        file.name,
        {},
        {
          en: "this is an old Excel file (.xls): save it as an Excel workbook (.xlsx) and upload that",
          ru: "это файл старого формата Excel (.xls): сохраните его как книгу Excel (.xlsx) и загрузите её",
        },
      );
    } else {
      problems.add(
        "error",
        "file.format",
        file.name,
        {},
        {
          en: "not a file the clearinghouse reads: upload the Excel template (.xlsx), a long CSV file or a PX file",
          ru: "файл этого формата не читается: загрузите шаблон Excel (.xlsx), файл CSV в длинном формате или файл PX",
        },
      );
    }
  }
  // A file stopped at a limit was read in part: none of the upload is kept, so nothing partial is taken as sent.
  return { tables: problems.limitHit ? [] : state.tables(), problems: problems.finish() };
}

export { MAX_RECORD_LENGTH, tableOfFileName } from "./csv.ts";
export { type CodeEntry, CodeIndex, countryEntry, normaliseLabel, similarity } from "./match.ts";
export { MAX_LISTED_PROBLEMS } from "./problems.ts";
export { resolveTable, tableShape } from "./slice.ts";
export { decodeText } from "./text.ts";
export * from "./types.ts";
