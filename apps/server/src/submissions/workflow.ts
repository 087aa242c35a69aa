/**
 * The work behind the routes and the scheduler, inside the caller's transaction: validating a submission against
 * the published tables, counting the released figures it would change, and the release itself — every table a new
 * version of its standard table, the country's metadata replaced, the state `released`, the event and audit row —
 * all in one transaction, so that a process killed in the middle leaves the previous versions and an approved
 * submission that the next run releases.
 */

import type { Dataset } from "@clearinghouse/cube";
import {
  CHAPTERS,
  type ChangedFigure,
  CROSS_RULES,
  mergeSlice,
  type TableId,
  validateSubmission,
} from "@clearinghouse/domain";
import type { Kysely, Transaction } from "kysely";
import { recordAudit } from "../audit/record.ts";
import type { Database } from "../storage/schema.ts";
import { upsertCountryMetadata } from "../tables/country-metadata.ts";
import { loadDataset, type PathSegment, saveTableVersion } from "../tables/repository.ts";
import { DEMO_DATABASE } from "../tables/seed.ts";
import { addEvent, listMetadata, loadSlices, replaceFindings, type SubmissionRow, updateSubmission } from "./store.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface WorkflowOptions {
  /** The participating countries (REPORTERS); default the ten. */
  readonly reporters?: readonly string[] | undefined;
}

/** The current published version of each of `tables` that has one, as stored (no notes added). */
async function publishedCubes(db: Db, tables: readonly TableId[]): Promise<Partial<Record<TableId, Dataset>>> {
  if (tables.length === 0) return {};
  const current = await db
    .selectFrom("data_table")
    .select(["id", "current_version"])
    .where("id", "in", tables)
    .execute();
  const out: Partial<Record<TableId, Dataset>> = {};
  for (const row of current) {
    const dataset = await loadDataset(db, row.id, row.current_version);
    if (dataset) out[row.id as TableId] = dataset;
  }
  return out;
}

/** The submitted tables and those that a cross-table rule compares them with. */
function tablesToRead(submitted: readonly TableId[]): TableId[] {
  const out = new Set<TableId>(submitted);
  for (const rule of CROSS_RULES) {
    if (submitted.includes(rule.left.table)) out.add(rule.right.table);
    if (submitted.includes(rule.right.table)) out.add(rule.left.table);
    if (rule.onlyWithout) out.add(rule.onlyWithout);
  }
  return [...out];
}

/**
 * Whether the reporter's table by country of citizenship includes stateless persons: the submission's proposed
 * metadata say so, else the published metadata.
 */
async function statelessReporters(db: Db, submission: SubmissionRow): Promise<string[]> {
  const proposed = await db
    .selectFrom("submission_metadata")
    .select("stateless_in_citizenship_table as stateless")
    .where("submission_id", "=", submission.id)
    .where("table_id", "=", "T2_2")
    .execute();
  const rows =
    proposed.length > 0
      ? proposed
      : await db
          .selectFrom("country_metadata")
          .select("stateless_in_citizenship_table as stateless")
          .where("reporter", "=", submission.reporter)
          .where("table_id", "=", "T2_2")
          .execute();
  return rows.some((r) => r.stateless) ? [submission.reporter] : [];
}

/** Validates the submission's tables again and stores the findings (comments on recurring ones kept). */
export async function revalidate(
  tx: Transaction<Database>,
  submission: SubmissionRow,
  options: WorkflowOptions & { now: Date },
): Promise<{ errors: number; warnings: number; truncated: boolean }> {
  const slices = await loadSlices(tx, submission.id);
  const submitted = [...slices.keys()];
  const published = await publishedCubes(tx, tablesToRead(submitted));
  const result = validateSubmission(
    { slices: Object.fromEntries(slices), published },
    {
      ...(options.reporters ? { reporters: options.reporters } : {}),
      statelessInCitizenshipTable: await statelessReporters(tx, submission),
    },
  );
  await replaceFindings(tx, submission.id, result.findings);
  await updateSubmission(tx, submission.id, { validated_at: options.now }, options.now);
  return { errors: result.errors, warnings: result.warnings, truncated: result.truncated };
}

export interface ReleasedChanges {
  /** Released figures the submission changes, over all its tables. */
  readonly count: number;
  /** The first of them per table. */
  readonly sample: readonly (ChangedFigure & { readonly table: string })[];
}

/** The released figures the submission would change if released now. */
export async function releasedChanges(db: Db, submissionId: number): Promise<ReleasedChanges> {
  const slices = await loadSlices(db, submissionId);
  const published = await publishedCubes(db, [...slices.keys()]);
  let count = 0;
  const sample: (ChangedFigure & { table: string })[] = [];
  for (const [table, slice] of slices) {
    const merged = mergeSlice(published[table], slice, { maxChanged: 20 });
    count += merged.changedCount;
    sample.push(...merged.changed.map((c) => ({ ...c, table })));
  }
  return { count, sample };
}

