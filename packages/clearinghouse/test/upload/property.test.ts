import { datasetFromPxBytes, datasetToPxBytes, flagLetters, Status, symbolOf } from "@clearinghouse/cube";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CodeIndex,
  countryEntry,
  emptyCube,
  isoCountryList,
  readUpload,
  type TableId,
  tableShape,
  templateCsv,
  templatePx,
  templateXlsx,
} from "../../src/index.ts";

interface Filled {
  readonly value: number;
  readonly status: number;
  readonly flags: number;
}

const cellArb: fc.Arbitrary<Filled> = fc.oneof(
  fc.record({
    value: fc.oneof(
      fc.integer({ min: 0, max: 50_000_000 }),
      fc.integer({ min: -5, max: 99_999 }).map((n) => n / 100),
    ),
    status: fc.constant(Status.value),
    flags: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    value: fc.constant(Number.NaN),
    status: fc.constantFrom(Status.notAvailable, Status.nil, Status.confidential),
    flags: fc.constant(0),
  }),
);

/** Cells by offset in the slice (years × block), a few per table. */
function cellsArb(table: TableId, years: number) {
  const n = years * tableShape(table).block;
  return fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), cellArb), { selector: ([o]) => o, maxLength: 40 })
    .map((list) => new Map(list));
}

function text(c: Filled): string {
  return c.status === Status.value ? `${c.value}${flagLetters(c.flags)}` : symbolOf({}, c.status);
}

function expectCells(ds: { values: Float64Array; status: Uint8Array; flags: Uint8Array }, cells: Map<number, Filled>) {
  for (let o = 0; o < ds.values.length; o++) {
    const c = cells.get(o);
    if (c) expect([o, ds.status[o], ds.flags[o], ds.values[o]]).toEqual([o, c.status, c.flags, c.value]);
    else expect([o, ds.status[o]]).toEqual([o, Status.notAvailable]);
  }
}

const yearsArb = fc.uniqueArray(fc.integer({ min: 1990, max: 2030 }), { minLength: 1, maxLength: 2 });
const smallTables: TableId[] = ["T1_1", "T2_1", "T5_1", "T7_1"];

