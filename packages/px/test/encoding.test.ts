import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guessSingleByte, looksLikeUtf8 } from "../src/encoding.ts";
import { readPx, textOf, writePx } from "../src/index.ts";
import { comparable, FIXTURES } from "./helpers.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe("code pages", () => {
  it("reads the hand-made windows-1251 and UTF-8 files to the same model", () => {
    const cp1251 = readPx(fixture("t3-ru-windows-1251.px"));
    const utf8 = readPx(fixture("t3-ru-utf-8.px"));
    expect(cp1251.diagnostics).toEqual([]);
    expect(cp1251.encoding).toBe("windows-1251");
    expect(utf8.encoding).toBe("utf8");
    const file = cp1251.file;
    if (!file || !utf8.file) throw new Error("not read");
    expect(textOf(file, "TITLE")).toBe("Долгосрочная иммиграция по стране предыдущего проживания, полу и годам");
    expect(textOf(file, "TITLE", { language: "en" })).toBe(
      "Long-term immigration by country of previous residence, sex and year",
    );
    expect(file.stub[0]?.values.ru).toEqual(["Всего", "Армения", "Беларусь", "Казахстан", "Другие страны"]);
    expect(file.stub[0]?.codes).toEqual(["_T", "ARM", "BLR", "KAZ", "_O"]);
    expect(file.heading[0]?.timeUnit).toBe("A1");
    expect(Array.from(file.data.slice(0, 6))).toEqual([12500, 13100, 6200, 6550, 6300, 6550]);
    expect(comparable(utf8.file)).toEqual(comparable(file));
  });

  it("writes windows-1251 byte for byte: Армения is C0 F0 EC E5 ED E8 FF", () => {
    const file = readPx(fixture("t3-ru-utf-8.px")).file;
    if (!file) throw new Error("not read");
    const out = Buffer.from(writePx(file, { encoding: "windows-1251" }));
    expect(out.indexOf(Buffer.from([0xc0, 0xf0, 0xec, 0xe5, 0xed, 0xe8, 0xff]))).toBeGreaterThan(0);
    expect(out.toString("latin1")).toContain('CODEPAGE="windows-1251";');
    const back = readPx(out);
    expect(back.encoding).toBe("windows-1251");
    expect(comparable(back.file ?? file)).toEqual(comparable(file));
  });

  it("refuses to write text the chosen code page cannot hold, naming the keyword", () => {
    const file = readPx(fixture("t3-ru-utf-8.px")).file;
    if (!file) throw new Error("not read");
    expect(() => writePx(file, { encoding: "iso-8859-1" })).toThrow(
      /SUBJECT-AREA has characters that iso-8859-1 cannot hold/,
    );
  });

  it("detects a file whose declared code page is wrong, both ways", () => {
    const utf8 = readPx(fixture("t3-ru-declared-latin1-but-utf-8.px"));
    expect(utf8.encoding).toBe("utf8");
    expect(utf8.diagnostics).toMatchObject([
      { code: "PX002", keyword: "CODEPAGE", line: 3, params: { declared: "iso-8859-1", detected: "UTF-8" } },
    ]);
    expect(textOf(utf8.file ?? fail(), "UNITS")).toBe("человек");
    const cp1251 = readPx(fixture("t3-ru-declared-utf-8-but-windows-1251.px"));
    expect(cp1251.encoding).toBe("windows-1251");
    expect(textOf(cp1251.file ?? fail(), "UNITS")).toBe("человек");
    expect(readPx(fixture("t3-ru-declared-utf-8-but-windows-1251.px"), { strict: true }).file).toBeUndefined();
  });

  it("tells UTF-8 from single-byte text", () => {
    expect(looksLikeUtf8(new TextEncoder().encode("Армения"))).toBe(true);
    expect(looksLikeUtf8(new Uint8Array([0xc0, 0xf0, 0xec]))).toBe(false);
    expect(looksLikeUtf8(new TextEncoder().encode("ascii only"))).toBe(false);
    expect(
      guessSingleByte(new Uint8Array(Buffer.from("Армения и Грузия", "utf16le").filter((_, i) => i % 2 === 0))),
    ).toBe("windows-1252");
    expect(guessSingleByte(new Uint8Array([0xc0, 0xf0, 0xec, 0xe5, 0xed, 0xe8, 0xff]))).toBe("windows-1251");
    expect(guessSingleByte(new Uint8Array(Buffer.from("Södertälje kommun", "latin1")))).toBe("windows-1252");
  });

  it("round-trips any Cyrillic or Latin text through windows-1251 or UTF-8", () => {
    const cyrillic = fc
      .string({
        unit: fc.constantFrom(..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЖЯ -,.()0123456789abcXYZ"),
        minLength: 1,
      })
      .filter(
        (t) => t.trim() !== "", // an empty TITLE is refused, rightly
      );
    fc.assert(
      fc.property(cyrillic, fc.constantFrom("windows-1251", "utf-8"), (title, encoding) => {
        const file = readPx(fixture("t3-ru-utf-8.px")).file;
        if (!file) return false;
        const entries = file.entries.map((e) =>
          e.keyword === "TITLE" && e.language === undefined ? { ...e, value: { items: [title], bare: false } } : e,
        );
        const back = readPx(writePx({ ...file, entries }, { encoding }), { strict: true });
        return back.file !== undefined && textOf(back.file, "TITLE") === title;
      }),
      { numRuns: 200 },
    );
  });
});

function fail(): never {
  throw new Error("not read");
}
