/** Import of institutions from CSV and Excel on both back ends: dry runs, problems, all or nothing, history. */

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCsv } from "../src/inventory/csv.ts";
import { encodeInstitutions } from "../src/inventory/files.ts";
import { importInstitutions } from "../src/inventory/import.ts";
import { COLUMNS, fieldsToRecord, type InstitutionFields } from "../src/inventory/interchange.ts";
import { exported, institutionDetail } from "../src/inventory/repository.ts";
import { allMatching } from "../src/inventory/search.ts";
import { SEED_INSTITUTIONS } from "../src/inventory/seed/institutions.ts";
import { SEED_REASON, seedInventory } from "../src/inventory/seed.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const armstat = SEED_INSTITUTIONS.find((f) => f.id === "armstat") as InstitutionFields;

const csvOf = (records: Record<string, string>[], columns: readonly string[] = COLUMNS) =>
  new TextEncoder().encode(writeCsv([[...columns], ...records.map((r) => columns.map((c) => r[c] ?? ""))]));

describe.each(BACKENDS)("the inventory import, on %s", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
    await seedInventory(t.storage.db);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const count = async () =>
    Number(
      (
        await t.storage.db
          .selectFrom("institution")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const historyCount = async () =>
    Number(
      (
        await t.storage.db
          .selectFrom("institution_history")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("seeds once: a second start, or a deleted entry, does not bring entries back", async () => {
    expect(await count()).toBe(SEED_INSTITUTIONS.length);
    expect(await seedInventory(t.storage.db)).toEqual({ seeded: 0 });
    expect(await count()).toBe(SEED_INSTITUTIONS.length);
    await t.storage.db.deleteFrom("institution").where("id", "=", "nbt").execute();
    expect(await seedInventory(t.storage.db)).toEqual({ seeded: 0 });
    expect(await institutionDetail(t.storage.db, "nbt")).toBeUndefined();
  });

  it("reports every problem of a file by row and column, and writes nothing", async () => {
    const file = csvOf([
      { ...fieldsToRecord({ ...armstat, id: "new-one" }), category: "ngo" },
      { ...fieldsToRecord({ ...armstat, id: "new-two" }), country: "XYZ" },
      { ...fieldsToRecord({ ...armstat, id: "new-three" }), latitude: "123", longitude: "44" },
      { ...fieldsToRecord({ ...armstat, id: "new-four" }), name_en: "", name_ru: "" },
      { ...fieldsToRecord({ ...armstat, id: "new-two" }) },
      { ...fieldsToRecord({ ...armstat, id: "fine" }) },
    ]);
    const before = await count();
    for (const dryRun of [true, false]) {
      const report = await importInstitutions(t.storage.db, { name: "bad.csv", bytes: file }, { dryRun });
      expect(report.problems.map((p) => [p.row, p.column])).toEqual([
        [2, "category"],
        [3, "country"],
        [4, "latitude"],
        [5, "name_en"],
        [6, "id"],
      ]);
      expect(report.problems[0]?.message.ru).toBe(
        "неизвестная категория «ngo» (government, non-profit, academic, international, other)",
      );
      expect(report.created).toEqual([]);
      expect(await count()).toBe(before);
    }
  });

  it("refuses files it cannot read, saying why in both languages", async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ["list.txt", new Uint8Array([1]), /\.csv or \.xlsx/],
      ["old.xlsx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]), /Excel 97–2003/],
      ["empty.csv", new TextEncoder().encode("id,name_en,category\r\n"), /no rows/],
      ["broken.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), /cannot be read as xlsx/],
    ];
    for (const [name, bytes, message] of cases) {
      const report = await importInstitutions(t.storage.db, { name, bytes }, { dryRun: true });
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]?.row).toBe(0);
      expect(report.problems[0]?.message.en, name).toMatch(message);
      expect(report.problems[0]?.message.ru).not.toBe("");
    }
  });

  it("dry-runs an import: says what it would do, writes nothing", async () => {
    const file = csvOf([
      fieldsToRecord(armstat),
      fieldsToRecord({ ...armstat, id: "armstat-copy", acronym: null }),
      { ...fieldsToRecord({ ...armstat, summary_en: "Changed summary." }), id: "" },
      { ...fieldsToRecord(SEED_INSTITUTIONS.find((f) => f.id === "geostat") as InstitutionFields), city: "Batumi" },
    ]);
    const [entries, history] = [await count(), await historyCount()];
    const report = await importInstitutions(t.storage.db, { name: "dry.csv", bytes: file }, { dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      rows: 4,
      created: ["armstat-copy", "armstat-2"],
      updated: ["geostat"],
      unchanged: ["armstat"],
      problems: [],
    });
    expect([await count(), await historyCount()]).toEqual([entries, history]);
    expect((await institutionDetail(t.storage.db, "geostat"))?.row.city).toBe("Tbilisi");
  });

  it("imports all rows in one transaction, keeping a version of each change", async () => {
    const progress: string[] = [];
    const report = await importInstitutions(
      t.storage.db,
      {
        name: "changes.csv",
        bytes: csvOf([
          { ...fieldsToRecord(armstat), summary_en: "Armstat: a new summary." },
          fieldsToRecord({ ...armstat, id: "", acronym: "NEWCO", name_en: "New Co", name_ru: "Новая организация" }),
        ]),
      },
      { dryRun: false, onProgress: (phase, done, all) => progress.push(`${phase} ${done}/${all}`) },
    );
    expect(report).toMatchObject({ created: ["newco"], updated: ["armstat"], unchanged: [], problems: [] });
    expect(progress).toEqual(["check 0/2", "check 2/2", "write 2/2"]);
    const detail = await institutionDetail(t.storage.db, "armstat");
    expect(detail?.row.summary_en).toBe("Armstat: a new summary.");
    expect(detail?.row.version).toBe(2);
    expect(detail?.history.map((h) => [h.version, h.kind, h.reason])).toEqual([
      [2, "import", "changes.csv"],
      [1, "seed", SEED_REASON],
    ]);
    expect((await institutionDetail(t.storage.db, "newco"))?.history.map((h) => h.kind)).toEqual(["import"]);
  });

  it("reads what spreadsheets write: Excel workbooks, and CSV with semicolons in Windows-1251", async () => {
    const rows = (
      await allMatching(t.storage.db, {
        q: "Geostat",
        lang: "en",
        categories: [],
        countries: [],
        topics: [],
        sort: "name",
      })
    ).map(exported);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await encodeInstitutions(rows, "xlsx")) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    sheet.getRow(2).getCell(header.indexOf("city") + 1).value = "Kutaisi";
    sheet.getRow(2).getCell(header.indexOf("latitude") + 1).value = 42.27;
    sheet.getRow(2).getCell(header.indexOf("verified_at") + 1).value = new Date(Date.UTC(2025, 0, 31));
    const edited = new Uint8Array(await workbook.xlsx.writeBuffer());
    const report = await importInstitutions(t.storage.db, { name: "edited.xlsx", bytes: edited }, { dryRun: false });
    expect(report).toMatchObject({ updated: ["geostat"], problems: [] });
    const geostat = (await institutionDetail(t.storage.db, "geostat"))?.row;
    expect(geostat).toMatchObject({ city: "Kutaisi", latitude: 42.27 });
    expect(geostat?.verified_at?.toISOString()).toBe("2025-01-31T00:00:00.000Z");

    const text =
      "id;name_en;name_ru;category;country;topics\r\n;Test Centre;Тестовый центр;academic;geo;Исследования\r\n";
    const cp1251 = Uint8Array.from(
      [...text].map((ch) => {
        const code = ch.codePointAt(0) as number;
        if (code < 0x80) return code;
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        throw new Error(`no Windows-1251 byte for ${ch}`);
      }),
    );
    const russian = await importInstitutions(t.storage.db, { name: "ru.csv", bytes: cp1251 }, { dryRun: false });
    expect(russian).toMatchObject({ created: ["test-centre"], problems: [] });
    expect((await institutionDetail(t.storage.db, "test-centre"))?.row).toMatchObject({
      name_ru: "Тестовый центр",
      country: "GEO",
      topics: ["research"],
    });
  });

  it("refuses the whole file when one row is wrong", async () => {
    const before = await count();
    const report = await importInstitutions(
      t.storage.db,
      {
        name: "mixed.csv",
        bytes: csvOf([
          fieldsToRecord({ ...armstat, id: "good-one" }),
          fieldsToRecord({ ...armstat, id: "good-two" }),
          { ...fieldsToRecord({ ...armstat, id: "bad-one" }), website: "javascript:alert(1)" },
        ]),
      },
      { dryRun: false },
    );
    expect(report.problems.map((p) => `${p.row}:${p.column}`)).toEqual(["4:website"]);
    expect(await count()).toBe(before);
    expect(await institutionDetail(t.storage.db, "good-one")).toBeUndefined();
  });
});
