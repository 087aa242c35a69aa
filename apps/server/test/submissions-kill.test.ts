/**
 * kill -9 in the middle of a release: a real server process (src/main.ts) starts, its scheduler begins releasing a
 * due submission of several large tables, and the process is killed with SIGKILL at a few delays after the release
 * began. Afterwards the previous versions are intact cell for cell and the submission is still approved (and is
 * then released by a fresh run), or the release is complete — never a part of it. On PGlite (a DATA_DIR) and on
 * PostgreSQL.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Dataset } from "@clearinghouse/cube";
import type { TableId } from "@clearinghouse/domain";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../src/storage/database.ts";
import { releaseDue } from "../src/submissions/workflow.ts";
import { loadDataset } from "../src/tables/repository.ts";
import { BACKENDS, testStorage } from "./helpers.ts";
import { approvedSubmission, filledCube, publish } from "./submission-fixtures.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
/** Partner tables: each published version about 0.6 million cells, so a release writes a few million. */
const TABLES: TableId[] = ["T1_2", "T2_2", "T3", "T4"];
const YEARS = Array.from({ length: 20 }, (_, i) => 2000 + i);
/** After "releasing submission" is logged: at once, a little later, and later still (maybe after the commit). */
const DELAYS_MS = [0, 250, 1500];

/** The server with `env`, until it logs that a release started; then killed with SIGKILL after `delay`. */
async function killDuringRelease(env: Record<string, string>, delay: number): Promise<{ released: boolean }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_ENV" && k !== "DATABASE_URL"),
  );
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    cwd: ROOT,
    env: { ...clean, PORT: "0", SEED: "none", LINK_CHECK: "off", RELEASE_CHECK_SECONDS: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let released = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no release started:\n${output.slice(-2000)}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("released submission")) released = true;
      if (output.includes("releasing submission")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}) before a release:\n${output.slice(-2000)}`)),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, delay));
  child.kill("SIGKILL");
  await exited;
  return { released: released || output.includes("released submission") };
}

const sameCells = (a: Dataset | undefined, b: Dataset) => {
  expect(a).toBeDefined();
  expect(Buffer.from((a as Dataset).values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
  expect(Buffer.from((a as Dataset).status).equals(Buffer.from(b.status))).toBe(true);
  expect(Buffer.from((a as Dataset).flags).equals(Buffer.from(b.flags))).toBe(true);
};

describe.each(BACKENDS)("kill -9 during a release on %s", (backend) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("leaves the previous versions and an approved submission, or the whole release", async () => {
    let open: () => Promise<Storage>;
    let env: Record<string, string>;
    if (backend === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "clearinghouse-kill-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      open = () => openStorage({ dataDir: dir });
      env = { DATA_DIR: dir };
    } else {
      const t = await testStorage("postgresql");
      cleanups.push(() => t.dispose());
      await t.storage.close();
      open = () => openStorage(t.config);
      env = { DATABASE_URL: t.config.databaseUrl as string };
    }
    let storage = await open();
    // What is published: each table's versions, cell for cell, as the checks will expect them.
    const versions = new Map<TableId, Dataset[]>();
    for (const [k, table] of TABLES.entries()) {
      const ds = filledCube(table, ["KAZ", "KGZ"], YEARS, k);
      await publish(storage.db, table, ds);
      versions.set(table, [ds]);
    }
    const newSubmission = (seed: number) =>
      approvedSubmission(storage.db, {
        reporter: "KAZ",
        slices: Object.fromEntries(TABLES.map((t) => [t, filledCube(t, ["KAZ"], [2019, 2020], seed)])),
        releaseAt: new Date(Date.now() - 1000),
      });
    let pending = await newSubmission(100);

    const check = async (id: number): Promise<"approved" | "released"> => {
      const row = await storage.db
        .selectFrom("submission")
        .select("state")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const current = await storage.db.selectFrom("data_table").select(["id", "current_version"]).execute();
      for (const table of TABLES) {
        const known = versions.get(table) as Dataset[];
        const version = current.find((c) => c.id === table)?.current_version;
        const ofSubmission = await storage.db
          .selectFrom("table_version")
          .select("version")
          .where("table_id", "=", table)
          .where("submission_id", "=", id)
          .execute();
        if (row.state === "approved") {
          // Nothing of it: the versions as they were, every cell.
          expect(version).toBe(known.length);
          expect(ofSubmission).toEqual([]);
        } else {
          expect(row.state).toBe("released");
          expect(version).toBe(known.length + 1);
          expect(ofSubmission).toEqual([{ version }]);
          known.push((await loadDataset(storage.db, table, version as number)) as Dataset);
        }
        for (const [v, ds] of known.entries()) sameCells(await loadDataset(storage.db, table, v + 1), ds);
      }
      return row.state as "approved" | "released";
    };

    const outcomes: string[] = [];
    for (const [k, delay] of DELAYS_MS.entries()) {
      await storage.close();
      const { released } = await killDuringRelease(env, delay);
      storage = await open();
      const state = await check(pending);
      if (released) expect(state).toBe("released");
      outcomes.push(`${delay} ms: ${state}`);
      if (state === "released") pending = await newSubmission(200 + k);
    }
    // Whatever the kills left approved is released by the next run, whole.
    const next = await releaseDue(storage.db, { now: () => new Date() });
    expect(next.map((r) => r.submissionId)).toEqual([pending]);
    expect(await check(pending)).toBe("released");
    console.log(`kill -9 on ${backend}: ${outcomes.join(", ")}`);
    await storage.close();
  }, 900_000);
});
