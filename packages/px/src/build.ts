/**
 * Building a PxFile in code (for writers such as the cube package, and for tests): entries and data in, the same
 * checks as reading applied, the derived variables filled in.
 */

import { DiagnosticSink, formatDiagnostic, type PxDiagnostic } from "./diagnostics.ts";
import type { PxEntry, PxFile, PxValue } from "./model.ts";
import { buildStructure } from "./structure.ts";

export class PxBuildError extends Error {
  constructor(readonly diagnostics: readonly PxDiagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join("\n"));
    this.name = "PxBuildError";
  }
}

export interface BuildInput {
  readonly entries: readonly PxEntry[];
  readonly data: Float64Array;
  readonly status?: Uint8Array;
  readonly extraSymbols?: readonly string[];
  /** A file's metadata only, for streaming (see `openPxStream`): `data` and `status` are empty, the cells come apart. */
  readonly withoutCells?: boolean;
}

/** A PxFile from entries and data; throws PxBuildError listing every problem when they do not make a valid file. */
export function buildPx(input: BuildInput): PxFile {
  const sink = new DiagnosticSink(true);
  const structure = buildStructure(input.entries, sink);
  if (!structure) throw new PxBuildError(sink.items);
  const cells = [...structure.stub, ...structure.heading].reduce((p, v) => p * v.codes.length, 1);
  const status = input.status ?? new Uint8Array(input.withoutCells ? 0 : cells);
  const expected = input.withoutCells ? 0 : cells;
  if (input.data.length !== expected || status.length !== expected) {
    throw new PxBuildError([
      {
        code: "PX040",
        severity: "error",
        params: { found: input.data.length, expected },
        message: `DATA has ${input.data.length} values, expected ${expected}`,
        line: 0,
        column: 0,
        keyword: "DATA",
      },
    ]);
  }
  return {
    entries: structure.entries,
    defaultLanguage: structure.defaultLanguage,
    languages: structure.languages,
    stub: structure.stub,
    heading: structure.heading,
    data: input.data,
    status,
    extraSymbols: [...(input.extraSymbols ?? [])],
  };
}

/** Shorthands for entry values. */
export const text = (...items: string[]): PxValue => ({ items, bare: false });
export const bare = (word: string | number): PxValue => ({ items: [String(word)], bare: true });
export const entry = (
  keyword: string,
  value: PxValue,
  options: { language?: string; subkeys?: readonly string[] } = {},
): PxEntry => {
  const e: { -readonly [K in keyof PxEntry]: PxEntry[K] } = { keyword, value, line: 0 };
  if (options.language !== undefined) e.language = options.language;
  if (options.subkeys !== undefined) e.subkeys = options.subkeys;
  return e;
};
