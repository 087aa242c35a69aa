/**
 * The web interface's weight and speed, next to baselines measured in the same run:
 *
 *   npm run bench:web
 *
 * 1. Shipped bytes: builds the app and sums the gzipped JavaScript and CSS the first page loads (index.html's
 *    script, its static imports and styles), then the chunks loaded on demand (table page, charts, map).
 *    Baseline: a Vite build of React alone rendering one line — the floor of any React page.
 *    Target: first page under 200 KB of gzipped JavaScript.
 * 2. Time to a rendered table in headless Chromium: from navigation to a 10,850-cell table (T1_2: 10 reporting
 *    countries × 7 years × 155 countries of birth) on screen, median and p95 of several cold page loads.
 *    Baseline: the same cells as the server's plain HTML table (PxWeb API 2.0 outputFormat=html) loaded in the
 *    same browser. Target: under 1 s.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { buildWeb, launchBrowser, startServer } from "../apps/web/harness/index.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REPORTERS = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UKR"];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (files: readonly string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function reactFloor(): Promise<number> {
  // Inside the repository's node_modules, so that the build finds react there.
  const cache = join(import.meta.dirname, "../node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "react-floor-"));
  writeFileSync(join(dir, "index.html"), '<div id="root"></div><script type="module" src="./main.js"></script>');
  writeFileSync(
    join(dir, "main.js"),
    'import { createElement } from "react";\nimport { createRoot } from "react-dom/client";\ncreateRoot(document.getElementById("root")).render(createElement("p", null, "hello"));\n',
  );
  const out = join(dir, "dist");
  await build({
    root: dir,
    logLevel: "silent",
    build: { outDir: out },
  });
  const html = readFileSync(join(out, "index.html"), "utf8");
  const scripts = [...html.matchAll(/src="\.?\/?([^"]+\.js)"/g)].map((m) => join(out, m[1] as string));
  const size = gz(scripts);
  rmSync(dir, { recursive: true, force: true });
  return size;
}

console.log("== shipped bytes (gzip)");
const web = await buildWeb();
const firstJs = gz(web.firstPage.js);
const firstCss = gz(web.firstPage.css);
const floor = await reactFloor();
console.log(`first page JavaScript   ${kb(firstJs).padStart(10)}   (target < 200 KB)`);
console.log(`first page CSS          ${kb(firstCss).padStart(10)}`);
console.log(`baseline: React alone   ${kb(floor).padStart(10)}   → the app adds ${kb(firstJs - floor)}`);
const lazy = readdirSync(join(web.dir, "assets")).filter(
  (f) => f.endsWith(".js") && !web.firstPage.js.some((p) => p.endsWith(f)),
);
for (const f of lazy.sort())
  console.log(`  on demand: ${f.padEnd(36)} ${kb(gz([join(web.dir, "assets", f)])).padStart(10)}`);

console.log("\n== time to a rendered 10,850-cell table (headless Chromium)");
const server = await startServer(web.dir, { reporters: REPORTERS });
const browser = await launchBrowser();
const tablePath = "/en/tables/T1_2?v.reporter=*&v.year=*&v.cob=*&rows=cob,reporter&cols=year";
const htmlPath =
  "/api/v2/tables/T1_2/data?lang=en&valueCodes[reporter]=*&valueCodes[year]=*&valueCodes[cob]=*&outputFormat=html";

async function timeLoads(path: string, ready: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    // bypassCSP: the page's policy forbids evaluating strings, which is how the probe below runs.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(server.url + path);
    await page.waitForFunction(ready, undefined, { timeout: 30_000, polling: "raf" });
    const ms = performance.now() - start;
    if (run > 0) times.push(ms); // the first load warms the server's caches
    await context.close();
  }
  return times.sort((a, b) => a - b);
}

// The app: the grid shows figures and nothing is still loading.
const appReady = `document.querySelectorAll("main table td").length > 20 && !document.querySelector("[aria-busy=true]")`;
const baselineReady = `document.readyState === "complete" && document.querySelectorAll("td").length > 20`;
const app = await timeLoads(tablePath, appReady);
const baseline = await timeLoads(htmlPath, baselineReady);
const row = (name: string, t: number[]) =>
  console.log(
    `${name.padEnd(42)} median ${percentile(t, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(t, 95).toFixed(0).padStart(5)} ms`,
  );
row("app: table page, 10,850 cells", app);
row("baseline: server's plain HTML table", baseline);
console.log(`target: under 1000 ms → ${percentile(app, 50) < 1000 ? "met" : "NOT met"} (median)`);

await browser.close();
await server.close();
web.dispose();
