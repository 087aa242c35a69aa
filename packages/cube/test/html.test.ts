import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { escapeHtml, HtmlTableError, toHtmlTable } from "../src/codecs/html.ts";
import { type Dataset, type Dimension, Flag, PivotError, Status } from "../src/index.ts";
import { CORPUS, datasetFromFile, PX_FIXTURES } from "./helpers.ts";

const ALLOWED_TAGS = new Set([
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "abbr",
  "sup",
  "dl",
  "dt",
  "dd",
  "ul",
  "li",
  "p",
  "strong",
]);

/** The tags in order, checking that each closes the last one opened and that only table markup is used. */
function checkTags(html: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    if (!name || !ALLOWED_TAGS.has(name)) throw new Error(`unexpected tag <${name}>`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes another element`);
    } else {
      stack.push(name);
      names.push(name);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed ${stack.join(", ")}`);
  return names;
}

const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;
const section = (html: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(html)?.[1] ?? "";

/** Widths of the rows of a table section once row and column spans are laid out, as a browser would. */
function rowWidths(html: string): number[] {
  const taken: number[][] = []; // taken[row] = columns already filled by row spans from above
  const widths: number[] = [];
  [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].forEach(([, row = ""], r) => {
    const used = taken[r] ?? [];
    let column = 0;
    for (const [, attributes = ""] of row.matchAll(/<t[hd]( [^>]*)?>/g)) {
      while (used.includes(column)) column++;
      const colspan = Number(/colspan="(\d+)"/.exec(attributes)?.[1] ?? 1);
      const rowspan = Number(/rowspan="(\d+)"/.exec(attributes)?.[1] ?? 1);
      for (let below = 1; below < rowspan; below++) {
        const filled = taken[r + below] ?? [];
        for (let c = 0; c < colspan; c++) filled.push(column + c);
        taken[r + below] = filled;
      }
      column += colspan;
    }
    widths.push(Math.max(column, ...used.map((c) => c + 1)));
  });
  return widths;
}

/** Every id a data cell's `headers` names is the id of a header cell, and ids are unique. */
function checkHeaderReferences(html: string): void {
  const ids = [...html.matchAll(/<th [^>]*id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const [, list = ""] of html.matchAll(/<td headers="([^"]*)"/g)) {
    for (const id of list.split(" ")) expect(ids).toContain(id);
  }
}

const category = (code: string, en: string, ru: string) => ({ code, label: { en, ru } });

function sample(overrides: Partial<Dataset> = {}): Dataset {
  const dimensions: Dimension[] = [
    {
      code: "sex",
      label: { en: "Sex", ru: "Пол" },
      role: "other",
      categories: [category("M", "Men", "Мужчины"), category("F", "Women", "Женщины")],
    },
    {
      code: "year",
      label: { en: "Year", ru: "Год" },
      role: "time",
      categories: [category("2022", "2022", "2022"), category("2023", "2023", "2023")],
    },
  ];
  return {
    id: "S",
    languages: ["en", "ru"],
    title: { en: "Sample", ru: "Пример" },
    decimals: 1,
    dimensions,
    values: Float64Array.from([12345.6, 0.1 + 0.2, Number.NaN, -5]),
    status: Uint8Array.from([Status.value, Status.value, Status.notAvailable, Status.value]),
    flags: Uint8Array.from([0, Flag.provisional | Flag.estimated, 0, 0]),
    ...overrides,
  };
}

const t3 = () => datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));

