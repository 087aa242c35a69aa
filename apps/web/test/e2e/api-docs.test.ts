/**
 * The server's security headers do not break what browsers do with it: the API reference (Swagger UI at /api/docs)
 * renders under the Content-Security-Policy, the HTML table of outputFormat=html shows, and a script of another
 * site still reads the public API (CORS). No web build is needed: these pages are the server's own.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type RunningServer, startServer } from "../../harness/index.ts";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer(join(import.meta.dirname, "no-web-build"), { reporters: ["ARM"] });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page (under the server's own policy: no bypass) and the policy violations it reports. */
async function strictPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

describe("security headers in a browser", () => {
  it("renders the API reference under the Content-Security-Policy", async () => {
    const { page, violations } = await strictPage();
    const response = await page.goto(`${server.url}/api/docs/`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    await page
      .locator(".swagger-ui .info .title")
      .filter({ hasText: "Migration Statistics Clearinghouse API" })
      .waitFor();
    // The operations are listed from the OpenAPI document.
    await page.locator(".opblock-summary-path").filter({ hasText: "/api/v2/tables" }).first().waitFor();
    expect(violations).toEqual([]);
  });

  it("shows an HTML table of the API under its policy", async () => {
    const { page, violations } = await strictPage();
    const response = await page.goto(`${server.url}/api/v2/tables/T1_1/data?outputFormat=html`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await page.locator("table").first().waitFor();
    expect(violations).toEqual([]);
  });

  it("lets a script of another site read the public API", async () => {
    // Another site: a blank page on another port, so the browser applies CORS and the resource policy.
    const site = createServer((_request, response) => response.end("<!doctype html><title>other site</title>"));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      const { page } = await strictPage();
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      const answer = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, json: (await res.json()) as { apiVersion?: string } };
      }, `${server.url}/api/v2/config`);
      expect(answer).toMatchObject({ status: 200, json: { apiVersion: "2.0" } });
    } finally {
      site.close();
    }
  });
});
