/**
 * Generated adversarial PX files, each about `size` bytes: the shapes that once made the reader super-linear or
 * made it allocate far more than the file. Shared by the robustness tests and `bench/px-hostile.ts`.
 */

import { MANDATORY_HEADER } from "./helpers.ts";

const list = (n: number, name: (k: number) => string) => Array.from({ length: n }, (_, k) => `"${name(k)}"`).join(",");

/** Writes a file from header lines; the data is n zeros unless given. */
function px(lines: readonly string[], cells: number, data?: string): string {
  return [...MANDATORY_HEADER, ...lines, `DATA=${data ?? `${"0 ".repeat(cells)};`}`].join("\n");
}

/** Variable `a` with `values` coded values and a note line per code, last code first (each a look-up). */
function codedValuesWithNotes(values: number, note: (code: string) => string): string {
  return px(
    [
      'STUB="a";',
      'HEADING="b";',
      `VALUES("a")=${list(values, (k) => `v${k}`)};`,
      `CODES("a")=${list(values, (k) => `c${k}`)};`,
      'VALUES("b")="1";',
      ...Array.from({ length: values }, (_, k) => note(`c${values - 1 - k}`)),
    ],
    values,
  );
}

export interface HostileCase {
  readonly name: string;
  /** The file's text for about `size` bytes. */
  readonly make: (size: number) => string;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    // Every language without its own texts: a diagnostic per language, keyword and variable.
    name: "many languages",
    make: (size) => {
      const languages = Math.floor(size / 12);
      return px(
        [
          `LANGUAGES=${list(languages, (k) => `l${k}`)};`,
          'STUB="a","c";',
          'HEADING="b";',
          `VALUES("a")=${list(20, (k) => `x${k}`)};`,
          'VALUES("c")="p","q";',
          'VALUES("b")="1","2";',
        ],
        80,
      );
    },
  },
  {
    // As many languages as a table may have (MAX_LANGUAGES), and many variables to name in each.
    name: "thirty languages",
    make: (size) => {
      const variables = Math.floor(size / 40);
      const names = Array.from({ length: variables }, (_, k) => `v${k}`);
      return px(
        [
          `LANGUAGES=${list(30, (k) => `l${k}`)};`,
          `STUB=${list(variables, (k) => `v${k}`)};`,
          'HEADING="b";',
          ...names.map((n) => `VALUES("${n}")="x";`),
          'VALUES("b")="1";',
        ],
        1,
      );
    },
  },
  {
    name: "many values",
    make: (size) => {
      const values = Math.floor(size / 10);
      return px(
        ['STUB="a";', 'HEADING="b";', `VALUES("a")=${list(values, (k) => `v${k}`)};`, 'VALUES("b")="1";'],
        values,
      );
    },
  },
  {
    // Notes on values: each looked up among the variable's values.
    name: "many keywords with subkeys",
    make: (size) => {
      return codedValuesWithNotes(Math.floor(size / 60), (code) => `VALUENOTE("a","${code}")="n";`);
    },
  },
  {
    // Cell notes naming values by code, each checked against every variable.
    name: "many cell notes",
    make: (size) => {
      return codedValuesWithNotes(Math.floor(size / 50), (code) => `CELLNOTE("${code}","*")="n";`);
    },
  },
  {
    // One string continued over many lines without a closing quote.
    name: "long continued string",
    make: (size) =>
      px(
        [
          `NOTE="${"some words of a note\n".repeat(Math.floor(size / 21))}";`,
          'STUB="a";',
          'HEADING="b";',
          'VALUES("a")="x";',
          'VALUES("b")="1";',
        ],
        1,
      ),
  },
  {
    name: "long strings",
    make: (size) =>
      px([`NOTE="${"a".repeat(size)}";`, 'STUB="a";', 'HEADING="b";', 'VALUES("a")="x";', 'VALUES("b")="1";'], 1),
  },
  {
    // Language brackets never closed: each a search for "]".
    name: "unclosed brackets",
    make: (size) =>
      `${"A[x=1;\n".repeat(Math.floor(size / 7))}${px(['STUB="a";', 'HEADING="b";', 'VALUES("a")="x";', 'VALUES("b")="1";'], 1)}`,
  },
  {
    // Lines that look almost like the start of a keyword, inside a continued string.
    name: "keyword look-alikes",
    make: (size) => {
      const line = `A(${"(".repeat(60)} [${"x".repeat(30)}\n`;
      return px(
        [
          `NOTE="${line.repeat(Math.floor(size / line.length))}";`,
          'STUB="a";',
          'HEADING="b";',
          'VALUES("a")="x";',
          'VALUES("b")="1";',
        ],
        1,
      );
    },
  },
  {
    // The same keyword again and again.
    name: "repeated keywords",
    make: (size) => {
      const repeats = Array.from({ length: Math.floor(size / 24) }, (_, k) => `NOTE("a")="n${k}";`);
      return px(['STUB="a";', 'HEADING="b";', 'VALUES("a")="x";', 'VALUES("b")="1";', ...repeats], 1);
    },
  },
  {
    // Many variables, each with a few values (cells stay few: one value each).
    name: "many variables",
    make: (size) => {
      const variables = Math.floor(size / 40);
      const names = Array.from({ length: variables }, (_, k) => `v${k}`);
      return px(
        [
          `STUB=${list(variables, (k) => `v${k}`)};`,
          'HEADING="b";',
          ...names.map((n) => `VALUES("${n}")="x";`),
          'VALUES("b")="1";',
        ],
        1,
      );
    },
  },
  {
    name: "many KEYS rows",
    make: (size) => {
      const values = Math.floor(size / 30);
      const rows = Array.from({ length: values }, (_, k) => `"v${values - 1 - k}",1`).join("\n");
      return px(
        [
          'STUB="a";',
          'HEADING="b";',
          `VALUES("a")=${list(values, (k) => `v${k}`)};`,
          'VALUES("b")="1";',
          'KEYS("a")=VALUES;',
        ],
        values,
        `\n${rows};`,
      );
    },
  },
];

/** A small file declaring `variables` variables of `values` values each: values^variables cells. */
export function declaredCellsPx(variables: number, values: number): string {
  const names = Array.from({ length: variables }, (_, k) => `v${k}`);
  return px(
    [
      `STUB=${list(variables - 1, (k) => `v${k}`)};`,
      `HEADING="v${variables - 1}";`,
      ...names.map((n) => `VALUES("${n}")=${list(values, (k) => `${k}`)};`),
    ],
    0,
    "0;",
  );
}
