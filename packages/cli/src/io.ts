/** The CLI's I/O, passed in so tests can run commands in-process with captured output. */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

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
/**
 * Bytes queued for writing before the producer waits: with the default 16 KB every chunk waited for its write,
 * and the work and the writing took turns instead of overlapping.
 */
const WRITE_QUEUE = 8 << 20;

/** Writes the chunks to `out`, waiting whenever its queue is full. */
async function writeAll(out: Writable, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) if (!out.write(chunk)) await once(out, "drain");
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (path) => (path === "-" ? readStdin() : new Uint8Array(await readFile(path))),
  readChunks: (path) => (path === "-" ? process.stdin : createReadStream(path, { highWaterMark: READ_CHUNK })),
  writeChunks: async (path, chunks) => {
    if (path === "-") {
      // A reader that stops early (`| head`) closes the pipe: nothing more to write, and nothing went wrong.
      return writeAll(process.stdout, chunks).catch((error: unknown) => {
        if (!isNodeError(error) || error.code !== "EPIPE") throw error;
      });
    }
    const out = createWriteStream(path, { highWaterMark: WRITE_QUEUE });
    try {
      await writeAll(out, chunks);
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
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
