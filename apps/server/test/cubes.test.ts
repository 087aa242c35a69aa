/**
 * The cube cache: one database read per table version however many requests want it at once, and a budget of bytes;
 * selections from a large version read only the tiles they touch, and answer as the whole cube does.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Dataset, datasetFromPxBytes, select } from "@clearinghouse/cube";
import fc from "fast-check";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CubeService, datasetBytes } from "../src/tables/cubes.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

/** Counts the queries that read table versions (the cube loads). */
function versionReads(): KyselyPlugin & { count: number } {
  const reads = {
    count: 0,
    transformQuery({ node }: { node: RootOperationNode }) {
      if (node.kind === "SelectQueryNode" && JSON.stringify(node.from).includes('"table_version"')) reads.count++;
      return node;
    },
    transformResult: async <T>({ result }: { result: T }) => result,
  };
  return reads;
}

describe.each(BACKENDS)("cube cache on %s", (backend) => {
  let t: TestStorage;
  let dataset: Dataset;
  const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];

  beforeAll(async () => {
    t = await testStorage(backend);
    const read = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px")))).dataset;
    if (!read) throw new Error("fixture not read");
    dataset = read;
    for (const tableId of ["A", "B"])
      await saveTableVersion(t.storage.db, { tableId, path, dataset, sourceName: `${tableId}.px` });
  }, 60_000);
  afterAll(() => t.dispose());

  it("reads a table once for 50 concurrent first requests, and not again while it is cached", async () => {
    const reads = versionReads();
    const cubes = new CubeService(t.storage.db.withPlugin(reads));
    const answers = await Promise.all(Array.from({ length: 50 }, () => cubes.current("A")));
    expect(reads.count).toBe(1);
    expect(new Set(answers.map((a) => a?.dataset)).size).toBe(1);
    expect(answers[0]?.dataset.values).toEqual(dataset.values);
    await cubes.current("A");
    expect(reads.count).toBe(1);
    expect(cubes.cached()).toEqual({ cubes: 1, tiles: 0, bytes: datasetBytes(answers[0]?.dataset as Dataset) });
  });

  it("keeps cubes within its budget of bytes, the least recently used going first", async () => {
    const reads = versionReads();
    const one = datasetBytes((await new CubeService(t.storage.db).version("A", 1)) as Dataset);
    const cubes = new CubeService(t.storage.db.withPlugin(reads), one + one / 2);
    await cubes.version("A", 1);
    await cubes.version("B", 1);
    expect(cubes.cached()).toEqual({ cubes: 1, tiles: 0, bytes: one });
    await cubes.version("B", 1);
    expect(reads.count).toBe(2);
    await cubes.version("A", 1);
    expect(reads.count).toBe(3);
  });

  it("serves a cube larger than the budget without keeping it, one read for concurrent requests", async () => {
    const reads = versionReads();
    const cubes = new CubeService(t.storage.db.withPlugin(reads), 100);
    const answers = await Promise.all([cubes.version("A", 1), cubes.version("A", 1), cubes.version("A", 1)]);
    expect(answers.every((a) => a?.values.length === dataset.values.length)).toBe(true);
    expect(reads.count).toBe(1);
    expect(cubes.cached()).toEqual({ cubes: 0, tiles: 0, bytes: 0 });
    await cubes.version("A", 1);
    expect(reads.count).toBe(2);
  });

  it("shares a failed load with its waiters and tries again on the next request", async () => {
    let fail = true;
    const failing: KyselyPlugin = {
      transformQuery({ node }) {
        if (fail && node.kind === "SelectQueryNode" && JSON.stringify(node.from).includes('"table_version"'))
          throw new Error("database down");
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const cubes = new CubeService(t.storage.db.withPlugin(failing));
    const first = await Promise.allSettled([cubes.version("A", 1), cubes.version("A", 1)]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect((await cubes.version("A", 1))?.values.length).toBe(dataset.values.length);
  });
});

/** reporter 40 × partner 100 × sex 3 × year 30 = 360,000 cells: more than is read whole, so read in tiles. */
function largeTable(): Dataset {
  const dim = (code: string, size: number, role: Dataset["dimensions"][number]["role"] = "other") => ({
    code,
    label: { en: code, ru: code },
    role,
    categories: Array.from({ length: size }, (_, i) => ({ code: `${code}${i}`, label: { en: `${code} ${i}` } })),
  });
  const sizes = [40, 100, 3, 30];
  const n = sizes.reduce((p, k) => p * k, 1);
  return {
    id: "LARGE",
    languages: ["en", "ru"],
    title: { en: "Large", ru: "Большая" },
    decimals: 0,
    dimensions: [
      dim("reporter", 40, "geo"),
      {
        ...dim("partner", 100),
        elimination: {},
        groupings: [
          {
            id: "pairs",
            label: { en: "Pairs" },
            groups: [{ code: "G", label: { en: "G" }, members: ["partner3", "partner97"] }],
          },
        ],
      },
      { ...dim("sex", 3), elimination: { code: "sex0" } },
      { ...dim("year", 30, "time"), timeUnit: "A1" as const },
    ],
    values: Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? Number.NaN : (i * 7919) % 100_000)),
    status: Uint8Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 1 + (i % 3) : 0)),
    flags: Uint8Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : i % 5)),
  };
}

