import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CENTRAL_ASIA,
  CIS,
  countryValueSets,
  EASTERN_PARTNERSHIP,
  EU27,
  PARTICIPATING_GROUP_ID,
  participatingGroup,
  REGIONAL_GROUPS,
  SOUTH_CAUCASUS,
} from "../src/country-groups.ts";
import { countryByCode, DEFAULT_REPORTERS, emptyCube, partnerCodeList, TABLES } from "../src/index.ts";

describe("country groups", () => {
  it("are ISO 3166-1 countries, each listed once, with English and Russian labels", () => {
    for (const group of [...REGIONAL_GROUPS, participatingGroup()]) {
      expect(new Set(group.codes).size).toBe(group.codes.length);
      for (const code of group.codes) expect(countryByCode(code), `${group.id}: ${code}`).toBeDefined();
      expect(group.label.en).not.toBe("");
      expect(group.label.ru).toMatch(/[А-Яа-я]/);
    }
    expect(new Set(REGIONAL_GROUPS.map((g) => g.id)).size).toBe(REGIONAL_GROUPS.length);
  });

  it("have the documented members", () => {
    expect([...CIS.codes].sort()).toEqual(["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"]);
    for (const left of ["TKM", "GEO", "UKR"]) expect(CIS.codes).not.toContain(left);
    expect(EU27.codes).toHaveLength(27);
    expect(EU27.codes).not.toContain("GBR");
    expect([...CENTRAL_ASIA.codes].sort()).toEqual(["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    expect([...SOUTH_CAUCASUS.codes].sort()).toEqual(["ARM", "AZE", "GEO"]);
    expect([...EASTERN_PARTNERSHIP.codes].sort()).toEqual(["ARM", "AZE", "BLR", "GEO", "MDA", "UKR"]);
    expect(participatingGroup().codes).toEqual(DEFAULT_REPORTERS);
    expect(participatingGroup(["RUS"]).codes).toEqual(["RUS"]);
  });
});

describe("countryValueSets", () => {
  const partners = partnerCodeList();

  it("gives a partner dimension every group, the participating countries first, in the dimension's order", () => {
    const sets = countryValueSets("partner", partners, { languages: ["en", "ru"] });
    expect(sets.map((s) => s.id)).toEqual([
      PARTICIPATING_GROUP_ID,
      "CIS",
      "EU27",
      "CENTRAL_ASIA",
      "SOUTH_CAUCASUS",
      "EAP",
    ]);
    const cis = sets.find((s) => s.id === "CIS");
    expect(cis?.label).toEqual(CIS.label);
    const order = new Map(partners.map((c, i) => [c.code, i]));
    for (const set of sets) {
      const positions = set.codes.map((c) => order.get(c) ?? -1);
      expect(positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)))).toBe(true);
    }
    expect(sets[0]?.codes).toHaveLength(DEFAULT_REPORTERS.length);
  });

  it("keeps only the codes a dimension has and leaves out groups it has none of", () => {
    const few = partnerCodeList({ only: ["UZB", "RUS", "FRA"] });
    const sets = countryValueSets("partner", few, { reporters: ["RUS", "ARM"], languages: ["ru"] });
    expect(sets.map((s) => [s.id, s.codes])).toEqual([
      [PARTICIPATING_GROUP_ID, ["RUS"]],
      ["CIS", ["RUS", "UZB"]],
      ["EU27", ["FRA"]],
      ["CENTRAL_ASIA", ["UZB"]],
    ]);
    expect(sets[1]?.label).toEqual({ ru: CIS.label.ru });
  });

  it("offers regional groups on the reporter dimension under their own ids", () => {
    const reporters = DEFAULT_REPORTERS.map((code) => ({ code }));
    const sets = countryValueSets("reporter", reporters, { languages: ["en"] });
    expect(sets.map((s) => s.id)).toEqual([
      "reporters_CIS",
      "reporters_CENTRAL_ASIA",
      "reporters_SOUTH_CAUCASUS",
      "reporters_EAP",
    ]);
    expect(sets.find((s) => s.id === "reporters_CIS")?.codes).toEqual(
      DEFAULT_REPORTERS.filter((c) => c !== "GEO" && c !== "UKR"),
    );
  });

  it("never lists a code the dimension does not have (any dimension, any reporters)", () => {
    const all = partners.map((c) => c.code);
    fc.assert(
      fc.property(fc.subarray(all), fc.subarray(all), (codes, reporters) => {
        const categories = codes.map((code) => ({ code }));
        for (const kind of ["partner", "reporter"] as const) {
          for (const set of countryValueSets(kind, categories, { reporters, languages: ["en", "ru"] })) {
            expect(set.codes.length).toBeGreaterThan(0);
            expect(set.codes.every((c) => codes.includes(c))).toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe("standard tables", () => {
  it("carry the groups on their reporter and partner-country dimensions only", () => {
    for (const table of TABLES) {
      const ds = emptyCube(table.id, { years: [2020] });
      const [reporter, , own, sex, age] = ds.dimensions;
      expect(reporter?.valueSets?.map((s) => s.id)).toContain("reporters_CIS");
      expect(own?.valueSets !== undefined).toBe(table.own[0]?.type === "partner");
      expect(sex?.valueSets).toBeUndefined();
      expect(age?.valueSets).toBeUndefined();
    }
    const t12 = emptyCube("T1_2", { years: [2020], reporters: ["KAZ", "UZB"], partners: ["UZB", "DEU"] });
    expect(t12.dimensions[2]?.valueSets?.find((s) => s.id === PARTICIPATING_GROUP_ID)?.codes).toEqual(["UZB"]);
    expect(t12.dimensions[0]?.valueSets?.map((s) => [s.id, s.codes])).toEqual([
      ["reporters_CIS", ["KAZ", "UZB"]],
      ["reporters_CENTRAL_ASIA", ["KAZ", "UZB"]],
    ]);
  });
});
