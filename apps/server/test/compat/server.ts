/**
 * What the client compatibility suites share: one database seeded with the demo tables and a PX fixture holding
 * Cyrillic variable codes and ".." and "-" cells, servers on real ports over it, and the checks that compare what a
 * client fetched with our own JSON-stat 2.0 answer (from PxWeb API v1) for the same selection.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import JSONstat from "jsonstat-toolkit";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { type Config, configFromEnv } from "../../src/config.ts";
import { openStorage, type Storage } from "../../src/storage/database.ts";
import { seedDemo } from "../../src/tables/seed.ts";
import { saveT3Fixture } from "../helpers.ts";

export interface Server {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Every request the server answered. */
  readonly seen: { method: string; url: string; status: number }[];
}

export interface Variable {
  code: string;
  text: string;
  values: string[];
  valueTexts: string[];
  elimination?: boolean;
  time?: boolean;
}
export type Row = Record<string, string | number | null>;
export type Selection = Record<string, string[]>;

export const FIXTURE = "fixtures/PX_T3";
export const COUNTRY = "Страна предыдущего проживания"; // the fixture's variable codes are Russian words
export const T2_1 = "migration/citizenship/T2_1";

/** The in-memory database of the suites (PGlite), with the demo tables and the fixture, and its base config. */
export async function compatStorage(): Promise<{ storage: Storage; base: Config }> {
  const reporters = ["ARM", "KAZ"];
  const base = { ...configFromEnv({}), dataDir: "memory://", databaseUrl: undefined, port: 0, reporters };
  const storage = await openStorage(base);
  // Illustrative tables only (no UN DESA files): quicker to seed, the same shapes.
  await seedDemo(storage.db, { reporters, dataDir: join(tmpdir(), "no-un-desa-files") });
  await saveT3Fixture(storage.db, {
    tableId: "PX_T3",
    path: [{ code: "fixtures", label: { en: "Examples", ru: "Примеры" } }],
  });
  return { storage, base };
}

/** A server on a free port of 127.0.0.1 that records the requests it answers. */
export async function startServer(config: Config, storage: Storage): Promise<Server> {
  const app = await buildApp(config, storage, { logger: false });
  const seen: Server["seen"] = [];
  app.server.on("request", (req, res) =>
    res.on("finish", () => seen.push({ method: req.method ?? "", url: req.url ?? "", status: res.statusCode })),
  );
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, app, seen };
}

/**
 * The suite's describe, or a skip saying why when `missing` names what the machine lacks; in CI (CI=true) a
 * missing tool is a failure instead, as CI must run every client.
 */
export function describeWith(file: string, title: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) return void describe(title, body);
  if (process.env.CI === "true" || process.env.CI === "1") {
    describe(title, () => {
      it("has what CI must have", () => {
        throw new Error(`${missing}; CI must run this suite`);
      });
    });
    return;
  }
  console.warn(`${file} skipped: ${missing}`);
  describe.skip(`${title} — skipped: ${missing}`, body);
}

/** Whether a command runs (exits with 0). */
export const runs = (command: string, args: readonly string[]): boolean =>
  spawnSync(command, args, { stdio: "ignore" }).status === 0;

/** Our answers over PxWeb API v1, asked of a server's app without a socket. */
export function ourAnswers(app: FastifyInstance) {
  const metadata = async (lang: string, path = "") => (await app.inject({ url: `/api/v1/${lang}/${path}` })).json();

  /** Our JSON-stat 2.0 answer for a selection (variables left out are eliminated). */
  async function jsonStat(lang: string, path: string, selection: Selection) {
    const query = Object.entries(selection).map(([code, values]) => ({
      code,
      selection: { filter: "item", values },
    }));
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/${lang}/${path}`,
      payload: { query, response: { format: "json-stat2" } },
    });
    expect(res.statusCode, res.body).toBe(200);
    return JSONstat(res.json());
  }

  /**
   * Checks rows of a data frame (as JSON) cell by cell against our JSON-stat: one row per combination of the
   * selected values, each value the same number, and a missing one (a status such as ".." or "-") null, as data
   * frames hold NA or NaN for every symbol. Columns and values are named by code or by text, the value column last.
   * Returns the rows' values.
   */
  async function expectSameData(
    rows: Row[],
    lang: string,
    path: string,
    selection: Selection,
    naming: "code" | "text",
  ): Promise<(number | null)[]> {
    const meta: { variables: Variable[] } = await metadata(lang, path);
    const reference = await jsonStat(lang, path, selection);
    const variables = Object.keys(selection).map((code) => meta.variables.find((v) => v.code === code) as Variable);
    const cells = variables.reduce((n, v) => n * (selection[v.code]?.length ?? 0), 1);
    expect(rows).toHaveLength(cells);
    const columns = Object.keys(rows[0] ?? {});
    expect(columns.slice(0, -1)).toEqual(variables.map((v) => (naming === "code" ? v.code : v.text)));
    const valueColumn = columns.at(-1) as string;
    const keys = new Set<string>();
    const values = rows.map((row) => {
      const where: Record<string, string> = {};
      for (const v of variables) {
        const shown = String(row[naming === "code" ? v.code : v.text]);
        const code = naming === "code" ? shown : v.values[v.valueTexts.indexOf(shown)];
        expect(selection[v.code], `${v.code}: ${shown}`).toContain(code);
        where[v.code] = code as string;
      }
      keys.add(JSON.stringify(where));
      const value = row[valueColumn] ?? null;
      expect(value, JSON.stringify(where)).toBe(reference.Data(where)?.value ?? null);
      return value as number | null;
    });
    expect(keys.size).toBe(cells);
    return values;
  }

  /**
   * Checks a JSON-stat 2.0 document a client fetched against ours for the same selection: the same variables (in
   * any order: a placement may reorder them), the same values of each, and every cell the same value and status.
   */
  async function expectSameJsonStat(document: object, lang: string, path: string, selection: Selection) {
    const got = JSONstat(document);
    const reference = await jsonStat(lang, path, selection);
    expect([...got.id].sort()).toEqual([...reference.id].sort());
    for (const code of reference.id) expect(got.Dimension(code)?.id, code).toEqual(reference.Dimension(code)?.id);
    expect(got.n).toBe(reference.n);
    const combinations = Object.entries(selection).reduce<Record<string, string>[]>(
      (all, [code, values]) => all.flatMap((where) => values.map((value) => ({ ...where, [code]: value }))),
      [{}],
    );
    expect(combinations).toHaveLength(reference.n);
    for (const where of combinations) {
      const cell = got.Data(where);
      const expected = reference.Data(where);
      expect(cell?.value ?? null, JSON.stringify(where)).toBe(expected?.value ?? null);
      expect(cell?.status ?? null, JSON.stringify(where)).toBe(expected?.status ?? null);
    }
  }

  return { metadata, jsonStat, expectSameData, expectSameJsonStat };
}
