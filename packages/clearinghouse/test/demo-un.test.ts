/** The UN DESA figures of the demo: CSV reading, UN names to ISO codes, tables 1.1 and 1.2, their labelling. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, Status } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../src/demo/csv.ts";
import {
  DEFAULT_REPORTERS,
  type DemoTable,
  demoCubes,
  demoTables,
  isIllustrative,
  isoCountryList,
  parseUnOriginDestination,
  parseUnStockTotals,
  UN_DESA_CREDIT,
  UN_DESA_ORIGIN_FILE,
  UN_DESA_TOTALS_FILE,
  UN_NAMES,
  UN_REVISION_FINDING,
  UN_REVISION_NOTE,
  UN_STAND_IN_NOTE,
  unNameToIso3,
  unTable11,
  unTable12,
  validate,
} from "../src/index.ts";
import { get } from "./helpers.ts";

const here = dirname(fileURLToPath(import.meta.url));
const data = join(here, "../../../../shared/corpus/data");
const totalsCsv = readFileSync(join(data, UN_DESA_TOTALS_FILE), "utf8");
const originCsv = readFileSync(join(data, UN_DESA_ORIGIN_FILE), "utf8");

/** The UN names of the participating countries as the origin file spells its destinations. */
const UN_NAME_OF: Readonly<Record<string, string>> = {
  ARM: "Armenia",
  AZE: "Azerbaijan",
  BLR: "Belarus",
  GEO: "Georgia",
  KAZ: "Kazakhstan",
  KGZ: "Kyrgyzstan",
  MDA: "Republic of Moldova",
  RUS: "Russian Federation",
  TJK: "Tajikistan",
  UKR: "Ukraine",
};

// Independent readings of the files for the spot checks (plain string handling, not the parser under test).
function totalsLine(alpha3: string, year: number): { pop: number; fb: number } {
  const line = totalsCsv.split("\n").find((l) => l.startsWith(`${alpha3},`) && l.split(",")[3] === String(year));
  if (!line) throw new Error(`no line ${alpha3} ${year}`);
  const f = line.split(","); // the participating countries' names contain no comma
  return { pop: Math.round(Number(f[5])), fb: Number(f[4]) };
}

function originCell(destination: string, year: number, origin: string): string {
  const lines = originCsv.split("\n");
  const header = (lines[0] ?? "").match(/"[^"]*"|[^,]+/g) ?? [];
  const col = header.findIndex((h) => h.replace(/"/g, "").trim() === origin);
  const line = lines.find((l) => l.startsWith(`${year},${destination},`));
  if (col < 0 || !line) throw new Error(`no cell ${destination} ${year} ${origin}`);
  return line.trim().split(",")[col] ?? "";
}

function originRowSum(destination: string, year: number): number {
  const line = originCsv.split("\n").find((l) => l.startsWith(`${year},${destination},`));
  if (!line) throw new Error(`no row ${destination} ${year}`);
  return line
    .trim()
    .split(",")
    .slice(2)
    .reduce((s, v) => s + (Number.isFinite(Number(v)) && v !== "" ? Number(v) : 0), 0);
}

function codes(ds: Dataset, k: number): string[] {
  return ds.dimensions[k]?.categories.map((c) => c.code) ?? [];
}

describe("CSV reader", () => {
  it("reads quoted fields with commas and doubled quotes, CRLF and a BOM", () => {
    const text = '\uFEFFa,"b, c",d\r\n1,"say ""hi""",\r\n\r\n"x",y,"z\nw"\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b, c", "d"],
      ["1", 'say "hi"', ""],
      ["x", "y", "z\nw"],
    ]);
  });

  it("reads every row of the UN files with the header's width", () => {
    for (const text of [totalsCsv, originCsv]) {
      const rows = parseCsv(text);
      const width = rows[0]?.length;
      expect(rows.length).toBeGreaterThan(1000);
      expect(rows.every((r) => r.length === width)).toBe(true);
    }
  });
});

