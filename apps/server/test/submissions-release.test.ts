/**
 * Releases by the scheduler: two processes (two storages, each its own pool, on one PostgreSQL database) checking
 * at once release each due submission exactly once; an embargo not yet over is left alone; a release replaces the
 * country's slice and leaves the other countries' cells as they were.
 */

import { Status } from "@clearinghouse/cube";
import type { TableId } from "@clearinghouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../src/storage/database.ts";
import { startReleaseScheduler } from "../src/submissions/scheduler.ts";
import { loadDataset } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";
import { approvedSubmission, filledCube, publish } from "./submission-fixtures.ts";

const TABLES: TableId[] = ["T1_1", "T2_1", "T3"];
const REPORTERS = ["ARM", "KAZ", "KGZ"];

describe.skipIf(!BACKENDS.includes("postgresql"))("release by two processes on one PostgreSQL database", () => {
  let t: TestStorage;
  let other: Storage;

  beforeAll(async () => {
    t = await testStorage("postgresql");
    other = await openStorage(t.config);
    for (const table of TABLES) await publish(t.storage.db, table, filledCube(table, REPORTERS, [2019, 2020], 1));
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await t?.dispose();
  });

  it("releases each due submission once, whichever process gets it", async () => {
    const past = new Date(Date.now() - 60_000);
    const due: number[] = [];
    for (const [k, reporter] of REPORTERS.entries())
      due.push(
        await approvedSubmission(t.storage.db, {
          reporter,
          slices: Object.fromEntries(
            TABLES.map((table) => [table, filledCube(table, [reporter], [2020, 2021], 10 + k)]),
          ),
          releaseAt: past,
        }),
      );
    const later = await approvedSubmission(t.storage.db, {
      reporter: "KAZ",
      slices: { T1_1: filledCube("T1_1", ["KAZ"], [2022], 99) },
      releaseAt: new Date(Date.now() + 3_600_000),
    });
    const log = (error: unknown) => {
      throw error;
    };
    const a = startReleaseScheduler(t.storage.db, { intervalMs: 3_600_000, log });
    const b = startReleaseScheduler(other.db, { intervalMs: 3_600_000, log });
    const runs = await Promise.all([a.check(), b.check(), a.check(), b.check()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(
      runs
        .flat()
        .map((r) => r.submissionId)
        .sort(),
    ).toEqual([...due].sort());
    const rows = await t.storage.db.selectFrom("submission").select(["id", "state"]).orderBy("id").execute();
    expect(rows).toEqual([...due.map((id) => ({ id, state: "released" })), { id: later, state: "approved" }]);
    // Each table: the import, then one version per released submission, no more.
    for (const table of TABLES) {
      const versions = await t.storage.db
        .selectFrom("table_version")
        .select(["version", "submission_id"])
        .where("table_id", "=", table)
        .orderBy("version")
        .execute();
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      expect(new Set(versions.slice(1).map((v) => v.submission_id))).toEqual(new Set(due));
    }
    const audits = await t.storage.db
      .selectFrom("audit_event")
      .select("target_id")
      .where("action", "=", "submission.released")
      .execute();
    expect(audits.map((r) => Number(r.target_id)).sort()).toEqual([...due].sort());
    // The last version has every country's 2021 and keeps their 2019.
    const last = await loadDataset(t.storage.db, "T1_1", 4);
    expect(last?.dimensions[1]?.categories.map((c) => c.code)).toEqual(["2019", "2020", "2021"]);
    expect(last?.status.every((s) => s === Status.value || s === Status.nil)).toBe(true);
  });
});

describe.each(BACKENDS)("the scheduler on %s", (backend) => {
  it("stops cleanly while idle, and releases nothing that is not due", async () => {
    const t = await testStorage(backend);
    try {
      await publish(t.storage.db, "T1_1", filledCube("T1_1", ["ARM"], [2020], 1));
      const id = await approvedSubmission(t.storage.db, {
        reporter: "ARM",
        slices: { T1_1: filledCube("T1_1", ["ARM"], [2020], 2) },
        releaseAt: new Date(Date.now() + 60_000),
      });
      const scheduler = startReleaseScheduler(t.storage.db, { intervalMs: 10, log: (e) => console.error(e) });
      expect(await scheduler.check()).toEqual([]);
      await scheduler.stop();
      expect(await scheduler.check()).toEqual([]);
      const row = await t.storage.db.selectFrom("submission").select("state").where("id", "=", id).executeTakeFirst();
      expect(row?.state).toBe("approved");
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
