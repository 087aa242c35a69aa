import { datasetProblems, Status } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import {
  AGE_DIMENSION,
  AGE_GROUPS,
  CHAPTERS,
  dimensionCodes,
  emptyCube,
  FLOW_REFPERIOD,
  isTableId,
  SEX_DIMENSION,
  TABLE_IDS,
  TABLES,
  tableDecl,
  tableIdOfNumber,
} from "../src/index.ts";

// Transcribed from shared/design/TABLES.md.
const EXPECTED = [
  ["T1_1", "1.1", "stock", "birthplace", "Population by place of birth", "Население по месту рождения"],
  [
    "T1_2",
    "1.2",
    "stock",
    "cob",
    "Foreign-born population by country of birth",
    "Население, родившееся за рубежом, по стране рождения",
  ],
  ["T2_1", "2.1", "stock", "citstatus", "Population by citizenship status", "Население по статусу гражданства"],
  [
    "T2_2",
    "2.2",
    "stock",
    "citizenship",
    "Foreigners by country of citizenship",
    "Иностранные граждане по стране гражданства",
  ],
  [
    "T3",
    "3",
    "flow",
    "prevres",
    "Long-term immigration by country of previous residence",
    "Долгосрочная иммиграция по стране предыдущего проживания",
  ],
  [
    "T4",
    "4",
    "flow",
    "nextres",
    "Long-term emigration by country of next residence",
    "Долгосрочная эмиграция по стране последующего проживания",
  ],
  [
    "T5_1",
    "5.1",
    "flow",
    "citstatus",
    "Long-term immigration by citizenship status",
    "Долгосрочная иммиграция по статусу гражданства",
  ],
  [
    "T5_2",
    "5.2",
    "flow",
    "citizenship",
    "Long-term immigration by country of citizenship",
    "Долгосрочная иммиграция по стране гражданства",
  ],
  [
    "T6_1",
    "6.1",
    "flow",
    "citstatus",
    "Long-term emigration by citizenship status",
    "Долгосрочная эмиграция по статусу гражданства",
  ],
  [
    "T6_2",
    "6.2",
    "flow",
    "citizenship",
    "Long-term emigration by country of citizenship",
    "Долгосрочная эмиграция по стране гражданства",
  ],
  [
    "T7_1",
    "7.1",
    "flow",
    "prevstatus",
    "Acquisitions of citizenship by status of receiver",
    "Приобретение гражданства по статусу получателя",
  ],
  [
    "T7_2",
    "7.2",
    "flow",
    "prevcit",
    "Acquisitions of citizenship by country of previous citizenship",
    "Приобретение гражданства по стране предыдущего гражданства",
  ],
] as const;

const BREAKDOWNS: Record<string, readonly (readonly [string, string, string])[]> = {
  birthplace: [
    ["_T", "Total", "Всего"],
    ["NAT", "Native-born", "Родившиеся в стране"],
    ["FOR", "Foreign-born", "Родившиеся за рубежом"],
    ["_U", "Unknown", "Неизвестно"],
  ],
  citstatus: [
    ["_T", "Total", "Всего"],
    ["CIT", "Citizens", "Граждане страны"],
    ["FOR", "Foreign citizens", "Иностранные граждане"],
    ["STL", "Stateless persons", "Лица без гражданства"],
    ["_U", "Unknown", "Неизвестно"],
  ],
  prevstatus: [
    ["_T", "Total", "Всего"],
    ["FOR", "Former foreign citizens", "Бывшие иностранные граждане"],
    ["STL", "Former stateless persons", "Бывшие лица без гражданства"],
    ["_U", "Unknown", "Неизвестно"],
  ],
};

const PARTNER_LABELS: Record<string, readonly [string, string]> = {
  cob: ["Country of birth", "Страна рождения"],
  citizenship: ["Country of citizenship", "Страна гражданства"],
  prevres: ["Country of previous residence", "Страна предыдущего проживания"],
  nextres: ["Country of next residence", "Страна последующего проживания"],
  prevcit: ["Country of previous citizenship", "Страна предыдущего гражданства"],
};

