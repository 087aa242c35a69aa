/**
 * Tile arithmetic (storage/tiles.ts): cutting cells in order into tiles and reading a footprint back from the
 * tiles it touches gives the cells the footprint names, for any table shape; tiles and rows of tiles stay within
 * their sizes.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Cells,
  copyFromTile,
  TileCutter,
  tileCount,
  tileShape,
  touchedTiles,
  wholeTile,
} from "../src/storage/tiles.ts";

const cellsOf = (n: number, seed = 0): Cells => ({
  values: Float64Array.from({ length: n }, (_, i) => i * 1.5 + seed),
  status: Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 5),
  flags: Uint8Array.from({ length: n }, (_, i) => (i * 3 + seed) % 8),
});

const emptyCells = (n: number): Cells => ({
  values: new Float64Array(n),
  status: new Uint8Array(n),
  flags: new Uint8Array(n),
});

/** Cuts `cells` in runs of `run` and collects the tiles by index. */
async function cut(sizes: number[], shape: number[], cells: Cells, run: number): Promise<Map<number, Cells>> {
  const tiles = new Map<number, Cells>();
  const cutter = new TileCutter(sizes, shape, async (index, tile) => {
    expect(tiles.has(index)).toBe(false);
    tiles.set(index, tile);
  });
  for (let from = 0; from < cells.values.length; from += run) {
    const to = Math.min(cells.values.length, from + run);
    await cutter.push({
      values: cells.values.subarray(from, to),
      status: cells.status.subarray(from, to),
      flags: cells.flags.subarray(from, to),
    });
  }
  expect(cutter.done).toBe(true);
  return tiles;
}

const sizesArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 });

describe("tiles", () => {
  it("shapes tiles within the tile size, and a row of tiles within the slab", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const shape = tileShape(sizes, 512, 4096);
        expect(shape.reduce((p, b) => p * b, 1)).toBeLessThanOrEqual(512);
        shape.forEach((b, d) => {
          expect(b).toBeGreaterThanOrEqual(1);
          expect(b).toBeLessThanOrEqual(sizes[d] as number);
        });
        const lead = shape.findIndex((b) => b > 1);
        if (lead !== -1) {
          const row = sizes.slice(lead + 1).reduce((p, n) => p * n, shape[lead] as number);
          expect(row).toBeLessThanOrEqual(4096);
        }
      }),
    );
  });

  it("keeps a small table in one tile", () => {
    expect(tileShape([10, 250, 4])).toEqual([10, 250, 4]);
    expect(tileCount([10, 250, 4], [10, 250, 4])).toBe(1);
  });

  it("cuts cells into tiles and reads every footprint back, whatever the runs they arrive in", async () => {
    await fc.assert(
      fc.asyncProperty(
        sizesArb.chain((sizes) =>
          fc.record({
            sizes: fc.constant(sizes),
            tileCells: fc.integer({ min: 1, max: 64 }),
            slab: fc.integer({ min: 64, max: 256 }),
            run: fc.integer({ min: 1, max: 100 }),
            footprint: fc.tuple(
              ...sizes.map((n) =>
                fc
                  .uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n })
                  .map((a) => a.sort((x, y) => x - y)),
              ),
            ),
          }),
        ),
        async ({ sizes, tileCells, slab, run, footprint }) => {
          const shape = tileShape(sizes, tileCells, slab);
          const total = sizes.reduce((p, n) => p * n, 1);
          const cells = cellsOf(total, 3);
          const tiles = await cut(sizes, shape, cells, run);
          expect(tiles.size).toBe(tileCount(sizes, shape));
          // The whole cube back from every tile.
          const whole = emptyCells(total);
          for (const [index, tile] of tiles) copyFromTile(tile, wholeTile(sizes, shape, index), sizes, whole);
          expect(whole).toEqual(cells);
          // A footprint from the tiles it touches, against indexing the cube directly.
          const lengths = footprint.map((f) => f.length);
          const got = emptyCells(lengths.reduce((p, n) => p * n, 1));
          for (const touched of touchedTiles(sizes, shape, footprint))
            copyFromTile(tiles.get(touched.index) as Cells, touched, lengths, got);
          const want = emptyCells(got.values.length);
          let out = 0;
          const walk = (d: number, offset: number) => {
            if (d === sizes.length) {
              want.values[out] = cells.values[offset] as number;
              want.status[out] = cells.status[offset] as number;
              want.flags[out] = cells.flags[offset] as number;
              out++;
              return;
            }
            for (const i of footprint[d] as number[]) walk(d + 1, offset * (sizes[d] as number) + i);
          };
          walk(0, 0);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("touches only the tiles a footprint falls in", () => {
    const sizes = [128, 128];
    const shape = tileShape(sizes, 256, 100_000);
    expect(shape).toEqual([16, 16]);
    const touched = touchedTiles(sizes, shape, [[0, 1, 55], [127]]);
    expect(touched.map((t) => t.index)).toEqual([7, 31]);
    expect(touched[0]?.inside).toEqual([[0, 1], [15]]);
  });
});
