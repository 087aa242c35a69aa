import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPx } from "@clearinghouse/px";
import { describe, expect, it } from "vitest";
import { main } from "../src/px.ts";
import { CORPUS, FIXTURES, runWith } from "./helpers.ts";

const run = (...argv: string[]) => runWith(main, argv);

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
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('cannot tell the format of "out.docx"');
  });
});

describe("px convert to other formats", () => {
  const input = join(FIXTURES, "t3-ru-utf-8.px");

  it("writes JSON-stat 2.0 in the chosen language, by extension or --to", async () => {
    const byExtension = await run("convert", "--lang", "en", input, "t3.json");
    const json = JSON.parse(new TextDecoder().decode(byExtension.written.get("t3.json")));
    expect(json).toMatchObject({
      version: "2.0",
      class: "dataset",
      label: "Long-term immigration by country of previous residence, sex and year",
    });
    expect(json.value.slice(0, 3)).toEqual([12500, 13100, 6200]);
    const byName = await run("convert", "--to", "json-stat2", input, "-");
    expect(JSON.parse(new TextDecoder().decode(byName.binary[0])).label).toMatch(/^Долгосрочная иммиграция/);
  });

  it("writes CSV, Excel and HTML", async () => {
    const csv = await run("convert", "--lang", "en", input, "t3.csv");
    const lines = new TextDecoder().decode(csv.written.get("t3.csv")).split("\r\n");
    expect(lines[1]).toBe("_T,Total,_T,Total,2022,2022,12500,,");
    const xlsx = await run("convert", input, "t3.xlsx");
    expect(Array.from(xlsx.written.get("t3.xlsx")?.slice(0, 2) ?? [])).toEqual([0x50, 0x4b]); // a ZIP file
    const html = await run("convert", "--to", "html", input, "-");
    expect(new TextDecoder().decode(html.binary[0])).toContain("<caption>");
  });

  it("reads those formats back: CSV → PX keeps the numbers", async () => {
    const csv = await run("convert", "--lang", "en", input, "t3.csv");
    const path = "/tmp/cli-test-t3.csv";
    writeFileSync(path, csv.written.get("t3.csv") ?? new Uint8Array());
    const px = await run("convert", path, "-");
    expect(px.code).toBe(0);
    expect(Array.from(readPx(px.binary[0] ?? new Uint8Array()).file?.data.slice(0, 3) ?? [])).toEqual([
      12500, 13100, 6200,
    ]);
  });

  it("refuses an unknown format and a language the table lacks", async () => {
    expect((await run("convert", "--to", "docx", input, "-")).stderr).toContain('unknown format "docx"');
    expect((await run("convert", "--lang", "fr", input, "out.csv")).stderr).toContain('the table has no language "fr"');
  });
});
