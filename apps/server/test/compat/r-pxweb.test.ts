/**
 * The real, unmodified R client pxweb (rOpenGov, ../shared/clients/pxweb-r) against our PxWeb API v1 on real ports,
 * with the demo tables and a PX fixture holding Cyrillic variable codes and ".." and "-" cells. Each case runs in a
 * fresh Rscript process, since pxweb keeps an API's config per R session; what R got is written as JSON and
 * compared with our own answers (the listing, the metadata, JSON-stat 2.0 for the same selection).
 *
 * Three servers share one database: "full" (the default cell limit), "split" (a small MAX_CELLS, so pxweb must cut
 * a query into several calls) and "limited" (a small MAX_CALLS as well, so pxweb must space its calls).
 *
 * Needs Rscript with httr, jsonlite, checkmate and curl (`.ci/run` installs them from Debian). pxweb itself is
 * installed into node_modules/.cache/r-library when it is not there yet. Without Rscript the suite is skipped,
 * except in CI (CI=true), where that is a failure.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { literal, rSnippet } from "../../../web/src/table/downloads/snippets.ts";
import type { Config } from "../../src/config.ts";
import type { Storage } from "../../src/storage/database.ts";
import {
  COUNTRY,
  compatStorage,
  describeWith,
  FIXTURE,
  ourAnswers,
  type Row,
  runs,
  type Selection,
  type Server,
  startServer,
  T2_1,
  type Variable,
} from "./server.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
const PXWEB_SOURCE = join(REPO, "../shared/clients/pxweb-r");
/** Where `.ci/run` (or this suite, the first time) installs pxweb; ignored by git with the rest of node_modules. */
const R_LIBRARY = join(REPO, "node_modules/.cache/r-library");

const RSCRIPT = process.env.RSCRIPT ?? "Rscript";
const hasRscript = runs(RSCRIPT, ["--version"]);
const NO_R =
  "Rscript not found: install R (apt-get install -y r-base-core r-cran-httr r-cran-jsonlite r-cran-checkmate r-cran-curl)";

