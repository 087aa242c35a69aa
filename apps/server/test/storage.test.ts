import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog } from "../src/tables/catalog.ts";
import { importPath } from "../src/tables/import.ts";
import { listVersions, loadDataset, saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, CORPUS, PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

describe.each(BACKENDS)("table storage on %s", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
  });
  afterAll(() => t.dispose());

  it("imports the whole corpus: every readable file in, every broken one refused with its reason", async () => {
    const progress: number[] = [];
    const report = await importPath(t.storage.db, CORPUS, {
      into: ["corpus"],
      onProgress: (done) => progress.push(done),
    });
    expect(report.imported.length).toBe(93);
    expect(report.refused.length).toBe(20);
    expect(progress.at(-1)).toBe(113);
    const matrix = report.refused.find((r) => r.file.endsWith("BE0101F1missingMatrix.px"));
    expect(matrix?.reasons).toEqual(["error PX020 [MATRIX]: mandatory keyword MATRIX is missing"]);
    // Files sharing a MATRIX take their file names.
    expect(report.renamed.length).toBeGreaterThan(0);
    expect(new Set(report.imported.map((i) => i.tableId)).size).toBe(93);
  });

  it("mirrors the folders in the tree, databases first", async () => {
    const catalog = new Catalog(t.storage.db);
    const databases = await catalog.children(null);
    expect(databases.map((d) => [d.kind, d.code])).toEqual([["database", "corpus"]]);
    const quarter = await catalog.node(["corpus", "pxweb-example", "Quarter"]);
    const tables = await catalog.children(quarter?.id ?? -1);
    // HA0201E8 is also the MATRIX of Doublecolumn/HA0201E8doublecol.px, imported first.
    expect(tables.map((n) => [n.kind, n.code])).toEqual([["table", "Quarter_HA0201E8"]]);
    expect(tables[0]?.updated).toBeInstanceOf(Date);
  });

  it("stores every cell exactly, and a re-import is a new version beside the old one", async () => {
    const bytes = new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px")));
    const { dataset } = datasetFromPxBytes(bytes);
    if (!dataset) throw new Error("fixture not read");
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    const first = await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset, sourceName: "t3.px" });
    const changed = { ...dataset, values: dataset.values.map((v, i) => (i === 0 ? v + 1 : v)) };
    const second = await saveTableVersion(t.storage.db, {
      tableId: "T3",
      path,
      dataset: changed,
      sourceName: "t3-revised.px",
      revisionNote: { en: "First cell revised", ru: "Первая ячейка пересмотрена" },
      submissionId: 12,
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect((await new Catalog(t.storage.db).table("T3"))?.version).toBe(2);
    const old = await loadDataset(t.storage.db, "T3", 1);
    const now = await loadDataset(t.storage.db, "T3", 2);
    expect(Array.from(old?.values ?? [])).toEqual(Array.from(dataset.values));
    expect(now?.values[0]).toBe((dataset.values[0] ?? 0) + 1);
    expect(Array.from(now?.status ?? [])).toEqual(Array.from(dataset.status));
    expect(now?.dimensions).toEqual(dataset.dimensions);
    const versions = await listVersions(t.storage.db, "T3");
    expect(versions.map((v) => v.source_name)).toEqual(["t3-revised.px", "t3.px"]);
    // A release says why and whose; an import says neither.
    expect(versions.map((v) => [v.revision_note, v.submission_id, v.released_by])).toEqual([
      [{ en: "First cell revised", ru: "Первая ячейка пересмотрена" }, 12, null],
      [null, null, null],
    ]);
  });

  it("keeps nothing of a version whose write fails", async () => {
    const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
    if (!dataset) throw new Error("fixture not read");
    const broken = { ...dataset, status: undefined as unknown as Uint8Array }; // NOT NULL column: the insert fails
    await expect(
      saveTableVersion(t.storage.db, {
        tableId: "BROKEN",
        path: [{ code: "migration", label: {} }],
        dataset: broken,
        sourceName: "x",
      }),
    ).rejects.toThrow();
    const catalog = new Catalog(t.storage.db);
    expect(await catalog.table("BROKEN")).toBeUndefined();
    expect(await catalog.node(["migration", "BROKEN"])).toBeUndefined();
  });
});
