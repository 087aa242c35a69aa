/** Test helpers shared by the cube tests. */
import { readFileSync } from "node:fs";
import { readPx } from "@clearinghouse/px";
import fc from "fast-check";
import { type Dataset, fromPx } from "../src/index.ts";

// The corpus, the PX fixtures and the corpus walk are the PX tests' own.
export { CORPUS, FIXTURES as PX_FIXTURES, pxFilesUnder } from "../../px/test/helpers.ts";

/** A dataset read from a PX file (throws if the file is refused). */
export function datasetFromFile(path: string): Dataset {
  const { file } = readPx(new Uint8Array(readFileSync(path)));
  if (!file) throw new Error(`${path} was refused`);
  return fromPx(file);
}

/** Plain values for deep comparison (typed arrays as arrays, PX extension without source lines). */
export function plain(ds: Dataset) {
  return {
    ...ds,
    values: Array.from(ds.values),
    status: Array.from(ds.status),
    flags: Array.from(ds.flags),
    extension: {
      ...ds.extension,
      // Their order is the writer's business; what matters is that every one is kept.
      px: (ds.extension?.px ?? []).map((e) => JSON.stringify({ ...e, line: 0 })).sort(),
    },
  };
}

/**
 * Random datasets in two languages for the long codecs' round trips: up to three variables of one to three
 * categories, codes and labels drawn from `text` (variable codes from `code`), up to two custom symbols, and cells
 * of every status and flag set. -0 is written as 0 (no text format keeps the sign of zero).
 */
export function longDatasets(
  text: fc.Arbitrary<string>,
  code: fc.Arbitrary<string>,
  options: { readonly minDimensions?: number } = {},
): fc.Arbitrary<Dataset> {
  const categories = fc.uniqueArray(fc.record({ code: text, en: text, ru: text }), {
    selector: (c) => c.code,
    minLength: 1,
    maxLength: 3,
  });
  const shape = fc.record({
    dimensions: fc.uniqueArray(fc.record({ code, categories }), {
      selector: (d) => d.code,
      minLength: options.minDimensions ?? 0,
      maxLength: 3,
    }),
    symbols: fc.uniqueArray(
      text.filter((s) => !["", "..", "-", "x"].includes(s)),
      { maxLength: 2 },
    ),
  });
  return shape.chain(({ dimensions, symbols }) => {
    const cells = dimensions.reduce((n, d) => n * d.categories.length, 1);
    const cell = fc.record({
      status: fc.integer({ min: 0, max: 3 + symbols.length }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
      flags: fc.integer({ min: 0, max: 7 }),
    });
    return fc.array(cell, { minLength: cells, maxLength: cells }).map(
      (list): Dataset => ({
        id: "P",
        languages: ["en", "ru"],
        title: { en: "P" },
        decimals: 0,
        dimensions: dimensions.map((d) => ({
          code: d.code,
          label: { en: d.code },
          role: "other",
          categories: d.categories.map((c) => ({ code: c.code, label: { en: c.en, ru: c.ru } })),
        })),
        values: Float64Array.from(list, (c) => (c.status === 0 ? c.value : Number.NaN)),
        status: Uint8Array.from(list, (c) => c.status),
        flags: Uint8Array.from(list, (c) => c.flags),
        symbols: symbols.map((symbol) => ({ symbol, label: { en: symbol } })),
      }),
    );
  });
}