describe("template → filled → read back gives the same cells", () => {
  it("long CSV", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TableId>(...smallTables, "T1_2"),
        yearsArb,
        fc.boolean(),
        async (table, years, flagsColumn) => {
          const cells = await fc.sample(cellsArb(table, years.length), { numRuns: 1, seed: years[0] })[0];
          if (!cells) return;
          const lines = templateCsv({ reporter: "KAZ", table, years }).split("\r\n");
          // Row k + 1 of the template is cell k of the slice (cube order).
          for (const [o, c] of cells) {
            const f = (lines[o + 1] as string).split(",");
            const withFlags = flagsColumn && c.status === Status.value;
            f[f.length - 2] = withFlags ? String(c.value) : text(c);
            f[f.length - 1] = withFlags ? flagLetters(c.flags) : "";
            lines[o + 1] = f.join(",");
          }
          // Rows in another order: the reader maps them by their codes.
          const [header, ...rows] = lines;
          const shuffled = [header, ...rows.reverse()].join("\n");
          const { tables, problems } = await readUpload(
            [{ name: "x.csv", bytes: new TextEncoder().encode(shuffled) }],
            {
              reporter: "KAZ",
            },
          );
          expect(problems).toEqual([]);
          expectCells(tables[0]?.dataset as never, cells);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("PX", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TableId>(...smallTables, "T3"),
        yearsArb,
        fc.integer(),
        async (table, years, seed) => {
          const cells = fc.sample(cellsArb(table, years.length), { numRuns: 1, seed })[0] as Map<number, Filled>;
          const { dataset } = datasetFromPxBytes(templatePx({ reporter: "KAZ", table, years }));
          if (!dataset) throw new Error("template not read");
          for (const [o, c] of cells) {
            dataset.values[o] = c.value;
            dataset.status[o] = c.status;
            dataset.flags[o] = c.flags;
          }
          const { tables, problems } = await readUpload([{ name: "x.px", bytes: datasetToPxBytes(dataset) }], {
            reporter: "KAZ",
          });
          expect(problems).toEqual([]);
          expectCells(tables[0]?.dataset as never, cells);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("Excel", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(smallTables, { minLength: 1, maxLength: 2 }),
        yearsArb,
        fc.integer(),
        async (tables, years, seed) => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load((await templateXlsx({ reporter: "KAZ", tables, years })) as unknown as ArrayBuffer);
          const wanted = tables.map((table, k) => {
            const cells = fc.sample(cellsArb(table, years.length), { numRuns: 1, seed: seed + k })[0] as Map<
              number,
              Filled
            >;
            const sheet = wb.getWorksheet(table) as ExcelJS.Worksheet;
            const ages = tableShape(table).dimensions[2]?.size ?? 20;
            for (const [o, c] of cells) {
              // A row per (year, own, sex) from row 8, the ages across from column H.
              const cell = sheet.getCell(8 + Math.floor(o / ages), 8 + (o % ages));
              cell.value = c.status === Status.value && c.flags === 0 ? c.value : text(c);
            }
            return cells;
          });
          const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
          const result = await readUpload([{ name: "x.xlsx", bytes }], { reporter: "KAZ" });
          expect(result.problems).toEqual([]);
          expect(result.tables.map((t) => t.table)).toEqual(tables);
          result.tables.forEach((t, k) => {
            expectCells(t.dataset, wanted[k] as Map<number, Filled>);
          });
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe("templates pre-filled with figures", () => {
  it("read back as those figures, in Excel and CSV", async () => {
    const years = [2019, 2020];
    const figures = emptyCube("T2_1", { reporters: ["KAZ"], years });
    const cells = fc.sample(cellsArb("T2_1", years.length), { numRuns: 1, seed: 11 })[0] as Map<number, Filled>;
    for (const [o, c] of cells) {
      figures.values[o] = c.value;
      figures.status[o] = c.status;
      figures.flags[o] = c.flags;
    }
    const xlsx = await templateXlsx({ reporter: "KAZ", tables: ["T2_1"], years, figures: { T2_1: figures } });
    const csv = new TextEncoder().encode(templateCsv({ reporter: "KAZ", table: "T2_1", years, figures }));
    for (const [name, bytes] of [
      ["f.xlsx", xlsx],
      ["f.csv", csv],
    ] as const) {
      const { tables, problems } = await readUpload([{ name, bytes }], { reporter: "KAZ" });
      expect(problems).toEqual([]);
      expectCells(tables[0]?.dataset as never, cells);
    }
    const other = emptyCube("T2_1", { reporters: ["KAZ"], years: [2021] });
    expect(() => templateCsv({ reporter: "KAZ", table: "T2_1", years, figures: other })).toThrow(RangeError);
  });
});

describe("suggestions", () => {
  const countries = isoCountryList().filter((c) => c.label.en.length >= 6 && c.label.ru.length >= 6);
  const index = new CodeIndex(countries.map((c) => countryEntry(c.code, c.label)));

  /** One slip of a person typing a name. */
  const perturb = (name: string, kind: number, at: number): string => {
    const i = 1 + (at % (name.length - 2));
    switch (kind) {
      case 0:
        return name.slice(0, i) + name.slice(i + 1); // a letter left out
      case 1:
        return name.slice(0, i) + (name[i + 1] ?? "") + (name[i] ?? "") + name.slice(i + 2); // two swapped
      case 2:
        return name.toUpperCase().replace(/E/g, "É").replace(/Е/g, "Ё"); // case and diacritics
      default:
        return `${name.slice(0, i)}${name.slice(i)}.`.replace(" ", "  ,"); // punctuation
    }
  };

  it("finds the country of a label with one slip, in English or Russian, among the first three", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.constantFrom<"en" | "ru">("en", "ru"),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        (country, lang, kind, at) => {
          const typed = perturb(country.label[lang], kind, at);
          const match = index.resolve(typed);
          const codes = match ? [match.code] : index.suggest(typed).map((s) => s.code);
          expect(codes).toContain(country.code);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes ISO alpha-2 and numeric codes and the names of the examples", () => {
    for (const text of ["Kazakstan", "Казахстан", "KZ", "398", "kazakhstan", "KAZAKHSTAN"]) {
      const match = index.resolve(text);
      expect([text, match?.code ?? index.suggest(text)[0]?.code]).toEqual([text, "KAZ"]);
    }
  });
});
