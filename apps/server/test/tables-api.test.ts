import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import { readPx } from "@clearinghouse/px";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

describe.each(BACKENDS)("every version stays readable, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend);
    const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
    if (!dataset) throw new Error("fixture");
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset, sourceName: "t3.px" });
    const revised = { ...dataset, values: dataset.values.map((v, i) => (i === 0 ? 12600 : v)) };
    await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset: revised, sourceName: "t3-revised.px" });
    app = await buildApp(t.config, t.storage);
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists the versions, newest first, marking the current one", async () => {
    const versions = (await app.inject({ url: "/api/tables/T3/versions" })).json();
    expect(
      versions.map((v: { version: number; source: string; current: boolean; cells: number }) => [
        v.version,
        v.source,
        v.current,
        v.cells,
      ]),
    ).toEqual([
      [2, "t3-revised.px", true, 30],
      [1, "t3.px", false, 30],
    ]);
  });

  it("serves an old version whole, immutable, in any format and language", async () => {
    const old = await app.inject({ url: "/api/tables/T3/versions/1" });
    expect(old.headers["cache-control"]).toContain("immutable");
    expect(readPx(new Uint8Array(old.rawPayload)).file?.data[0]).toBe(12500);
    const current = await app.inject({ url: "/api/tables/T3/versions/2?format=json-stat2&lang=en" });
    expect(current.json().value[0]).toBe(12600);
    expect(current.json().label).toBe("Long-term immigration by country of previous residence, sex and year");
  });

  it("answers what does not exist, or is asked wrongly, with a problem document", async () => {
    for (const [url, status, detail] of [
      ["/api/tables/NOPE/versions", 404, 'no table "NOPE"'],
      ["/api/tables/T3/versions/9", 404, 'table "T3" has no version 9'],
      ["/api/tables/T3/versions/x", 400, 'version must be a whole number from 1 to 2147483647, not "x"'],
      ["/api/tables/T3/versions/999999999999999999999", 400, "version must be a whole number from 1 to 2147483647"],
      ["/api/tables/T3/versions/1?format=docx", 400, 'unknown format "docx"'],
      ["/api/tables/T3/versions/1?lang=fr", 400, 'unknown language "fr"'],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().detail).toContain(detail);
    }
  });
});
