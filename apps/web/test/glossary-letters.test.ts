import { describe, expect, it } from "vitest";
import { ALPHABETS, groupByLetter, keptTerms, letterAnchor, letterOf, OTHER } from "../src/glossary/letters.ts";
import type { GlossaryTerm } from "../src/lib/api.ts";

const term = (id: string, name: string): GlossaryTerm => ({
  id,
  term: name,
  definition: "",
  source: "",
  related: [],
  tables: [],
  indicators: [],
  category: "concept",
});

describe("the glossary's letters", () => {
  it("are Latin for English and Cyrillic for Russian", () => {
    expect(ALPHABETS.en).toHaveLength(26);
    expect(ALPHABETS.ru).toContain("Я");
    expect(ALPHABETS.ru).not.toContain("Ё");
    expect(ALPHABETS.ru).not.toContain("Ы");
  });

  it("file a term under its first letter, Ё under Е, accents dropped, digits and others first", () => {
    expect(letterOf("refugee", "en")).toBe("R");
    expect(letterOf("Émigré", "en")).toBe("E");
    expect(letterOf("Ёмкость миграции", "ru")).toBe("Е");
    expect(letterOf("Йод", "ru")).toBe("Й");
    expect(letterOf("12-month rule", "en")).toBe(OTHER);
    expect(letterOf("Беженец", "en")).toBe(OTHER);
    expect(letterOf("Refugee", "ru")).toBe(OTHER);
    expect(letterOf("", "en")).toBe(OTHER);
  });

  it("group the terms by letter in alphabet order, keeping the terms' order within a letter", () => {
    const terms = [
      term("a", "Asylum seeker"),
      term("n", "9-month practice"),
      term("z", "Zero"),
      term("b", "Administrative data"),
      term("c", "Circular migration"),
    ];
    expect(groupByLetter(terms, "en").map((g) => [g.letter, g.terms.map((t) => t.id)])).toEqual([
      [OTHER, ["n"]],
      ["A", ["a", "b"]],
      ["C", ["c"]],
      ["Z", ["z"]],
    ]);
    expect(groupByLetter([], "ru")).toEqual([]);
  });

  it("give each letter's section an id that no term id takes", () => {
    expect(letterAnchor("Б")).toBe("glossary-letter-Б");
    expect(letterAnchor(OTHER)).toBe("glossary-letter-other");
  });
});

describe("a glossary search", () => {
  it("keeps the terms found in either language, in glossary order", () => {
    const all = [term("a", "A"), term("b", "B"), term("c", "C"), term("d", "D")];
    expect(
      keptTerms(all, [
        [{ id: "c" }, { id: "a" }],
        [{ id: "c" }, { id: "x" }],
      ]).map((t) => t.id),
    ).toEqual(["a", "c"]);
    expect(keptTerms(all, [[], []])).toEqual([]);
  });
});
