/**
 * The browser tests' shared setup: the build and the demo database of global-setup.ts, one server and one Chromium
 * per test file; pages with an accessibility check (axe-core) and screenshots kept in reports/e2e as test artifacts.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { launchBrowser, type RunningServer, startServer } from "../../harness/index.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCREENSHOTS = join(import.meta.dirname, "../../../../reports/e2e");

export interface Session {
  readonly url: string;
  readonly browser: Browser;
  readonly server: RunningServer;
  newPage(options?: { locale?: string; width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

/** `maxCalls`: the public API's rate limit per 10 s window (default: high enough never to meet it). */
export async function openSession(options: { maxCalls?: number } = {}): Promise<Session> {
  const demoDatabase = new Blob([readFileSync(inject("demoDatabase"))]);
  const server = await startServer(inject("webDir"), { demoDatabase, ...options });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    server,
    async newPage({ locale = "en-GB", width = 1280, height = 900 } = {}) {
      // bypassCSP lets the tests inject axe-core; the app itself runs under the server's policy in production.
      const context = await browser.newContext({
        locale,
        viewport: { width, height },
        bypassCSP: true,
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw new Error(`page error: ${error.message}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Runs axe-core on the page and fails on any serious or critical violation, naming each. */
export async function expectAccessible(page: Page, context = "page"): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<AxeResult> } }).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `accessibility of ${context}`).toEqual([]);
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** Saves a screenshot as a test artifact (reports/e2e/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the table page shows figures and nothing is loading. */
export async function waitForFigures(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll("main table td").length > 0 && !document.querySelector("[aria-busy=true]"),
    undefined,
    { timeout: 20_000 },
  );
}
