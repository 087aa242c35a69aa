import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TableMeta, ValueMeta, VariableMeta } from "../src/table/meta.ts";
import { messages } from "../src/table/selection/messages.ts";
import { latestValues } from "../src/table/selection/periods.ts";
import {
  applyValueSet,
  cellCount,
  filterValues,
  isFixed,
  missingVariables,
  resolveSelection,
  searchIndex,
  searchText,
  selectedRange,
  selectionItems,
  selectionPreview,
  setValues,
  timeRange,
  toggleValue,
} from "../src/table/selection/selection.ts";

const value = (code: string, label = code): ValueMeta => ({ code, label, notes: [] });

const variable = (code: string, codes: readonly string[], more: Partial<VariableMeta> = {}): VariableMeta => ({
  code,
  label: code,
  role: "other",
  elimination: false,
  values: codes.map((c) => value(c)),
  codelists: [],
  notes: [],
  ...more,
});

const meta = (variables: VariableMeta[]): TableMeta => ({
  id: "T",
  label: "T",
  source: "",
  updated: "",
  units: "",
  decimals: 0,
  languages: ["en"],
  notes: [],
  variables,
  heading: [],
  stub: [],
  illustrative: false,
});

const countries: ValueMeta[] = [
  value("_T", "Total"),
  value("ARM", "Armenia"),
  value("CIV", "Côte d’Ivoire"),
  value("KAZ", "Kazakhstan"),
  value("RUS", "Russian Federation"),
  value("UZB", "Uzbekistan"),
];
const years = ["2015", "2016", "2017", "2018", "2019", "2020", "2021"].map((y) => value(y));
const codesOf = (values: readonly ValueMeta[]) => values.map((v) => v.code);

/** Codes of `values` in a random order, some repeated, some the variable does not have. */
const someCodes = (values: readonly ValueMeta[]) =>
  fc.array(fc.oneof(fc.constantFrom(...codesOf(values)), fc.string({ maxLength: 4 })), { maxLength: 20 });

/** Whether `codes` are codes of `values`, each once, in table order. */
function inTableOrder(values: readonly ValueMeta[], codes: readonly string[]): boolean {
  const position = new Map(values.map((v, i) => [v.code, i]));
  let previous = -1;
  for (const code of codes) {
    const at = position.get(code);
    if (at === undefined || at <= previous) return false;
    previous = at;
  }
  return true;
}

describe("a fixed variable (one value, must be selected: the contents variable of a standard table)", () => {
  const contents = variable("ContentsCode", ["IMM"], { role: "metric" });
  const table = meta([variable("year", ["2019", "2020"], { role: "time" }), contents]);

  it("is recognised by its one value and its not being eliminable", () => {
    expect(isFixed(contents)).toBe(true);
    expect(isFixed({ ...contents, elimination: true })).toBe(false);
    expect(isFixed(variable("ContentsCode", ["IMM", "EMI"], { role: "metric" }))).toBe(false);
  });

  it("always has its value selected, whatever the URL or the default selection say", () => {
    const defaults = { selection: [{ variableCode: "year", valueCodes: ["2020"] }] };
    const urls: Record<string, string[]>[] = [{}, { ContentsCode: [] }, { ContentsCode: ["EMI"] }];
    for (const fromUrl of urls) {
      const selection = resolveSelection(table, defaults, fromUrl);
      expect(selection).toEqual({ year: ["2020"], ContentsCode: ["IMM"] });
      expect(missingVariables(table, selection)).toEqual([]);
      expect(selectionItems(table, selection)).toContainEqual({ variableCode: "ContentsCode", valueCodes: ["IMM"] });
    }
  });
});

