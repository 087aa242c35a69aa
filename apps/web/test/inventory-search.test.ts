import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundsOf, clusterPoints } from "../src/inventory/cluster.ts";
import {
  apiQuery,
  EMPTY_SEARCH,
  filterQuery,
  formatSearchState,
  hasFilters,
  pagesOf,
  parseSearchState,
  type SearchState,
  SORTS,
  toggleFacet,
  VIEWS,
  withText,
} from "../src/inventory/search-state.ts";

const value = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const country = fc.stringMatching(/^[A-Z]{3}$/);
const state: fc.Arbitrary<SearchState> = fc.record({
  // Texts as the page keeps them: trimmed, any characters (Cyrillic, &, =, #, %, +, commas).
  q: fc.string({ maxLength: 40 }).map((s) => s.trim()),
  category: fc.uniqueArray(value, { maxLength: 3 }),
  country: fc.uniqueArray(country, { maxLength: 3 }),
  topic: fc.uniqueArray(value, { maxLength: 3 }),
  sort: fc.option(fc.constantFrom(...SORTS), { nil: undefined }),
  page: fc.integer({ min: 1, max: 10_000 }),
  view: fc.constantFrom(...VIEWS),
});

describe("the search's URL", () => {
  it("reads back every search it writes", () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseSearchState(formatSearchState(s))).toEqual(s);
      }),
    );
  });

  it("leaves defaults out, so an empty search is the bare address", () => {
    expect(formatSearchState(EMPTY_SEARCH)).toBe("");
    expect(
      formatSearchState({ ...EMPTY_SEARCH, q: "Армения", topic: ["statistics", "data"], page: 2, view: "map" }),
    ).toBe("?q=%D0%90%D1%80%D0%BC%D0%B5%D0%BD%D0%B8%D1%8F&topic=statistics%2Cdata&page=2&view=map");
  });

  it("reads repeated and comma-separated filters alike, and ignores what it does not know", () => {
    const s = parseSearchState("?country=arm&country=GEO,ARM&sort=cost&page=-3&view=globe&topic=,,");
    expect(s.country).toEqual(["ARM", "GEO"]);
    expect(s.topic).toEqual([]);
    expect(s.sort).toBeUndefined();
    expect(s.page).toBe(1);
    expect(s.view).toBe("list");
    expect(parseSearchState("?page=2.5").page).toBe(1);
    expect(parseSearchState("?page=99999999").page).toBe(10_000);
    expect(parseSearchState(`?q=${"a".repeat(300)}`).q).toHaveLength(200);
  });

  it("asks the API for the page and language, and the map and exports for every match", () => {
    const s: SearchState = { ...EMPTY_SEARCH, q: "iom", category: ["international"], page: 3, view: "map" };
    expect(apiQuery(s, "ru")).toBe("?q=iom&category=international&lang=ru&page=3&pageSize=20");
    expect(filterQuery(s, "en")).toBe("?q=iom&category=international&lang=en");
  });
});

describe("facets", () => {
  it("chooses a value, drops it again, and starts at the first page each time", () => {
    const start = { ...EMPTY_SEARCH, page: 4 };
    const chosen = toggleFacet(start, "country", "ARM");
    expect(chosen.country).toEqual(["ARM"]);
    expect(chosen.page).toBe(1);
    expect(hasFilters(chosen)).toBe(true);
    const both = toggleFacet(chosen, "country", "GEO");
    expect(both.country).toEqual(["ARM", "GEO"]);
    expect(toggleFacet(both, "country", "ARM").country).toEqual(["GEO"]);
  });

  it("toggling twice gives the same filters back", () => {
    fc.assert(
      fc.property(state, fc.constantFrom("category", "country", "topic" as const), value, (s, facet, id) => {
        const back = toggleFacet(toggleFacet(s, facet, id), facet, id);
        expect([...back[facet]].sort()).toEqual([...s[facet]].sort());
      }),
    );
  });

  it("a new text starts at the first page", () => {
    expect(withText({ ...EMPTY_SEARCH, page: 7 }, "  ilo ")).toMatchObject({ q: "ilo", page: 1 });
  });

  it("counts pages and keeps the shown page within them", () => {
    expect(pagesOf(0, 1)).toEqual({ count: 1, current: 1 });
    expect(pagesOf(41, 9)).toEqual({ count: 3, current: 3 });
    expect(pagesOf(40, 2)).toEqual({ count: 2, current: 2 });
  });
});

describe("map clusters", () => {
  it("joins points of one cell at their mean and keeps the others apart", () => {
    const clusters = clusterPoints(
      [
        { id: "a", x: 1, y: 1 },
        { id: "b", x: 9, y: 5 },
        { id: "c", x: 25, y: 1 },
        { id: "nan", x: Number.NaN, y: 1 },
      ],
      20,
    );
    expect(clusters).toHaveLength(2);
    expect(clusters.find((c) => c.ids.includes("a"))).toMatchObject({ ids: ["a", "b"], x: 5, y: 3 });
    expect(clusters.find((c) => c.ids.includes("c"))?.ids).toEqual(["c"]);
  });

  it("keeps every point exactly once, each cluster within its cell", () => {
    const point = fc.record({
      x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 200 }), fc.integer({ min: 1, max: 200 }), (raw, cell) => {
        const points = raw.map((p, i) => ({ ...p, id: String(i) }));
        const clusters = clusterPoints(points, cell);
        expect(clusters.flatMap((c) => c.ids).sort()).toEqual(points.map((p) => p.id).sort());
        for (const c of clusters) {
          const [cx, cy] = c.key.split(":").map(Number) as [number, number];
          expect(c.x).toBeGreaterThanOrEqual(cx * cell - 1e-6);
          expect(c.x).toBeLessThanOrEqual((cx + 1) * cell + 1e-6);
          expect(c.y).toBeGreaterThanOrEqual(cy * cell - 1e-6);
        }
      }),
    );
  });

  it("refuses a cell of no size, and bounds points", () => {
    expect(() => clusterPoints([], 0)).toThrow(RangeError);
    expect(boundsOf([])).toBeUndefined();
    expect(
      boundsOf([
        [44.5, 40.2],
        [-74, 40.7],
        [71.4, 51.2],
      ]),
    ).toEqual([
      [-74, 40.2],
      [71.4, 51.2],
    ]);
  });
});
