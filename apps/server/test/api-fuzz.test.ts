/**
 * Hostile paths, query strings and bodies over every route the server has: never a 5xx, and every refusal is a
 * JSON body (a problem document, or PxWeb v1's `{error}`). A fixed seed keeps the run deterministic; FUZZ_SEED and
 * FUZZ_RUNS explore further.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetFromPxBytes } from "@clearinghouse/cube";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { PX_FIXTURES, type TestStorage, testStorage } from "./helpers.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

let t: TestStorage;
let app: FastifyInstance;
const routes: { method: string; url: string }[] = [];
beforeAll(async () => {
  t = await testStorage("pglite", { maxCalls: 1_000_000, validateCallsPerMinute: 1_000_000 });
  const { dataset } = datasetFromPxBytes(new Uint8Array(readFileSync(join(PX_FIXTURES, "t3-ru-utf-8.px"))));
  if (!dataset) throw new Error("fixture not read");
  const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
  await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset, sourceName: "t3.px" });
  app = await buildApp({ ...t.config, webDir: join(import.meta.dirname, "fixtures/web") }, t.storage);
  // The public routes are the ones the OpenAPI document lists.
  const doc = (await app.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, object> };
  for (const [url, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) routes.push({ method: method.toUpperCase(), url });
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.dispose();
});

/** Texts a careless server trips on: NUL and other control characters, huge numbers, escapes, long runs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "999999999999999999999",
    "-1",
    "0",
    "1e400",
    "NaN",
    "..",
    "../../etc/passwd",
    "%",
    "%zz",
    "\ud800",
    "*".repeat(60),
    "T3",
    "vs_CIS",
    "agg_X",
    "x".repeat(5000),
    "<script>",
    "'; drop table data_table; --",
  ),
);

/** Percent-encodes every byte of the text's UTF-8 (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (s: string) =>
  Array.from(Buffer.from(s, "utf8"), (b) => `%${b.toString(16).padStart(2, "0")}`).join("");
const segment = fc.oneof(hostileText.map(percentEncoded), fc.constantFrom("%FF", "%C0%AF", "%E0%80", "%"));
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("lang", "format", "outputFormat", "pageSize", "pageNumber", "q", "query", "strict", "country"),
        fc.constantFrom("valuecodes[Год]", "codelist[Год]", "valuecodes[]", "heading", "stub", "pastDays", "config"),
        fc.string({ maxLength: 8 }),
      ),
      hostileText,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`).join("&"));

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ type: "application/json", payload: JSON.stringify(v) })),
  fc
    .record({
      selection: fc.array(
        fc.record({ variableCode: hostileText, valueCodes: fc.array(hostileText, { maxLength: 3 }) }),
        { maxLength: 3 },
      ),
      query: fc.array(
        fc.record({
          code: hostileText,
          selection: fc.record({ filter: hostileText, values: fc.array(hostileText, { maxLength: 3 }) }),
        }),
        { maxLength: 3 },
      ),
      tableId: hostileText,
      language: hostileText,
      email: hostileText,
      password: hostileText,
    })
    .map((v) => ({ type: "application/json", payload: JSON.stringify(v) })),
  fc.string({ maxLength: 200 }).map((s) => ({ type: "application/json", payload: s })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: "application/octet-stream", payload: Buffer.from(b) })),
  fc.string({ maxLength: 100 }).map((s) => ({ type: "text/plain", payload: s })),
);

describe("API fuzzing", () => {
  it("collects the routes to fuzz", () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it("never answers a hostile request with a 5xx, and always refuses in JSON", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(segment, { minLength: 4, maxLength: 4 }),
        queryString,
        body,
        async (pick, segments, query, content) => {
          const route = routes[pick % routes.length] as { method: string; url: string };
          let k = 0;
          // Each :param and * gets a hostile segment.
          const path = route.url.replace(/\{[^}]+\}/g, () => segments[k++ % segments.length] || "x");
          const options: InjectOptions = {
            method: route.method as InjectOptions["method"],
            url: query ? `${path}?${query}` : path,
            ...(content && route.method !== "GET"
              ? { headers: { "content-type": content.type }, payload: content.payload }
              : {}),
          };
          const res = await app.inject(options);
          const where = `${options.method} ${options.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers["content-type"], where).toMatch(/json/);
            expect(() => JSON.parse(res.body), where).not.toThrow();
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it("answers the probe's known 500s as 4xx", async () => {
    const cases: [string, number][] = [
      ["/api/tables/T3/versions/999999999999999999999", 400],
      ["/api/tables/T3/versions/1.5", 400],
      ["/api/tables/T3/versions/0", 400],
      ["/api/tables/%00/versions", 400],
      ["/api/v2/tables/%00", 400],
      ["/api/v2/savedqueries/%00", 400],
      ["/api/v1/en/migration/%00", 400],
      ["/api/v2/tables/T3?lang=%00", 400],
    ];
    for (const [url, status] of cases) {
      const res = await app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      expect(res.headers["content-type"]).toMatch(/json/);
    }
  });
});
