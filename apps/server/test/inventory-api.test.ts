/** The inventory's HTTP API on both back ends: search, map, detail, topics, exports, refusals, caching, OpenAPI. */

import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { readCsv } from "../src/inventory/csv.ts";
import { importInstitutions } from "../src/inventory/import.ts";
import { COLUMNS } from "../src/inventory/interchange.ts";
import { saveInstitutions } from "../src/inventory/repository.ts";
import { SEED_INSTITUTIONS } from "../src/inventory/seed/institutions.ts";
import { SEED_REASON, seedInventory } from "../src/inventory/seed.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

interface Item {
  id: string;
  name: string;
  category: string;
  country: string | null;
  countryName: string | null;
  summary: string | null;
  topics: string[];
}
interface Facet {
  id: string;
  label: string;
  count: number;
}
interface Page {
  total: number;
  items: Item[];
  facets: { category: Facet[]; country: Facet[]; topic: Facet[] };
}

const HOSTILE = {
  ...(SEED_INSTITUTIONS[0] as (typeof SEED_INSTITUTIONS)[number]),
  id: "t-formula",
  acronym: "=1+1",
  name_en: `<img src=x onerror="alert(1)"> "Quoted", name`,
  summary_en: "@SUM(A1:A9) -2 +3",
  phone: "+374 10 000000",
};

