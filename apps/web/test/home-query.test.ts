import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlight, preselection, queryOf, termWords, withQuery } from "../src/home/query.ts";

const marked = (text: string, query: string) =>
  highlight(text, query)
    .filter((p) => p.mark)
    .map((p) => p.text);

describe("the search term in the URL", () => {
  it("reads ?q= trimmed, and writes it back, nothing for an empty term", () => {
    expect(queryOf("?q=%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D0%BD%D1%82")).toBe("мигрант");
    expect(queryOf("?view=chart&q=+Kazakhstan+")).toBe("Kazakhstan");
    expect(queryOf("")).toBe("");
    expect(withQuery("/en/glossary", "  ")).toBe("/en/glossary");
    expect(withQuery("/ru/", "a&b c")).toBe("/ru/?q=a%26b+c");
  });

  it("round-trips any term", () => {
    fc.assert(
      fc.property(fc.string(), (q) => {
        expect(queryOf(withQuery("/en/", q).replace(/^[^?]*/, ""))).toBe(q.trim());
      }),
    );
  });
});

describe("marking the words a search matched", () => {
  it("marks word starts that a query word begins, ignoring case, accents and ё", () => {
    expect(highlight("Long-term immigration from Kazakhstan", "kazakh")).toEqual([
      { text: "Long-term immigration from ", mark: false },
      { text: "Kazakh", mark: true },
      { text: "stan", mark: false },
    ]);
    expect(marked("Учёт мигрантов", "учет")).toEqual(["Учёт"]);
    expect(marked("Türkiye", "TURK")).toEqual(["Türk"]);
    // Not inside a word: "migration" in "immigration" is no match.
    expect(marked("Long-term immigration", "migration")).toEqual([]);
  });

  it("marks a Russian word in another case: all the query word but its ending", () => {
    expect(marked("Население по статусу гражданства", "гражданство")).toEqual(["гражданств"]);
    expect(marked("Страна гражданства", "гражданин")).toEqual([]);
    // Several query words, each where it occurs.
    expect(marked("Long-term emigration by country of citizenship", "citizen emigr")).toEqual(["emigr", "citizen"]);
  });

  it("gives the text back unchanged, whatever it and the query are", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, query) => {
        const parts = highlight(text, query);
        expect(parts.map((p) => p.text).join("")).toBe(text);
        expect(parts.every((p) => p.text.length > 0)).toBe(true);
      }),
    );
    expect(highlight("Kazakhstan", "")).toEqual([{ text: "Kazakhstan", mark: false }]);
    expect(termWords("  Kazakhstan, КАЗАХСТАН kazakhstan ")).toEqual(["kazakhstan", "казахстан"]);
  });
});

describe("a search result's link", () => {
  it("opens the table with the country found selected, the reporting country first", () => {
    expect(
      preselection([
        { kind: "title", text: "Immigration" },
        {
          kind: "value",
          text: "Kazakhstan",
          variable: "Previous residence",
          variableCode: "prevres",
          valueCode: "KAZ",
        },
        {
          kind: "value",
          text: "Kazakhstan",
          variable: "Reporting country",
          variableCode: "reporter",
          valueCode: "KAZ",
        },
      ]),
    ).toBe("?v.reporter=KAZ");
    expect(
      preselection([{ kind: "value", text: "Côte", variable: "Partner", variableCode: "prevres", valueCode: "C,I" }]),
    ).toBe("?v.prevres=C%2CI");
    expect(preselection([{ kind: "title", text: "Immigration" }])).toBe("");
  });
});