describe("the 12 standard tables", () => {
  it("are declared with the ids, numbers, kinds, own dimensions and titles of TABLES.md, in its order", () => {
    expect(TABLE_IDS).toEqual(EXPECTED.map((e) => e[0]));
    for (const [id, number, kind, own, en, ru] of EXPECTED) {
      const t = tableDecl(id);
      expect(t).toMatchObject({ id, number, kind, title: { en, ru }, decimals: 0 });
      expect(t.units).toEqual({ en: "persons", ru: "человек" });
      expect(t.own.map((d) => d.code)).toEqual([own]);
      expect(tableIdOfNumber(number)).toBe(id);
    }
    expect(isTableId("T1_1")).toBe(true);
    expect(isTableId("T8")).toBe(false);
  });

  it("declare the breakdown dimensions with their codes and labels, total first", () => {
    for (const t of TABLES) {
      const own = t.own[0];
      if (!own) throw new Error("no own dimension");
      if (own.type === "breakdown") {
        expect(own.categories.map((c) => [c.code, c.label.en, c.label.ru])).toEqual(BREAKDOWNS[own.code]);
      } else {
        expect([own.label.en, own.label.ru]).toEqual(PARTNER_LABELS[own.code]);
      }
    }
  });

  it("declare sex and 20 age categories: _T first, 18 five-year groups, 85 and over, _U last", () => {
    expect(SEX_DIMENSION.categories.map((c) => [c.code, c.label.en, c.label.ru])).toEqual([
      ["_T", "Total", "Всего"],
      ["M", "Men", "Мужчины"],
      ["F", "Women", "Женщины"],
    ]);
    const codes = AGE_DIMENSION.categories.map((c) => c.code);
    expect(codes).toHaveLength(20);
    expect(AGE_GROUPS).toHaveLength(18);
    expect(codes[0]).toBe("_T");
    expect(codes.at(-1)).toBe("_U");
    expect(codes.slice(1, 4)).toEqual(["Y0T4", "Y5T9", "Y10T14"]);
    expect(codes.slice(17, 19)).toEqual(["Y80T84", "Y_GE85"]);
    expect(AGE_DIMENSION.categories[1]?.label).toEqual({ en: "0–4", ru: "0–4" });
    expect(AGE_DIMENSION.categories[17]?.label).toEqual({ en: "80–84", ru: "80–84" });
    expect(AGE_DIMENSION.categories[18]?.label).toEqual({ en: "85 and over", ru: "85 и старше" });
    expect(AGE_DIMENSION.categories[19]?.label).toEqual({ en: "Unknown", ru: "Неизвестно" });
    expect(AGE_DIMENSION.label).toEqual({ en: "Age group", ru: "Возрастная группа" });
  });

  it("each belong to exactly one chapter of the table tree", () => {
    const listed = CHAPTERS.flatMap((c) => c.tables);
    expect([...listed].sort()).toEqual([...TABLE_IDS].sort());
    for (const c of CHAPTERS) for (const id of c.tables) expect(tableDecl(id).chapter).toBe(c.id);
    expect(CHAPTERS.map((c) => c.label.en)).toEqual([
      "Population by place of birth",
      "Population by citizenship",
      "Immigration",
      "Emigration",
      "Acquisition of citizenship",
    ]);
  });
});

