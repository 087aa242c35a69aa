/**
 * A version's cells stored in tiles (table_version_part, storage/tiles.ts): a table over many tiles round-trips
 * exactly, on both back ends; versions stored before tiles (runs of cells in order, 0009) and before parts (the
 * cells in their own row) still load.
 */

import type { Dataset } from "@clearinghouse/cube";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tileCount, tileShape } from "../src/storage/tiles.ts";
import { loadDataset, PART_CELLS, saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const dimension = (code: string, size: number) => ({
  code,
  label: { en: code },
  role: "other" as const,
  categories: Array.from({ length: size }, (_, i) => ({ code: `${code}${i}`, label: { en: `${i}` } })),
});

/** rows × columns cells, of every kind: numbers, missing ones with a status, flags. */
function dataset(rows: number, columns: number): Dataset {
  const cells = rows * columns;
  return {
    id: "PARTS",
    languages: ["en"],
    title: { en: "Parts" },
    decimals: 1,
    dimensions: [dimension("r", rows), dimension("c", columns)],
    values: Float64Array.from({ length: cells }, (_, i) => (i % 7 === 0 ? Number.NaN : i * 1.5 - 1e6)),
    status: Uint8Array.from({ length: cells }, (_, i) => (i % 7 === 0 ? 1 : 0)),
    flags: Uint8Array.from({ length: cells }, (_, i) => i % 3),
  };
}

/** Byte for byte (a deep comparison of half a million numbers takes seconds). */
const bytesOf = (a: ArrayBufferView | undefined) =>
  a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64") : "";
const sameCells = (a: Dataset | undefined, b: Dataset) => {
  expect(a?.values.length).toBe(b.values.length);
  expect(bytesOf(a?.values) === bytesOf(b.values)).toBe(true);
  expect(bytesOf(a?.status) === bytesOf(b.status)).toBe(true);
  expect(bytesOf(a?.flags) === bytesOf(b.flags)).toBe(true);
};

describe.each(BACKENDS)("table versions in parts on %s", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
  }, 60_000);
  afterAll(() => t.dispose());

  const path = [{ code: "p", label: { en: "P" } }];

  it("stores a table in tiles, the last ones short, cell for cell", async () => {
    const table = dataset(512, 2 * (PART_CELLS / 512) + 1);
    const shape = tileShape([512, 1025]);
    const { version } = await saveTableVersion(t.storage.db, {
      tableId: "PARTS",
      path,
      dataset: table,
      sourceName: "x",
    });
    const parts = await t.storage.db
      .selectFrom("table_version_part")
      .select("part")
      .where("table_id", "=", "PARTS")
      .orderBy("part")
      .execute();
    expect(parts.map((p) => p.part)).toEqual(Array.from({ length: tileCount([512, 1025], shape) }, (_, k) => k));
    expect(parts.length).toBeGreaterThan(10);
    const loaded = await loadDataset(t.storage.db, "PARTS", version);
    sameCells(loaded, table);
  });

  it("loads a version stored in runs of cells in order, before tiles", async () => {
    const table = dataset(512, 2 * (PART_CELLS / 512) + 1);
    const { version } = await saveTableVersion(t.storage.db, {
      tableId: "RUNS",
      path,
      dataset: table,
      sourceName: "x",
    });
    await t.storage.db.deleteFrom("table_version_part").where("table_id", "=", "RUNS").execute();
    for (let part = 0; part * PART_CELLS < table.values.length; part++) {
      const from = part * PART_CELLS;
      const to = Math.min(table.values.length, from + PART_CELLS);
      await t.storage.db
        .insertInto("table_version_part")
        .values({
          table_id: "RUNS",
          version,
          part,
          values: new Uint8Array(table.values.buffer, from * 8, (to - from) * 8),
          status: table.status.subarray(from, to),
          flags: table.flags.subarray(from, to),
        })
        .execute();
    }
    await t.storage.db
      .updateTable("table_version")
      .set({ parts: 3, tile_shape: null })
      .where("table_id", "=", "RUNS")
      .execute();
    sameCells(await loadDataset(t.storage.db, "RUNS", version), table);
  });

  it("loads a version stored before parts, its cells in its own row", async () => {
    const table = dataset(2, 5);
    const { version } = await saveTableVersion(t.storage.db, { tableId: "OLD", path, dataset: table, sourceName: "x" });
    await t.storage.db.deleteFrom("table_version_part").where("table_id", "=", "OLD").execute();
    await t.storage.db
      .updateTable("table_version")
      .set({
        parts: 0,
        tile_shape: null,
        values: new Uint8Array(table.values.buffer),
        status: table.status,
        flags: table.flags,
      })
      .where("table_id", "=", "OLD")
      .execute();
    const loaded = await loadDataset(t.storage.db, "OLD", version);
    sameCells(loaded, table);
  });
});
