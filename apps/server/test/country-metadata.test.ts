import { DEFAULT_REPORTERS, TABLE_IDS } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import {
  CountryMetadataError,
  type CountryMetadataInput,
  countryMetadataForReporter,
  countryMetadataForTable,
  listCountryMetadata,
  upsertCountryMetadata,
} from "../src/tables/country-metadata.ts";
import {
  COUNTRY_METADATA_DEFAULTS,
  ILLUSTRATIVE_LABEL,
  seedCountryMetadataDefaults,
} from "../src/tables/country-metadata-defaults.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const text = (en: string, ru: string) => ({ en, ru });

const valid: CountryMetadataInput = {
  reporter: "KAZ",
  tableId: "T3",
  fromYear: 2015,
  toYear: 2019,
  source: text("Population register", "Регистр населения"),
  definition: text("12 months", "12 месяцев"),
  coverage: text("Whole country", "Вся страна"),
};

/** The error a write is refused with (fails the test when the write succeeds). */
async function refusal(write: Promise<unknown>): Promise<CountryMetadataError> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CountryMetadataError);
  return error as CountryMetadataError;
}

describe.each(BACKENDS)("country metadata, on %s", (backend) => {
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
  beforeEach(async () => {
    await t.storage.db.deleteFrom("country_metadata").execute();
  });

  const count = async () =>
    Number(
      (
        await t.storage.db
          .selectFrom("country_metadata")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("is created by migration 0002, keyed on reporter, table and first year", async () => {
    const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      t.storage.db,
    );
    expect(migrations.rows.map((r) => r.name)).toContain("0002_country_metadata");
    const key = await sql<{ column_name: string }>`
      select a.attname as column_name
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = 'country_metadata'::regclass and i.indisprimary
      order by array_position(i.indkey::int2[], a.attnum)`.execute(t.storage.db);
    expect(key.rows.map((r) => r.column_name)).toEqual(["reporter", "table_id", "from_key"]);
    // The database itself refuses a reversed range and a text without Russian.
    const row = {
      reporter: "RUS",
      table_id: "T3",
      source: JSON.stringify(text("a", "б")),
      definition: JSON.stringify(text("a", "б")),
      coverage: JSON.stringify(text("a", "б")),
    };
    await expect(
      t.storage.db
        .insertInto("country_metadata")
        .values({ ...row, from_year: 2012, to_year: 2011 })
        .execute(),
    ).rejects.toThrow(/country_metadata_years/);
    await expect(
      t.storage.db
        .insertInto("country_metadata")
        .values({ ...row, source: JSON.stringify({ en: "a" }) })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    // Two open-ended starts of one reporter and table collide on the key (from_key = 0).
    await t.storage.db.insertInto("country_metadata").values(row).execute();
    await expect(t.storage.db.insertInto("country_metadata").values(row).execute()).rejects.toThrow(
      /country_metadata_pk/,
    );
  });

  it("stores a valid entry and reads it back whole", async () => {
    const now = new Date("2024-05-01T10:00:00Z");
    const [stored] = await upsertCountryMetadata(t.storage.db, [{ ...valid, statelessInCitizenshipTable: false }], {
      now,
    });
    expect(stored).toMatchObject({ reporter: "KAZ", tableId: "T3", fromYear: 2015, toYear: 2019, breaks: null });
    const [read] = await listCountryMetadata(t.storage.db);
    expect(read).toEqual({
      ...valid,
      breaks: null,
      deviations: null,
      statelessInCitizenshipTable: false,
      updatedAt: now,
    });
  });

  it("refuses each invalid field with an error naming it, and stores nothing of the batch", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ reporter: "FRA" }, "reporter", /"FRA" is not a participating country \(ARM, AZE/],
      [{ reporter: undefined }, "reporter", /not a participating country/],
      [{ tableId: "T8" }, "tableId", /"T8" is not a standard table \(T1_1, T1_2/],
      [{ fromYear: 1850 }, "fromYear", /whole year from 1900 to 2100/],
      [{ fromYear: 2011.5 }, "fromYear", /whole year/],
      [{ toYear: "2019" }, "toYear", /whole year .* not "2019"/],
      [{ fromYear: 2020, toYear: 2019 }, "toYear", /ends \(2019\) before it starts \(fromYear 2020\)/],
      [{ source: undefined }, "source", /missing: give the text in English \(en\) and Russian \(ru\)/],
      [{ source: "Population register" }, "source", /must be an object/],
      [{ source: { en: "Register" } }, "source.ru", /Russian text is missing/],
      [{ definition: { en: " ", ru: "12 месяцев" } }, "definition.en", /English text is missing or empty/],
      [{ coverage: null }, "coverage", /missing/],
      [{ breaks: { en: "Break in 2015" } }, "breaks.ru", /Russian text/],
      [{ deviations: { ru: "Отступление" } }, "deviations.en", /English text/],
      [{ statelessInCitizenshipTable: "yes" }, "statelessInCitizenshipTable", /true or false/],
      [{ statelessInCitizenshipTable: true }, "statelessInCitizenshipTable", /T2_2, T5_2, T6_2.*not T3/],
    ];
    for (const [change, field, message] of cases) {
      const bad = { ...valid, ...change } as CountryMetadataInput;
      const other = { ...valid, reporter: "ARM" };
      const error = await refusal(upsertCountryMetadata(t.storage.db, [other, bad]));
      expect(error.issues, field).toEqual([{ index: 1, field, message: expect.stringMatching(message) }]);
      expect(error.message).toContain(`entry 1 ${field}:`);
      expect(await count(), field).toBe(0);
    }
    // Every issue at once.
    const many = await refusal(
      upsertCountryMetadata(t.storage.db, [
        { reporter: "XXX", tableId: "T0", source: text("a", ""), definition: text("", "б") } as CountryMetadataInput,
      ]),
    );
    expect(many.issues.map((i) => i.field)).toEqual(["reporter", "tableId", "source.ru", "definition.en", "coverage"]);
    // The stateless flag is accepted where it means something.
    await upsertCountryMetadata(t.storage.db, [{ ...valid, tableId: "T2_2", statelessInCitizenshipTable: true }]);
    expect((await countryMetadataForTable(t.storage.db, "T2_2"))[0]?.statelessInCitizenshipTable).toBe(true);
  });

  it("replaces the entry with the same first year, and refuses overlapping ranges", async () => {
    const db = t.storage.db;
    const before = { ...valid, reporter: "RUS", fromYear: null, toYear: 2010 };
    const since = { ...valid, reporter: "RUS", fromYear: 2011, toYear: null };
    await upsertCountryMetadata(db, [before, since], { now: new Date("2024-01-01T00:00:00Z") });
    const later = new Date("2024-02-01T00:00:00Z");
    await upsertCountryMetadata(db, [{ ...since, coverage: text("Revised", "Уточнено") }], { now: later });
    const rus = await countryMetadataForReporter(db, "RUS");
    expect(rus.map((e) => [e.fromYear, e.toYear, e.coverage.en])).toEqual([
      [null, 2010, "Whole country"],
      [2011, null, "Revised"],
    ]);
    expect(rus[1]?.updatedAt).toEqual(later);
    expect(rus[0]?.updatedAt).not.toEqual(later);

    const overlap = await refusal(
      upsertCountryMetadata(db, [{ ...valid, reporter: "RUS", fromYear: 2005, toYear: 2012 }]),
    );
    expect(overlap.issues).toHaveLength(2);
    expect(overlap.issues[0]).toMatchObject({ index: 0, field: "fromYear" });
    expect(overlap.message).toContain("RUS T3 2005–2012 overlaps the stored entry –2010");
    expect(overlap.message).toContain("overlaps the stored entry 2011–");
    // Moving where the open-ended range starts overlaps what is stored (that takes `replace`).
    await refusal(upsertCountryMetadata(db, [{ ...since, fromYear: 2009 }]));
    // Within one batch: two entries starting the same year, or overlapping.
    const twice = await refusal(upsertCountryMetadata(db, [valid, { ...valid, toYear: 2016 }]));
    expect(twice.issues).toEqual([
      { index: 1, field: "fromYear", message: "KAZ T3 2015–2016 starts in the same year as entry 0 (2015–2019)" },
    ]);
    await refusal(upsertCountryMetadata(db, [valid, { ...valid, fromYear: 2019, toYear: 2020 }]));
    // An adjacent range, another table or another reporter is fine.
    await upsertCountryMetadata(db, [
      valid,
      { ...valid, fromYear: 2020, toYear: null },
      { ...valid, tableId: "T4" },
      { ...valid, reporter: "UKR" },
    ]);
    expect(await count()).toBe(6);
    // replace: the batch becomes the whole metadata of its reporter and table.
    await upsertCountryMetadata(db, [{ ...since, fromYear: 2009 }], { replace: true });
    expect((await countryMetadataForReporter(db, "RUS")).map((e) => [e.fromYear, e.toYear])).toEqual([[2009, null]]);
    expect(await count()).toBe(5);
  });

  it("lets one of two concurrent overlapping writes through, never both", async () => {
    // Rounds over warm connections, so that on PostgreSQL the two transactions really run side by side.
    for (const reporter of DEFAULT_REPORTERS) {
      const results = await Promise.allSettled([
        upsertCountryMetadata(t.storage.db, [{ ...valid, reporter, fromYear: 2000, toYear: 2005 }]),
        upsertCountryMetadata(t.storage.db, [{ ...valid, reporter, fromYear: 2003, toYear: 2008 }]),
      ]);
      expect(results.filter((r) => r.status === "fulfilled").length, reporter).toBe(1);
      expect(await countryMetadataForReporter(t.storage.db, reporter), reporter).toHaveLength(1);
    }
  });

  it("lists by table, by reporter and by year, in table, reporter and year order", async () => {
    const db = t.storage.db;
    const stored = await seedCountryMetadataDefaults(db);
    expect(stored).toHaveLength(COUNTRY_METADATA_DEFAULTS.length);
    const t3 = await countryMetadataForTable(db, "T3");
    expect(t3.map((e) => `${e.reporter} ${e.fromYear ?? ""}-${e.toYear ?? ""}`)).toEqual([
      "ARM -",
      "AZE -",
      "BLR -",
      "GEO -",
      "KAZ -",
      "KGZ -",
      "MDA -",
      "RUS -2010",
      "RUS 2011-",
      "TJK -",
      "UKR -",
    ]);
    const rus = await countryMetadataForReporter(db, "RUS");
    expect(rus.map((e) => e.tableId)).toEqual([
      "T1_1",
      "T1_2",
      "T2_1",
      "T2_2",
      "T3",
      "T3",
      "T4",
      "T4",
      "T5_1",
      "T5_1",
      "T5_2",
      "T5_2",
      "T6_1",
      "T6_1",
      "T6_2",
      "T6_2",
      "T7_1",
      "T7_2",
    ]);
    const in2010 = await countryMetadataForReporter(db, "RUS", 2010);
    const in2011 = await countryMetadataForReporter(db, "RUS", 2011);
    expect(in2010).toHaveLength(12);
    expect(in2011).toHaveLength(12);
    expect(in2010.find((e) => e.tableId === "T4")?.toYear).toBe(2010);
    expect(in2011.find((e) => e.tableId === "T4")?.fromYear).toBe(2011);
    expect(await listCountryMetadata(db, { tableId: "T3", reporter: "RUS", year: 1995 })).toHaveLength(1);
    expect(await listCountryMetadata(db, { tableId: "T3", reporter: "FRA" })).toEqual([]);
    expect(await listCountryMetadata(db)).toHaveLength(126);
  });

  it("has illustrative defaults for every country and table, with the Russian Federation's 2011 break", async () => {
    for (const reporter of DEFAULT_REPORTERS) {
      for (const tableId of TABLE_IDS) {
        const entries = COUNTRY_METADATA_DEFAULTS.filter((e) => e.reporter === reporter && e.tableId === tableId);
        expect(entries.length, `${reporter} ${tableId}`).toBeGreaterThan(0);
      }
    }
    for (const e of COUNTRY_METADATA_DEFAULTS) {
      expect(e.source.en.startsWith(ILLUSTRATIVE_LABEL.en)).toBe(true);
      expect(e.source.ru.startsWith(ILLUSTRATIVE_LABEL.ru)).toBe(true);
    }
    const rusT3 = COUNTRY_METADATA_DEFAULTS.filter((e) => e.reporter === "RUS" && e.tableId === "T3");
    expect(rusT3.map((e) => [e.fromYear, e.toYear])).toEqual([
      [null, 2010],
      [2011, null],
    ]);
    const since = rusT3[1];
    expect(since?.breaks?.en).toMatch(/Break in series in 2011.*place of stay for nine months or more/);
    expect(since?.breaks?.ru).toMatch(/Разрыв ряда в 2011 году.*по месту пребывания на срок девять месяцев и более/);
    expect(since?.deviations?.en).toContain("12-month rule");
    expect(since?.deviations?.ru).toContain("правила 12 месяцев");
    expect(rusT3[0]?.breaks).toBeNull();
    // Every flow table carries the change; the stock tables and acquisitions do not.
    for (const tableId of ["T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2"]) {
      const since2011 = COUNTRY_METADATA_DEFAULTS.find(
        (e) => e.reporter === "RUS" && e.tableId === tableId && e.fromYear === 2011,
      );
      expect(since2011?.breaks, tableId).toEqual(since?.breaks);
    }
    for (const tableId of ["T1_1", "T2_2", "T7_1"]) {
      expect(COUNTRY_METADATA_DEFAULTS.filter((e) => e.reporter === "RUS" && e.tableId === tableId)).toHaveLength(1);
    }
  });

  it("serves the metadata in either language, filtered, with an ETag", async () => {
    await seedCountryMetadataDefaults(t.storage.db);
    const res = await app.inject({ url: "/api/metadata/countries?table=T3&reporter=RUS&year=2011&lang=ru" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.language).toBe("ru");
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({
      reporter: "RUS",
      reporterName: "Российская Федерация",
      table: "T3",
      fromYear: 2011,
      toYear: null,
      statelessInCitizenshipTable: false,
    });
    expect(body.entries[0].breaks).toContain("Разрыв ряда в 2011 году");
    expect(body.entries[0].source).toContain(ILLUSTRATIVE_LABEL.ru);
    const en = (await app.inject({ url: "/api/metadata/countries?table=T3&reporter=RUS&year=2010" })).json();
    expect(en.language).toBe("en");
    expect(en.entries.map((e: { toYear: number | null; breaks: string | null }) => [e.toYear, e.breaks])).toEqual([
      [2010, null],
    ]);
    expect((await app.inject({ url: "/api/metadata/countries?table=T7_2" })).json().entries).toHaveLength(10);
    expect((await app.inject({ url: "/api/metadata/countries?reporter=GEO" })).json().entries[0].coverage).toContain(
      "Abkhazia",
    );
    expect((await app.inject({ url: "/api/metadata/countries" })).json().entries).toHaveLength(126);

    const url = "/api/metadata/countries?table=T3";
    const first = await app.inject({ url });
    const etag = first.headers.etag as string;
    expect((await app.inject({ url, headers: { "if-none-match": etag } })).statusCode).toBe(304);
    // A write changes the answer, so the old ETag no longer matches.
    await upsertCountryMetadata(t.storage.db, [{ ...valid, reporter: "ARM", fromYear: null, toYear: null }]);
    const changed = await app.inject({ url, headers: { "if-none-match": etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("answers bad parameters with a problem document, and has no write route", async () => {
    for (const [url, detail] of [
      ["/api/metadata/countries?table=T9", 'unknown table "T9" (T1_1'],
      ["/api/metadata/countries?reporter=FRA", '"FRA" is not a participating country (ARM'],
      ["/api/metadata/countries?year=20x1", 'year must be a year from 1900 to 2100, not "20x1"'],
      ["/api/metadata/countries?year=1850", 'not "1850"'],
      ["/api/metadata/countries?lang=fr", 'unknown language "fr" (en, ru)'],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().detail).toContain(detail);
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await app.inject({ method, url: "/api/metadata/countries", payload: [valid] });
      expect(res.statusCode, method).toBe(404);
    }
    expect(await count()).toBe(0);
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths["/api/metadata/countries"])).toEqual(["get"]);
    expect(doc.paths["/api/metadata/countries"].get.tags).toEqual(["Metadata"]);
  });
});
