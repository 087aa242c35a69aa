import { describe, expect, it } from "vitest";
import { readPx, STATUS_NIL, STATUS_NOT_AVAILABLE } from "../src/index.ts";
import { bytes, minimalPx } from "./helpers.ts";

const read = (text: string, strict = false) => readPx(bytes(text), { strict });

describe("readPx: data", () => {
  it("reads values in STUB-then-HEADING order, in any whitespace layout", () => {
    const { file, diagnostics } = read(minimalPx("1\t2\n\n  3\r\n4 ;"));
    expect(diagnostics).toEqual([]);
    expect(Array.from(file?.data ?? [])).toEqual([1, 2, 3, 4]);
    expect(file?.stub.map((v) => v.name)).toEqual(["a"]);
    expect(file?.heading.map((v) => v.codes)).toEqual([["1", "2"]]);
  });

  it("parses decimals exactly as Number() does, including long and signed ones", () => {
    const samples = ["0.1", "-2.5", "123456789012.345", "1e3", "0.30000000000000004", "9007199254740993", "+7", "-0"];
    const { file } = read(minimalPx(`${samples.slice(0, 4).join(" ")};`));
    expect(Array.from(file?.data ?? [])).toEqual(samples.slice(0, 4).map(Number));
    const { file: more } = read(minimalPx(`${samples.slice(4).join(" ")};`));
    expect(Array.from(more?.data ?? [])).toEqual([0.30000000000000004, 9007199254740992, 7, 0]); // the nearest double
  });

  it("reads quoted symbols as statuses, dot symbols 1–7 and nil", () => {
    const { file } = read(minimalPx('"." ".." "-" "......."'));
    expect(Array.from(file?.status ?? [])).toEqual([1, STATUS_NOT_AVAILABLE, STATUS_NIL, 7]);
    expect(Array.from(file?.data ?? []).every(Number.isNaN)).toBe(true);
  });

  it("keeps other quoted symbols as extra symbols", () => {
    const { file } = read(minimalPx('"x" 5 "c" "x";'));
    expect(file?.extraSymbols).toEqual(["x", "c"]);
    expect(Array.from(file?.status ?? [])).toEqual([9, 0, 10, 9]);
  });

  it("accepts bare symbols with a warning (PCAxis.Core reads them too)", () => {
    const { file, diagnostics } = read(minimalPx(".. 2 - 4;"), true);
    expect(Array.from(file?.status ?? [])).toEqual([STATUS_NOT_AVAILABLE, 0, STATUS_NIL, 0]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.params.cell])).toEqual([
      ["PX044", "warning", 1],
      ["PX044", "warning", 3],
    ]);
  });

  it("repairs too few values in lenient mode and refuses them in strict mode", () => {
    const lenient = read(minimalPx("1 2 3;"));
    expect(Array.from(lenient.file?.status ?? [])).toEqual([0, 0, 0, STATUS_NOT_AVAILABLE]);
    expect(lenient.diagnostics).toMatchObject([
      { code: "PX040", severity: "warning", keyword: "DATA", params: { found: 3, expected: 4 } },
    ]);
    const strict = read(minimalPx("1 2 3;"), true);
    expect(strict.file).toBeUndefined();
    expect(strict.diagnostics[0]).toMatchObject({ code: "PX040", severity: "error" });
  });

  it("ignores extra values with a warning", () => {
    const { file, diagnostics } = read(minimalPx("1 2 3 4 5 6;"));
    expect(Array.from(file?.data ?? [])).toEqual([1, 2, 3, 4]);
    expect(diagnostics[0]?.repair).toBe("2 extra values were ignored");
  });

  it("names the line, column and cell of a value that is not a number", () => {
    const { diagnostics } = read(minimalPx("1 2\n3 abc;"));
    expect(diagnostics).toMatchObject([{ code: "PX041", line: 15, column: 3, keyword: "DATA", params: { cell: 4 } }]);
  });

  it("reads DATA without a final semicolon, and warns about text after it", () => {
    expect(read(minimalPx("1 2 3 4")).diagnostics.map((d) => d.code)).toEqual(["PX012"]);
    expect(read(minimalPx("1 2 3 4;\nrubbish")).diagnostics.map((d) => d.code)).toEqual(["PX043"]);
  });

  it("finds DATA after a semicolon on the same line and ignores DATA inside a string", () => {
    const text = minimalPx("1 2 3 4;", 'NOTE="DATA=5";').replace("DATA=1", 'SOURCE="s";DATA=1');
    const { file } = read(text);
    expect(Array.from(file?.data ?? [])).toEqual([1, 2, 3, 4]);
  });
});

describe("readPx: KEYS (sparse data)", () => {
  const keysFile = (rows: string, by = "VALUES") =>
    [
      'CHARSET="ANSI";',
      "DECIMALS=0;",
      'MATRIX="M";',
      'SUBJECT-CODE="S";',
      'SUBJECT-AREA="A";',
      'TITLE="T";',
      'CONTENTS="C";',
      'UNITS="u";',
      'STUB="s1","s2";',
      'HEADING="h";',
      'VALUES("s1")="a","b";',
      'VALUES("s2")="x","y","z";',
      'VALUES("h")="1","2";',
      'CODES("s2")="X","Y","Z";',
      `KEYS("s1")=VALUES;`,
      `KEYS("s2")=${by};`,
      "DATA=",
      rows,
    ].join("\n");

  it("expands rows into the dense order, absent rows being zero", () => {
    const { file, diagnostics } = readPx(bytes(keysFile('"a","y",1 2\n"b","z",3 ".."\n;')));
    expect(diagnostics).toEqual([]);
    expect(Array.from(file?.data ?? [])).toEqual([0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 3, Number.NaN]);
    expect(file?.status[11]).toBe(STATUS_NOT_AVAILABLE);
  });

  it("resolves keys by CODES when KEYS says so", () => {
    const { file } = readPx(bytes(keysFile('"b","X",7 8;', "CODES")));
    expect(Array.from(file?.data ?? []).slice(6, 8)).toEqual([7, 8]);
  });

  it("reports an unknown key with its line and skips the row", () => {
    const { file, diagnostics } = readPx(bytes(keysFile('"a","q",1 2\n"b","x",3 4;')));
    expect(diagnostics).toMatchObject([
      { code: "PX042", line: 18, keyword: "DATA", params: { problem: '"q" is not a value of "s2"' } },
    ]);
    expect(Array.from(file?.data ?? []).slice(6, 8)).toEqual([3, 4]);
    expect(readPx(bytes(keysFile('"a","q",1 2;')), { strict: true }).file).toBeUndefined();
  });
});