describe("UN names to ISO 3166-1 alpha-3", () => {
  const parsed = parseUnOriginDestination(originCsv);
  const iso = new Set(isoCountryList().map((c) => c.code));

  it("maps every origin column of the file to an ISO country or deliberately to _O", () => {
    expect(parsed.unmatched).toEqual([]);
    expect(parsed.columns.length).toBe(232);
    for (const c of parsed.columns) {
      if (c.code === "_O") expect(c.deliberate, c.name).toBe(true);
      else expect(iso.has(c.code), `${c.name} → ${c.code}`).toBe(true);
    }
    expect(parsed.columns.filter((c) => c.code === "_O").map((c) => c.name)).toEqual(["Channel Islands"]);
  });

  it("maps no two origin columns to the same country", () => {
    const mapped = parsed.columns.filter((c) => c.code !== "_O").map((c) => c.code);
    expect(new Set(mapped).size).toBe(mapped.length);
  });

  it("maps the tricky names right", () => {
    const expected: Record<string, string | null> = {
      "Bolivia (Plurinational State of)": "BOL",
      "Republic of Moldova": "MDA",
      "Republic of Moldova*": "MDA",
      "Côte d'Ivoire": "CIV",
      "China, Hong Kong SAR": "HKG",
      "China, Macao SAR": "MAC",
      China: "CHN",
      "Channel Islands": null,
      "Channel Islands*": null,
      "Dem. People's Republic of Korea": "PRK",
      "Republic of Korea": "KOR",
      Congo: "COG",
      "Democratic Republic of the Congo": "COD",
      "Iran (Islamic Republic of)": "IRN",
      "Venezuela (Bolivarian Republic of)": "VEN",
      "Viet Nam": "VNM",
      Turkey: "TUR",
      Czechia: "CZE",
      "United Kingdom": "GBR",
      "United States of America": "USA",
      "United States Virgin Islands": "VIR",
      "British Virgin Islands": "VGB",
      "Micronesia (Fed. States of)": "FSM",
      "Holy See": "VAT",
      Réunion: "REU",
      "Russian Federation": "RUS",
      Georgia: "GEO",
      Kyrgyzstan: "KGZ",
      "North Macedonia": "MKD",
      "State of Palestine": "PSE",
      Eswatini: "SWZ",
    };
    for (const [name, code] of Object.entries(expected)) expect(unNameToIso3(name), name).toBe(code);
  });

  it("leaves unknown names and UN regions unmatched", () => {
    expect(unNameToIso3("Atlantis")).toBeUndefined();
    expect(unNameToIso3("South America")).toBeUndefined();
    expect(unNameToIso3("Other South")).toBeNull();
  });

  it("has only ISO codes in its explicit table", () => {
    for (const [name, code] of Object.entries(UN_NAMES)) if (code !== null) expect(iso.has(code), name).toBe(true);
  });

  it("finds every participating country as a destination in every year", () => {
    expect(parsed.years).toEqual([1990, 1995, 2000, 2005, 2010, 2015, 2019]);
    for (const year of parsed.years) {
      const found = parsed.rows.filter((r) => r.year === year).map((r) => r.alpha3);
      for (const r of DEFAULT_REPORTERS) expect(found).toContain(r);
    }
  });
});

describe("table 1.1 from the 2020 revision", () => {
  const ds = unTable11(totalsCsv);

  it("has the participating countries and the file's years", () => {
    expect(codes(ds, 0)).toEqual([...DEFAULT_REPORTERS]);
    expect(codes(ds, 1)).toEqual(["1990", "1995", "2000", "2005", "2010", "2015", "2020"]);
  });

  it("takes _T = pop, FOR = fb, NAT = pop − fb, _U nil, both sexes and all ages only", () => {
    for (const r of DEFAULT_REPORTERS) {
      for (const year of [1990, 2015, 2020]) {
        const { pop, fb } = totalsLine(r, year);
        const at = { reporter: r, year: String(year) };
        expect(get(ds, { ...at, birthplace: "_T" })).toBe(pop);
        expect(get(ds, { ...at, birthplace: "FOR" })).toBe(fb);
        expect(get(ds, { ...at, birthplace: "NAT" })).toBe(pop - fb);
        expect(get(ds, { ...at, birthplace: "_U" })).toBe("-");
        expect(get(ds, { ...at, birthplace: "FOR", sex: "M" })).toBe("..");
        expect(get(ds, { ...at, birthplace: "FOR", age: "Y20T24" })).toBe("..");
      }
    }
  });

  it("has Armenia's 2020 figures of the file", () => {
    const arm = parseUnStockTotals(totalsCsv).find((r) => r.alpha3 === "ARM" && r.year === 2020);
    expect(arm).toMatchObject(totalsLine("ARM", 2020));
    expect(get(ds, { reporter: "ARM", year: "2020", birthplace: "_T" })).toBe(arm?.pop);
  });

  it("is labelled as UN figures of the 2020 revision standing in for the countries' own", () => {
    expect(ds.source?.en).toContain(UN_DESA_CREDIT.en);
    expect(ds.source?.en).toContain("revision 2020");
    expect(ds.source?.en).toContain("CC BY 3.0 IGO");
    expect(ds.source?.ru).toContain(UN_DESA_CREDIT.ru);
    expect(ds.source?.ru).toContain("редакция 2020");
    expect(ds.notes?.[0]).toEqual({ text: UN_STAND_IN_NOTE, mandatory: true });
    expect(ds.notes?.map((n) => n.text)).toContainEqual(UN_REVISION_NOTE);
    expect(isIllustrative(ds)).toBe(false);
  });
});

