/**
 * The inventory of institutions end to end, in the system Chromium, on the real build and server with the first
 * entries seeded: search in English and Russian (with a typo), facets, the map, an entry, a suggestion, sign-in and
 * its review by an editor. Every page is checked with axe; screenshots go to reports/e2e.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../server/src/auth/password.ts";
import { createUser } from "../../../server/src/auth/store.ts";
import { expectAccessible, openSession, type Session, screenshot } from "./browser.ts";

let s: Session;
beforeAll(async () => {
  s = await openSession();
}, 240_000);
afterAll(async () => {
  await s?.close();
});

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
const resultsText = (page: Page) => page.locator(".inv-list").innerText();
const countText = async (page: Page) => (await page.locator(".inv-toolbar__count").textContent()) ?? "";
/** Waits until the results answer the page's current search. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.querySelector(".inv-results")?.getAttribute("aria-busy") === "false", undefined, {
    timeout: 20_000,
  });

describe("the inventory in a browser", () => {
  it("finds Kyrgyzstan's institutions from a misspelt name, in English and Russian", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/inventory`);
    await settled(page);
    expect(await countText(page)).toMatch(/^\d+ institutions$/);
    await expectAccessible(page, "inventory search (en)");
    await screenshot(page, "inventory-en");

    await page.getByRole("searchbox", { name: "Search institutions" }).fill("Kirgizstan");
    await page.waitForURL(/\/en\/inventory\?q=Kirgizstan$/);
    await settled(page);
    expect(await resultsText(page)).toContain("Bishkek");
    expect(await resultsText(page)).toContain("National Statistical Committee of the Kyrgyz Republic");

    const ru = await s.newPage({ locale: "ru-RU" });
    await ru.goto(`${s.url}/ru/inventory?q=Kirgizstan`);
    await settled(ru);
    expect(await ru.getByRole("searchbox", { name: "Поиск организаций" }).inputValue()).toBe("Kirgizstan");
    // Russian plurals: 11 организаций, 2 организации, 21 организация.
    expect(await countText(ru)).toMatch(/^\d+ организаци(я|и|й)$/);
    expect(await resultsText(ru)).toContain("Национальный статистический комитет Кыргызской Республики");
    await expectAccessible(ru, "inventory search (ru)");
    await screenshot(ru, "inventory-ru");
  });

  it("narrows by a facet, writes it into the URL, and the URL gives the same search back", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/inventory`);
    await settled(page);
    const before = await countText(page);
    await page.getByRole("checkbox", { name: /^Armenia \d+$/ }).check();
    await page.waitForURL(/[?&]country=ARM/);
    await settled(page);
    const after = await countText(page);
    expect(after).not.toBe(before);
    expect(await resultsText(page)).toContain("Statistical Committee of the Republic of Armenia");
    expect(await resultsText(page)).not.toContain("Bishkek");

    const again = await s.newPage();
    await again.goto(page.url());
    await settled(again);
    expect(await countText(again)).toBe(after);
    expect(await again.getByRole("checkbox", { name: /^Armenia \d+$/ }).isChecked()).toBe(true);
    const csv = await again.getByRole("link", { name: "CSV" }).getAttribute("href");
    expect(csv).toBe("/api/inventory/institutions/export.csv?country=ARM&lang=en");

    await again.getByRole("button", { name: "Map" }).click();
    await again.waitForURL(/view=map/);
    await again.locator(".inv-map__frame a, .inv-map__frame button").first().waitFor();
    await expectAccessible(again, "inventory map (en)");
    await screenshot(again, "inventory-map-en");
  });

  it("works at 360 pixels wide", async () => {
    for (const lang of ["en", "ru"] as const) {
      const page = await s.newPage({ width: 360, height: 780 });
      await page.goto(`${s.url}/${lang}/inventory?topic=statistics`);
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // The wide countries × topics table scrolls inside its box; the page itself must not widen.
      await page.goto(`${s.url}/${lang}/inventory/network`);
      await page.locator(".inv-network__table").waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.goto(`${s.url}/${lang}/inventory?topic=statistics`);
      await settled(page);
      await expectAccessible(page, `inventory at 360 px (${lang})`);
      await screenshot(page, `inventory-360-${lang}`);
    }
  });

  it("shows an entry and takes a suggested correction", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await page.goto(`${s.url}/ru/inventory?q=Армстат`);
    await settled(page);
    await page.getByRole("link", { name: "Статистический комитет Республики Армения" }).click();
    await page.waitForURL(/\/ru\/inventory\/armstat$/);
    await page.getByRole("heading", { level: 1, name: /Статистический комитет Республики Армения/ }).waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: as shown
    const fields = await page.locator(".inv-entry__fields").innerText();
    expect(fields).toContain("Statistical Committee of the Republic of Armenia");
    expect(fields).toContain("Армения");
    expect(await page.locator('a[rel="noopener noreferrer"]').first().getAttribute("href")).toMatch(/^https?:\/\//);
    await page.locator(".inv-map__pin").waitFor();
    await expectAccessible(page, "entry (ru)");
    await screenshot(page, "inventory-entry-ru");

    await page.getByRole("link", { name: "Предложить исправление" }).click();
    await page.waitForURL(/\/ru\/inventory\/suggest\?correct=armstat$/);
    const city = page.getByLabel("Город", { exact: true });
    await city.waitFor();
    expect(await city.inputValue()).toBe("Yerevan");
    // A problem found in the browser is shown next to its field, and nothing is sent.
    await page.getByLabel("Сайт").fill("armstat.am");
    await page.getByRole("button", { name: "Отправить предложение" }).click();
    await page.getByText("Это не адрес сайта, начинающийся с http:// или https://.").waitFor();
    expect(await page.getByLabel("Сайт").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "suggestion form with a problem (ru)");
    await screenshot(page, "inventory-suggest-problem-ru");

    await page.getByLabel("Сайт").fill("https://armstat.am/ru/");
    await city.fill("Ереван");
    await page.getByRole("button", { name: "Отправить предложение" }).click();
    await page.getByText("Спасибо. Ваше предложение получено").waitFor();
    await expectAccessible(page, "suggestion sent (ru)");
  });

  it("lets an editor sign in, compare the suggestion and accept it", async () => {
    const password = "a long editor passphrase 7";
    await createUser(
      s.server.storage.db,
      { email: "editor@example.org", name: "Editor", role: "editor", passwordHash: await hashPassword(password) },
      new Date(),
    );
    const page = await s.newPage();
    await page.goto(`${s.url}/en/moderation`);
    await page.getByRole("link", { name: "Sign in as an editor to review suggestions." }).click();
    await page.waitForURL(/\/en\/signin\?next=/);
    await page.getByLabel("E-mail").fill("editor@example.org");
    await page.getByLabel("Password").fill("wrong password here");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(".status--error").waitFor();
    await expectAccessible(page, "sign-in refused (en)");
    await screenshot(page, "inventory-signin-refused");

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/en\/moderation$/);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.locator(".inv-list a").first().click();
    await page.waitForURL(/\/en\/moderation\/\d+$/);
    const changed = page.locator(".inv-diff__row--changed");
    await changed.first().waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: as shown
    const diff = await page.locator(".inv-diff").innerText();
    expect(diff).toContain("https://armstat.am/ru/");
    expect(diff).toContain("Ереван");
    expect(await changed.count()).toBe(2);
    await expectAccessible(page, "suggestion review (en)");
    await screenshot(page, "inventory-review-en");
    // Labels, not stored codes; and the review fits a phone's width.
    await page.getByLabel("Show unchanged fields too").check();
    // biome-ignore lint/performance/useDomNodeTextContent: as shown
    const all = await page.locator(".inv-diff").innerText();
    expect(all).toContain("Government body");
    expect(all).toContain("Armenia");
    expect(all).not.toMatch(/\bgovernment\b|\bARM\b|\bfalse\b/);
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, "suggestion review at 360 px (en)");
    await screenshot(page, "inventory-review-360-en");
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel("To accept: City", { exact: true }).fill("Yerevan");
    await page.getByRole("button", { name: "Accept" }).click();
    await page.getByText(/Accepted: the entry is now at version \d+/).waitFor();
    const entry = await (await fetch(`${s.url}/api/inventory/institutions/armstat?lang=en`)).json();
    expect(entry).toMatchObject({ website: "https://armstat.am/ru/", city: "Yerevan" });

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in", exact: true }).waitFor();
  });

  it("shows hostile texts as text", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/inventory?q=${encodeURIComponent('<img src=x onerror="window.pwned=1">')}`);
    await settled(page);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.getByRole("searchbox", { name: "Search institutions" }).inputValue()).toContain("<img");
  });

  it("lets an editor merge a likely duplicate and look through broken links", async () => {
    const password = "a long merger passphrase 9";
    await createUser(
      s.server.storage.db,
      { email: "merger@example.org", name: "Merger", role: "editor", passwordHash: await hashPassword(password) },
      new Date(),
    );
    const page = await s.newPage();
    await page.goto(`${s.url}/en/moderation/duplicates`);
    await page.getByRole("link", { name: "Sign in as an editor to review suggestions." }).click();
    await page.waitForURL(/\/en\/signin\?next=/);
    await page.getByLabel("E-mail").fill("merger@example.org");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/en\/moderation\/duplicates$/);
    await page.locator(".inv-moderation p[role=status]").first().waitFor({ state: "attached" });

    // Two near-identical entries, suggested and accepted through the API as the signed-in editor.
    const { csrfToken } = (await (await page.request.get(`${s.url}/api/auth/me`)).json()) as { csrfToken: string };
    const headers = { "x-csrf-token": csrfToken };
    for (const name of ["Caspian Migration Observatory", "Caspian Migration Observatroy"]) {
      const fields = {
        name_en: name,
        category: "academic",
        country: "AZE",
        city: "Baku",
        website: "https://cmo.example.az",
      };
      const made = await page.request.post(`${s.url}/api/inventory/suggestions`, {
        headers,
        data: { kind: "new", fields },
      });
      expect(made.status()).toBe(201);
      const { id } = (await made.json()) as { id: number };
      expect(
        (await page.request.post(`${s.url}/api/inventory/suggestions/${id}/accept`, { headers, data: {} })).status(),
      ).toBe(200);
    }
    // The pairs come ten a page, most alike first: open the one with the new pair.
    const all = (await (await page.request.get(`${s.url}/api/inventory/duplicates?limit=200`)).json()) as {
      items: { a: { name: string }; b: { name: string } }[];
    };
    const at = all.items.findIndex((p) => [p.a.name, p.b.name].includes("Caspian Migration Observatroy"));
    expect(at).toBeGreaterThanOrEqual(0);
    await page.goto(`${s.url}/en/moderation/duplicates?page=${Math.floor(at / 10) + 1}`);
    const pair = page.locator(".inv-dup__pair", { hasText: "Caspian Migration Observatroy" });
    await pair.waitFor();
    // Each side's place and website come with the entry's own answer.
    await pair.getByText("Baku, Azerbaijan").first().waitFor();
    await expectAccessible(page, "likely duplicates (en)");
    await screenshot(page, "inventory-duplicates-en");

    await pair.getByRole("button", { name: "Merge into this one: Caspian Migration Observatory" }).click();
    await page.getByLabel("Reason for the history (optional)").fill("typo in the name");
    await expectAccessible(page, "merge confirmation (en)");
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await page
      .getByText("Merged: «Caspian Migration Observatroy» is now part of «Caspian Migration Observatory».")
      .waitFor();
    await page.locator(".inv-dup__pair", { hasText: "Caspian Migration Observatroy" }).waitFor({ state: "detached" });
    const pairs = (await (await page.request.get(`${s.url}/api/inventory/duplicates`)).json()) as {
      items: { a: { name: string }; b: { name: string } }[];
    };
    expect(pairs.items.some((p) => [p.a.name, p.b.name].includes("Caspian Migration Observatroy"))).toBe(false);

    await page.getByRole("link", { name: "Broken links" }).click();
    await page.waitForURL(/\/en\/moderation\/links$/);
    await page.getByRole("heading", { level: 1, name: "Broken links" }).waitFor();
    await page.getByRole("link", { name: "Unreachable" }).click();
    await page.waitForURL(/\/en\/moderation\/links\?state=unreachable$/);
    await page.locator(".inv-moderation p[role=status]").waitFor();
    await expectAccessible(page, "broken links (en)");
    await screenshot(page, "inventory-links-en");
  }, 60_000);

  it("shows who works on what in both languages, each count leading to the same search", async () => {
    for (const lang of ["en", "ru"] as const) {
      const page = await s.newPage(lang === "ru" ? { locale: "ru-RU" } : {});
      await page.goto(`${s.url}/${lang}/inventory/network`);
      const table = page.locator(".inv-network__table");
      await table.waitFor();
      const armenia = table.locator("tr", { hasText: lang === "ru" ? "Армения" : "Armenia" }).first();
      const cell = armenia.getByRole("link", { name: lang === "ru" ? /Статистика/ : /Statistics/ });
      const count = Number((await cell.textContent())?.replace(/\D/g, ""));
      expect(count).toBeGreaterThan(0);
      await expectAccessible(page, `who works on what (${lang})`);
      await screenshot(page, `inventory-network-${lang}`);
      await cell.click();
      await page.waitForURL(/country=ARM&topic=statistics/);
      await settled(page);
      expect(Number((await countText(page)).replace(/\D/g, ""))).toBe(count);
    }
  }, 60_000);

  it("shows an entry's relationships both ways, how current it is, and whom to contact", async () => {
    const ru = await s.newPage({ locale: "ru-RU" });
    await ru.goto(`${s.url}/ru/inventory/iom-armenia`);
    const related = ru.locator("#inv-relationships").locator("..");
    await related.getByText("Вышестоящая организация:").waitFor();
    await related.getByRole("link", { name: "Международная организация по миграции" }).waitFor();
    await ru.getByText(/Секретариат ещё не проверял эту запись/).waitFor();
    await ru.getByRole("heading", { name: "Возможно, вам стоит связаться" }).waitFor();
    await expectAccessible(ru, "entry with relationships (ru)");
    await screenshot(ru, "inventory-entry-relationships-ru");
    await related.getByRole("link", { name: "Международная организация по миграции" }).click();
    await ru.waitForURL(/\/ru\/inventory\/iom$/);
    await ru
      .locator("#inv-relationships")
      .locator("..")
      .getByRole("link", { name: /в Армении/ })
      .waitFor();

    const en = await s.newPage();
    await en.goto(`${s.url}/en/inventory/releases`);
    await en.getByRole("heading", { level: 1, name: "Releases of the inventory" }).waitFor();
    await en.getByText("Creative Commons Attribution 4.0 International").first().waitFor();
    await expectAccessible(en, "releases (en)");
    await screenshot(en, "inventory-releases-en");
  });
});
