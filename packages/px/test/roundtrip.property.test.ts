/** Property: any valid table survives write → read unchanged, in UTF-8 and in windows-1251. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bare, buildPx, entry, type PxEntry, readPx, sortEntries, text, writePx } from "../src/index.ts";
import { comparable } from "./helpers.ts";

// Text that windows-1251 can hold: printable ASCII without the quote (PX cannot escape it), and Cyrillic.
const CHARS = [
  ..." !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
  ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ№",
];
const label = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() !== "");
const longText = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 0, maxLength: 700 });
const uniqueLabels = (min: number, max: number) => fc.uniqueArray(label, { minLength: min, maxLength: max });

const cellValue = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.integer({ min: 0, max: 9999 }).map((n) => n / 100),
);
const cell = fc.oneof(
  { weight: 5, arbitrary: cellValue.map((v) => ({ value: v, status: 0 })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((s) => ({ value: Number.NaN, status: s })) },
);

const table = fc
  .record({
    names: uniqueLabels(1, 4),
    stubCount: fc.nat(),
    bilingual: fc.boolean(),
    valueLists: fc.array(uniqueLabels(1, 4), { minLength: 4, maxLength: 4 }),
    withCodes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    title: label,
    note: longText,
    decimals: fc.integer({ min: 0, max: 6 }),
  })
  .chain((t) => {
    const cells = t.names.reduce((p, _, k) => p * (t.valueLists[k]?.length ?? 1), 1);
    return fc.record({ t: fc.constant(t), cells: fc.array(cell, { minLength: cells, maxLength: cells }) });
  })
  .map(({ t, cells }) => {
    const stubCount = t.names.length === 1 ? t.stubCount % 2 : t.stubCount % (t.names.length + 1);
    const stub = t.names.slice(0, stubCount);
    const heading = t.names.slice(stubCount);
    const ru = (s: string) => `${s} (ru)`;
    const entries: PxEntry[] = [
      entry("CHARSET", text("ANSI")),
      entry("AXIS-VERSION", text("2013")),
      entry("DECIMALS", bare(t.decimals)),
      entry("MATRIX", text("T1")),
      entry("SUBJECT-CODE", text("MIG")),
      entry("SUBJECT-AREA", text("Migration")),
      entry("TITLE", text(t.title)),
      entry("CONTENTS", text("Persons")),
      entry("UNITS", text("persons")),
      entry("NOTE", text(t.note)),
    ];
    if (stub.length) entries.push(entry("STUB", text(...stub)));
    if (heading.length) entries.push(entry("HEADING", text(...heading)));
    const ordered = [...stub, ...heading];
    ordered.forEach((name) => {
      const k = t.names.indexOf(name);
      const values = t.valueLists[k] ?? [];
      entries.push(entry("VALUES", text(...values), { subkeys: [name] }));
      if (t.withCodes[k]) entries.push(entry("CODES", text(...values.map((_, i) => `C${i}`)), { subkeys: [name] }));
      entries.push(entry("VALUENOTE", text(`note on ${values[0]}`), { subkeys: [name, values[0] ?? ""] }));
    });
    if (t.bilingual) {
      entries.push(entry("LANGUAGE", text("en")), entry("LANGUAGES", text("en", "ru")));
      for (const keyword of ["TITLE", "CONTENTS", "UNITS"])
        entries.push(entry(keyword, text(ru(keyword)), { language: "ru" }));
      if (stub.length) entries.push(entry("STUB", text(...stub.map(ru)), { language: "ru" }));
      if (heading.length) entries.push(entry("HEADING", text(...heading.map(ru)), { language: "ru" }));
      for (const name of ordered) {
        const values = t.valueLists[t.names.indexOf(name)] ?? [];
        entries.push(entry("VALUES", text(...values.map(ru)), { language: "ru", subkeys: [ru(name)] }));
      }
    }
    return buildPx({
      entries: sortEntries(entries),
      data: Float64Array.from(cells, (c) => c.value),
      status: Uint8Array.from(cells, (c) => c.status),
      extraSymbols: ["x", "c"],
    });
  });

describe("write → read round trip (property)", () => {
  it("gives the same model for generated tables, in UTF-8 and windows-1251", () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom("utf-8", "windows-1251"),
        fc.constantFrom("\r\n", "\n") as fc.Arbitrary<"\r\n" | "\n">,
        (file, encoding, lineEnding) => {
          const written = writePx(file, { encoding, lineEnding });
          const back = readPx(written, { strict: true });
          expect(back.diagnostics).toEqual([]);
          if (!back.file) return;
          expect(comparable(back.file)).toEqual(comparable(file));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps every line within 256 characters except where one subkeyed keyword is longer", () => {
    fc.assert(
      fc.property(table, (file) => {
        const lines = new TextDecoder().decode(writePx(file)).split("\r\n");
        const header = lines.slice(0, lines.indexOf("DATA="));
        for (const line of header) expect(line.length).toBeLessThanOrEqual(256 + 40);
      }),
      { numRuns: 50 },
    );
  });
});
