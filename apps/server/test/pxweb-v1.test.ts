/** PxWeb API v1 contract: request → exact response shape, as PxWeb clients rely on it. */
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { readPx } from "@clearinghouse/px";
import type { FastifyInstance, InjectOptions } from "fastify";
import JSONstat from "jsonstat-toolkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { importPath } from "../src/tables/import.ts";
import { BACKENDS, CORPUS, saveT3Fixture, type TestStorage, testStorage } from "./helpers.ts";

const T3 = "/api/v1/en/migration/T3";
const query = (format: string, extra: object[] = []) => ({
  query: [
    { code: "Страна предыдущего проживания", selection: { filter: "item", values: ["ARM", "KAZ"] } },
    { code: "Год", selection: { filter: "all", values: ["*"] } },
    ...extra,
  ],
  response: { format },
});

describe.each(BACKENDS)("PxWeb API v1 on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend, { maxCells: 1000, maxCalls: 1000 });
    await importPath(t.storage.db, join(CORPUS, "pxweb-example/Quarter"), { into: ["corpus", "quarter"] });
    await saveT3Fixture(t.storage.db, {
      tableId: "T3",
      path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }],
    });
    app = await buildApp(t.config, t.storage);
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists databases, folders and tables, in the asked language", async () => {
    expect((await app.inject({ url: "/api/v1/en/" })).json()).toEqual([
      { dbid: "corpus", text: "corpus" },
      { dbid: "migration", text: "Migration" },
    ]);
    expect((await app.inject({ url: "/api/v1/ru/" })).json()[1]).toEqual({ dbid: "migration", text: "Миграция" });
    expect((await app.inject({ url: "/api/v1/en/migration" })).json()).toEqual([
      {
        id: "T3",
        type: "t",
        text: "Long-term immigration by country of previous residence, sex and year",
        updated: "2026-11-20T10:00:00",
      },
    ]);
    expect((await app.inject({ url: "/api/v1/en/corpus" })).json()).toEqual([
      { id: "quarter", type: "l", text: "quarter" },
    ]);
  });

  it("gives table metadata with codes, texts, elimination and time", async () => {
    const meta = (await app.inject({ url: T3 })).json();
    expect(meta.title).toBe("Long-term immigration by country of previous residence, sex and year");
    expect(meta.variables).toEqual([
      {
        code: "Страна предыдущего проживания",
        text: "Country of previous residence",
        values: ["_T", "ARM", "BLR", "KAZ", "_O"],
        valueTexts: ["Total", "Armenia", "Belarus", "Kazakhstan", "Other countries"],
      },
      { code: "Пол", text: "Sex", values: ["_T", "M", "F"], valueTexts: ["Total", "Men", "Women"], elimination: true },
      { code: "Год", text: "Year", values: ["2022", "2023"], valueTexts: ["2022", "2023"], time: true },
    ]);
    expect((await app.inject({ url: "/api/v1/ru/migration/T3" })).json().variables[1].valueTexts).toEqual([
      "Всего",
      "Мужчины",
      "Женщины",
    ]);
  });

  it("answers a query in json-stat2 that jsonstat-toolkit reads, eliminating what is left out", async () => {
    const res = await app.inject({ method: "POST", url: T3, payload: query("json-stat2") });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const ds = JSONstat(res.json());
    expect(ds.id).toEqual(["Страна предыдущего проживания", "Год"]);
    expect(ds.Data({ "Страна предыдущего проживания": "KAZ", Год: "2023" })?.value).toBe(7800);
    expect(ds.Dimension("Страна предыдущего проживания")?.Category("ARM")?.label).toBe("Armenia");
  });

  it("writes json-stat2 as API 2.0 does (extension.px, elimination) and json-stat with PxWeb's extension.px", async () => {
    const v1 = (await app.inject({ method: "POST", url: T3, payload: query("json-stat2") })).json();
    const v2 = await app.inject({
      method: "POST",
      url: "/api/v2/tables/T3/data?lang=en&outputFormat=json-stat2",
      payload: {
        selection: [
          { variableCode: "Страна предыдущего проживания", valueCodes: ["ARM", "KAZ"] },
          { variableCode: "Год", valueCodes: ["*"] },
        ],
      },
    });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v1).toEqual(v2.json());
    expect(v1.extension.px).toMatchObject({ tableid: "T3", matrix: "T3", language: "en", heading: ["Год"] });
    expect(v1.dimension.Год.extension.elimination).toBe(false);
    const ru = (
      await app.inject({ method: "POST", url: "/api/v1/ru/migration/T3", payload: query("json-stat2") })
    ).json();
    expect(ru.extension.px.language).toBe("ru");
    const stat1 = (await app.inject({ method: "POST", url: T3, payload: query("json-stat") })).json();
    // JSON-stat 1 keeps PxWeb's shorter block: the fixture has no INFOFILE or TABLEID keyword.
    expect(stat1.dataset.extension.px).toEqual({ decimals: v1.extension.px.decimals });
  });

  it("answers json as PxWeb does: key columns and value strings", async () => {
    const res = (await app.inject({ method: "POST", url: T3, payload: query("json") })).json();
    expect(res.columns.map((c: { code: string; type: string }) => [c.code, c.type])).toEqual([
      ["Страна предыдущего проживания", "d"],
      ["Год", "t"],
      [expect.any(String), "c"],
    ]);
    expect(res.data[0]).toEqual({ key: ["ARM", "2022"], values: ["3100"] });
  });

  it("answers csv, px and xlsx", async () => {
    const csv = await app.inject({ method: "POST", url: T3, payload: query("csv") });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n")[1]).toBe("Armenia,3100,3300");
    const px = await app.inject({ method: "POST", url: T3, payload: query("px") });
    const file = readPx(new Uint8Array(px.rawPayload)).file;
    expect(Array.from(file?.data ?? [])).toEqual([3100, 3300, 7400, 7800]);
    expect(file?.languages).toEqual(["en", "ru"]);
    const xlsx = await app.inject({ method: "POST", url: T3, payload: query("xlsx") });
    expect(xlsx.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("sends an ETag and 304 when the client has the response, on metadata and data", async () => {
    for (const request of [{ url: T3 }, { method: "POST" as const, url: T3, payload: query("json-stat2") }]) {
      const first = await app.inject(request);
      expect(first.headers["cache-control"]).toContain("public");
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await app.inject({ ...request, headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
    }
  });

  it("sends a cached answer compressed as the client accepts, compressed once", async () => {
    const request = { method: "POST" as const, url: T3, payload: query("json-stat2") };
    const plain = await app.inject(request);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (const [coding, decompress] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      const first = await app.inject({ ...request, headers: { "accept-encoding": `${coding}, deflate` } });
      const again = await app.inject({ ...request, headers: { "accept-encoding": coding } });
      expect(first.headers["content-encoding"]).toBe(coding);
      expect(first.headers.vary).toContain("accept-encoding");
      expect(first.headers.etag).toBe(plain.headers.etag);
      expect(decompress(first.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    }
    const xlsx = await app.inject({ ...request, payload: query("xlsx"), headers: { "accept-encoding": "br" } });
    expect(xlsx.headers["content-encoding"]).toBeUndefined();
  });

  it("answers ?config with the limits", async () => {
    expect((await app.inject({ url: "/api/v1/en/?config" })).json()).toEqual({
      maxValues: 1000,
      maxCells: 1000,
      maxCalls: 1000,
      timeWindow: 10,
      CORS: true,
    });
  });

  it("answers ?config on the language root with or without its slash, and on folder and table URLs", async () => {
    const config = { maxValues: 1000, maxCells: 1000, maxCalls: 1000, timeWindow: 10, CORS: true };
    for (const url of ["/api/v1/en?config", "/api/v1/ru/?config", "/api/v1/en/migration?config", `${T3}?config`]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.json(), url).toEqual(config);
    }
    // Above the language there is no API to configure (the R package takes the shortest path that answers as base).
    for (const url of ["/api?config", "/api/v1?config", "/api/v1/xx?config", "/api/v1/xx/migration?config"]) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("lists the databases at the language root without its trailing slash", async () => {
    expect((await app.inject({ url: "/api/v1/ru" })).json()).toEqual((await app.inject({ url: "/api/v1/ru/" })).json());
  });

  it("reads a query body as JSON whatever its Content-Type, or without one, as PxWeb does", async () => {
    const body = JSON.stringify(query("json-stat2"));
    const expected = (await app.inject({ method: "POST", url: T3, payload: query("json-stat2") })).json();
    const headers: Record<string, string>[] = [
      {}, // R's httr sends no Content-Type
      { "content-type": "text/plain" },
      { "content-type": "application/x-www-form-urlencoded" }, // curl -d
      { "content-type": "application/octet-stream" },
      { "content-type": "application/json; charset=utf-8" },
    ];
    for (const h of headers) {
      const res = await app.inject({ method: "POST", url: T3, payload: Buffer.from(body), headers: h });
      expect(res.statusCode, JSON.stringify(h)).toBe(200);
      expect(res.json(), JSON.stringify(h)).toEqual(expected);
    }
    // A declared charset is honoured: the variable code in windows-1251 bytes.
    const cp1251 = Buffer.from(
      body.replace(/[\u0400-\u04ff]/g, (c) => String.fromCharCode((c.codePointAt(0) as number) - 0x350)),
      "latin1",
    );
    const res = await app.inject({
      method: "POST",
      url: T3,
      payload: cp1251,
      headers: { "content-type": "text/plain; charset=windows-1251" },
    });
    expect(res.json()).toEqual(expected);
  });

  it("refuses an unreadable body or Content-Type with a 4xx naming the problem, never a 500", async () => {
    const post = (payload: string | Buffer, contentType: string) =>
      app.inject({ method: "POST", url: T3, payload, headers: { "content-type": contentType } });
    const cases: [string | Buffer, string, number, RegExp][] = [
      ["{not json", "text/plain", 400, /not valid JSON/],
      ["", "application/json", 400, /body is empty/],
      ["--x\r\nContent-Disposition: form-data\r\n\r\n{}\r\n--x--", "multipart/form-data; boundary=x", 400, /JSON/],
      ["<query/>", "application/xml", 400, /not valid JSON/],
      [JSON.stringify(query("json")), "text/plain; charset=klingon", 415, /unknown charset "klingon"/],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), "application/json", 400, /not valid utf-8/],
      [JSON.stringify(query("json")), "not a media type", 415, /./],
      // The server's depth limit holds for this API's own parser too (a megabyte of "[" took JSON.parse seconds).
      ["[".repeat(100_000), "application/json", 400, /more than 32 deep/],
      ["[".repeat(100_000), "text/plain", 400, /more than 32 deep/],
    ];
    for (const [payload, contentType, status, message] of cases) {
      const res = await post(payload, contentType);
      expect(res.statusCode, contentType).toBe(status);
      expect(res.json().error, contentType).toMatch(message);
    }
  });

  it("answers bad requests with PxWeb's statuses, never a 500", async () => {
    const cases: [InjectOptions, number, RegExp][] = [
      [{ url: "/api/v1/xx/" }, 404, /unknown language "xx"/],
      [{ url: "/api/v1/en/nope" }, 404, /no database, folder or table at "nope"/],
      [{ method: "POST", url: T3, payload: "{not json", headers: { "content-type": "application/json" } }, 400, /JSON/],
      [{ method: "POST", url: T3, payload: { query: "x" } }, 400, /"query": \[/],
      [{ method: "POST", url: T3, payload: query("docx") }, 400, /unsupported response format "docx"/],
      [
        {
          method: "POST",
          url: T3,
          payload: { query: [{ code: "nope", selection: { filter: "item", values: ["1"] } }] },
        },
        400,
        /no variable "nope"/,
      ],
      [
        {
          method: "POST",
          url: T3,
          payload: query("json", [{ code: "Пол", selection: { filter: "item", values: ["Z"] } }]),
        },
        400,
        /"Z" is not a value of "Пол"/,
      ],
      [{ method: "POST", url: "/api/v1/en/migration", payload: query("json") }, 400, /only be queried from a table/],
    ];
    for (const [request, status, message] of cases) {
      const res = await app.inject(request);
      expect(res.statusCode, JSON.stringify(request)).toBe(status);
      expect(res.json().error).toMatch(message);
    }
  });

  it("refuses a selection over the cell limit with 403", async () => {
    const path = "/api/v1/en/corpus/quarter/HA0201E8";
    const meta = (await app.inject({ url: path })).json();
    const all = meta.variables.map((v: { code: string }) => ({
      code: v.code,
      selection: { filter: "all", values: ["*"] },
    }));
    expect(
      (await app.inject({ method: "POST", url: path, payload: { query: all, response: { format: "json" } } }))
        .statusCode,
    ).toBe(200);
    const limited = await testStorage(backend, { maxCells: 100, maxCalls: 1000 });
    try {
      await importPath(limited.storage.db, join(CORPUS, "pxweb-example/Quarter"), { into: ["corpus", "quarter"] });
      const small = await buildApp(limited.config, limited.storage);
      const res = await small.inject({
        method: "POST",
        url: path,
        payload: { query: all, response: { format: "json" } },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatch(/too many values selected: 117 cells, at most 100/);
      await small.close();
    } finally {
      await limited.dispose();
    }
  });
});

describe("PxWeb API v1 rate limit", () => {
  it("answers 429 past the calls allowed in the time window", async () => {
    const t = await testStorage("pglite", { maxCalls: 3, timeWindowSeconds: 60 });
    const app = await buildApp(t.config, t.storage);
    try {
      const statuses = [];
      for (let k = 0; k < 5; k++) statuses.push((await app.inject({ url: "/api/v1/en/" })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect((await app.inject({ url: "/api/v1/en/" })).json().error).toMatch(/too many calls/);
      expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200); // not limited
    } finally {
      await app.close();
      await t.dispose();
    }
  });
});
