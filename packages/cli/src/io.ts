/** The CLI's I/O, passed in so tests can run commands in-process with captured output. */

import { readFile, writeFile } from "node:fs/promises";

export interface CliIo {
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  readonly readInput: (path: string) => Promise<Uint8Array>;
  readonly writeOutput: (path: string, bytes: Uint8Array) => Promise<void>;
}

export const processIo: CliIo = {
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

export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

/** Writes output to a file, or to standard output for "-". */
export async function emit(io: CliIo, output: string, bytes: Uint8Array): Promise<void> {
  if (output === "-") io.stdout(bytes);
  else await io.writeOutput(output, bytes);
}
