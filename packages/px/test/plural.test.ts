import { describe, expect, it } from "vitest";
import { countOf, formatDiagnostic, NOUNS, readPx } from "../src/index.ts";
import { bytes, minimalPx } from "./helpers.ts";

describe("plural forms in messages", () => {
  it("gives Russian one / few / many and English one / other", () => {
    const ru = [1, 2, 5, 11, 21, 22, 25, 111].map((n) => countOf(n, NOUNS.value.ru, "ru"));
    expect(ru).toEqual([
      "1 значение",
      "2 значения",
      "5 значений",
      "11 значений",
      "21 значение",
      "22 значения",
      "25 значений",
      "111 значений",
    ]);
    expect([1, 2].map((n) => countOf(n, NOUNS.period.en))).toEqual(["1 period", "2 periods"]);
  });

  it("says a diagnostic's counts in good Russian and English", () => {
    const { diagnostics } = readPx(bytes(minimalPx("1 2 3;")));
    const d = diagnostics[0];
    if (!d) throw new Error("no diagnostic");
    expect(formatDiagnostic(d, "", "ru")).toContain("в DATA 3 значения, ожидалось 4");
    expect(formatDiagnostic(d)).toContain("DATA has 3 values, expected 4");
  });
});
