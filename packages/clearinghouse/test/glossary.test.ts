import { describe, expect, it } from "vitest";
import {
  GLOSSARY_CATEGORIES,
  GLOSSARY_INDICATOR_IDS,
  GLOSSARY_SOURCES,
  GLOSSARY_TERMS,
  type GlossaryLang,
  type GlossaryTerm,
  glossaryTerm,
  normalizeText,
  parseGlossaryTableId,
  searchGlossary,
  stemWord,
  termsForIndicator,
  termsForTable,
} from "../src/glossary/index.ts";

// Written out here rather than imported, so that a change to the module's constants is a failing test.
const TABLE_IDS = ["T1_1", "T1_2", "T2_1", "T2_2", "T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"];
const INDICATOR_IDS = [
  "net-migration",
  "immigration-rate",
  "emigration-rate",
  "net-migration-rate",
  "foreign-born-share",
  "foreign-citizen-share",
  "naturalisation-rate",
  "sex-ratio",
  "top-five-partners-share",
];
const REQUIRED_IDS = [
  "international-migrant",
  "long-term-migrant",
  "short-term-migrant",
  "usual-residence",
  "country-of-usual-residence",
  "twelve-month-rule",
  "nine-month-practice",
  "country-of-previous-residence",
  "country-of-next-residence",
  "country-of-birth",
  "place-of-birth",
  "native-born",
  "foreign-born",
  "citizenship",
  "foreign-citizen",
  "stateless-person",
  "dual-citizenship",
  "acquisition-of-citizenship",
  "immigration",
  "emigration",
  "net-migration",
  "migration-flow",
  "migrant-stock",
  "return-migration",
  "labour-migration",
  "forced-migration",
  "refugee",
  "asylum-seeker",
  "internally-displaced-person",
  "irregular-migration",
  "family-reunification",
  "student-migration",
  "circular-migration",
  "remittances",
  "diaspora",
  "population-register",
  "residence-permit",
  "border-statistics",
  "population-census",
  "household-survey",
  "labour-force-survey",
  "administrative-data",
  "mirror-statistics",
  "asymmetry-index",
  "break-in-series",
  "mean-population",
  "provisional",
  "estimated",
  ...INDICATOR_IDS,
];

