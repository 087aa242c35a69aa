/**
 * Every real file of the shared corpus (../shared/corpus/px, see its SOURCES.md): the expected facts, the
 * defective files PxWeb reads or refuses, and the round trip read → write → read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pxFacts, readPx, writePx } from "../src/index.ts";
import { CORPUS, comparable, pxFilesUnder } from "./helpers.ts";

const files = pxFilesUnder(CORPUS);
const load = (path: string) => new Uint8Array(readFileSync(join(CORPUS, path)));
const isTemplate = (path: string) => path.includes("template av");

describe("the shared PX corpus", () => {
  it("has the files SOURCES.md describes", () => {
    expect(files.length).toBeGreaterThanOrEqual(113);
  });

  it.each(files.filter((f) => !f.includes("/error/") || isTemplate(f)))("reads %s without errors", (path) => {
    const { file, diagnostics } = readPx(load(path));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(file).toBeDefined();
  });

  // SOURCES.md, "Expected facts": title, stub and heading with value counts, cells.
  const facts: [string, string, string, string, number][] = [
    [
      "pxweb-example/Population/BE0101A1.px",
      "Population by region, marital status, age, sex and period",
      "region 21, marital status 4, age 101, sex 2",
      "period 2",
      33936,
    ],
    [
      "pxweb-example/keys/BE101ACEkeys.px",
      "Population by marital status, age, period and sex",
      "marital status 4, age 21",
      "period 32, sex 3",
      8064,
    ],
    [
      "pxweb-example/multilanguage/BE0101F1langensvfiolikacelln.px",
      "Migration by region, age, period, type and sex",
      "region 4, age 3",
      "period 1, type 2, sex 2",
      48,
    ],
    [
      "pxweb-example/datanotecell/Transmengde.px",
      "Utenrikshandel med varer (tonn), etter import/eksport, tosifret SITC, transportmåte, ",
      "import/eksport 2, tosifret SITC 65, transportmåte 15",
      "statistikkvariabel 1, kvartal 14",
      27300,
    ],
    [
      "pxweb-example/Hierarchies/PR0101B3hier2lang.px",
      "Consumer Price Index (CPI) (by COICOP), 1980=100 by Product group andperiod",
      "Product group 66",
      "period 11",
      726,
    ],
    [
      "pxweb-example/Maxvariabler/10variabler.PX",
      "Test with many variables by var1, ",
      "var1 4, var2 7, var3 2, var4 5, var5 2, var6 2",
      "var7 2, var8 2, var9 2, var10 2",
      17920,
    ],
    [
      "pxweb-example/aggregations/BE0101D1.px",
      "Live births by region, maternal age, year and gender",
      "region 312, maternal age 37",
      "year 2, gender 2",
      46176,
    ],
    [
      "pxweb-example/Quarter/HA0201E8.px",
      "Volume of imports of goods, base year 2000=100, index by Commoditygroup SITC and period",
      "Commodity group SITC 9",
      "period 13",
      117,
    ],
    [
      "statfin/12b4.px",
      "Sähkön tuotanto ja kokonaiskulutus muuttujina Vuosi, ",
      "Vuosi 25, Sähkön tuotanto ja kulutus, GWh 20",
      "Tiedot 4",
      2000,
    ],
  ];

  it.each(facts)("%s has the expected facts", (path, title, stub, heading, cells) => {
    const { file } = readPx(load(path));
    if (!file) throw new Error("not read");
    const facts = pxFacts(file);
    const describe = (vars: readonly { name: string; codes: readonly string[] }[]) =>
      vars.map((v) => `${v.name} ${v.codes.length}`).join(", ");
    if (title.endsWith(", ")) expect(facts.title.startsWith(title)).toBe(true);
    else expect(facts.title).toBe(title);
    expect(describe(facts.stub)).toBe(stub);
    expect(describe(facts.heading)).toBe(heading);
    expect(facts.cells).toBe(cells);
  });

  it("statfin/132g.px has the expected facts in English", () => {
    const { file } = readPx(load("statfin/132g.px"));
    if (!file) throw new Error("not read");
    expect(file.languages).toEqual(["fi", "sv", "en"]);
    const facts = pxFacts(file, "en");
    expect(facts.title).toBe(
      "QNA Income and production by industry, quarterly by Quarter, Transaction, Industry and Information",
    );
    expect(facts.stub.map((v) => `${v.name} ${v.codes.length}`)).toEqual([
      "Quarter 145",
      "Transaction 11",
      "Industry 31",
    ]);
    expect(facts.heading.map((v) => `${v.name} ${v.codes.length}`)).toEqual(["Information 14"]);
    expect(facts.cells).toBe(692230);
    expect(file.status.filter((s) => s === 1).length).toBeGreaterThan(0); // its many "." symbols
  });

  const continueFiles = files.filter((f) => f.includes("/error/continue/") && !isTemplate(f));
  it.each(continueFiles)("reads the defective %s, saying what it tolerated, and refuses it when strict", (path) => {
    const lenient = readPx(load(path));
    expect(lenient.file).toBeDefined();
    const warnings = lenient.diagnostics.filter((d) => d.severity === "warning");
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.keyword).toBeTruthy();
      expect(w.line).toBeGreaterThan(0);
      expect(w.repair).toBeTruthy();
    }
    expect(readPx(load(path), { strict: true }).file).toBeUndefined();
  });

  // The defect of each file PxWeb refuses: the keyword to name, and its line where the keyword is present.
  const fatal: Record<string, [string, number]> = {
    "BE0101F1errorCodes.px": ["CODES", 24],
    "BE0101F1errorContVariableunits.px": ["UNITS", 0],
    "BE0101F1errorContvariable.px": ["CONTVARIABLE", 17],
    "BE0101F1errorHeading.px": ["HEADING", 16],
    "BE0101F1errorMatrix.px": ["MATRIX", 8],
    "BE0101F1errorStub.px": ["STUB", 15],
    "BE0101F1errorSubjectArea.px": ["SUBJECT-AREA", 6],
    "BE0101F1errorUnit.px": ["UNITS", 14],
    "BE0101F1errorValues.px": ["VALUES", 18],
    "BE0101F1errorVarValue.px": ["VALUES", 0],
    "BE0101F1errormissingValues.px": ["VALUES", 0],
    "BE0101F1misingSubjectArea.px": ["SUBJECT-AREA", 0],
    "BE0101F1missingContents.px": ["CONTENTS", 0],
    "BE0101F1missingData.px": ["DATA", 0],
    "BE0101F1missingDecimal.px": ["DECIMALS", 0],
    "BE0101F1missingMatrix.px": ["MATRIX", 0],
    "BE0101F1missingStubHeading.px": ["STUB", 0],
    "BE0101F1missingSubjectCode.px": ["SUBJECT-CODE", 0],
    "BE0101F1missingTitle.px": ["TITLE", 0],
    "BE0101F1missingUnit.px": ["UNITS", 0],
  };
  const fatalFiles = files.filter((f) => f.includes("/error/fatal/") && !isTemplate(f));
  it("knows the defect of every refused file", () => {
    expect(fatalFiles.map((f) => f.split("/").pop()).sort()).toEqual(Object.keys(fatal).sort());
  });
  it.each(fatalFiles)("refuses %s, naming the keyword and line", (path) => {
    const { file, diagnostics } = readPx(load(path));
    expect(file).toBeUndefined();
    const [keyword, line] = fatal[path.split("/").pop() ?? ""] ?? ["?", -1];
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "error", keyword, line }));
  });

  // BE0101F1ensvdescdefaulterror.px differs from the valid multilanguage/BE0101F1ensvdescdefault.px only by
  // AUTOPEN=YES, which is valid PX: there is no defect for a reader to find.
  const multilang = files.filter((f) => f.includes("/error/multilang/") && !f.endsWith("ensvdescdefaulterror.px"));
  it.each(multilang)("reads %s with warnings and refuses it when strict", (path) => {
    const lenient = readPx(load(path));
    expect(lenient.file).toBeDefined();
    expect(lenient.diagnostics.length).toBeGreaterThan(0);
    expect(readPx(load(path), { strict: true }).file).toBeUndefined();
  });

  const readable = files.filter((f) => readPx(load(f)).file !== undefined);
  it.each(readable)("round-trips %s through the writer in UTF-8 and its own code page", (path) => {
    const first = readPx(load(path));
    if (!first.file) throw new Error("not read");
    const strayQuotes = first.diagnostics.some((d) => d.code === "PX011");
    for (const encoding of ["utf-8", first.encoding]) {
      const again = readPx(writePx(first.file, { encoding }));
      expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      if (!again.file) throw new Error("not reread");
      // A stray quote was kept as text, and is written as ' (PX strings cannot hold a quote).
      if (strayQuotes) expect(Array.from(again.file.data)).toEqual(Array.from(first.file.data));
      else expect(comparable(again.file)).toEqual(comparable(first.file));
    }
  });
});