describe("resolveSelection, cellCount, missingVariables, selectionItems", () => {
  const table = meta([
    variable("reporter", ["ARM", "KAZ", "RUS"]),
    variable("year", ["2019", "2020"], { role: "time" }),
    variable("sex", ["_T", "M", "F"], { elimination: true, eliminationValueCode: "_T" }),
  ]);
  const defaults = { selection: [{ variableCode: "year", valueCodes: ["*"] }] };

  it("takes the URL, then the default selection, and keeps table order", () => {
    const selection = resolveSelection(table, defaults, { reporter: ["RUS", "XXX", "ARM"] });
    expect(selection).toEqual({ reporter: ["ARM", "RUS"], year: ["2019", "2020"], sex: [] });
    expect(cellCount(table, selection)).toBe(4);
    expect(missingVariables(table, selection)).toEqual([]);
    expect(selectionItems(table, selection).map((i) => i.variableCode)).toEqual(["reporter", "year"]);
  });

  it("counts no cells and names the variable when a mandatory one has nothing", () => {
    const selection = resolveSelection(table, defaults, { reporter: [], sex: ["M"] });
    expect(cellCount(table, selection)).toBe(0);
    expect(missingVariables(table, selection)).toEqual(["reporter"]);
  });
});

describe("toggleValue, setValues, applyValueSet", () => {
  it("toggle adds a value in its table place and removes it again", () => {
    expect(toggleValue(countries, ["RUS", "ARM"], "KAZ")).toEqual(["ARM", "KAZ", "RUS"]);
    expect(toggleValue(countries, ["ARM", "KAZ", "RUS"], "KAZ")).toEqual(["ARM", "RUS"]);
  });

  it("select all / none of a search keeps the rest of the selection", () => {
    expect(setValues(countries, ["RUS"], ["UZB", "ARM"], true)).toEqual(["ARM", "RUS", "UZB"]);
    expect(setValues(countries, ["ARM", "RUS", "UZB"], ["UZB", "ARM"], false)).toEqual(["RUS"]);
  });

  it("a value set selects exactly its codes the variable has", () => {
    expect(applyValueSet(countries, ["UZB", "TKM", "KAZ", "KGZ"])).toEqual(["KAZ", "UZB"]);
    expect(applyValueSet(countries, ["GBR"])).toEqual([]);
  });

  it("always give the variable's own codes, once each, in table order", () => {
    fc.assert(
      fc.property(
        someCodes(countries),
        someCodes(countries),
        fc.string({ maxLength: 4 }),
        fc.boolean(),
        (a, b, c, on) => {
          const selected = applyValueSet(countries, a);
          for (const result of [
            selected,
            toggleValue(countries, selected, c),
            toggleValue(countries, selected, countries[a.length % countries.length]?.code ?? ""),
            setValues(countries, selected, b, on),
          ]) {
            expect(inTableOrder(countries, result)).toBe(true);
          }
        },
      ),
    );
  });

  it("toggling twice gives the selection back; selecting then deselecting codes removes exactly them", () => {
    fc.assert(
      fc.property(someCodes(countries), fc.constantFrom(...codesOf(countries)), someCodes(countries), (a, code, b) => {
        const selected = applyValueSet(countries, a);
        expect(toggleValue(countries, toggleValue(countries, selected, code), code)).toEqual(selected);
        const removed = setValues(countries, setValues(countries, selected, b, true), b, false);
        expect(removed).toEqual(selected.filter((s) => !b.includes(s)));
      }),
    );
  });
});

describe("time", () => {
  it("a range includes both ends, in table order, whichever end comes first", () => {
    expect(timeRange(years, "2017", "2019")).toEqual(["2017", "2018", "2019"]);
    expect(timeRange(years, "2019", "2017")).toEqual(["2017", "2018", "2019"]);
    expect(timeRange(years, "2020", "2020")).toEqual(["2020"]);
    expect(timeRange(years, "2014", "2020")).toEqual([]);
  });

  it("the latest periods are the greatest codes, whatever the table's order", () => {
    expect(latestValues(years, 1)).toEqual(["2021"]);
    expect(latestValues(years, 3)).toEqual(["2019", "2020", "2021"]);
    expect(latestValues(years, 50)).toEqual(codesOf(years));
    expect(latestValues(years, 0)).toEqual([]);
    const descending = [...years].reverse();
    expect(latestValues(descending, 2)).toEqual(["2021", "2020"]);
    const quarters = ["2020Q3", "2020Q4", "2021Q1", "2021Q2"].map((q) => value(q));
    expect(latestValues(quarters, 3)).toEqual(["2020Q4", "2021Q1", "2021Q2"]);
  });

  it("the range picker shows the first and last selected period", () => {
    expect(selectedRange(years, ["2020", "2016", "2018"])).toEqual({ from: "2016", to: "2020" });
    expect(selectedRange(years, [])).toBeUndefined();
  });

  it("a range read back by the picker gives the same ends; every result is in table order", () => {
    fc.assert(
      fc.property(fc.constantFrom(...codesOf(years)), fc.constantFrom(...codesOf(years)), fc.nat(10), (a, b, n) => {
        const range = timeRange(years, a, b);
        expect(inTableOrder(years, range)).toBe(true);
        expect(range.length).toBe(Math.abs(codesOf(years).indexOf(a) - codesOf(years).indexOf(b)) + 1);
        const back = selectedRange(years, range);
        expect(back && timeRange(years, back.from, back.to)).toEqual(range);
        const latest = latestValues(years, n);
        expect(latest).toEqual(codesOf(years).slice(years.length - Math.min(n, years.length)));
      }),
    );
  });
});

