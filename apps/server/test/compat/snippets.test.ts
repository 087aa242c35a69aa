/**
 * The web interface's "use this in code" snippets, run as shown to the reader against a server on a real port: the
 * GET address (fetched), curl (run by sh) and Python (run by python3 with requests and pandas). What each fetched is
 * compared cell by cell with our JSON-stat 2.0 answer for the same selection. The R snippet runs in r-pxweb.test.ts,
 * where R is set up.
 *
 * Needs curl, and a python3 with requests and pandas (`.ci/run` installs python3-requests and python3-pandas from
 * Debian; PYTHON names another interpreter). Without them the suite is skipped, except in CI (CI=true), where that
 * is a failure.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { curlSnippet, getUrl, pythonSnippet, type SnippetInput } from "../../../web/src/table/downloads/snippets.ts";
import type { Storage } from "../../src/storage/database.ts";
import {
  compatStorage,
  describeWith,
  ourAnswers,
  type Row,
  runs,
  type Selection,
  type Server,
  startServer,
  T2_1,
  type Variable,
} from "./server.ts";

const run = promisify(execFile);

/** The first interpreter that has what the Python snippet imports: PYTHON, else python3 on the PATH or Debian's. */
const PYTHON = (process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"]).find((python) =>
  runs(python, ["-c", "import requests, pandas"]),
);
const hasCurl = runs("curl", ["--version"]);
const MISSING = [
  PYTHON ? undefined : "no python3 with requests and pandas (apt-get install -y python3-requests python3-pandas)",
  hasCurl ? undefined : "no curl (apt-get install -y curl)",
]
  .filter(Boolean)
  .join("; ");

/** Values of T2_1's variables (age is left out, so eliminated); the contents variable gets all its values. */
const CHOSEN: Selection = {
  reporter: ["ARM", "KAZ"],
  year: ["2020", "2021", "2022"],
  citstatus: ["CIT", "FOR"],
  sex: ["M", "F"],
};

describeWith("snippets.test.ts", "the web interface's snippets against a server", MISSING || undefined, () => {
  let storage: Storage;
  let server: Server;
  let answers: ReturnType<typeof ourAnswers>;
  /** CHOSEN and the contents variable, which the answer always carries (the frame has a column for it). */
  let selection: Selection;

  beforeAll(async () => {
    const { storage: opened, base } = await compatStorage();
    storage = opened;
    server = await startServer(base, storage);
    answers = ourAnswers(server.app);
    const meta: { variables: Variable[] } = await answers.metadata("en", T2_1);
    const contents = meta.variables.find((v) => v.code === "ContentsCode") as Variable;
    selection = { ...CHOSEN, ContentsCode: contents.values };
  }, 120_000);

  afterAll(async () => {
    await server?.app.close();
    await storage?.close();
  });

  const input = (lang: "en" | "ru"): SnippetInput => ({
    origin: server.url,
    id: "T2_1",
    lang,
    items: Object.entries(selection).map(([variableCode, valueCodes]) => ({ variableCode, valueCodes })),
  });

  it("fetches the GET address: the same cells as our JSON-stat", async () => {
    const url = getUrl({ ...input("en"), placement: { heading: ["year"], stub: ["reporter", "citstatus", "sex"] } });
    expect(url).toBeDefined();
    const res = await fetch(url as string);
    expect(res.status).toBe(200);
    await answers.expectSameJsonStat((await res.json()) as object, "en", T2_1, selection);
  });

  it("runs the curl command in sh: the same cells as our JSON-stat", async () => {
    const { stdout } = await run("sh", ["-c", `${curlSnippet(input("ru"))} --silent --show-error --fail`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    await answers.expectSameJsonStat(JSON.parse(stdout), "ru", T2_1, selection);
  }, 60_000);

  it("runs the Python snippet: its data frame holds our values, labelled in Russian", async () => {
    const dir = mkdtempSync(join(tmpdir(), "python-snippet-"));
    try {
      // As the reader pastes it, then the data frame as JSON rows on a line of its own (NaN written as null).
      const script = `${pythonSnippet(input("ru"))}\nprint("JSON:" + df.to_json(orient="records", force_ascii=False))\n`;
      writeFileSync(join(dir, "snippet.py"), script);
      const { stdout } = await run(PYTHON as string, [join(dir, "snippet.py")], {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, PYTHONIOENCODING: "utf-8" },
      });
      const line = stdout.split("\n").find((l) => l.startsWith("JSON:"));
      expect(line, stdout).toBeDefined();
      const rows = JSON.parse((line as string).slice("JSON:".length)) as Row[];
      await answers.expectSameData(rows, "ru", T2_1, selection, "text");
      expect(rows[0]?.["Страна, представившая данные"]).toBe("Армения");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
