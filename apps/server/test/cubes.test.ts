/**
 * The cube cache: one database read per table version however many requests want it at once, and a budget of bytes.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Dataset, datasetFromPxBytes } from "@clearinghouse/cube";
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
    expect(cubes.cached()).toEqual({ cubes: 1, bytes: datasetBytes(answers[0]?.dataset as Dataset) });
  });

  it("keeps cubes within its budget of bytes, the least recently used going first", async () => {
    const reads = versionReads();
    const one = datasetBytes((await new CubeService(t.storage.db).version("A", 1)) as Dataset);
    const cubes = new CubeService(t.storage.db.withPlugin(reads), one + one / 2);
    await cubes.version("A", 1);
    await cubes.version("B", 1);
    expect(cubes.cached()).toEqual({ cubes: 1, bytes: one });
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
    expect(cubes.cached()).toEqual({ cubes: 0, bytes: 0 });
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
