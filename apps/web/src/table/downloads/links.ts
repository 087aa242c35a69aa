/**
 * The current selection as PxWeb API 2.0 GET addresses (`…/data?valueCodes[VAR]=a,b&heading=…&stub=…`), one per
 * download format. Pure: tested against the server's own query parser.
 *
 * The server reads a value list by splitting it at the commas outside parentheses and brackets, and takes a code in
 * square brackets literally (never as `top(3)`, `*` or another selection expression). So a code holding list syntax
 * is written in brackets, and when such a code would upset the splitting of its neighbours each code gets its own
 * `valueCodes[VAR]` parameter. A code that no spelling can carry (a comma after an unmatched `)` or `]`) makes the
 * selection unfit for GET: `undefined`, and the POST request of "use this in code" is the way to fetch it.
 */
import { dataUrl } from "../../lib/api.ts";
import type { Lang } from "../../lib/i18n.ts";

/** A variable's selected values (eliminated variables are left out of a query). */
export interface QueryItem {
  readonly variableCode: string;
  readonly valueCodes: readonly string[];
}

/** Variables across (heading) and down the side (stub), as the screen shows them. */
export interface Placement {
  readonly heading: readonly string[];
  readonly stub: readonly string[];
}

export interface DataQuery {
  readonly id: string;
  readonly lang: Lang;
  readonly items: readonly QueryItem[];
  readonly placement?: Placement | undefined;
  /** A past released version (`version=N`, docs/decisions/0009-versions.md); the current one when undefined. */
  readonly version?: number | undefined;
}

/** The output formats of the server's PxWeb API 2.0 (`outputFormat`), with its long CSV (`csv-long`). */
export type OutputFormat = "xlsx" | "csv" | "csv-long" | "px" | "json-stat2" | "html" | "json-px" | "parquet";

/** How csv, xlsx and html name the values: by label (the API's default), by code, or both. */
export const NAMINGS = ["labels", "codes", "both"] as const;
export type Naming = (typeof NAMINGS)[number];
const NAMING_PARAM: Readonly<Record<Naming, string | undefined>> = {
  labels: undefined,
  codes: "UseCodes",
  both: "UseCodesAndTexts",
};

export interface Download {
  /** Key of its name in the messages (`downloads.formats.<key>`). */
  readonly key: string;
  readonly format: OutputFormat;
  readonly params: readonly string[];
  readonly extension: string;
  /** The format names values by label or code (`UseCodes` and the like apply). */
  readonly named: boolean;
}

/** Every format the API offers, the spreadsheet ones first. */
export const DOWNLOADS: readonly Download[] = [
  { key: "xlsx", format: "xlsx", params: [], extension: "xlsx", named: true },
  { key: "csv", format: "csv", params: [], extension: "csv", named: true },
  { key: "csvSemicolon", format: "csv", params: ["SeparatorSemicolon"], extension: "csv", named: true },
  // The long CSV beside PxWeb's: one row per figure with its status and flags, for scripts and data frames.
  { key: "csvLong", format: "csv-long", params: [], extension: "csv", named: false },
  { key: "csvLongSemicolon", format: "csv-long", params: ["SeparatorSemicolon"], extension: "csv", named: false },
  { key: "px", format: "px", params: [], extension: "px", named: false },
  { key: "jsonStat2", format: "json-stat2", params: [], extension: "json", named: false },
  { key: "html", format: "html", params: [], extension: "html", named: true },
  { key: "jsonPx", format: "json-px", params: [], extension: "json", named: false },
  { key: "parquet", format: "parquet", params: [], extension: "parquet", named: false },
];

/** Where the server's list splitting stands after `text`: a comma at depth 0 splits it, `depth` is left open. */
function scan(text: string): { readonly splits: boolean; readonly depth: number } {
  let depth = 0;
  let splits = false;
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if (ch === "," && depth === 0) splits = true;
  }
  return { splits, depth };
}

