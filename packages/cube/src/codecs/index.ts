/**
 * A dataset encoded in every format of formats.ts, and decoded from the readable ones. Monolingual formats use the
 * first of the requested languages; PX keeps them all.
 */

import type { PxDiagnostic } from "@clearinghouse/px";
import type { Dataset } from "../model.ts";
import { datasetFromPxBytes, datasetToPxBytes } from "../px.ts";
import { type CsvOptions, csvLongChunks, csvWideChunks, fromCsvLong, toCsvLong, toCsvWide } from "./csv.ts";
import { FORMATS, type Format } from "./formats.ts";
import { toHtmlTable } from "./html.ts";
import { fromJsonStat2, toJsonStat1, toJsonStat2 } from "./jsonstat.ts";
import { toParquet } from "./parquet.ts";
import { toPxWebJson } from "./pxweb-json.ts";
import { fromXlsx, toXlsx } from "./xlsx.ts";

export { FORMATS, type Format, formatFromFileName, isFormat } from "./formats.ts";

export interface EncodeOptions extends Pick<CsvOptions, "separator" | "decimalMark" | "bom"> {
  /** Languages to write: all of them for PX (the first the default), the first for other formats. */
  readonly languages?: readonly string[];
  /** Code page of PX output. */
  readonly encoding?: string;
  /** Layout of wide formats (CSV wide, Excel, HTML): dimension codes. */
  readonly rows?: readonly string[];
  readonly columns?: readonly string[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function csvOptions(ds: Dataset, options: EncodeOptions) {
  const lang = options.languages?.[0] ?? ds.languages[0];
  const layout = {
    ...(options.rows ? { rows: options.rows } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
  };
  const csv = {
    ...(lang ? { lang } : {}),
    ...(options.separator ? { separator: options.separator } : {}),
    ...(options.decimalMark ? { decimalMark: options.decimalMark } : {}),
    ...(options.bom !== undefined ? { bom: options.bom } : {}),
  };
  return { lang, layout, csv };
}

/**
 * The encoding in chunks, to be written as they come: the CSVs in pieces of about 64 KB (so that an output of any
 * size can be written: one string holds at most 512 MiB), the other formats whole.
 */
export async function* encodeDatasetChunks(
  ds: Dataset,
  format: Format,
  options: EncodeOptions = {},
): AsyncGenerator<Uint8Array> {
  const { layout, csv } = csvOptions(ds, options);
  if (format === "csv") for (const chunk of csvLongChunks(ds, csv)) yield utf8(chunk);
  else if (format === "csv-wide") for (const chunk of csvWideChunks(ds, { ...csv, ...layout })) yield utf8(chunk);
  else yield await encodeDataset(ds, format, options);
}

export async function encodeDataset(ds: Dataset, format: Format, options: EncodeOptions = {}): Promise<Uint8Array> {
  const { lang, layout, csv } = csvOptions(ds, options);
  switch (format) {
    case "px":
      return datasetToPxBytes(ds, {
        ...(options.languages ? { languages: options.languages } : {}),
        ...(options.encoding ? { encoding: options.encoding } : {}),
      });
    case "json-stat2":
      return utf8(JSON.stringify(toJsonStat2(ds, lang ? { lang } : {})));
    case "json-stat":
      return utf8(JSON.stringify(toJsonStat1(ds, lang ? { lang } : {})));
    case "json":
      return utf8(JSON.stringify(toPxWebJson(ds, lang ? { lang } : {})));
    case "csv":
      return utf8(toCsvLong(ds, csv));
    case "csv-wide":
      return utf8(toCsvWide(ds, { ...csv, ...layout }));
    case "xlsx":
      return toXlsx(ds, { ...(lang ? { lang } : {}), ...layout });
    case "html":
      return utf8(toHtmlTable(ds, { ...(lang ? { lang } : {}), ...layout }));
    case "parquet":
      return toParquet(ds, lang ? { lang } : {});
  }
}

export interface DecodeOptions {
  /** PX: refuse what lenient reading would repair. */
  readonly strict?: boolean;
  /** Language of the labels of a monolingual input (default "en"). */
  readonly lang?: string;
}

export interface Decoded {
  readonly dataset: Dataset | undefined;
  /** PX diagnostics; other formats throw an error that says what and where. */
  readonly diagnostics: readonly PxDiagnostic[];
}

export async function decodeDataset(bytes: Uint8Array, format: Format, options: DecodeOptions = {}): Promise<Decoded> {
  const lang = options.lang ? { lang: options.lang } : {};
  switch (format) {
    case "px":
      return datasetFromPxBytes(bytes, {
        strict: options.strict ?? false,
        ...(options.lang ? { language: options.lang } : {}),
      });
    case "json-stat2":
      return { dataset: fromJsonStat2(JSON.parse(new TextDecoder().decode(bytes)), lang), diagnostics: [] };
    case "csv":
      return { dataset: fromCsvLong(new TextDecoder().decode(bytes), lang), diagnostics: [] };
    case "xlsx":
      return { dataset: await fromXlsx(bytes), diagnostics: [] };
    default:
      throw new Error(
        `${format} cannot be read (readable formats: ${FORMATS.filter((f) => f.readable)
          .map((f) => f.format)
          .join(", ")})`,
      );
  }
}
