import { GLOSSARY_TERMS, termsForTable } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

interface TermView {
  id: string;
  term: string;
  definition: string;
  related: { id: string; term: string }[];
  tables: string[];
  indicators: string[];
  category: string;
}

describe.each(BACKENDS)("the glossary API, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage(backend);
    app = await buildApp(t.config, t.storage);
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const get = async (url: string) => {
    const res = await app.inject({ url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as { language: string; terms: TermView[] };
  };

  it("lists every term sorted by its name in English by default, and in Russian with lang=ru", async () => {
    const en = await get("/api/glossary");
    expect(en.language).toBe("en");
    expect(en.terms).toHaveLength(GLOSSARY_TERMS.length);
    expect(en.terms.slice(0, 4).map((x) => x.term)).toEqual([
      "12-month rule",
      "9-month practice",
      "Acquisition of citizenship (naturalisation)",
      "Administrative data",
    ]);
    const ru = await get("/api/glossary?lang=ru");
    expect(ru.language).toBe("ru");
    expect(ru.terms.slice(0, 3).map((x) => x.term)).toEqual([
      "Административные данные",
      "Беженец",
      "Внутренне перемещенное лицо",
    ]);
    const names = ru.terms.map((x) => x.term);
    expect(names).toEqual([...names].sort(new Intl.Collator("ru").compare));
    expect(new Set(ru.terms.map((x) => x.id))).toEqual(new Set(GLOSSARY_TERMS.map((x) => x.id)));
  });

  it("gives each term its definition, related terms named in the language, tables, indicators and category", async () => {
    const ru = await get("/api/glossary?lang=ru");
    const nine = ru.terms.find((x) => x.id === "nine-month-practice");
    expect(nine).toMatchObject({ term: "Критерий 9 месяцев", category: "concept" });
    expect(nine?.definition).toContain("С 2011 года Российская Федерация");
    expect(nine?.related).toContainEqual({ id: "twelve-month-rule", term: "Правило 12 месяцев" });
    expect(nine?.tables).toEqual(["T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2"]);
    const en = await get("/api/glossary");
    const rate = en.terms.find((x) => x.id === "naturalisation-rate");
    expect(rate).toMatchObject({ category: "indicator", indicators: ["naturalisation-rate"] });
  });

  it("searches with q, best match first, in either language, tolerant of endings and typos", async () => {
    const residence = await get("/api/glossary?q=usual%20residence");
    expect(residence.terms.slice(0, 2).map((x) => x.id)).toEqual(["usual-residence", "country-of-usual-residence"]);
    const refugees = await get(`/api/glossary?lang=ru&q=${encodeURIComponent("беженцы")}`);
    expect(refugees.terms[0]).toMatchObject({ id: "refugee", term: "Беженец" });
    expect(refugees.terms.map((x) => x.id)).not.toContain("usual-residence");
    const typo = await get("/api/glossary?q=naturalisaton");
    expect(typo.terms.map((x) => x.id)).toEqual(["acquisition-of-citizenship", "naturalisation-rate"]);
    expect((await get("/api/glossary?q=zzzzzz")).terms).toEqual([]);
    // An empty query is no query: the whole glossary.
    expect((await get("/api/glossary?q=%20")).terms).toHaveLength(GLOSSARY_TERMS.length);
  });

  it("keeps the terms a table uses with table=, alone or with a search", async () => {
    const t71 = await get("/api/glossary?table=T7_1");
    expect(new Set(t71.terms.map((x) => x.id))).toEqual(new Set(termsForTable("T7_1").map((x) => x.id)));
    expect(t71.terms.every((x) => x.tables.includes("T7_1"))).toBe(true);
    expect(t71.terms.map((x) => x.term)).toEqual(
      [...t71.terms.map((x) => x.term)].sort(new Intl.Collator("en").compare),
    );
    expect(t71.terms.map((x) => x.id)).not.toContain("long-term-migrant");
    const all = await get("/api/glossary?q=migrant");
    const searched = await get("/api/glossary?q=migrant&table=T3");
    expect(searched.terms.length).toBeGreaterThan(0);
    expect(searched.terms.length).toBeLessThan(all.terms.length);
    // The search's order, restricted to the table.
    expect(searched.terms.map((x) => x.id)).toEqual(all.terms.filter((x) => x.tables.includes("T3")).map((x) => x.id));
  });

  it("serves one term in either language", async () => {
    const en = await app.inject({ url: "/api/glossary/long-term-migrant" });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toMatchObject({ language: "en", id: "long-term-migrant", term: "Long-term migrant" });
    const ru = (await app.inject({ url: "/api/glossary/long-term-migrant?lang=ru" })).json();
    expect(ru).toMatchObject({ language: "ru", id: "long-term-migrant", term: "Долгосрочный мигрант" });
    expect(ru.definition).toMatch(/[а-я]/);
    expect(ru.related.map((r: { id: string }) => r.id)).toEqual(
      GLOSSARY_TERMS.find((x) => x.id === "long-term-migrant")?.related,
    );
    expect(ru.related[0].term).toMatch(/^[А-Я]/);
  });

  it("answers an unknown term, language, table or too long a query with a problem document", async () => {
    for (const [url, status, detail] of [
      ["/api/glossary/no-such-term", 404, 'no glossary term "no-such-term"'],
      ["/api/glossary/long-term-migrant?lang=fr", 400, 'unknown language "fr" (en, ru)'],
      ["/api/glossary?lang=de", 400, 'unknown language "de"'],
      ["/api/glossary?table=T9", 400, 'unknown table "T9"'],
      [`/api/glossary?q=${"a".repeat(201)}`, 400, "q is longer than 200 characters"],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status, instance: url });
      expect(res.json().detail).toContain(detail);
    }
  });

  it("answers a repeated request with 304 Not Modified, and another language with another ETag", async () => {
    for (const url of ["/api/glossary?q=migrant", "/api/glossary/refugee?lang=ru"]) {
      const first = await app.inject({ url });
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(first.headers["cache-control"]).toContain("public");
      const again = await app.inject({ url, headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      const weak = await app.inject({ url, headers: { "if-none-match": `"other", W/${etag}` } });
      expect(weak.statusCode).toBe(304);
      const stale = await app.inject({ url, headers: { "if-none-match": '"other"' } });
      expect(stale.statusCode).toBe(200);
    }
    const en = await app.inject({ url: "/api/glossary/refugee?lang=en" });
    const ru = await app.inject({ url: "/api/glossary/refugee?lang=ru" });
    expect(en.headers.etag).not.toBe(ru.headers.etag);
    const crossed = await app.inject({
      url: "/api/glossary/refugee?lang=en",
      headers: { "if-none-match": ru.headers.etag as string },
    });
    expect(crossed.statusCode).toBe(200);
  });

  it("documents its routes in the OpenAPI document under the Glossary tag", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    for (const path of ["/api/glossary", "/api/glossary/{id}"]) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(["Glossary"]);
      expect(doc.paths[path]?.get?.summary, path).toBeTruthy();
    }
    const params = doc.paths["/api/glossary"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["lang", "q", "table"]));
  });
});
