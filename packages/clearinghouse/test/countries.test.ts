import { describe, expect, it } from "vitest";
import { countryByCode, DEFAULT_REPORTERS, isoCountryList, partnerCodeList, reportingCountries } from "../src/index.ts";

describe("partner-country code list", () => {
  const list = partnerCodeList();
  const countries = list.slice(1, -2);

  it("has _T first, the 249 ISO 3166-1 countries, then _O and _U", () => {
    expect(list).toHaveLength(252);
    expect(list[0]).toEqual({ code: "_T", label: { en: "Total", ru: "Всего" } });
    expect(list.at(-2)).toEqual({ code: "_O", label: { en: "Other countries", ru: "Другие страны" } });
    expect(list.at(-1)).toEqual({ code: "_U", label: { en: "Unknown", ru: "Неизвестно" } });
    expect(countries).toHaveLength(249);
    expect(new Set(list.map((c) => c.code)).size).toBe(252);
    for (const c of countries) expect(c.code).toMatch(/^[A-Z]{3}$/);
  });

  it("gives English and Russian names from i18n-iso-countries", () => {
    const byCode = new Map(list.map((c) => [c.code, c.label]));
    expect(byCode.get("ARM")).toEqual({ en: "Armenia", ru: "Армения" });
    expect(byCode.get("KAZ")).toEqual({ en: "Kazakhstan", ru: "Казахстан" });
    expect(byCode.get("DEU")?.ru).toBe("Германия");
    expect(byCode.get("USA")?.en).toBe("United States of America");
    for (const c of countries) {
      expect(c.label.en.length).toBeGreaterThan(0);
      expect(c.label.ru).toMatch(/[А-Яа-яЁё]/);
    }
  });

  it("overrides a few names to UN usage, unless the caller says otherwise", () => {
    expect(countryByCode("MDA")?.label).toEqual({ en: "Republic of Moldova", ru: "Республика Молдова" });
    expect(countryByCode("KGZ")?.label).toEqual({ en: "Kyrgyzstan", ru: "Кыргызстан" });
    expect(countryByCode("MDA", { names: {} })?.label).toEqual({ en: "Moldova, Republic of", ru: "Молдавия" });
    expect(countryByCode("ARM", { names: { ARM: { ru: "Республика Армения" } } })?.label.ru).toBe("Республика Армения");
  });

  it("sorts the countries by English name", () => {
    const names = countries.map((c) => c.label.en);
    const sorted = [...names].sort(new Intl.Collator("en").compare);
    expect(names).toEqual(sorted);
    expect(names[0]).toBe("Afghanistan");
    expect(names.indexOf("Åland Islands")).toBeLessThan(names.indexOf("Albania"));
  });

  it("leaves out user-assigned codes unless asked", () => {
    expect(countryByCode("XKK")).toBeUndefined();
    expect(isoCountryList({ includeUserAssigned: true }).map((c) => c.code)).toContain("XKK");
    expect(isoCountryList({ includeUserAssigned: true })).toHaveLength(250);
    expect(countryByCode("SUN")).toBeUndefined();
  });

  it("can hold only some countries", () => {
    expect(partnerCodeList({ only: ["RUS", "AZE"] }).map((c) => c.code)).toEqual(["_T", "AZE", "RUS", "_O", "_U"]);
    expect(() => partnerCodeList({ only: ["RUS", "SUN"] })).toThrow(/SUN/);
  });
});

describe("reporting countries", () => {
  it("are the 10 participating countries by default", () => {
    const list = reportingCountries();
    expect(list.map((c) => c.code)).toEqual(["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR"]);
    expect(DEFAULT_REPORTERS).toHaveLength(10);
    expect(list.find((c) => c.code === "RUS")?.label).toEqual({ en: "Russian Federation", ru: "Российская Федерация" });
    expect(list.find((c) => c.code === "MDA")?.label.en).toBe("Republic of Moldova");
  });

  it("are configurable", () => {
    expect(reportingCountries(["UZB", "TKM"]).map((c) => c.label.en)).toEqual(["Uzbekistan", "Turkmenistan"]);
    expect(() => reportingCountries([])).toThrow(/no reporting/);
    expect(() => reportingCountries(["AR"])).toThrow(/AR/);
  });
});
