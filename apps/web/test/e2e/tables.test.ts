/**
 * The table page's bookmarks, views and neighbours (issue 16), in both languages, under the server's default rate
 * limit (30 calls per 10 s): rolling periods in the URL and in saved queries, the breadcrumb and related tables,
 * "table not found", a search for a country preselecting it, value lists by label, per cent of total and per 1,000
 * population, 30 fast clicks without "too many calls", and the embed snippet and page.
 */
import { createServer } from "node:http";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, openSession, type Session, screenshot, waitForFigures } from "./browser.ts";

let s: Session;
beforeAll(async () => {
  // The server's default limit (config.ts MAX_CALLS): the interface must never meet it.
  s = await openSession({ maxCalls: 30 });
}, 240_000);
afterAll(async () => {
  await s?.close();
});

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
const headerText = (page: Page) => page.locator("main table thead").innerText();
// biome-ignore lint/performance/useDomNodeTextContent: as above
const bodyText = (page: Page) => page.locator("main table tbody").innerText();
// biome-ignore lint/performance/useDomNodeTextContent: as above
const shown = (locator: Locator) => locator.innerText();
const noError = async (page: Page) => expect(await page.locator("[role=alert]").allInnerTexts()).toEqual([]);

describe("bookmarks that roll forward", () => {
  for (const [lang, latest, lastFive, hint] of [
    ["en", "Latest", "Last 5", "always the latest 5 periods"],
    ["ru", "Последний", "Последние 5", "всегда последние 5 периодов"],
  ] as const) {
    it(`keeps "latest" and "last 5" as top(n) in the URL (${lang})`, async () => {
      const page = await s.newPage({ locale: lang });
      await page.goto(`${s.url}/${lang}/tables/T2_1`);
      await waitForFigures(page);
      await page.getByRole("button", { name: lastFive, exact: true }).click();
      await page.waitForURL(/v\.year=top\(5\)/);
      await waitForFigures(page);
      expect(await page.getByRole("button", { name: lastFive, exact: true }).getAttribute("aria-pressed")).toBe("true");
      expect(await page.locator(".var-box__hint").allInnerTexts()).toContainEqual(expect.stringContaining(hint));
      // The five latest years of the demo tables, 2020–2024, are what the rule selects today.
      for (const year of ["2020", "2024"]) expect(await headerText(page)).toContain(year);
      expect(await headerText(page)).not.toContain("2019");
      // A checkbox changed by hand makes the periods fixed.
      await page.getByRole("checkbox", { name: "2020", exact: true }).uncheck();
      await page.waitForURL(/v\.year=2021,2022,2023,2024/);
      await page.getByRole("button", { name: latest, exact: true }).click();
      await page.waitForURL(/v\.year=top\(1\)/);
      await waitForFigures(page);
      const again = await s.newPage({ locale: lang });
      await again.goto(page.url());
      await waitForFigures(again);
      expect(await again.getByRole("checkbox", { name: "2024", exact: true }).isChecked()).toBe(true);
      expect(await again.getByRole("checkbox", { name: "2023", exact: true }).isChecked()).toBe(false);
      await noError(again);
    });
  }

  it("saves a query with rolling periods and opens it with the rule kept (en), fixed periods stay codes (ru)", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T2_1?v.reporter=ARM,GEO&v.year=top(2)`);
    await waitForFigures(page);
    await page.getByRole("button", { name: "Save query" }).click();
    await page.getByRole("radio", { name: /Keep the latest 2 periods/ }).check();
    await page.getByRole("button", { name: "Get link" }).click();
    const link = page.locator(".snippet pre").first();
    await link.waitFor();
    const url = (await shown(link)).trim();
    expect(url).toMatch(/\/en\/tables\/T2_1\?saved=[\w-]{16}$/);
    await expectAccessible(page, "save query panel");
    await screenshot(page, "save-query-en");
    const opened = await s.newPage();
    await opened.goto(url);
    await opened.waitForURL(/v\.year=top\(2\)/);
    expect(opened.url()).toContain("v.reporter=ARM,GEO");
    await waitForFigures(opened);

    const ru = await s.newPage({ locale: "ru" });
    await ru.goto(`${s.url}/ru/tables/T2_1?v.reporter=ARM&v.year=2019,2021`);
    await waitForFigures(ru);
    await ru.getByRole("button", { name: "Сохранить запрос" }).click();
    // 2019 and 2021 are not the latest periods without a gap: only "fixed" can be chosen.
    expect(await ru.getByRole("radio", { name: /Сохранять 2 последних периода/ }).isDisabled()).toBe(true);
    await ru.getByRole("button", { name: "Получить ссылку" }).click();
    const ruLink = ru.locator(".snippet pre").first();
    await ruLink.waitFor();
    const reopened = await s.newPage({ locale: "ru" });
    await reopened.goto((await shown(ruLink)).trim());
    await reopened.waitForURL(/v\.year=2019,2021/);
    await waitForFigures(reopened);
    await noError(reopened);
  });
});

describe("a table among the others", () => {
  it("shows its chapter and related tables, the link keeping countries and years (en and ru)", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T3?v.reporter=KAZ&v.year=top(2)`);
    await waitForFigures(page);
    const crumbs = page.getByRole("navigation", { name: "You are here" });
    expect(await shown(crumbs)).toMatch(/^Tables[\s\S]*Immigration[\s\S]*Long-term immigration/);
    const related = page.getByRole("region", { name: "Related tables" });
    await related.getByRole("link", { name: "Long-term emigration by country of next residence" }).click();
    await page.waitForURL(/\/en\/tables\/T4\?v\.reporter=KAZ&v\.year=top\(2\)$/);
    await waitForFigures(page);
    await expectAccessible(page, "table with related tables");

    const ru = await s.newPage({ locale: "ru" });
    await ru.goto(`${s.url}/ru/tables/T6_2`);
    await waitForFigures(ru);
    expect(await shown(ru.getByRole("navigation", { name: "Вы находитесь здесь" }))).toContain("Эмиграция");
    await ru
      .getByRole("region", { name: "Связанные таблицы" })
      .getByRole("link", { name: "Долгосрочная иммиграция по стране гражданства" })
      .waitFor();
    await ru.goto(`${s.url}/ru/tables/T1_2`);
    await ru.getByRole("link", { name: "Население по месту рождения" }).last().waitFor();
  });

  it('says "table not found" for an unknown table (en and ru)', async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/NOPE`);
    await page.getByRole("heading", { name: "Table not found" }).waitFor();
    expect(await shown(page.locator("main"))).not.toContain("Something went wrong");
    await page.goto(`${s.url}/ru/tables/NOPE`);
    await page.getByRole("heading", { name: "Таблица не найдена" }).waitFor();
    expect(await shown(page.locator("main"))).not.toContain("Что-то пошло не так");
  });

  for (const [lang, query, name] of [
    ["en", "Kazakhstan", "Kazakhstan"],
    ["ru", "Казахстан", "Казахстан"],
  ] as const) {
    it(`opens a table from a search for a country with that country selected (${lang})`, async () => {
      const page = await s.newPage({ locale: lang });
      await page.goto(`${s.url}/${lang}/?q=${encodeURIComponent(query)}`);
      await page.locator("#table-search-results a[href*='/tables/T3']").click();
      await page.waitForURL(/\/tables\/T3\?v\.reporter=KAZ$/);
      await waitForFigures(page);
      expect(await page.getByRole("checkbox", { name, exact: true }).first().isChecked()).toBe(true);
      expect(await bodyText(page)).toContain(name);
    });
  }

  it("orders a value list by its labels in the page's language: Азербайджан before Армения", async () => {
    const box = (page: Page) =>
      page.locator(".var-box", {
        has: page.getByRole("group", {
          name: /^(Значения: Страна предыдущего проживания|Values of Country of previous residence)$/,
        }),
      });
    const labelsOf = (page: Page) => box(page).locator(".var-box__value-label").allInnerTexts();
    const ru = await s.newPage({ locale: "ru" });
    await ru.goto(`${s.url}/ru/tables/T3`);
    await waitForFigures(ru);
    const before = await labelsOf(ru);
    expect(before.indexOf("Армения")).toBeLessThan(before.indexOf("Азербайджан"));
    await box(ru).getByRole("button", { name: "По алфавиту" }).click();
    const after = await labelsOf(ru);
    expect(after.indexOf("Азербайджан")).toBeLessThan(after.indexOf("Армения"));
    expect(after).toEqual([...after].sort((a, b) => a.localeCompare(b, "ru")));
    const en = await s.newPage();
    await en.goto(`${s.url}/en/tables/T3`);
    await waitForFigures(en);
    await box(en).getByRole("button", { name: "Sort by name" }).click();
    const english = await labelsOf(en);
    expect(english).toEqual([...english].sort((a, b) => a.localeCompare(b, "en")));
  });
});

describe("views of the figures", () => {
  it("shows per cent of total (en) and per 1,000 population with its source (ru)", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/T2_1?v.reporter=ARM&v.year=2024&v.citstatus=_T,FOR&v.sex=&v.age=`);
    await waitForFigures(page);
    await page.getByLabel("Show", { exact: true }).selectOption("percent");
    await page.waitForURL(/calc=percent/);
    await page.waitForFunction(() => document.querySelector("main table tbody")?.textContent?.includes("100.0"));
    expect(await shown(page.locator(".calc-picker__about"))).toContain("per cent of “Total” of Citizenship status");
    await screenshot(page, "percent-en");
    // Without the total selected, the page says so and offers it.
    await page.getByRole("checkbox", { name: "Total", exact: true }).first().uncheck();
    await page.getByRole("button", { name: "Select the total" }).click();
    await page.waitForFunction(() => document.querySelector("main table tbody")?.textContent?.includes("100.0"));

    const ru = await s.newPage({ locale: "ru" });
    await ru.goto(`${s.url}/ru/tables/T3?v.reporter=ARM,KAZ&v.year=2023,2024&v.prevres=_T&v.sex=&v.age=&calc=per1000`);
    await waitForFigures(ru);
    expect(await shown(ru.locator(".calc-picker__about"))).toContain("таблица 2.1");
    // A rate per 1,000 of tens of thousands of immigrants in millions of people: a few, with two decimals.
    expect(await bodyText(ru)).toMatch(/\d,\d\d/);
    await expectAccessible(ru, "per 1,000 population (ru)");
    await screenshot(ru, "per1000-ru");
  });
});

