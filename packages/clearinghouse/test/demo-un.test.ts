/** The UN DESA figures of the demo: CSV reading, UN names to ISO codes, tables 1.1 and 1.2, their labelling. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, Status } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
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
  partnerCodeList,
  readUnWorkbook,
  UN_DESA_CREDIT,
  UN_DESA_ORIGIN_FILE,
  UN_DESA_TOTALS_FILE,
  UN_NAMES,
  UN_REFPERIOD,
  UN_RELEASE_DATES,
  UN_REVISION_FINDING,
  UN_REVISION_NOTE,
  UN_STAND_IN_NOTE,
  UN_STOCK_2019_WORKBOOK,
  UN_STOCK_2020_WORKBOOK,
  unCountryNote,
  unNameToIso3,
  unRevisionDifferences,
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

// The workbooks, read once for the file (exceljs takes a second or two each).
const [wb2020, wb2019] = await Promise.all([
  readUnWorkbook(readFileSync(join(data, UN_STOCK_2020_WORKBOOK)), UN_STOCK_2020_WORKBOOK),
  readUnWorkbook(readFileSync(join(data, UN_STOCK_2019_WORKBOOK)), UN_STOCK_2019_WORKBOOK),
]);

/**
 * An independent reading of a workbook's Table 1 or 2 by fixed cell addresses (code in column D; both sexes,
 * males, females in three blocks of seven years from column F), not by the parser's header search.
 */
async function fixedAddressReading(file: string, sheetName: string, scale: number) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(data, file));
  const ws = wb.getWorksheet(sheetName) as ExcelJS.Worksheet;
  const out = new Map<number, { T: number[]; M: number[]; F: number[] }>();
  ws.eachRow((row) => {
    const code = Number(row.getCell(4).value);
    if (!Number.isInteger(code) || code <= 0) return;
    const block = (from: number) =>
      Array.from({ length: 7 }, (_, k) => Math.round(Number(row.getCell(from + k).value) * scale));
    out.set(code, { T: block(6), M: block(13), F: block(20) });
  });
  return out;
}
const M49: Readonly<Record<string, number>> = {
  ARM: 51,
  AZE: 31,
  BLR: 112,
  GEO: 268,
  KAZ: 398,
  KGZ: 417,
  MDA: 498,
  RUS: 643,
  TJK: 762,
  UKR: 804,
};
const SEX = { T: "_T", M: "M", F: "F" } as const;

describe("the UN workbooks", () => {
  it("give the revision, its years, the 1 July reference date and the notes of the Notes sheets", () => {
    // Only ISO countries, by their M49 code: no region (the four-digit 1832 is not Jersey's 832).
    expect(wb2020.countries.has("JEY")).toBe(false);
    expect(wb2020.countries.get("KAZ")?.name).toBe("Kazakhstan");
    expect([wb2020.revision, wb2020.documentCode]).toEqual([2020, "POP/DB/MIG/Stock/Rev.2020"]);
    expect([wb2019.revision, wb2019.documentCode]).toEqual([2019, "POP/DB/MIG/Stock/Rev.2019"]);
    expect(wb2020.years).toEqual([1990, 1995, 2000, 2005, 2010, 2015, 2020]);
    expect(wb2019.years).toEqual([1990, 1995, 2000, 2005, 2010, 2015, 2019]);
    expect(wb2020.referenceDate).toBe("1 July");
    expect(wb2020.generalNotes).toContain("Years given refer to 1 July.");
    expect(wb2019.countryNotes.get("19")).toBe("Including Crimea.");
    expect(wb2019.countryNotes.get("7")).toBe("Including Abkhazia and South Ossetia.");
    expect(wb2019.countryNotes.get("18")).toBe("Including Transnistria.");
    expect(wb2020.countries.get("KAZ")?.typeOfData).toEqual(["B", "R"]);
    expect(wb2019.countries.get("KAZ")?.typeOfData).toEqual(["B"]);
    for (const r of DEFAULT_REPORTERS) expect(wb2019.countries.get(r)?.m49).toBe(M49[r]);
  });

  it("have a Russian text for every numbered country note of the 2019 workbook", () => {
    for (const n of wb2019.countryNotes.keys()) expect(unCountryNote(wb2019, n).ru).toMatch(/[а-я]/);
  });

  it("refuse a workbook that is not one of the UN's, saying what is missing", async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Table 1").addRow(["just", "a", "sheet"]);
    const bytes = await other.xlsx.writeBuffer();
    await expect(readUnWorkbook(new Uint8Array(bytes as ArrayBuffer), "other.xlsx")).rejects.toThrow(
      /other\.xlsx: no sheet named like/,
    );
  });
});

