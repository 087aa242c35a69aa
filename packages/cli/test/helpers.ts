import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../src/io.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = join(here, "../../../../shared/corpus/px");
export const FIXTURES = join(here, "../../px/test/fixtures");

/** Runs the CLI in-process with captured output and an in-memory file system for outputs. */
export async function runWith(command: (argv: string[], io: CliIo) => Promise<number>, argv: string[]) {
  let stdout = "";
  let stderr = "";
  const written = new Map<string, Uint8Array>();
  const binary: Uint8Array[] = [];
  const io: CliIo = {
    stdout: (t) => {
      if (typeof t === "string") stdout += t;
      else binary.push(t);
    },
    stderr: (t) => {
      stderr += t;
    },
    readInput: async (path) => new Uint8Array(readFileSync(path)),
    // Small odd-sized chunks, so that tokens and line ends fall across chunk boundaries.
    readChunks: async function* (path) {
      const bytes = new Uint8Array(readFileSync(path));
      for (let at = 0; at < bytes.length; at += 997) yield bytes.subarray(at, at + 997);
    },
    writeChunks: async (path, chunks) => {
      const parts: Uint8Array[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      const bytes = new Uint8Array(Buffer.concat(parts));
      if (path === "-") binary.push(bytes);
      else written.set(path, bytes);
    },
  };
  const code = await command(argv, io);
  return { code, stdout, stderr, written, binary };
}
