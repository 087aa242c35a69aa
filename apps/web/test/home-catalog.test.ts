import { describe, expect, it } from "vitest";
import { chaptersOf, countryNames, latestUpdates, periodOf, tableNumber, tablesByOrigin } from "../src/home/catalog.ts";
import { originSentences } from "../src/home/DataOrigins.tsx";
import type { DataOrigin, ListedTable } from "../src/lib/api.ts";
import { createI18n } from "../src/lib/i18n.ts";
import type { TableMeta } from "../src/table/meta.ts";

const db = { id: "migration", label: "Migration statistics" };
const table = (id: string, chapter: string | undefined, updated: string, more: Partial<ListedTable> = {}) =>
  ({
    id,
    label: `Table ${id}`,
    description: "",
    updated,
    variableNames: [],
    paths: chapter === undefined ? [] : [[db, { id: chapter, label: chapter.toUpperCase() }]],
    ...more,
  }) satisfies ListedTable;

describe("the start page's table list", () => {
  const tables = [
    table("T1_1", "birthplace", "2026-11-25T18:51:02Z"),
    table("T1_2", "birthplace", "2026-11-20T00:00:00Z", { illustrative: true }),
    table("T3", "immigration", "2026-11-26T00:00:00Z"),
    table("X", undefined, "2026-11-01T00:00:00Z"),
    table("T5_1", "immigration", "2026-11-25T18:51:02Z"),
  ];

  it("groups the tables by the folder that holds them, in the list's order", () => {
    expect(chaptersOf(tables).map((c) => [c.id, c.label, c.tables.map((t) => t.id)])).toEqual([
      ["birthplace", "BIRTHPLACE", ["T1_1", "T1_2"]],
      ["immigration", "IMMIGRATION", ["T3", "T5_1"]],
      ["", "", ["X"]],
    ]);
    expect(chaptersOf([])).toEqual([]);
  });

  it("lists the most recently updated tables first, ties in the list's order", () => {
    expect(latestUpdates(tables, 3).map((t) => t.id)).toEqual(["T3", "T1_1", "T5_1"]);
    expect(latestUpdates(tables, 10).map((t) => t.id)).toEqual(["T3", "T1_1", "T5_1", "T1_2", "X"]);
    expect(latestUpdates([table("A", "c", ""), table("B", "c", "2020-01-01")], 5).map((t) => t.id)).toEqual(["B"]);
  });

  it("writes a table's period as a range, one year, or nothing", () => {
    expect(periodOf({ firstPeriod: "2015", lastPeriod: "2024" })).toBe("2015–2024");
    expect(periodOf({ firstPeriod: "2020", lastPeriod: "2020" })).toBe("2020");
    expect(periodOf({ lastPeriod: "2020" })).toBe("2020");
    expect(periodOf({})).toBe("");
  });
});

describe("the participating countries", () => {
  const variable = (code: string, role: TableMeta["variables"][number]["role"], labels: [string, string][]) => ({
    code,
    label: code,
    role,
    elimination: false,
    values: labels.map(([c, label]) => ({ code: c, label, notes: [] })),
    codelists: [],
    notes: [],
  });

  it("are the values of the reporter variable, without totals, in the reader's alphabetical order", () => {
    const meta = {
      variables: [
        variable("year", "time", [["2020", "2020"]]),
        variable("reporter", "other", [
          ["UKR", "Украина"],
          ["ARM", "Армения"],
          ["_T", "Всего"],
          ["AZE", "Азербайджан"],
        ]),
      ],
    };
    expect(countryNames(meta, "ru")).toEqual(["Азербайджан", "Армения", "Украина"]);
  });

  it("fall back to the geographic variable, and are none when a table has neither", () => {
    const geo = {
      variables: [
        variable("country", "geo", [
          ["GEO", "Georgia"],
          ["ARM", "Armenia"],
        ]),
      ],
    };
    expect(countryNames(geo, "en")).toEqual(["Armenia", "Georgia"]);
    expect(countryNames({ variables: [variable("sex", "other", [["M", "Men"]])] }, "en")).toEqual([]);
  });
});

describe("where the figures come from (the home page's introduction and the footer)", () => {
  const listed = (id: string, dataOrigin?: DataOrigin, illustrative?: boolean) =>
    ({ id, dataOrigin, ...(illustrative ? { illustrative } : {}) }) as unknown as ListedTable;

  it("numbers the standard tables as readers know them", () => {
    expect(["T1_1", "T3", "T7_2", "IND", "T1_x"].map(tableNumber)).toEqual(["1.1", "3", "7.2", "IND", "T1_x"]);
  });

  it("groups the tables by the origin the server gives, an untyped one by its illustrative mark", () => {
    const tables = [listed("T1_1", "un-estimates"), listed("T2_1", "illustrative"), listed("T3", undefined, true)];
    expect(tablesByOrigin([...tables, listed("T4")])).toEqual({
      "un-estimates": ["1.1"],
      illustrative: ["2.1", "3"],
      national: ["4"],
    });
  });

  it("says in both languages which tables are UN estimates, illustrative or national, and when none are national", () => {
    const tables = [listed("T1_1", "un-estimates"), listed("T1_2", "un-estimates"), listed("T3", "illustrative")];
    expect(originSentences(tables, "en", createI18n("en").t)).toEqual([
      "Tables 1.1 and 1.2 hold UN estimates (UN DESA, International Migrant Stock).",
      "Table 3 holds illustrative figures, invented to demonstrate the clearinghouse: they are not official statistics.",
      "No table holds national submissions yet.",
    ]);
    const ru = originSentences([...tables, listed("T4", "national")], "ru", createI18n("ru").t);
    expect(ru).toEqual([
      "Таблицы 1.1 и 1.2 содержат оценки ООН (ДЭСВ ООН, International Migrant Stock).",
      "Таблица 3 содержит иллюстративные данные, вымышленные для демонстрации информационного центра: это не официальная статистика.",
      "Таблица 4 содержит данные, представленные национальными статистическими службами.",
    ]);
    expect(originSentences([], "en", createI18n("en").t)).toEqual([]);
  });
});
