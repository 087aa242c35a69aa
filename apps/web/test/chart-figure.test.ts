import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downloadName, escapeXml, frameSvg, wrapText } from "../src/table/chart/figure.ts";
import { messages } from "../src/table/chart/messages.ts";
import { contextOf, fixable, sliceCells, sliceOf } from "../src/table/chart/slice.ts";
import { counting, dataset } from "./chart-fixture.ts";

describe("download names", () => {
  it("name the table, the view and the language", () => {
    expect(downloadName("T2_1", "chart", "ru", "png")).toBe("T2_1_chart_ru.png");
    expect(downloadName("T1_2", "map", "en", "svg")).toBe("T1_2_map_en.svg");
    expect(downloadName("a/b c", "map", "en", "svg")).toBe("a_b_c_map_en.svg");
    expect(downloadName("", "chart", "en", "svg")).toBe("table_chart_en.svg");
  });
});

describe("wrapText", () => {
  it("keeps every word, in order, in lines no longer than the limit unless a word is", () => {
    const word = fc.stringMatching(/^[a-zа-я]{1,15}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 5, max: 40 }), (words, max) => {
        const lines = wrapText(words.join(" "), max);
        expect(lines.join(" ")).toBe(words.join(" "));
        for (const line of lines) if (line.includes(" ")) expect(line.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe("frameSvg", () => {
  const parts = {
    title: "Foreign-born <population> & more",
    subtitle: ["Year: 2019"],
    legend: [
      { label: "under 1 000", fill: "#c7e9b4" },
      { label: "No figure", fill: "hatch" },
    ],
    notes: ["Source: UN DESA"],
  };

  it("frames the drawing with its texts, escaped, and grows with them", () => {
    const inner = '<svg width="600" height="200"></svg>';
    const framed = frameSvg(inner, 600, 200, parts);
    expect(framed.svg).toContain(inner);
    expect(framed.svg).toContain("Foreign-born &#60;population&#62; &#38; more");
    expect(framed.svg).not.toContain("<population>");
    expect(framed.svg).toContain('fill="url(#figure-hatch)"');
    expect(framed.svg).toContain("Source: UN DESA");
    expect(framed.height).toBeGreaterThan(200);
    const bare = frameSvg(inner, 600, 200, { title: "T", subtitle: [], legend: [], notes: [] });
    expect(bare.height).toBeLessThan(framed.height);
    expect(tagsBalanced(framed.svg)).toBe(true);
  });

  it("escapes every character XML reserves", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});

/** Whether the elements open and close in order (Node has no XML parser). */
function tagsBalanced(text: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of text.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!close) stack.push(name as string);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe("slices", () => {
  const ds = dataset(
    [
      { code: "reporter", role: "geo", codes: ["ARM", "GEO", "KAZ"] },
      { code: "year", role: "time", codes: ["2019", "2020", "2021"] },
      { code: "sex", codes: ["M", "_T", "F"] },
    ],
    counting(27),
  );

  it("fix each other dimension at the latest year, the total, else the first, until the reader picks", () => {
    expect([...sliceOf(ds, [0], {})]).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect([...sliceOf(ds, [0], { year: "2019", sex: "F" })]).toEqual([
      [1, 0],
      [2, 2],
    ]);
    expect([...sliceOf(ds, [0], { year: "1990", reporter: "KAZ" })]).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect([...sliceOf(ds, [1, 2], {})]).toEqual([[0, 0]]);
  });

  it("walk the free dimensions' cells, the first slowest", () => {
    const { cells, coords } = sliceCells(ds, [2, 0], sliceOf(ds, [2, 0], { year: "2020" }));
    expect(cells).toEqual([3, 12, 21, 4, 13, 22, 5, 14, 23]);
    expect(coords[1]).toEqual([0, 1]);
  });

  it("offer pickers for the dimensions that are not free and have several categories", () => {
    const one = dataset(
      [
        { code: "reporter", role: "geo", codes: ["ARM", "GEO"] },
        { code: "year", role: "time", codes: ["2024"] },
        { code: "sex", codes: ["M", "F"] },
      ],
      counting(4),
    );
    expect(fixable(one, [0])).toEqual([2]);
    expect(contextOf(one, sliceOf(one, [0], {}), "en")).toEqual([
      { dimension: "year label", category: "2024" },
      { dimension: "sex label", category: "m" },
    ]);
  });
});

describe("messages", () => {
  /** Keys with plural suffixes folded, so that English `x_one/x_other` and Russian `x_one/x_few/…` match. */
  const keys = (tree: object, prefix = ""): string[] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string" ? [`${prefix}${k.replace(/_(one|few|many|other)$/, "")}`] : keys(v, `${prefix}${k}.`),
    );
  const plurals = (tree: object, prefix = ""): string[] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string"
        ? /_(one|few|many|other)$/.test(k)
          ? [`${prefix}${k}`]
          : []
        : plurals(v, `${prefix}${k}.`),
    );

  it("have the same keys in English and Russian, with every Russian plural form", () => {
    expect(new Set(keys(messages.ru))).toEqual(new Set(keys(messages.en)));
    const ru = new Set(plurals(messages.ru));
    for (const key of plurals(messages.en)) {
      const base = key.replace(/_(one|other)$/, "");
      for (const form of ["one", "few", "many", "other"]) expect(ru.has(`${base}_${form}`)).toBe(true);
    }
  });
});
