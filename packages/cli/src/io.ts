/** The CLI's I/O, passed in so tests can run commands in-process with captured output. */

import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface CliIo {
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  readonly readInput: (path: string) => Promise<Uint8Array>;
  /** The input in chunks, for reading a file of any size in fixed memory ("-" is standard input). */
  readonly readChunks: (path: string) => AsyncIterable<Uint8Array>;
  /**
   * Writes chunks as they come, waiting when the output is slower ("-" is standard output). When the chunks
   * fail, a file begun is removed, so no half-written output is left behind.
   */
  readonly writeChunks: (path: string, chunks: AsyncIterable<Uint8Array>) => Promise<void>;
}

/** Chunks of this size are read: fewer, larger reads cost less than the default 64 KB. */
const READ_CHUNK = 1 << 20;

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (path) => (path === "-" ? readStdin() : new Uint8Array(await readFile(path))),
  readChunks: (path) => (path === "-" ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK })),
  writeChunks: async (path, chunks) => {
    if (path === "-") return pipeline(Readable.from(chunks), process.stdout, { end: false });
    try {
      await pipeline(Readable.from(chunks), createWriteStream(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  },
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}