describe("toHtmlTable", () => {
  it("repeats the mandatory notes, such as the illustrative mark, in the caption under the title", () => {
    const notes = [
      { text: { en: "Illustrative data, not official statistics.", ru: "Иллюстративные данные." }, mandatory: true },
      { text: { en: "Ordinary note.", ru: "Обычное примечание." } },
    ];
    const html = toHtmlTable({ ...t3(), notes }, { lang: "ru" });
    checkTags(html);
    const caption = html.slice(html.indexOf("<caption>"), html.indexOf("</caption>"));
    expect(caption).toContain("<p><strong>Иллюстративные данные.</strong></p>");
    expect(caption).not.toContain("Обычное");
  });

  it("lays out the bilingual fixture: caption, column and row headers, one cell per value", () => {
    const html = toHtmlTable(t3(), { lang: "en" });
    checkTags(html);
    expect(html.startsWith('<table lang="en">')).toBe(true);
    expect(html).toContain(
      "<caption>Long-term immigration by country of previous residence, sex and year (persons)</caption>",
    );
    const head = section(html, "thead");
    expect(count(head, /<th scope="col"/g)).toBe(4);
    expect(head).toContain('<th scope="col">Country of previous residence</th><th scope="col">Sex</th>');
    const body = section(html, "tbody");
    expect(count(body, /<tr>/g)).toBe(15);
    expect(count(body, /<th scope="row"/g)).toBe(5 + 15);
    expect(count(body, /<th scope="row" [^>]*rowspan="3">/g)).toBe(5);
    expect(count(body, /<td /g)).toBe(30);
    expect(rowWidths(head)).toEqual([4]);
    expect(rowWidths(body)).toEqual(new Array(15).fill(4));
    checkHeaderReferences(html);
  });

  it("names each data cell's row and column headers", () => {
    const html = toHtmlTable(t3(), { lang: "en" });
    // Belarus (the third country), Men (second sex), 2023 (second year): not available.
    expect(html).toContain(
      '<th scope="row" id="t-T3-r1-7">Men</th><td headers="t-T3-r0-2 t-T3-r1-7 t-T3-c0-0"><abbr title="not available">..</abbr></td>',
    );
    expect(html).toContain('<th scope="row" id="t-T3-r0-2" rowspan="3">Belarus</th>');
  });

  it("speaks Russian: lang, labels, symbols, grouped numbers, source", () => {
    const html = toHtmlTable(t3(), { lang: "ru" });
    expect(html.startsWith('<table lang="ru">')).toBe(true);
    expect(html).toContain("<caption>Долгосрочная иммиграция по стране предыдущего проживания, полу и годам (человек)");
    expect(html).toContain(">12\u00a0500</td>");
    expect(html).toContain('<abbr title="нет данных">..</abbr>');
    expect(html).toContain('<abbr title="явление отсутствует">-</abbr>');
    expect(html).toContain(
      '<dl class="legend"><dt>..</dt><dd>нет данных</dd><dt>-</dt><dd>явление отсутствует</dd></dl>',
    );
    expect(html).toContain("<li>Другие страны: Включая неизвестные.</li>");
    expect(html).toContain('<p class="source">Источник: Вымышленное статистическое ведомство</p>');
  });

  it("formats numbers for the language with the dataset's decimals", () => {
    const en = toHtmlTable(sample(), { lang: "en" });
    expect(en).toContain(">12,345.6</td>");
    expect(en).toContain(">-5.0</td>");
    const ru = toHtmlTable(sample(), { lang: "ru" });
    expect(ru).toContain(">12\u00a0345,6</td>");
    expect(ru).toContain(">-5,0</td>");
    expect(toHtmlTable(sample({ decimals: 0 }), { lang: "en" })).toContain(">12,346</td>");
  });

  it("marks flags with superscript letters and explains only the symbols and flags used", () => {
    const html = toHtmlTable(sample(), { lang: "en" });
    expect(html).toContain(
      '>0.3<sup><abbr title="provisional">p</abbr></sup><sup><abbr title="estimated">e</abbr></sup></td>',
    );
    const legend = section(html, "tfoot");
    expect(legend).toContain(
      "<dt>..</dt><dd>not available</dd><dt>p</dt><dd>provisional</dd><dt>e</dt><dd>estimated</dd>",
    );
    expect(legend).not.toContain("break in series");
    expect(legend).not.toContain("confidential");
  });

  it("nests column headers with colspan and drops row headers when every dimension is across", () => {
    const html = toHtmlTable(sample(), { rows: [], columns: ["year", "sex"] });
    checkTags(html);
    const head = section(html, "thead");
    expect(count(head, /<th scope="col" id="t-S-c0-\d" colspan="2">/g)).toBe(2);
    expect(count(head, /<th scope="col" id="t-S-c1-\d">/g)).toBe(4);
    expect(rowWidths(head)).toEqual([4, 4]);
    const body = section(html, "tbody");
    expect(count(body, /<th/g)).toBe(0);
    // Cells in year-major order: 2022 Men, 2022 Women, 2023 Men, 2023 Women.
    expect([...body.matchAll(/<td headers="([^"]+)">/g)].map((m) => m[1])).toEqual([
      "t-S-c0-0 t-S-c1-0",
      "t-S-c0-0 t-S-c1-1",
      "t-S-c0-1 t-S-c1-2",
      "t-S-c0-1 t-S-c1-3",
    ]);
    checkHeaderReferences(html);
  });

  it("puts an empty corner over the row headers when there are several header rows", () => {
    const html = toHtmlTable(sample(), { rows: ["sex"], columns: ["year"] });
    expect(section(html, "thead").startsWith('\n<tr><th scope="col">Sex</th>')).toBe(true);
    const three = sample({
      dimensions: [
        ...sample().dimensions,
        { code: "age", label: { en: "Age" }, role: "other", categories: [category("A", "All", "Все")] },
      ],
    });
    const nested = toHtmlTable(three, { rows: ["age"], columns: ["sex", "year"] });
    const head = section(nested, "thead");
    expect(head).toContain('<tr><td></td><th scope="col" id="t-S-c0-0" colspan="2">Men</th>');
    expect(rowWidths(head)).toEqual([5, 5]);
    checkHeaderReferences(nested);
  });

  it("heads a single column with the units when no dimension is across", () => {
    const html = toHtmlTable(sample({ units: { en: "persons" } }), { rows: ["sex", "year"], columns: [] });
    expect(section(html, "thead")).toContain('<th scope="col">Year</th><th scope="col" id="t-S-c0-0">persons</th>');
    expect(rowWidths(section(html, "tbody"))).toEqual([3, 3, 3, 3]);
    checkHeaderReferences(html);
  });

  it("escapes every text: a hostile dataset comes out inert", () => {
    const evil = '<script>alert("x")</script>';
    const ds = sample({
      title: { en: evil },
      units: { en: "</caption><img src=x onerror=alert(1)>" },
      source: { en: "A & B <i>" },
      notes: [{ text: { en: "</table><script>" } }],
      symbols: [{ symbol: "<b>", label: { en: '"><script>' } }],
      status: Uint8Array.from([Status.value, Status.value, 4, Status.value]),
      dimensions: [
        {
          code: "sex",
          label: { en: "'quoted' \"label\"" },
          role: "other",
          notes: [{ text: { en: "<style>" } }],
          categories: [category("M", "<iframe>", ""), category("F", "&amp;", "")],
        },
        sample().dimensions[1] as Dimension,
      ],
    });
    const html = toHtmlTable(ds, { lang: "en", idPrefix: '"><svg onload=x>' });
    const tags = checkTags(html);
    expect(tags).not.toContain("script");
    expect(html).not.toMatch(/<(script|img|b|i|iframe|style|svg)\b/);
    expect(html).toContain("<caption>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; (&lt;/caption&gt;&lt;img");
    expect(html).toContain('<abbr title="&quot;&gt;&lt;script&gt;">&lt;b&gt;</abbr>');
    expect(html).toContain(">&amp;amp;</th>");
    expect(html).toContain('<th scope="col">&#39;quoted&#39; &quot;label&quot;</th>');
    expect(html).toContain("<li>&#39;quoted&#39; &quot;label&quot;: &lt;style&gt;</li>");
    expect(html).toContain('id="___svg_onload_x_-r0-0"');
  });

  it("lists notes on the dataset, dimensions, categories and cells", () => {
    const ds = sample({
      notes: [{ text: { en: "Whole table." } }],
      cellNotes: [{ where: ["F", "2023"], text: { en: "Revised." } }],
      dimensions: sample().dimensions.map((d, k) =>
        k === 0 ? { ...d, notes: [{ text: { en: "Self-declared." } }] } : d,
      ),
    });
    const foot = section(toHtmlTable(ds, { lang: "en" }), "tfoot");
    expect(foot).toContain(
      '<ul class="notes"><li>Whole table.</li><li>Sex: Self-declared.</li><li>Women, 2023: Revised.</li></ul>',
    );
  });

  it("leaves out the footer when there is nothing to say", () => {
    const plain = sample({
      status: new Uint8Array(4),
      flags: new Uint8Array(4),
      values: Float64Array.from([1, 2, 3, 4]),
    });
    expect(toHtmlTable(plain)).not.toContain("<tfoot>");
  });

  it("refuses tables over the cell limit and renders a large one within it", () => {
    const ds = datasetFromFile(join(CORPUS, "pxweb-example/Population/BE0101A1.px"));
    expect(() => toHtmlTable(ds, { maxCells: 10_000 })).toThrow(HtmlTableError);
    expect(() => toHtmlTable(ds, { maxCells: 10_000 })).toThrow(/33936 cells, more than the 10000/);
    const html = toHtmlTable(ds);
    expect(count(html, /<td headers=/g)).toBe(33_936);
    checkTags(html);
  });

  it("refuses a layout naming an unknown dimension", () => {
    expect(() => toHtmlTable(sample(), { rows: ["age"] })).toThrow(PivotError);
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
