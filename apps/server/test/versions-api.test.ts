import { type Dataset, type Dimension, strides } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { chooseVersion, parseAsOf, versionChoice } from "../src/tables/versions.ts";
import { BACKENDS, pxFixture, type TestStorage, testStorage } from "./helpers.ts";

const COUNTRY = "Страна предыдущего проживания";
const YEAR = "Год";

/** The dataset with other categories: each cell takes `value(codes by dimension)`, or the old cell's value. */
function reshaped(
  ds: Dataset,
  categories: Record<string, string[]>,
  value: (codes: Record<string, string>) => number | undefined,
): Dataset {
  const byCode = (d: Dimension) => new Map(d.categories.map((c, i) => [c.code, i]));
  const dimensions = ds.dimensions.map((d) => {
    const codes = categories[d.code];
    if (!codes) return d;
    return {
      ...d,
      categories: codes.map(
        (code) => d.categories.find((c) => c.code === code) ?? { code, label: { en: code, ru: code } },
      ),
    };
  });
  const oldStrides = strides(ds.dimensions);
  const n = dimensions.reduce((p, d) => p * d.categories.length, 1);
  const newStrides = strides(dimensions);
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const codes: Record<string, string> = {};
    let old = 0;
    let known = true;
    dimensions.forEach((d, k) => {
      const code = d.categories[Math.floor(i / (newStrides[k] as number)) % d.categories.length]?.code as string;
      codes[d.code] = code;
      const at = byCode(ds.dimensions[k] as Dimension).get(code);
      if (at === undefined) known = false;
      else old += at * (oldStrides[k] as number);
    });
    const v = value(codes) ?? (known ? ds.values[old] : Number.NaN);
    values[i] = v ?? Number.NaN;
    status[i] = known && value(codes) === undefined ? (ds.status[old] as number) : 0;
  }
  return { ...ds, dimensions, values, status, flags: new Uint8Array(n) };
}

describe("choosing a version (pure)", () => {
  const versions = [
    { version: 1, released: new Date("2026-11-01T08:00:00Z") },
    { version: 2, released: new Date("2026-12-01T09:00:00Z") },
    { version: 3, released: new Date("2026-12-04T10:00:00Z") },
  ];
  it("reads asOf as a moment, a date alone as the end of that day (UTC), a time without zone as UTC", () => {
    expect(parseAsOf("2026-12-04")?.toISOString()).toBe("2026-12-04T23:59:59.999Z");
    expect(parseAsOf("2026-12-04T10:00")?.toISOString()).toBe("2026-12-04T10:00:00.000Z");
    expect(parseAsOf("2026-12-04T12:00:00+03:00")?.toISOString()).toBe("2026-12-04T09:00:00.000Z");
    for (const bad of ["2026-02-30", "yesterday", "2026-12-04T25:00", "", "12/04/2026"])
      expect(parseAsOf(bad), bad).toBeUndefined();
  });
  it("takes the version current at the moment, and refuses before the first", () => {
    const at = (text: string) => {
      const choice = versionChoice({ asOf: text });
      if (!choice.ok || !choice.value) throw new Error("not parsed");
      const chosen = chooseVersion("T", versions, choice.value);
      return chosen.ok ? chosen.value.version : chosen.refusal.status;
    };
    expect([at("2026-12-04T09:59:59Z"), at("2026-12-04T10:00:00Z"), at("2026-12-01"), at("2026-11-30")]).toEqual([
      2, 3, 2, 1,
    ]);
    expect(at("2026-10-01")).toBe(404);
  });
  it("refuses malformed or doubled parameters with a message in both languages", () => {
    for (const query of [
      { version: "0" },
      { version: "x" },
      { version: ["1", "2"] },
      { asOf: "soon" },
      { version: "1", asOf: "2026-12-01" },
    ]) {
      const choice = versionChoice(query);
      expect(choice.ok, JSON.stringify(query)).toBe(false);
      if (!choice.ok) {
        expect(choice.refusal.status).toBe(400);
        expect(choice.refusal.message.ru).toMatch(/[а-я]/);
      }
    }
    expect(versionChoice({})).toEqual({ ok: true, value: undefined });
  });
});

