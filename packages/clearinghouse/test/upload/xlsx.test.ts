import { Flag, Status } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FIRST_DATA_ROW, NOTES_SHEET, readUpload, tableShape, templateXlsx } from "../../src/index.ts";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("Excel template", () => {
  it("has a notes sheet, a protected sheet per table with validated code columns and unlocked value cells", async () => {
    const bytes = await templateXlsx({ reporter: "KAZ", tables: ["T3", "T1_1"], years: [2021, 2020] });
    const wb = await load(bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual([NOTES_SHEET, "T1_1", "T3", "codes"]);
    const sheet = wb.getWorksheet("T1_1") as ExcelJS.Worksheet;
    expect(sheet.getCell("B3").value).toBe("T1_1");
    expect(sheet.getCell("D3").value).toBe("KAZ");
    expect(sheet.getCell("A5").value).toBe("year");
    expect(sheet.getCell("H5").value).toBe("_T");
    expect(sheet.getCell("H7").value).toBe("Всего");
    // 2 years × 4 birthplaces × 3 sexes
    expect(sheet.getCell(`A${FIRST_DATA_ROW}`).value).toBe(2020);
    expect(sheet.getCell(`A${FIRST_DATA_ROW + 24}`).value).toBe(null);
    const validation = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    expect(Object.values(validation).map((v) => v.formulae[0])).toEqual(expect.arrayContaining(["codes!$D$2:$D$5"]));
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(sheet.getColumn(8).protection?.locked).toBe(false);
    expect(sheet.getCell("B8").protection?.locked).not.toBe(false);
    const notes = wb.getWorksheet(NOTES_SHEET) as ExcelJS.Worksheet;
    const texts: string[] = [];
    notes.eachRow((row) => {
      texts.push(row.values.toString());
    });
    expect(texts.join("\n")).toMatch(/provisional.*предварительные/);
    expect(texts.join("\n")).toMatch(/Table 3\. Long-term immigration/);
  });

  it("reads the filled workbook back, rows sorted and some deleted", async () => {
    const wb = await load(await templateXlsx({ reporter: "KAZ", tables: ["T1_1", "T3"], years: [2020, 2021] }));
    const t11 = wb.getWorksheet("T1_1") as ExcelJS.Worksheet;
    // Row 8 is 2020, _T, _T: total of every age group in H, Y0T4 in I.
    t11.getCell("H8").value = 1000;
    t11.getCell("I8").value = "12p";
    t11.getCell("J8").value = "..";
    t11.getCell("K8").value = "x";
    t11.getCell("L8").value = "-";
    // Swap the first two data rows' codes (and values), as a sort would.
    const r8 = t11.getRow(8).values as ExcelJS.CellValue[];
    const r9 = t11.getRow(9).values as ExcelJS.CellValue[];
    t11.getRow(8).values = r9;
    t11.getRow(9).values = r8;
    const t3 = wb.getWorksheet("T3") as ExcelJS.Worksheet;
    t3.spliceRows(8, 3);
    const kazRow = t3.getColumn(2).values.indexOf("KAZ");
    t3.getCell(`M${kazRow}`).value = 5;
    const { tables, problems } = await readUpload([{ name: "filled.xlsx", bytes: await save(wb) }], {
      reporter: "KAZ",
    });
    expect(problems).toEqual([]);
    expect(tables.map((t) => t.table)).toEqual(["T1_1", "T3"]);
    const ds = tables[0]?.dataset;
    expect(ds?.values[0]).toBe(1000);
    expect([ds?.values[1], ds?.flags[1]]).toEqual([12, Flag.provisional]);
    expect([ds?.status[2], ds?.status[3], ds?.status[4], ds?.status[5]]).toEqual([
      Status.notAvailable,
      Status.confidential,
      Status.nil,
      Status.notAvailable,
    ]);
    const t3ds = tables[1]?.dataset;
    const shape = tableShape("T3");
    const prevres = shape.dimensions[0];
    const sexRow = t3.getCell(`E${kazRow}`).value as string;
    const offset =
      (prevres?.index.position("KAZ") ?? 0) * (prevres?.stride ?? 0) +
      (shape.dimensions[1]?.index.position(sexRow) ?? 0) * (shape.dimensions[1]?.stride ?? 0) +
      5;
    expect(t3ds?.values[offset]).toBe(5);
  });

  it("refuses a formula with the cell's address and a value that is not a figure", async () => {
    const wb = await load(await templateXlsx({ reporter: "KAZ", tables: ["T1_1"], years: [2020] }));
    const sheet = wb.getWorksheet("T1_1") as ExcelJS.Worksheet;
    sheet.getCell("I9").value = { formula: "1+1", result: 2 };
    sheet.getCell("J10").value = "many";
    const { problems } = await readUpload([{ name: "f.xlsx", bytes: await save(wb) }], { reporter: "KAZ" });
    expect(problems.map((p) => [p.code, p.sheet, p.row, p.column])).toEqual([
      ["value.formula", "T1_1", 9, "I"],
      ["value.invalid", "T1_1", 10, "J"],
    ]);
    expect(problems[0]?.message.en).toContain("cell I9");
  });

  it("names the sheet, row and column of an unknown code and of another country's sheet", async () => {
    const wb = await load(await templateXlsx({ reporter: "KAZ", tables: ["T1_2"], years: [2020] }));
    const sheet = wb.getWorksheet("T1_2") as ExcelJS.Worksheet;
    sheet.getCell("B9").value = "Kazakstan";
    sheet.getCell("H9").value = 3;
    const other = wb.addWorksheet("T1_1");
    other.addRow(["table", "T1_1", "reporter", "KGZ"]);
    other.addRow(["year", "birthplace", "sex", "age", "value"]);
    other.addRow([2020, "_T", "_T", "_T", 4]);
    const { problems, tables } = await readUpload([{ name: "w.xlsx", bytes: await save(wb) }], { reporter: "KAZ" });
    const unknown = problems.find((p) => p.code === "code.unknown");
    expect(unknown).toMatchObject({ sheet: "T1_2", row: 9, column: "B" });
    expect(unknown?.suggestions?.[0]?.code).toBe("KAZ");
    expect(problems.find((p) => p.code === "reporter.wrong")).toMatchObject({ sheet: "T1_1", row: 1, column: "D" });
    expect(tables.map((t) => t.table)).toEqual(["T1_2"]);
  });
});
