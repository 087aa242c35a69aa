/**
 * The formats a dataset can be written in (and read from, where the format allows), by name and file extension.
 * Kept apart from the codecs so that a command can name the formats without loading every codec (the Excel one
 * alone takes half a second to load).
 */

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
