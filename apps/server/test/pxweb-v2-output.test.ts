/** The CSV dialects of PxWeb API 2.0's output (output.ts): the Russian Excel CSV and the long CSV's parameters. */
import { type Dataset, fromCsvLong } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import { encodeOutput, parseOutput } from "../src/api/pxweb-v2/output.ts";

const RATE: Dataset = {
  id: "IND",
  languages: ["ru", "en"],
  title: { ru: "Коэффициент", en: "Rate" },
  decimals: 1,
  dimensions: [
    {
      code: "year",
      label: { ru: "Год", en: "Year" },
      role: "time",
      categories: [
        { code: "2023", label: { ru: "2023", en: "2023" } },
        { code: "2024", label: { ru: "2024", en: "2024" } },
      ],
    },
  ],
  values: Float64Array.from([12.5, 3.25]),
  status: new Uint8Array(2),
  flags: Uint8Array.from([0, 1]),
};

const text = async (format: string, params: string[] = []) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    (await encodeOutput(RATE, parseOutput(format, params), { lang: "ru", placement: undefined })).bytes,
  );

describe("the CSV for Excel in Russian (SeparatorSemicolon)", () => {
  it("starts with a UTF-8 byte order mark and writes a decimal comma, in the wide and the long CSV", async () => {
    const wide = await text("csv", ["SeparatorSemicolon"]);
    expect(wide).toBe("\uFEFF2023;2023 (признаки);2024;2024 (признаки)\r\n12,5;;3,25;p\r\n");
    const long = await text("csv-long", ["SeparatorSemicolon"]);
    expect(long.split("\r\n").slice(0, 3)).toEqual([
      "\uFEFFyear;year_label;value;status;flags",
      "2023;2023;12,5;;",
      "2024;2024;3,25;;p",
    ]);
    expect(Array.from(fromCsvLong(long).values)).toEqual([12.5, 3.25]);
  });

  it("keeps the comma CSV with a decimal point and no byte order mark", async () => {
    expect(await text("csv")).toBe("2023,2023 (признаки),2024,2024 (признаки)\r\n12.5,,3.25,p\r\n");
    expect((await text("csv-long")).split("\r\n")[1]).toBe("2023,2023,12.5,,");
    expect((await text("csv", ["SeparatorTab"])).split("\r\n")[1]).toBe("12.5\t\t3.25\tp");
  });

  it("refuses the wide CSV's naming and title parameters for the long CSV, which has codes and labels", () => {
    expect(() => parseOutput("csv-long", ["UseCodes"])).toThrow(/csv, html and xlsx/);
    expect(() => parseOutput("csv-long", ["IncludeTitle"])).toThrow(/csv, html and xlsx/);
    expect(() => parseOutput("xlsx", ["SeparatorSemicolon"])).toThrow(/csv and csv-long/);
  });
});
