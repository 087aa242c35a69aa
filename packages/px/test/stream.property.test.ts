/** Property: reading a PX file as a stream gives what readPx gives, and writePxStream what writePx writes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openPxStream, type PxFile, readPx, writePx, writePxStream } from "../src/index.ts";
import { chunked, chunkSizes, randomPx } from "./random-px.ts";

const blockCells = fc.integer({ min: 1, max: 70 });

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

/** The outcome of a write, as bytes or as the error's message. */
async function outcome(write: () => Promise<Uint8Array>): Promise<Uint8Array | string> {
  try {
    return await write();
  } catch (error) {
    return (error as Error).message;
  }
}

describe("openPxStream (property)", () => {
  it("gives readPx's cells and diagnostics, whatever the chunks and the block size", async () => {
    await fc.assert(
      fc.asyncProperty(randomPx, chunkSizes, blockCells, fc.boolean(), async (px, sizes, block, strict) => {
        const whole = readPx(px.bytes, { strict });
        const stream = await openPxStream(chunked(px.bytes, sizes), { strict, blockCells: block });
        const data: number[] = [];
        const status: number[] = [];
        let next = 0;
        for await (const b of stream.blocks()) {
          expect(b.first).toBe(next);
          expect(b.length).toBeLessThanOrEqual(block);
          data.push(...b.data.subarray(0, b.length));
          status.push(...b.status.subarray(0, b.length));
          next += b.length;
        }
        expect(stream.diagnostics()).toEqual(whole.diagnostics);
        expect(stream.encoding).toBe(whole.encoding);
        expect(stream.hasErrors).toBe(whole.file === undefined);
        if (!whole.file) return;
        expect(stream.header?.entries).toEqual(whole.file.entries);
        expect(data).toEqual(Array.from(whole.file.data));
        expect(status).toEqual(Array.from(whole.file.status));
        expect(stream.header?.extraSymbols).toEqual(whole.file.extraSymbols);
      }),
      { numRuns: 300 },
    );
  });

  it("writes with writePxStream the bytes writePx writes, in the code pages asked for", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomPx,
        chunkSizes,
        blockCells,
        fc.constantFrom("utf-8", "windows-1251", "iso-8859-1"),
        fc.constantFrom("\r\n", "\n") as fc.Arbitrary<"\r\n" | "\n">,
        async (px, sizes, block, encoding, lineEnding) => {
          const whole = readPx(px.bytes);
          if (!whole.file) return;
          const file: PxFile = whole.file;
          const expected = await outcome(async () => writePx(file, { encoding, lineEnding }));
          const stream = await openPxStream(chunked(px.bytes, sizes), { blockCells: block });
          const header = stream.header as PxFile;
          const streamed = await outcome(() =>
            collect(writePxStream(header, stream.blocks(), { encoding, lineEnding })),
          );
          expect(streamed).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
