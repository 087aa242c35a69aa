/** Property: the long CSV written while a PX file streams in is, byte for byte, the one written from memory. */
import { openPxStream, readPx } from "@clearinghouse/px";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunked, chunkSizes, randomPx } from "../../px/test/random-px.ts";
import { type CsvLongOptions, fromPx, pxStreamToCsvLong, subCubes, toCsvLong } from "../src/index.ts";

const csvOptions: fc.Arbitrary<CsvLongOptions> = fc.record(
  {
    lang: fc.constantFrom("en", "ru"),
    separator: fc.constantFrom(",", ";", "\t") as fc.Arbitrary<"," | ";" | "\t">,
    bom: fc.boolean(),
    labels: fc.boolean(),
    lineEnding: fc.constantFrom("\r\n", "\n") as fc.Arbitrary<"\r\n" | "\n">,
  },
  { requiredKeys: [] },
);

describe("pxStreamToCsvLong (property)", () => {
  it("writes toCsvLong(fromPx(readPx(…))) whatever the chunks and the block size", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomPx,
        chunkSizes,
        fc.integer({ min: 1, max: 70 }),
        csvOptions,
        async (px, sizes, blockCells, options) => {
          const whole = readPx(px.bytes);
          if (!whole.file) return;
          const ds = fromPx(whole.file);
          const lang = options.lang && ds.languages.includes(options.lang) ? options.lang : undefined;
          const csvOptions = { ...options, ...(lang ? { lang } : { lang: ds.languages[0] }) };
          const expected = toCsvLong(ds, csvOptions);
          const stream = await openPxStream(chunked(px.bytes, sizes), { blockCells });
          const csv = pxStreamToCsvLong(stream, csvOptions);
          expect(csv.languages).toEqual(ds.languages);
          let text = "";
          for await (const chunk of csv.chunks) text += chunk;
          expect(text).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cuts any run of cells into sub-cubes that cover it in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        (sizes, a, b) => {
          const total = sizes.reduce((p, n) => p * n, 1);
          const first = a % total;
          const length = 1 + (b % (total - first));
          let covered = 0;
          for (const cube of subCubes(sizes, first, length)) {
            expect(cube.offset).toBe(covered);
            const shape = sizes.map((n, k) => (k < cube.range ? 1 : k === cube.range ? cube.to - cube.from : n));
            expect(cube.cells).toBe(shape.reduce((p, n) => p * n, 1));
            // The sub-cube's first cell is where it says it starts.
            let index = 0;
            sizes.forEach((n, k) => {
              index = index * n + (k < cube.range ? (cube.fixed[k] as number) : k === cube.range ? cube.from : 0);
            });
            expect(index).toBe(first + covered);
            covered += cube.cells;
          }
          expect(covered).toBe(length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
