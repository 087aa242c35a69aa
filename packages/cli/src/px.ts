/**
 * The `px` command: inspect, validate and convert PX files (and convert between every format the cube package
 * writes). Thin I/O around the libraries; `main` returns the exit code: 0 ok, 1 the input has errors, 2 wrong
 * usage or unreadable input.
 */

import { FORMATS, type Format, formatFromFileName, isFormat } from "@clearinghouse/cube/formats";
import {
  formatDiagnostic,
  openPxStream,
  type PxFile,
  PxWriteError,
  pxFacts,
  type ReadResult,
  readPx,
  selectLanguages,
  writePxStream,
} from "@clearinghouse/px";
import { parseArgs, UsageError } from "./args.ts";
import { type CliIo, isNodeError, processIo } from "./io.ts";

const USAGE = `Usage:
  px inspect [--json] [--lang LANG] [--encoding CP] FILE   what the file holds
  px validate [--strict] [--json] [--encoding CP] FILE     every problem, with line, column and keyword
  px convert [options] IN OUT                              write IN in another format (OUT "-" is standard output)
Convert options:
  --to FORMAT       ${FORMATS.map((f) => f.format).join(", ")} (default: from OUT's extension)
  --lang L1,L2      languages to write; PX keeps them all (the first the default), other formats use the first
  --encoding CP     code page of PX output (utf-8, windows-1251, iso-8859-1, …)
  --strict          refuse what lenient reading would repair
`;

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv, { flags: ["json", "strict", "help"], options: ["lang", "encoding", "to"] });
    const [command, ...files] = args.positional;
    if (args.flags.has("help")) {
      io.stdout(USAGE);
      return 0;
    }
    switch (command) {
      case undefined:
        throw new UsageError("a command is needed");
      case "inspect":
        return await inspect(expectFiles(files, 1)[0] as string, args, io);
      case "validate":
        return await validate(expectFiles(files, 1)[0] as string, args, io);
      case "convert": {
        const [input, output] = expectFiles(files, 2) as [string, string];
        return await convert(input, output, args, io);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportFailure(error, io, "px", USAGE);
  }
}

/** The exit code and message for an error thrown by a command. */
export function reportFailure(error: unknown, io: CliIo, program: string, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`${program}: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof PxWriteError) {
    io.stderr(`${program}: cannot write: ${error.message}\n`);
    return 1;
  }
  if (isNodeError(error)) {
    io.stderr(`${program}: ${error.path ?? ""}: ${error.code === "ENOENT" ? "no such file" : error.message}\n`);
    return 2;
  }
  if (error instanceof Error) {
    io.stderr(`${program}: ${error.message}\n`);
    return 1;
  }
  throw error;
}

function expectFiles(files: readonly string[], count: number): readonly string[] {
  if (files.length !== count) throw new UsageError(`expected ${count === 1 ? "one file" : `${count} files`}`);
  return files;
}

type Args = ReturnType<typeof parseArgs>;

async function load(path: string, args: Args, io: CliIo): Promise<ReadResult> {
  const bytes = await io.readInput(path);
  const encoding = args.options.get("encoding");
  return readPx(bytes, { strict: args.flags.has("strict"), ...(encoding ? { encoding } : {}) });
}

function report(result: Pick<ReadResult, "diagnostics">, path: string, io: CliIo): void {
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d, path)}\n`);
}

async function inspect(path: string, args: Args, io: CliIo): Promise<number> {
  const result = await load(path, args, io);
  report(result, path, io);
  const file = result.file;
  if (!file) return 1;
  const lang = args.options.get("lang");
  if (lang !== undefined && !file.languages.includes(lang)) {
    throw new UsageError(
      `the file has no language "${lang}" (it has: ${file.languages.join(", ") || "none declared"})`,
    );
  }
  const facts = pxFacts(file, lang);
  if (args.flags.has("json")) {
    io.stdout(`${JSON.stringify(facts)}\n`);
    return 0;
  }
  io.stdout(describe(facts, file, result.encoding));
  return 0;
}

function describe(facts: ReturnType<typeof pxFacts>, file: PxFile, encoding: string): string {
  const line = (v: { name: string; codes: readonly string[] }) => `  ${v.name} (${v.codes.length})`;
  const symbols = file.status.reduce((n, s) => n + (s === 0 ? 0 : 1), 0);
  return [
    `title:     ${facts.title}`,
    `languages: ${facts.languages.join(", ") || "(not declared)"}`,
    `encoding:  ${encoding}`,
    "stub:",
    ...facts.stub.map(line),
    "heading:",
    ...facts.heading.map(line),
    `cells:     ${facts.cells} (${facts.cells - symbols} numbers, ${symbols} symbols)`,
    "",
  ].join("\n");
}

