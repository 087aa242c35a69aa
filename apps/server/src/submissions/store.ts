/**
 * The submissions in the database: the submission row and its history, its tables (the country's slice of each
 * standard table, cells as bytes like a table version), its findings, comments and proposed metadata. Reads and
 * writes only; every decision is made by states.ts and the domain's validation. Writes take the caller's
 * transaction, so that a change, its event and its audit row commit together.
 */

import type { Dataset } from "@clearinghouse/cube";
import type { SubmissionFinding, TableId } from "@clearinghouse/domain";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { MetadataText, ValidatedEntry } from "../tables/country-metadata.ts";
import type { SubmissionState, SubmissionTable } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;
export type SubmissionRow = Selectable<SubmissionTable>;

export async function createSubmission(
  tx: Transaction<Database>,
  input: { reporter: string; by: number; now: Date },
): Promise<SubmissionRow> {
  const row = await tx
    .insertInto("submission")
    .values({
      reporter: input.reporter,
      state: "draft",
      created_by: input.by,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addEvent(tx, { submissionId: row.id, by: input.by, action: "create", from: null, to: "draft", at: input.now });
  return row;
}

/** The submission, locked for the rest of the transaction with `forUpdate` (two requests on one draft queue up). */
export async function findSubmission(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<SubmissionRow | undefined> {
  let query = db.selectFrom("submission").selectAll().where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface SubmissionFilter {
  readonly state?: SubmissionState;
  readonly reporter?: string;
  /** Only these reporters (a focal point's countries); undefined: every one. */
  readonly reporters?: readonly string[];
}

export async function listSubmissions(db: Db, filter: SubmissionFilter): Promise<SubmissionRow[]> {
  if (filter.reporters && filter.reporters.length === 0) return [];
  let query = db.selectFrom("submission").selectAll();
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.reporter) query = query.where("reporter", "=", filter.reporter);
  if (filter.reporters) query = query.where("reporter", "in", filter.reporters);
  return query.orderBy("id", "desc").execute();
}

export async function updateSubmission(
  tx: Transaction<Database>,
  id: number,
  changes: Partial<{
    state: SubmissionState;
    submitted_by: number | null;
    submitted_at: Date | null;
    decided_by: number | null;
    decided_at: Date | null;
    release_at: Date | null;
    released_by: number | null;
    released_at: Date | null;
    revision_note: string | null;
    validated_at: Date | null;
  }>,
  now: Date,
): Promise<void> {
  await tx
    .updateTable("submission")
    .set({ ...changes, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function deleteSubmission(tx: Transaction<Database>, id: number): Promise<void> {
  await tx.deleteFrom("submission").where("id", "=", id).execute();
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function addEvent(
  tx: Transaction<Database>,
  event: {
    submissionId: number;
    by: number | null;
    action: string;
    from: SubmissionState | null;
    to: SubmissionState;
    comment?: string | null;
    at: Date;
  },
): Promise<void> {
  await tx
    .insertInto("submission_event")
    .values({
      submission_id: event.submissionId,
      by: event.by,
      action: event.action,
      from_state: event.from,
      to_state: event.to,
      comment: event.comment ?? null,
      at: event.at,
    })
    .execute();
}

export async function listEvents(db: Db, id: number) {
  return db
    .selectFrom("submission_event")
    .leftJoin("app_user", "app_user.id", "submission_event.by")
    .select([
      "submission_event.at",
      "submission_event.by",
      "app_user.name as byName",
      "submission_event.action",
      "submission_event.from_state",
      "submission_event.to_state",
      "submission_event.comment",
    ])
    .where("submission_id", "=", id)
    .orderBy("submission_event.id")
    .execute();
}

// ── Tables ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The bytes of a Float64Array without a copy. */
const bytesOf = (values: Float64Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

/** Stores (or replaces) the slice of one table. */
export async function saveSlice(
  tx: Transaction<Database>,
  input: { submissionId: number; tableId: TableId; dataset: Dataset; files: readonly string[]; by: number; now: Date },
): Promise<void> {
  const { values, status, flags, ...metadata } = input.dataset;
  const row = {
    metadata: JSON.stringify(metadata),
    cell_count: values.length,
    values: bytesOf(values),
    status,
    flags,
    source_files: JSON.stringify(input.files),
    uploaded_by: input.by,
    uploaded_at: input.now,
  };
  await tx
    .insertInto("submission_table")
    .values({ submission_id: input.submissionId, table_id: input.tableId, ...row })
    .onConflict((c) => c.columns(["submission_id", "table_id"]).doUpdateSet(row))
    .execute();
}

export async function deleteSlice(tx: Transaction<Database>, submissionId: number, tableId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom("submission_table")
    .where("submission_id", "=", submissionId)
    .where("table_id", "=", tableId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface SliceSummary {
  readonly table: string;
  readonly cells: number;
  readonly files: string[];
  readonly uploadedAt: Date;
  readonly years: string[];
}

export async function listSlices(db: Db, submissionId: number): Promise<SliceSummary[]> {
  const rows = await db
    .selectFrom("submission_table")
    .select(["table_id", "cell_count", "source_files", "uploaded_at", "metadata"])
    .where("submission_id", "=", submissionId)
    .orderBy("table_id")
    .execute();
  return rows.map((r) => {
    const dims = (r.metadata as Pick<Dataset, "dimensions">).dimensions;
    return {
      table: r.table_id,
      cells: r.cell_count,
      files: r.source_files,
      uploadedAt: r.uploaded_at,
      years: dims.find((d) => d.code === "year")?.categories.map((c) => c.code) ?? [],
    };
  });
}

/** The slices of a submission as datasets (copies give the typed arrays aligned buffers of their own). */
export async function loadSlices(db: Db, submissionId: number, tableId?: string): Promise<Map<TableId, Dataset>> {
  let query = db
    .selectFrom("submission_table")
    .select(["table_id", "metadata", "values", "status", "flags"])
    .where("submission_id", "=", submissionId);
  if (tableId !== undefined) query = query.where("table_id", "=", tableId);
  const rows = await query.execute();
  const out = new Map<TableId, Dataset>();
  for (const r of rows) {
    const metadata = r.metadata as Omit<Dataset, "values" | "status" | "flags">;
    out.set(r.table_id as TableId, {
      ...metadata,
      values: new Float64Array(new Uint8Array(r.values).buffer),
      status: new Uint8Array(r.status),
      flags: new Uint8Array(r.flags),
    });
  }
  return out;
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Replaces the findings with a new validation's. A finding whose key recurs keeps its comment (the same problem in
 * a corrected upload keeps its explanation); the others go.
 */
export async function replaceFindings(
  tx: Transaction<Database>,
  submissionId: number,
  findings: readonly SubmissionFinding[],
): Promise<void> {
  const kept = await tx
    .selectFrom("submission_finding")
    .select(["key", "comment", "comment_by", "comment_at"])
    .where("submission_id", "=", submissionId)
    .where("comment", "is not", null)
    .execute();
  const comments = new Map(kept.map((k) => [k.key, k]));
  await tx.deleteFrom("submission_finding").where("submission_id", "=", submissionId).execute();
  // In batches: a parameter list has a limit (65,535 in PostgreSQL's protocol).
  for (let from = 0; from < findings.length; from += 500) {
    const batch = findings.slice(from, from + 500);
    await tx
      .insertInto("submission_finding")
      .values(
        batch.map((f, i) => {
          const c = comments.get(f.key);
          return {
            submission_id: submissionId,
            key: f.key,
            position: from + i,
            rule: f.rule,
            severity: f.severity,
            table_id: f.table,
            cell: JSON.stringify(f.cell),
            against: f.against ? JSON.stringify(f.against) : null,
            expected: f.expected,
            found: f.found,
            message: JSON.stringify(f.message),
            comment: c?.comment ?? null,
            comment_by: c?.comment_by ?? null,
            comment_at: c?.comment_at ?? null,
          };
        }),
      )
      .execute();
  }
}

export async function listFindings(db: Db, submissionId: number) {
  return db
    .selectFrom("submission_finding")
    .selectAll()
    .where("submission_id", "=", submissionId)
    .orderBy("position")
    .execute();
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly uncommentedWarnings: number;
}

export async function countFindings(db: Db, submissionId: number): Promise<FindingCounts> {
  const row = await db
    .selectFrom("submission_finding")
    .select([
      sql<number>`count(*) filter (where severity = 'error')`.as("errors"),
      sql<number>`count(*) filter (where severity = 'warning')`.as("warnings"),
      sql<number>`count(*) filter (where severity = 'warning' and (comment is null or btrim(comment) = ''))`.as(
        "uncommented",
      ),
    ])
    .where("submission_id", "=", submissionId)
    .executeTakeFirstOrThrow();
  return { errors: Number(row.errors), warnings: Number(row.warnings), uncommentedWarnings: Number(row.uncommented) };
}

/** Sets (or clears, with null) the focal point's comment on a finding; false when there is no such finding. */
export async function setFindingComment(
  tx: Transaction<Database>,
  input: { submissionId: number; key: string; comment: string | null; by: number; now: Date },
): Promise<boolean> {
  const result = await tx
    .updateTable("submission_finding")
    .set({ comment: input.comment, comment_by: input.by, comment_at: input.now })
    .where("submission_id", "=", input.submissionId)
    .where("key", "=", input.key)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ── Comments ────────────────────────────────────────────────────────────────────────────────────────────────────

export async function addComment(
  tx: Transaction<Database>,
  input: {
    submissionId: number;
    author: number;
    authorRole: string;
    body: string;
    findingKey: string | null;
    now: Date;
  },
): Promise<number> {
  const row = await tx
    .insertInto("submission_comment")
    .values({
      submission_id: input.submissionId,
      author: input.author,
      author_role: input.authorRole,
      body: input.body,
      finding_key: input.findingKey,
      created_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listComments(db: Db, submissionId: number) {
  return db
    .selectFrom("submission_comment")
    .leftJoin("app_user", "app_user.id", "submission_comment.author")
    .select([
      "submission_comment.id",
      "submission_comment.author",
      "app_user.name as authorName",
      "submission_comment.author_role",
      "submission_comment.created_at",
      "submission_comment.finding_key",
      "submission_comment.body",
    ])
    .where("submission_id", "=", submissionId)
    .orderBy("submission_comment.id")
    .execute();
}

// ── Metadata ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Replaces the proposed metadata with `entries` (validated by country-metadata.ts): for each table they name, the
 * country's whole metadata of that table once released.
 */
export async function replaceMetadata(
  tx: Transaction<Database>,
  submissionId: number,
  entries: readonly ValidatedEntry[],
): Promise<void> {
  await tx.deleteFrom("submission_metadata").where("submission_id", "=", submissionId).execute();
  if (entries.length === 0) return;
  const text = (t: MetadataText | null) => (t ? JSON.stringify({ en: t.en, ru: t.ru }) : null);
  await tx
    .insertInto("submission_metadata")
    .values(
      entries.map((e) => ({
        submission_id: submissionId,
        table_id: e.tableId,
        from_year: e.fromYear,
        to_year: e.toYear,
        source: text(e.source) as string,
        definition: text(e.definition) as string,
        coverage: text(e.coverage) as string,
        breaks: text(e.breaks),
        deviations: text(e.deviations),
        stateless_in_citizenship_table: e.statelessInCitizenshipTable,
      })),
    )
    .execute();
}

/** The proposed metadata as entries of country_metadata's shape. */
export async function listMetadata(db: Db, submissionId: number, reporter: string): Promise<ValidatedEntry[]> {
  const rows = await db
    .selectFrom("submission_metadata")
    .selectAll()
    .where("submission_id", "=", submissionId)
    .orderBy("table_id")
    .orderBy("from_key")
    .execute();
  return rows.map((r) => ({
    reporter,
    tableId: r.table_id as TableId,
    fromYear: r.from_year,
    toYear: r.to_year,
    source: r.source,
    definition: r.definition,
    coverage: r.coverage,
    breaks: r.breaks,
    deviations: r.deviations,
    statelessInCitizenshipTable: r.stateless_in_citizenship_table,
  }));
}
