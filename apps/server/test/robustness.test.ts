/**
 * Single hostile requests must neither freeze the server nor make it do work out of proportion to them: each is
 * answered at once with a clear 4xx. Time bounds here are generous guards (these took 10 to 100 s before); the
 * figures are in bench/hostile-requests.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFromPxBytes, SELECTION_LIMITS } from "@clearinghouse/cube";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

const COUNTRY = "Страна предыдущего проживания";
const STARS = `${"*".repeat(60)}!`;

let t: TestStorage;
let app: FastifyInstance;
beforeAll(async () => {
  t = await testStorage("pglite", { maxCalls: 100_000 });
  const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
  if (!dataset) throw new Error("fixture not read");
  const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
  await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset, sourceName: "t3.px" });
  app = await buildApp(t.config, t.storage);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.dispose();
});

const timed = async (options: InjectOptions) => {
  const started = performance.now();
  const res = await app.inject(options);
  return { res, ms: performance.now() - started };
};

function expectProblem(res: Awaited<ReturnType<FastifyInstance["inject"]>>, status: number) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  return res.json() as { detail: string; status: number };
}

describe("selections cannot freeze the server", () => {
  it("answers a wildcard of 60 stars at once, in API 2.0 and v1", async () => {
    const v2 = await timed({
      url: `/api/v2/tables/T3/data?valuecodes[${encodeURIComponent(COUNTRY)}]=${encodeURIComponent(STARS)}`,
    });
    expect(expectProblem(v2.res, 400).detail).toMatch(/select no values/);
    expect(v2.ms).toBeLessThan(2000);
    const v1 = await timed({
      method: "POST",
      url: "/api/v1/en/migration/T3",
      payload: { query: [{ code: COUNTRY, selection: { filter: "all", values: [STARS] } }] },
    });
    expect(v1.res.statusCode).toBe(400);
    expect(v1.res.json().error).toMatch(/no values/);
    expect(v1.ms).toBeLessThan(2000);
  });

  it("refuses more value codes than the limit, naming the variable and the limit in English and Russian", async () => {
    const many = Array(SELECTION_LIMITS.values + 1).fill("*");
    const body = { selection: [{ variableCode: COUNTRY, valueCodes: many }] };
    const en = expectProblem(await app.inject({ method: "POST", url: "/api/v2/tables/T3/data", payload: body }), 400);
    expect(en.detail).toBe(
      `the selection of "${COUNTRY}" has 20001 values, more than the limit of ${SELECTION_LIMITS.values}`,
    );
    const ru = await app.inject({ method: "POST", url: "/api/v2/tables/T3/data?lang=ru", payload: body });
    expect(expectProblem(ru, 400).detail).toBe(
      `в выборке переменной «${COUNTRY}» 20001 значение, а допустимо не больше ${SELECTION_LIMITS.values}`,
    );
    const long = { selection: [{ variableCode: COUNTRY, valueCodes: ["A".repeat(SELECTION_LIMITS.length + 1)] }] };
    const tooLong = await app.inject({ method: "POST", url: "/api/v2/tables/T3/data", payload: long });
    expect(expectProblem(tooLong, 400).detail).toMatch(/1001 characters, more than the limit of 1000/);
    const v1 = await app.inject({
      method: "POST",
      url: "/api/v1/ru/migration/T3",
      payload: { query: [{ code: COUNTRY, selection: { filter: "all", values: many } }] },
    });
    expect(v1.statusCode).toBe(400);
    expect(v1.json().error).toMatch(/допустимо не больше 20000/);
  });

  it("refuses a 10 MB selection body before reading it, as 413", async () => {
    const payload = JSON.stringify({ selection: [{ variableCode: COUNTRY, valueCodes: Array(2_500_000).fill("*") }] });
    const headers = { "content-type": "application/json" };
    const v2 = await timed({ method: "POST", url: "/api/v2/tables/T3/data", payload, headers });
    expectProblem(v2.res, 413);
    expect(v2.ms).toBeLessThan(2000);
    const v1 = await app.inject({ method: "POST", url: "/api/v1/en/migration/T3", payload, headers });
    expect(v1.statusCode).toBe(413);
    expect(v1.json().error).toMatch(/too large/i);
  });
});
