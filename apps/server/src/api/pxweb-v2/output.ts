/**
 * Output formats of PxWeb API 2.0 (OutputFormatType, OutputFormatParamType) on the cube's encoders.
 *
 * - `json-stat2` (the default) is JSON-stat 2.0 as PxWebApi 2 writes it (jsonstat2.ts); `json-px` is PxWeb's own JSON (the API v1 "json" answer); `csv`
 *   is PxWeb's pivoted CSV (the stub variables down the side, the heading variables across), like `xlsx` and
 *   `html`; `px` is a PX file in every language of the table, the asked one first; `parquet` is the long form of
 *   the CSV codec as typed columns (codes and labels per variable, value, status, flags), sent as
 *   application/octet-stream as the specification lists it and PxWebApi sends it.
 * - `csv-long` (our extension, like `version=N`; not in `/config`'s `dataFormats`, whose type is the specification's
 *   enumeration) is the long CSV of TABLES.md: one row per cell with each variable's code and label, then `value`,
 *   `status` (the symbol of a cell without a number) and `flags` (p, e, b), which the cube's `fromCsvLong` reads
 *   back. PxWeb's `csv` is pivoted and carries flags in a flags column after each value column when any cell of
 *   the selection has one.
 * - Parameters: `UseCodes`, `UseTexts` (the default) and `UseCodesAndTexts` name the values by code, by label or by
 *   both (csv, html, xlsx); `IncludeTitle` puts the table's title on the first line of a csv, followed by the
 *   table's mandatory notes (the mark of illustrative figures), so that line says what the figures are (html and
 *   xlsx always carry both); `SeparatorTab` and `SeparatorSemicolon` set the separator of csv and csv-long. The
 *   semicolon is the separator of locales whose decimal mark is the comma (Excel in Russian): with it, numbers
 *   have a decimal comma and the file starts with a UTF-8 byte order mark, without which Excel reads Cyrillic as
 *   another code page. `SeparatorSpace` is refused: the CSV writer quotes for comma, semicolon and tab only. A
 *   parameter that does not apply to the format, or two that contradict each other, is refused too.
 * - A placement (heading and stub) reorders the result's variables: the stub first, then the heading. The wide
 *   formats put the stub down the side and the heading across; PX writes them as STUB and HEADING.
 */

import {
  type Dataset,
  datasetToPxBytes,
  FORMATS,
  type Format,
  strides,
  type Texts,
  textIn,
  toCsvLong,
  toCsvWide,
  toHtmlTable,
  toParquet,
  toPxWebJson,
  toXlsx,
} from "@clearinghouse/cube";
import { badRequest } from "../../http/problem.ts";
import { defaultPlacement, toPxWebJsonStat2 } from "./jsonstat2.ts";
import type { Placement } from "./selection.ts";

/** The specification's output formats, as `/config` lists them. */
export const OUTPUT_FORMATS = ["json-stat2", "csv", "px", "xlsx", "html", "json-px", "parquet"] as const;
/** Formats of ours beyond the specification. */
export const EXTENSION_FORMATS = ["csv-long"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number] | (typeof EXTENSION_FORMATS)[number];
const ACCEPTED_FORMATS: readonly OutputFormat[] = [...OUTPUT_FORMATS, ...EXTENSION_FORMATS];
export const DEFAULT_OUTPUT_FORMAT: OutputFormat = "json-stat2";

export const OUTPUT_PARAMS = [
  "UseCodes",
  "UseTexts",
  "UseCodesAndTexts",
  "IncludeTitle",
  "SeparatorTab",
  "SeparatorSpace",
  "SeparatorSemicolon",
] as const;
export type OutputParam = (typeof OUTPUT_PARAMS)[number];

export interface Output {
  readonly format: OutputFormat;
  readonly params: readonly OutputParam[];
}

const CODEC: Readonly<Record<OutputFormat, Format>> = {
  "json-stat2": "json-stat2",
  csv: "csv-wide",
  "csv-long": "csv",
  px: "px",
  xlsx: "xlsx",
  html: "html",
  "json-px": "json",
  parquet: "parquet",
};

/** Media types that differ from the codec's own: the specification's binary type for Parquet. */
const MEDIA_TYPE: Partial<Record<OutputFormat, string>> = { parquet: "application/octet-stream" };