// UTF-8 whatever the caller's locale: R in the C locale mangles non-ASCII text it writes out.
const R_ENV = { ...process.env, R_LIBS: R_LIBRARY, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" };

/** Installs the shared pxweb source into R_LIBRARY unless it is there (never into the source folder). */
function ensurePxweb(): void {
  if (existsSync(join(R_LIBRARY, "pxweb", "DESCRIPTION"))) return;
  if (!existsSync(PXWEB_SOURCE)) throw new Error(`the R client is missing: no ${PXWEB_SOURCE}`);
  mkdirSync(R_LIBRARY, { recursive: true });
  const install = spawnSync("R", ["CMD", "INSTALL", "--no-test-load", "-l", R_LIBRARY, PXWEB_SOURCE], {
    env: R_ENV,
    cwd: tmpdir(),
    encoding: "utf8",
  });
  if (install.status !== 0) throw new Error(`R CMD INSTALL pxweb failed:\n${install.stdout}\n${install.stderr}`);
}

/** Runs R code in a fresh Rscript; `output(x)` in the code writes x as JSON, which is returned. */
function runR(code: string): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), "pxweb-case-"));
  const out = join(dir, "out.json");
  const prelude = [
    `output <- function(x) writeLines(jsonlite::toJSON(x, auto_unbox = TRUE, digits = NA, na = "null"), ${literal(out)}, useBytes = TRUE)`,
    "",
  ].join("\n");
  writeFileSync(join(dir, "case.R"), prelude + code);
  return new Promise((resolve, reject) => {
    const child = spawn(RSCRIPT, ["--vanilla", join(dir, "case.R")], { env: R_ENV, cwd: dir });
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      try {
        if (status !== 0) throw new Error(`Rscript exited with ${status}:\n${log}\n--- code:\n${code}`);
        resolve(JSON.parse(readFileSync(out, "utf8")));
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** 60 cells of T2_1: more than the 25 per call of the "split" and "limited" servers. */
const ALL_YEARS_BY_SEX: Selection = {
  reporter: ["ARM", "KAZ"],
  year: ["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
  sex: ["_T", "M", "F"],
};

describeWith("r-pxweb.test.ts", "pxweb (R) against PxWeb API v1", hasRscript ? undefined : NO_R, () => {
  let storage: Storage;
  let base: Config;
  let full: Server;
  let split: Server;
  let limited: Server;
  /** Our own answers, from the unlimited server. */
  let answers: ReturnType<typeof ourAnswers>;

  beforeAll(async () => {
    ensurePxweb();
    ({ storage, base } = await compatStorage());
    full = await startServer({ ...base, maxCalls: 100_000 }, storage);
    split = await startServer({ ...base, maxCells: 25, maxCalls: 100_000 }, storage);
    limited = await startServer({ ...base, maxCells: 25, maxCalls: 5, timeWindowSeconds: 1 }, storage);
    answers = ourAnswers(full.app);
  }, 180_000);

  afterAll(async () => {
    for (const server of [full, split, limited]) await server?.app.close();
    await storage?.close();
  });

  const v1 = (server: Server, lang: string, path = "") => `${server.url}/api/v1/${lang}/${path}`;
  /** ALL_YEARS_BY_SEX through pxweb from a server, by code. */
  const allYearsBySex = async (server: Server) =>
    (await runR(`library(pxweb)
q <- pxweb_query(list(reporter = c("ARM", "KAZ"), year = "*", sex = "*"))
d <- pxweb_get(${literal(v1(server, "en", T2_1))}, q, verbose = FALSE)
output(as.data.frame(d, column.name.type = "code", variable.value.type = "code"))`)) as Row[];

  it("finds the API from the root, a folder or a table URL, in English and Russian", async () => {
    const cases: { url: string; lang: string; path: string }[] = [
      { url: v1(full, "en"), lang: "en", path: "" },
      { url: v1(full, "ru").replace(/\/$/, ""), lang: "ru", path: "" }, // the root without its slash
      { url: v1(full, "en", "migration/citizenship"), lang: "en", path: "migration/citizenship" },
      { url: v1(full, "ru", "migration"), lang: "ru", path: "migration" },
      { url: v1(full, "en", T2_1), lang: "en", path: T2_1 },
      { url: v1(full, "ru", FIXTURE), lang: "ru", path: FIXTURE },
    ];
    // One after the other: the machine running the tests has other suites to run too.
    const got: { subpath: string; class: string; levels?: Row[]; title?: string; variables?: Variable[] }[] = [];
    for (const { url } of cases) {
      got.push(
        (await runR(`library(pxweb)
x <- pxweb_get(${literal(url)})
output(list(
  subpath = pxweb(${literal(url)})$paths$api_subpath$path,
  class = class(x)[1],
  levels = if (inherits(x, "pxweb_levels")) as.data.frame(x) else NULL,
  title = x$title,
  # I(): a variable with one value keeps its lists as lists (auto_unbox would write a lone string).
  variables = lapply(x$variables, function(v) { v$values <- I(v$values); v$valueTexts <- I(v$valueTexts); v })
))`)) as (typeof got)[number],
      );
    }

    for (const [k, { lang, path }] of cases.entries()) {
      const r = got[k] as (typeof got)[number];
      // The API's base is the language root: ?config is not answered above it.
      expect(r.subpath, path).toBe(`api/v1/${lang}`);
      const answer = await answers.metadata(lang, path);
      if (Array.isArray(answer)) {
        expect(r.class).toBe("pxweb_levels");
        expect(r.levels).toEqual(
          answer.map((e: { dbid?: string; id?: string; type?: string; text: string; updated?: string }) => ({
            id: e.dbid ?? e.id,
            type: e.type ?? "l",
            text: e.text,
            updated: e.updated ?? null,
          })),
        );
      } else {
        expect(r.class).toBe("pxweb_metadata");
        expect(r.title).toBe(answer.title);
        expect(r.variables).toEqual(
          answer.variables.map((v: Variable) => ({
            ...v,
            elimination: v.elimination ?? false,
            time: v.time ?? false,
          })),
        );
      }
    }
    // The Russian texts arrived intact.
    expect(got[3]?.levels?.[0]?.text).toBe("Население по месту рождения");
    expect(got[5]?.variables?.[0]?.code).toBe(COUNTRY);
  }, 120_000);

  it("queries with pxweb_query and pxweb_get_data: codes and texts, NA for '..' and '-', as our JSON-stat", async () => {
    // A JSON query (as pxweb_query reads them) with Cyrillic variable codes, in the table's order of variables.
    const selection: Selection = { [COUNTRY]: ["_T", "BLR", "_O"], Пол: ["_T", "M"], Год: ["2022", "2023"] };
    const query = JSON.stringify({
      query: Object.entries(selection).map(([code, values]) => ({ code, selection: { filter: "item", values } })),
      response: { format: "json" },
    });
    const url = v1(full, "en", FIXTURE);
    const got = (await runR(`library(pxweb)
q <- pxweb_query(${literal(query)})
d <- pxweb_get(${literal(url)}, q)
output(list(
  codes = as.data.frame(d, column.name.type = "code", variable.value.type = "code"),
  texts = pxweb_get_data(${literal(url)}, q)
))`)) as { codes: Row[]; texts: Row[] };
    const values = await answers.expectSameData(got.codes, "en", FIXTURE, selection, "code");
    await answers.expectSameData(got.texts, "en", FIXTURE, selection, "text");
    // The fixture's "-" and ".." cells: pxweb reads every symbol as NA.
    expect(values).toEqual([12500, 13100, 6200, 6550, null, 2000, null, null, 2000, null, 1000, null]);
    const reference = await answers.jsonStat("en", FIXTURE, selection);
    expect(reference.Data({ [COUNTRY]: "BLR", Пол: "_T", Год: "2022" })?.status).toBe("-");
    expect(reference.Data({ [COUNTRY]: "BLR", Пол: "M", Год: "2022" })?.status).toBe("..");
  }, 60_000);

  it("answers a named-list query in Russian, with eliminated variables left out", async () => {
    const selection: Selection = { reporter: ["ARM", "KAZ"], year: ["2019", "2020", "2024"], sex: ["M", "F"] };
    const url = v1(full, "ru", "migration/immigration/T3");
    const got = (await runR(`library(pxweb)
q <- pxweb_query(list(reporter = c("ARM", "KAZ"), year = c("2019", "2020", "2024"), sex = c("M", "F")))
output(list(
  codes = pxweb_get_data(${literal(url)}, q, column.name.type = "code", variable.value.type = "code"),
  texts = pxweb_get_data(${literal(url)}, q)
))`)) as { codes: Row[]; texts: Row[] };
    await answers.expectSameData(got.codes, "ru", "migration/immigration/T3", selection, "code");
    await answers.expectSameData(got.texts, "ru", "migration/immigration/T3", selection, "text");
    expect(got.texts[0]?.["Страна, представившая данные"]).toBe("Армения");
  }, 60_000);

  it("splits a query larger than one call's limit (maxCells from ?config) and puts the answers together", async () => {
    const before = split.seen.length;
    await answers.expectSameData(await allYearsBySex(split), "en", T2_1, ALL_YEARS_BY_SEX, "code");
    // 60 cells, at most 25 per call: three calls, none refused.
    const posts = split.seen.slice(before).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.status)).toEqual([200, 200, 200]);
  }, 60_000);

  it("keeps to the server's rate limit (maxCalls and timeWindow from ?config) and still finishes", async () => {
    const before = limited.seen.length;
    await answers.expectSameData(await allYearsBySex(limited), "en", T2_1, ALL_YEARS_BY_SEX, "code");
    // ?config twice, the metadata and three data calls: more than one window allows (5 per second), so unspaced
    // the last would have been refused; none was.
    const calls = limited.seen.slice(before).filter((r) => r.url.startsWith("/api/v1/"));
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((r) => r.method === "POST")).toHaveLength(3);
    expect(calls.filter((r) => r.status !== 200)).toEqual([]);
  }, 90_000);

  it("runs the web interface's R snippet as shown to the reader", async () => {
    const selection: Selection = { reporter: ["ARM", "KAZ"], year: ["2020", "2021"], citstatus: ["CIT", "FOR"] };
    const entry = (await full.app.inject({ url: "/api/v2/tables/T2_1?lang=ru" })).json();
    // As the page does: the table's first place in the tree gives its PxWeb API v1 path.
    const v1Path = entry.paths[0].map((step: { id: string }) => step.id);
    const snippet = rSnippet(
      {
        origin: full.url,
        id: "T2_1",
        lang: "ru",
        items: Object.entries(selection).map(([variableCode, valueCodes]) => ({ variableCode, valueCodes })),
      },
      v1Path,
    );
    const got = (await runR(`${snippet}\noutput(df)\n`)) as Row[];
    await answers.expectSameData(got, "ru", T2_1, selection, "text");
  }, 60_000);
});
