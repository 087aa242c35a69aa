import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findEntry, readPx, selectLanguages, textOf, writePx } from "../src/index.ts";
import { CORPUS, FIXTURES } from "./helpers.ts";

const t3 = () => {
  const file = readPx(new Uint8Array(readFileSync(join(FIXTURES, "t3-ru-utf-8.px")))).file;
  if (!file) throw new Error("not read");
  return file;
};

describe("selectLanguages", () => {
  it("makes another language the default, keeping the old one as a variant", () => {
    const file = selectLanguages(t3(), ["en", "ru"]);
    expect(file.languages).toEqual(["en", "ru"]);
    expect(textOf(file, "TITLE")).toBe("Long-term immigration by country of previous residence, sex and year");
    expect(textOf(file, "TITLE", { language: "ru" })).toMatch(/^Долгосрочная иммиграция/);
    expect(file.stub[0]?.names).toEqual({ en: "Country of previous residence", ru: "Страна предыдущего проживания" });
    // Language-independent entries now name the variables in English.
    expect(findEntry(file, "CODES", { subkeys: ["Sex"] })?.value.items).toEqual(["_T", "M", "F"]);
    expect(
      findEntry(file, "VALUENOTE", { subkeys: ["Country of previous residence", "Other countries"] }),
    ).toBeDefined();
    expect(file.heading[0]?.timeUnit).toBe("A1");
    const original = t3();
    expect(selectLanguages(original, ["en"]).data).toBe(original.data); // shared, not copied
  });

  it("keeps one language only, and the result is a valid file", () => {
    const english = selectLanguages(t3(), ["en"]);
    expect(english.languages).toEqual(["en"]);
    expect(english.entries.some((e) => e.language !== undefined)).toBe(false);
    const back = readPx(writePx(english), { strict: true });
    expect(back.diagnostics).toEqual([]);
    expect(back.file?.stub.map((v) => v.values.en)).toEqual([
      ["Total", "Armenia", "Belarus", "Kazakhstan", "Other countries"],
      ["Total", "Men", "Women"],
    ]);
  });

  it("switches back and forth without loss on a three-language corpus file", () => {
    const path = join(CORPUS, "pxweb-example/multilanguage/BE0101F1langensvfiolikacelln.px");
    const file = readPx(new Uint8Array(readFileSync(path))).file;
    if (!file) throw new Error("not read");
    const there = selectLanguages(file, ["sv", "en", "fi"]);
    const back = selectLanguages(there, ["en", "sv", "fi"]);
    for (const lang of ["en", "sv", "fi"]) {
      expect(back.stub.map((v) => v.values[lang])).toEqual(file.stub.map((v) => v.values[lang]));
      expect(textOf(back, "TITLE", { language: lang })).toBe(textOf(file, "TITLE", { language: lang }));
    }
    expect(back.entries.length).toBe(file.entries.length);
  });

  it("refuses a language the file does not have", () => {
    expect(() => selectLanguages(t3(), ["fr"])).toThrow('the file has no language "fr"');
  });
});