/**
 * Where a table is released: where it is published now (its folders up to the database), or for a first release
 * the demo database's chapter of the standard table.
 */
async function placeOf(db: Db, tableId: TableId): Promise<{ path: PathSegment[]; sort: number }> {
  const table = await db.selectFrom("data_table").select("node_id").where("id", "=", tableId).executeTakeFirst();
  if (table) {
    const path: PathSegment[] = [];
    let node = await db.selectFrom("tree_node").selectAll().where("id", "=", table.node_id).executeTakeFirstOrThrow();
    const sort = node.sort;
    while (node.parent_id !== null) {
      node = await db.selectFrom("tree_node").selectAll().where("id", "=", node.parent_id).executeTakeFirstOrThrow();
      path.unshift({ code: node.code, label: node.label, sort: node.sort });
    }
    return { path, sort };
  }
  const k = CHAPTERS.findIndex((c) => c.tables.includes(tableId));
  const chapter = CHAPTERS[k];
  const folder = chapter ? [{ code: chapter.id, label: { ...chapter.label }, sort: k }] : [];
  return { path: [DEMO_DATABASE, ...folder], sort: chapter?.tables.indexOf(tableId) ?? 0 };
}

export interface ReleaseOutcome {
  readonly submissionId: number;
  readonly reporter: string;
  readonly versions: readonly { readonly table: string; readonly version: number }[];
}

/**
 * Releases an approved submission in `tx` (which holds its row locked): each table becomes a new version of its
 * standard table, the submission's metadata replace the country's for the tables they name, the state becomes
 * released, with the event and the audit row. `by` null: the scheduler, at the embargo's end (the approver is then
 * recorded as the releaser of the versions).
 */
export async function releaseIn(
  tx: Transaction<Database>,
  submission: SubmissionRow,
  by: { id: number; email: string } | null,
  options: WorkflowOptions & { now: Date; ip?: string },
): Promise<ReleaseOutcome> {
  const now = options.now;
  const releasedBy = by?.id ?? submission.decided_by;
  const slices = await loadSlices(tx, submission.id);
  const versions: { table: string; version: number }[] = [];
  for (const [table, slice] of slices) {
    const current = await tx
      .selectFrom("data_table")
      .select("current_version")
      .where("id", "=", table)
      .forUpdate()
      .executeTakeFirst();
    const published = current ? await loadDataset(tx, table, current.current_version) : undefined;
    const { dataset } = mergeSlice(published, slice);
    const at = await placeOf(tx, table);
    const saved = await saveTableVersion(tx, {
      tableId: table,
      path: at.path,
      sort: at.sort,
      dataset: { ...dataset, updated: now.toISOString() },
      sourceName: `submission ${submission.id} (${submission.reporter})`,
      now,
      ...(submission.revision_note ? { revisionNote: submission.revision_note } : {}),
      submissionId: submission.id,
      ...(releasedBy !== null ? { releasedBy } : {}),
    });
    versions.push({ table, version: saved.version });
  }
  const metadata = await listMetadata(tx, submission.id, submission.reporter);
  if (metadata.length > 0)
    await upsertCountryMetadata(tx, metadata, {
      replace: true,
      now,
      ...(options.reporters ? { reporters: options.reporters } : {}),
    });
  await updateSubmission(tx, submission.id, { state: "released", released_by: releasedBy, released_at: now }, now);
  await addEvent(tx, {
    submissionId: submission.id,
    by: by?.id ?? null,
    action: by ? "release" : "release-scheduled",
    from: "approved",
    to: "released",
    at: now,
  });
  await recordAudit(tx, {
    actor: by,
    action: "submission.released",
    targetType: "submission",
    targetId: submission.id,
    reporter: submission.reporter,
    detail: { versions, scheduled: by === null, ...(by === null ? { approvedBy: submission.decided_by } : {}) },
    ...(options.ip ? { ip: options.ip } : {}),
    at: now,
  });
  return { submissionId: submission.id, reporter: submission.reporter, versions };
}

/**
 * Releases one due submission (approved, its release_at passed), if any, in a transaction of its own. `skip
 * locked`: a submission another process is releasing is not waited for, so each is released by one process once.
 */
export async function releaseOneDue(
  db: Kysely<Database>,
  options: WorkflowOptions & { now: Date },
): Promise<ReleaseOutcome | undefined> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom("submission")
      .selectAll()
      .where("state", "=", "approved")
      .where("release_at", "<=", options.now)
      .orderBy("release_at")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return undefined;
    return releaseIn(tx, due, null, options);
  });
}

/** Releases every due submission, one transaction each; returns what was released. */
export async function releaseDue(
  db: Kysely<Database>,
  options: WorkflowOptions & { now: () => Date },
): Promise<ReleaseOutcome[]> {
  const out: ReleaseOutcome[] = [];
  for (;;) {
    const released = await releaseOneDue(db, { ...options, now: options.now() });
    if (!released) return out;
    out.push(released);
  }
}