describe("emptyCube", () => {
  it("builds the dimensions in the order reporter, year, own, sex, age, contents with every cell not available", () => {
    const ds = emptyCube("T1_2", { years: [2021, 2020] });
    const codes = ["reporter", "year", "cob", "sex", "age", "ContentsCode"];
    expect(ds.dimensions.map((d) => d.code)).toEqual(codes);
    expect(dimensionCodes("T1_2")).toEqual(codes);
    expect(ds.dimensions.map((d) => d.categories.length)).toEqual([10, 2, 252, 3, 20, 1]);
    expect(ds.values).toHaveLength(10 * 2 * 252 * 3 * 20);
    expect(datasetProblems(ds)).toEqual([]);
    expect(ds.status.every((s) => s === Status.notAvailable)).toBe(true);
    expect(ds.values.every((v) => Number.isNaN(v))).toBe(true);
    const [reporter, year, cob, sex, age] = ds.dimensions;
    expect(reporter).toMatchObject({
      role: "geo",
      label: { en: "Reporting country", ru: "Страна, представившая данные" },
    });
    expect(reporter?.elimination).toBeUndefined();
    expect(reporter?.categories[0]).toEqual({ code: "ARM", label: { en: "Armenia", ru: "Армения" } });
    expect(year).toMatchObject({ role: "time", timeUnit: "A1" });
    expect(year?.categories.map((c) => c.code)).toEqual(["2020", "2021"]);
    for (const d of [cob, sex, age]) {
      expect(d?.elimination).toEqual({ code: "_T" });
      expect(d?.categories[0]?.code).toBe("_T");
    }
    expect(cob?.categories.at(-2)?.code).toBe("_O");
    expect(ds).toMatchObject({ id: "T1_2", languages: ["en", "ru"], decimals: 0, units: { en: "persons" } });
    expect(ds.title.ru).toBe("Население, родившееся за рубежом, по стране рождения");
    expect(ds.dimensions[5]).toEqual({
      code: "ContentsCode",
      label: { en: "Contents", ru: "Показатель" },
      role: "metric",
      categories: [
        {
          code: "FBPOP",
          label: { en: "Foreign-born population", ru: "Население, родившееся за рубежом" },
          content: {
            units: { en: "persons", ru: "человек" },
            refPeriod: { en: "1 January", ru: "На 1 января" },
            measuringType: "stock",
          },
        },
      ],
    });
  });

  it("gives every table one contents value, counted in persons, at 1 January for stocks and over the year for flows", () => {
    for (const decl of TABLES) {
      const [contents] = emptyCube(decl.id, { years: [2020], partners: [] }).dimensions.slice(-1);
      expect(contents?.categories).toHaveLength(1);
      expect(contents?.categories[0]?.content).toEqual({
        units: { en: "persons", ru: "человек" },
        refPeriod: decl.kind === "stock" ? { en: "1 January", ru: "На 1 января" } : FLOW_REFPERIOD,
        measuringType: decl.kind,
      });
    }
    const un = emptyCube("T1_1", { years: [2020], refPeriod: { en: "1 July", ru: "На 1 июля" } });
    expect(un.dimensions[5]?.categories[0]?.content?.refPeriod).toEqual({ en: "1 July", ru: "На 1 июля" });
  });

  it("takes the caller's reporters, partner countries and languages", () => {
    const ds = emptyCube("T2_1", {
      reporters: ["UKR", { code: "XXA", label: { en: "Test land", ru: "Тестовая страна" } }],
      years: ["2020"],
      languages: ["ru"],
    });
    expect(ds.languages).toEqual(["ru"]);
    expect(ds.dimensions[0]?.categories).toEqual([
      { code: "UKR", label: { ru: "Украина" } },
      { code: "XXA", label: { ru: "Тестовая страна" } },
    ]);
    expect(ds.dimensions[2]?.categories.map((c) => c.code)).toEqual(["_T", "CIT", "FOR", "STL", "_U"]);
    expect(ds.title).toEqual({ ru: "Население по статусу гражданства" });
    const few = emptyCube("T3", { reporters: ["RUS"], years: [2020], partners: ["UKR", "ARM"] });
    expect(few.dimensions[2]?.categories.map((c) => c.code)).toEqual(["_T", "ARM", "UKR", "_O", "_U"]);
  });

  it("refuses what cannot make a cube", () => {
    expect(() => emptyCube("T1_1", { years: [] })).toThrow(/no years/);
    expect(() => emptyCube("T1_1", { years: [2020, "2020"] })).toThrow(/twice/);
    expect(() => emptyCube("T1_1", { years: [20] })).toThrow(/four digits/);
    expect(() => emptyCube("T1_1", { years: [2020], reporters: ["ZZZ"] })).toThrow(/ZZZ/);
    expect(() => emptyCube("T1_1", { years: [2020], reporters: ["ARM", "ARM"] })).toThrow(/twice/);
    expect(() => emptyCube("T1_1", { years: [2020], languages: ["de" as "en"] })).toThrow(/language/);
    expect(() => emptyCube("T3", { years: [2020], partners: ["SUN"] })).toThrow(/SUN/);
    expect(() => emptyCube("T9" as "T3", { years: [2020] })).toThrow(/T9/);
  });
});
