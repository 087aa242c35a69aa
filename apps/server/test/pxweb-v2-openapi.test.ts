/**
 * Every answer of every PxWeb API 2.0 endpoint, successes and errors, validated against the schemas of the API's
 * OpenAPI description (test/fixtures/pxapi-2, derived from PxAPI-2.yml) with an OpenAPI response validator: the
 * status must be one the description lists for the path, the media type one it lists (or the format's own, see
 * docs/decisions/0006-pxweb-api-2-conformance.md), and a JSON body must match the schema. The assertions are on the
 * schemas, not on literal answers, so they hold while the metadata grows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "@clearinghouse/cube";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { tableFromIPC } from "apache-arrow";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import JSONstat from "jsonstat-toolkit";
import validatorModule from "openapi-response-validator";
import { readParquet } from "parquet-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, pxFixture, type TestStorage, testStorage } from "./helpers.ts";

type Json = Record<string, unknown>;
interface Operation {
  readonly responses: Record<string, Json>;
}

const DESCRIPTION = parse(readFileSync(join(import.meta.dirname, "fixtures/pxapi-2/pxapi-2-derived.yml"), "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: Json & { responses: Record<string, Json>; schemas: Record<string, Json> };
};

// A CommonJS module: Node's import gives its exports, whose default is the class; Vite's interop the class itself.
const OpenAPIResponseValidator = (validatorModule.default ?? validatorModule) as typeof validatorModule.default;
type OpenAPIResponseValidator = InstanceType<typeof OpenAPIResponseValidator>;

/** The formats the description names, as ajv-formats checks them (the validator itself checks none). */
const FORMATS = Object.fromEntries(
  (["date-time", "uri", "uri-reference"] as const).map((name) => {
    const format = fullFormats[name] as unknown;
    const check =
      typeof format === "function"
        ? (format as (s: string) => boolean)
        : format instanceof RegExp
          ? (s: string) => format.test(s)
          : (format as { validate: (s: string) => boolean }).validate;
    return [name, check];
  }),
);

/** The responses of an operation with their `$ref`s to components/responses resolved. */
function responsesOf(path: string, method: string): Record<string, Json> {
  const operation = DESCRIPTION.paths[path]?.[method];
  if (!operation) throw new Error(`the description has no ${method.toUpperCase()} ${path}`);
  return Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => {
      const ref = response.$ref as string | undefined;
      return [status, ref ? (DESCRIPTION.components.responses[ref.split("/").at(-1) as string] as Json) : response];
    }),
  );
}

const validators = new Map<string, OpenAPIResponseValidator>();
function validatorFor(key: string, responses: Record<string, Json>): OpenAPIResponseValidator {
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenAPIResponseValidator({
      responses: responses as never,
      components: DESCRIPTION.components as never,
      customFormats: FORMATS as never,
    });
    validators.set(key, validator);
  }
  return validator;
}

