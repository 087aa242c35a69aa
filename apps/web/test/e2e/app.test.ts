/**
 * The web interface end to end, in the system Chromium: the real build, the real server with demo data (four
 * reporting countries: ARM, GEO, KAZ, RUS). Screenshots of each step go to reports/e2e.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, openSession, type Session, screenshot, waitForFigures } from "./browser.ts";

let s: Session;
beforeAll(async () => {
  s = await openSession();
}, 240_000);
afterAll(async () => {
  await s?.close();
});

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
const headerText = (page: import("playwright-core").Page) => page.locator("main table thead").innerText();
// biome-ignore lint/performance/useDomNodeTextContent: as above
const bodyText = (page: import("playwright-core").Page) => page.locator("main table tbody").innerText();

describe("the web interface in a browser", () => {
  it("sends a Russian browser to the Russian start page and opens a table from the tree", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/ru\/$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await page.getByRole("link", { name: "Население по статусу гражданства" }).first().waitFor();
    await expectAccessible(page, "start page (ru)");
    await screenshot(page, "home-ru");

    await page.getByRole("link", { name: "Население по статусу гражданства" }).first().click();
    await page.waitForURL(/\/ru\/tables\/T2_1$/);
    await waitForFigures(page);
    expect(await bodyText(page)).toContain("Армения");
    // Russian number format: groups of three separated by a (non-breaking) space.
    expect(await bodyText(page)).toMatch(/\d[\u00a0\u202f ]\d{3}/);
    await expectAccessible(page, "table page (ru)");
    await screenshot(page, "table-ru");
  });

  it("changes the selection, pivots, and a bookmarked URL restores the view", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T2_1`);
    await waitForFigures(page);
    expect(await headerText(page)).not.toContain("2023");
    // The contents variable has one value: a line of text above the boxes, not a box with one checkbox.
    expect(await page.locator(".selection__fixed").textContent()).toMatch(/Contents\s*Population/);
    expect(await page.getByRole("checkbox", { name: "Population", exact: true }).count()).toBe(0);
    expect(await headerText(page)).toContain("Population");

    await page.getByRole("checkbox", { name: "2023", exact: true }).check();
    await page.waitForURL(/v\.year=2023,2024/);
    await waitForFigures(page);
    await page.waitForFunction(() => document.querySelector("main table thead")?.textContent?.includes("2023"));
    expect(await headerText(page)).toContain("2024");

    await page.getByRole("button", { name: "Swap rows and columns" }).click();
    // The default layout has the contents variable above the years, so both go down the side.
    await page.waitForURL(/rows=ContentsCode,year/);
    await waitForFigures(page);
    expect(await headerText(page)).toContain("Armenia");
    expect(await bodyText(page)).toContain("2023");
    await screenshot(page, "table-pivoted");

    const bookmark = page.url();
    const again = await s.newPage();
    await again.goto(bookmark);
    await waitForFigures(again);
    expect(await headerText(again)).toBe(await headerText(page));
    expect(await bodyText(again)).toBe(await bodyText(page));
    expect(await again.getByRole("checkbox", { name: "2023", exact: true }).isChecked()).toBe(true);
  });

  it("switches the language and keeps the page and the selection", async () => {
    const page = await s.newPage();
    const query = "?v.reporter=ARM,GEO&v.year=2023,2024&v.citstatus=_T";
    await page.goto(`${s.url}/en/tables/T2_1${query}`);
    await waitForFigures(page);
    expect(await bodyText(page)).toContain("Georgia");
    await page.getByRole("link", { name: "Русский" }).click();
    await page.waitForURL(`${s.url}/ru/tables/T2_1${query}`);
    await waitForFigures(page);
    await page.waitForFunction(() => document.querySelector("main table tbody")?.textContent?.includes("Грузия"));
    expect(await bodyText(page)).not.toContain("Kazakhstan");
    expect(await page.title()).toBe("Население по статусу гражданства — Информационный центр по статистике миграции");
  });

  it("downloads the selection as CSV holding exactly the cells selected", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T2_1?v.reporter=ARM,GEO&v.year=2023,2024&v.citstatus=_T`);
    await waitForFigures(page);
    await page.getByRole("button", { name: "Download" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /CSV, comma-separated/ }).click(),
    ]);
    // The demo's figures are illustrative: the file's name says so wherever it is saved.
    expect(download.suggestedFilename()).toBe("T2_1-illustrative.csv");
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain("Armenia");
    expect(csv).toContain("Georgia");
    expect(csv).toContain("2023");
    expect(csv).not.toContain("Kazakhstan");
    // The figures of the screen are in the file (the CSV writes them without grouping).
    const shown = (await bodyText(page)).match(/\d{1,3}(,\d{3})+/)?.[0];
    expect(shown).toBeDefined();
    expect(csv).toContain((shown as string).replaceAll(",", ""));
  });

  it("says from the data which tables are UN estimates and which illustrative, on the home page and in the footer", async () => {
    for (const [lang, illustrative, none] of [
      ["en", "hold illustrative figures", "No table holds national submissions yet."],
      ["ru", "содержат иллюстративные данные", "Данных, представленных странами, пока нет ни в одной таблице."],
    ] as const) {
      const page = await s.newPage();
      await page.goto(`${s.url}/${lang}/`);
      const intro = page.locator(".home__intro");
      await intro.getByText(none).waitFor();
      expect(await intro.textContent()).toContain(illustrative);
      expect(await page.locator(".site-footer").textContent()).toContain(none);
      await screenshot(page, `home-origins-${lang}`);
      await page.setViewportSize({ width: 360, height: 800 });
      await screenshot(page, `home-origins-${lang}-360`);
      await page.close();
    }
  });

  it("downloads the long CSV for Excel in Russian with a byte order mark, status and flag columns", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/ru/tables/T3?v.reporter=KAZ&v.year=2023,2024&v.prevres=_T&v.sex=_T&v.age=_T`);
    await waitForFigures(page);
    await page.getByRole("button", { name: "Скачать" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /строка на каждое значение, для Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("T3-long-illustrative.csv");
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
    expect(header?.endsWith(";value;status;flags")).toBe(true);
    // Kazakhstan's latest year is provisional in the demo.
    expect(rows.some((row) => row.includes(";2024;") && row.endsWith(";p"))).toBe(true);
  });

  it("draws a chart and a map of the selection", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T2_1?v.reporter=ARM,GEO,KAZ&v.year=2020,2021,2022,2023,2024`);
    await waitForFigures(page);
    await page.getByRole("button", { name: "Chart", exact: true }).click();
    await page.waitForURL(/view=chart/);
    const chart = page.locator("main .figure__drawing svg").first();
    await chart.waitFor({ timeout: 20_000 });
    expect(await chart.getAttribute("aria-label")).toBeTruthy();
    await expectAccessible(page, "chart");
    await screenshot(page, "chart");

    await page.getByRole("button", { name: "Map", exact: true }).click();
    await page.waitForURL(/view=map/);
    await page.waitForFunction(() => document.querySelectorAll("main svg[role=img] path").length > 10, undefined, {
      timeout: 20_000,
    });
    await expectAccessible(page, "map");
    await screenshot(page, "map");
  });

  it("works at 360 px wide and from the keyboard", async () => {
    const page = await s.newPage({ width: 360, height: 740 });
    await page.goto(`${s.url}/en/tables/T2_1`);
    await waitForFigures(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, "table page at 360 px");
    await screenshot(page, "table-360");

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("has an accessible glossary and start page in English", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/glossary`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectAccessible(page, "glossary");
    await page.goto(`${s.url}/en/`);
    await page.getByRole("link", { name: "Population by citizenship status" }).first().waitFor();
    await expectAccessible(page, "start page (en)");
    await screenshot(page, "home-en");
  });
});

const AGES_UNDER_85 = Array.from({ length: 17 }, (_, i) => `Y${5 * i}T${5 * i + 4}`).join(",");
const chartUrl = (lang: "en" | "ru", query: string) => `${s.url}/${lang}/tables/T2_1?${query}&view=chart`;
/** The drawn chart, once its marks are focusable (tips.ts). */
const drawnChart = async (page: import("playwright-core").Page) => {
  await page.waitForFunction(
    () => document.querySelectorAll("main .figure__drawing [data-tip]").length > 0,
    undefined,
    {
      timeout: 20_000,
    },
  );
  return page.locator("main .figure__drawing svg").first();
};
const tipText = (page: import("playwright-core").Page) =>
  page.locator(".figure__tip").evaluate((tip) => ((tip as HTMLElement).hidden ? "" : (tip.textContent ?? "")));
