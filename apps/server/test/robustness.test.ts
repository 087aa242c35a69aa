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
import { declaredCellsPx, HOSTILE_CASES } from "../../../packages/px/test/hostile.ts";
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

describe("PX validation cannot be used to amplify a request", () => {
  const validate = (target: FastifyInstance, payload: string | Buffer, query = "") =>
    target.inject({
      method: "POST",
      url: `/api/px/validate${query}`,
      headers: { "content-type": "application/octet-stream" },
      payload,
    });

  it("refuses a small file declaring millions of cells before allocating them", async () => {
    // 4 × 125 values: 244 million cells, 2 GB of numbers, in 2.8 kB.
    const res = await validate(app, declaredCellsPx(4, 125));
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ valid: false, errors: 1, cells: null });
    expect(report.diagnostics[0]).toMatchObject({ code: "PX040", keyword: "DATA" });
    expect(report.diagnostics[0].text).toMatch(/at most 10000000 cells \(the table has 244140625\)/);
  });

  it("reads files off the main thread, within a time limit, and answers others meanwhile", async () => {
    const bounded = await buildApp({ ...t.config, validateSeconds: 1 }, t.storage);
    try {
      // 30 languages of 100,000 variables: seconds of reading, far past the limit of 1 s.
      const slow = validate(bounded, HOSTILE_CASES[1]?.make(4_000_000) ?? "", "?lang=ru");
      let settled = false;
      void slow.then(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await bounded.inject({ url: "/healthz" })).statusCode).toBe(200);
      expect(settled).toBe(false);
      const res = await slow;
      expect(expectProblem(res, 422).detail).toMatch(/^Файл не удалось прочитать в пределах проверки \(1 с/);
    } finally {
      await bounded.close();
    }
  }, 30_000);

  it("limits the size of a file and the calls per client, with problem documents", async () => {
    const limited = await buildApp({ ...t.config, validateMaxBytes: 10_000, validateCallsPerMinute: 2 }, t.storage);
    try {
      const large = await validate(limited, "x".repeat(20_000));
      expect(expectProblem(large, 413).detail).toBe("A PX file to validate may have at most 10 kB.");
      expect((await validate(limited, declaredCellsPx(2, 2))).statusCode).toBe(200);
      const third = await validate(limited, declaredCellsPx(2, 2), "?lang=ru");
      expect(expectProblem(third, 429).detail).toBe("Можно проверить не больше 2 файлов в минуту; повторите позже.");
    } finally {
      await limited.close();
    }
  });
});

describe("security headers", () => {
  it("sends a Content-Security-Policy and nosniff with API answers, errors, HTML tables and the reference", async () => {
    for (const url of [
      "/api/v2/tables/T3",
      "/api/v2/tables/T3/data?outputFormat=html",
      "/api/v2/tables/NOPE",
      "/api/v1/en/",
      "/api/openapi.json",
      "/api/docs/",
      "/api/px/validate",
      "/healthz",
    ]) {
      const res = await app.inject({ url, headers: { origin: "https://example.org" } });
      expect(res.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(res.headers["content-security-policy"], url).toContain("object-src 'none'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    }
    // Other sites still read the public API.
    const cors = await app.inject({ url: "/api/v2/config", headers: { origin: "https://example.org" } });
    expect(cors.headers["access-control-allow-origin"]).toBe("*");
    expect(cors.headers["cross-origin-resource-policy"]).toBe("cross-origin");
  });
});

describe("JSON bodies", () => {
  it("refuses deep nesting before parsing it, and NUL characters in any text", async () => {
    const post = (payload: string) =>
      timed({
        method: "POST",
        url: "/api/v2/tables/T3/data",
        headers: { "content-type": "application/json" },
        payload,
      });
    // 400,000 nested arrays: seconds of JSON.parse, and a stack overflow for JSON.stringify.
    const deep = await post(`${"[".repeat(400_000)}${"]".repeat(400_000)}`);
    expect(expectProblem(deep.res, 400).detail).toMatch(/more than 32 deep/);
    expect(deep.ms).toBeLessThan(2000);
    // Brackets inside strings are text, not nesting.
    const brackets = await post(JSON.stringify({ selection: [{ variableCode: "[".repeat(100), valueCodes: ["*"] }] }));
    expect(expectProblem(brackets.res, 400).detail).toMatch(/no variable/);
    const nul = await post(JSON.stringify({ selection: [{ variableCode: COUNTRY, valueCodes: ["A\u0000"] }] }));
    expect(expectProblem(nul.res, 400).detail).toMatch(/NUL/);
  });
});
