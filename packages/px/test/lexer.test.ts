import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../src/diagnostics.ts";
import { lexHeader } from "../src/lexer.ts";

function lex(text: string, strict = false) {
  const sink = new DiagnosticSink(strict);
  const entries = lexHeader(text, sink);
  return { entries, diagnostics: sink.items };
}

describe("lexHeader", () => {
  it("reads keyword, language, subkeys and a list", () => {
    const { entries, diagnostics } = lex('VALUES[sv]("Region", "x")="a","b",\n"c";');
    expect(diagnostics).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      keyword: "VALUES",
      language: "sv",
      subkeys: ["Region", "x"],
      value: { items: ["a", "b", "c"], bare: false },
      line: 1,
      column: 1,
    });
  });

  it("joins strings continued on the next line with nothing between them, as PCAxis.Core does", () => {
    // PCAxis.Core's PXFileParser appends the characters of consecutive quoted strings without a separator; the
    // corpus file Hierarchies/PR0101B3hier2lang.px relies on it ("… andperiod" in its title).
    const { entries } = lex('TITLE="Population by region and"\n"period";\nNOTE="Sö"\r\n"dertälje" "kommun";');
    expect(entries.map((e) => e.value.items)).toEqual([["Population by region andperiod"], ["Södertäljekommun"]]);
  });

  it("accepts CRLF, LF and CR line ends, tabs and a byte order mark, and counts lines right", () => {
    const { entries } = lex('\uFEFFA="1";\r\nB=\t"2";\rC="3";\nD="4";');
    expect(entries.map((e) => [e.keyword, e.line, e.value.items[0]])).toEqual([
      ["A", 1, "1"],
      ["B", 2, "2"],
      ["C", 3, "3"],
      ["D", 4, "4"],
    ]);
  });

  it("reads bare words and numbers", () => {
    const { entries } = lex('DECIMALS=2;\nAUTOPEN=YES;\nKEYS("a")=VALUES;');
    expect(entries.map((e) => e.value)).toEqual([
      { items: ["2"], bare: true },
      { items: ["YES"], bare: true },
      { items: ["VALUES"], bare: true },
    ]);
  });

  it("reads both TLIST forms", () => {
    const { entries } = lex('TIMEVAL("t")=TLIST(A1),"1990","1991";\nTIMEVAL("u")=TLIST(M1, "2020M01"-"2020M03");');
    expect(entries[0]?.value).toEqual({ items: ["1990", "1991"], bare: false, tlist: { unit: "A1", range: false } });
    expect(entries[1]?.value).toEqual({
      items: ["2020M01", "2020M03"],
      bare: false,
      tlist: { unit: "M1", range: true },
    });
  });

  it("reads HIERARCHIES parent:child pairs", () => {
    const { entries } = lex('HIERARCHIES("r")="00","00":"01","01":"0114";');
    expect(entries[0]?.value).toEqual({ items: ["00", "01", "0114"], bare: false, parents: [null, "00", "01"] });
  });

  it("keeps a stray quote as text and marks the entry, leaving the verdict to validation", () => {
    const { entries, diagnostics } = lex('CONTACT("x")="Ewa Eri"ksson, SCB";\nNEXT="ok";');
    expect(entries[0]?.value.items).toEqual(['Ewa Eri"ksson, SCB']);
    expect(entries[0]?.strayQuote).toEqual({ line: 1, column: 22 });
    expect(entries[1]?.value.items).toEqual(["ok"]);
    expect(diagnostics).toEqual([]);
  });

  it("closes a string left open before a line that starts a keyword, and says so", () => {
    const { entries, diagnostics } = lex('NOTE="open;\nSOURCE="s";');
    expect(entries.map((e) => e.value.items[0])).toEqual(["open", "s"]);
    expect(diagnostics).toMatchObject([{ code: "PX010", severity: "warning", line: 1, column: 6, keyword: "NOTE" }]);
    expect(lex('NOTE="open;\nSOURCE="s";', true).diagnostics[0]?.severity).toBe("error");
  });

  it("reads a string that continues on the next line, with the line break as #", () => {
    const { entries, diagnostics } = lex('NOTE="first line\nsecond line";');
    expect(entries[0]?.value.items).toEqual(["first line#second line"]);
    expect(diagnostics).toMatchObject([{ code: "PX016", severity: "warning", line: 1 }]);
  });

  it("assumes a missing semicolon before the next keyword and at the end", () => {
    const { entries, diagnostics } = lex('A="1"\nB="2";\nC="3"');
    expect(entries.map((e) => e.value.items[0])).toEqual(["1", "2", "3"]);
    expect(diagnostics.map((d) => [d.code, d.keyword, d.line])).toEqual([
      ["PX012", "A", 2],
      ["PX012", "C", 3],
    ]);
  });

  it("reads an empty last item after a trailing comma, as PCAxis.Core does", () => {
    const { entries, diagnostics } = lex('CODES("sex")="1","2",;');
    expect(entries[0]?.value.items).toEqual(["1", "2", ""]);
    expect(diagnostics).toMatchObject([{ code: "PX017", severity: "warning" }]);
  });

  it("reports a malformed keyword with its place and goes on with the next entry", () => {
    const { entries, diagnostics } = lex('GOOD="1";\nBAD("x" "2";\nALSO="3";');
    expect(entries.map((e) => e.keyword)).toEqual(["GOOD", "ALSO"]);
    expect(diagnostics[0]).toMatchObject({ code: "PX014", severity: "error", keyword: "BAD", line: 2 });
  });
});
