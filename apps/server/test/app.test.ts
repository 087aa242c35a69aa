import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { CORPUS as corpus, type TestStorage, testStorage } from "./helpers.ts";

let t: TestStorage;
let app: FastifyInstance;
beforeAll(async () => {
  t = await testStorage("pglite");
  app = await buildApp({ ...t.config, webDir: join(import.meta.dirname, "fixtures/web") }, t.storage);
});
afterAll(async () => {
  await app.close();
  await t.dispose();
});

describe("server", () => {
  it("answers the health and readiness checks and serves metrics", async () => {
    const res = await app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
    expect((await app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready", database: "pglite" });
    const metrics = await app.inject({ url: "/metrics" });
    expect(metrics.body).toMatch(/^http_requests_total\{method="GET",status="200"\} \d+$/m);
  });

  it("sends the start address to the reader's language", async () => {
    const en = await app.inject({ url: "/" });
    expect(en.statusCode).toBe(302);
    expect(en.headers.location).toBe("/en/");
    expect(en.headers.vary).toContain("Accept-Language");
    const ru = await app.inject({ url: "/", headers: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" } });
    expect(ru.headers.location).toBe("/ru/");
    // Quality decides, not order; a language we do not have is skipped.
    const ranked = await app.inject({ url: "/", headers: { "accept-language": "de;q=1, en;q=0.5, ru;q=0.8" } });
    expect(ranked.headers.location).toBe("/ru/");
    expect((await app.inject({ url: "/?lang=en", headers: { "accept-language": "ru" } })).headers.location).toBe(
      "/en/",
    );
  });

  it("serves the web interface's pages in their language, with a content security policy", async () => {
    const page = await app.inject({ url: "/ru/tables/T1_1?v.year=2020" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<html lang="ru">');
    expect(page.body).toContain("<title>Информационный центр по статистике миграции</title>");
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    // The embedded table pages, and only they, may be framed by another site; their scripts stay the site's own.
    const embedded = await app.inject({ url: "/en/embed/tables/T1_1?v.year=top(5)" });
    expect(embedded.statusCode).toBe(200);
    expect(embedded.headers["content-security-policy"]).toContain("frame-ancestors *");
    expect(String(embedded.headers["content-security-policy"])).not.toContain("'none'; form");
    expect(embedded.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(embedded.headers["x-frame-options"]).toBeUndefined();
    expect((await app.inject({ url: "/en/tables/T1_1?embed/" })).headers["content-security-policy"]).toContain(
      "frame-ancestors 'none'",
    );
    expect((await app.inject({ url: "/en/glossary" })).body).toContain('<html lang="en">');
    expect((await app.inject({ url: "/ru" })).headers.location).toBe("/ru/");
    const asset = await app.inject({ url: "/assets/app-abc123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect((await app.inject({ url: "/assets/missing.js" })).statusCode).toBe(404);
  });

  it("says how to build the web interface when it is not built", async () => {
    const bare = await buildApp({ ...t.config, webDir: join(corpus, "no-such-folder") }, t.storage);
    const res = await bare.inject({ url: "/en/" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("npm run build -w apps/web");
    await bare.close();
  });

  it("validates an uploaded PX file and names the defect, in the asked language", async () => {
    const payload = readFileSync(join(corpus, "pxweb-example/error/fatal/BE0101F1errorMatrix.px"));
    const res = await app.inject({
      method: "POST",
      url: "/api/px/validate?lang=ru",
      headers: { "content-type": "application/octet-stream" },
      payload,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ valid: false, errors: 1, cells: null });
    expect(body.diagnostics[0]).toMatchObject({ code: "PX028", keyword: "MATRIX", line: 8 });
    expect(body.diagnostics[0].text).toBe(
      "8:13: ошибка PX028 [MATRIX]: ошибка в значении MATRIX, определяющем структуру таблицы",
    );
  });

  it("publishes its OpenAPI document and an interactive reference", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe("Migration Statistics Clearinghouse API");
    expect(Object.keys(doc.paths)).toContain("/api/v1/{lang}/");
    const docs = await app.inject({ url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("compresses large responses with brotli or gzip as the client asks, and allows other sites' scripts", async () => {
    const br = await app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    const gzip = await app.inject({ url: "/api/openapi.json", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    const cors = await app.inject({ url: "/api/v1/en/", headers: { origin: "https://example.org" } });
    expect(cors.headers["access-control-allow-origin"]).toBe("*");
  });

  it("refuses an empty upload with a problem document", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/px/validate",
      headers: { "content-type": "application/octet-stream" },
      payload: "",
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
