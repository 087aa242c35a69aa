/** What the API answers: the stored rows turned into the JSON shapes of docs/decisions/0008-submissions.md. */

import type { Kysely, Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { ValidatedEntry } from "../tables/country-metadata.ts";
import type { FindingCoordinate } from "./schema.ts";
import {
  countFindings,
  type FindingCounts,
  listComments,
  listEvents,
  listFindings,
  listMetadata,
  listSlices,
  type SliceSummary,
  type SubmissionRow,
} from "./store.ts";
import { type ReleasedChanges, releasedChanges } from "./workflow.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface Person {
  readonly id: number;
  readonly name: string;
}

export interface SubmissionSummary {
  readonly id: number;
  readonly reporter: string;
  readonly state: SubmissionRow["state"];
  readonly createdAt: string;
  readonly createdBy: Person | null;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly submittedBy: Person | null;
  readonly decidedAt: string | null;
  readonly decidedBy: Person | null;
  readonly releaseAt: string | null;
  readonly releasedAt: string | null;
  readonly releasedBy: Person | null;
  readonly revisionNote: { en: string; ru: string } | null;
  readonly tables: readonly string[];
  readonly findings: FindingCounts;
}

export interface FindingView {
  readonly key: string;
  readonly rule: string;
  readonly severity: "error" | "warning";
  readonly table: string;
  readonly cell: readonly FindingCoordinate[];
  readonly against: { readonly table: string; readonly cell: readonly FindingCoordinate[] } | null;
  readonly expected: number | null;
  readonly found: number | null;
  readonly message: { en: string; ru: string };
  readonly comment: string | null;
  readonly commentBy: number | null;
  readonly commentAt: string | null;
}

export interface SubmissionDetail extends SubmissionSummary {
  readonly tableDetails: readonly (Omit<SliceSummary, "uploadedAt"> & { uploadedAt: string })[];
  readonly metadata: readonly Omit<ValidatedEntry, "reporter">[];
  readonly comments: readonly {
    id: number;
    author: Person | null;
    authorRole: string;
    createdAt: string;
    findingKey: string | null;
    body: string;
  }[];
  readonly history: readonly {
    at: string;
    by: Person | null;
    action: string;
    from: string | null;
    to: string;
    comment: string | null;
  }[];
  /** Released figures the submission would change if released now (a revision note is then required). */
  readonly changes: ReleasedChanges;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function people(db: Db, ids: readonly (number | null)[]): Promise<Map<number, Person>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("app_user").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}

export async function summaries(db: Db, rows: readonly SubmissionRow[]): Promise<SubmissionSummary[]> {
  const who = await people(
    db,
    rows.flatMap((r) => [r.created_by, r.submitted_by, r.decided_by, r.released_by]),
  );
  const person = (id: number | null) => (id === null ? null : (who.get(id) ?? null));
  const out: SubmissionSummary[] = [];
  for (const r of rows) {
    const tables = await db
      .selectFrom("submission_table")
      .select("table_id")
      .where("submission_id", "=", r.id)
      .orderBy("table_id")
      .execute();
    out.push({
      id: r.id,
      reporter: r.reporter,
      state: r.state,
      createdAt: iso(r.created_at) as string,
      createdBy: person(r.created_by),
      updatedAt: iso(r.updated_at) as string,
      submittedAt: iso(r.submitted_at),
      submittedBy: person(r.submitted_by),
      decidedAt: iso(r.decided_at),
      decidedBy: person(r.decided_by),
      releaseAt: iso(r.release_at),
      releasedAt: iso(r.released_at),
      releasedBy: person(r.released_by),
      revisionNote: r.revision_note,
      tables: tables.map((t) => t.table_id),
      findings: await countFindings(db, r.id),
    });
  }
  return out;
}

export async function detail(db: Db, row: SubmissionRow): Promise<SubmissionDetail> {
  const [summary] = (await summaries(db, [row])) as [SubmissionSummary];
  const comments = await listComments(db, row.id);
  const events = await listEvents(db, row.id);
  const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? "" });
  return {
    ...summary,
    tableDetails: (await listSlices(db, row.id)).map((s) => ({ ...s, uploadedAt: s.uploadedAt.toISOString() })),
    metadata: (await listMetadata(db, row.id, row.reporter)).map(({ reporter: _, ...entry }) => entry),
    comments: comments.map((c) => ({
      id: c.id,
      author: person(c.author, c.authorName),
      authorRole: c.author_role,
      createdAt: iso(c.created_at) as string,
      findingKey: c.finding_key,
      body: c.body,
    })),
    history: events.map((e) => ({
      at: iso(e.at) as string,
      by: person(e.by, e.byName),
      action: e.action,
      from: e.from_state,
      to: e.to_state,
      comment: e.comment,
    })),
    changes: row.state === "released" ? { count: 0, sample: [] } : await releasedChanges(db, row.id),
  };
}

export async function findingViews(db: Db, submissionId: number): Promise<FindingView[]> {
  const rows = await listFindings(db, submissionId);
  return rows.map((f) => ({
    key: f.key,
    rule: f.rule,
    severity: f.severity,
    table: f.table_id,
    cell: f.cell,
    against: f.against,
    expected: f.expected,
    found: f.found,
    message: f.message,
    comment: f.comment,
    commentBy: f.comment_by,
    commentAt: iso(f.comment_at),
  }));
}
