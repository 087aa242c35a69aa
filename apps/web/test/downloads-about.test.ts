import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CountryMetadata } from "../src/lib/api.ts";
import type { MessageTree } from "../src/lib/i18n.ts";
import { countryNotesFor, mandatoryNotes, splitNotes, variableNotes, yearsOf } from "../src/table/downloads/about.ts";
import { DOWNLOADS, NAMINGS } from "../src/table/downloads/links.ts";
import { messages } from "../src/table/downloads/messages.ts";
import { type TableMeta, tableMetaOf } from "../src/table/meta.ts";

const HOSTILE = "<img src=x onerror=alert(1)> & =SUM(A1)";

const meta: TableMeta = tableMetaOf({
  version: "2.0",
  class: "dataset",
  label: "Test",
  id: ["reporter", "sex"],
  size: [2, 2],
  note: ["Read me first", "By the way"],
  extension: { id: "T", noteMandatory: { "0": true } },
  dimension: {
    reporter: {
      label: "Country",
      note: [HOSTILE],
      extension: { noteMandatory: { "0": true } },
      category: { index: ["ARM", "GEO"], label: { ARM: "Armenia", GEO: "Georgia" } },
    },
    sex: {
      label: "Sex",
      category: {
        index: ["M", "F"],
        label: { M: "Men", F: "Women" },
        note: { F: ["Women note", "Must"] },
      },
      extension: { categoryNoteMandatory: { F: { "1": true } } },
    },
  },
});

describe("about this table", () => {
  it("keeps the mandatory notes apart", () => {
    expect(splitNotes(meta.notes)).toEqual({ mandatory: ["Read me first"], other: ["By the way"] });
  });

  it("lists the variables with notes, and only the values that have some", () => {
    const notes = variableNotes(meta);
    expect(notes.map((v) => v.code)).toEqual(["reporter", "sex"]);
    expect(notes[0]?.notes).toEqual([{ text: HOSTILE, mandatory: true }]);
    expect(notes[1]?.values.map((v) => v.code)).toEqual(["F"]);
  });

  it("gathers every mandatory note, saying what it is about", () => {
    expect(mandatoryNotes(meta)).toEqual([
      { text: "Read me first" },
      { about: "Country", text: HOSTILE },
      { about: "Sex: Women", text: "Must" },
    ]);
  });

  const entry = (reporter: string, fromYear: number | null, toYear: number | null): CountryMetadata => ({
    reporter,
    reporterName: reporter,
    table: "T2_1",
    fromYear,
    toYear,
    source: "s",
    definition: "d",
    coverage: "c",
    breaks: null,
    deviations: null,
    statelessInCitizenshipTable: false,
    updated: "2026-01-01T00:00:00Z",
  });

  it("shows the selected countries' notes in the order selected, each country's periods oldest first", () => {
    const entries = [entry("ARM", null, null), entry("GEO", 2015, null), entry("GEO", null, 2014), entry("KAZ", 1, 2)];
    const shown = countryNotesFor(entries, ["GEO", "ARM"]).map((e) => `${e.reporter}:${e.fromYear}`);
    expect(shown).toEqual(["GEO:null", "GEO:2015", "ARM:null"]);
    expect(countryNotesFor(entries, []).map((e) => e.reporter)).toEqual(["ARM", "GEO", "GEO", "KAZ"]);
    expect(countryNotesFor(entries, ["UKR"])).toEqual([]);
  });

  it("names the years an entry covers", () => {
    expect(yearsOf({ fromYear: null, toYear: null })).toEqual({ key: "all" });
    expect(yearsOf({ fromYear: 2015, toYear: null })).toEqual({ key: "from", from: 2015 });
    expect(yearsOf({ fromYear: null, toYear: 2014 })).toEqual({ key: "to", to: 2014 });
    expect(yearsOf({ fromYear: 2010, toYear: 2014 })).toEqual({ key: "between", from: 2010, to: 2014 });
  });
});

/** Every key of a message tree, plural suffixes folded into the key they belong to. */
function keys(tree: MessageTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === "string"
      ? [`${prefix}${name.replace(/_(one|few|many|other)$/, "")}`]
      : keys(value, `${prefix}${name}.`),
  );
}

function lookup(tree: MessageTree, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe("the downloads part's messages", () => {
  it("has the same keys in English and Russian, with Russian plural forms", () => {
    expect(new Set(keys(messages.ru))).toEqual(new Set(keys(messages.en)));
    const ru = messages.ru.downloads.about as MessageTree;
    for (const form of ["one", "few", "many", "other"]) expect(ru[`countries_${form}`]).toBeTypeOf("string");
  });

  it("has every message the components ask for", () => {
    const source = ["TableTools.tsx", "AboutTable.tsx"]
      .map((f) => readFileSync(new URL(`../src/table/downloads/${f}`, import.meta.url), "utf8"))
      .join("\n");
    const asked = [...source.matchAll(/t\("(downloads\.[\w.]+)"/g)].map((m) => m[1] as string);
    asked.push(
      ...DOWNLOADS.flatMap((d) => [`downloads.formats.${d.key}`, `downloads.hints.${d.key}`]),
      ...NAMINGS.map((n) => `downloads.menu.namings.${n}`),
      ...["all", "from", "to", "between"].map((y) => `downloads.about.years.${y}`),
      ...["source", "definition", "coverage", "breaks", "deviations"].map((f) => `downloads.about.fields.${f}`),
    );
    expect(asked.length).toBeGreaterThan(20);
    const known = new Set(keys(messages.en));
    for (const key of asked) expect(known, key).toContain(key);
    for (const lang of ["en", "ru"] as const) {
      for (const key of asked.filter((k) => k !== "downloads.about.countries")) {
        expect(lookup(messages[lang], key), `${lang} ${key}`).toBeTypeOf("string");
      }
    }
  });
});
