import { type Dataset, type Dimension, pivot } from "@clearinghouse/cube/browser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createI18n } from "../src/lib/i18n.ts";
import {
  actionsFor,
  cellIndexOf,
  cellMarks,
  countriesFor,
  filterChoices,
  filterFindings,
  groupFindings,
  localInputToUtc,
  parseYears,
  releasedVersionOf,
  reviewQueue,
  SUBMISSION_STATES,
  type SubmissionState,
  seesSubmissions,
  sliceLayout,
  submitBlockers,
  uncommentedWarnings,
  utcToLocalInput,
  type Viewer,
  yearRanges,
} from "../src/submissions/view.ts";
import { pivotPosition } from "../src/table/grid/marks.ts";

const focalKaz: Viewer = { id: 3, role: "focal-point", countries: ["KAZ"] };
const focalKgz: Viewer = { id: 4, role: "focal-point", countries: ["KGZ"] };
const editor: Viewer = { id: 5, role: "editor" };
const admin: Viewer = { id: 6, role: "administrator" };

const actions = (viewer: Viewer | null, state: SubmissionState, submittedBy?: number) =>
  [...actionsFor(viewer, { state, reporter: "KAZ", submittedBy })].sort();

describe("the actions a page offers", () => {
  it("lets the country's focal point edit a draft and a returned submission, and nothing once submitted", () => {
    expect(actions(focalKaz, "draft")).toEqual(
      ["commentFinding", "discard", "dropTable", "editMetadata", "submit", "upload"].sort(),
    );
    expect(actions(focalKaz, "returned")).toEqual(
      ["commentFinding", "dropTable", "editMetadata", "submit", "upload"].sort(),
    );
    for (const state of ["submitted", "approved", "released"] as const) expect(actions(focalKaz, state)).toEqual([]);
  });

  it("gives another country's focal point and the public nothing", () => {
    for (const state of SUBMISSION_STATES) {
      expect(actions(focalKgz, state)).toEqual([]);
      expect(actions(null, state)).toEqual([]);
    }
  });

  it("lets editors and administrators return and approve a submitted one, return or release an approved one", () => {
    for (const reviewer of [editor, admin]) {
      expect(actions(reviewer, "submitted", 3)).toEqual(["approve", "return"]);
      expect(actions(reviewer, "approved", 3)).toEqual(["release", "return"]);
      expect(actions(reviewer, "released", 3)).toEqual([]);
    }
  });

  it("never offers approval to the one who submitted (four eyes)", () => {
    expect(actions(editor, "submitted", 5)).toEqual(["return"]);
    expect(actions(admin, "submitted", 5)).toEqual(["approve", "return"]);
  });

  it("offers the new submission's countries: a focal point's own, a reviewer's every one", () => {
    const reporters = ["ARM", "KAZ", "KGZ"];
    expect(countriesFor(focalKaz, reporters)).toEqual(["KAZ"]);
    expect(countriesFor({ id: 1, role: "focal-point", countries: ["KGZ", "KAZ"] }, reporters)).toEqual(["KAZ", "KGZ"]);
    expect(countriesFor(editor, reporters)).toEqual(reporters);
    expect(seesSubmissions(focalKaz) && seesSubmissions(editor)).toBe(true);
    expect(seesSubmissions(null)).toBe(false);
  });
});

describe("state labels", () => {
  it("has every state in both languages, different from its code", () => {
    for (const lang of ["en", "ru"] as const) {
      const i18n = createI18n(lang);
      const labels = SUBMISSION_STATES.map((s) => i18n.t(`submissions.state.${s}`));
      for (const [k, label] of labels.entries()) expect(label).not.toBe(`submissions.state.${SUBMISSION_STATES[k]}`);
      expect(new Set(labels).size).toBe(SUBMISSION_STATES.length);
    }
  });

  it("writes Russian plurals by the number's ending", () => {
    const ru = createI18n("ru");
    const errors = (count: number) => ru.t("submissions.errors", { count, n: String(count) });
    expect([1, 2, 5, 11, 21, 22, 25].map(errors)).toEqual([
      "1 ошибка",
      "2 ошибки",
      "5 ошибок",
      "11 ошибок",
      "21 ошибка",
      "22 ошибки",
      "25 ошибок",
    ]);
    expect(ru.t("submissions.count", { count: 3, n: "3" })).toBe("3 заявки");
    const en = createI18n("en");
    expect(en.t("submissions.warnings", { count: 1, n: "1" })).toBe("1 warning");
    expect(en.t("submissions.warnings", { count: 2, n: "2" })).toBe("2 warnings");
  });
});

