/** The mark of illustrative demo figures in PxWeb API 2.0's table list, table and metadata document. */
import type { Dataset } from "@clearinghouse/cube";
import { emptyCube, ILLUSTRATIVE } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const cube = (id: "T3" | "T4" | "T5_1") => emptyCube(id, { reporters: ["ARM"], years: [2020], partners: ["KAZ"] });

/** T3 is marked by its first note, T4 by its source, as the demo generator marks its cubes; T5_1 is not marked. */
const TABLES: Dataset[] = [
  {
    ...cube("T3"),
    notes: [{ text: { en: `${ILLUSTRATIVE.en}: invented.`, ru: `${ILLUSTRATIVE.ru}: вымышлены.` }, mandatory: true }],
  },
  { ...cube("T4"), source: { en: `${ILLUSTRATIVE.en}.`, ru: `${ILLUSTRATIVE.ru}.` } },
  {
    ...cube("T5_1"),
    notes: [{ text: { en: "Official figures of the statistical office.", ru: "Официальные данные." } }],
  },
];

describe.each(BACKENDS)("illustrative tables in PxWeb API 2.0, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend);
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    for (const dataset of TABLES) {
      await saveTableVersion(t.storage.db, { tableId: dataset.id, path, dataset, sourceName: `${dataset.id}.px` });
    }
    app = await buildApp(t.config, t.storage);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  it("marks illustrative tables in the table list, and says nothing of the others", async () => {
    for (const lang of ["en", "ru"]) {
      const { tables } = (await get(`/api/v2/tables?lang=${lang}`)) as { tables: Record<string, unknown>[] };
      expect(tables.map((x) => [x.id, x.illustrative])).toEqual([
        ["T3", true],
        ["T4", true],
        ["T5_1", undefined],
      ]);
      expect(tables[2]).not.toHaveProperty("illustrative");
    }
    expect(await get("/api/v2/tables/T3")).toMatchObject({ id: "T3", illustrative: true });
    expect(await get("/api/v2/tables/T5_1")).not.toHaveProperty("illustrative");
  });

  it("marks the metadata document's extension of an illustrative table", async () => {
    for (const id of ["T3", "T4"]) {
      const doc = await get(`/api/v2/tables/${id}/metadata?lang=ru`);
      expect(doc.extension.illustrative, id).toBe(true);
    }
    // Official figures carry no mark.
    const t5 = await get("/api/v2/tables/T5_1/metadata");
    expect(t5.extension).not.toHaveProperty("illustrative");
    expect(t5.extension.px).toBeDefined();
  });
});
