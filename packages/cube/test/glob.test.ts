import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globMatcher, hasWildcard, SELECTION_LIMITS, select, selectionSizeError } from "../src/index.ts";
import { dataset, dim } from "./build.ts";

/** The definition of a match, by dynamic programming over every prefix pair: slow, obviously right. */
function reference(pattern: string, text: string, anyOne: boolean): boolean {
  let row = [true, ...Array.from(text, () => false)];
  for (const c of pattern) {
    const next = [c === "*" && (row[0] as boolean)];
    for (let j = 1; j <= text.length; j++) {
      next[j] =
        c === "*"
          ? (row[j] as boolean) || (next[j - 1] as boolean)
          : (row[j - 1] as boolean) && (c === text[j - 1] || (anyOne && c === "?"));
    }
    row = next;
  }
  return row[text.length] as boolean;
}

describe("globMatcher", () => {
  it("matches as the definition does (property)", () => {
    const alphabet = fc.constantFrom("a", "b", "?", "*");
    const word = (max: number) => fc.array(alphabet, { maxLength: max }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(word(8), word(10), fc.boolean(), (pattern, text, anyOne) => {
        expect(globMatcher(pattern, { anyOne })(text)).toBe(reference(pattern, text, anyOne));
      }),
      { numRuns: 2000 },
    );
  });

  it("takes a literal ?, and case, unless told otherwise", () => {
    expect(globMatcher("20?0")("2010")).toBe(false);
    expect(globMatcher("20?0")("20?0")).toBe(true);
    expect(globMatcher("20?0", { anyOne: true })("2010")).toBe(true);
    expect(globMatcher("arm*")("ARMENIA")).toBe(false);
    expect(globMatcher("arm*", { ignoreCase: true })("ARMENIA")).toBe(true);
    expect(hasWildcard("20?0")).toBe(false);
    expect(hasWildcard("20?0", { anyOne: true })).toBe(true);
  });

  it("answers a pattern of many stars that cannot match at once (a backtracking regex took 78 s)", () => {
    const started = performance.now();
    const matches = globMatcher(`${"*".repeat(60)}!`, { anyOne: true });
    const hostile = `${"*a".repeat(500)}!b`;
    for (let i = 0; i < 1000; i++) expect(matches("Y15-19_and_some_longer_code")).toBe(false);
    expect(globMatcher(hostile)("a".repeat(1000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("selection size limits", () => {
  const table = () =>
    dataset([dim("reporter", ["ARM", "GEO", "KAZ"]), dim("year", ["2020", "2021"], { role: "time" })]);
  const all = (values: string[]) => [
    { code: "reporter", selection: { filter: "all", values } },
    { code: "year", selection: { filter: "all", values: ["*"] } },
  ];

  it("refuses too many values, too long codes and too many patterns before any work, naming the variable", () => {
    const cases: [string[], RegExp, number][] = [
      [Array(SELECTION_LIMITS.values + 1).fill("*"), /"reporter" has 20001 values/, SELECTION_LIMITS.values],
      [["A".repeat(SELECTION_LIMITS.length + 1)], /1001 characters/, SELECTION_LIMITS.length],
      [Array.from({ length: 21 }, (_, i) => `*${i}`), /21 wildcard patterns/, SELECTION_LIMITS.wildcards],
    ];
    for (const [values, message, limit] of cases) {
      const result = select(table(), all(values));
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error).toMatchObject({ code: "selection-too-large", dimension: "reporter", limit });
      expect(result.error.message.en).toMatch(message);
      expect(result.error.message.ru).toMatch(/«reporter»/);
    }
    // At the limit, repeated patterns count once: 20,000 stars are one pattern.
    expect(select(table(), all(Array(SELECTION_LIMITS.values).fill("*"))).ok).toBe(true);
    const variables = Array.from({ length: 101 }, (_, i) => ({ code: `v${i}`, values: ["x"] }));
    expect(selectionSizeError(variables, () => false)?.message.en).toMatch(/101 variables/);
  });
});
