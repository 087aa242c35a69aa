/**
 * The official PxWeb 2.0 web interface (Statistics Sweden's React front end of API 2.0, the unmodified build in
 * ../shared/clients/pxweb2) against our PxWeb API 2.0, in the system Chromium: it lists the tables, opens one,
 * and shows for a changed selection exactly the figures our API answers for it, without a console error; also
 * under the server's default rate limit (MAX_CALLS=30 per 10 s). Screenshots go to reports/pxweb2.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { INDICATOR_TABLE_TITLE, TABLES } from "@clearinghouse/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../../../server/src/config.ts";
import { launchBrowser, type RunningServer, startServer } from "../../harness/index.ts";
import { type PxWeb2Site, servePxWeb2 } from "./pxweb2-site.ts";

const SCREENSHOTS = join(import.meta.dirname, "../../../../reports/pxweb2");
const WEB_FIXTURE = join(import.meta.dirname, "../../../server/test/fixtures/web");
/** The table the tests open: long-term immigration by country of previous residence. */
const TABLE = TABLES.find((t) => t.id === "T3");

interface Run {
  readonly server: RunningServer;
  readonly site: PxWeb2Site;
  readonly browser: Browser;
  /** Console errors, page errors and API answers of 400 or more, as they happen. */
  readonly problems: string[];
  /** Calls the page made to the API. */
  readonly calls: string[];
  page(): Promise<Page>;
  close(): Promise<void>;
}

async function open(maxCalls?: number): Promise<Run> {
  const server = await startServer(WEB_FIXTURE, maxCalls === undefined ? {} : { maxCalls });
  const site = await servePxWeb2(`${server.url}/api/v2`);
  const browser = await launchBrowser();
  const problems: string[] = [];
  const calls: string[] = [];
  return {
    server,
    site,
    browser,
    problems,
    calls,
    async page() {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: "en-GB" });
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("request", (r) => {
        if (r.url().startsWith(`${server.url}/api/`)) calls.push(`${r.method()} ${r.url().slice(server.url.length)}`);
      });
      page.on("response", (r) => {
        if (r.url().startsWith(`${server.url}/api/`) && r.status() >= 400) {
          problems.push(`${r.status()} from ${r.request().method()} ${r.url()}`);
        }
      });
      return page;
    },
    async close() {
      await browser.close();
      await site.close();
      await server.close();
    },
  };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The figures our API answers for a selection (as a JSON-stat 2.0 POST), asked from another client address. */
