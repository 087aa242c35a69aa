import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TableMeta, ValueMeta, VariableMeta } from "../src/table/meta.ts";
import { relatedTables, sharedSelection } from "../src/table/related.ts";
import {
  endsAtLatest,
  expandPeriodRule,
  periodExpression,
  periodRuleOf,
  ruleForSaving,
} from "../src/table/selection/periods.ts";
import { byLabel, requestedSelection, resolveSelection } from "../src/table/selection/selection.ts";
import { formatViewState, parseViewState } from "../src/table/state.ts";

const value = (code: string, label = code): ValueMeta => ({ code, label, notes: [] });
const years = ["2018", "2019", "2020", "2021", "2022", "2023", "2024"].map((y) => value(y));
const variable = (code: string, values: ValueMeta[], more: Partial<VariableMeta> = {}): VariableMeta => ({
  code,
  label: code,
  role: "other",
  elimination: false,
  values,
  codelists: [],
  notes: [],
  ...more,
});
const meta = (variables: VariableMeta[]): TableMeta => ({
  id: "T3",
  label: "T3",
  source: "",
  updated: "",
  units: "",
  decimals: 0,
  languages: ["en", "ru"],
  notes: [],
  variables,
  heading: [],
  stub: [],
  illustrative: false,
});
const reporters = [value("ARM", "Армения"), value("AZE", "Азербайджан"), value("GEO", "Грузия")];
const table = (yearValues: ValueMeta[]) =>
  meta([variable("reporter", reporters, { role: "geo" }), variable("year", yearValues, { role: "time" })]);

describe("rolling periods", () => {
  it("reads top(n) and from(x), and nothing else, as a rule", () => {
    expect(periodRuleOf(["top(5)"])).toEqual({ kind: "top", n: 5 });
    expect(periodRuleOf(["TOP( 1 )"])).toEqual({ kind: "top", n: 1 });
    expect(periodRuleOf(["from(2020)"])).toEqual({ kind: "from", from: "2020" });
    expect(periodRuleOf(["top(0)"])).toBeUndefined();
    expect(periodRuleOf(["top(5)", "2020"])).toBeUndefined();
    expect(periodRuleOf(["2020"])).toBeUndefined();
    expect(periodRuleOf(undefined)).toBeUndefined();
  });

  it("a rule's expression reads back as the rule", () => {
    const rules = fc.oneof(
      fc.integer({ min: 1, max: 999 }).map((n) => ({ kind: "top" as const, n })),
      fc.constantFrom(...years.map((y) => y.code)).map((from) => ({ kind: "from" as const, from })),
    );
    fc.assert(
      fc.property(rules, (rule) => {
        expect(periodRuleOf([periodExpression(rule)])).toEqual(rule);
      }),
    );
  });

  it("a bookmark of the latest 5 years rolls forward when a year is released", () => {
    const url = "?v.reporter=ARM&v.year=top(5)";
    const state = parseViewState(url);
    const before = table(years);
    const after = table([...years, value("2025")]);
    const defaults = { selection: [] };
    expect(resolveSelection(before, defaults, state.selection).year).toEqual(["2020", "2021", "2022", "2023", "2024"]);
    expect(resolveSelection(after, defaults, state.selection).year).toEqual(["2021", "2022", "2023", "2024", "2025"]);
    expect(resolveSelection(after, defaults, parseViewState("?v.year=top(1)").selection).year).toEqual(["2025"]);
    expect(resolveSelection(after, defaults, parseViewState("?v.year=from(2023)").selection).year).toEqual([
      "2023",
      "2024",
      "2025",
    ]);
    // The URL the page writes back keeps the rule, not the years it stands for today.
    const selection = resolveSelection(before, defaults, state.selection);
    expect(formatViewState({ ...state, selection: requestedSelection(before, selection, state.selection) })).toBe(url);
    // A rule on a variable that is not time is not one: its codes are read as codes (and none matches).
    expect(resolveSelection(before, defaults, { reporter: ["top(1)"] }).reporter).toEqual([]);
  });

  it("saves the latest n periods as top(n) or from(first), other selections only as they are", () => {
    expect(ruleForSaving(years, ["2023", "2024"], "top")).toEqual({ kind: "top", n: 2 });
    expect(ruleForSaving(years, ["2024", "2023"], "from")).toEqual({ kind: "from", from: "2023" });
    expect(ruleForSaving(years, ["2023", "2024"], "fixed")).toBeUndefined();
    expect(ruleForSaving(years, ["2022", "2024"], "top")).toBeUndefined();
    expect(ruleForSaving(years, ["2022", "2023"], "top")).toBeUndefined();
    expect(endsAtLatest(years, [])).toBe(false);
    // Whatever the latest n are, saved as top(n) they are what the rule selects.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: years.length }), (n) => {
        const latest = years.slice(years.length - n).map((y) => y.code);
        const rule = ruleForSaving(years, latest, "top");
        expect(rule && expandPeriodRule(years, rule)).toEqual(latest);
      }),
    );
  });
});

describe("labels in the page's language", () => {
  it("orders a value list by its Russian labels: Азербайджан before Армения", () => {
    expect(byLabel(reporters, "ru").map((v) => v.code)).toEqual(["AZE", "ARM", "GEO"]);
    const english = [value("AZE", "Azerbaijan"), value("ARM", "Armenia"), value("GEO", "Georgia")];
    expect(byLabel(english, "en").map((v) => v.code)).toEqual(["ARM", "AZE", "GEO"]);
  });
});

describe("related tables", () => {
  it("pairs the opposite flows and the totals with their breakdown by country, both ways", () => {
    expect(relatedTables("T3")).toEqual([{ id: "T4", relation: "opposite" }]);
    expect(relatedTables("T4")).toEqual([{ id: "T3", relation: "opposite" }]);
    expect(relatedTables("T5_2")).toEqual([{ id: "T6_2", relation: "opposite" }]);
    expect(relatedTables("T6_2")).toEqual([{ id: "T5_2", relation: "opposite" }]);
    expect(relatedTables("T1_1")).toEqual([{ id: "T1_2", relation: "byCountry" }]);
    expect(relatedTables("T2_2")).toEqual([{ id: "T2_1", relation: "byStatus" }]);
    expect(relatedTables("IND")).toEqual([]);
  });

  it("carries the reporting countries and years over, not the table's own variables", () => {
    expect(sharedSelection({ reporter: ["KAZ"], year: ["top(5)"], prevres: ["RUS"] })).toEqual({
      reporter: ["KAZ"],
      year: ["top(5)"],
    });
  });
});
