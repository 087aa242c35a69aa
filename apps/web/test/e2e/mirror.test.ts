/**
 * The mirror statistics page and the sources of an IND figure, in both languages, checked with axe; screenshots in
 * reports/e2e (mirror-matrix-en, mirror-pair-ru, indicators-sources-en, …).
 */

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, openSession, type Session, screenshot, waitForFigures } from "./browser.ts";

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
const shownText = (page: Page, selector: string) => page.locator(selector).innerText();

describe("mirror statistics and indicator sources in the browser", () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const lang of ["en", "ru"] as const) {
    it(`shows the matrix of pairs with values in the cells and opens a pair (${lang})`, async () => {
      const page = await s.newPage({ locale: lang === "ru" ? "ru-RU" : "en-GB" });
      await page.goto(`${s.url}/${lang}/`);
      await page.getByRole("link", { name: lang === "en" ? "Mirror statistics" : "Зеркальная статистика" }).click();
      await page.waitForSelector(".mirror__matrix td a");
      expect(page.url()).toBe(`${s.url}/${lang}/mirror`);
      // 4 countries: 12 pairs, each with its index (or why there is none) as text, not only a colour.
      const cells = await page.locator(".mirror__matrix td a").allInnerTexts();
      expect(cells).toHaveLength(12);
      for (const text of cells) expect(text.trim()).toMatch(/^([+−-]?\d[\d.,]*|—|x)/);
      await expectAccessible(page, `mirror matrix (${lang})`);
      await screenshot(page, `mirror-matrix-${lang}`);

      // Another year is bookmarkable.
      await page.locator("select").selectOption("2020");
      await page.waitForURL(/year=2020/);
      await page.waitForSelector(".mirror__matrix caption");
      expect(await shownText(page, ".mirror__matrix caption")).toContain("2020");

      await page.locator(".mirror__matrix tbody tr").first().locator("td a").first().click();
      await page.waitForSelector(".mirror__series tbody tr");
      expect(page.url()).toMatch(new RegExp(`/${lang}/mirror/[A-Z]{3}/[A-Z]{3}$`));
      await page.waitForSelector(".mirror__chart svg");
      expect(await page.locator(".mirror__series tbody tr").count()).toBeGreaterThan(5);
      const why = await shownText(page, ".mirror__why");
      expect(why).toContain(lang === "en" ? "do not deregister" : "не снимаются с учёта");
      expect(await page.locator(".mirror__why a[href^='/api/metadata/countries']").count()).toBe(2);
      await expectAccessible(page, `mirror pair (${lang})`);
      await screenshot(page, `mirror-pair-${lang}`);

      // The download is the API's CSV of the same view.
      const csv = await page.locator(".mirror__downloads a").first().getAttribute("href");
      const response = await page.request.get(`${s.url}${csv}`);
      expect(response.status()).toBe(200);
      expect((await response.text()).split("\r\n")[0]).toContain("basis,year,receiver");
    });
  }

  it("by citizenship: the basis is in the URL and the language switch keeps it", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/mirror?basis=citizenship&year=2022`);
    await page.waitForSelector(".mirror__matrix td a");
    expect(await shownText(page, ".mirror__basis")).toContain("5.2 and 6.2");
    await page.getByRole("link", { name: "Русский" }).click();
    await page.waitForURL(/\/ru\/mirror\?basis=citizenship&year=2022/);
    await page.waitForSelector(".mirror__basis");
    expect(await shownText(page, ".mirror__basis")).toContain("5.2 и 6.2");
  });

  for (const lang of ["en", "ru"] as const) {
    it(`shows the formula and source cells of an IND figure on click (${lang})`, async () => {
      const page = await s.newPage();
      await page.goto(
        `${s.url}/${lang}/tables/IND?v.reporter=ARM,KAZ&v.year=2020,2021&v.ContentsCode=NETMIG,IMMRATE,FBSHARE`,
      );
      await waitForFigures(page);
      await page.locator(".pivot__cell-button").first().click();
      await page.waitForSelector(".indicator-sources table tbody tr");
      const panel = await shownText(page, ".indicator-sources");
      expect(panel).toMatch(lang === "en" ? /Formula/ : /Формула/);
      expect(await page.locator(".indicator-sources tbody tr").count()).toBeGreaterThanOrEqual(1);
      await expectAccessible(page, `IND sources (${lang})`);
      await screenshot(page, `indicators-sources-${lang}`);
      // A source cell opens its table with that cell selected.
      await page.locator(".indicator-sources tbody a").first().click();
      await page.waitForURL(/\/tables\/T[0-9_]+\?v\.reporter=/);
      await waitForFigures(page);
    });
  }
});
