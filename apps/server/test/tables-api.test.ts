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
  it("answers errors in the request's language, in both PxWeb APIs and our own", async () => {
    const cases: [string, number, string, string][] = [
      ["/api/tables/NOPE", 404, 'no table "NOPE"', "нет таблицы «NOPE»"],
      ["/api/tables/T3/versions/1?format=nope", 400, 'unknown format "nope"', "неизвестный формат «nope»"],
      ["/api/tables/T3/versions/9", 404, 'table "T3" has no version 9', "у таблицы «T3» нет версии 9"],
      ["/api/v2/tables/NOPE", 404, 'no table "NOPE"', "нет таблицы «NOPE»"],
      ["/api/v2/tables/NOPE/metadata", 404, 'no table "NOPE"', "нет таблицы «NOPE»"],
      ["/api/v2/tables/T3/data?valuecodes[NOPE]=x", 400, 'no variable "NOPE"', "нет переменной «NOPE»"],
      ["/api/v2/tables?pageNumber=99", 404, "page 99 does not exist", "страницы 99 нет"],
      ["/api/v2/nowhere", 404, "no such resource", "такого ресурса нет"],
    ];
    for (const [url, status, en, ru] of cases) {
      const join = url.includes("?") ? "&" : "?";
      const english = await app.inject({ url: `${url}${join}lang=en` });
      const russian = await app.inject({ url: `${url}${join}lang=ru` });
      expect([english.statusCode, russian.statusCode], url).toEqual([status, status]);
      expect(english.json().detail, url).toContain(en);
      expect(russian.json().detail, url).toContain(ru);
      expect(russian.json().detail, url).not.toMatch(/[a-z]{4,} (table|variable|page|resource|format)/);
    }
    // A Russian browser without ?lang reads Russian too.
    const browser = await app.inject({ url: "/api/tables/NOPE", headers: { "accept-language": "ru-RU,ru;q=0.9" } });
    expect(browser.json().detail).toBe("нет таблицы «NOPE»");
    // PxWeb API v1: the language of the path.
    expect((await app.inject({ url: "/api/v1/ru/NOPE" })).json().error).toBe(
      "по пути «NOPE» нет ни базы данных, ни папки, ни таблицы",
    );
    expect((await app.inject({ url: "/api/v1/en/NOPE" })).json().error).toBe('no database, folder or table at "NOPE"');
    const body = await app.inject({ method: "POST", url: "/api/v1/ru/NOPE", payload: "{" });
    expect(body.json().error).toMatch(/^(по пути|тело запроса)/);
  });
});
