/**
 * The `px` command: inspect, validate and convert PX files. Thin I/O around the library; `main` returns the exit
 * code (0 ok, 1 the file has errors, 2 wrong usage or unreadable input) and takes its I/O as an argument so tests
 * can run it in-process.
 */

import { readFile, writeFile } from "node:fs/promises";
import { formatDiagnostic } from "../diagnostics.ts";
import { selectLanguages } from "../languages.ts";
import { textOf } from "../meta.ts";
import type { PxFile } from "../model.ts";
import { type ReadResult, readPx } from "../read.ts";
import { PxWriteError, writePx } from "../write.ts";
import { parseArgs, UsageError } from "./args.ts";

export interface CliIo {
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  readonly readInput: (path: string) => Promise<Uint8Array>;
  readonly writeOutput: (path: string, bytes: Uint8Array) => Promise<void>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (path) => (path === "-" ? readStdin() : new Uint8Array(await readFile(path))),
  writeOutput: (path, bytes) => writeFile(path, bytes),
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const USAGE = `Usage:
  px inspect [--json] [--lang LANG] [--encoding CP] FILE   what the file holds
  px validate [--strict] [--json] [--encoding CP] FILE     every problem, with line, column and keyword
  px convert [--encoding CP] [--lang L1,L2] [--strict] IN OUT
                                                           rewrite a PX file (OUT "-" is standard output)
Options:
  --strict     refuse what lenient reading would repair
  --encoding   read IN with this code page (inspect, validate) / write OUT in it (convert; default utf-8)
  --lang       the language to show (inspect) / the languages to keep, the first the default (convert)
`;

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv, { flags: ["json", "strict", "help"], options: ["lang", "encoding", "to"] });
    const [command, ...files] = args.positional;
    if (args.flags.has("help") || command === undefined) {
      io.stdout(USAGE);
      return command === undefined && !args.flags.has("help") ? 2 : 0;
    }
    switch (command) {
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
    if (error instanceof UsageError) {
      io.stderr(`px: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PxWriteError) {
      io.stderr(`px: cannot write: ${error.message}\n`);
      return 1;
    }
    if (isNodeError(error)) {
      io.stderr(`px: ${error.path ?? ""}: ${error.code === "ENOENT" ? "no such file" : error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
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

function report(result: ReadResult, path: string, io: CliIo): void {
  for (const d of result.diagnostics) io.stderr(`${formatDiagnostic(d, path)}\n`);
}

/** The facts any tool can check: title, languages, variables with codes, cell count. */
export function inspection(file: PxFile, language?: string) {
  const lang = language ?? file.defaultLanguage;
  const describe = (v: PxFile["stub"][number]) => ({ name: v.names[lang] ?? v.name, codes: [...v.codes] });
  return {
    title: textOf(file, "TITLE", { language: lang }) ?? "",
    languages: [...file.languages],
    stub: file.stub.map(describe),
    heading: file.heading.map(describe),
    cells: file.data.length,
  };
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
  const facts = inspection(file, lang);
  if (args.flags.has("json")) {
    io.stdout(`${JSON.stringify(facts)}\n`);
    return 0;
  }
  const line = (v: { name: string; codes: string[] }) => `  ${v.name} (${v.codes.length})`;
  const statuses = new Map<number, number>();
  for (const s of file.status) if (s !== 0) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  io.stdout(
    [
      `title:     ${facts.title}`,
      `languages: ${facts.languages.join(", ") || "(not declared)"}`,
      `encoding:  ${result.encoding}`,
      "stub:",
      ...facts.stub.map(line),
      "heading:",
      ...facts.heading.map(line),
      `cells:     ${facts.cells}`,
      `symbols:   ${file.data.length - [...statuses.values()].reduce((a, b) => a + b, 0)} numbers, ${[...statuses.values()].reduce((a, b) => a + b, 0)} symbols`,
      "",
    ].join("\n"),
  );
  return 0;
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

async function convert(input: string, output: string, args: Args, io: CliIo): Promise<number> {
  const to = args.options.get("to") ?? (output === "-" ? "px" : output.split(".").pop()?.toLowerCase());
  if (to !== "px") throw new UsageError(`unsupported output format "${to}" (supported: px)`);
  const result = await readPx(await io.readInput(input), { strict: args.flags.has("strict") });
  report(result, input, io);
  if (!result.file) return 1;
  let file = result.file;
  const langs = args.options.get("lang");
  if (langs) {
    const wanted = langs.split(",").map((l) => l.trim());
    const missing = wanted.filter((l) => !file.languages.includes(l));
    if (missing.length) throw new UsageError(`the file has no language ${missing.map((l) => `"${l}"`).join(", ")}`);
    file = selectLanguages(file, wanted);
  }
  const encoding = args.options.get("encoding");
  const bytes = writePx(file, encoding ? { encoding } : {});
  if (output === "-") io.stdout(bytes);
  else await io.writeOutput(output, bytes);
  return 0;
}