const LIST_SYNTAX = /[,()[\]]/;

/** A value code as the server reads it back literally: in brackets when it holds list syntax or edge spaces. */
export function literalCode(code: string): string {
  return LIST_SYNTAX.test(code) || code.trim() !== code || code === "" ? `[${code}]` : code;
}

/** A query parameter: its name and its comma-separated list, neither yet percent-encoded. */
type Parameter = readonly [name: string, list: readonly string[]];

/** The `valueCodes[VAR]` parameters of one variable, or undefined. */
export function valueCodesParameters(item: QueryItem): Parameter[] | undefined {
  const name = `valueCodes[${item.variableCode}]`;
  const parts = item.valueCodes.map(literalCode);
  const scans = parts.map(scan);
  if (scans.every((s) => !s.splits && s.depth === 0)) return [[name, parts]];
  if (scans.every((s) => !s.splits)) return parts.map((part) => [name, [part]]);
  return undefined;
}

/** Variable codes in `heading` / `stub` are matched as written (no brackets), so list syntax rules them out. */
const placeable = (code: string) => literalCode(code) === code;

/** The selection's GET address in one format (relative to the site), or undefined when GET cannot carry it. */
export function dataQueryUrl(
  query: DataQuery,
  format: OutputFormat,
  params: readonly string[] = [],
): string | undefined {
  const parameters: Parameter[] = [];
  if (params.length) parameters.push(["outputFormatParams", params]);
  for (const item of query.items) {
    const own = valueCodesParameters(item);
    if (!own) return undefined;
    parameters.push(...own);
  }
  const placement = query.placement && placementOf(query.placement, query.items);
  if (placement) {
    if (placement.heading.length) parameters.push(["heading", placement.heading]);
    if (placement.stub.length) parameters.push(["stub", placement.stub]);
  }
  return (
    dataUrl(query.id, query.lang, format, query.version) +
    parameters.map(([name, list]) => `&${encodeName(name)}=${list.map(encodeURIComponent).join(",")}`).join("")
  );
}

/**
 * The placement restricted to the variables the result has (an eliminated variable cannot be placed), or undefined
 * when a variable code cannot be written in it (the server's default placement is then used).
 */
function placementOf(placement: Placement, items: readonly QueryItem[]): Placement | undefined {
  const kept = new Set(items.map((i) => i.variableCode));
  const heading = placement.heading.filter((c) => kept.has(c));
  const stub = placement.stub.filter((c) => kept.has(c));
  return [...heading, ...stub].every(placeable) ? { heading, stub } : undefined;
}

/** `valueCodes[VAR]` stays readable (as in the PxWeb API documentation); the variable code inside is encoded. */
function encodeName(name: string): string {
  const bracket = /^(\w+)\[(.*)\]$/s.exec(name);
  return bracket ? `${bracket[1]}[${encodeURIComponent(bracket[2] as string)}]` : encodeURIComponent(name);
}

/** The download entries of a selection: each with its address, or undefined when GET cannot carry the selection. */
export function downloadLinks(
  query: DataQuery,
  naming: Naming,
): { readonly download: Download; readonly href: string | undefined }[] {
  return DOWNLOADS.map((download) => {
    const use = download.named ? NAMING_PARAM[naming] : undefined;
    return { download, href: dataQueryUrl(query, download.format, use ? [...download.params, use] : download.params) };
  });
}

/**
 * The file name a download is offered under, as the server names it (`downloadFileName`): T2_1.xlsx, T2_1-long.csv
 * for the long CSV, T2_1-v2.xlsx for version 2, T2_1-illustrative.csv when the figures are illustrative, so the
 * mark travels with the file.
 */
export const fileName = (id: string, download: Download, version?: number, illustrative = false) =>
  `${id}${download.format === "csv-long" ? "-long" : ""}${version === undefined ? "" : `-v${version}`}${illustrative ? "-illustrative" : ""}.${download.extension}`;