const numberIn = (text: string) =>
  Number((/[-\d\u00a0\u202f ,.]*\d$/.exec(text.trim())?.[0] ?? "").replace(/[^\d-]/g, ""));

describe("charts and the map in a browser", () => {
  for (const lang of ["en", "ru"] as const) {
    it(`shows values on hover and on keyboard focus in line and bar charts (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
      await page.goto(
        chartUrl(lang, "v.reporter=ARM,GEO,KAZ&v.year=2020,2021,2022,2023,2024&v.citstatus=_T&chart=line"),
      );
      await drawnChart(page);
      await expectAccessible(page, `line chart (${lang})`);
      const dots = page.locator("main .figure__drawing [data-tip]");
      expect(await dots.count()).toBe(15);
      await dots.nth(4).hover();
      expect(await tipText(page)).toMatch(lang === "ru" ? /Армения\s+2024: \d/ : /Armenia\s+2024: \d/);
      // The keyboard: one tab stop, the arrow keys move between the figures and the tip follows.
      expect(await page.locator("main .figure__drawing [data-tip][tabindex='0']").count()).toBe(1);
      await dots.first().focus();
      expect(await tipText(page)).toMatch(/2020: \d/);
      await page.keyboard.press("ArrowRight");
      expect(await tipText(page)).toMatch(/2021: \d/);
      await page.keyboard.press("End");
      expect(await tipText(page)).toMatch(lang === "ru" ? /Казахстан\s+2024/ : /Kazakhstan\s+2024/);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/2024: \d/);
      await screenshot(page, `chart-tip-${lang}`);

      await page.getByRole("button", { name: lang === "ru" ? "Столбцы" : "Bars", exact: true }).click();
      await page.waitForURL(/chart=bar/);
      await drawnChart(page);
      const bar = page.locator("main .figure__drawing rect[data-tip]").first();
      await bar.hover();
      expect(await tipText(page)).toMatch(/\d$/);
      await bar.focus();
      await page.keyboard.press("ArrowDown");
      expect(await tipText(page)).toMatch(/\d$/);
      await page.keyboard.press("Escape");
      expect(await tipText(page)).toBe("");
    });

    it(`stacks the parts of one whole for each country, the total left out (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB", width: lang === "ru" ? 360 : 1280 });
      await page.goto(chartUrl(lang, "v.reporter=ARM,GEO&v.year=2023,2024&v.citstatus=_T,CIT,FOR,STL&chart=stacked"));
      await drawnChart(page);
      const legend = (await page.locator("main .figure-legend").textContent()) ?? "";
      expect(legend).toContain(lang === "ru" ? "Граждане страны" : "Citizens");
      expect(legend).not.toContain(lang === "ru" ? "Всего" : "Total");
      expect(await page.locator("main .figure__note").allInnerTexts()).toContainEqual(
        lang === "ru"
          ? "Итог («Всего») не показан: столбцы — его части."
          : "Total is left out: the bars are its parts.",
      );
      // Four bars (two countries × two years), each of three parts: never one bar of every country added up.
      const bars = page.locator("main .figure__drawing rect[data-tip]");
      expect(await bars.count()).toBe(12);
      const tips = await bars.evaluateAll((rects) => rects.map((r) => (r as SVGElement).dataset.tip ?? ""));
      const wholes = new Set(tips.map((t) => t.split("\n")[0]));
      expect(wholes).toEqual(
        new Set(
          lang === "ru"
            ? ["Армения · 2023", "Армения · 2024", "Грузия · 2023", "Грузия · 2024"]
            : ["Armenia · 2023", "Armenia · 2024", "Georgia · 2023", "Georgia · 2024"],
        ),
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `stacked bars (${lang})`);
      await screenshot(page, `chart-stacked-${lang}`);
    });

    it(`sorts bars by value and keeps each country's colour across charts (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
      await page.goto(chartUrl(lang, "v.reporter=ARM,GEO,KAZ,RUS&v.year=2024&v.citstatus=_T&chart=bar"));
      await drawnChart(page);
      const figures = () =>
        page.locator("main .figure__drawing rect[data-tip]").evaluateAll((rects) =>
          rects
            .map((r) => ({ y: r.getBoundingClientRect().top, tip: (r as SVGElement).dataset.tip ?? "" }))
            .sort((a, b) => a.y - b.y)
            .map((r) => r.tip),
        );
      const before = (await figures()).map(numberIn);
      const sort = page.getByRole("button", { name: lang === "ru" ? "По величине" : "Sort by value" });
      await sort.click();
      expect(await sort.getAttribute("aria-pressed")).toBe("true");
      await page.waitForFunction(() => document.querySelector(".figure__drawing svg") !== null);
      const after = (await figures()).map(numberIn);
      expect(after).toEqual([...before].sort((a, b) => b - a));
      await screenshot(page, `chart-sorted-${lang}`);

      // Kazakhstan's line has the same colour with or without Armenia and Georgia beside it.
      const colourOf = async (query: string) => {
        await page.goto(chartUrl(lang, query));
        await drawnChart(page);
        const name = lang === "ru" ? "Казахстан" : "Kazakhstan";
        return page
          .locator("main .figure-legend li", { hasText: name })
          .locator(".figure-legend__swatch")
          .evaluate((e) => getComputedStyle(e).backgroundColor);
      };
      const all = await colourOf("v.reporter=ARM,GEO,KAZ&v.year=2022,2023,2024&v.citstatus=_T&chart=line");
      const fewer = await colourOf("v.reporter=KAZ,RUS&v.year=2022,2023,2024&v.citstatus=_T&chart=line");
      const bars = await colourOf("v.reporter=KAZ,RUS&v.year=2022,2023,2024&v.citstatus=_T&chart=bar");
      expect(fewer).toBe(all);
      expect(bars).toBe(all);
    });

    it(`draws the pyramid's axis title clear of its ticks without "85 and over" (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
      await page.goto(
        chartUrl(lang, `v.reporter=ARM&v.year=2024&v.citstatus=_T&v.sex=M,F&v.age=${AGES_UNDER_85}&chart=pyramid`),
      );
      await drawnChart(page);
      const overlaps = await page.evaluate(() => {
        const svg = document.querySelector("main .figure__drawing svg") as SVGSVGElement;
        const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent);
        const boxes = texts.map((t) => ({ text: t.textContent ?? "", box: t.getBoundingClientRect() }));
        const hit = (a: DOMRect, b: DOMRect) =>
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const out: string[] = [];
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            if (hit((boxes[i] as (typeof boxes)[number]).box, (boxes[j] as (typeof boxes)[number]).box))
              out.push(`${boxes[i]?.text} / ${boxes[j]?.text}`);
        return out;
      });
      expect(overlaps).toEqual([]);
      await screenshot(page, `chart-pyramid-${lang}`);
    });

    it(`classes the map on nice numbers (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
      await page.goto(`${s.url}/${lang}/tables/T2_1?v.reporter=ARM,GEO,KAZ,RUS&v.year=2024&v.citstatus=_T&view=map`);
      await page.waitForFunction(() => document.querySelectorAll("main svg[role=img] path").length > 10, undefined, {
        timeout: 20_000,
      });
      const labels = await page.locator("main .figure-legend li").allInnerTexts();
      const limits = labels.flatMap((l) =>
        [...l.matchAll(/\d[\d\u00a0\u202f ,]*/g)].map((m) => Number(m[0].replace(/\D/g, ""))),
      );
      expect(limits.length).toBeGreaterThan(0);
      // Each limit has one significant digit (class limits, not figures of one country).
      for (const limit of limits) expect(Number(limit.toPrecision(1)), labels.join(" | ")).toBe(limit);
      await screenshot(page, `map-classes-${lang}`);
    });
  }
});