const EXTENSION: Readonly<Record<OutputFormat, string>> = {
  "json-stat2": "json",
  csv: "csv",
  "csv-long": "csv",
  px: "px",
  xlsx: "xlsx",
  html: "html",
  "json-px": "json",
  parquet: "parquet",
};

const LABELLED = new Set<OutputFormat>(["csv", "html", "xlsx"]);

/** The output format and parameters asked for, checked; `undefined` means the default. */
export function parseOutput(format: unknown, params: unknown): Output {
  let chosen: OutputFormat = DEFAULT_OUTPUT_FORMAT;
  if (format !== undefined && format !== null && format !== "") {
    const name = typeof format === "string" ? format.toLowerCase() : undefined;
    const known = ACCEPTED_FORMATS.find((f) => f === name);
    if (!known) {
      throw badRequest(`unsupported output format "${String(format)}" (supported: ${ACCEPTED_FORMATS.join(", ")})`);
    }
    chosen = known;
  }
  const names = (Array.isArray(params) ? params : params === undefined || params === null ? [] : [params]).flatMap(
    (p) => String(p).split(","),
  );
  const list: OutputParam[] = [];
  for (const raw of names.map((n) => n.trim()).filter(Boolean)) {
    const param = OUTPUT_PARAMS.find((p) => p.toLowerCase() === raw.toLowerCase());
    if (!param) throw badRequest(`unknown output format parameter "${raw}" (${OUTPUT_PARAMS.join(", ")})`);
    if (!list.includes(param)) list.push(param);
  }
  const naming = list.filter((p) => p.startsWith("Use"));
  const separators = list.filter((p) => p.startsWith("Separator"));
  if (naming.length > 1) throw badRequest(`output format parameters ${naming.join(" and ")} exclude each other`);
  if (separators.length > 1)
    throw badRequest(`output format parameters ${separators.join(" and ")} exclude each other`);
  if (separators.length && chosen !== "csv" && chosen !== "csv-long") {
    throw badRequest(`${separators.join(", ")} applies to the csv and csv-long output formats only, not to ${chosen}`);
  }
  const labelling = list.filter((p) => p.startsWith("Use") || p === "IncludeTitle");
  if (labelling.length && !LABELLED.has(chosen)) {
    throw badRequest(`${labelling.join(", ")} applies to the csv, html and xlsx output formats only, not to ${chosen}`);
  }
  if (list.includes("SeparatorSpace")) {
    throw badRequest("SeparatorSpace is not supported; use SeparatorTab or SeparatorSemicolon");
  }
  return { format: chosen, params: list };
}

/** The dataset with its dimensions in `order` (positions in the old order), cells moved to match. */
export function reorder(ds: Dataset, order: readonly number[]): Dataset {
  if (order.every((k, i) => k === i)) return ds;
  const dimensions = order.map((k) => ds.dimensions[k] as Dataset["dimensions"][number]);
  const sourceStrides = strides(ds.dimensions);
  const step = order.map((k) => sourceStrides[k] as number);
  const sizes = dimensions.map((d) => d.categories.length);
  const n = ds.values.length;
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const position = new Array<number>(dimensions.length).fill(0);
  let source = 0;
  for (let out = 0; out < n; out++) {
    values[out] = ds.values[source] as number;
    status[out] = ds.status[source] as number;
    flags[out] = ds.flags[source] as number;
    for (let k = dimensions.length - 1; k >= 0; k--) {
      source += step[k] as number;
      position[k] = (position[k] as number) + 1;
      if ((position[k] as number) < (sizes[k] as number)) break;
      source -= (step[k] as number) * (sizes[k] as number);
      position[k] = 0;
    }
  }
  const { extension: _layout, ...rest } = ds;
  return {
    ...rest,
    dimensions,
    values,
    status,
    flags,
    ...(ds.cellNotes
      ? { cellNotes: ds.cellNotes.map((note) => ({ ...note, where: order.map((k) => note.where[k] ?? null) })) }
      : {}),
  };
}

const everyLanguage = (ds: Dataset, text: (lang: string) => string): Texts =>
  Object.fromEntries(ds.languages.map((lang) => [lang, text(lang)]));

