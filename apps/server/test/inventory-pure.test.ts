/** The inventory's pure parts: query parameters and plans, names, folding, CSV, records and their problems. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsv, writeCsv } from "../src/inventory/csv.ts";
import { foldText } from "../src/inventory/fold.ts";
import {
  COLUMNS,
  fieldsToRecord,
  guardFormula,
  type InstitutionFields,
  idFor,
  parseInstant,
  problemLine,
  readRows,
  recordToFields,
  unguardFormula,
} from "../src/inventory/interchange.ts";
import { countriesNamed, oneEditApart, sameWord, topicsNamed } from "../src/inventory/names.ts";
import { MAX_QUERY_LENGTH, ParameterProblem, parseSearchParams, planQuery } from "../src/inventory/query.ts";
import { lexemeQuery } from "../src/inventory/search.ts";
import { SEED_INSTITUTIONS } from "../src/inventory/seed/institutions.ts";
import { SYNTHETIC_SUMMARY, syntheticInstitutions } from "../src/inventory/synthetic.ts";
import { CATEGORY_IDS, TOPICS } from "../src/inventory/vocabulary.ts";

const refusal = (query: Record<string, unknown>): ParameterProblem => {
  try {
    parseSearchParams(query, "en");
  } catch (error) {
    if (error instanceof ParameterProblem) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(query)}`);
};

describe("search parameters", () => {
  it("has defaults: no words, sorted by name, page 1 of 20", () => {
    expect(parseSearchParams({}, "ru")).toEqual({
      q: "",
      lang: "ru",
      categories: [],
      countries: [],
      topics: [],
      sort: "name",
      page: 1,
      pageSize: 20,
    });
    expect(parseSearchParams({ q: "  migration   data " }, "en")).toMatchObject({
      q: "migration data",
      sort: "relevance",
    });
    expect(parseSearchParams({ sort: "relevance" }, "en").sort).toBe("name");
  });

  it("takes multi-valued filters repeated or separated by commas, countries in any case", () => {
    const p = parseSearchParams(
      { category: ["government", "academic,government"], country: "arm,KGZ", topic: ["data"] },
      "en",
    );
    expect(p.categories).toEqual(["government", "academic"]);
    expect(p.countries).toEqual(["ARM", "KGZ"]);
    expect(p.topics).toEqual(["data"]);
  });

  it("refuses bad values naming the parameter, in English and Russian", () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ q: "x".repeat(MAX_QUERY_LENGTH + 1) }, "q", /^q длиннее 200 символов$/],
      [{ lang: "de" }, "lang", /неизвестный язык «de»/],
      [{ category: "ngo" }, "category", /неизвестная категория «ngo»/],
      [{ country: "XX" }, "country", /«XX» — не трёхбуквенный код/],
      [{ country: "ZZZ" }, "country", /«ZZZ»/],
      [{ topic: "sports" }, "topic", /неизвестная тема «sports»/],
      [{ sort: "random" }, "sort", /«random»/],
      [{ page: "0" }, "page", /от 1 до 10000/],
      [{ page: "1.5" }, "page", /целым числом/],
      [{ pageSize: "101" }, "pageSize", /от 1 до 100/],
      [{ q: ["a", "b"] }, "q", /только один раз/],
    ];
    for (const [query, parameter, russian] of cases) {
      const problem = refusal(query);
      expect(problem.parameter).toBe(parameter);
      expect(problem.text.en.startsWith(parameter)).toBe(true);
      expect(problem.text.ru).toMatch(russian);
    }
  });
});

describe("query plans", () => {
  it("cuts words, phrases and exclusions, and matches the last word as a beginning", () => {
    const units = planQuery('labour "return and reintegration" -Russia stat');
    expect(units.map((u) => [u.kind, u.text, u.negated, u.prefix])).toEqual([
      ["word", "labour", false, false],
      ["phrase", "return and reintegration", false, false],
      ["word", "russia", true, false],
      ["word", "stat", false, true],
    ]);
    expect(units[2]?.countries).toEqual([]);
    expect(planQuery("Армения")[0]?.countries).toEqual(["ARM"]);
  });

  it("lets long words match words sharing their first letters", () => {
    expect(planQuery("migrants")[0]?.stemPrefix).toBe("migra");
    expect(planQuery("мигрантов")[0]?.stemPrefix).toBe("мигра");
    expect(planQuery("statistics")[0]?.stemPrefix).toBe("statis");
    expect(planQuery("border")[0]?.stemPrefix).toBeNull();
  });

  it("keeps only letters and digits of any input, whatever it holds", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MAX_QUERY_LENGTH }), (q) => {
        for (const u of planQuery(q)) {
          expect(u.text).toMatch(/^[\p{L}\p{N}\p{M}]+( [\p{L}\p{N}\p{M}]+)*$/u);
          if (u.stemPrefix !== null) expect(u.text.startsWith(u.stemPrefix)).toBe(true);
        }
      }),
    );
    expect(planQuery("&|!():* <script>alert(1)</script> '; drop table x; --").map((u) => u.text)).toEqual([
      "script",
      "alert",
      "1",
      "script",
      "drop",
      "table",
      "x",
    ]);
  });
});

describe("names in queries", () => {
  it("finds countries by name in English and Russian, with endings, typos and transliterations", () => {
    const named: [string, string][] = [
      ["Армения", "ARM"],
      ["Армении", "ARM"],
      ["Armenian", "ARM"],
      ["Kyrgyzstan", "KGZ"],
      ["Kirgizstan", "KGZ"],
      ["Киргизия", "KGZ"],
      ["Кыргызстане", "KGZ"],
      ["Kazakstan", "KAZ"],
      ["Казахстана", "KAZ"],
      ["Tadjikistan", "TJK"],
      ["России", "RUS"],
      ["Russia", "RUS"],
      ["Moldova", "MDA"],
      ["Молдове", "MDA"],
      ["Беларуси", "BLR"],
      ["Armeina", "ARM"],
      ["США", "USA"],
    ];
    for (const [word, code] of named) expect(countriesNamed(word), word).toContain(code);
    expect(countriesNamed("Austria")).toEqual(["AUT"]);
    expect(countriesNamed("Australia")).toEqual(["AUS"]);
    for (const word of ["republic", "Республика", "united", "statistics", "migration", "bank"]) {
      expect(countriesNamed(word), word).toEqual([]);
    }
  });

  it("finds topics by their keywords in either language", () => {
    expect(topicsNamed("беженцев")).toEqual(["asylum-refugees"]);
    expect(topicsNamed("remittances")).toEqual(["remittances"]);
    expect(topicsNamed("данных")).toEqual(["data"]);
    expect(topicsNamed("migration")).toEqual([]);
  });

  it("compares words with other endings or one typo", () => {
    expect(sameWord("armenii", "armeniia")).toBe(true);
    expect(sameWord("australia", "austria")).toBe(false);
    expect(oneEditApart("kazakstan", "kazahstan")).toBe(true);
    expect(oneEditApart("armeina", "armenia")).toBe(true);
    expect(oneEditApart("armenia", "armenia")).toBe(false);
    expect(oneEditApart("abcd", "badc")).toBe(false);
  });
});

describe("words of text-search queries", () => {
  it("quotes a word with its quotes and backslashes doubled", () => {
    expect(lexemeQuery("abc")).toBe("'abc'");
    expect(lexemeQuery("o'brien\\x")).toBe("'o''brien\\\\x'");
  });
});

describe("folding", () => {
  it("brings transliterations together", () => {
    expect(new Set(["Кыргызстан", "Kyrgyzstan", "Kirgizstan"].map(foldText))).toEqual(new Set(["kirgizstan"]));
    expect(foldText("Kazakhstan")).toBe(foldText("Kazakstan"));
    expect(foldText("Таджикистан")).toBe(foldText("Tajikistan"));
    expect(foldText("Азәрбайҗан Chișinău")).toBe("azarbaiҗan chisinau");
  });
});

describe("CSV", () => {
  const record = fc.array(
    fc.string({ unit: fc.constantFrom("a", "б", ",", ";", '"', "\n", "\r", "\t", " ", "'", "=") }),
    {
      minLength: 1,
      maxLength: 5,
    },
  );

  it("reads back what it writes", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (records) => {
        const header = ["id", "name_en"];
        expect(readCsv(writeCsv([header, ...records], { bom: true })).records).toEqual([header, ...records]);
      }),
    );
  });

  it("takes semicolons and tabs, and keeps blank rows so that row numbers are a spreadsheet's", () => {
    const table = readCsv('id;name_en\r\n\r\nx;"a;b"\r\n');
    expect(table.separator).toBe(";");
    expect(table.records).toEqual([["id", "name_en"], [""], ["x", "a;b"]]);
    expect(readCsv("id\tname_en\nx\ty").records).toEqual([
      ["id", "name_en"],
      ["x", "y"],
    ]);
  });

  it("guards formulas so that a spreadsheet shows them as text, and unguards them exactly", () => {
    expect(guardFormula('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(guardFormula("+374 10 000000")).toBe("'+374 10 000000");
    expect(guardFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guardFormula("-1")).toBe("'-1");
    expect(guardFormula("plain")).toBe("plain");
    expect(guardFormula("'quoted")).toBe("'quoted");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "=", "+", "-", "@", "\t", "a") }), (text) => {
        expect(unguardFormula(guardFormula(text))).toBe(text);
        expect(guardFormula(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });
});

const fields = (over: Partial<InstitutionFields> = {}): InstitutionFields => ({
  ...(SEED_INSTITUTIONS[0] as InstitutionFields),
  ...over,
});

describe("records of institutions", () => {
  it("reads back the fields it writes, for the seed and synthetic entries", () => {
    for (const f of [...SEED_INSTITUTIONS, ...syntheticInstitutions(200, 3)]) {
      const read = recordToFields(fieldsToRecord(f), 2);
      expect(read.problems, f.id).toEqual([]);
      expect(read.fields).toEqual(f);
    }
  });

  it("reports every problem of a file by row and column, in English and Russian", () => {
    const header = [...COLUMNS];
    const rows = [
      { row: 2, record: { ...fieldsToRecord(fields()), category: "ngo" } },
      { row: 3, record: { ...fieldsToRecord(fields({ id: "b" })), country: "XYZ", countries_of_activity: "ARM; XX" } },
      { row: 4, record: { ...fieldsToRecord(fields({ id: "c" })), latitude: "91", longitude: "east" } },
      { row: 5, record: { ...fieldsToRecord(fields({ id: "d" })), name_en: "", name_ru: " " } },
      { row: 6, record: { ...fieldsToRecord(fields({ id: "b" })) } },
      { row: 7, record: { ...fieldsToRecord(fields({ id: "Bad Id" })), website: "armstat.am", email: "no" } },
      { row: 8, record: { ...fieldsToRecord(fields({ id: "e" })), latitude: "", topics: "data; sport" } },
      { row: 9, record: { ...fieldsToRecord(fields({ id: "f" })), verified_at: "2025-02-30", synthetic: "maybe" } },
      { row: 10, record: { ...fieldsToRecord(fields({ id: "g" })), summary_en: "x".repeat(5001), phone: "1\u0000" } },
    ];
    const { problems, entries } = readRows([...header, "remarks"], rows);
    expect(entries).toEqual([]);
    const where = problems.map((p) => `${p.row}:${p.column}`);
    expect(where).toEqual([
      "1:remarks",
      "2:category",
      "3:country",
      "3:countries_of_activity",
      "4:latitude",
      "4:longitude",
      "5:name_en",
      "6:id",
      "7:id",
      "7:website",
      "7:email",
      "8:latitude",
      "8:topics",
      "9:verified_at",
      "9:synthetic",
      "10:phone",
      "10:summary_en",
    ]);
    const line = (row: number, column: string) =>
      problems.find((p) => p.row === row && p.column === column) ?? { row, column, message: { en: "", ru: "" } };
    expect(problemLine(line(2, "category"), "en")).toBe(
      `row 2, category: unknown category "ngo" (${CATEGORY_IDS.join(", ")})`,
    );
    expect(problemLine(line(3, "country"), "ru")).toBe(
      "строка 3, country: «XYZ» — не трёхбуквенный код страны ISO 3166-1 (например, ARM)",
    );
    expect(line(4, "latitude").message.en).toBe("must be from -90 to 90");
    expect(line(5, "name_en").message.ru).toBe("нужно название на английском или русском языке");
    expect(line(6, "id").message.en).toBe('id "b" is already used on row 3');
    expect(line(8, "latitude").message.en).toBe("latitude and longitude are given together or not at all");
    expect(line(10, "summary_en").message.ru).toBe("длиннее 5000 символов");
  });

  it("reads decimal commas, labels of topics and categories, and dates", () => {
    const read = recordToFields(
      {
        ...fieldsToRecord(fields()),
        latitude: "40,18",
        longitude: "44.51",
        topics: "Денежные переводы; statistics",
        category: "Government body",
        verified_at: "2025-01-31",
      },
      2,
    );
    expect(read.problems).toEqual([]);
    expect(read.fields).toMatchObject({
      latitude: 40.18,
      topics: ["remittances", "statistics"],
      category: "government",
      verified_at: "2025-01-31T00:00:00.000Z",
    });
    expect(parseInstant("2025-01-31T10:00+03:00")).toBe("2025-01-31T07:00:00.000Z");
    expect(parseInstant("2024-02-29")).toBe("2024-02-29T00:00:00.000Z");
    expect(parseInstant("2023-02-29")).toBeUndefined();
    expect(parseInstant("31.01.2025")).toBeUndefined();
  });

  it("makes ids from acronyms or names, free of those taken", () => {
    const taken = new Set(["armstat", "armstat-2"]);
    expect(idFor(fields(), (id) => taken.has(id))).toBe("armstat-3");
    expect(idFor(fields({ acronym: null, name_en: null, name_ru: "Центр «Миграция и право»" }), () => false)).toBe(
      "tsentr-migratsiia-i-pravo",
    );
    expect(idFor(fields({ acronym: "Ü.N.!" }), () => false)).toBe("u-n");
  });
});

describe("seed and synthetic entries", () => {
  it("seeds 40 to 80 real, unverified institutions with unique ids, both names and summaries", () => {
    expect(SEED_INSTITUTIONS.length).toBeGreaterThanOrEqual(40);
    expect(SEED_INSTITUTIONS.length).toBeLessThanOrEqual(80);
    expect(new Set(SEED_INSTITUTIONS.map((f) => f.id)).size).toBe(SEED_INSTITUTIONS.length);
    for (const f of SEED_INSTITUTIONS) {
      expect(f.verified_at, f.id).toBeNull();
      expect(f.synthetic).toBe(false);
      expect(f.name_en && f.name_ru && f.summary_en && f.summary_ru, f.id).toBeTruthy();
      expect(f.email, "no personal or guessed contacts").toBeNull();
      expect(f.phone).toBeNull();
      expect(f.topics.length).toBeGreaterThan(0);
      expect(f.topics.every((t) => TOPICS.some((x) => x.id === t))).toBe(true);
    }
  });

  it("marks every synthetic entry as such, deterministically", () => {
    const entries = syntheticInstitutions(500, 42);
    expect(syntheticInstitutions(500, 42)).toEqual(entries);
    expect(syntheticInstitutions(5, 43)).not.toEqual(entries.slice(0, 5));
    for (const e of entries) {
      expect(e.synthetic).toBe(true);
      expect(e.id).toMatch(/^synthetic-\d{6}$/);
      expect(e.name_en).toMatch(/\(synthetic\)$/);
      expect(e.name_ru).toMatch(/\(синтетическая запись\)$/);
      expect(e.summary_en?.startsWith(SYNTHETIC_SUMMARY.en)).toBe(true);
      expect(e.summary_ru?.startsWith(SYNTHETIC_SUMMARY.ru)).toBe(true);
      expect(e.website).toMatch(/\.example$/);
    }
    expect(new Set(entries.map((e) => e.category)).size).toBe(CATEGORY_IDS.length);
  });
});
