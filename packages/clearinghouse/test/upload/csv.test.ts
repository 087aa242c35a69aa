import { Flag, Status } from "@clearinghouse/cube";
import { describe, expect, it } from "vitest";
import { readUpload, templateCsv } from "../../src/index.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The template with the rows whose key `year,own,sex,age` is in `values` filled. */
function fill(template: string, values: Record<string, string>): string {
  return template
    .split("\r\n")
    .map((line) => {
      const f = line.split(",");
      const key = [f[2], f[3], f.at(-4), f.at(-3)].join(",");
      const v = values[key];
      return v === undefined ? line : [...f.slice(0, -2), v, ""].join(",");
    })
    .join("\r\n");
}

describe("long CSV", () => {
  it("reads the filled template back into the country's slice", async () => {
    const template = templateCsv({ reporter: "KAZ", table: "T1_1", years: [2021, 2020] });
    const text = fill(template, { "2020,_T,_T,_T": "123", "2021,FOR,F,Y0T4": "7p", "2021,NAT,M,_U": "x" });
    const { tables, problems } = await readUpload([{ name: "t.csv", bytes: utf8(text) }], { reporter: "KAZ" });
    expect(problems).toEqual([]);
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t?.table).toBe("T1_1");
    const ds = t?.dataset;
    expect(ds?.dimensions[0]?.categories.map((c) => c.code)).toEqual(["KAZ"]);
    expect(ds?.dimensions[1]?.categories.map((c) => c.code)).toEqual(["2020", "2021"]);
    // block = 4 birthplace × 3 sex × 20 age × 1
    expect(ds?.values[0]).toBe(123);
    const off = 240 + 2 * 60 + 2 * 20 + 1;
    expect(ds?.values[off]).toBe(7);
    expect(ds?.flags[off]).toBe(Flag.provisional);
    expect(ds?.status[240 + 60 + 20 + 19]).toBe(Status.confidential);
    expect(ds?.status[1]).toBe(Status.notAvailable);
  });

  it("names an unknown code's line and column and suggests the closest", async () => {
    const text = "year,cob,sex,age,value\r\n2020,Kazakstan,_T,_T,5\r\n2020,KZ,M,_T,3\r\n";
    const { problems, tables } = await readUpload([{ name: "T1_2_KAZ.csv", bytes: utf8(text) }], { reporter: "KAZ" });
    const unknown = problems.find((p) => p.code === "code.unknown");
    expect(unknown).toMatchObject({ line: 2, column: "cob", file: "T1_2_KAZ.csv" });
    expect(unknown?.suggestions?.[0]?.code).toBe("KAZ");
    expect(problems.find((p) => p.code === "code.label")).toMatchObject({ severity: "warning", line: 3 });
    expect(tables[0]?.table).toBe("T1_2");
  });

  it("refuses another reporter's rows and duplicate cells", async () => {
    const text =
      "table,reporter,year,birthplace,sex,age,value\nT1_1,KGZ,2020,_T,_T,_T,1\nT1_1,KAZ,2020,_T,_T,_T,1\nT1_1,Казахстан,2020,_T,_T,_T,2\n";
    const { problems } = await readUpload([{ name: "a.csv", bytes: utf8(text) }], { reporter: "KAZ" });
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ["reporter.wrong", 2],
      ["cell.duplicate", 4],
    ]);
  });
});
