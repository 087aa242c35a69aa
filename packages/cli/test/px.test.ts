import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliIo, main } from "../src/cli/main.ts";
import { readPx } from "../src/index.ts";
import { CORPUS, FIXTURES } from "./helpers.ts";

/** Runs the CLI in-process with captured output and an in-memory file system for outputs. */
async function run(...argv: string[]) {
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
  const code = await main(argv, io);
  return { code, stdout, stderr, written, binary };
}

const corpus = (path: string) => join(CORPUS, path);

describe("px CLI", () => {
  it("inspect --json prints the facts any tool can check", async () => {
    const { code, stdout } = await run("inspect", "--json", corpus("pxweb-example/Quarter/HA0201E8.px"));
    expect(code).toBe(0);
    const facts = JSON.parse(stdout);
    expect(Object.keys(facts)).toEqual(["title", "languages", "stub", "heading", "cells"]);
    expect(facts.cells).toBe(117);
    expect(facts.stub[0].name).toBe("Commodity group SITC");
    expect(facts.heading[0].codes.slice(0, 2)).toEqual(["2006K1", "2006K2"]);
  });

  it("inspect --lang shows another language's names", async () => {
    const { stdout } = await run("inspect", "--json", "--lang", "en", join(FIXTURES, "t3-ru-windows-1251.px"));
    expect(JSON.parse(stdout)).toMatchObject({
      title: "Long-term immigration by country of previous residence, sex and year",
      languages: ["ru", "en"],
      stub: [{ name: "Country of previous residence", codes: ["_T", "ARM", "BLR", "KAZ", "_O"] }, { name: "Sex" }],
    });
    const bad = await run("inspect", "--lang", "fr", join(FIXTURES, "t3-ru-windows-1251.px"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the file has no language "fr" (it has: ru, en)');
  });

  it("validate exits 1 on a refused file and names keyword and line", async () => {
    const path = corpus("pxweb-example/error/fatal/BE0101F1errorMatrix.px");
    const { code, stdout } = await run("validate", path);
    expect(code).toBe(1);
    expect(stdout).toContain(`${path}:8:13: error PX028 [MATRIX]: malformed value of MATRIX`);
    expect(stdout).toContain("invalid (1 errors, 0 warnings)");
  });

  it("validate exits 0 with warnings on a repairable file, and 1 with --strict", async () => {
    const path = corpus("pxweb-example/error/continue/BE0101F1errorNote.px");
    const lenient = await run("validate", "--json", path);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout)).toMatchObject({ valid: true, errors: 0, warnings: 1 });
    expect((await run("validate", "--strict", path)).code).toBe(1);
  });

  it("convert writes PX in the chosen encoding and languages, to a file or to standard output", async () => {
    const input = join(FIXTURES, "t3-ru-utf-8.px");
    const toFile = await run("convert", "--encoding", "windows-1251", input, "out.px");
    expect(toFile.code).toBe(0);
    const back = readPx(toFile.written.get("out.px") ?? new Uint8Array());
    expect(back.encoding).toBe("windows-1251");
    const toStdout = await run("convert", "--lang", "en", input, "-");
    const english = readPx(toStdout.binary[0] ?? new Uint8Array());
    expect(english.file?.languages).toEqual(["en"]);
    expect(english.file?.stub[0]?.name).toBe("Country of previous residence");
    expect(Array.from(english.file?.data ?? [])).toEqual(Array.from(back.file?.data ?? []));
  });

  it("explains wrong usage and missing files", async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run("frobnicate", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const missing = await run("inspect", "/nonexistent.px");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("/nonexistent.px: no such file");
    const format = await run("convert", join(FIXTURES, "t3-ru-utf-8.px"), "out.docx");
    expect(format.stderr).toContain('unsupported output format "docx"');
  });
});