/** Values (and, with codes only, variables) named as UseCodes / UseCodesAndTexts ask. */
function relabel(ds: Dataset, naming: OutputParam | undefined): Dataset {
  if (naming !== "UseCodes" && naming !== "UseCodesAndTexts") return ds;
  const both = naming === "UseCodesAndTexts";
  return {
    ...ds,
    dimensions: ds.dimensions.map((d) => ({
      ...d,
      ...(both ? {} : { label: everyLanguage(ds, () => d.code) }),
      categories: d.categories.map((c) => ({
        ...c,
        label: everyLanguage(ds, (lang) => (both ? `${c.code} ${textIn(c.label, lang, ds.languages)}` : c.code)),
      })),
    })),
  };
}

function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The separator, decimal mark and byte order mark the parameters ask for (see the module comment). */
export function csvDialect(params: readonly OutputParam[]) {
  if (params.includes("SeparatorSemicolon")) return { separator: ";", decimalMark: ",", bom: true } as const;
  return { separator: params.includes("SeparatorTab") ? "\t" : ",", decimalMark: ".", bom: false } as const;
}

/** The first line of a csv with IncludeTitle: the title, then the mandatory notes (the illustrative mark). */
export function csvTitleLine(ds: Dataset, lang: string): string {
  const text = (texts: Texts) => textIn(texts, lang, ds.languages);
  const mandatory = (ds.notes ?? []).filter((n) => n.mandatory).map((n) => text(n.text));
  return [text(ds.title), ...mandatory].join(" — ");
}

/**
 * The name a download is offered under: the table id, `-long` for the long CSV, `-illustrative` when the figures
 * are illustrative (so the mark travels with the file however it is opened), then the extension.
 */
export function downloadFileName(id: string, format: OutputFormat, illustrative: boolean): string {
  return `${id}${format === "csv-long" ? "-long" : ""}${illustrative ? "-illustrative" : ""}.${EXTENSION[format]}`;
}

export interface Encoded {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly extension: string;
}

/**
 * Writes the selected dataset. `lang` is a language of the table (the labels' language); a placement names every
 * variable of the dataset once.
 */
export async function encodeOutput(
  selected: Dataset,
  output: Output,
  options: { readonly lang: string; readonly placement: Placement | undefined },
): Promise<Encoded> {
  const { lang, placement } = options;
  let ds = selected;
  if (placement) {
    const codes = [...placement.stub, ...placement.heading];
    ds = reorder(
      ds,
      codes.map((code) => ds.dimensions.findIndex((d) => d.code === code)),
    );
  }
  const layout = placement ? { rows: placement.stub, columns: placement.heading } : {};
  const naming = output.params.find((p) => p.startsWith("Use"));
  const languages = [lang, ...ds.languages.filter((l) => l !== lang)];
  const utf8 = (text: string) => new TextEncoder().encode(text);
  let bytes: Uint8Array;
  switch (output.format) {
    case "json-stat2":
      // PxWebApi's dialect: clients lay the table out by extension.px heading and stub, so they are always given.
      bytes = utf8(JSON.stringify(toPxWebJsonStat2(ds, { lang, placement: placement ?? defaultPlacement(ds) })));
      break;
    case "json-px":
      bytes = utf8(JSON.stringify(toPxWebJson(ds, { lang })));
      break;
    case "px":
      bytes = datasetToPxBytes(ds, { languages, ...(placement ? { headingCount: placement.heading.length } : {}) });
      break;
    case "csv": {
      const dialect = csvDialect(output.params);
      const table = toCsvWide(relabel(ds, naming), { lang, ...dialect, bom: false, ...layout });
      const title = output.params.includes("IncludeTitle")
        ? `${csvField(csvTitleLine(ds, lang), dialect.separator)}\r\n`
        : "";
      bytes = utf8(`${dialect.bom ? "\uFEFF" : ""}${title}${table}`);
      break;
    }
    case "csv-long":
      bytes = utf8(toCsvLong(ds, { lang, ...csvDialect(output.params) }));
      break;
    case "xlsx":
      bytes = await toXlsx(relabel(ds, naming), { lang, ...layout });
      break;
    case "html":
      bytes = utf8(toHtmlTable(relabel(ds, naming), { lang, ...layout }));
      break;
    case "parquet":
      bytes = toParquet(ds, { lang });
      break;
  }
  const mediaType =
    MEDIA_TYPE[output.format] ??
    FORMATS.find((f) => f.format === CODEC[output.format])?.mediaType ??
    "application/octet-stream";
  return { bytes, mediaType, extension: EXTENSION[output.format] };
}