async function apiFigures(run: Run, selection: Record<string, string[]>, table = TABLE?.id): Promise<number[]> {
  const response = await run.server.app.inject({
    method: "POST",
    url: `/api/v2/tables/${table}/data?lang=en&outputFormat=json-stat2`,
    remoteAddress: "192.0.2.1",
    payload: {
      selection: Object.entries(selection).map(([variableCode, valueCodes]) => ({ variableCode, valueCodes })),
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  const values = (response.json() as { value: (number | null)[] }).value;
  return values.filter((v): v is number => v !== null).sort((a, b) => a - b);
}

/** The numbers in the data cells PxWeb 2 shows ("8,064", "14,711p"), sorted. */
async function shownFigures(page: Page): Promise<number[]> {
  const texts = await page.locator("main table td").allInnerTexts();
  return texts
    .map((text) => text.replace(/[^\d.-]/g, ""))
    .filter((text) => text !== "")
    .map(Number)
    .sort((a, b) => a - b);
}

/** Waits until the table shows `count` figures. */
async function waitForFigures(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => [...document.querySelectorAll("main table td")].filter((td) => /\d/.test(td.textContent ?? "")).length === n,
    count,
    { timeout: 20_000 },
  );
}

const REPORTERS = ["ARM", "GEO", "KAZ", "RUS"];

/** Start page → table 3 → two more years, then women only: each time the figures are the API's. */
async function browse(run: Run, name: string): Promise<void> {
  const page = await run.page();
  await page.goto(`${run.site.url}/en/`);
  await page
    .getByText(TABLE?.title.en ?? "")
    .first()
    .waitFor({ timeout: 20_000 });
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
  const start = await page.locator("main").innerText();
  for (const table of TABLES) expect(start, `the start page lists ${table.id}`).toContain(table.title.en);
  // The 12 standard tables and the indicators computed from them (table IND).
  expect(start).toContain(INDICATOR_TABLE_TITLE.en);
  expect(start).toContain("13 tables");
  await screenshot(page, `${name}-start`);

  await page
    .getByText(TABLE?.title.en ?? "")
    .first()
    .click();
  await page.waitForURL(/\/en\/table\/T3$/);
  const contents = TABLE?.content.code ?? "";
  // The default selection: every reporter, the latest year, everything else eliminated.
  await waitForFigures(page, REPORTERS.length);
  expect(await shownFigures(page)).toEqual(
    await apiFigures(run, { reporter: REPORTERS, ContentsCode: [contents], year: ["2024"] }),
  );
  await page
    .getByText(TABLE?.content.label.en ?? "")
    .first()
    .waitFor();

  await page.getByRole("button", { name: /^Year/ }).first().click();
  await page.getByRole("checkbox", { name: "2023", exact: true }).click();
  await page.getByRole("checkbox", { name: "2022", exact: true }).click();
  await waitForFigures(page, REPORTERS.length * 3);
  const years = ["2022", "2023", "2024"];
  expect(await shownFigures(page)).toEqual(
    await apiFigures(run, { reporter: REPORTERS, ContentsCode: [contents], year: years }),
  );
  await screenshot(page, `${name}-years`);

  await page.getByRole("button", { name: /^Sex/ }).first().click();
  await page.getByRole("checkbox", { name: "Women", exact: true }).click();
  const women = await apiFigures(run, { reporter: REPORTERS, ContentsCode: [contents], year: years, sex: ["F"] });
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll("main table td")]
        .map((td) => (td.textContent ?? "").replace(/[^\d.-]/g, ""))
        .filter((t) => t !== "")
        .map(Number)
        .sort((a, b) => a - b);
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    women,
    { timeout: 20_000 },
  );
  expect(await shownFigures(page)).toEqual(women);
  await screenshot(page, `${name}-women`);
  await page.close();
}

describe("the PxWeb 2.0 web interface on our API 2.0", () => {
  let run: Run;
  beforeAll(async () => {
    run = await open();
  }, 240_000);
  afterAll(async () => {
    await run?.close();
  });

  it("offers the languages its build has interface texts for", () => {
    expect(run.site.languages).toContain("en");
  });

  it("lists the 12 standard tables and IND, opens table 3 and shows the API's figures for each selection, without an error", async () => {
    await browse(run, "browse");
    expect(run.problems).toEqual([]);
    // It read the tables, the metadata, the default selection and the data, and sent selections it built.
    expect(run.calls.some((c) => c.startsWith("GET /api/v2/tables?"))).toBe(true);
    expect(run.calls.some((c) => c.startsWith("GET /api/v2/tables/T3/metadata"))).toBe(true);
    expect(run.calls.filter((c) => c.startsWith("POST /api/v2/tables/T3/data")).length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

describe("the PxWeb 2.0 web interface under the default rate limit", () => {
  let run: Run;
  const { maxCalls, timeWindowSeconds } = configFromEnv({});
  beforeAll(async () => {
    run = await open(maxCalls);
  }, 240_000);
  afterAll(async () => {
    await run?.close();
  });

  it(`browses as above and opens two more tables within ${maxCalls} calls per ${timeWindowSeconds} s, never answered 429`, async () => {
    await browse(run, "rate-limited");
    const page = await run.page();
    for (const id of ["T4", "T5_1"] as const) {
      const table = TABLES.find((t) => t.id === id);
      await page.goto(`${run.site.url}/en/`);
      await page
        .getByText(table?.title.en ?? "")
        .first()
        .click();
      await waitForFigures(page, REPORTERS.length);
      const defaults = { reporter: REPORTERS, ContentsCode: [table?.content.code ?? ""], year: ["2024"] };
      expect(await shownFigures(page)).toEqual(await apiFigures(run, defaults, id));
    }
    await screenshot(page, "rate-limited-T5_1");
    expect(run.problems).toEqual([]);
    // Fewer calls in all than one window allows: however fast a reader clicks, this browsing is never refused.
    expect(run.calls.length).toBeLessThanOrEqual(maxCalls);
  }, 120_000);
});
