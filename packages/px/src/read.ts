/**
 * readPx: bytes of a PX file → PxFile and diagnostics. Never throws on bad input; time is linear in the size.
 */

import { type DataContext, type KeysLayout, parseDenseData, parseKeysData } from "./data.ts";
import { DiagnosticSink, type PxDiagnostic } from "./diagnostics.ts";
import { chooseEncoding, decode, type HeaderSplit, splitHeader } from "./encoding.ts";
import { lexHeader } from "./lexer.ts";
import type { PxFile } from "./model.ts";
import { buildStructure, type Structure } from "./structure.ts";

export interface ReadOptions {
  /** Refuse anything the lenient mode would repair (default false: repair and say what was repaired). */
  readonly strict?: boolean;
  /** Decode with this code page, whatever the file declares. */
  readonly encoding?: string;
  /** Refuse files with more cells than this before allocating them (default 250 million). */
  readonly maxCells?: number;
}

export interface ReadResult {
  /** The file, or undefined when an error prevented reading it. */
  readonly file: PxFile | undefined;
  readonly diagnostics: readonly PxDiagnostic[];
  /** The code page the text was decoded with (iconv-lite name). */
  readonly encoding: string;
}

export const DEFAULT_MAX_CELLS = 250_000_000;

/** The metadata part read, before DATA: what reading DATA needs, or no structure when the header is refused. */
export interface HeaderRead {
  readonly sink: DiagnosticSink;
  readonly encoding: string;
  readonly structure: Structure | undefined;
  readonly cells: number;
  readonly context: DataContext;
}

/** Reads the metadata of a file whose first bytes are `bytes` (at least up to `DATA=`, as `split` found it). */
export function readHeader(bytes: Uint8Array, split: HeaderSplit, options: ReadOptions): HeaderRead {
  const sink = new DiagnosticSink(options.strict ?? false);
  const headerEnd = split.dataKeyword === -1 ? bytes.length : split.dataKeyword;
  const header = bytes.subarray(0, headerEnd);
  const { encoding, offset } = chooseEncoding(bytes, header, sink, options.encoding);
  const entries = lexHeader(decode(header.subarray(offset), encoding), sink);
  let lineStart = split.dataStart;
  while (lineStart > 0 && bytes[lineStart - 1] !== 10 && bytes[lineStart - 1] !== 13) lineStart--;
  const context: DataContext = {
    sink,
    firstLine: split.linesBefore + 1,
    firstColumn: split.dataStart - lineStart + 1,
    decode: (text) => decode(text, encoding),
  };
  const refused = { sink, encoding, structure: undefined, cells: 0, context };

  if (split.dataKeyword === -1) sink.error("PX020", { line: 0, column: 0, keyword: "DATA" }, { keyword: "DATA" });
  const structure = buildStructure(entries, sink);
  if (!structure || split.dataKeyword === -1) return refused;

  const cells = [...structure.stub, ...structure.heading].reduce((product, v) => product * v.codes.length, 1);
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  if (cells > maxCells) {
    sink.error(
      "PX040",
      { line: split.linesBefore + 1, column: 0, keyword: "DATA" },
      {
        found: "more than allowed",
        expected: `at most ${maxCells} cells (the table has ${cells})`,
      },
    );
    return refused;
  }
  return { sink, encoding, structure, cells, context };
}

/** The layout of DATA written with KEYS. */
export function keysLayout(structure: Structure): KeysLayout | undefined {
  if (!structure.keys) return undefined;
  const variables = [...structure.stub, ...structure.heading];
  const keyVariables = structure.keys.variables.map((k) => variables[k.index]).filter((v) => v !== undefined);
  return {
    keyCount: keyVariables.length,
    names: keyVariables.map((v) => v.name),
    sizes: keyVariables.map((v) => v.codes.length),
    lookups: structure.keys.variables.map((k, n) => {
      const v = keyVariables[n];
      const texts = (k.by === "CODES" ? v?.codes : v?.values[structure.defaultLanguage]) ?? [];
      return new Map(texts.map((t, i) => [t, i]));
    }),
    rowLength: variables.slice(keyVariables.length).reduce((product, v) => product * v.codes.length, 1),
  };
}

/** A PxFile from the header's structure and the cells. */
export function fileOf(structure: Structure, cells: Pick<PxFile, "data" | "status" | "extraSymbols">): PxFile {
  return {
    entries: structure.entries,
    defaultLanguage: structure.defaultLanguage,
    languages: structure.languages,
    stub: structure.stub,
    heading: structure.heading,
    data: cells.data,
    status: cells.status,
    extraSymbols: cells.extraSymbols,
  };
}

export function readPx(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const split = splitHeader(bytes);
  const { sink, encoding, structure, cells, context } = readHeader(bytes, split, options);
  const fail = (): ReadResult => ({ file: undefined, diagnostics: sink.finish(), encoding });
  if (!structure) return fail();

  const target = { data: new Float64Array(cells), status: new Uint8Array(cells), extraSymbols: [] as string[] };
  const layout = keysLayout(structure);
  if (layout) parseKeysData(bytes, split.dataStart, target, layout, context);
  else parseDenseData(bytes, split.dataStart, target, context);
  if (sink.hasErrors) return fail();
  return { file: fileOf(structure, target), diagnostics: sink.finish(), encoding };
}
