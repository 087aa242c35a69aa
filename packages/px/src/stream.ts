/**
 * Reading a PX file as a stream: the metadata first, then DATA in blocks of a fixed number of cells, so that a file
 * of any size is read (and converted, see `writePxStream` and the cube package's streaming CSV) in memory that
 * does not grow with it. The cells and diagnostics are those `readPx` gives, by the same code.
 *
 * One exception: DATA written with KEYS may list its rows in any order, so it is read whole (as `readPx` does) and
 * handed out as one block. Such files are sparse and rarely large.
 */

import { DenseDataReader, parseKeysData } from "./data.ts";
import type { PxDiagnostic } from "./diagnostics.ts";
import { splitHeader } from "./encoding.ts";
import type { PxFile } from "./model.ts";
import { fileOf, keysLayout, type ReadOptions, readHeader } from "./read.ts";

export interface PxStreamOptions extends ReadOptions {
  /** Cells per block (default 65,536): the memory the cells take is 9 bytes per cell of one block. */
  readonly blockCells?: number;
}

/** Cells `first` to `first + length - 1` of the table, in PX order, at the start of the arrays. */
export interface PxBlock {
  readonly first: number;
  readonly length: number;
  readonly data: Float64Array;
  readonly status: Uint8Array;
  /** The quoted symbols met so far (statuses 9 and up); it only grows. */
  readonly extraSymbols: readonly string[];
}

export interface PxStream {
  /** The file without its cells (`data` and `status` are empty), or undefined when the metadata is refused. */
  readonly header: PxFile | undefined;
  readonly cells: number;
  /** The code page the text is decoded with (iconv-lite name). */
  readonly encoding: string;
  /**
   * The cells in order. A block's arrays are reused for the next one: use a block before asking for the next.
   * Can be iterated once.
   */
  blocks(): AsyncGenerator<PxBlock>;
  /** The diagnostics so far: the metadata's, then, once `blocks` has ended, those of DATA. */
  diagnostics(): readonly PxDiagnostic[];
  /** Whether an error was found (in strict mode, any repair): the file would be refused by `readPx`. */
  readonly hasErrors: boolean;
}

export const DEFAULT_BLOCK_CELLS = 65_536;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads the metadata from `source` (chunks of a PX file) and returns a stream of its cells. */
export async function openPxStream(
  source: AsyncIterable<Uint8Array>,
  options: PxStreamOptions = {},
): Promise<PxStream> {
  const input = source[Symbol.asyncIterator]();
  let ended = false;
  const nextChunk = async (): Promise<Uint8Array | undefined> => {
    if (ended) return undefined;
    const r = await input.next();
    if (r.done) ended = true;
    return r.done ? undefined : r.value;
  };

  // The metadata: chunks until DATA= has been seen (the header is small; it is searched again from the start).
  const chunks: Uint8Array[] = [];
  let bytes: Uint8Array = new Uint8Array(0);
  let split = splitHeader(bytes);
  for (;;) {
    const chunk = await nextChunk();
    if (chunk === undefined) break;
    chunks.push(chunk);
    bytes = concat(chunks);
    chunks.splice(0, chunks.length, bytes);
    split = splitHeader(bytes);
    if (split.dataKeyword !== -1) break;
  }
  const { sink, encoding, structure, cells, context } = readHeader(bytes, split, options);
  const size = Math.max(1, Math.min(cells, options.blockCells ?? DEFAULT_BLOCK_CELLS));
  const extraSymbols: string[] = [];
  const header = structure
    ? fileOf(structure, { data: new Float64Array(0), status: new Uint8Array(0), extraSymbols })
    : undefined;
  let used = false;

  async function* keysBlocks(): AsyncGenerator<PxBlock> {
    const layout = structure && keysLayout(structure);
    if (!layout) return;
    const parts = [bytes];
    for (let chunk = await nextChunk(); chunk !== undefined; chunk = await nextChunk()) parts.push(chunk);
    const target = { data: new Float64Array(cells), status: new Uint8Array(cells), extraSymbols };
    parseKeysData(concat(parts), split.dataStart, target, layout, context);
    yield { first: 0, length: cells, ...target };
  }

  async function* denseBlocks(): AsyncGenerator<PxBlock> {
    const block = { data: new Float64Array(size), status: new Uint8Array(size), extraSymbols };
    const reader = new DenseDataReader(bytes, split.dataStart, cells, block, context, !ended);
    const current = (): PxBlock => ({ first: reader.blockFirst, length: reader.blockLength, ...block });
    for (;;) {
      const state = reader.read();
      if (state === "block") {
        yield current();
        reader.nextBlock();
      } else if (state === "more") {
        const chunk = await nextChunk();
        reader.feed(chunk ?? new Uint8Array(0), chunk !== undefined);
      } else {
        if (reader.blockLength > 0) yield current();
        reader.finish();
        return;
      }
    }
  }

  return {
    header,
    cells,
    encoding,
    blocks() {
      if (used) throw new Error("the cells of a PX stream can be read once");
      used = true;
      if (!structure) return (async function* () {})();
      return structure.keys ? keysBlocks() : denseBlocks();
    },
    diagnostics: () => sink.finish(),
    get hasErrors() {
      return sink.hasErrors;
    },
  };
}