describe("search", () => {
  const index = searchIndex(countries);
  const find = (query: string) => codesOf(filterValues(countries, index, query));

  it("finds by label or code, ignoring case and accents", () => {
    expect(find("arm")).toEqual(["ARM"]);
    expect(find("KAZAKH")).toEqual(["KAZ"]);
    expect(find("uzb")).toEqual(["UZB"]);
    expect(find("cote")).toEqual(["CIV"]);
    expect(find("ivoire côte")).toEqual(["CIV"]);
    expect(find("stan")).toEqual(["KAZ", "UZB"]);
    expect(find("  ")).toEqual(codesOf(countries));
    expect(find("zzz")).toEqual([]);
  });

  it("finds Russian labels, reading ё as е but keeping й", () => {
    const ru = [value("RUS", "Российская Федерация"), value("SWE", "Швеция"), value("FRA", "Французская Республика")];
    const ruIndex = searchIndex(ru);
    const findRu = (query: string) => codesOf(filterValues(ru, ruIndex, query));
    expect(findRu("РОССИЙ")).toEqual(["RUS"]);
    expect(findRu("федерация rus")).toEqual(["RUS"]);
    expect(findRu("швец")).toEqual(["SWE"]);
    expect(findRu("ская")).toEqual(["RUS", "FRA"]);
    expect(searchText("Ёлки")).toBe("елки");
    expect(searchText("Йемен")).toBe("йемен");
  });

  it("gives a subset in table order that holds every value whose label holds the query", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), (query) => {
        const found = filterValues(countries, index, query);
        expect(inTableOrder(countries, codesOf(found))).toBe(true);
        const q = query.trim().toLowerCase();
        if (!/\s/.test(q)) {
          for (const v of countries) {
            if (v.label.toLowerCase().includes(q)) expect(found).toContain(v);
          }
        }
      }),
    );
  });
});

describe("selectionPreview", () => {
  it("names the first selected values in table order and counts the rest", () => {
    expect(selectionPreview(countries, ["UZB", "ARM", "KAZ", "RUS"], 2)).toEqual({
      labels: ["Armenia", "Kazakhstan"],
      more: 2,
    });
    expect(selectionPreview(countries, ["ARM"], 3)).toEqual({ labels: ["Armenia"], more: 0 });
  });
});

describe("messages", () => {
  const keys = (tree: object): string[] => Object.keys((tree as { selection: object }).selection).sort();
  const base = (key: string) => key.replace(/_(one|few|many|other)$/, "");

  it("have the same messages in both languages, with the plural forms each needs", () => {
    expect([...new Set(keys(messages.en).map(base))]).toEqual([...new Set(keys(messages.ru).map(base))]);
    const ru = keys(messages.ru);
    const en = keys(messages.en);
    for (const key of ru.filter((k) => k.endsWith("_one")).map(base)) {
      for (const form of ["one", "few", "many", "other"]) expect(ru).toContain(`${key}_${form}`);
      for (const form of ["one", "other"]) expect(en).toContain(`${key}_${form}`);
    }
  });
});
