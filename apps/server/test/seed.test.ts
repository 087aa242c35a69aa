import { join } from "node:path";
import { type Dataset, encodeDataset } from "@clearinghouse/cube";
import { UN_RELEASE_DATES } from "@clearinghouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog } from "../src/tables/catalog.ts";
import { listCountryMetadata } from "../src/tables/country-metadata.ts";
import { CubeService } from "../src/tables/cubes.ts";
import { loadDataset } from "../src/tables/repository.ts";
import { seedDemo } from "../src/tables/seed.ts";
import { BACKENDS, CORPUS, type TestStorage, testStorage } from "./helpers.ts";

describe.each(BACKENDS)("demo data on a new %s database", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
  }, 120_000);
  afterAll(() => t?.dispose());

  it("loads the 12 tables into the chapters of the table tree, and the country metadata", async () => {
    const result = await seedDemo(t.storage.db, { dataDir: join(CORPUS, "../data") });
    expect(result).toMatchObject({ seeded: true, tables: 12, unData: true });
    const catalog = new Catalog(t.storage.db);
    const [database] = await catalog.children(null);
    expect(database).toMatchObject({
      code: "migration",
      label: { en: "Migration statistics", ru: "Статистика миграции" },
    });
    const chapters = await catalog.children(database?.id ?? -1);
    expect(chapters.map((c) => c.code)).toEqual([
      "birthplace",
      "citizenship",
      "immigration",
      "emigration",
      "acquisition",
    ]);
    const immigration = await catalog.children(chapters[2]?.id ?? -1);
    expect(immigration.map((n) => n.code)).toEqual(["T3", "T5_1", "T5_2"]);
    const t3 = await loadDataset(t.storage.db, "T3", 1);
    expect(t3?.source?.en).toMatch(/^Illustrative data, not official statistics/);
    const t11 = await loadDataset(t.storage.db, "T1_1", 1);
    expect(t11?.source?.en).toContain("United Nations, Department of Economic and Social Affairs, Population Division");
    const russia = await listCountryMetadata(t.storage.db, { tableId: "T3", reporter: "RUS", year: 2015 });
    expect(russia[0]?.breaks?.en).toMatch(/2011/);
  }, 120_000);

  it("shows the country metadata with the figures: notes on the reporting countries, in every format", async () => {
    const table = await new CubeService(t.storage.db).current("T3");
    const russia = table?.dataset.dimensions[0]?.categories.find((c) => c.code === "RUS");
    const withBreak = russia?.notes?.find((n) => n.text.en?.startsWith("From 2011."));
    expect(withBreak?.mandatory).toBe(true);
    expect(withBreak?.text.en).toContain("Break in series:");
    expect(withBreak?.text.ru).toContain("Разрыв ряда:");
    const px = new TextDecoder().decode(
      await encodeDataset(table?.dataset as Dataset, "px", { languages: ["en", "ru"] }),
    );
    expect(px).toMatch(/VALUENOTEX\("Reporting country","Russian Federation"\)=\s*"From 2011\./);
  });

  it("dates a UN table by the UN's release of its revision, and gives it the UN's notes, not national ones", async () => {
    const catalog = new Catalog(t.storage.db);
    expect((await catalog.table("T1_1"))?.updated.toISOString()).toBe(UN_RELEASE_DATES[2020]);
    expect((await catalog.table("T1_2"))?.updated.toISOString()).toBe(UN_RELEASE_DATES[2019]);
    // Illustrative tables are dated by the seeding.
    expect((await catalog.table("T3"))?.updated.getTime()).toBeGreaterThan(Date.parse("2025-01-01"));
    // The illustrative national metadata belongs to the illustrative tables only.
    expect(await listCountryMetadata(t.storage.db, { tableId: "T1_1" })).toEqual([]);
    expect(await listCountryMetadata(t.storage.db, { tableId: "T1_2" })).toEqual([]);
    expect((await listCountryMetadata(t.storage.db, { tableId: "T2_1" })).length).toBeGreaterThan(0);
    const served = await new CubeService(t.storage.db).current("T1_2");
    const ukraine = served?.dataset.dimensions[0]?.categories.find((c) => c.code === "UKR");
    const texts = ukraine?.notes?.map((n) => n.text.en) ?? [];
    expect(texts).toContain("UN country note 19 (International Migrant Stock 2019): Including Crimea.");
    for (const text of texts) expect(text).not.toMatch(/1 January|without|[Cc]ensus/);
    expect(served?.info.updated.toISOString()).toBe(UN_RELEASE_DATES[2019]);
  });

  it("leaves a database that has tables alone", async () => {
    expect(await seedDemo(t.storage.db)).toEqual({ seeded: false, tables: 0, cells: 0, unData: false });
  });
});

describe("demo data for another set of participating countries", () => {
  it("has only those reporters, in the tables and the country metadata", async () => {
    const t = await testStorage("pglite");
    try {
      await seedDemo(t.storage.db, { reporters: ["ARM", "GEO"], dataDir: "/nonexistent" });
      const t3 = await loadDataset(t.storage.db, "T3", 1);
      expect(t3?.dimensions[0]?.categories.map((c) => c.code)).toEqual(["ARM", "GEO"]);
      const reporters = new Set((await listCountryMetadata(t.storage.db)).map((e) => e.reporter));
      expect([...reporters].sort()).toEqual(["ARM", "GEO"]);
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
