/**
 * A table's history in the browser, in English and Russian: the versions with their notes, a past version viewed
 * as released (kept in the URL, with its banner, its downloads and snippets reading it), and the comparison of two
 * versions. Table 2.1 of the demo database gets two more versions here, made as a release makes them.
 */
import { type Dataset, strides } from "@clearinghouse/cube";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset, saveTableVersion } from "../../../server/src/tables/repository.ts";
import { expectAccessible, openSession, type Session, screenshot, waitForFigures } from "./browser.ts";

let s: Session;
const TABLE = "T2_1";
/** The one cell the view selects, and the figures versions 1, 2 and 3 give it. */
let selected: Record<string, string>;
let figures: number[];

/** The index of the cell with these codes. */
function cellAt(ds: Dataset, codes: Record<string, string>): number {
  const stride = strides(ds.dimensions);
  return ds.dimensions.reduce(
    (at, d, k) => at + d.categories.findIndex((c) => c.code === codes[d.code]) * (stride[k] as number),
    0,
  );
}

beforeAll(async () => {
  s = await openSession();
  const db = s.server.storage.db;
  const first = await loadDataset(db, TABLE, 1);
  if (!first) throw new Error("no demo table 2.1");
  // A figure (not a symbol) of one reporter in one year, every other variable at its first value.
  const reporter = first.dimensions.find((d) => d.code === "reporter");
  const time = first.dimensions.find((d) => d.role === "time");
  const base = Object.fromEntries(first.dimensions.map((d) => [d.code, d.categories[0]?.code as string]));
  const candidates = (reporter?.categories ?? []).flatMap((r) =>
    [...(time?.categories ?? [])].reverse().map((y) => ({ ...base, reporter: r.code, [time?.code ?? "year"]: y.code })),
  );
  const found = candidates.find(
    (codes) => first.status[cellAt(first, codes)] === 0 && (first.values[cellAt(first, codes)] ?? 0) > 0,
  );
  if (!found) throw new Error("no figure in table 2.1");
  selected = found;
  const cell = cellAt(first, selected);
  const old = first.values[cell] as number;
  figures = [old, old + 1234, old + 1234];
  const node = await db
    .selectFrom("tree_node")
    .select(["parent_id"])
    .where("code", "=", TABLE)
    .executeTakeFirstOrThrow();
  // Keep the table where it is: the path of its folders, read back from the tree.
  const segments: { code: string; label: Record<string, string>; sort: number }[] = [];
  for (let id = node.parent_id; id !== null; ) {
    const folder = await db.selectFrom("tree_node").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    segments.unshift({ code: folder.code, label: folder.label, sort: folder.sort });
    id = folder.parent_id;
  }
  const revised = { ...first, values: first.values.map((v, i) => (i === cell ? (figures[1] as number) : v)) };
  await saveTableVersion(db, {
    tableId: TABLE,
    path: segments,
    dataset: revised,
    sourceName: "submission 1",
    revisionNote: { en: "A figure of the latest year revised", ru: "Пересмотрена цифра последнего года" },
    submissionId: 1,
  });
  // Version 3: another cell changes, so version 3 against 1 differs in two cells.
  const other = cell === 0 ? 1 : 0;
  const third = { ...revised, values: revised.values.map((v, i) => (i === other ? v + 1 : v)) };
  await saveTableVersion(db, {
    tableId: TABLE,
    path: segments,
    dataset: third,
    sourceName: "submission 2",
    revisionNote: { en: "One more correction", ru: "Ещё одно исправление" },
    submissionId: 2,
  });
  // The catalogue snapshot shows a new version within two seconds.
  for (let tries = 0; tries < 50; tries++) {
    const versions = (await (await fetch(`${s.url}/api/tables/${TABLE}/versions`)).json()) as unknown[];
    if (versions.length === 3) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 240_000);
afterAll(async () => {
  await s?.close();
});

const viewQuery = () =>
  Object.entries(selected)
    .map(([code, value]) => `v.${encodeURIComponent(code)}=${encodeURIComponent(value)}`)
    .join("&");

const gridText = async (page: Page) => (await page.locator("main table tbody").textContent()) ?? "";

describe("a table's history in a browser", () => {
  it("lists the versions, shows one as released with a banner, and compares it (English)", async () => {
    const page = await s.newPage();
    await page.goto(`${s.url}/en/tables/${TABLE}?${viewQuery()}`);
    await waitForFigures(page);
    expect(await gridText(page)).toContain((figures[2] as number).toLocaleString("en-GB"));
    await page.getByText("History: 3 versions").click();
    const history = page.locator(".version-history");
    await history.getByText("A figure of the latest year revised").waitFor();
    expect(await history.locator(".version-history__item").count()).toBe(3);
    expect(
      await history.getByRole("link", { name: "Follow this table's releases (Atom feed)" }).getAttribute("href"),
    ).toBe(`/api/tables/${TABLE}/feed.atom?lang=en`);
    await expectAccessible(page, "table page with its history (en)");
    await screenshot(page, "history-en");

    // Version 1 as released: the URL keeps it, a banner says so, the figures are the old ones.
    await history.locator(".version-history__item").nth(2).getByRole("link", { name: "View as released" }).click();
    await page.waitForURL(/[?&]version=1(&|$)/);
    expect(page.url()).toContain(`v.reporter=${selected.reporter}`);
    const banner = page.locator(".version-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /^You are viewing the version released on \d{1,2} \w+ \d{4} \(version 1\)\./,
    );
    await page.waitForFunction(
      (old) => document.querySelector("main table tbody")?.textContent?.includes(old),
      (figures[0] as number).toLocaleString("en-GB"),
    );
    // Downloads and "use this in code" read version 1 too.
    await page.getByRole("button", { name: "Download" }).click();
    const csv = await page.getByRole("link", { name: /CSV, comma-separated/ }).getAttribute("href");
    expect(csv).toContain("version=1");
    // The demo's table is illustrative, and its file name says so.
    expect(await page.getByRole("link", { name: /CSV, comma-separated/ }).getAttribute("download")).toBe(
      `${TABLE}-v1-illustrative.csv`,
    );
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Use this in code" }).click();
    await page.locator(".code-panel pre").first().waitFor();
    // The open panel (the save and embed panels beside it are hidden).
    expect(await page.locator(".code-panel:not([hidden])").textContent()).toContain("version=1");
    // A bookmark of this address opens the same version.
    const bookmark = page.url();
    const again = await s.newPage();
    await again.goto(bookmark);
    await again.locator(".version-banner").waitFor();
    await expectAccessible(page, "a past version (en)");
    await screenshot(page, "history-version-1-en");

    // "See the current version" drops the version and keeps the selection.
    await banner.getByRole("link", { name: "See the current version" }).click();
    await page.waitForURL(
      (url) => !url.search.includes("version=") && url.search.includes(`v.reporter=${selected.reporter}`),
    );
    expect(await page.locator(".version-banner").count()).toBe(0);

    // Compare version 2 with version 1: the one revised cell, its old and new figure.
    await page.getByText("History: 3 versions").click();
    await page.locator(".version-history__item").nth(1).getByRole("link", { name: "Compare with version 1" }).click();
    await page.waitForURL(/\/en\/tables\/T2_1\/compare\?from=1&to=2$/);
    const counts = page.locator(".compare-page__counts");
    await counts.waitFor();
    expect(await counts.textContent()).toContain("1 cell changed");
    const rows = page.locator(".compare-page__table tbody tr");
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain("changed");
    expect(row).toContain(selected.reporter === "ARM" ? "Armenia" : "");
    expect(row).toContain((figures[0] as number).toLocaleString("en-GB"));
    expect(row).toContain((figures[1] as number).toLocaleString("en-GB"));
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toBe(
      `/api/tables/${TABLE}/compare?from=1&to=2&format=csv&lang=en`,
    );
    // Any two versions: 1 against 3 differ in two cells.
    await page.getByLabel("Newer version").selectOption("3");
    await page.waitForURL(/from=1&to=3$/);
    await page.waitForFunction(() =>
      document.querySelector(".compare-page__counts")?.textContent?.includes("2 cells changed"),
    );
    await expectAccessible(page, "comparison (en)");
    await screenshot(page, "compare-en");
  });

  it("does the same in Russian, with Russian dates and plurals", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await page.goto(
      `${s.url}/ru/tables/${TABLE}?asOf=${new Date(Date.now() + 3600_000).toISOString().slice(0, 10)}&${viewQuery()}`,
    );
    await waitForFigures(page);
    // A date after the last release: the current version, no banner.
    expect(await page.locator(".version-banner").count()).toBe(0);
    await page.getByText("История: 3 версии").click();
    const history = page.locator(".version-history");
    await history.getByText("Пересмотрена цифра последнего года").waitFor();
    await history
      .locator(".version-history__item")
      .nth(1)
      .getByRole("link", { name: "Показать в выпущенном виде" })
      .click();
    await page.waitForURL(/[?&]version=2(&|$)/);
    const banner = page.locator(".version-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /^Вы смотрите версию, выпущенную \d{1,2} [а-я]+ \d{4} г?\.? ?\(версия 2\)\./,
    );
    await screenshot(page, "history-version-2-ru");

    await history.locator(".version-history__item").nth(1).getByRole("link", { name: "Сравнить с версией 1" }).click();
    await page.waitForURL(/\/ru\/tables\/T2_1\/compare\?from=1&to=2$/);
    const counts = page.locator(".compare-page__counts");
    await counts.waitFor();
    const text = await counts.textContent();
    expect(text).toContain("Изменена 1 ячейка");
    expect(text).toContain("Добавлено 0 ячеек");
    const row = await page.locator(".compare-page__table tbody tr").first().textContent();
    expect(row).toContain("изменена");
    expect(row).toContain(selected.reporter === "ARM" ? "Армения" : "");
    expect(await page.getByRole("link", { name: "Скачать Excel" }).getAttribute("href")).toContain(
      "format=xlsx&lang=ru",
    );
    await page.getByLabel("Новая версия").selectOption("3");
    await page.waitForFunction(() =>
      document.querySelector(".compare-page__counts")?.textContent?.includes("Изменены 2 ячейки"),
    );
    await expectAccessible(page, "comparison (ru)");
    await screenshot(page, "compare-ru");
  });
});