/** Counts the tiles read (rows of table_version_part). */
function tileReads(): KyselyPlugin & { rows: number } {
  const reads = {
    rows: 0,
    transformQuery({ node }: { node: RootOperationNode }) {
      return node;
    },
    transformResult: async <T extends { rows: unknown[] }>({ result }: { result: T }) => {
      if (result.rows.length && result.rows.every((r) => typeof r === "object" && r !== null && "part" in r))
        reads.rows += result.rows.length;
      return result;
    },
  };
  return reads;
}

describe.each(BACKENDS)("selections from a version in tiles on %s", (backend) => {
  let t: TestStorage;
  const table = largeTable();
  const info = (version = 1) =>
    ({ id: "LARGE", version, title: {}, updated: new Date(), path: [] }) as Parameters<
      CubeService["select"]
    >[0]["info"];

  beforeAll(async () => {
    t = await testStorage(backend);
    await saveTableVersion(t.storage.db, { tableId: "LARGE", path: [], dataset: table, sourceName: "large" });
  }, 120_000);
  afterAll(() => t.dispose());

  it("answers any selection as the whole cube does", async () => {
    const cubes = new CubeService(t.storage.db);
    const pick = (code: string, size: number) =>
      fc.oneof(
        fc
          .uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 6 })
          .map((ks) => ({ code, selection: { filter: "item", values: ks.map((k) => `${code}${k}`) } })),
        fc.integer({ min: 1, max: size + 2 }).map((n) => ({ code, selection: { filter: "top", values: [String(n)] } })),
      );
    await fc.assert(
      fc.asyncProperty(
        pick("reporter", 40),
        fc.option(
          fc.oneof(
            pick("partner", 100),
            fc.constant({ code: "partner", selection: { filter: "agg:pairs", values: ["G"] } }),
          ),
        ),
        fc.option(pick("sex", 3)),
        pick("year", 30),
        async (reporter, partner, sex, year) => {
          const query = [reporter, partner, sex, year].filter((q) => q !== null);
          const got = await cubes.select({ info: info() }, query);
          expect(got).toEqual(select(table, query));
        },
      ),
      { numRuns: 40 },
    );
    expect(cubes.cached().cubes).toBe(0);
    const refused = await cubes.select({ info: info() }, [
      { code: "nope", selection: { filter: "item", values: ["x"] } },
    ]);
    expect(refused).toEqual(select(table, [{ code: "nope", selection: { filter: "item", values: ["x"] } }]));
    expect(await cubes.select({ info: info(9) }, [])).toBeUndefined();
  });

  it("reads only the tiles a selection touches, once, and keeps them within the budget", async () => {
    const reads = tileReads();
    const budget = 400_000;
    const cubes = new CubeService(t.storage.db.withPlugin(reads), budget);
    const query = [
      { code: "reporter", selection: { filter: "item", values: ["reporter5"] } },
      { code: "partner", selection: { filter: "item", values: ["partner50"] } },
      { code: "year", selection: { filter: "top", values: ["3"] } },
    ];
    const answers = await Promise.all(Array.from({ length: 5 }, () => cubes.select({ info: info() }, query)));
    expect(answers[0]).toEqual(select(table, query));
    expect(reads.rows).toBe(1);
    await cubes.select({ info: info() }, query);
    expect(reads.rows).toBe(1);
    // Every reporter: a column of tiles, more than the budget holds.
    await cubes.select({ info: info() }, [
      { ...query[0], selection: { filter: "all", values: ["*"] } },
      ...query.slice(1),
    ] as typeof query);
    expect(reads.rows).toBeGreaterThan(1);
    expect(cubes.cached().bytes).toBeLessThanOrEqual(budget);
    expect(cubes.cached().cubes).toBe(0);
  });

  it("describes a large version without reading its cells", async () => {
    const reads = tileReads();
    const cubes = new CubeService(t.storage.db.withPlugin(reads));
    const described = await cubes.describedAt("LARGE", undefined);
    expect(described && "metadata" in described ? described.metadata.dimensions.map((d) => d.code) : []).toEqual([
      "reporter",
      "partner",
      "sex",
      "year",
    ]);
    expect(reads.rows).toBe(0);
  });
});
