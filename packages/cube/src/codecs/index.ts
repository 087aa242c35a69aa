/**
 * Every format a dataset can be written in (and read from, where the format allows), by name and file extension.
 * Monolingual formats use the first of the requested languages; PX keeps them all.
 */

import type { PxDiagnostic } from "@clearinghouse/px";
import type { Dataset } from "../model.ts";
import { datasetFromPxBytes, datasetToPxBytes } from "../px.ts";
import { type CsvOptions, fromCsvLong, toCsvLong, toCsvWide } from "./csv.ts";
import { toHtmlTable } from "./html.ts";
import { fromJsonStat2, toJsonStat1, toJsonStat2 } from "./jsonstat.ts";
import { toParquet } from "./parquet.ts";
import { toPxWebJson } from "./pxweb-json.ts";
import { fromXlsx, toXlsx } from "./xlsx.ts";

export const FORMATS = [
  { format: "px", extensions: ["px"], mediaType: "application/octet-stream", readable: true },
  {
    format: "json-stat2",
    extensions: ["json", "jsonstat"],
    mediaType: "application/json; charset=utf-8",
    readable: true,
  },
  { format: "json-stat", extensions: [], mediaType: "application/json; charset=utf-8", readable: false },
  { format: "json", extensions: [], mediaType: "application/json; charset=utf-8", readable: false },
  { format: "csv", extensions: ["csv"], mediaType: "text/csv; charset=utf-8", readable: true },
  { format: "csv-wide", extensions: [], mediaType: "text/csv; charset=utf-8", readable: false },
  {
    format: "xlsx",
    extensions: ["xlsx"],
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    readable: true,
  },
  { format: "html", extensions: ["html", "htm"], mediaType: "text/html; charset=utf-8", readable: false },
  { format: "parquet", extensions: ["parquet"], mediaType: "application/vnd.apache.parquet", readable: false },
] as const;

export type Format = (typeof FORMATS)[number]["format"];

export function isFormat(name: string): name is Format {
  return FORMATS.some((f) => f.format === name);
}

/** The format a file name's extension stands for. */
export function formatFromFileName(name: string): Format | undefined {
  const extension = name.toLowerCase().split(".").pop() ?? "";
  return FORMATS.find((f) => (f.extensions as readonly string[]).includes(extension))?.format;
}

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

export async function encodeDataset(ds: Dataset, format: Format, options: EncodeOptions = {}): Promise<Uint8Array> {
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