const finding = (key: string, table: string, severity: "error" | "warning", rule = "total.sex", comment?: string) => ({
  key,
  table,
  severity,
  rule,
  cell: { year: "2020", sex: "_T" },
  comment,
});

describe("findings", () => {
  const findings = [
    finding("a", "T2_10", "warning", "change.year"),
    finding("b", "T2_1", "warning", "total.sex", "the census"),
    finding("c", "T2_10", "error", "total.age"),
    finding("d", "T2_1", "error", "total.sex"),
  ];

  it("groups by table in table order, errors first, with counts", () => {
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.table, g.errors, g.warnings, g.findings.map((f) => f.key)])).toEqual([
      ["T2_1", 1, 1, ["d", "b"]],
      ["T2_10", 1, 1, ["c", "a"]],
    ]);
  });

  it("filters by severity, table and rule together, and lists the choices", () => {
    expect(filterFindings(findings, { severity: "error" }).map((f) => f.key)).toEqual(["c", "d"]);
    expect(filterFindings(findings, { table: "T2_1", rule: "total.sex" }).map((f) => f.key)).toEqual(["b", "d"]);
    expect(filterFindings(findings, { table: "T2_1", severity: "warning", rule: "total.age" })).toEqual([]);
    expect(filterChoices(findings)).toEqual({
      tables: ["T2_1", "T2_10"],
      rules: ["change.year", "total.age", "total.sex"],
    });
  });

  it("counts the warnings without a comment, and says what blocks submitting", () => {
    expect(uncommentedWarnings([...findings, finding("e", "T3", "warning", "x", "  ")]).map((f) => f.key)).toEqual([
      "a",
      "e",
    ]);
    expect(submitBlockers({ errors: 0, uncommented: 0 })).toBeNull();
    expect(submitBlockers({ errors: 0, uncommented: 2 })).toEqual({ errors: 0, uncommented: 2 });
  });
});

/** A dataset with dimensions of these sizes. */
function dataset(sizes: readonly number[]): Dataset {
  const dimensions: Dimension[] = sizes.map((size, k) => ({
    code: `d${k}`,
    label: { en: `D${k}` },
    role: "other",
    categories: Array.from({ length: size }, (_, c) => ({ code: `c${c}`, label: { en: `C${c}` } })),
  }));
  const n = sizes.reduce((p, s) => p * s, 1);
  return {
    id: "T",
    languages: ["en"],
    title: { en: "T" },
    decimals: 0,
    dimensions,
    values: Float64Array.from({ length: n }, (_, i) => i),
    status: new Uint8Array(n),
    flags: new Uint8Array(n),
  };
}