describe("table 1.2 from the 2019 revision", () => {
  const ds = unTable12(originCsv);
  const partners = codes(ds, 2);

  it("has the file's years and only partners with a figure", () => {
    expect(codes(ds, 1)).toEqual(["1990", "1995", "2000", "2005", "2010", "2015", "2019"]);
    expect(partners[0]).toBe("_T");
    expect(partners.slice(-2)).toEqual(["_O", "_U"]);
    expect(partners.length).toBeLessThan(200);
    for (const c of ["RUS", "UKR", "AZE", "UZB", "DEU", "SYR", "IRN"]) expect(partners).toContain(c);
  });

  it("takes each reporter's row: Armenia 2019 from the Russian Federation and from Syria", () => {
    const at = { reporter: "ARM", year: "2019" };
    expect(get(ds, { ...at, cob: "RUS" })).toBe(Number(originCell("Armenia", 2019, "Russian Federation")));
    expect(get(ds, { ...at, cob: "SYR" })).toBe(Number(originCell("Armenia", 2019, "Syrian Arab Republic")));
    expect(get(ds, { ...at, cob: "IRN" })).toBe(Number(originCell("Armenia", 2019, "Iran (Islamic Republic of)")));
    expect(get(ds, { ...at, cob: "ARM" })).toBe("-");
    expect(get(ds, { ...at, cob: "RUS", sex: "F" })).toBe("..");
  });

  it("has _T = the sum of the row for every reporter and year", () => {
    for (const [r, name] of Object.entries(UN_NAME_OF)) {
      for (const year of [1990, 2005, 2019]) {
        expect(get(ds, { reporter: r, year: String(year) })).toBe(originRowSum(name, year));
      }
    }
  });

  it("is labelled as UN figures of the 2019 revision", () => {
    expect(ds.source?.en).toContain(UN_DESA_CREDIT.en);
    expect(ds.source?.en).toContain("revision 2019");
    expect(ds.source?.ru).toContain("редакция 2019");
    expect(ds.notes?.[0]).toEqual({ text: UN_STAND_IN_NOTE, mandatory: true });
    expect(ds.notes?.map((n) => n.text)).toContainEqual(UN_REVISION_NOTE);
  });

  it("passes its own rules", () => {
    const report = validate({ T1_2: ds });
    expect(report.findings).toEqual([]);
  });
});

