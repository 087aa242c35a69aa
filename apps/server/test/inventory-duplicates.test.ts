/** Duplicate detection (pure scoring, and candidates in the database) and merging, on each database. */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  duplicatePairs,
  duplicatesOf,
  emailDomain,
  registrableDomain,
  scorePair,
} from "../src/inventory/duplicates.ts";
import type { InstitutionFields } from "../src/inventory/interchange.ts";
import { historyOf, mergeInstitutions } from "../src/inventory/moderation-store.ts";
import { mergedFields } from "../src/inventory/proposal.ts";
import { saveInstitutions } from "../src/inventory/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const entry = (id: string, over: Partial<InstitutionFields>): InstitutionFields => ({
  id,
  name_en: null,
  name_ru: null,
  name_original: null,
  original_language: null,
  acronym: null,
  category: "other",
  status: "active",
  city_ru: null,
  source_url: null,
  country: null,
  city: null,
  address: null,
  latitude: null,
  longitude: null,
  countries_of_activity: [],
  website: null,
  email: null,
  phone: null,
  summary_en: null,
  summary_ru: null,
  topics: [],
  languages: [],
  verified_at: null,
  synthetic: false,
  ...over,
});

describe("duplicate scoring (pure)", () => {
  it("reduces hosts to registrable domains", () => {
    expect(registrableDomain("www.stat.gov.kz")).toBe("stat.gov.kz");
    expect(registrableDomain("WWW.Armstat.am")).toBe("armstat.am");
    expect(registrableDomain("data.iom.int")).toBe("iom.int");
  });
  it("ignores public mail providers", () => {
    expect(emailDomain("a@gmail.com")).toBeUndefined();
    expect(emailDomain("a@mail.ru")).toBeUndefined();
    expect(emailDomain("a@yandex.ru")).toBeUndefined();
    expect(emailDomain("info@Armstat.am")).toBe("armstat.am");
  });
  it("combines signs; a shared domain alone is not a duplicate", () => {
    const a = { website: "https://www.iom.int/a", email: "x@gmail.com" };
    const b = { website: "http://iom.int", email: "y@gmail.com" };
    expect(scorePair(0.1, a, b)).toMatchObject({ reasons: ["website"] });
    expect(scorePair(0.1, a, b).score).toBeLessThan(0.5);
    expect(scorePair(0.6, a, b)).toMatchObject({ reasons: ["name", "website"] });
    expect(scorePair(0.6, a, b).score).toBeGreaterThan(0.7);
    expect(scorePair(0, { website: null, email: "a@org.am" }, { website: null, email: "b@org.am" }).reasons).toEqual([
      "email",
    ]);
  });
  it("counts entries located in different countries half: country offices are not duplicates", () => {
    const kz = { website: "https://kazakhstan.iom.int", email: null, country: "KAZ" };
    const kg = { website: "https://kyrgyzstan.iom.int", email: null, country: "KGZ" };
    expect(scorePair(0.75, kz, { ...kg, country: "KAZ" }).score).toBeGreaterThanOrEqual(0.5);
    expect(scorePair(0.75, kz, kg).score).toBeLessThan(0.5);
    // Without a country on one side nothing is known against it.
    expect(scorePair(0.75, kz, { ...kg, country: null }).score).toBeGreaterThanOrEqual(0.5);
  });
  it("merges lists as unions and fills empty fields", () => {
    const kept = entry("a", {
      name_en: "A",
      countries_of_activity: ["ARM"],
      topics: ["statistics"],
      languages: ["hy"],
    });
    const other = entry("b", {
      name_en: "B",
      city: "Yerevan",
      countries_of_activity: ["GEO", "ARM"],
      topics: ["research"],
      languages: ["ru"],
    });
    expect(mergedFields(kept, other)).toMatchObject({
      id: "a",
      name_en: "A",
      city: "Yerevan",
      countries_of_activity: ["ARM", "GEO"],
      topics: ["statistics", "research"],
      languages: ["hy", "ru"],
    });
  });
});

describe.each(BACKENDS)("duplicates and merging, on %s", (backend) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await testStorage(backend);
    await t.storage.db.transaction().execute((trx) =>
      saveInstitutions(
        trx,
        [
          entry("iom", {
            name_en: "International Organization for Migration",
            acronym: "IOM",
            website: "https://www.iom.int",
            countries_of_activity: ["ARM"],
            topics: ["labour-migration"],
          }),
          entry("iom-copy", {
            name_en: "International Organisation for Migraton",
            website: "http://iom.int/en",
            countries_of_activity: ["GEO"],
            topics: ["data"],
            languages: ["ka"],
          }),
          entry("geostat", { name_en: "National Statistics Office of Georgia", email: "info@geostat.ge" }),
          entry("other", { name_en: "Completely different centre", email: "info@gmail.com" }),
        ],
        { kind: "seed" },
      ),
    );
  }, 60_000);
  afterAll(async () => t?.dispose());

  it("finds similar names with typos, the same website domain and e-mail domain", async () => {
    const found = await duplicatesOf(
      t.storage.db,
      entry("", { name_en: "Internatonal Organization of Migration" }),
      null,
    );
    expect(found.map((d) => d.id)).toEqual(expect.arrayContaining(["iom", "iom-copy"]));
    const byMail = await duplicatesOf(t.storage.db, entry("", { name_en: "Geostat", email: "press@geostat.ge" }), null);
    expect(byMail[0]?.reasons).toContain("email");
    const gmail = await duplicatesOf(
      t.storage.db,
      entry("", { name_en: "Unrelated bureau", email: "me@gmail.com" }),
      null,
    );
    expect(gmail).toEqual([]);
    const pairs = await duplicatePairs(t.storage.db, 10);
    expect(pairs[0]).toMatchObject({ a: { id: "iom" }, b: { id: "iom-copy" } });
    expect(pairs[0]?.reasons).toEqual(["name", "website"]);
  });

  it("merges into the kept entry with a history pointing to it", async () => {
    await mergeInstitutions(t.storage.db, "iom-copy", "iom", null as unknown as number, null);
    const kept = await t.storage.db
      .selectFrom("institution")
      .selectAll()
      .where("id", "=", "iom")
      .executeTakeFirstOrThrow();
    expect(kept.countries_of_activity).toEqual(["ARM", "GEO"]);
    expect(kept.topics).toEqual(["labour-migration", "data"]);
    expect(kept.languages).toEqual(["ka"]);
    // The absorbed entry stays as a redirect: withdrawn, pointing to the kept one.
    expect(
      await t.storage.db
        .selectFrom("institution")
        .where("id", "=", "iom-copy")
        .select(["status", "merged_into"])
        .executeTakeFirst(),
    ).toEqual({ status: "withdrawn", merged_into: "iom" });
    expect((await duplicatePairs(t.storage.db, 50)).some((p) => [p.a.id, p.b.id].includes("iom-copy"))).toBe(false);
    const history = await historyOf(t.storage.db, "iom-copy");
    expect(history[0]).toMatchObject({ kind: "merge", mergedInto: "iom" });
    await expect(mergeInstitutions(t.storage.db, "iom", "iom", 1, null)).rejects.toMatchObject({ status: 400 });
  });
});