describe("a finding's cell in the grid", () => {
  it("finds the index of the cell its coordinates name, for any cell", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.nat(), (sizes, n) => {
        const ds = dataset(sizes);
        const index = n % ds.values.length;
        const cell: Record<string, string> = {};
        let rest = index;
        for (let k = sizes.length - 1; k >= 0; k--) {
          cell[`d${k}`] = `c${rest % (sizes[k] as number)}`;
          rest = Math.floor(rest / (sizes[k] as number));
        }
        expect(cellIndexOf(ds.dimensions, cell)).toBe(index);
      }),
    );
  });

  it("takes a one-value dimension the finding leaves out as that value, and gives up on an unknown code", () => {
    const ds = dataset([1, 3]);
    expect(cellIndexOf(ds.dimensions, { d1: "c2" })).toBe(2);
    expect(cellIndexOf(ds.dimensions, { d0: "c0", d1: "c9" })).toBeUndefined();
    expect(cellIndexOf(dataset([2, 3]).dimensions, { d1: "c1" })).toBeUndefined();
  });

  it("marks each cell once, an error over a warning", () => {
    const ds = dataset([2, 2]);
    const marks = cellMarks(ds.dimensions, [
      { key: "w", rule: "r", severity: "warning", table: "T", cell: { d0: "c1", d1: "c0" } },
      { key: "e", rule: "r", severity: "error", table: "T", cell: { d0: "c1", d1: "c0" } },
      { key: "t", rule: "r", severity: "error", table: "T", cell: {} },
    ]);
    expect([...marks]).toEqual([[2, { severity: "error", keys: ["w", "e"] }]]);
  });

  it("places a cell at the row and column where the pivot shows it, in any layout", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (sizes, cut, n) => {
          const ds = dataset(sizes);
          const codes = ds.dimensions.map((d) => d.code).reverse();
          const at = cut % (codes.length + 1);
          const layout = { rows: codes.slice(0, at), columns: codes.slice(at) };
          const p = pivot(ds, layout);
          const index = n % ds.values.length;
          const { row, column } = pivotPosition(ds.dimensions, layout, index);
          expect(p.cell(row, column)).toBe(index);
        },
      ),
    );
  });
});

describe("the embargo's time", () => {
  it("reads the reader's wall clock as a UTC instant and back, to the minute", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        (date) => {
          const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const local = utcToLocalInput(minute.toISOString());
          expect(localInputToUtc(local)).toBe(minute.toISOString());
        },
      ),
    );
  });

  it("refuses what is not a date and time", () => {
    expect(localInputToUtc("")).toBeUndefined();
    expect(localInputToUtc("2026-13-45T10:00")).toBeUndefined();
    expect(localInputToUtc("tomorrow")).toBeUndefined();
  });
});

describe("years and the review queue", () => {
  it("reads years and ranges, and writes them back as ranges", () => {
    expect(parseYears("2019-2021, 2023 2021")).toEqual([2019, 2020, 2021, 2023]);
    expect(parseYears("2021-2019")).toBeUndefined();
    expect(parseYears("20x1")).toBeUndefined();
    expect(parseYears("")).toBeUndefined();
    expect(parseYears("1900-2100")).toBeUndefined();
    expect(yearRanges([2023, 2019, 2020, 2021])).toBe("2019–2021, 2023");
  });

  it("puts submitted before approved, the longest waiting first", () => {
    const queue = reviewQueue([
      { id: 1, state: "approved", submittedAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-05T00:00:00Z" },
      { id: 2, state: "submitted", submittedAt: "2026-02-01T00:00:00Z", updatedAt: "2026-02-01T00:00:00Z" },
      { id: 3, state: "submitted", submittedAt: "2026-01-10T00:00:00Z", updatedAt: "2026-01-10T00:00:00Z" },
    ] as const);
    expect(queue.map((s) => s.id)).toEqual([3, 2, 1]);
  });

  it("finds the version a submission's release made and the one before it", () => {
    const versions = [
      { version: 1, submissionId: null },
      { version: 2, submissionId: 7 },
      { version: 3, submissionId: 9 },
    ];
    expect(releasedVersionOf(versions, 9)).toEqual({ version: 3, previous: 2 });
    expect(releasedVersionOf(versions.slice(1, 2), 7)).toEqual({ version: 2 });
    expect(releasedVersionOf(versions, 8)).toEqual({});
  });

  it("lays an uploaded slice out with the one-value variables and the widest one across, the rest down", () => {
    const dims = (sizes: Record<string, number>) =>
      Object.entries(sizes).map(([code, n]) => ({
        code,
        categories: Array.from({ length: n }, (_, k) => ({ code: `${k}` })),
      }));
    expect(sliceLayout(dims({ reporter: 1, year: 1, prevstatus: 4, sex: 3, age: 20, ContentsCode: 1 }))).toEqual({
      rows: ["prevstatus", "sex"],
      columns: ["reporter", "year", "ContentsCode", "age"],
    });
    expect(sliceLayout(dims({ reporter: 1, year: 3, sex: 3, age: 20 }))).toEqual({
      rows: ["sex", "age"],
      columns: ["reporter", "year"],
    });
  });
});