describe.each(BACKENDS)("every released version stays readable, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const path = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
  beforeAll(async () => {
    t = await testStorage(backend, { maxCalls: 10_000 });
    const first = pxFixture();
    const db = t.storage.db;
    await saveTableVersion(db, {
      tableId: "T3",
      path,
      dataset: first,
      sourceName: "t3.px",
      now: new Date("2026-11-01T08:00:00Z"),
    });
    // Version 2: one figure revised, through a release with its note.
    const second = { ...first, values: first.values.map((v, i) => (i === 0 ? 12600 : v)) };
    await saveTableVersion(db, {
      tableId: "T3",
      path,
      dataset: second,
      sourceName: "submission 7",
      now: new Date("2026-12-01T09:00:00Z"),
      revisionNote: { en: 'Armenia\'s 2022 total <revised> & "checked"', ru: "Итог Армении за 2022 год пересмотрен" },
      submissionId: 7,
    });
    // Version 3: the year 2024 added, Belarus dropped.
    const third = reshaped(
      second,
      { [COUNTRY]: ["_T", "ARM", "KAZ", "_O"], [YEAR]: ["2022", "2023", "2024"] },
      (codes) => (codes[YEAR] === "2024" ? 100 : undefined),
    );
    await saveTableVersion(db, {
      tableId: "T3",
      path,
      dataset: third,
      sourceName: "submission 8",
      now: new Date("2026-12-04T10:00:00Z"),
      revisionNote: {
        en: "2024 added; Belarus no longer reported",
        ru: "Добавлен 2024 год; Беларусь больше не отчитывается",
      },
      submissionId: 8,
    });
    app = await buildApp(t.config, t.storage);
  });
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("lists every version with its release, note in both languages and submission, and no person's name", async () => {
    const res = await app.inject({ url: "/api/tables/T3/versions" });
    expect(res.statusCode).toBe(200);
    const versions = res.json();
    expect(
      versions.map((v: Record<string, unknown>) => [v.version, v.released, v.current, v.submission, v.cells]),
    ).toEqual([
      [3, "2026-12-04T10:00:00.000Z", true, 8, 36],
      [2, "2026-12-01T09:00:00.000Z", false, 7, 30],
      [1, "2026-11-01T08:00:00.000Z", false, null, 30],
    ]);
    expect(versions[1].revisionNote.ru).toBe("Итог Армении за 2022 год пересмотрен");
    expect(versions[2].revisionNote).toBeNull();
    expect(JSON.stringify(versions)).not.toContain("releasedBy");
  });

  it("describes the table as of a version or a moment", async () => {
    const at = async (query: string) => (await app.inject({ url: `/api/tables/T3?${query}` })).json();
    expect((await at("")).version).toBe(3);
    expect((await at("version=1")).version).toBe(1);
    expect((await at("asOf=2026-12-01")).version).toBe(2);
    expect((await at("asOf=2026-12-04T09:59:59Z")).version).toBe(2);
    const v2 = await at("asOf=2026-12-04T10:00:00Z");
    expect([v2.version, v2.currentVersion, v2.released]).toEqual([3, 3, "2026-12-04T10:00:00.000Z"]);
  });

  it("refuses a bad or unknown version with a problem in the reader's language", async () => {
    for (const [url, status, detail] of [
      ["/api/tables/T3?version=9", 404, 'table "T3" has no version 9'],
      ["/api/tables/T3?version=9&lang=ru", 404, "у таблицы «T3» нет версии 9"],
      ["/api/tables/T3?version=abc", 400, 'version must be a whole number from 1 (given once), not "abc"'],
      ["/api/tables/T3?asOf=2026-10-01&lang=ru", 404, "не было выпущенной версии"],
      ["/api/tables/T3?asOf=tomorrow", 400, "asOf must be an ISO 8601 date"],
      ["/api/v2/tables/T3/data?version=0&lang=ru", 400, "version должен быть целым числом"],
      ["/api/v2/tables/T3/metadata?version=4", 404, 'table "T3" has no version 4'],
      ["/api/v2/tables/T3/defaultselection?asOf=2020-01-01", 404, "had no released version"],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["content-type"], url).toContain("application/problem+json");
      expect(res.json().detail, url).toContain(detail);
    }
    const v1 = await app.inject({ method: "POST", url: "/api/v1/ru/migration/T3?version=5", payload: { query: [] } });
    expect([v1.statusCode, v1.json().error]).toEqual([404, "у таблицы «T3» нет версии 5 (её версии — с 1 по 3)"]);
  });

  it("PxWeb API v1 gives the old figures with ?version or ?asOf, the current ones without", async () => {
    const query = (q: string) =>
      app.inject({
        method: "POST",
        url: `/api/v1/en/migration/T3${q}`,
        payload: {
          query: [
            { code: COUNTRY, selection: { filter: "item", values: ["_T"] } },
            { code: "Пол", selection: { filter: "item", values: ["_T"] } },
            { code: YEAR, selection: { filter: "all", values: ["*"] } },
          ],
          response: { format: "json-stat2" },
        },
      });
    expect((await query("")).json().value).toEqual([12600, 13100, 100]);
    expect((await query("?version=1")).json().value).toEqual([12500, 13100]);
    expect((await query("?asOf=2026-12-02")).json().value).toEqual([12600, 13100]);
    const years = async (q: string) =>
      (await app.inject({ url: `/api/v1/en/migration/T3${q}` }))
        .json()
        .variables.find((v: { code: string }) => v.code === YEAR).values;
    expect(await years("")).toEqual(["2022", "2023", "2024"]);
    expect(await years("?version=2")).toEqual(["2022", "2023"]);
  });

  it("PxWeb API 2.0 gives the old figures in metadata, data GET and POST and the default selection", async () => {
    const get = (url: string) => app.inject({ url });
    const cells = `valuecodes[${encodeURIComponent(COUNTRY)}]=_T&valuecodes[${encodeURIComponent("Пол")}]=_T&valuecodes[${YEAR}]=*`;
    expect((await get(`/api/v2/tables/T3/data?${cells}&outputFormat=json-stat2`)).json().value).toEqual([
      12600, 13100, 100,
    ]);
    const old = await get(`/api/v2/tables/T3/data?${cells}&outputFormat=json-stat2&version=1`);
    expect(old.json().value).toEqual([12500, 13100]);
    expect(old.json().updated).toBe("2026-11-01T08:00:00Z");
    const body = {
      selection: [
        { variableCode: COUNTRY, valueCodes: ["BLR"] },
        { variableCode: "Пол", valueCodes: ["_T"] },
        { variableCode: YEAR, valueCodes: ["*"] },
      ],
    };
    const post = (q: string) =>
      app.inject({ method: "POST", url: `/api/v2/tables/T3/data?outputFormat=json-stat2${q}`, payload: body });
    expect((await post("&version=2")).json().value).toEqual([null, 2000]);
    expect((await post("")).statusCode).toBe(400); // Belarus is not in the current version
    const meta = await get("/api/v2/tables/T3/metadata?version=1");
    expect(Object.keys(meta.json().dimension[YEAR].category.index)).toEqual(["2022", "2023"]);
    expect(Object.keys((await get("/api/v2/tables/T3/metadata")).json().dimension[YEAR].category.index)).toEqual([
      "2022",
      "2023",
      "2024",
    ]);
    const selection = (await get("/api/v2/tables/T3/defaultselection?version=1")).json();
    expect(selection.links.find((l: { rel: string }) => l.rel === "data").href).toContain("version=1");
    const table = (await get("/api/v2/tables/T3?asOf=2026-11-15")).json();
    expect(table.links.map((l: { href: string }) => new URL(l.href).searchParams.get("version"))).toEqual([
      "1",
      "1",
      "1",
    ]);
  });

  it("keeps the response cache by version: the current answer after an old one is the current one", async () => {
    const url = "/api/v1/en/migration/T3";
    const payload = {
      query: [
        { code: COUNTRY, selection: { filter: "item", values: ["_T"] } },
        { code: "Пол", selection: { filter: "item", values: ["_T"] } },
        { code: YEAR, selection: { filter: "all", values: ["*"] } },
      ],
      response: { format: "json" },
    };
    const old = await app.inject({ method: "POST", url: `${url}?version=1`, payload });
    const now = await app.inject({ method: "POST", url, payload });
    expect(old.body).not.toEqual(now.body);
    expect(old.headers.etag).not.toEqual(now.headers.etag);
  });

  it("compares two versions cell by cell with codes, labels, old and new value", async () => {
    const res = await app.inject({ url: "/api/tables/T3/compare?from=1&to=2&lang=en" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ changed: 1, added: 0, removed: 0, unchanged: 29, compared: 30 });
    expect(body.cells).toEqual([
      {
        kind: "changed",
        codes: ["_T", "_T", "2022"],
        labels: ["Total", "Total", "2022"],
        before: { value: 12500, status: "", flags: "" },
        after: { value: 12600, status: "", flags: "" },
      },
    ]);
    // Without from and to: the current version against the one before it.
    const latest = (await app.inject({ url: "/api/tables/T3/compare?lang=ru" })).json();
    expect([latest.from, latest.to, latest.counts.added, latest.counts.removed]).toEqual([2, 3, 12, 6]);
    expect([latest.fromReleased, latest.toReleased]).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-04T10:00:00.000Z"]);
    const removed = latest.cells.find((c: { kind: string }) => c.kind === "removed");
    expect(removed.labels[0]).toBe("Беларусь");
    expect(removed.after).toBeNull();
    // Filters and a limit: the counts are of every cell within the filter.
    const filtered = (
      await app.inject({
        url: `/api/tables/T3/compare?from=1&to=3&valuecodes[${encodeURIComponent(YEAR)}]=2024&limit=2`,
      })
    ).json();
    expect([filtered.counts.added, filtered.cells.length, filtered.truncated]).toEqual([12, 2, true]);
  });

  it("downloads the comparison as CSV and Excel, and refuses what it cannot compare", async () => {
    const csv = await app.inject({ url: "/api/tables/T3/compare?from=1&to=2&format=csv" });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain('filename="T3-1-2.csv"');
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      `change,${COUNTRY},${COUNTRY}_label,Пол,Пол_label,${YEAR},${YEAR}_label,old_value,old_status,old_flags,new_value,new_status,new_flags`,
    );
    expect(lines.slice(1)).toEqual(["changed,_T,Total,_T,Total,2022,2022,12500,,,12600,,"]);
    const xlsx = await app.inject({ url: "/api/tables/T3/compare?from=2&to=3&format=xlsx&lang=ru" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Изменения");
    expect(sheet?.getRow(1).values).toContain("Прежнее значение");
    expect(sheet?.rowCount).toBe(1 + 18);
    const kinds = new Set<string>();
    sheet?.eachRow((row, n) => n > 1 && kinds.add(String(row.getCell(1).value)));
    expect([...kinds].sort()).toEqual(["добавлена", "удалена"]);
    expect(workbook.getWorksheet("Сводка")?.getCell("B5").value).toBe(12);

    for (const [url, status, detail] of [
      ["/api/tables/T3/compare?from=x", 400, "from must be a whole number"],
      ["/api/tables/T3/compare?from=1&to=9", 404, 'table "T3" has no version 9'],
      ["/api/tables/T3/compare?to=1", 400, "version 1 has no version before it"],
      ["/api/tables/T3/compare?from=1&format=docx", 400, 'unknown format "docx"'],
      ["/api/tables/T3/compare?from=1&valuecodes[sex]=F&lang=ru", 400, "в таблице нет переменной «sex»"],
      ["/api/tables/NOPE/compare", 404, 'no table "NOPE"'],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json().detail, url).toContain(detail);
    }
  });

  /** The elements of an XML text, checked well-formed by a strict parser (saxes, namespaces on). */
  function parseXml(xml: string) {
    const parser = new SaxesParser({ xmlns: true });
    const elements: { name: string; attributes: Record<string, string>; text: string; path: string }[] = [];
    const stack: (typeof elements)[number][] = [];
    parser.on("opentag", (tag) => {
      const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
      const element = {
        name: tag.local,
        attributes,
        text: "",
        path: [...stack.map((s) => s.name), tag.local].join("/"),
      };
      if (tag.uri !== "http://www.w3.org/2005/Atom") throw new Error(`${tag.name} is not an Atom element`);
      elements.push(element);
      stack.push(element);
    });
    parser.on("text", (text) => {
      const top = stack.at(-1);
      if (top) top.text += text;
    });
    parser.on("closetag", () => stack.pop());
    parser.on("error", (error) => {
      throw error;
    });
    parser.write(xml).close();
    return elements;
  }

  it("publishes an Atom feed per table: one entry per version, notes in the feed's language, escaped", async () => {
    const res = await app.inject({ url: "/api/tables/T3/feed.atom?lang=en", headers: { host: "stats.example.org" } });
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(res.body).toContain("&lt;revised&gt; &amp; &quot;checked&quot;");
    const xml = parseXml(res.body);
    const entries = xml.filter((e) => e.path === "feed/entry");
    expect(entries).toHaveLength(3);
    const of = (name: string) => xml.filter((e) => e.path === `feed/entry/${name}`);
    expect(of("updated").map((e) => e.text)).toEqual([
      "2026-12-04T10:00:00.000Z",
      "2026-12-01T09:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
    expect(of("summary")[1]?.text).toBe('Armenia\'s 2022 total <revised> & "checked" 30 cells.');
    const links = of("link").map((l) => [l.attributes.rel, l.attributes.href]);
    expect(links).toContainEqual(["alternate", "http://stats.example.org/en/tables/T3?version=2"]);
    expect(links).toContainEqual(["related", "http://stats.example.org/en/tables/T3/compare?from=1&to=2"]);
    // Every entry has what Atom requires: id, title, updated; the feed has an author and its own link.
    for (const name of ["id", "title", "updated"]) expect(of(name)).toHaveLength(3);
    expect(xml.find((e) => e.path === "feed/author/name")?.text).toBe("Migration Statistics Clearinghouse");
    expect(xml.find((e) => e.path === "feed/link" && e.attributes.rel === "self")?.attributes.href).toBe(
      "http://stats.example.org/api/tables/T3/feed.atom?lang=en",
    );
    const ru = parseXml((await app.inject({ url: "/api/tables/T3/feed.atom?lang=ru" })).body);
    expect(ru.filter((e) => e.path === "feed/entry/summary")[0]?.text).toContain("Добавлен 2024 год");
    expect(ru.find((e) => e.path === "feed/entry/title")?.text).toContain("версия 3");
    expect((await app.inject({ url: "/api/tables/T3/feed.atom?lang=fr" })).statusCode).toBe(400);
  });

  it("publishes one Atom feed of every table's releases, newest first", async () => {
    const xml = parseXml((await app.inject({ url: "/api/feed.atom" })).body);
    const ids = xml.filter((e) => e.path === "feed/entry/id").map((e) => new URL(e.text).search);
    expect(ids).toEqual(["?version=3", "?version=2", "?version=1"]);
    expect(xml.find((e) => e.path === "feed/updated")?.text).toBe("2026-12-04T10:00:00.000Z");
  });

  it("documents the extension in the OpenAPI document", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    const names = (path: string, method: string) =>
      (doc.paths[path][method].parameters as { name: string; in: string }[])
        .filter((p) => p.in === "query")
        .map((p) => p.name);
    expect(names("/api/v2/tables/{id}/data", "get")).toEqual(expect.arrayContaining(["version", "asOf"]));
    expect(names("/api/v2/tables/{id}/data", "post")).toEqual(expect.arrayContaining(["version", "asOf"]));
    expect(names("/api/v1/{lang}/{*}", "get")).toEqual(expect.arrayContaining(["version", "asOf"]));
    expect(names("/api/v1/{lang}/{*}", "post")).toEqual(expect.arrayContaining(["version", "asOf"]));
    expect(doc.paths["/api/tables/{id}/compare"]).toBeDefined();
    expect(doc.paths["/api/feed.atom"]).toBeDefined();
  });
});
