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
    const chart = page.locator("main svg[role=img]").first();
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
