/**
 * Random PX files as bytes, for the property tests of streaming: several code pages, stub and heading variables,
 * one or two languages, data notes with flag letters, and DATA with every kind of value, separator and mistake
 * (quoted and bare symbols, bad tokens, too few or too many values, a missing `;`, text after it).
 */
import fc from "fast-check";
import { encode } from "../src/encoding.ts";

const ASCII = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_/()"];
const LETTERS: Record<string, readonly string[]> = {
  "utf-8": [...ASCII, ..."абвгдежзАБВГДЕЖЗäöüéñ€"],
  "windows-1251": [...ASCII, ..."абвгдежзийклмнАБВГДЕЖЗИЙКЛМН№"],
  "iso-8859-1": [...ASCII, ..."äöüéñÄÖÜßø"],
};

const value = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String),
  fc.integer({ min: -99_999, max: 99_999 }).map((n) => (n / 100).toString()),
  fc.constantFrom("0", "-0", "+5", "1e3", "2.5E-2", ".5", "7.", "12345678901234567890", "0.000001"),
);
const token = fc.oneof(
  { weight: 12, arbitrary: value },
  {
    weight: 3,
    arbitrary: fc.constantFrom('"."', '".."', '"..."', '"-"', '"x"', '"c"', '"n/a x"', '"......"', '"......."'),
  },
  { weight: 1, arbitrary: fc.constantFrom("..", "-", "...", "abc", "1,5x", '"unclosed') },
);
const separator = fc.constantFrom(" ", " ", " ", "\t", ",", "\r\n", "\n", "\r", "  ");

export interface RandomPx {
  readonly bytes: Uint8Array;
  readonly cells: number;
  readonly codepage: string;
  readonly languages: readonly string[];
}

export const randomPx: fc.Arbitrary<RandomPx> = fc
  .record({
    codepage: fc.constantFrom("utf-8", "windows-1251", "iso-8859-1"),
    declare: fc.boolean(),
    variableCount: fc.integer({ min: 1, max: 4 }),
    stubCount: fc.nat(4),
    sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }),
    withCodes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    bilingual: fc.boolean(),
    notes: fc.array(
      fc.tuple(fc.array(fc.nat(6), { minLength: 4, maxLength: 4 }), fc.constantFrom("p", "e", "b", "pe", "x")),
      {
        maxLength: 4,
      },
    ),
    lineEnd: fc.constantFrom("\r\n", "\n"),
    seed: fc.integer(),
  })
  .chain((t) => {
    const letters = LETTERS[t.codepage] as readonly string[];
    const word = fc
      .string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 8 })
      .map((s) => s.trim() || "v");
    const names = fc.uniqueArray(word, { minLength: t.variableCount, maxLength: t.variableCount });
    const values = fc.tuple(
      ...t.sizes.map((size) => fc.uniqueArray(word, { minLength: size, maxLength: size })),
    ) as fc.Arbitrary<string[][]>;
    const cells = t.sizes.slice(0, t.variableCount).reduce((p, n) => p * n, 1);
    const data = fc.record({
      count: fc
        .integer({ min: Math.max(0, cells - 2), max: cells + 2 })
        .chain((n) => fc.array(fc.tuple(token, separator), { minLength: n, maxLength: n })),
      end: fc.constantFrom(";", ";", ";\r\n", ";\n\n", "", "; junk"),
      first: fc.constantFrom("", "\r\n", "\n", " "),
    });
    return fc.record({ t: fc.constant(t), names, values, data, title: word });
  })
  .map(({ t, names, values, data, title }) => {
    const eol = t.lineEnd;
    const stub = names.slice(0, Math.min(t.stubCount, names.length));
    const heading = names.slice(stub.length);
    const q = (items: readonly string[]) => items.map((s) => `"${s}"`).join(",");
    const lines: string[] = ['CHARSET="ANSI";', 'AXIS-VERSION="2013";'];
    if (t.declare) lines.push(`CODEPAGE="${t.codepage}";`);
    if (t.bilingual) lines.push('LANGUAGE="en";', 'LANGUAGES="en","ru";');
    lines.push("DECIMALS=1;", 'MATRIX="T1";', 'SUBJECT-CODE="S";', 'SUBJECT-AREA="Area";', `TITLE="${title}";`);
    lines.push('CONTENTS="Persons";', 'UNITS="persons";', 'DATASYMBOL1="one dot";');
    if (stub.length) lines.push(`STUB=${q(stub)};`);
    if (heading.length) lines.push(`HEADING=${q(heading)};`);
    names.forEach((name, k) => {
      lines.push(`VALUES("${name}")=${q(values[k] ?? [])};`);
      if (t.withCodes[k]) lines.push(`CODES("${name}")=${q((values[k] ?? []).map((_, i) => `C${i}`))};`);
    });
    if (t.bilingual) {
      lines.push(`TITLE[ru]="${title} ru";`, 'CONTENTS[ru]="Лица";', 'UNITS[ru]="лица";');
      if (stub.length) lines.push(`STUB[ru]=${q(stub.map((s) => `${s} ru`))};`);
      if (heading.length) lines.push(`HEADING[ru]=${q(heading.map((s) => `${s} ru`))};`);
      names.forEach((name, k) => {
        lines.push(`VALUES[ru]("${name} ru")=${q((values[k] ?? []).map((v) => `${v} ru`))};`);
      });
    }
    const ordered = [...stub, ...heading];
    for (const [at, letters] of t.notes) {
      const subkeys = ordered.map((name, k) => {
        const list = values[names.indexOf(name)] ?? [];
        const i = at[k] ?? 0;
        return i >= list.length ? "*" : (list[i] as string);
      });
      lines.push(`DATANOTECELL(${q(subkeys)})="${letters}";`);
    }
    const dataText = data.first + data.count.map(([tok, sep]) => tok + sep).join("") + data.end;
    const text = `${lines.join(eol)}${eol}DATA=${dataText}`;
    const cells = ordered.reduce((p, name) => p * (values[names.indexOf(name)]?.length ?? 1), 1);
    return {
      bytes: encode(text, t.codepage),
      cells,
      codepage: t.codepage,
      languages: t.bilingual ? ["en", "ru"] : [],
    };
  });

/** Cuts bytes into chunks of the given sizes (cycled; a 0 is taken as 1). */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let k = 0;
  for (let at = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % Math.max(1, sizes.length)] ?? bytes.length);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export const chunkSizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 5000 })), {
  minLength: 1,
  maxLength: 8,
});
