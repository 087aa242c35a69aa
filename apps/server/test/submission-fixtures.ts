/** Published tables and approved submissions made in code, for the release tests (no HTTP, no validation). */

import { type Dataset, Status } from "@clearinghouse/cube";
import { emptyCube, type TableId } from "@clearinghouse/domain";
import type { Kysely } from "kysely";
import { createUser } from "../src/auth/store.ts";
import type { Database } from "../src/storage/schema.ts";
import { saveSlice } from "../src/submissions/store.ts";
import { saveTableVersion } from "../src/tables/repository.ts";

/** A cube of `table` with every cell a number from `seed` (a few cells nil). */
export function filledCube(table: TableId, reporters: string[], years: number[], seed: number): Dataset {
  const ds = emptyCube(table, { reporters, years });
  for (let i = 0; i < ds.values.length; i++) {
    const v = (i * 7919 + seed * 104729) % 1000;
    if (v === 0) {
      ds.values[i] = Number.NaN;
      ds.status[i] = Status.nil;
    } else {
      ds.values[i] = v;
      ds.status[i] = Status.value;
    }
  }
  return ds;
}

export async function publish(db: Kysely<Database>, table: TableId, dataset: Dataset): Promise<void> {
  await saveTableVersion(db, {
    tableId: table,
    path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }],
    dataset,
    sourceName: "fixture",
  });
}

export async function editorId(db: Kysely<Database>): Promise<number> {
  const email = "releaser@example.org";
  const existing = await db.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) return existing.id;
  const user = await createUser(
    db,
    { email, name: "Releaser", role: "editor", countries: [], passwordHash: "scrypt$x" },
    new Date(),
  );
  if (!user) throw new Error("no user");
  return user.id;
}

/** An approved submission of `reporter` with the given slices, due at `releaseAt`. */
export async function approvedSubmission(
  db: Kysely<Database>,
  input: { reporter: string; slices: Partial<Record<TableId, Dataset>>; releaseAt: Date },
): Promise<number> {
  const by = await editorId(db);
  const now = new Date();
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("submission")
      .values({
        reporter: input.reporter,
        state: "approved",
        created_by: by,
        submitted_by: by,
        submitted_at: now,
        decided_by: by,
        decided_at: now,
        release_at: input.releaseAt,
        revision_note: JSON.stringify({ en: "revised", ru: "пересмотрено" }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [table, dataset] of Object.entries(input.slices) as [TableId, Dataset][])
      await saveSlice(tx, { submissionId: row.id, tableId: table, dataset, files: [`${table}.csv`], by, now });
    return row.id;
  });
}
