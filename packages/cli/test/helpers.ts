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
    writeOutput: async (path, bytes) => void written.set(path, bytes),
  };
  const code = await command(argv, io);
  return { code, stdout, stderr, written, binary };
}