const CYRILLIC = /[\u0400-\u04ff]/;
const LANGS: readonly GlossaryLang[] = ["en", "ru"];
const byId = new Map(GLOSSARY_TERMS.map((t) => [t.id, t]));
const get = (id: string): GlossaryTerm => {
  const t = byId.get(id);
  if (!t) throw new Error(`no term ${id}`);
  return t;
};
/** Sentences: split after . ! ? when the next word starts with a capital letter. */
const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+(?=[A-ZА-ЯЁ«"])/u);
const ids = (results: readonly { term: GlossaryTerm }[]): string[] => results.map((r) => r.term.id);
const search = (query: string, lang: GlossaryLang) => searchGlossary(GLOSSARY_TERMS, query, lang);

describe("glossary data", () => {
  it("has at least 45 terms with unique kebab-case ids", () => {
    expect(GLOSSARY_TERMS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(GLOSSARY_TERMS.map((t) => t.id)).size).toBe(GLOSSARY_TERMS.length);
    for (const t of GLOSSARY_TERMS) expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("has every required term", () => {
    const missing = REQUIRED_IDS.filter((id) => !byId.has(id));
    expect(missing).toEqual([]);
  });

  it("has both languages, non-empty and different, for every name and definition", () => {
    for (const t of GLOSSARY_TERMS) {
      for (const text of [t.term, t.definition]) {
        expect(text.en.trim(), t.id).not.toBe("");
        expect(text.ru.trim(), t.id).not.toBe("");
        expect(text.en, t.id).not.toBe(text.ru);
      }
    }
  });

  it("writes Russian in Cyrillic and English without it", () => {
    for (const t of GLOSSARY_TERMS) {
      expect(CYRILLIC.test(t.term.ru), `${t.id} term.ru`).toBe(true);
      expect(CYRILLIC.test(t.definition.ru), `${t.id} definition.ru`).toBe(true);
      expect(CYRILLIC.test(t.term.en), `${t.id} term.en`).toBe(false);
      expect(CYRILLIC.test(t.definition.en), `${t.id} definition.en`).toBe(false);
    }
  });

  it("gives every term a unique name in each language", () => {
    for (const lang of LANGS) {
      const names = GLOSSARY_TERMS.map((t) => normalizeText(t.term[lang]));
      expect(new Set(names).size, lang).toBe(names.length);
    }
  });

  it("defines every term in 2 to 5 sentences in both languages", () => {
    for (const t of GLOSSARY_TERMS) {
      for (const lang of LANGS) {
        const n = sentences(t.definition[lang]).length;
        expect(n, `${t.id} ${lang}`).toBeGreaterThanOrEqual(2);
        expect(n, `${t.id} ${lang}`).toBeLessThanOrEqual(5);
        expect(t.definition[lang].trim(), `${t.id} ${lang}`).toMatch(/[.!?»)]$/);
      }
    }
  });

  it("cites a source for every term, in both languages, and no source for a term it does not have", () => {
    for (const t of GLOSSARY_TERMS) {
      expect(t.source.en, t.id).toMatch(/\(\d{4}\)|ISO 3166|SDMX|TABLES\.md/);
      expect(t.source.ru, t.id).toMatch(/[а-яё]/i);
    }
    const ids = new Set(GLOSSARY_TERMS.map((t) => t.id));
    expect(Object.keys(GLOSSARY_SOURCES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("does not claim that migrant stocks refer to 1 January: the UN's refer to 1 July", () => {
    const stock = GLOSSARY_TERMS.find((t) => t.id === "migrant-stock");
    expect(stock?.definition.en).toContain("1 July");
    expect(stock?.definition.ru).toContain("1 июля");
    expect(stock?.definition.en).not.toMatch(/1 January/);
    expect(stock?.definition.ru).not.toMatch(/1 января/);
    expect(stock?.source.en).toContain("International Migrant Stock 2020");
  });

  it("links only existing terms, never itself, without duplicates, and symmetrically", () => {
    const problems: string[] = [];
    for (const t of GLOSSARY_TERMS) {
      if (t.related.length === 0) problems.push(`${t.id}: no related terms`);
      if (new Set(t.related).size !== t.related.length) problems.push(`${t.id}: duplicate related`);
      for (const r of t.related) {
        const other = byId.get(r);
        if (r === t.id) problems.push(`${t.id}: relates to itself`);
        else if (!other) problems.push(`${t.id} → ${r}: no such term`);
        else if (!other.related.includes(t.id)) problems.push(`${t.id} → ${r}: not symmetric`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses only the 12 standard table ids, each at least once", () => {
    for (const t of GLOSSARY_TERMS) {
      expect(new Set(t.tables).size, t.id).toBe(t.tables.length);
      for (const table of t.tables) expect(TABLE_IDS, t.id).toContain(table);
    }
    for (const table of TABLE_IDS) expect(termsForTable(table).length, table).toBeGreaterThan(0);
  });

  it("has a fixed list of indicators, each with its own indicator term that gives a formula in both languages", () => {
    expect([...GLOSSARY_INDICATOR_IDS]).toEqual(INDICATOR_IDS);
    for (const t of GLOSSARY_TERMS) {
      expect(new Set(t.indicators).size, t.id).toBe(t.indicators.length);
      for (const i of t.indicators) expect(INDICATOR_IDS, t.id).toContain(i);
      expect(GLOSSARY_CATEGORIES, t.id).toContain(t.category);
    }
    for (const id of INDICATOR_IDS) {
      const t = get(id);
      expect(t.category, id).toBe("indicator");
      expect(t.indicators, id).toContain(id);
      expect(t.definition.en, id).toMatch(/=/);
      expect(t.definition.ru, id).toMatch(/=/);
    }
  });

  it("states the asymmetry index and the rates with their formulas", () => {
    for (const lang of LANGS) {
      expect(get("asymmetry-index").definition[lang]).toContain("(I − E) / (I + E)");
      expect(get("net-migration").definition[lang]).toContain("I − E");
      expect(get("immigration-rate").definition[lang]).toContain("1000");
      expect(get("sex-ratio").definition[lang]).toContain("M / F × 100");
    }
  });

  it("describes strengths and weaknesses of every data source", () => {
    const sources = GLOSSARY_TERMS.filter((t) => t.category === "source");
    expect(sources.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        "population-register",
        "residence-permit",
        "border-statistics",
        "population-census",
        "household-survey",
        "labour-force-survey",
        "administrative-data",
      ]),
    );
    for (const t of sources) {
      expect(t.definition.en, t.id).toMatch(/Strengths:.*Weaknesses:/s);
      expect(t.definition.ru, t.id).toMatch(/Преимущества:.*Недостатки:/s);
    }
  });

  it("ties the 9-month practice to the Russian Federation, 2011 and the break in series", () => {
    const t = get("nine-month-practice");
    expect(t.definition.en).toMatch(/Russian Federation.*2011/s);
    expect(t.definition.ru).toMatch(/Российская Федерация.*2011/s);
    expect(t.related).toContain("break-in-series");
    expect(t.related).toContain("twelve-month-rule");
  });
});

describe("stemWord and normalizeText", () => {
  it("strips accents and case, and treats ё as е", () => {
    expect(normalizeText("NATURALISÁTION")).toBe("naturalisation");
    expect(normalizeText("Учёт")).toBe("учет");
  });

  it("reduces common Russian endings to one stem", () => {
    expect(stemWord("мигрантов")).toBe(stemWord("мигрант"));
    expect(stemWord("мигрантами")).toBe(stemWord("мигранты"));
    expect(stemWord("гражданства")).toBe(stemWord("гражданство"));
    expect(stemWord("беженцев")).toBe(stemWord("беженец"));
    expect(stemWord("родившихся")).toBe(stemWord("родившиеся"));
    expect(stemWord("долгосрочный")).toBe(stemWord("долгосрочная"));
    expect(stemWord("иммиграция")).not.toBe(stemWord("иммигрант"));
  });

  it("reduces common English endings and spellings to one stem", () => {
    expect(stemWord("migrants")).toBe("migrant");
    expect(stemWord("countries")).toBe(stemWord("country"));
    expect(stemWord("estimated")).toBe(stemWord("estimate"));
    expect(stemWord("naturalization")).toBe(stemWord("naturalisation"));
    expect(stemWord("labor")).toBe(stemWord("labour"));
    expect(stemWord("status")).toBe("status");
    expect(stemWord("stateless")).toBe("stateless");
  });
});

describe("searchGlossary", () => {
  it("returns nothing for an empty query or a word that occurs nowhere", () => {
    expect(search("", "en")).toEqual([]);
    expect(search("   ", "ru")).toEqual([]);
    expect(search("zebra", "en")).toEqual([]);
  });

  it("finds Russian words whatever their ending", () => {
    const results = search("мигрантов", "ru");
    expect(ids(results)).toEqual(
      expect.arrayContaining(["international-migrant", "long-term-migrant", "short-term-migrant"]),
    );
    const intl = results.find((r) => r.term.id === "international-migrant");
    expect(intl?.matches.find((m) => m.field === "term")?.words).toContain("мигрант");
  });

  it("finds English words whatever their ending", () => {
    const results = search("migrants", "en");
    const intl = results.find((r) => r.term.id === "international-migrant");
    expect(intl?.matches.find((m) => m.field === "term")?.words).toEqual(["migrant"]);
    expect(ids(search("countries of birth", "en"))[0]).toBe("country-of-birth");
    expect(ids(search("страны рождения", "ru"))[0]).toBe("country-of-birth");
  });

  it("ranks the term whose name equals the query first, in both languages", () => {
    const en = ids(search("net migration", "en"));
    expect(en[0]).toBe("net-migration");
    expect(en.indexOf("net-migration-rate")).toBeGreaterThan(0);
    const ru = ids(search("Сальдо миграции", "ru"));
    expect(ru[0]).toBe("net-migration");
    expect(ru.indexOf("net-migration-rate")).toBeGreaterThan(0);
    expect(ids(search("foreign-born", "en"))[0]).toBe("foreign-born");
    expect(ids(search("лицо без гражданства", "ru"))[0]).toBe("stateless-person");
    expect(ids(search("12-month rule", "en"))[0]).toBe("twelve-month-rule");
  });

  it("treats a name in parentheses as an alternative name", () => {
    expect(ids(search("naturalisation", "en"))[0]).toBe("acquisition-of-citizenship");
    expect(ids(search("натурализация", "ru"))[0]).toBe("acquisition-of-citizenship");
    expect(ids(search("вид на жительство", "ru"))[0]).toBe("residence-permit");
  });

  it("is case- and accent-insensitive", () => {
    expect(ids(search("NATURALISÁTION", "en"))[0]).toBe("acquisition-of-citizenship");
    expect(ids(search("перемещённое лицо", "ru"))[0]).toBe("internally-displaced-person");
    expect(ids(search("ДИАСПОРА", "ru"))[0]).toBe("diaspora");
  });

  it("forgives one typo in words of five letters or more", () => {
    expect(ids(search("refgee", "en"))[0]).toBe("refugee");
    expect(ids(search("asymetry", "en"))[0]).toBe("asymmetry-index");
    expect(ids(search("diaspra", "en"))[0]).toBe("diaspora");
    expect(ids(search("иммиграцыя", "ru"))[0]).toBe("immigration");
    expect(ids(search("натурализацыя", "ru"))[0]).toBe("acquisition-of-citizenship");
  });

  it("does not forgive two typos, nor a typo in a short word", () => {
    expect(ids(search("rfgee", "en"))).not.toContain("refugee");
    expect(ids(search("nel", "en"))).not.toContain("net-migration");
    expect(ids(search("сальдо", "ru"))).toContain("net-migration");
    expect(ids(search("салдьо", "ru"))).toContain("net-migration"); // one transposition
    expect(ids(search("сылдо", "ru"))).not.toContain("net-migration"); // a substitution and a deletion
  });

  it("ranks by score and reports the fields that matched", () => {
    const results = search("stateless", "en");
    for (let i = 1; i < results.length; i++) {
      expect(results[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(results[i]?.score ?? 0);
    }
    expect(results[0]?.term.id).toBe("stateless-person");
    expect(results[0]?.matches.map((m) => m.field)).toEqual(["term", "definition"]);
    const onlyDefinition = search("прописки", "ru").find((r) => r.term.id === "place-of-stay-registration");
    expect(onlyDefinition?.matches.map((m) => m.field)).toEqual(["definition"]);
    expect(onlyDefinition?.matches[0]?.words).toEqual(["прописки"]);
  });

  it("searches only the requested language", () => {
    expect(search("refugee", "ru")).toEqual([]);
    expect(search("беженец", "en")).toEqual([]);
    expect(ids(search("беженец", "ru"))[0]).toBe("refugee");
  });

  it("ignores stop words unless the query is made of nothing else", () => {
    const withStop = ids(search("the refugee", "en"));
    expect(withStop[0]).toBe("refugee");
    expect(withStop).toEqual(ids(search("refugee", "en")));
  });

  it("searches any list of terms and honours a limit", () => {
    const subset = GLOSSARY_TERMS.filter((t) => t.id !== "refugee");
    expect(ids(searchGlossary(subset, "refugee", "en"))).not.toContain("refugee");
    expect(searchGlossary(GLOSSARY_TERMS, "migration", "en", { limit: 3 })).toHaveLength(3);
  });
});

describe("look-ups", () => {
  it("finds a term by id", () => {
    expect(glossaryTerm("refugee")?.term).toEqual({ en: "Refugee", ru: "Беженец" });
    expect(glossaryTerm("no-such-term")).toBeUndefined();
    const custom = [get("diaspora")];
    expect(glossaryTerm("diaspora", custom)).toBe(custom[0]);
    expect(glossaryTerm("refugee", custom)).toBeUndefined();
  });

  it("lists the terms of a table, in any usual spelling of the table id", () => {
    const t72 = termsForTable("T7_2").map((t) => t.id);
    expect(t72).toEqual(expect.arrayContaining(["acquisition-of-citizenship", "country-of-previous-citizenship"]));
    expect(t72).not.toContain("refugee");
    expect(t72).not.toContain("country-of-next-residence");
    expect(termsForTable("7.2").map((t) => t.id)).toEqual(t72);
    expect(termsForTable("t7_2").map((t) => t.id)).toEqual(t72);
    expect(termsForTable("T4").map((t) => t.id)).toContain("country-of-next-residence");
    expect(termsForTable("T3").map((t) => t.id)).not.toContain("country-of-next-residence");
    expect(termsForTable("T9")).toEqual([]);
    expect(termsForTable("T7")).toEqual([]);
    expect(parseGlossaryTableId("5.1")).toBe("T5_1");
    expect(parseGlossaryTableId("T1")).toBeUndefined();
  });

  it("lists the terms of an indicator", () => {
    const nr = termsForIndicator("naturalisation-rate").map((t) => t.id);
    expect(nr).toEqual(
      expect.arrayContaining(["naturalisation-rate", "acquisition-of-citizenship", "foreign-citizen"]),
    );
    expect(nr).not.toContain("foreign-born");
    expect(termsForIndicator("foreign-born-share").map((t) => t.id)).toContain("foreign-born");
  });
});
