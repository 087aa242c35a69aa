import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  dataOrigin,
  demoTables,
  ILLUSTRATIVE,
  readUnWorkbook,
  UN_DESA_CREDIT,
  UN_DESA_ORIGIN_FILE,
  UN_STOCK_2019_WORKBOOK,
  UN_STOCK_2020_WORKBOOK,
} from "../src/index.ts";

const data = join(import.meta.dirname, "../../../../shared/corpus/data");

describe("dataOrigin", () => {
  it("tells illustrative, UN and national tables apart by their own marks", () => {
    expect(dataOrigin({ notes: [{ text: { en: `${ILLUSTRATIVE.en}: invented.` }, mandatory: true }] })).toBe(
      "illustrative",
    );
    expect(dataOrigin({ source: { ru: `${ILLUSTRATIVE.ru}.` } })).toBe("illustrative");
    expect(dataOrigin({ source: { en: `${UN_DESA_CREDIT.en} (2020). International Migrant Stock.` } })).toBe(
      "un-estimates",
    );
    expect(dataOrigin({ source: { en: "Statistics office of Armenia" } })).toBe("national");
    expect(dataOrigin({})).toBe("national");
  });

  it("finds the demo's UN tables UN estimates and the others illustrative, as the generator made them", async () => {
    // The UN tables come from the UN's workbooks, as the seed makes them.
    const [unStock2020, unStock2019] = await Promise.all([
      readUnWorkbook(readFileSync(join(data, UN_STOCK_2020_WORKBOOK)), UN_STOCK_2020_WORKBOOK),
      readUnWorkbook(readFileSync(join(data, UN_STOCK_2019_WORKBOOK)), UN_STOCK_2019_WORKBOOK),
    ]);
    const tables = demoTables({
      reporters: ["ARM", "KAZ"],
      years: [2019, 2020],
      unStock2020,
      unStock2019,
      unDesaOriginCsv: readFileSync(join(data, UN_DESA_ORIGIN_FILE), "utf8"),
    });
    const origins = tables.map((t) => [t.tableId, dataOrigin(t.dataset)]);
    expect(origins).toEqual(tables.map((t) => [t.tableId, t.illustrative ? "illustrative" : "un-estimates"]));
    expect(origins.filter(([, origin]) => origin === "un-estimates").map(([id]) => id)).toEqual(["T1_1", "T1_2"]);
  });
});
