import { describe, expect, it } from "vitest";
import { formatDiagnostic, readPx } from "../src/index.ts";
import { bytes, minimalPx } from "./helpers.ts";

const diagnose = (text: string, strict = false) => readPx(bytes(text), { strict });

describe("readPx: structure and validation", () => {
  it("refuses a file without a mandatory keyword, naming it", () => {
    for (const keyword of ["MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "CONTENTS", "TITLE", "UNITS", "DECIMALS"]) {
      const text = minimalPx().replace(new RegExp(`^${keyword}=.*$`, "m"), "");
      const { file, diagnostics } = diagnose(text);
      expect(file, keyword).toBeUndefined();
      expect(diagnostics, keyword).toContainEqual(
        expect.objectContaining({ code: "PX020", keyword, severity: "error" }),
      );
    }
  });

  it("refuses a variable without VALUES and a CODES list of the wrong length", () => {
    const noValues = diagnose(minimalPx().replace('VALUES("b")="1","2";', ""));
    expect(noValues.diagnostics).toContainEqual(
      expect.objectContaining({ code: "PX020", params: { keyword: 'VALUES("b")' } }),
    );
    const badCodes = diagnose(minimalPx("1 2 3 4;", 'CODES("a")="X";'));
    expect(badCodes.file).toBeUndefined();
    expect(badCodes.diagnostics[0]).toMatchObject({ code: "PX025", keyword: "CODES", line: 13 });
  });

  it("refuses duplicate codes, which would make cells unaddressable", () => {
    const { diagnostics } = diagnose(minimalPx("1 2 3 4;", 'CODES("a")="X","X";'));
    expect(diagnostics[0]).toMatchObject({ code: "PX030", severity: "error", params: { value: "X", variable: "a" } });
  });

  it("is fatal for a stray quote in a structural keyword and repairs it in a descriptive one", () => {
    const fatal = diagnose(minimalPx().replace('MATRIX="M";', 'MATRIX="M"X";'));
    expect(fatal.file).toBeUndefined();
    expect(fatal.diagnostics[0]).toMatchObject({ code: "PX028", keyword: "MATRIX", line: 3, column: 10 });
    const repaired = diagnose(minimalPx("1 2 3 4;", 'SOURCE="Stati"stics";'));
    expect(repaired.file).toBeDefined();
    expect(repaired.diagnostics).toMatchObject([{ code: "PX011", severity: "warning", keyword: "SOURCE" }]);
    expect(diagnose(minimalPx("1 2 3 4;", 'SOURCE="Stati"stics";'), true).file).toBeUndefined();
  });

  it("ignores notes on unknown variables and values with a warning", () => {
    const { file, diagnostics } = diagnose(
      minimalPx("1 2 3 4;", 'NOTE("q")="n";\nVALUENOTE("a","nope")="v";\nCELLNOTE("*","3")="c";'),
    );
    expect(file?.entries.some((e) => e.keyword === "NOTE" || e.keyword === "VALUENOTE")).toBe(false);
    expect(diagnostics.map((d) => d.code)).toEqual(["PX021", "PX022", "PX022"]);
  });

  it("checks SHOWDECIMALS against DECIMALS and YES/NO keywords", () => {
    const { diagnostics } = diagnose(minimalPx("1 2 3 4;", "SHOWDECIMALS=2;\nAUTOPEN=MAYBE;"));
    expect(diagnostics.map((d) => [d.code, d.keyword])).toEqual([
      ["PX026", "SHOWDECIMALS"],
      ["PX026", "AUTOPEN"],
    ]);
  });

  it("reads TIMEVAL lists and ranges and reports one that does not fit", () => {
    const ok = diagnose(
      minimalPx("1 2 3 4;", 'TIMEVAL("b")=TLIST(A1),"2001","2002";').replace('="1","2"', '="2001","2002"'),
    );
    expect(ok.file?.heading[0]?.timeUnit).toBe("A1");
    const range = diagnose(
      minimalPx("1 2 3 4;", 'TIMEVAL("b")=TLIST(Q1,"2020Q4"-"2021Q1");').replace('="1","2"', '="2020Q4","2021Q1"'),
    );
    expect(range.diagnostics).toEqual([]);
    expect(range.file?.heading[0]?.timeUnit).toBe("Q1");
    const bad = diagnose(minimalPx("1 2 3 4;", 'TIMEVAL("b")=TLIST(A1),"2001";'));
    expect(bad.diagnostics[0]).toMatchObject({ code: "PX032", params: { problem: "1 period for 2 values" } });
    expect(bad.file?.heading[0]?.timeUnit).toBeUndefined();
  });

  it("requires UNITS for each value of the CONTVARIABLE", () => {
    const text = minimalPx("1 2 3 4;", 'CONTVARIABLE="a";\nUNITS("x")="persons";');
    const { diagnostics } = diagnose(text);
    expect(diagnostics).toMatchObject([{ code: "PX020", params: { keyword: 'UNITS("y")' } }]);
    expect(diagnose(`${text.replace("DATA=", 'UNITS("y")="%";\nDATA=')}`).file?.stub[0]?.isContents).toBe(true);
  });

  it("reads languages: names, values and subkeys per language", () => {
    const text = minimalPx(
      "1 2 3 4;",
      [
        'LANGUAGE="en";',
        'LANGUAGES="en","ru";',
        'TITLE[ru]="Заголовок";',
        'CONTENTS[ru]="Содержание";',
        'UNITS[ru]="человек";',
        'STUB[ru]="а";',
        'HEADING[ru]="б";',
        'VALUES[ru]("а")="икс","игрек";',
        'VALUES[ru]("б")="1","2";',
        'VALUENOTE[ru]("а","игрек")="примечание";',
      ].join("\n"),
    );
    const { file, diagnostics } = diagnose(text);
    expect(diagnostics).toEqual([]);
    expect(file?.languages).toEqual(["en", "ru"]);
    expect(file?.stub[0]?.names).toEqual({ en: "a", ru: "а" });
    expect(file?.stub[0]?.values).toEqual({ en: ["x", "y"], ru: ["икс", "игрек"] });
  });

  it("falls back to the default language where a translation is missing, and ignores undeclared languages", () => {
    const text = minimalPx("1 2 3 4;", 'LANGUAGE="en";\nLANGUAGES="en","sv";\nTITLE[xx]="?";');
    const { file, diagnostics } = diagnose(text);
    expect(file?.stub[0]?.values.sv).toEqual(["x", "y"]);
    expect(diagnostics.map((d) => [d.code, d.params.keyword])).toEqual([
      ["PX023", undefined],
      ["PX031", "STUB"],
      ["PX031", 'VALUES("a")'],
      ["PX031", 'VALUES("b")'],
      ["PX031", "TITLE"],
      ["PX031", "CONTENTS"],
      ["PX031", "UNITS"],
    ]);
  });

  it("gives messages in Russian too", () => {
    const { diagnostics } = diagnose(minimalPx().replace('MATRIX="M";', ""));
    const d = diagnostics[0];
    expect(d && formatDiagnostic(d, "t.px", "ru")).toBe(
      "t.px: ошибка PX020 [MATRIX]: отсутствует обязательное ключевое слово MATRIX",
    );
    expect(d && formatDiagnostic(d, "t.px")).toBe("t.px: error PX020 [MATRIX]: mandatory keyword MATRIX is missing");
  });

  it("refuses a table over the cell limit before allocating it", () => {
    const { file, diagnostics } = readPx(bytes(minimalPx()), { maxCells: 3 });
    expect(file).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: "PX040", keyword: "DATA" });
  });
});