describe("the rate limit", () => {
  for (const lang of ["en", "ru"] as const) {
    it(`takes 30 fast clicks without "too many calls" and shows the last selection (${lang})`, async () => {
      const page = await s.newPage({ locale: lang });
      await page.goto(`${s.url}/${lang}/tables/T2_1?v.reporter=ARM&v.year=2024`);
      await waitForFigures(page);
      const box = page.getByRole("checkbox", { name: "2023", exact: true });
      // 30 clicks, each after the page's settling time, so that each would have been a call of its own.
      for (let i = 0; i < 30; i++) {
        await box.click();
        await page.waitForTimeout(200);
      }
      // An even number of clicks: 2023 is off again.
      await page.waitForURL(/v\.year=2024(&|$)/);
      await waitForFigures(page);
      await page.waitForFunction(() => !document.querySelector("main table thead")?.textContent?.includes("2023"), {
        timeout: 20_000,
      });
      await noError(page);
      expect(await shown(page.locator("main"))).not.toMatch(/too many calls|слишком много запросов/);
    }, 60_000);
  }
});

describe("embedding", () => {
  for (const [lang, button, source] of [
    ["en", "Embed", "Full table T2_1"],
    ["ru", "Встроить", "Полная таблица T2_1"],
  ] as const) {
    it(`gives a frame with the selection, view and language, which another site can show (${lang})`, async () => {
      const page = await s.newPage({ locale: lang });
      await page.goto(`${s.url}/${lang}/tables/T2_1?v.reporter=ARM,GEO&v.year=top(3)&view=chart`);
      await page.getByRole("button", { name: button, exact: true }).click();
      const code = (await shown(page.locator(".snippet pre").first())).trim();
      expect(code).toMatch(
        new RegExp(`^<iframe src="${s.url}/${lang}/embed/tables/T2_1\\?v\\.reporter=ARM,GEO&amp;v\\.year=top\\(3\\)`),
      );
      expect(code).toContain("view=chart");
      // The embedded page by itself: the chart, its source line, no site header or footer.
      const alone = await s.newPage({ locale: lang });
      await alone.goto(code.match(/src="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&") ?? "");
      const problems: string[] = [];
      alone.on("console", (m) => problems.push(`${m.type()}: ${m.text()}`));
      await alone
        .locator("main svg[role=group]")
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          throw new Error(`${String(error)}\n${alone.url()}\n${problems.join("\n")}\n${await alone.content()}`);
        });
      expect(await shown(alone.locator(".embedded__source"))).toContain(source);
      expect(await alone.locator("header.site-header, footer").count()).toBe(0);
      // Another site: a page of another origin (localhost, while the app is 127.0.0.1) holding the frame, served
      // from the loopback like the app, as Chromium's local-network checks refuse a public page framing 127.0.0.1.
      const other = createServer((_request, response) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(`<!doctype html><html><body>${code}</body></html>`);
      });
      await new Promise<void>((resolve) => other.listen(0, "localhost", resolve));
      const address = other.address();
      const host = await s.newPage({ locale: lang });
      await host.goto(`http://localhost:${typeof address === "object" && address ? address.port : 0}/`);
      const frame = host.frameLocator("iframe");
      await frame
        .locator("svg[role=group]")
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          const inner = host.frames()[1];
          throw new Error(`${String(error)}\nframe: ${inner?.url()}\n${inner ? await inner.content() : "none"}`);
        });
      expect(await shown(frame.locator(".embedded__source"))).toContain(source);
      expect(await frame.locator("header.site-header, footer").count()).toBe(0);
      await screenshot(host, `embed-${lang}`);
      await new Promise((resolve) => other.close(resolve));
    }, 90_000);
  }
});
