import { describe, expect, it } from "vitest";
import { DEFAULT_UPLOAD_LIMITS, MAX_RECORD_LENGTH, readUpload, templateXlsx } from "../../src/index.ts";
import { makeZip } from "./zip-helpers.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1251 bytes of a text in ASCII and Russian letters. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) return cp;
    if (cp >= 0x410 && cp <= 0x44f) return cp - 0x410 + 0xc0;
    if (cp === 0x451) return 0xb8;
    if (cp === 0x401) return 0xa8;
    throw new Error(`no windows-1251 byte for ${ch}`);
  });
}

const WORKBOOK =
  '<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="T1_1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';

async function read(name: string, bytes: Uint8Array, limits = {}) {
  return readUpload([{ name, bytes }], { reporter: "KAZ", limits });
}

describe("hostile uploads", () => {
  it("refuses a zip bomb posing as xlsx from its central directory, before unpacking", async () => {
    const zeros = new Uint8Array(60 * 1024 * 1024);
    const bomb = makeZip([
      { name: "xl/workbook.xml", data: utf8(WORKBOOK) },
      { name: "xl/worksheets/sheet1.xml", data: zeros },
    ]);
    const { problems, tables } = await read("bomb.xlsx", bomb);
    expect(tables).toEqual([]);
    expect(problems).toMatchObject([{ code: "file.zip", severity: "error", file: "bomb.xlsx" }]);
    expect(problems[0]?.message.en).toMatch(/would unpack \d+ times its size.*zip bomb/);
  });

  it("refuses entries that share one compressed stream, and an entry lying about its size", async () => {
    const entries = Array.from({ length: 50 }, (_, k) => ({ name: `xl/worksheets/s${k}.xml`, data: utf8("<a/>") }));
    const overlapping = makeZip([{ name: "xl/workbook.xml", data: utf8(WORKBOOK) }, ...entries], { shareFirst: 0 });
    expect((await read("o.xlsx", overlapping)).problems[0]?.message.en).toMatch(/overlap/);
    const lying = makeZip([
      { name: "xl/workbook.xml", data: new Uint8Array(5_000_000).fill(32), declaredSize: 100_000 },
      { name: "xl/_rels/workbook.xml.rels", data: utf8(RELS) },
    ]);
    const { problems } = await read("l.xlsx", lying);
    expect(problems[0]?.message.en).toMatch(/unpacks to more than the 100000 bytes it declares/);
  });

  it("refuses a workbook unpacking to more than the limit and a file that is not a zip", async () => {
    // Bytes that do not compress, so the ratio check passes and the sum of sizes is what refuses it.
    let seed = 1;
    const noise = Uint8Array.from({ length: 3_000_000 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const big = makeZip([{ name: "xl/workbook.xml", data: noise }]);
    expect((await read("b.xlsx", big, { maxUnzippedBytes: 1_000_000 })).problems[0]?.code).toBe("limit.unzipped");
    const notZip = await read("fake.xlsx", utf8("this is no workbook at all, just text"));
    expect(notZip.problems).toMatchObject([{ code: "file.zip" }]);
    expect(notZip.problems[0]?.message.en).toMatch(/not a zip archive/);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await read("old.xls", xls)).problems[0]?.message.en).toMatch(/\.xlsx/);
  });

  it("stops at a 10 MB single line", async () => {
    const line = `year,birthplace,sex,age,value\n${"9".repeat(10 * 1024 * 1024)}\n`;
    const { problems, tables } = await read("T1_1.csv", utf8(line));
    expect(tables).toEqual([]);
    expect(problems).toMatchObject([{ code: "limit.line", line: 2 }]);
    expect(problems[0]?.message.en).toContain(MAX_RECORD_LENGTH.toLocaleString("en"));
  });

  it("stops at the row limit of a 500,000-row file and keeps nothing", async () => {
    const rows = ["year,birthplace,sex,age,value"];
    for (let k = 0; k < 500_000; k++) rows.push("2020,_T,_T,_T,1");
    const { problems, tables } = await read("T1_1.csv", utf8(rows.join("\n")));
    expect(tables).toEqual([]);
    const limit = problems.find((p) => p.code === "limit.rows");
    expect(limit).toMatchObject({ severity: "error", line: DEFAULT_UPLOAD_LIMITS.maxRows + 2 });
  });

  it("reads windows-1251 with a warning and refuses undecodable bytes with their line", async () => {
    const text = "year;cob;sex;age;value\r\n2020;Казахстан;_T;_T;5\r\n2020;Россия;_T;_T;6\r\n";
    const ok = await read("T1_2.csv", cp1251(text));
    expect(ok.problems.map((p) => [p.code, p.severity])).toEqual([["file.encoding", "warning"]]);
    expect(ok.tables[0]?.table).toBe("T1_2");
    const bad = new Uint8Array([...utf8("\ufeffyear,cob,sex,age,value\n2020,_T,_T,_T,1\n2020,"), 0xc0, 0x80, 0x41]);
    const refused = await read("T1_2.csv", bad);
    expect(refused.problems).toMatchObject([{ code: "file.encoding", line: 3 }]);
    const mixed = new Uint8Array([...utf8("year,cob\n"), 0x98, 0x99, 0x9a]);
    expect((await read("m.csv", mixed)).problems[0]?.message.en).toMatch(/neither UTF-8 nor windows-1251.*line 2/);
    const binary = new Uint8Array([...utf8("year,cob\n"), 0, 1, 2]);
    expect((await read("m.csv", binary)).problems[0]?.message.en).toMatch(/not text/);
  });

  it("refuses a huge PX file by its declared cells, before allocating them", async () => {
    const values = (n: number) => Array.from({ length: n }, (_, k) => `"v${k}"`).join(",");
    const px = [
      'CHARSET="ANSI";',
      'MATRIX="T1_2";',
      "DECIMALS=0;",
      'TITLE="huge";',
      'CONTENTS="huge";',
      'UNITS="persons";',
      'SUBJECT-AREA="x";',
      'SUBJECT-CODE="x";',
      'STUB="a","b";',
      'HEADING="c";',
      `VALUES("a")=${values(1000)};`,
      `VALUES("b")=${values(1000)};`,
      `VALUES("c")=${values(1000)};`,
      "DATA=",
      "1 2 3;",
    ].join("\n");
    const { problems } = await read("huge.px", utf8(px));
    expect(problems).toMatchObject([{ code: "limit.cells", keyword: "DATA" }]);
  });

  it("refuses an upload over the byte limit before reading anything, and counts cells across files", async () => {
    const csv = utf8("year,birthplace,sex,age,value\n2020,_T,_T,_T,1\n2020,_T,_T,Y0T4,2\n");
    const { problems } = await readUpload(
      [
        { name: "T1_1.csv", bytes: csv },
        { name: "T2_1.csv", bytes: csv },
      ],
      { reporter: "KAZ", limits: { maxBytes: csv.length * 2 - 1 } },
    );
    expect(problems).toMatchObject([{ code: "limit.bytes" }]);
    // Each row is a cell read (these are duplicates, which does not matter to the count): 200 in the first
    // file, so the second passes 300 at its 101st row, line 102.
    const rows = (_: number) =>
      utf8(["year,birthplace,sex,age,value", ...Array(200).fill("2020,_T,_T,_T,1")].join("\n"));
    const cells = await readUpload(
      [
        { name: "a_T1_1.csv", bytes: rows(2020) },
        { name: "b_T1_1.csv", bytes: rows(2020) },
      ],
      { reporter: "KAZ", limits: { maxCells: 300 } },
    );
    expect(cells.problems.find((p) => p.code === "limit.cells")).toMatchObject({ file: "b_T1_1.csv", line: 102 });
    expect(cells.tables).toEqual([]);
  });

  it("reads a real template within the default limits", async () => {
    const bytes = await templateXlsx({ reporter: "KAZ", tables: ["T1_2"], years: [2020] });
    const { problems, tables } = await read("t.xlsx", bytes);
    expect(problems).toEqual([]);
    expect(tables.map((t) => t.table)).toEqual(["T1_2"]);
  });
});
