/**
 * The PGlite dialect when the disk fills under a write, with a stand-in for PGlite: PostgreSQL's log could not be
 * written, after which a real PGlite spins on every query. The instance must be dropped, queries answered 503 while
 * the disk is under its reserve, and a new instance opened on the folder once there is room.
 */

import type { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { diskGuard } from "../src/storage/disk-space.ts";
import { DatabaseUnavailableError, DiskFullError } from "../src/storage/errors.ts";
import { BYTEA_AS_HEX, PgliteDialect } from "../src/storage/pglite-dialect.ts";

const MB = 1024 * 1024;

/** A PGlite that answers every query with one row, except that its `failOn`-th query fails as a full log does. */
function standIn(failOn: number) {
  let queries = 0;
  let closed = false;
  const instance = {
    waitReady: Promise.resolve(),
    async query(text: string) {
      if (closed) throw new Error("query on a closed instance");
      queries++;
      if (queries === failOn)
        throw Object.assign(new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device'), {
          code: "53100",
        });
      return { rows: [{ text }], affectedRows: text.startsWith("insert") ? 1 : undefined };
    },
    async close() {
      closed = true;
    },
  };
  return { instance: instance as unknown as PGlite, closed: () => closed };
}

describe("PGlite dialect on a full disk", () => {
  it("drops the instance whose log failed, answers 503 under the reserve, and opens a new one when there is room", async () => {
    let free = 1000 * MB;
    const opened: ReturnType<typeof standIn>[] = [];
    const db = new Kysely<unknown>({
      dialect: new PgliteDialect({
        open: () => {
          const next = standIn(opened.length === 0 ? 2 : 0);
          opened.push(next);
          return next.instance;
        },
        guard: diskGuard("/data", 64 * MB, () => free),
      }),
    });
    await sql`select 1`.execute(db);
    const failed = sql`insert into t values (1)`.execute(db);
    await expect(failed).rejects.toBeInstanceOf(DiskFullError);
    await expect(failed).rejects.toMatchObject({ statusCode: 507, folder: "/data" });
    expect(opened[0]?.closed()).toBe(true);

    free = 10 * MB;
    await expect(sql`select 1`.execute(db)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(opened).toHaveLength(1);

    free = 1000 * MB;
    const again = await sql<{ text: string }>`select 2`.execute(db);
    expect(again.rows).toEqual([{ text: "select 2" }]);
    expect(opened).toHaveLength(2);
    await db.destroy();
  });

  it("refuses a write under the reserve before PostgreSQL sees it, and lets reads through", async () => {
    const one = standIn(0);
    const seen: string[] = [];
    const db = new Kysely<unknown>({
      dialect: new PgliteDialect({
        open: () =>
          ({
            ...one.instance,
            waitReady: Promise.resolve(),
            query: (text: string) => {
              seen.push(text);
              return one.instance.query(text);
            },
          }) as unknown as PGlite,
        guard: diskGuard("/data", 64 * MB, () => 63 * MB),
      }),
    });
    await expect(sql`insert into t values (1)`.execute(db)).rejects.toMatchObject({
      statusCode: 507,
      freeBytes: 63 * MB,
    });
    await sql`select 1`.execute(db);
    expect(seen).toEqual(["select 1"]);
    await db.destroy();
  });

  it("passes bytea as hex both ways, byte for byte", () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255, 16]);
    const text = BYTEA_AS_HEX.serializers[17](bytes.subarray(1));
    expect(text).toBe("\\x017f80ff10");
    expect([...BYTEA_AS_HEX.parsers[17](text)]).toEqual([1, 127, 128, 255, 16]);
    expect(() => BYTEA_AS_HEX.serializers[17]("not bytes")).toThrow("Invalid input for bytea type");
  });
});