describe("table 1.1 from the 2020 workbook, by sex", () => {
  const ds = unTable11(wb2020, { notesOf: wb2019 });

  it("has the participating countries and the workbook's years", () => {
    expect(codes(ds, 0)).toEqual([...DEFAULT_REPORTERS]);
    expect(codes(ds, 1)).toEqual(["1990", "1995", "2000", "2005", "2010", "2015", "2020"]);
  });

  it("takes population and migrant stock by sex from Tables 2 and 1: no men or women `..`, `_U` not published", async () => {
    const stock = await fixedAddressReading(UN_STOCK_2020_WORKBOOK, "Table 1", 1);
    const pop = await fixedAddressReading(UN_STOCK_2020_WORKBOOK, "Table 2", 1000);
    for (const r of DEFAULT_REPORTERS) {
      for (const [k, year] of wb2020.years.entries()) {
        for (const sex of ["T", "M", "F"] as const) {
          const at = { reporter: r, year: String(year), sex: SEX[sex] };
          const p = pop.get(M49[r] as number)?.[sex][k] as number;
          const s = stock.get(M49[r] as number)?.[sex][k] as number;
          expect(get(ds, { ...at, birthplace: "_T" })).toBe(p);
          expect(get(ds, { ...at, birthplace: "FOR" })).toBe(s);
          expect(get(ds, { ...at, birthplace: "NAT" })).toBe(p - s);
          expect(get(ds, { ...at, birthplace: "_U" })).toBe("..");
        }
      }
    }
    expect(get(ds, { reporter: "KAZ", year: "2020", birthplace: "FOR", sex: "M" })).toBe(1850097);
    expect(get(ds, { reporter: "KAZ", year: "2020", birthplace: "FOR", sex: "F" })).toBe(1881976);
    expect(get(ds, { reporter: "KAZ", year: "2020", birthplace: "FOR", age: "Y20T24" })).toBe("..");
    expect(validate({ T1_1: ds }).findings).toEqual([]);
  });

  it("carries the UN's metadata: 1 July, revision 2020, its release date, type of data and country notes", () => {
    expect(ds.dimensions.at(-1)?.categories[0]?.content?.refPeriod).toEqual(UN_REFPERIOD);
    expect(ds.source?.en).toContain("POP/DB/MIG/Stock/Rev.2020");
    expect(ds.source?.ru).toContain("POP/DB/MIG/Stock/Rev.2020");
    expect(ds.updated).toBe(UN_RELEASE_DATES[2020]);
    const notesOf = (code: string) =>
      ds.dimensions[0]?.categories.find((c) => c.code === code)?.notes?.map((n) => n.text) ?? [];
    expect(notesOf("KAZ").map((t) => t.en)).toEqual([expect.stringContaining("2020): B R — B: estimates derived")]);
    expect(notesOf("UKR").map((t) => t.en)).toContainEqual(expect.stringContaining("Including Crimea."));
    expect(notesOf("UKR").map((t) => t.ru)).toContainEqual(expect.stringContaining("Включая Крым."));
    expect(notesOf("GEO").map((t) => t.en)).toContainEqual(expect.stringContaining("Abkhazia and South Ossetia"));
    expect(notesOf("MDA").map((t) => t.en)).toContainEqual(expect.stringContaining("Including Transnistria."));
    expect(notesOf("AZE").map((t) => t.ru)).toContainEqual(expect.stringContaining("Нагорный Карабах"));
    expect(isIllustrative(ds)).toBe(false);
  });

  it("leaves the slice of a reporter the workbook lacks not available", () => {
    const two = unTable11(wb2020, { reporters: ["ARM", "JEY"] });
    expect(codes(two, 0)).toEqual(["ARM", "JEY"]);
    const half = two.status.length / 2;
    expect(two.status.subarray(0, half).some((s) => s === Status.value)).toBe(true);
    expect(two.status.subarray(half).every((s) => s === Status.notAvailable)).toBe(true);
  });
});