async function validate(path: string, args: Args, io: CliIo): Promise<number> {
  const result = await load(path, args, io);
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = result.diagnostics.length - errors;
  if (args.flags.has("json")) {
    io.stdout(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics: result.diagnostics })}\n`);
  } else {
    for (const d of result.diagnostics) io.stdout(`${formatDiagnostic(d, path)}\n`);
    io.stdout(`${path}: ${errors === 0 ? "valid" : "invalid"} (${errors} errors, ${warnings} warnings)\n`);
  }
  return errors === 0 ? 0 : 1;
}

/** The format named by --to, or by a file name's extension. */
export function outputFormat(output: string, to: string | undefined, fallback: Format): Format {
  if (to !== undefined) {
    if (!isFormat(to))
      throw new UsageError(`unknown format "${to}" (formats: ${FORMATS.map((f) => f.format).join(", ")})`);
    return to;
  }
  if (output === "-") return fallback;
  const format = formatFromFileName(output);
  if (!format) {
    throw new UsageError(
      `cannot tell the format of "${output}": use --to (${FORMATS.map((f) => f.format).join(", ")})`,
    );
  }
  return format;
}

async function convert(input: string, output: string, args: Args, io: CliIo): Promise<number> {
  const to = outputFormat(output, args.options.get("to"), "px");
  const from = input === "-" ? "px" : (formatFromFileName(input) ?? "px");
  const languages = args.options
    .get("lang")
    ?.split(",")
    .map((l) => l.trim());
  const encoding = args.options.get("encoding");
  const strict = args.flags.has("strict");
  if (from === "px" && (to === "px" || to === "csv")) {
    return convertStreamed(input, output, { to, languages, encoding, strict }, io);
  }
  const bytes = await io.readInput(input);
  // The codecs are loaded only here: the Excel one alone takes half a second, which every command would pay.
  const { decodeDataset, encodeDatasetChunks } = await import("@clearinghouse/cube");
  const decoded = await decodeDataset(bytes, from, { strict });
  report(decoded, input, io);
  if (!decoded.dataset) return 1;
  const ds = decoded.dataset;
  const missing = (languages ?? []).filter((l) => !ds.languages.includes(l));
  if (missing.length) throw new UsageError(`the table has no language ${missing.map((l) => `"${l}"`).join(", ")}`);
  const options = { ...(languages ? { languages } : {}), ...(encoding ? { encoding } : {}) };
  await io.writeChunks(output, encodeDatasetChunks(ds, to, options));
  return 0;
}

/** Thrown at the end of a streamed conversion whose input turned out to have errors. */
class InputRefused extends Error {}

/**
 * PX to PX (every entry kept exactly, as PX to PX stays in the PX model) or to the long CSV, written as the input
 * is read: memory does not grow with the file. The diagnostics come at the end; when they have errors the output
 * file is removed (what went to standard output stays) and the exit code is 1, as without streaming.
 */
async function convertStreamed(
  input: string,
  output: string,
  options: { to: "px" | "csv"; languages?: string[] | undefined; encoding?: string | undefined; strict: boolean },
  io: CliIo,
): Promise<number> {
  const { languages, encoding } = options;
  const stream = await openPxStream(io.readChunks(input), { strict: options.strict });
  const header = stream.header;
  if (!header) {
    report({ diagnostics: stream.diagnostics() }, input, io);
    return 1;
  }
  let chunks: AsyncIterable<Uint8Array>;
  if (options.to === "px") {
    const missing = (languages ?? []).filter((l) => !header.languages.includes(l));
    if (missing.length) throw new UsageError(`the file has no language ${missing.map((l) => `"${l}"`).join(", ")}`);
    const file = languages ? selectLanguages(header, languages) : header;
    chunks = writePxStream(file, stream.blocks(), encoding ? { encoding } : {});
  } else {
    const { pxStreamToCsvLong } = await import("@clearinghouse/cube/px-stream");
    const csv = pxStreamToCsvLong(stream, languages?.[0] ? { lang: languages[0] } : {});
    const missing = (languages ?? []).filter((l) => !csv.languages.includes(l));
    if (missing.length) throw new UsageError(`the table has no language ${missing.map((l) => `"${l}"`).join(", ")}`);
    chunks = utf8Chunks(csv.chunks);
  }
  try {
    await io.writeChunks(output, refusedOnErrors(chunks, stream));
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
  }
  report({ diagnostics: stream.diagnostics() }, input, io);
  return stream.hasErrors ? 1 : 0;
}

async function* utf8Chunks(texts: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const text of texts) yield Buffer.from(text, "utf8");
}

/** The chunks, then an InputRefused error if the stream found errors (so that a file begun is removed). */
async function* refusedOnErrors(
  chunks: AsyncIterable<Uint8Array>,
  stream: { readonly hasErrors: boolean },
): AsyncGenerator<Uint8Array> {
  yield* chunks;
  if (stream.hasErrors) throw new InputRefused("the input has errors");
}