describe("the demo with the UN files", () => {
  const both = demoTables({ unDesaTotalsCsv: totalsCsv, unDesaOriginCsv: originCsv });

  it("takes 1.1 and 1.2 from the UN files and the rest illustrative", () => {
    expect(both.map((t) => [t.tableId, t.illustrative])).toEqual([
      ["T1_1", false],
      ["T1_2", false],
      ...["T2_1", "T2_2", "T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"].map((id) => [id, true]),
    ]);
    for (const t of both) expect(isIllustrative(t.dataset)).toBe(t.illustrative);
  });

  it("reports only the documented difference of the two UN revisions, in their common years", () => {
    const unexplained = validate(demoCubes(both));
    expect(Object.keys(unexplained.byRule)).toEqual([UN_REVISION_FINDING.rule]);
    expect(unexplained.errors).toBeGreaterThan(0);
    // Explained, as SOURCES.md asks: the same findings, as warnings carrying the explanation.
    const report = validate(demoCubes(both), { explained: [UN_REVISION_FINDING] });
    expect(UN_REVISION_FINDING.explanation).toBe(UN_REVISION_NOTE);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(unexplained.errors);
    expect(report.warnings).toBeLessThanOrEqual(DEFAULT_REPORTERS.length * 6);
    for (const f of report.findings) {
      expect(f.severity).toBe("warning");
      expect(f.message.en.endsWith(UN_REVISION_NOTE.en)).toBe(true);
      expect(f.message.ru.endsWith(UN_REVISION_NOTE.ru)).toBe(true);
      expect(f.table).toBe("T1_2");
      expect(["1990", "1995", "2000", "2005", "2010", "2015"]).toContain(f.cell.year);
      expect(f.cell).toMatchObject({ cob: "_T", sex: "_T", age: "_T" });
      const expected = f.expected as number;
      const found = f.found as number;
      // 1.2 lists fewer origins than the 2020 revision counts: never above, and within 15%.
      expect(found).toBeLessThanOrEqual(expected);
      expect((expected - found) / expected).toBeLessThan(0.15);
    }
  });

  it("keeps the illustrative population on the UN figures, so 1.1 _T = 2.1 _T in 2015 and 2020", () => {
    const t21 = both.find((t) => t.tableId === "T2_1")?.dataset as Dataset;
    for (const r of DEFAULT_REPORTERS) {
      for (const year of [2015, 2020]) {
        expect(get(t21, { reporter: r, year: String(year) })).toBe(totalsLine(r, year).pop);
      }
      const mid = get(t21, { reporter: r, year: "2017" }) as number;
      const [a, b] = [totalsLine(r, 2015).pop, totalsLine(r, 2020).pop];
      expect(mid).toBe(Math.round(a + ((b - a) * 2) / 5));
    }
    expect(t21.source?.en).toContain(UN_DESA_CREDIT.en);
  });

  it("with one UN file only, matches the illustrative other table to it: no finding at all", () => {
    for (const options of [{ unDesaTotalsCsv: totalsCsv }, { unDesaOriginCsv: originCsv }]) {
      const tables = demoTables(options);
      expect(tables.filter((t) => !t.illustrative)).toHaveLength(1);
      const report = validate(demoCubes(tables));
      expect(report.findings).toEqual([]);
      // The comparison is really made: 1.1 and 1.2 share two years.
      const years = tables.slice(0, 2).map((t) => codes(t.dataset, 1));
      expect(years[0]?.filter((y) => years[1]?.includes(y)).length).toBe(2);
    }
  });

  it("credits the UN in the source of the illustrative tables matched to its figures, and only there", () => {
    const source = (tables: readonly DemoTable[], id: string) =>
      tables.find((t) => t.tableId === id)?.dataset.source?.en;
    const byOrigin = demoTables({ unDesaOriginCsv: originCsv });
    expect(source(byOrigin, "T1_1")).toContain(`${UN_DESA_CREDIT.en}, International Migrant Stock, revision 2019`);
    expect(source(byOrigin, "T2_1")).not.toContain(UN_DESA_CREDIT.en);
    const byTotals = demoTables({ unDesaTotalsCsv: totalsCsv });
    expect(source(byTotals, "T1_2")).toContain(`${UN_DESA_CREDIT.en}, International Migrant Stock, revision 2020`);
    expect(source(byTotals, "T2_1")).toContain("revision 2020 (total population)");
    expect(source(byTotals, "T3")).not.toContain(UN_DESA_CREDIT.en);
    expect(source(both, "T2_1")).not.toContain("revision 2019");
  });

  it("leaves the slice of a reporter the file lacks not available", () => {
    const ds = unTable11(totalsCsv, { reporters: ["ARM", "JEY"] });
    expect(codes(ds, 0)).toEqual(["ARM", "JEY"]);
    const half = ds.status.length / 2;
    expect(ds.status.subarray(0, half).some((s) => s === Status.value)).toBe(true);
    expect(ds.status.subarray(half).every((s) => s === Status.notAvailable)).toBe(true);
  });
});