/** The media types our data answers have where the description lists only generic ones (like PxWebApi's). */
const FORMAT_MEDIA_TYPES = new Set([
  "text/csv",
  "text/html",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);
const DATA_PATHS = new Set(["/tables/{id}/data", "/savedqueries/{id}/data"]);

/** Checks an answer against the description of `method path` (a path template under /api/v2). */
function expectConforms(res: LightMyRequestResponse, path: string, method = "get", schema?: string): unknown {
  const responses = responsesOf(path, method);
  const status = String(res.statusCode);
  const label = `${method.toUpperCase()} ${path} → ${status}: ${res.body.slice(0, 300)}`;
  expect(Object.keys(responses), label).toContain(status);
  const response = responses[status] as Json;
  const mediaType = String(res.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim() as string;
  const listed = Object.keys((response.content as Json | undefined) ?? {});
  if (!(DATA_PATHS.has(path) && status === "200" && FORMAT_MEDIA_TYPES.has(mediaType))) {
    expect(listed, label).toContain(mediaType);
  }
  if (!/json$/.test(mediaType)) return undefined;
  const body = res.json();
  const chosen = schema
    ? { [status]: { description: schema, content: { "application/json": { schema: { $ref: schema } } } } }
    : { [status]: response };
  const errors = validatorFor(`${method} ${path} ${status} ${schema ?? ""}`, chosen).validateResponse(
    res.statusCode,
    body,
  );
  expect(errors, `${label}\n${JSON.stringify(errors?.errors, null, 1)}`).toBeUndefined();
  return body;
}

/** T3 with a value set and a grouping on its first variable, so that the codelist endpoints have something. */
function withCodelists(ds: Dataset): Dataset {
  const [first, ...rest] = ds.dimensions;
  if (!first) throw new Error("no variables");
  const codes = first.categories.map((c) => c.code);
  return {
    ...ds,
    id: "T3C",
    dimensions: [
      {
        ...first,
        valueSets: [{ id: "FIRST2", label: { en: "First two", ru: "Первые два" }, codes: codes.slice(0, 2) }],
        groupings: [
          {
            id: "ALL",
            label: { en: "All together", ru: "Все вместе" },
            groups: [{ code: "ALL", label: { en: "All", ru: "Все" }, members: codes }],
          },
        ],
      },
      ...rest,
    ],
  };
}

describe.each(BACKENDS)("PxWeb API 2.0 answers as its OpenAPI description says, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const t3 = pxFixture();
  const [country, sex, year] = t3.dimensions.map((d) => d.code) as [string, string, string];
  const vc = (code: string, codes: string) => `valuecodes[${encodeURIComponent(code)}]=${encodeURIComponent(codes)}`;
  const all = [country, sex, year].map((code) => vc(code, "*")).join("&");
  const get = (url: string) => app.inject({ url });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url, payload: payload as InjectOptions["payload"], headers } as InjectOptions);

  beforeAll(async () => {
    // Fewer cells allowed than T3 has, so that a selection of everything is refused with 403.
    t = await testStorage(backend, { maxCells: t3.values.length - 1, maxCalls: 10_000 });
    const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
    await saveTableVersion(t.storage.db, { tableId: "T3", path, dataset: t3, sourceName: "t3.px" });
    await saveTableVersion(t.storage.db, {
      tableId: "T3C",
      path,
      dataset: withCodelists(t3),
      sourceName: "t3c.px",
    });
    app = await buildApp(t.config, t.storage);
  }, 120_000); // the embedded database starts slowly on a busy machine
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists and describes tables", async () => {
    for (const url of ["/api/v2/tables", "/api/v2/tables?lang=en&pageSize=1&pageNumber=2", "/api/v2/tables?query=T3"]) {
      expectConforms(await get(url), "/tables");
    }
    for (const url of ["/api/v2/tables/T3", "/api/v2/tables/T3C?lang=en"]) {
      expectConforms(await get(url), "/tables/{id}");
    }
    const codelist = `codelist[${encodeURIComponent(country)}]`;
    for (const url of [
      "/api/v2/tables/T3/metadata",
      "/api/v2/tables/T3C/metadata?lang=en",
      `/api/v2/tables/T3C/metadata?${codelist}=vs_FIRST2`,
      `/api/v2/tables/T3C/metadata?${codelist}=agg_ALL&defaultSelection=true`,
    ]) {
      expectConforms(await get(url), "/tables/{id}/metadata");
    }
    for (const url of ["/api/v2/tables/T3/defaultselection", "/api/v2/tables/T3C/defaultselection?lang=en"]) {
      expectConforms(await get(url), "/tables/{id}/defaultselection");
    }
    for (const url of ["/api/v2/codelists/vs_FIRST2", "/api/v2/codelists/agg_ALL?lang=en"]) {
      expectConforms(await get(url), "/codelists/{id}");
    }
    expectConforms(await get("/api/v2/config"), "/config");
  });

  it("answers data in every output format the configuration lists, with the media type its format has", async () => {
    const config = (await get("/api/v2/config")).json() as { dataFormats: string[] };
    expect(config.dataFormats).toContain("parquet");
    const selection = `${vc(country, "ARM,KAZ")}&${vc(year, "*")}&${vc(sex, "*")}`;
    for (const format of config.dataFormats) {
      const res = await get(`/api/v2/tables/T3/data?${selection}&outputFormat=${format}`);
      expect(res.statusCode, format).toBe(200);
      expectConforms(res, "/tables/{id}/data", "get", format === "json-stat2" ? "#/components/schemas/Dataset" : "");
    }
    expectConforms(await get("/api/v2/tables/T3/data"), "/tables/{id}/data", "get", "#/components/schemas/Dataset");
    const body = {
      selection: [
        { variableCode: country, codeList: "vs_FIRST2", valueCodes: ["*"] },
        { variableCode: year, valueCodes: ["top(1)"] },
        { variableCode: sex, valueCodes: ["*"] },
      ],
      placement: { heading: [year], stub: [] },
    };
    for (const format of config.dataFormats) {
      const res = await post(`/api/v2/tables/T3C/data?outputFormat=${format}&lang=en`, body);
      expect(res.statusCode, format).toBe(200);
      expectConforms(res, "/tables/{id}/data", "post", format === "json-stat2" ? "#/components/schemas/Dataset" : "");
    }
  });

  it("saves a query and answers it, its data and its selection", async () => {
    const query = {
      tableId: "T3C",
      language: "en",
      selection: {
        selection: [
          { variableCode: country, codeList: "agg_ALL", valueCodes: ["ALL"] },
          { variableCode: sex, valueCodes: ["*"] },
          { variableCode: year, valueCodes: ["*"] },
        ],
      },
      outputFormat: "csv",
      outputFormatParams: ["UseCodes"],
    };
    const created = await post("/api/v2/savedqueries", query);
    expect(created.statusCode).toBe(201);
    const saved = expectConforms(created, "/savedqueries", "post") as { id: string; savedQuery: unknown };
    expect(saved.savedQuery).toMatchObject({ id: saved.id, ...query });
    const read = await get(`/api/v2/savedqueries/${saved.id}`);
    expect(expectConforms(read, "/savedqueries/{id}")).toEqual(saved);
    expectConforms(await get(`/api/v2/savedqueries/${saved.id}/data`), "/savedqueries/{id}/data");
    expectConforms(
      await get(`/api/v2/savedqueries/${saved.id}/data?outputFormat=json-stat2`),
      "/savedqueries/{id}/data",
      "get",
      "#/components/schemas/Dataset",
    );
    expectConforms(await get(`/api/v2/savedqueries/${saved.id}/selection?lang=ru`), "/savedqueries/{id}/selection");
  });

  it("has a validator that refuses what the description does not allow", async () => {
    const table = (await get("/api/v2/tables/T3")).json() as Json;
    const check = (body: unknown, status = 200) =>
      validatorFor("GET /tables/{id} (mutated)", responsesOf("/tables/{id}", "get")).validateResponse(status, body);
    expect(check(table)).toBeUndefined();
    const { links: _links, ...withoutLinks } = table;
    for (const broken of [
      withoutLinks,
      { ...table, updated: "yesterday" },
      { ...table, category: "official" },
      { ...table, timeUnit: "Yearly" },
      { ...table, links: [{ rel: "self", href: "not a uri" }] },
    ]) {
      expect(check(broken), JSON.stringify(broken).slice(0, 200)).toBeDefined();
    }
    expect(check({ type: "about:blank", title: "Not Found", status: 404, detail: "x" }, 404)).toBeDefined();
  });

  it("answers every error as a Problem, ids with control characters included", async () => {
    const cases: [string, string, number][] = [
      ["/api/v2/tables?lang=de", "/tables", 400],
      ["/api/v2/tables?pageNumber=0", "/tables", 400],
      ["/api/v2/tables?pageNumber=99", "/tables", 404],
      ["/api/v2/tables/NOPE", "/tables/{id}", 404],
      ["/api/v2/tables/T3%00", "/tables/{id}", 400],
      ["/api/v2/tables/%00/metadata", "/tables/{id}/metadata", 400],
      ["/api/v2/tables/NOPE/metadata", "/tables/{id}/metadata", 404],
      ["/api/v2/tables/T3/metadata?lang=xx", "/tables/{id}/metadata", 400],
      ["/api/v2/tables/%01/defaultselection", "/tables/{id}/defaultselection", 400],
      ["/api/v2/tables/NOPE/defaultselection", "/tables/{id}/defaultselection", 404],
      ["/api/v2/tables/%00/data", "/tables/{id}/data", 400],
      [`/api/v2/tables/T3/data?${all}`, "/tables/{id}/data", 403],
      [`/api/v2/tables/T3/data?${all}&outputFormat=xml`, "/tables/{id}/data", 400],
      ["/api/v2/tables/NOPE/data", "/tables/{id}/data", 404],
      ["/api/v2/codelists/vs_%00", "/codelists/{id}", 400],
      ["/api/v2/codelists/vs_NOPE", "/codelists/{id}", 404],
      ["/api/v2/codelists/NOPE", "/codelists/{id}", 404],
      ["/api/v2/savedqueries/%00", "/savedqueries/{id}", 400],
      ["/api/v2/savedqueries/..%2F..%2Fetc", "/savedqueries/{id}", 400],
      ["/api/v2/savedqueries/AAAAAAAAAAAAAAAA", "/savedqueries/{id}", 404],
      ["/api/v2/savedqueries/%00/data", "/savedqueries/{id}/data", 400],
      ["/api/v2/savedqueries/AAAAAAAAAAAAAAAA/data", "/savedqueries/{id}/data", 404],
      ["/api/v2/savedqueries/%00/selection", "/savedqueries/{id}/selection", 400],
      ["/api/v2/savedqueries/AAAAAAAAAAAAAAAA/selection", "/savedqueries/{id}/selection", 404],
    ];
    for (const [url, path, status] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expectConforms(res, path);
    }
    const posts: [string, string, unknown, number][] = [
      ["/api/v2/tables/T3/data", "/tables/{id}/data", { selection: "all" }, 400],
      ["/api/v2/tables/%00/data", "/tables/{id}/data", { selection: [] }, 400],
      [
        "/api/v2/savedqueries",
        "/savedqueries",
        { tableId: "T3\u0000", language: "en", selection: { selection: [] } },
        400,
      ],
      ["/api/v2/savedqueries", "/savedqueries", { tableId: "T3", language: "de", selection: { selection: [] } }, 400],
    ];
    for (const [url, path, payload, status] of posts) {
      const res = await post(url, payload);
      expect(res.statusCode, url).toBe(status);
      expectConforms(res, path, "post");
    }
    // Paths and methods the API does not have: a Problem all the same.
    for (const [method, url] of [
      ["GET", "/api/v2"],
      ["GET", "/api/v2/nothing/here"],
      ["DELETE", "/api/v2/tables/T3"],
      ["PUT", "/api/v2/savedqueries/AAAAAAAAAAAAAAAA"],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
      expect(
        validatorFor("any 404", { 404: DESCRIPTION.components.responses.Problem as Json }).validateResponse(
          404,
          res.json(),
        ),
      ).toBeUndefined();
    }
  });

  it("writes Parquet whose every value and status is the JSON-stat answer's", async () => {
    const selection = `${vc(country, "ARM,BLR,KAZ")}&${vc(sex, "*")}&${vc(year, "*")}`;
    const json = JSONstat((await get(`/api/v2/tables/T3/data?${selection}&lang=en`)).json());
    const res = await get(
      `/api/v2/tables/T3/data?${selection}&lang=en&outputFormat=parquet&heading=${encodeURIComponent(country)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/octet-stream");
    expect(res.headers["content-disposition"]).toContain('filename="T3-illustrative.parquet"');
    const table = tableFromIPC(readParquet(new Uint8Array(res.rawPayload)).intoIPCStream());
    const rows = table.toArray().map((row) => row.toJSON() as Record<string, string | number | null>);
    const ids = json.id as string[];
    expect(rows).toHaveLength(json.n as number);
    for (const row of rows) {
      const at = Object.fromEntries(ids.map((code) => [code, row[code] as string]));
      const cell = json.Data(at) as { value: number | null; status: string | null };
      expect(row.value, JSON.stringify(at)).toBe(cell.value);
      // JSON-stat's status is the symbol of a cell without a number, else its flags.
      expect(row.value === null ? row.status : row.flags).toBe(cell.status);
      for (const code of ids) {
        expect(row[`${code}_label`]).toBe(json.Dimension(code)?.Category(row[code] as string)?.label);
      }
    }
  });
});
