/** Test helpers shared by the px tests. */

import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type PxFile, statusSymbol } from "../src/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "fixtures");
/** The shared corpus of real files, beside the repository. */
export const CORPUS = join(here, "../../../../shared/corpus/px");

/** Every .px file under a folder, as paths relative to it, sorted. */
export function pxFilesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.px$/i.test(name)) out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

/** A PX text as bytes: the header in latin1 unless given otherwise. */
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The keywords every PX file must have, before its variables. */
export const MANDATORY_HEADER: readonly string[] = [
  'CHARSET="ANSI";',
  "DECIMALS=0;",
  'MATRIX="M";',
  'SUBJECT-CODE="S";',
  'SUBJECT-AREA="Area";',
  'TITLE="Title";',
  'CONTENTS="Contents";',
  'UNITS="persons";',
];

/** A minimal valid header with one stub variable `a` (values x, y) and heading `b` (values 1, 2). */
export function minimalPx(data = "1 2 3 4;", extra = ""): string {
  return [
    ...MANDATORY_HEADER,
    'STUB="a";',
    'HEADING="b";',
    'VALUES("a")="x","y";',
    'VALUES("b")="1","2";',
    extra,
    `DATA=${data}`,
  ].join("\n");
}

/**
 * The model for comparing a file with its copy after a write and a read: without source line numbers and
 * CODEPAGE, with each cell's symbol as text (extra symbols are numbered in the order a reader meets them).
 */
export function comparable(file: PxFile) {
  const { extraSymbols, ...rest } = file;
  return {
    ...rest,
    entries: file.entries.filter((e) => e.keyword !== "CODEPAGE").map((e) => ({ ...e, line: 0 })),
    data: Array.from(file.data),
    status: Array.from(file.status, (s) => statusSymbol(s, extraSymbols) ?? ""),
  };
}
