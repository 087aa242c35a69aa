/** The illustrative demo data: shape, determinism, consistency, realism, mirror asymmetry and labelling. */
import { type Dataset, datasetProblems, Flag, Status } from "@clearinghouse/cube";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REPORTERS,
  DEMO_YEARS,
  type DemoTable,
  demoCubes,
  demoTables,
  dimensionCodes,
  EXTRA_PARTNERS,
  emptyCube,
  ILLUSTRATIVE,
  isIllustrative,
  NO_AGE_DETAIL,
  PROVISIONAL_LATEST,
  partnerCodeList,
  syntheticTables,
  TABLE_IDS,
  type TableId,
  tableDecl,
  validate,
} from "../src/index.ts";
import { get, offsetOf } from "./helpers.ts";

const tables = demoTables();
const cubes = demoCubes(tables) as Record<TableId, Dataset>;
const FLOW_TABLES: readonly TableId[] = ["T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"];
const PARTNER_TABLES: readonly TableId[] = ["T1_2", "T2_2", "T3", "T4", "T5_2", "T6_2", "T7_2"];

function codes(ds: Dataset, k: number): string[] {
  return ds.dimensions[k]?.categories.map((c) => c.code) ?? [];
}

function value(ds: Dataset, coords: Readonly<Record<string, string>>): number {
  const v = get(ds, coords);
  if (typeof v !== "number") throw new Error(`not a number at ${JSON.stringify(coords)}: ${v}`);
  return v;
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe("demo tables: shape", () => {
  it("are the 12 standard tables in order, each a well-formed cube of its declaration", () => {
    expect(tables.map((t) => t.tableId)).toEqual([...TABLE_IDS]);
    for (const t of tables) {
      expect(t.dataset.id).toBe(t.tableId);
      expect(datasetProblems(t.dataset)).toEqual([]);
      expect(t.dataset.dimensions.map((d) => d.code)).toEqual(dimensionCodes(t.tableId));
      expect(t.dataset.title).toEqual(tableDecl(t.tableId).title);
      expect(codes(t.dataset, 0)).toEqual([...DEFAULT_REPORTERS]);
      expect(codes(t.dataset, 1)).toEqual(DEMO_YEARS.map(String));
    }
  });

  it("take the caller's reporters, years and languages", () => {
    const few = demoTables({ reporters: ["GEO", "ARM"], years: [2021, 2019, 2020], languages: ["ru"] });
    for (const t of few) {
      expect(codes(t.dataset, 0)).toEqual(["GEO", "ARM"]);
      expect(codes(t.dataset, 1)).toEqual(["2019", "2020", "2021"]);
      expect(t.dataset.languages).toEqual(["ru"]);
      expect(Object.keys(t.dataset.title)).toEqual(["ru"]);
      expect(Object.keys(t.dataset.source ?? {})).toEqual(["ru"]);
      for (const n of t.dataset.notes ?? []) expect(Object.keys(n.text)).toEqual(["ru"]);
    }
  });

  it("have the full partner code list; what a reporter does not report separately is `..`", () => {
    const modelled = new Set([...DEFAULT_REPORTERS, ...EXTRA_PARTNERS, "_T", "_O", "_U"]);
    const full = partnerCodeList().map((c) => c.code);
    for (const id of PARTNER_TABLES) {
      const ds = cubes[id];
      expect(codes(ds, 2), id).toEqual(full);
      const k = ds.dimensions[2]?.code ?? "";
      for (const c of full.filter((p) => !p.startsWith("_"))) {
        const statuses = DEFAULT_REPORTERS.map((r) => get(ds, { reporter: r, year: "2020", [k]: c }));
        // A participating country is reported by every reporter (nil where there is no flow); a country outside
        // the model by none (it is in their Other countries).
        if (DEFAULT_REPORTERS.includes(c)) expect(statuses.includes(".."), `${id} ${c}`).toBe(false);
        else if (!modelled.has(c)) expect(new Set(statuses), `${id} ${c}`).toEqual(new Set([".."]));
      }
    }
    // Asking for France answers, with `..`: Armenia does not report it separately.
    expect(get(cubes.T3, { reporter: "ARM", year: "2020", prevres: "FRA" })).toBe("..");
    expect(typeof get(cubes.T3, { reporter: "ARM", year: "2020", prevres: "_O" })).toBe("number");
    for (const c of ["DEU", "ISR", "TUR", "CHN", "USA"]) expect(codes(cubes.T3, 2)).toContain(c);
    const cells = tables.reduce((s, t) => s + t.dataset.values.length, 0);
    expect(cells).toBeLessThan(12_000_000);
  });
});

describe("demo tables: determinism", () => {
  it("are the same on every run", () => {
    const again = demoTables();
    again.forEach((t, i) => {
      const first = tables[i] as DemoTable;
      expect(sameBytes(t.dataset.values, first.dataset.values), t.tableId).toBe(true);
      expect(sameBytes(t.dataset.status, first.dataset.status), t.tableId).toBe(true);
      expect(sameBytes(t.dataset.flags, first.dataset.flags), t.tableId).toBe(true);
      expect(t.dataset.dimensions).toEqual(first.dataset.dimensions);
      expect(t.dataset.notes).toEqual(first.dataset.notes);
      expect(t.dataset.source).toEqual(first.dataset.source);
    });
  });

  it("change with the seed", () => {
    const other = syntheticTables({ seed: 7 });
    const at = { reporter: "RUS", year: "2019", prevres: "UKR" };
    expect(value(other.T3, at)).not.toBe(value(cubes.T3, at));
  });

  it("give a country the same figures whoever else reports", () => {
    const alone = syntheticTables({ reporters: ["RUS", "ARM"] });
    const cells: Record<string, string>[] = [
      { reporter: "RUS", year: "2019", prevres: "UKR", sex: "F", age: "Y25T29" },
      { reporter: "ARM", year: "2023", prevres: "RUS" },
    ];
    for (const at of cells) expect(value(alone.T3, at)).toBe(value(cubes.T3, at));
    expect(value(alone.T4, { reporter: "ARM", year: "2019", nextres: "RUS" })).toBe(
      value(cubes.T4, { reporter: "ARM", year: "2019", nextres: "RUS" }),
    );
  });
});

describe("demo tables: consistency", () => {
  it("pass every rule with no finding (errors, warnings, year-on-year changes)", () => {
    const report = validate(cubes);
    expect(report.findings).toEqual([]);
    expect(report.errors + report.warnings).toBe(0);
  });

  it("pass every rule for other seeds, with all reporters and years", () => {
    // The reported partners only: the figures are the same, the full list adds only `..` cells (checked above).
    for (const seed of [1, 2, 3]) {
      const report = validate(demoCubes(demoTables({ seed, partnerList: "reported" })));
      expect(report.findings, `seed ${seed}`).toEqual([]);
    }
  });

  it("pass every rule for any seed, reporters and years", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.subarray([...DEFAULT_REPORTERS], { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2000, max: 2030 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, reporters, from, length) => {
          const years = Array.from({ length }, (_, i) => from + i);
          const tables = demoTables({ seed, reporters, years, partnerList: "reported" });
          const report = validate(demoCubes(tables), { reporters });
          expect(report.findings).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("pass every rule for a reporter without a profile", () => {
    const reporters = ["ARM", "LVA"];
    const report = validate(demoCubes(demoTables({ reporters })), { reporters });
    expect(report.findings).toEqual([]);
    expect(value(cubes.T3, { reporter: "ARM", year: "2019" })).toBeGreaterThan(0);
  });

  it("make the cross-table figures equal, and not trivially", () => {
    for (const r of ["ARM", "RUS"]) {
      const cells: Record<string, string>[] = [{}, { sex: "F" }, { sex: "M", age: "Y30T34" }];
      for (const cell of cells) {
        const at = { reporter: r, year: "2021", ...cell };
        const imm = value(cubes.T3, at);
        expect(imm).toBeGreaterThan(0);
        expect(value(cubes.T5_1, at)).toBe(imm);
        expect(value(cubes.T5_2, at)).toBe(imm);
        expect(value(cubes.T6_1, at)).toBe(value(cubes.T4, at));
        expect(value(cubes.T6_2, at)).toBe(value(cubes.T4, at));
        expect(value(cubes.T7_2, at)).toBe(value(cubes.T7_1, at));
        expect(value(cubes.T2_1, at)).toBe(value(cubes.T1_1, at));
        expect(value(cubes.T2_2, at)).toBe(value(cubes.T2_1, { ...at, citstatus: "FOR" }));
        expect(value(cubes.T1_2, at)).toBe(value(cubes.T1_1, { ...at, birthplace: "FOR" }));
      }
    }
    // Citizens of the reporting country returning, foreigners, stateless persons all present.
    const at = { reporter: "RUS", year: "2019" };
    expect(value(cubes.T5_1, { ...at, citstatus: "CIT" })).toBe(value(cubes.T5_2, { ...at, citizenship: "RUS" }));
    expect(value(cubes.T5_1, { ...at, citstatus: "STL" })).toBeGreaterThan(0);
  });
});

describe("demo tables: realism", () => {
  it("have realistic magnitudes by country", () => {
    for (const y of DEMO_YEARS.map(String)) {
      const rus = value(cubes.T3, { reporter: "RUS", year: y });
      const arm = value(cubes.T3, { reporter: "ARM", year: y });
      expect(rus).toBeGreaterThan(300_000);
      expect(rus).toBeLessThan(1_000_000);
      expect(arm).toBeGreaterThan(1_000);
      expect(arm).toBeLessThan(20_000);
      expect(value(cubes.T2_1, { reporter: "RUS", year: y })).toBeGreaterThan(140_000_000);
      expect(value(cubes.T2_1, { reporter: "ARM", year: y })).toBeLessThan(3_100_000);
    }
  });

  it("concentrate the partners on the region", () => {
    const at = { reporter: "RUS", year: "2019" };
    const total = value(cubes.T3, at);
    const region = [...DEFAULT_REPORTERS, "UZB"].reduce((s, c) => {
      const v = get(cubes.T3, { ...at, prevres: c });
      return s + (typeof v === "number" ? v : 0);
    }, 0);
    expect(region / total).toBeGreaterThan(0.6);
    expect(value(cubes.T3, { ...at, prevres: "_O" })).toBeGreaterThan(0);
  });

  it("leave Tajikistan's age groups not available, its totals filled", () => {
    expect(NO_AGE_DETAIL).toEqual(["TJK"]);
    for (const id of TABLE_IDS) {
      const ds = cubes[id];
      expect(get(ds, { reporter: "TJK", year: "2020", age: "Y25T29" }), id).toBe("..");
      expect(get(ds, { reporter: "TJK", year: "2020", age: "_U" }), id).toBe("..");
      expect(typeof get(ds, { reporter: "TJK", year: "2020" }), id).toBe("number");
      // Nobody else has a cell not available, but for the partners a reporter does not report separately.
      const k = codes(ds, 0).indexOf("TJK");
      const slice = ds.status.length / DEFAULT_REPORTERS.length;
      const partners = codes(ds, 2);
      const perPartner = 3 * 20 * 1;
      ds.status.forEach((s, i) => {
        if (s !== Status.notAvailable || Math.floor(i / slice) === k) return;
        const partner = PARTNER_TABLES.includes(id)
          ? partners[Math.floor(i / perPartner) % partners.length]
          : undefined;
        // A partner outside the participating countries that this reporter does not report.
        if (partner !== undefined && !DEFAULT_REPORTERS.includes(partner)) return;
        throw new Error(`${id}: .. at ${i}`);
      });
    }
  });

  it("have nil cells where there is no flow", () => {
    expect(get(cubes.T3, { reporter: "ARM", year: "2019", prevres: "AZE" })).toBe("-");
    expect(get(cubes.T4, { reporter: "AZE", year: "2019", nextres: "ARM" })).toBe("-");
    expect(get(cubes.T3, { reporter: "RUS", year: "2019", prevres: "RUS" })).toBe("-");
  });

  it("flag the latest year of some reporters' flow tables provisional, nothing else", () => {
    const last = String(DEMO_YEARS[DEMO_YEARS.length - 1]);
    for (const id of TABLE_IDS) {
      const ds = cubes[id];
      const flow = FLOW_TABLES.includes(id);
      for (const r of DEFAULT_REPORTERS) {
        for (const y of DEMO_YEARS.map(String)) {
          const flags = ds.flags[offsetOf(ds, { reporter: r, year: y })];
          const expected = flow && y === last && PROVISIONAL_LATEST.includes(r) ? Flag.provisional : 0;
          expect(flags, `${id} ${r} ${y}`).toBe(expected);
        }
      }
      const flagged = ds.flags.reduce((n, f) => n + (f ? 1 : 0), 0);
      expect(flagged > 0, id).toBe(flow);
    }
  });
});

describe("demo tables: mirror statistics", () => {
  it("record less emigration than the mirror immigration for most pairs, by a ratio varying by pair", () => {
    const ratios: number[] = [];
    for (const a of DEFAULT_REPORTERS) {
      for (const b of DEFAULT_REPORTERS) {
        if (a === b) continue;
        const immigration = get(cubes.T3, { reporter: a, year: "2019", prevres: b });
        const emigration = get(cubes.T4, { reporter: b, year: "2019", nextres: a });
        if (immigration === "-") expect(emigration, `${b} → ${a}`).toBe("-");
        if (typeof immigration === "number" && typeof emigration === "number") ratios.push(emigration / immigration);
      }
    }
    expect(ratios.length).toBeGreaterThan(40);
    const below = ratios.filter((r) => r < 1).length;
    expect(below / ratios.length).toBeGreaterThan(0.9);
    expect(Math.min(...ratios)).toBeLessThan(0.45);
    expect(Math.max(...ratios.filter((r) => r < 1))).toBeGreaterThan(0.65);
  });
});

describe("demo tables: labelling", () => {
  it("mark every synthetic cube illustrative in its first note and its source, in both languages", () => {
    for (const t of tables) {
      expect(t.illustrative).toBe(true);
      expect(isIllustrative(t.dataset)).toBe(true);
      const first = t.dataset.notes?.[0];
      expect(first?.mandatory).toBe(true);
      expect(first?.text.en?.startsWith(ILLUSTRATIVE.en)).toBe(true);
      expect(first?.text.ru?.startsWith(ILLUSTRATIVE.ru)).toBe(true);
      expect(t.dataset.source?.en?.startsWith(ILLUSTRATIVE.en)).toBe(true);
      expect(t.dataset.source?.ru?.startsWith(ILLUSTRATIVE.ru)).toBe(true);
    }
    expect(ILLUSTRATIVE).toEqual({
      en: "Illustrative data, not official statistics",
      ru: "Иллюстративные данные, не официальная статистика",
    });
  });

  it("tell illustrative cubes from others", () => {
    const plain = emptyCube("T3", { reporters: ["ARM"], years: [2020] });
    expect(isIllustrative(plain)).toBe(false);
    expect(isIllustrative({ source: { ru: `${ILLUSTRATIVE.ru}.` } })).toBe(true);
    expect(isIllustrative({ notes: [{ text: { en: `See: ${ILLUSTRATIVE.en}` } }] })).toBe(false);
  });
});
