/**
 * The comparability pages end to end, in the system Chromium, on the demo database (ARM, GEO, KAZ, RUS; tables
 * 1.1 and 1.2 from the UN files when the corpus is there): availability, consistency and country profiles in
 * English and Russian, each checked with axe and photographed into reports/e2e, and the ways between them.
 */
import type { Page } from "playwright-core";
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
const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const matrixReady = (page: Page) => page.locator(".avail-matrix td a").first().waitFor({ timeout: 20_000 });

describe("the comparability pages in a browser", () => {
  it("shows the availability matrix with its states as text, and a cell opens the table with that selection", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/`);
    await page.getByRole("link", { name: "Data availability" }).click();
    await page.waitForURL(/\/en\/availability$/);
    await matrixReady(page);
    // Colour is not the only sign: each cell's accessible name says its state and share.
    const cell = page.getByRole("link", { name: /^Armenia, table 3, 2020: available: 100% of 57 cells/ });
    expect(await cell.count()).toBe(1);
    expect(await text(page, ".avail-legend")).toContain("partly available");
    await expectAccessible(page, "availability (en)");
    await screenshot(page, "comparability-availability-en");

    await page.getByLabel("Chapter").selectOption("immigration");
    await page.waitForURL(/\/en\/availability\?chapter=immigration$/);
    await matrixReady(page);
    expect(await page.locator(".avail-matrix tbody tr").count()).toBe(4 * 3);
    await page.getByRole("link", { name: /^Georgia, table 5\.1, 2021:/ }).click();
    await page.waitForURL(/\/en\/tables\/T5_1\?v\.reporter=GEO&v\.year=2021$/);
    await waitForFigures(page);
  });

  it("keeps the filters in the URL and speaks Russian with its plurals", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await page.goto(`${s.url}/ru/availability?country=KAZ&from=2020&detail=total&group=table`);
    await matrixReady(page);
    expect(await page.getByLabel("Учитываемые ячейки").inputValue()).toBe("total");
    expect(await page.locator(".avail-matrix tbody tr").count()).toBe(12);
    // 12 tables × 5 years = 60: «60 сочетаний»; the provisional latest year is flagged.
    expect(await text(page, ".avail-summary")).toMatch(/^60 сочетаний страны, таблицы и года/);
    expect(
      await page
        .getByRole("link", { name: /^Казахстан, таблица 3, 2024: с отметками: 100% из 1 ячейки ?p \(предварительные/ })
        .count(),
    ).toBe(1);
    const csv = page.getByRole("link", { name: "CSV" });
    expect(await csv.getAttribute("href")).toBe(
      "/api/comparability/availability?country=KAZ&from=2020&detail=total&lang=ru&format=csv",
    );
    await expectAccessible(page, "availability (ru)");
    await screenshot(page, "comparability-availability-ru");
  });

  it("reports consistency per country and year, explained differences as warnings with their explanation", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/consistency/RUS/2015`);
    await page.locator(".consistency-summary").waitFor({ timeout: 20_000 });
    const summary = await text(page, ".consistency-summary");
    expect(summary).toMatch(/^0 errors, \d+ warnings?\./);
    const un = page.locator(".finding", { hasText: "Known difference" });
    if ((await un.count()) > 0) {
      // With the UN files: 1.1 foreign-born against 1.2 total of another revision, explained.
      expect(await un.first().textContent()).toContain("2019 revision");
      await un.first().getByRole("link", { name: "Show in table 1.1" }).click();
      await page.waitForURL(/\/en\/tables\/T1_1\?v\.reporter=RUS&v\.year=2015&v\.birthplace=FOR/);
      await waitForFigures(page);
      await page.goBack();
      await page.locator(".consistency-summary").waitFor();
    }
    expect(await page.locator(".rules-table tbody tr").count()).toBeGreaterThan(10);
    await expectAccessible(page, "consistency (en)");
    await screenshot(page, "comparability-consistency-en");

    const ru = await s.newPage({ locale: "ru-RU" });
    await ru.goto(`${s.url}/ru/consistency/ARM/2020?table=T3`);
    await ru.locator(".consistency-summary").waitFor({ timeout: 20_000 });
    expect(await text(ru, ".consistency-summary")).toMatch(
      /^0 ошибок, 0 предупреждений\. Применено правил: \d+ из \d+\.$/,
    );
    expect(await text(ru, "h1")).toBe("Согласованность данных: Армения, 2020");
    expect(await ru.getByLabel("Таблица").inputValue()).toBe("T3");
    await expectAccessible(ru, "consistency (ru)");
    await screenshot(ru, "comparability-consistency-ru");
  });

  it("shows a country profile, reached from a table page, printable on A4 in both languages", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T3?v.reporter=KAZ&v.year=2023`);
    await waitForFigures(page);
    await page.getByRole("link", { name: "Profile of Kazakhstan" }).click();
    await page.waitForURL(/\/en\/countries\/KAZ$/);
    await page.locator("table.indicators").waitFor({ timeout: 20_000 });
    await page.locator("table.mirror").waitFor({ timeout: 20_000 });
    expect(await text(page, "h1")).toBe("Kazakhstan: country profile");
    expect(await page.getByRole("img", { name: /^Net migration: .+ in 2015, .+ in 2024$/ }).count()).toBe(1);
    expect(await text(page, "#profile-partners + .profile__columns")).toContain("Immigration from (table 3, 2024)");
    await page.locator(".metadata-entry").first().waitFor();
    await expectAccessible(page, "country profile (en)");
    await screenshot(page, "comparability-profile-en");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.locator(".print-only").isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    const ru = await s.newPage({ locale: "ru-RU" });
    await ru.goto(`${s.url}/ru/countries/KAZ`);
    await ru.locator("table.indicators").waitFor({ timeout: 20_000 });
    expect(await text(ru, "h1")).toBe("Казахстан: профиль страны");
    await ru.locator(".metadata-entry").first().waitFor();
    await expectAccessible(ru, "country profile (ru)");
    await ru.emulateMedia({ media: "print" });
    await screenshot(ru, "comparability-profile-ru-print");
  });

  it("lists the country profiles, each linked to its consistency and availability", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await page.goto(`${s.url}/ru/countries`);
    await page.locator(".country-list li").first().waitFor({ timeout: 20_000 });
    expect(await page.locator(".country-list li").count()).toBe(4);
    await page.getByRole("link", { name: "Грузия" }).click();
    await page.waitForURL(/\/ru\/countries\/GEO$/);
    await page.locator("h1").waitFor();
    await page.goto(`${s.url}/ru/countries`);
    await page.locator(".country-list li").first().waitFor();
    await expectAccessible(page, "country profiles (ru)");
    await screenshot(page, "comparability-countries-ru");
  });
});