describe("table 1.2 from the 2019 revision", () => {
  const ds = unTable12(originCsv, wb2019);
  const partners = codes(ds, 2);

  it("takes its total by sex from the UN's total, unknown origins included (Kazakhstan 2019: 3,705,556)", async () => {
    expect(get(ds, { reporter: "KAZ", year: "2019" })).toBe(3705556);
    expect(get(ds, { reporter: "KAZ", year: "2019", sex: "M" })).toBe(1836893);
    expect(get(ds, { reporter: "KAZ", year: "2019", sex: "F" })).toBe(1868663);
    expect(get(ds, { reporter: "UKR", year: "2019" })).toBe(4964293);
    expect(get(ds, { reporter: "ARM", year: "1990" })).toBe(658789);
    const stock = await fixedAddressReading(UN_STOCK_2019_WORKBOOK, "Table 1", 1);
    for (const r of DEFAULT_REPORTERS) {
      for (const [k, year] of wb2019.years.entries()) {
        for (const sex of ["T", "M", "F"] as const) {
          const at = { reporter: r, year: String(year), sex: SEX[sex] };
          expect(get(ds, at)).toBe(stock.get(M49[r] as number)?.[sex][k]);
        }
      }
    }
  });

  it("puts the rest of the UN total in Unknown, never a nil the UN did not publish", () => {
    for (const [r, name] of Object.entries(UN_NAME_OF)) {
      for (const year of wb2019.years) {
        const at = { reporter: r, year: String(year) };
        const total = get(ds, at) as number;
        const unknown = get(ds, { ...at, cob: "_U" });
        const rest = total - originRowSum(name, year);
        expect(unknown).toBe(rest === 0 ? "-" : rest);
      }
    }
    // Kazakhstan 2019: 3,705,556 − 3,434,949 listed by origin.
    expect(get(ds, { reporter: "KAZ", year: "2019", cob: "_U" })).toBe(3705556 - 3434949);
    expect(get(ds, { reporter: "KAZ", year: "2019", cob: "_U", sex: "F" })).toBe("..");
    expect(validate({ T1_2: ds }).findings).toEqual([]);
  });

  it("has the full partner list; countries of origin from the file, those it does not list `..`", () => {
    expect(partners).toEqual(partnerCodeList().map((c) => c.code));
    const at = { reporter: "ARM", year: "2019" };
    expect(get(ds, { ...at, cob: "RUS" })).toBe(Number(originCell("Armenia", 2019, "Russian Federation")));
    expect(get(ds, { ...at, cob: "SYR" })).toBe(Number(originCell("Armenia", 2019, "Syrian Arab Republic")));
    expect(get(ds, { ...at, cob: "IRN" })).toBe(Number(originCell("Armenia", 2019, "Iran (Islamic Republic of)")));
    expect(get(ds, { ...at, cob: "ARM" })).toBe("-");
    expect(get(ds, { ...at, cob: "RUS", sex: "F" })).toBe("..");
    // Antarctica is an ISO 3166-1 area the UN does not list as an origin.
    expect(get(ds, { ...at, cob: "ATA" })).toBe("..");
  });

  it("carries the UN's metadata: 1 July, revision 2019, its release date, type of data and country notes", () => {
    expect(ds.dimensions.at(-1)?.categories[0]?.content?.refPeriod).toEqual(UN_REFPERIOD);
    expect(ds.source?.en).toContain("POP/DB/MIG/Stock/Rev.2019");
    expect(ds.source?.en).toContain(UN_DESA_CREDIT.en);
    expect(ds.source?.ru).toContain(UN_DESA_CREDIT.ru);
    expect(ds.updated).toBe(UN_RELEASE_DATES[2019]);
    expect(ds.notes?.[0]).toEqual({ text: UN_STAND_IN_NOTE, mandatory: true });
    const ukr = ds.dimensions[0]?.categories.find((c) => c.code === "UKR")?.notes?.map((n) => n.text.en);
    expect(ukr).toEqual([
      expect.stringContaining(
        "International Migrant Stock 2019): B — B: estimates derived from data on the foreign-born",
      ),
      "UN country note 19 (International Migrant Stock 2019): Including Crimea.",
    ]);
  });
});

