/**
 * The `cube` command: `cube select QUERY IN OUT` applies a PxWeb query (the JSON body of a PxWeb API v1 POST:
 * `{"query": [...], "response": {"format": ...}}`) to a table file and writes the selection in any format.
 */

import { type Format, formatFromFileName, isFormat } from "@clearinghouse/cube/formats";
import { formatDiagnostic } from "@clearinghouse/px";
import { parseArgs, UsageError } from "./args.ts";
import { type CliIo, processIo } from "./io.ts";
import { outputFormat, reportFailure } from "./px.ts";

const USAGE = `Usage:
  cube select [--to FORMAT] [--lang LANG] [--max-cells N] QUERY.json IN OUT
      QUERY.json  a PxWeb API v1 query: {"query": [{"code": …, "selection": {"filter": …, "values": [...]}}],
                  "response": {"format": …}}
      OUT         output file, or "-" for standard output; the format comes from --to, OUT's extension or the
                  query's response format
`;

/** PxWeb's names for response formats, and ours. */
const RESPONSE_FORMATS: Record<string, Format> = {
  json: "json",
  "json-stat": "json-stat",
  "json-stat2": "json-stat2",
  csv: "csv",
  px: "px",
  xlsx: "xlsx",
  html: "html",
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv, { flags: ["help"], options: ["to", "lang", "max-cells"] });
    const [command, ...files] = args.positional;
    if (args.flags.has("help")) {
      io.stdout(USAGE);
      return 0;
    }
    if (command !== "select") throw new UsageError(command ? `unknown command "${command}"` : "a command is needed");
    if (files.length !== 3) throw new UsageError("expected QUERY.json IN OUT");
    const [queryPath, input, output] = files as [string, string, string];
    // Loaded after the usage checks, so that --help and usage errors do not wait for every codec to load.
    const { decodeDataset, encodeDatasetChunks, select } = await import("@clearinghouse/cube");
    const query = parseQuery(new TextDecoder().decode(await io.readInput(queryPath)), queryPath);
    const decoded = await decodeDataset(await io.readInput(input), formatFromFileName(input) ?? "px", {});
    for (const d of decoded.diagnostics) io.stderr(`${formatDiagnostic(d, input)}\n`);
    if (!decoded.dataset) return 1;
    const maxCells = args.options.get("max-cells");
    const result = select(decoded.dataset, query.query, maxCells ? { maxCells: Number(maxCells) } : {});
    if (!result.ok) {
      io.stderr(`cube: ${result.error.message.en}\n`);
      return 1;
    }
    const fallback = RESPONSE_FORMATS[query.response?.format ?? ""] ?? "json-stat2";
    const to = outputFormat(output, args.options.get("to") ?? (output === "-" ? fallback : undefined), fallback);
    const lang = args.options.get("lang");
    await io.writeChunks(output, encodeDatasetChunks(result.dataset, to, lang ? { languages: [lang] } : {}));
    return 0;
  } catch (error) {
    return reportFailure(error, io, "cube", USAGE);
  }
}

interface QueryFile {
  readonly query: { code: string; selection: { filter: string; values: string[] } }[];
  readonly response?: { format?: string };
}

/** Reads and checks a query file, saying where it is wrong. */
export function parseQuery(text: string, path: string): QueryFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not JSON (${(error as Error).message})`);
  }
  const query = (json as { query?: unknown })?.query;
  if (!Array.isArray(query)) throw new UsageError(`${path}: "query" must be a list`);
  query.forEach((q, k) => {
    const s = q?.selection;
    if (
      typeof q?.code !== "string" ||
      typeof s?.filter !== "string" ||
      !Array.isArray(s?.values) ||
      !s.values.every((v: unknown) => typeof v === "string")
    ) {
      throw new UsageError(`${path}: query[${k}] must be {"code": "…", "selection": {"filter": "…", "values": ["…"]}}`);
    }
  });
  const format = (json as QueryFile).response?.format;
  if (format !== undefined && !(format in RESPONSE_FORMATS) && !isFormat(format)) {
    throw new UsageError(`${path}: unknown response format "${format}"`);
  }
  return json as QueryFile;
}