describe.each(BACKENDS)("the inventory API, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend);
    await seedInventory(t.storage.db);
    await t.storage.db.transaction().execute((trx) => saveInstitutions(trx, [HOSTILE], { kind: "create" }));
    app = await buildApp(t.config, t.storage);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });
  const total = SEED_INSTITUTIONS.length + 1;

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url, headers });
    return res;
  };
  const json = async <T>(url: string, headers: Record<string, string> = {}): Promise<T> => {
    const res = await get(url, headers);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as T;
  };

  it("searches with facets labelled in the language, Accept-Language choosing it by default", async () => {
    const en = await json<Page>("/api/inventory/institutions?q=statistics&pageSize=5");
    expect(en.items).toHaveLength(5);
    expect(en.total).toBeGreaterThan(12);
    expect(en.facets.category.find((c) => c.id === "government")?.label).toBe("Government body");
    const ru = await json<Page>("/api/inventory/institutions?country=ARM", { "accept-language": "ru-RU,ru;q=0.9" });
    const armstat = ru.items.find((i) => i.id === "armstat");
    expect(armstat).toMatchObject({
      name: "Статистический комитет Республики Армения",
      countryName: "Армения",
      category: "government",
    });
    expect(ru.facets.topic.find((c) => c.id === "remittances")?.label).toBe("Денежные переводы");
    expect(ru.facets.country.find((c) => c.id === "ARM")).toEqual({ id: "ARM", label: "Армения", count: ru.total });
    // Facets sorted by count, highest first.
    const counts = ru.facets.category.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const chosen = await json<Page>("/api/inventory/institutions?q=Rosstat&topic=trafficking&lang=en");
    expect(chosen.total).toBe(0);
    expect(chosen.facets.topic).toContainEqual({ id: "trafficking", label: "Trafficking in persons", count: 0 });
  });

  it("answers with an ETag and 304 when the client has the answer", async () => {
    const first = await get("/api/inventory/institutions?q=IOM");
    expect(first.headers["cache-control"]).toContain("max-age");
    const etag = first.headers.etag as string;
    const again = await get("/api/inventory/institutions?q=IOM", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
  });

  it("never answers from the cache after the inventory changed, whoever changed it", async () => {
    const url = "/api/inventory/institutions?q=Ganja";
    expect((await json<Page>(url)).total).toBe(0);
    await t.storage.db.updateTable("institution").set({ city: "Ganja" }).where("id", "=", "azstat").execute();
    expect((await json<Page>(url)).items.map((i) => i.id)).toEqual(["azstat"]);
  });

  it("refuses bad parameters with a problem document naming the parameter, in the reader's language", async () => {
    const long = await get(`/api/inventory/institutions?q=${"a".repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers["content-type"]).toContain("application/problem+json");
    expect(long.json()).toMatchObject({ status: 400, title: "Bad Request", detail: "q is longer than 200 characters" });
    const ru = await get("/api/inventory/institutions?pageSize=500&lang=ru");
    expect(ru.json().detail).toBe("pageSize должен быть целым числом от 1 до 100");
    const country = await get("/api/inventory/institutions.geojson?country=Armenia", { "accept-language": "ru" });
    expect(country.statusCode).toBe(400);
    expect(country.json().detail).toMatch(/^country: «Armenia»/);
    expect((await get("/api/inventory/institutions/export.csv?category=ngo")).json().detail).toMatch(/^category:/);
    expect((await get("/api/inventory/institutions?lang=de")).json().detail).toMatch(/^lang:/);
    expect((await get("/api/inventory/topics?lang=de")).statusCode).toBe(400);
  });

  it("gives one institution in both languages with its history", async () => {
    const detail = await json<Record<string, unknown>>("/api/inventory/institutions/armstat?lang=ru");
    expect(detail).toMatchObject({
      id: "armstat",
      name: { en: "Statistical Committee of the Republic of Armenia", ru: "Статистический комитет Республики Армения" },
      acronym: "Armstat",
      category: { id: "government", label: "Государственный орган" },
      country: { code: "ARM", name: "Армения" },
      topics: [
        { id: "statistics", label: "Статистика" },
        { id: "data", label: "Данные" },
      ],
      verifiedAt: null,
      version: 1,
      link: { status: "pending", httpCode: null, checkedAt: null },
      history: [{ version: 1, kind: "seed", reason: SEED_REASON }],
    });
    const missing = await get("/api/inventory/institutions/nothing-here?lang=ru");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe("в перечне нет организации «nothing-here»");
  });

  it("returns user text as JSON strings, never as markup", async () => {
    const res = await get("/api/inventory/institutions/t-formula");
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.json().name.en).toBe(HOSTILE.name_en);
    expect(res.body).not.toContain('<img src=x onerror="alert(1)">');
  });

  it("gives the map its points as GeoJSON, with the same filters", async () => {
    const res = await get("/api/inventory/institutions.geojson?topic=remittances&lang=ru");
    expect(res.headers["content-type"]).toContain("application/geo+json");
    const geo = res.json() as {
      type: string;
      features: { id: string; geometry: { coordinates: number[] }; properties: { name: string } }[];
    };
    expect(geo.type).toBe("FeatureCollection");
    const banks = SEED_INSTITUTIONS.filter((f) => f.topics.includes("remittances") && f.latitude !== null);
    expect(geo.features.map((f) => f.id).sort()).toEqual(banks.map((f) => f.id).sort());
    const cba = geo.features.find((f) => f.id === "cba-am");
    expect(cba?.geometry.coordinates).toEqual([44.4991, 40.1792]);
    expect(cba?.properties.name).toBe("Центральный банк Республики Армения");
    const all = (await json<typeof geo>("/api/inventory/institutions.geojson")).features;
    // IOM's office in Kazakhstan has no city yet, so no point.
    expect(all.map((f) => f.id)).not.toContain("iom-kazakhstan");
  });

  it("lists the topics and categories with their labels", async () => {
    const topics = await json<{ topics: { id: string; label: string }[]; categories: unknown[] }>(
      "/api/inventory/topics?lang=ru",
    );
    expect(topics.topics).toHaveLength(12);
    expect(topics.topics[0]).toEqual({ id: "labour-migration", label: "Трудовая миграция" });
    expect(topics.categories).toHaveLength(5);
  });

  it("documents its routes in the OpenAPI document", async () => {
    const doc = await json<{ paths: Record<string, unknown> }>("/api/openapi.json");
    for (const path of [
      "/api/inventory/institutions",
      "/api/inventory/institutions.geojson",
      "/api/inventory/institutions/{id}",
      "/api/inventory/institutions/export.csv",
      "/api/inventory/institutions/export.xlsx",
      "/api/inventory/institutions/export.json",
      "/api/inventory/topics",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it("exports the current search as CSV with formulas guarded, Excel and JSON", async () => {
    const csv = await get("/api/inventory/institutions/export.csv?q=Armstat");
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="institutions.csv"');
    const records = readCsv(csv.body).records;
    expect(records[0]).toEqual([...COLUMNS, "updated_at", "version"]);
    expect(records.slice(1).map((r) => r[0])).toEqual(["armstat"]);
    const guarded = readCsv((await get("/api/inventory/institutions/export.csv?q=Quoted")).body).records[1] ?? [];
    const at = (column: string) => guarded[records[0]?.indexOf(column) ?? -1];
    expect(at("acronym")).toBe("'=1+1");
    expect(at("summary_en")).toBe("'@SUM(A1:A9) -2 +3");
    expect(at("phone")).toBe("'+374 10 000000");
    expect(at("name_en")).toBe(HOSTILE.name_en);

    const xlsx = await get("/api/inventory/institutions/export.xlsx?country=ARM");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("Institutions");
    expect(sheet?.getRow(1).getCell(1).value).toBe("id");
    const jsonExport = await json<{ id: string; topics: string[] }[]>(
      "/api/inventory/institutions/export.json?q=Armstat",
    );
    expect(jsonExport).toMatchObject([{ id: "armstat", topics: ["statistics", "data"], version: 1 }]);
  });

  it("reads back its exports: a dry run of the import finds no problem and nothing to change", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const file = await get(`/api/inventory/institutions/export.${format}`);
      const report = await importInstitutions(
        t.storage.db,
        { name: `institutions.${format}`, bytes: file.rawPayload },
        { dryRun: true },
      );
      expect(report.problems, format).toEqual([]);
      expect(report.created).toEqual([]);
      expect(report.updated).toEqual([]);
      expect(report.unchanged).toHaveLength(total);
    }
  });
});