describe("the demo with the UN workbooks", () => {
  const both = demoTables({ unStock2020: wb2020, unStock2019: wb2019, unDesaOriginCsv: originCsv });
  const t11 = both[0]?.dataset as Dataset;
  const t12 = both[1]?.dataset as Dataset;

  it("takes 1.1 and 1.2 from the UN and the rest illustrative", () => {
    expect(both.map((t) => [t.tableId, t.illustrative])).toEqual([
      ["T1_1", false],
      ["T1_2", false],
      ...["T2_1", "T2_2", "T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"].map((id) => [id, true]),
    ]);
    for (const t of both) expect(isIllustrative(t.dataset)).toBe(t.illustrative);
  });

  it("reports the two revisions' differences as warnings with the explanation, by default", () => {
    const report = validate(demoCubes(both));
    expect(Object.keys(report.byRule)).toEqual([UN_REVISION_FINDING.rule]);
    expect(report.errors).toBe(0);
    expect(report.warnings).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.severity).toBe("warning");
      expect(f.message.en.endsWith(UN_REVISION_NOTE.en)).toBe(true);
      expect(f.message.ru.endsWith(UN_REVISION_NOTE.ru)).toBe(true);
      expect(f.table).toBe("T1_2");
      expect(["1990", "1995", "2000", "2005", "2010", "2015"]).toContain(f.cell.year);
    }
    // Without the explanation in the tables' notes, the same differences are errors.
    const bare = { T1_1: { ...t11, notes: [] }, T1_2: t12 };
    expect(validate(bare).errors).toBe(report.warnings);
  });

  it("says in a note of both tables what the difference really is: the cells the UN revised, with both figures", () => {
    const report = validate(demoCubes(both));
    const note = unRevisionDifferences(t11, t12);
    for (const ds of [t11, t12]) expect(ds.notes?.map((n) => n.text)).toContainEqual(note);
    // One finding per differing cell, and the note lists each one.
    expect(note.en.slice(note.en.indexOf("): ")).split("; ").length).toBe(report.warnings);
    expect(note.en).toContain(`agree in ${180 - report.warnings} of 180 reporter, year and sex cells`);
    expect(note.en).toContain("ARM 2005 469,189 against 469,119");
    const ru = new Intl.NumberFormat("ru");
    expect(note.ru).toContain(`ARM 2005 ${ru.format(469189)} против ${ru.format(469119)}`);
  });

  it("keeps the illustrative population on the UN figures, so 1.1 _T = 2.1 _T in 2015 and 2020", () => {
    const t21 = both.find((t) => t.tableId === "T2_1")?.dataset as Dataset;
    for (const r of DEFAULT_REPORTERS) {
      for (const year of ["2015", "2020"]) {
        expect(get(t21, { reporter: r, year })).toBe(get(t11, { reporter: r, year, birthplace: "_T" }));
      }
    }
    expect(t21.source?.en).toContain(UN_DESA_CREDIT.en);
  });

  it("with one UN table only, matches the illustrative other table to it: no finding at all", () => {
    for (const options of [{ unStock2020: wb2020 }, { unStock2019: wb2019, unDesaOriginCsv: originCsv }]) {
      const tables = demoTables(options);
      expect(tables.filter((t) => !t.illustrative)).toHaveLength(1);
      expect(validate(demoCubes(tables)).findings).toEqual([]);
    }
  });

  it("credits the UN in the source of the illustrative tables matched to its figures, and only there", () => {
    const source = (tables: readonly DemoTable[], id: string) =>
      tables.find((t) => t.tableId === id)?.dataset.source?.en;
    const by2020 = demoTables({ unStock2020: wb2020 });
    expect(source(by2020, "T1_2")).toContain(`${UN_DESA_CREDIT.en}, International Migrant Stock, revision 2020`);
    expect(source(by2020, "T2_1")).toContain("revision 2020 (total population)");
    expect(source(by2020, "T3")).not.toContain(UN_DESA_CREDIT.en);
    const byTotals = demoTables({ unDesaTotalsCsv: totalsCsv });
    expect(byTotals.every((t) => t.illustrative)).toBe(true);
    expect(source(byTotals, "T2_1")).toContain("revision 2020 (total population)");
  });
});
