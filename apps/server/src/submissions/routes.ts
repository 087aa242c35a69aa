/**
 * The submissions API (docs/decisions/0008-submissions.md), under /api/submissions, tag "Submissions" in the
 * OpenAPI document. Every route checks the action (`requirePermission`, CSRF on writes) and then the record's
 * country (`assertCountry`); every change runs in one transaction with its event, its audit row and its
 * notifications; errors are problem+json in the reader's language.
 */

import { toJsonStat2 } from "@clearinghouse/cube";
import {
  DEFAULT_UPLOAD_LIMITS,
  isTableId,
  readUpload,
  TABLE_IDS,
  type TableId,
  templateCsv,
  templateFileName,
  templatePx,
  templateXlsx,
  type UploadFile,
} from "@clearinghouse/domain";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import type { AuditAction } from "../audit/actions.ts";
import { auditSource, recordAudit } from "../audit/record.ts";
import { assertCountry, requirePermission } from "../auth/guards.ts";
import { can } from "../auth/roles.ts";
import type { AccountUser } from "../auth/store.ts";
import { requestLanguage } from "../http/language.ts";
import { ApiProblem, PROBLEM_MEDIA_TYPE, problemDocument, sendProblems } from "../http/problem.ts";
import { notify } from "../notifications/notify.ts";
import type { Database } from "../storage/schema.ts";
import {
  CountryMetadataError,
  type CountryMetadataIssue,
  overlappingEntries,
  type ValidatedEntry,
  validateCountryMetadata,
} from "../tables/country-metadata.ts";
import { findingsCsv, findingsXlsx } from "./findings-export.ts";
import { TEXTS } from "./messages.ts";
import type { SubmissionState } from "./schema.ts";
import { type Actor, type Decision, decideEdit, decideTransition, STATES, type TransitionAction } from "./states.ts";
import {
  addComment,
  addEvent,
  countFindings,
  createSubmission,
  deleteSlice,
  deleteSubmission,
  findSubmission,
  listSubmissions,
  loadSlices,
  replaceMetadata,
  type SubmissionRow,
  saveSlice,
  setFindingComment,
  updateSubmission,
} from "./store.ts";
import { detail, findingViews, summaries } from "./views.ts";
import { releasedChanges, releaseIn, revalidate } from "./workflow.ts";

export interface UploadSettings {
  /** Most bytes of one upload, all files together (BODY_LIMIT). */
  readonly maxBytes: number;
  /** Most cells read from one upload (UPLOAD_CELLS). */
  readonly maxCells: number;
  /** Most files in one upload. */
  readonly maxFiles: number;
}

export interface SubmissionsOptions {
  readonly db: Kysely<Database>;
  /** The participating countries (REPORTERS); default the ten. */
  readonly reporters?: readonly string[] | undefined;
  readonly upload?: Partial<UploadSettings>;
  /** The clock (tests move it). */
  readonly now?: () => Date;
}

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = {
  maxBytes: DEFAULT_UPLOAD_LIMITS.maxBytes,
  maxCells: DEFAULT_UPLOAD_LIMITS.maxCells,
  maxFiles: 20,
};

const TAG = ["Submissions"];
const bilingual = {
  type: "object",
  required: ["en", "ru"],
  properties: { en: { type: "string" }, ru: { type: "string" } },
} as const;
const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "integer", minimum: 1, maximum: 2_147_483_647 } },
} as const;
const tableParams = {
  type: "object",
  required: ["id", "table"],
  properties: { ...idParams.properties, table: { type: "string", enum: [...TABLE_IDS] } },
} as const;
const keyParams = {
  type: "object",
  required: ["id", "key"],
  properties: { ...idParams.properties, key: { type: "string", minLength: 1, maxLength: 400 } },
} as const;
/** The documented answer of most routes: the submission with its tables, findings counts, metadata, comments, history. */
const submissionResponse = {
  200: {
    description: "The submission (docs/decisions/0008-submissions.md)",
    type: "object",
    additionalProperties: true,
  },
} as const;
/** With the problem that lists what is wrong in the body's files or entries. */
const submissionOrProblems = {
  ...submissionResponse,
  422: { description: "A problem document with `problems` or `issues`", type: "object", additionalProperties: true },
} as const;

