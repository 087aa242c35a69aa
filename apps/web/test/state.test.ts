import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHARTS, EMPTY_STATE, formatViewState, parseViewState, VIEWS, type ViewState } from "../src/table/state.ts";

const code = fc.string({ minLength: 1, maxLength: 8 });
const codes = fc.array(code, { maxLength: 5 });
const viewState: fc.Arbitrary<ViewState> = fc.record({
  selection: fc.dictionary(code, codes, { maxKeys: 4 }),
  rows: fc.array(code, { maxLength: 3 }),
  columns: fc.array(code, { maxLength: 3 }),
  view: fc.constantFrom(...VIEWS),
  chart: fc.option(fc.constantFrom(...CHARTS), { nil: undefined }),
  showCodes: fc.boolean(),
  sort: fc.option(fc.record({ column: fc.nat(500), descending: fc.boolean() }), { nil: undefined }),
});

describe("the table page's URL state", () => {
  it("reads back what it writes, whatever the codes hold (commas, &, =, spaces, Cyrillic, %)", () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const back = parseViewState(formatViewState(state));
        // A selection of no values is written `v.VAR=` and means "none", distinct from not named.
        expect(back).toEqual(state);
      }),
    );
  });

  it("keeps a past version in the URL, by number or by date, so the view is bookmarkable", () => {
    fc.assert(
      fc.property(
        viewState,
        fc.oneof(
          fc.record({ version: fc.integer({ min: 1, max: 2_000_000_000 }) }),
          fc.record({ asOf: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== "") }),
        ),
        (state, at) => {
          expect(parseViewState(formatViewState({ ...state, ...at }))).toEqual({ ...state, ...at });
        },
      ),
    );
    expect(formatViewState({ ...EMPTY_STATE, version: 2, view: "chart" })).toBe("?version=2&view=chart");
    expect(parseViewState("?asOf=2026-12-04&version=x").asOf).toBe("2026-12-04");
    expect(parseViewState("?version=0").version).toBeUndefined();
  });

  it("writes a readable query string", () => {
    const search = formatViewState({
      ...EMPTY_STATE,
      selection: { reporter: ["ARM", "GEO"], year: ["2019", "2020"], sex: [] },
      rows: ["reporter"],
      columns: ["year"],
      view: "chart",
      chart: "line",
      showCodes: true,
      sort: { column: 2, descending: true },
    });
    expect(search).toBe(
      "?v.reporter=ARM,GEO&v.year=2019,2020&v.sex=&rows=reporter&cols=year&view=chart&chart=line&codes=1&sort=2:desc",
    );
    expect(formatViewState(EMPTY_STATE)).toBe("");
  });

  it("keeps a code with a comma in one piece", () => {
    const state = parseViewState(formatViewState({ ...EMPTY_STATE, selection: { age: ["0,4", "5-9"] } }));
    expect(state.selection.age).toEqual(["0,4", "5-9"]);
  });

  it("ignores what it does not know and malformed parts, never throws", () => {
    const state = parseViewState("?view=pie&chart=donut&sort=x:up&codes=yes&v.=1&unknown=2&v.year=%E0%A4%A");
    expect(state.view).toBe("table");
    expect(state.chart).toBeUndefined();
    expect(state.sort).toBeUndefined();
    expect(state.showCodes).toBe(false);
    expect(state.selection).toEqual({ year: ["%E0%A4%A"] });
    fc.assert(fc.property(fc.string(), (s) => void parseViewState(s)));
  });
});
