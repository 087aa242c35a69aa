/**
 * Apache Parquet: the long form of the CSV codec (one row per cell) as typed columns, for data frames (pandas,
 * polars, R arrow, DuckDB) that read Parquet faster and without guessing types.
 *
 * Format decisions:
 * - Columns as the long CSV names them: each dimension's code (`sex`) and label (`sex_label`) as UTF-8 strings,
 *   then `value` (DOUBLE, null where the cell has no number), `status` (the symbol of a cell without a number —
 *   `..`, `-`, `x` or a custom one — null for numbers) and `flags` (the flag letters `p`, `e`, `b`, null for none).
 *   Nulls rather than empty strings, because a data frame then sees a missing value, not a text.
 * - Cells in storage order (the first dimension varies slowest), as the long CSV writes them.
 * - The table's title, language and last update travel in the file's key-value metadata.
 * - The writer is hyparquet-writer (pure JavaScript, no native code), with its default Snappy compression and
 *   dictionary encoding, which suits columns of repeated codes and labels; no column statistics (see below).
 */

import { ByteWriter, parquetWrite } from "hyparquet-writer";
import { cellCount, type Dataset, flagLetters, Status, symbolOf, textIn } from "../model.ts";

export interface ParquetOptions {
  /** Language of the labels; default the dataset's first language. */
  readonly lang?: string;
}

export class ParquetError extends Error {}

const LABEL_SUFFIX = "_label";
const CELL_COLUMNS = ["value", "status", "flags"] as const;

/** The column names of a dataset's Parquet file, in order. */
export function parquetColumns(ds: Pick<Dataset, "dimensions">): string[] {
  return [...ds.dimensions.flatMap((d) => [d.code, `${d.code}${LABEL_SUFFIX}`]), ...CELL_COLUMNS];
}

export function toParquet(ds: Dataset, options: ParquetOptions = {}): Uint8Array {
  const lang = options.lang ?? ds.languages[0] ?? "en";
  const names = parquetColumns(ds);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new ParquetError(`two Parquet columns would be named "${name}": rename the variable with that code`);
    }
    seen.add(name);
  }
  const total = cellCount(ds.dimensions);
  const sizes = ds.dimensions.map((d) => d.categories.length);
  // How many cells one category of each dimension spans, so row i's category is floor(i / span) mod size.
  const spans = sizes.map((_, k) => sizes.slice(k + 1).reduce((a, b) => a * b, 1));
  const columnData: Parameters<typeof parquetWrite>[0]["columnData"] = [];
  ds.dimensions.forEach((d, k) => {
    const span = spans[k] as number;
    const size = sizes[k] as number;
    const codes = new Array<string>(total);
    const labels = new Array<string>(total);
    const categoryLabels = d.categories.map((c) => textIn(c.label, lang, ds.languages));
    for (let i = 0; i < total; i++) {
      const c = Math.floor(i / span) % size;
      codes[i] = (d.categories[c] as { code: string }).code;
      labels[i] = categoryLabels[c] as string;
    }
    columnData.push({ name: d.code, data: codes, type: "STRING", nullable: false });
    columnData.push({ name: `${d.code}${LABEL_SUFFIX}`, data: labels, type: "STRING", nullable: false });
  });
  const values = new Array<number | null>(total);
  const status = new Array<string | null>(total);
  const flags = new Array<string | null>(total);
  for (let i = 0; i < total; i++) {
    const s = ds.status[i] as number;
    const v = ds.values[i] as number;
    const numbered = s === Status.value && Number.isFinite(v);
    values[i] = numbered ? v : null;
    status[i] = numbered ? null : symbolOf(ds, s === Status.value ? Status.notAvailable : s);
    const letters = flagLetters(ds.flags[i] as number);
    flags[i] = letters === "" ? null : letters;
  }
  columnData.push({ name: "value", data: values, type: "DOUBLE" });
  columnData.push({ name: "status", data: status, type: "STRING" });
  columnData.push({ name: "flags", data: flags, type: "STRING" });

  const kvMetadata = [
    { key: "title", value: textIn(ds.title, lang, ds.languages) },
    { key: "language", value: lang },
    ...(ds.updated ? [{ key: "updated", value: ds.updated }] : []),
  ];
  const writer = new ByteWriter();
  // Without column statistics (min/max per column chunk, for skipping row groups in big files): they took half the
  // writing time (bench/cube-select.ts), and a download of at most MAX_CELLS cells is read whole.
  parquetWrite({ writer, columnData, kvMetadata, statistics: false, createdBy: "Migration Statistics Clearinghouse" });
  return new Uint8Array(writer.getBuffer());
}