const actorOf = (user: AccountUser): Actor => ({
  id: user.id,
  canEdit: can(user, "submissions:edit"),
  canReview: can(user, "submissions:review"),
});

const refused = (d: Extract<Decision, { ok: false }>) => new ApiProblem(d.status, d.message.en, d.message.ru);

export async function submissionsApi(app: FastifyInstance, options: SubmissionsOptions): Promise<void> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const upload = { ...DEFAULT_UPLOAD_SETTINGS, ...options.upload };
  const reporters = options.reporters;
  const workflow = reporters ? { reporters } : {};
  sendProblems(app);
  // Limits are enforced by busboy as the body streams in: a part, file or field beyond them ends the request.
  await app.register(multipart, {
    limits: {
      files: upload.maxFiles,
      parts: upload.maxFiles + 10,
      fields: 10,
      fieldSize: 1024,
      fileSize: upload.maxBytes,
    },
  });

  const edit = requirePermission("submissions:edit");
  const review = requirePermission("submissions:review");
  const user = (request: FastifyRequest) => request.user as AccountUser;

  /** The submission of the path, once the user may see it (404, then 403 for another country's). */
  async function visible(db: Kysely<Database> | Transaction<Database>, request: FastifyRequest, forUpdate = false) {
    const { id } = request.params as { id: number };
    const row = await findSubmission(db, id, { forUpdate });
    if (!row) throw new ApiProblem(404, TEXTS.noSubmission(id).en, TEXTS.noSubmission(id).ru);
    assertCountry(request, row.reporter);
    return row;
  }

  /** A change of one submission in one transaction, its row locked; answers the submission as it is afterwards. */
  async function change(
    request: FastifyRequest,
    work: (tx: Transaction<Database>, row: SubmissionRow, at: Date) => Promise<void>,
  ) {
    const at = now();
    const id = await db.transaction().execute(async (tx) => {
      const row = await visible(tx, request, true);
      await work(tx, row, at);
      return row.id;
    });
    return detail(db, (await findSubmission(db, id)) as SubmissionRow);
  }

  const audit = (
    tx: Transaction<Database>,
    request: FastifyRequest,
    row: SubmissionRow,
    action: AuditAction,
    at: Date,
    detail: Record<string, unknown> = {},
  ) =>
    recordAudit(tx, {
      ...auditSource(request),
      action,
      targetType: "submission",
      targetId: row.id,
      reporter: row.reporter,
      detail,
      at,
    });

  const mayEdit = (row: SubmissionRow, request: FastifyRequest, action: "edit" | "discard" | "comment" = "edit") => {
    const d = decideEdit(action, row, actorOf(user(request)));
    if (!d.ok) throw refused(d);
  };

  // ── List, create, read, discard ──────────────────────────────────────────────────────────────────────────────

  app.get(
    "/api/submissions",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "The submissions the user may see (a focal point: its countries')",
        querystring: {
          type: "object",
          properties: {
            state: { type: "string", enum: [...STATES] },
            reporter: { type: "string", pattern: "^[A-Z]{3}$" },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { state?: SubmissionState; reporter?: string };
      const u = user(request);
      if (q.reporter) assertCountry(request, q.reporter);
      const rows = await listSubmissions(db, {
        ...(q.state ? { state: q.state } : {}),
        ...(q.reporter ? { reporter: q.reporter } : {}),
        ...(u.role === "focal-point" ? { reporters: u.countries } : {}),
      });
      return { submissions: await summaries(db, rows) };
    },
  );

  app.post(
    "/api/submissions",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "A new draft for a reporting country",
        body: {
          type: "object",
          required: ["reporter"],
          additionalProperties: false,
          properties: { reporter: { type: "string", pattern: "^[A-Z]{3}$" } },
        },
        response: { 201: submissionResponse[200] },
      },
    },
    async (request, reply) => {
      const { reporter } = request.body as { reporter: string };
      if (reporters && !reporters.includes(reporter))
        throw new ApiProblem(422, TEXTS.notReporter(reporter, reporters).en, TEXTS.notReporter(reporter, reporters).ru);
      assertCountry(request, reporter);
      const at = now();
      const row = await db.transaction().execute(async (tx) => {
        const created = await createSubmission(tx, { reporter, by: user(request).id, now: at });
        await audit(tx, request, created, "submission.created", at);
        return created;
      });
      return reply.code(201).send(await detail(db, row));
    },
  );

  app.get(
    "/api/submissions/:id",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "A submission: state, tables, finding counts, metadata, comments, history",
        params: idParams,
        response: submissionResponse,
      },
    },
    async (request) => detail(db, await visible(db, request)),
  );

  app.delete(
    "/api/submissions/:id",
    { preHandler: edit, schema: { tags: TAG, summary: "Discard a draft", params: idParams } },
    async (request, reply) => {
      const at = now();
      await db.transaction().execute(async (tx) => {
        const row = await visible(tx, request, true);
        mayEdit(row, request, "discard");
        await audit(tx, request, row, "submission.discarded", at);
        await deleteSubmission(tx, row.id);
      });
      return reply.code(204).send();
    },
  );

  // ── Tables: upload, drop, read ───────────────────────────────────────────────────────────────────────────────

  app.post(
    "/api/submissions/:id/files",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "Upload PX, long CSV or Excel files (multipart/form-data): they replace those tables of the draft",
        description:
          "Each file part is read by the upload readers; any problem answers 422 with `problems` (file, sheet, line or row, column, message in English and Russian, suggestions) and nothing is stored. Limits: BODY_LIMIT bytes in all, UPLOAD_CELLS cells, 20 files.",
        params: idParams,
        consumes: ["multipart/form-data"],
        response: submissionOrProblems,
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      // The submission first: nobody streams megabytes into another country's or a submitted one.
      const first = await visible(db, request);
      mayEdit(first, request);
      if (!request.isMultipart()) throw new ApiProblem(415, TEXTS.notMultipart.en, TEXTS.notMultipart.ru);
      const files = await readFiles(request, upload.maxBytes);
      if (files.length === 0) throw new ApiProblem(422, TEXTS.noFiles.en, TEXTS.noFiles.ru);
      const result = await readUpload(files, {
        reporter: first.reporter,
        limits: { maxBytes: upload.maxBytes, maxCells: upload.maxCells },
      });
      const errors = result.problems.filter((p) => p.severity === "error");
      if (errors.length > 0 || result.tables.length === 0) {
        const detailText = errors.length > 0 ? TEXTS.uploadProblems(errors.length) : TEXTS.noTables;
        return reply
          .code(422)
          .type(PROBLEM_MEDIA_TYPE)
          .send({ ...problemDocument(422, detailText[lang], request.url), problems: result.problems });
      }
      const submission = await change(request, async (tx, row, at) => {
        mayEdit(row, request);
        for (const table of result.tables) {
          const names = files.map((f) => f.name).filter((n) => n === table.source.file);
          await saveSlice(tx, {
            submissionId: row.id,
            tableId: table.table,
            dataset: table.dataset,
            files: names.length > 0 ? names : files.map((f) => f.name),
            by: user(request).id,
            now: at,
          });
        }
        const counts = await revalidate(tx, row, { ...workflow, now: at });
        await audit(tx, request, row, "submission.uploaded", at, {
          files: files.map((f) => ({ name: f.name, bytes: f.bytes.length })),
          tables: result.tables.map((t) => t.table),
          findings: counts,
        });
      });
      return { ...submission, uploadProblems: result.problems };
    },
  );

  app.delete(
    "/api/submissions/:id/tables/:table",
    {
      preHandler: edit,
      schema: { tags: TAG, summary: "Drop a table from a draft", params: tableParams, response: submissionResponse },
    },
    async (request) => {
      const { table } = request.params as { table: TableId };
      return change(request, async (tx, row, at) => {
        mayEdit(row, request);
        if (!(await deleteSlice(tx, row.id, table)))
          throw new ApiProblem(404, TEXTS.noTable(table).en, TEXTS.noTable(table).ru);
        await revalidate(tx, row, { ...workflow, now: at });
        await audit(tx, request, row, "submission.table-removed", at, { table });
      });
    },
  );

  app.get(
    "/api/submissions/:id/tables/:table/data",
    {
      preHandler: edit,
      schema: { tags: TAG, summary: "The uploaded slice of a table, JSON-stat 2.0", params: tableParams },
    },
    async (request, reply) => {
      const row = await visible(db, request);
      const { table } = request.params as { table: TableId };
      const slice = (await loadSlices(db, row.id, table)).get(table);
      if (!slice) throw new ApiProblem(404, TEXTS.noTable(table).en, TEXTS.noTable(table).ru);
      return reply
        .header("cache-control", "private, no-store")
        .type("application/json; charset=utf-8")
        .send(toJsonStat2(slice, { lang: requestLanguage(request) }));
    },
  );

  // ── Findings and comments ────────────────────────────────────────────────────────────────────────────────────

  app.get(
    "/api/submissions/:id/findings",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "The findings of the last validation: JSON, CSV or Excel",
        params: idParams,
        querystring: { type: "object", properties: { format: { type: "string", enum: ["json", "csv", "xlsx"] } } },
      },
    },
    async (request, reply) => {
      const row = await visible(db, request);
      const { format = "json" } = request.query as { format?: "json" | "csv" | "xlsx" };
      const findings = await findingViews(db, row.id);
      reply.header("cache-control", "private, no-store");
      if (format === "json") return { ...(await countFindings(db, row.id)), findings };
      const name = `submission-${row.id}-${row.reporter}-findings.${format}`;
      reply.header("content-disposition", `attachment; filename="${name}"`);
      if (format === "csv") return reply.type("text/csv; charset=utf-8").send(findingsCsv(findings));
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(await findingsXlsx(findings));
    },
  );

  app.put(
    "/api/submissions/:id/findings/:key/comment",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "The focal point's comment on a finding (an empty one clears it); a warning needs one before submit",
        params: keyParams,
        body: {
          type: "object",
          required: ["comment"],
          properties: { comment: { type: "string", maxLength: 4000 } },
        },
        response: submissionResponse,
      },
    },
    async (request) => {
      const { key } = request.params as { key: string };
      const text = (request.body as { comment: string }).comment.trim();
      return change(request, async (tx, row, at) => {
        mayEdit(row, request);
        const found = await setFindingComment(tx, {
          submissionId: row.id,
          key,
          comment: text === "" ? null : text,
          by: user(request).id,
          now: at,
        });
        if (!found) throw new ApiProblem(404, TEXTS.noFinding(key).en, TEXTS.noFinding(key).ru);
        await audit(tx, request, row, "submission.finding-commented", at, { key, comment: text });
      });
    },
  );

  app.post(
    "/api/submissions/:id/comments",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary: "A comment of a reviewer or a focal point, general or on a finding",
        params: idParams,
        body: {
          type: "object",
          required: ["body"],
          properties: {
            body: { type: "string", minLength: 1, maxLength: 4000 },
            findingKey: { type: "string", maxLength: 400 },
          },
        },
        response: submissionResponse,
      },
    },
    async (request) => {
      const body = request.body as { body: string; findingKey?: string };
      const text = body.body.trim();
      if (text === "") throw new ApiProblem(422, TEXTS.emptyComment.en, TEXTS.emptyComment.ru);
      return change(request, async (tx, row, at) => {
        mayEdit(row, request, "comment");
        if (body.findingKey !== undefined) await findingExists(tx, row.id, body.findingKey);
        await addComment(tx, {
          submissionId: row.id,
          author: user(request).id,
          authorRole: user(request).role,
          body: text,
          findingKey: body.findingKey ?? null,
          now: at,
        });
        await audit(tx, request, row, "submission.commented", at, { findingKey: body.findingKey ?? null });
      });
    },
  );

  async function findingExists(tx: Transaction<Database>, submissionId: number, key: string) {
    const f = await tx
      .selectFrom("submission_finding")
      .select("key")
      .where("submission_id", "=", submissionId)
      .where("key", "=", key)
      .executeTakeFirst();
    if (!f) throw new ApiProblem(404, TEXTS.noFinding(key).en, TEXTS.noFinding(key).ru);
  }

  // ── Metadata ─────────────────────────────────────────────────────────────────────────────────────────────────

  app.put(
    "/api/submissions/:id/metadata",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary:
          "The proposed comparability metadata (the shape of country metadata), for each table it names the country's whole metadata once released",
        params: idParams,
        body: { type: "array", maxItems: 500, items: { type: "object" } },
        response: submissionOrProblems,
      },
    },
    async (request, reply) => {
      const inputs = request.body as Record<string, unknown>[];
      try {
        return await editMetadata(request, inputs);
      } catch (error) {
        if (!(error instanceof CountryMetadataError)) throw error;
        // Every issue names its entry and field, so the form can show each beside its input.
        return reply
          .code(422)
          .type(PROBLEM_MEDIA_TYPE)
          .send({
            ...problemDocument(422, TEXTS.metadataIssues(error.issues.length)[requestLanguage(request)], request.url),
            issues: error.issues,
          });
      }
    },
  );

  function editMetadata(request: FastifyRequest, inputs: readonly Record<string, unknown>[]) {
    return change(request, async (tx, row, at) => {
      mayEdit(row, request);
      const entries: ValidatedEntry[] = [];
      const issues: CountryMetadataIssue[] = [];
      for (const [index, input] of inputs.entries()) {
        if (input.reporter !== undefined && input.reporter !== row.reporter)
          issues.push({
            index,
            field: "reporter",
            message: `must be the submission's country ${row.reporter} or left out`,
          });
        const checked = validateCountryMetadata({ ...input, reporter: row.reporter }, index, workflow);
        issues.push(...checked.issues);
        if (checked.entry) entries.push(checked.entry);
      }
      issues.push(...overlappingEntries(entries));
      if (issues.length > 0) throw new CountryMetadataError(issues);
      await replaceMetadata(tx, row.id, entries);
      if ((await loadSlices(tx, row.id)).size > 0) await revalidate(tx, row, { ...workflow, now: at });
      await audit(tx, request, row, "submission.metadata-edited", at, { entries: entries.length });
    });
  }

  // ── Transitions ──────────────────────────────────────────────────────────────────────────────────────────────

  /** Decides `action` on the locked row with the facts the state machine needs. */
  async function decide(
    tx: Transaction<Database>,
    row: SubmissionRow,
    request: FastifyRequest,
    action: TransitionAction,
    input: { revisionNote?: { en: string; ru: string } | null; comment?: string; releaseAt?: Date | null },
    at: Date,
  ) {
    const counts = await countFindings(tx, row.id);
    const tables = (await loadSlices(tx, row.id)).size;
    const changed = action === "submit" ? (await releasedChanges(tx, row.id)).count : 0;
    const d = decideTransition(
      action,
      {
        state: row.state,
        submittedBy: row.submitted_by,
        tables,
        errors: counts.errors,
        uncommentedWarnings: counts.uncommentedWarnings,
        changedReleasedFigures: changed,
      },
      actorOf(user(request)),
      { ...input, now: at },
    );
    if (!d.ok) throw refused(d);
    return { next: d.next, changed };
  }

  app.post(
    "/api/submissions/:id/submit",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary:
          "Submit for review: refused while an error stands, a warning has no comment, or a changed released figure has no revision note",
        params: idParams,
        body: { type: ["object", "null"], properties: { revisionNote: bilingual } },
        response: submissionResponse,
      },
    },
    async (request) => {
      const note = (request.body as { revisionNote?: { en: string; ru: string } } | null)?.revisionNote;
      return change(request, async (tx, row, at) => {
        // The published tables may have changed since the upload: the findings are made again first.
        if (decideEdit("edit", row, actorOf(user(request))).ok) await revalidate(tx, row, { ...workflow, now: at });
        const { next, changed } = await decide(tx, row, request, "submit", { revisionNote: note ?? null }, at);
        const revisionNote = changed > 0 && note ? JSON.stringify({ en: note.en.trim(), ru: note.ru.trim() }) : null;
        await updateSubmission(
          tx,
          row.id,
          { state: next, submitted_by: user(request).id, submitted_at: at, revision_note: revisionNote },
          at,
        );
        await addEvent(tx, {
          submissionId: row.id,
          by: user(request).id,
          action: "submit",
          from: row.state,
          to: next,
          at,
        });
        await audit(tx, request, row, "submission.submitted", at, { changedReleasedFigures: changed });
        await notify(tx, { kind: "submitted", submissionId: row.id, reporter: row.reporter, by: user(request).id }, at);
      });
    },
  );

  app.post(
    "/api/submissions/:id/return",
    {
      preHandler: review,
      schema: {
        tags: TAG,
        summary: "Return to the focal point with a comment, and comments on findings",
        params: idParams,
        body: {
          type: "object",
          required: ["comment"],
          properties: {
            comment: { type: "string", maxLength: 4000 },
            findings: {
              type: "array",
              maxItems: 1000,
              items: {
                type: "object",
                required: ["key", "comment"],
                properties: {
                  key: { type: "string", maxLength: 400 },
                  comment: { type: "string", minLength: 1, maxLength: 4000 },
                },
              },
            },
          },
        },
        response: submissionResponse,
      },
    },
    async (request) => {
      const body = request.body as { comment: string; findings?: { key: string; comment: string }[] };
      return change(request, async (tx, row, at) => {
        const { next } = await decide(tx, row, request, "return", { comment: body.comment }, at);
        const by = user(request);
        await updateSubmission(tx, row.id, { state: next, decided_by: by.id, decided_at: at, release_at: null }, at);
        await addEvent(tx, {
          submissionId: row.id,
          by: by.id,
          action: "return",
          from: row.state,
          to: next,
          comment: body.comment.trim(),
          at,
        });
        await addComment(tx, {
          submissionId: row.id,
          author: by.id,
          authorRole: by.role,
          body: body.comment.trim(),
          findingKey: null,
          now: at,
        });
        for (const f of body.findings ?? []) {
          await findingExists(tx, row.id, f.key);
          await addComment(tx, {
            submissionId: row.id,
            author: by.id,
            authorRole: by.role,
            body: f.comment.trim(),
            findingKey: f.key,
            now: at,
          });
        }
        await audit(tx, request, row, "submission.returned", at, {
          from: row.state,
          findings: body.findings?.length ?? 0,
        });
        await notify(tx, { kind: "returned", submissionId: row.id, reporter: row.reporter, by: by.id }, at);
      });
    },
  );

  app.post(
    "/api/submissions/:id/approve",
    {
      preHandler: review,
      schema: {
        tags: TAG,
        summary: "Approve (not one's own): released at once, or at releaseAt (an embargo) by the scheduler",
        params: idParams,
        body: { type: ["object", "null"], properties: { releaseAt: { type: "string", format: "date-time" } } },
        response: submissionResponse,
      },
    },
    async (request) => {
      const raw = (request.body as { releaseAt?: string } | null)?.releaseAt;
      const releaseAt = raw === undefined ? null : new Date(raw);
      const at = now();
      // The approval commits first; the release at once follows in a transaction of its own, so a failed or killed
      // release leaves an approved submission due now, which the scheduler releases.
      const approved = await db.transaction().execute(async (tx) => {
        const row = await visible(tx, request, true);
        const { next } = await decide(tx, row, request, "approve", { releaseAt }, at);
        await updateSubmission(
          tx,
          row.id,
          { state: next, decided_by: user(request).id, decided_at: at, release_at: releaseAt ?? at },
          at,
        );
        await addEvent(tx, {
          submissionId: row.id,
          by: user(request).id,
          action: "approve",
          from: row.state,
          to: next,
          comment: releaseAt ? `releaseAt ${releaseAt.toISOString()}` : null,
          at,
        });
        await audit(tx, request, row, "submission.approved", at, { releaseAt: releaseAt?.toISOString() ?? null });
        return row;
      });
      if (!releaseAt) await releaseNow(request, approved.id, at);
      return detail(db, (await findSubmission(db, approved.id)) as SubmissionRow);
    },
  );

  /** Whether the user may release `row` now, by the state machine (the counts do not bear on a release). */
  function checkRelease(request: FastifyRequest, row: SubmissionRow, at: Date): void {
    const d = decideTransition(
      "release",
      {
        state: row.state,
        submittedBy: row.submitted_by,
        tables: 0,
        errors: 0,
        uncommentedWarnings: 0,
        changedReleasedFigures: 0,
      },
      actorOf(user(request)),
      { now: at },
    );
    if (!d.ok) throw refused(d);
  }

  /** Releases an approved submission now (unless another process just did). */
  async function releaseNow(request: FastifyRequest, id: number, at: Date) {
    await db.transaction().execute(async (tx) => {
      const row = await findSubmission(tx, id, { forUpdate: true });
      if (row?.state !== "approved") return;
      checkRelease(request, row, at);
      const by = user(request);
      await releaseIn(tx, row, { id: by.id, email: by.email }, { ...workflow, now: at, ip: request.ip });
    });
  }

  app.post(
    "/api/submissions/:id/release",
    {
      preHandler: review,
      schema: {
        tags: TAG,
        summary: "Release an approved submission now (before its embargo ends, too)",
        params: idParams,
        response: submissionResponse,
      },
    },
    async (request) => {
      const at = now();
      const row = await visible(db, request);
      // Refused with the state machine's reason (a draft, a returned one…); an approved one is checked again locked.
      if (row.state !== "approved") checkRelease(request, row, at);
      await releaseNow(request, row.id, at);
      return detail(db, (await findSubmission(db, row.id)) as SubmissionRow);
    },
  );

  // ── Templates ────────────────────────────────────────────────────────────────────────────────────────────────

  app.get(
    "/api/submissions/templates/:file",
    {
      preHandler: edit,
      schema: {
        tags: TAG,
        summary:
          "A template to fill for a country and years: {table}.xlsx, {table}.csv, {table}.px, or workbook.xlsx?tables=",
        params: {
          type: "object",
          required: ["file"],
          properties: { file: { type: "string", pattern: "^(T[0-9_]+\\.(csv|px|xlsx)|workbook\\.xlsx)$" } },
        },
        querystring: {
          type: "object",
          required: ["reporter", "years"],
          properties: {
            reporter: { type: "string", pattern: "^[A-Z]{3}$" },
            years: { type: "string", maxLength: 200 },
            tables: { type: "string", maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) => {
      const { file } = request.params as { file: string };
      const q = request.query as { reporter: string; years: string; tables?: string };
      const reporter = q.reporter;
      assertCountry(request, reporter);
      const [name, extension] = file.split(".") as [string, "csv" | "px" | "xlsx"];
      const tables = name === "workbook" ? (q.tables ?? TABLE_IDS.join(",")).split(",").map((t) => t.trim()) : [name];
      const unknown = tables.find((t) => !isTableId(t));
      if (unknown !== undefined)
        throw new ApiProblem(404, TEXTS.noStandardTable(unknown).en, TEXTS.noStandardTable(unknown).ru);
      const ids = tables as TableId[];
      const years = parseYears(q.years);
      if (!years) throw new ApiProblem(400, TEXTS.badYears.en, TEXTS.badYears.ru);
      const fileName = templateFileName(ids, reporter, years, extension);
      reply
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "private, no-store");
      const table = ids[0] as TableId;
      if (extension === "csv")
        return reply.type("text/csv; charset=utf-8").send(templateCsv({ table, reporter, years }));
      if (extension === "px")
        return reply.type("text/plain; charset=utf-8").send(Buffer.from(templatePx({ table, reporter, years })));
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(Buffer.from(await templateXlsx({ tables: ids, reporter, years })));
    },
  );
}

/** "2019,2020" or "2015-2024" (at most 100 years, 1900–2100); undefined when not that. */
export function parseYears(text: string): number[] | undefined {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const range = /^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (from < 1900 || to > 2100 || to < from || to - from >= 100) return undefined;
    for (let y = from; y <= to; y++) out.add(y);
  }
  return out.size > 0 && out.size <= 100 ? [...out].sort((a, b) => a - b) : undefined;
}

/**
 * The file parts of a multipart upload, read while counting bytes: past `maxBytes` in all, the request is refused
 * (413) without reading the rest of the body. Busboy's limits (files, parts, fields) end it likewise.
 */
async function readFiles(request: FastifyRequest, maxBytes: number): Promise<UploadFile[]> {
  const files: UploadFile[] = [];
  let total = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxBytes) throw new ApiProblem(413, TEXTS.tooLarge(maxBytes).en, TEXTS.tooLarge(maxBytes).ru);
        chunks.push(chunk);
      }
      if (part.file.truncated) throw new ApiProblem(413, TEXTS.tooLarge(maxBytes).en, TEXTS.tooLarge(maxBytes).ru);
      files.push({ name: part.filename || `file ${files.length + 1}`, bytes: new Uint8Array(Buffer.concat(chunks)) });
    }
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      throw new ApiProblem(413, TEXTS.tooManyParts.en, TEXTS.tooManyParts.ru);
    if (code === "FST_REQ_FILE_TOO_LARGE")
      throw new ApiProblem(413, TEXTS.tooLarge(maxBytes).en, TEXTS.tooLarge(maxBytes).ru);
    throw new ApiProblem(400, TEXTS.badMultipart.en, TEXTS.badMultipart.ru);
  }
  return files;
}
