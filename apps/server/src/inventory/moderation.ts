/**
 * Suggestions from the public and their moderation, editors' changes, duplicates and link reports: the routes of
 * MODERATION-API.md (which is their contract). Registered by the inventory's API plugin. Editors' routes check the
 * role and, on writes, the CSRF token (auth/guards.ts); answers to editors are never cached. Refusals are problem
 * documents in the reader's language; a body's fault names its field (`field`, and `problems` for all of them).
 */

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { requireCsrf, requirePermission } from "../auth/guards.ts";
import { requestLanguage } from "../http/language.ts";
import { ApiProblem, PROBLEM_MEDIA_TYPE, problemDocument, sendStorageProblem } from "../http/problem.ts";
import { countCall } from "../http/rate-limit-store.ts";
import { StorageProblem } from "../storage/errors.ts";
import type { Database } from "../storage/schema.ts";
import { duplicatePairs, duplicatesOf } from "./duplicates.ts";
import { linksInState } from "./link-check.ts";
import { moderationMessages as mm } from "./moderation-messages.ts";
import {
  acceptSuggestion,
  addressHash,
  createSuggestion,
  currentEntry,
  historyOf,
  listSuggestions,
  ModerationError,
  mergeInstitutions,
  patchInstitution,
  proposedFields,
  rejectSuggestion,
  type SuggestionRow,
  suggestionById,
  unusedSuggestionId,
  withdrawInstitution,
} from "./moderation-store.ts";
import { networkApi } from "./network-api.ts";
import { networkMessages as nm } from "./network-messages.ts";
import {
  diffFields,
  EDITOR_COLUMNS,
  type FieldProblem,
  type ProposedRecord,
  PUBLIC_COLUMNS,
  readFields,
} from "./proposal.ts";
import { isRelationView, RELATION_VIEWS, type RelationView } from "./relationships.ts";
import { rowToFields } from "./repository.ts";
import { LINK_STATUSES, type LinkStatus, type SuggestionState } from "./schema.ts";
import type { Lang } from "./vocabulary.ts";

export interface ModerationOptions {
  readonly db: Kysely<Database>;
  /** Suggestions per client and window (default 5 per 10 minutes). */
  readonly suggestLimit?: { readonly max: number; readonly windowMs: number };
  readonly now?: () => Date;
}

const tags = ["Inventory moderation"];
const SUGGESTION_BODY_BYTES = 64 * 1024;
const EDIT_BODY_BYTES = 64 * 1024;
const MAX_NOTE = 2000;
const MAX_PAGE_SIZE = 100;
const STATES: readonly SuggestionState[] = ["pending", "accepted", "rejected"];
const editor = requirePermission("inventory:moderate");

/** A body refused for the fields it names. */
const fieldProblems = (problems: readonly FieldProblem[]) =>
  new ModerationError(400, (problems[0] as FieldProblem).message, problems);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const nameIn = (lang: Lang, f: { name_en: string | null; name_ru: string | null }) =>
  (lang === "ru" ? (f.name_ru ?? f.name_en) : (f.name_en ?? f.name_ru)) ?? "";

type Body = Record<string, unknown>;

function objectBody(value: unknown): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fieldProblems([{ field: "body", message: mm.notObject("body") }]);
  }
  return value as Body;
}

/** An optional text of a body (null when absent or empty), at most `max` characters. */
function optionalText(body: Body, field: string, max: number): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw fieldProblems([{ field, message: mm.notText(field) }]);
  const text = value.trim();
  if (text.length > max) throw fieldProblems([{ field, message: mm.tooLong(field, max) }]);
  return text === "" ? null : text;
}

function requiredText(body: Body, field: string, max: number): string {
  const text = optionalText(body, field, max);
  if (text === null) throw fieldProblems([{ field, message: mm.required(field) }]);
  return text;
}

function fieldsOf(body: Body, allowed: typeof PUBLIC_COLUMNS, required: boolean): ProposedRecord | undefined {
  if (body.fields === undefined) {
    if (required) throw fieldProblems([{ field: "fields", message: mm.required("fields") }]);
    return undefined;
  }
  const { record, problems } = readFields(body.fields, allowed);
  if (problems.length > 0) throw fieldProblems(problems);
  return record;
}

const MAX_SUGGESTED_RELATIONSHIPS = 20;

/** The relationships a suggestion proposes: [{type, id}] from the proposed entry's side. */
function relationshipsOf(body: Body): { type: RelationView; id: string }[] {
  const raw = body.relationships;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw fieldProblems([{ field: "relationships", message: nm.notAList("relationships") }]);
  if (raw.length > MAX_SUGGESTED_RELATIONSHIPS) {
    throw fieldProblems([
      { field: "relationships", message: nm.tooMany("relationships", MAX_SUGGESTED_RELATIONSHIPS) },
    ]);
  }
  return raw.map((r: unknown, k: number) => {
    const o = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
    if (!isRelationView(o.type)) {
      throw fieldProblems([
        { field: `relationships[${k}].type`, message: nm.badRelationshipType(String(o.type), RELATION_VIEWS) },
      ]);
    }
    if (typeof o.id !== "string" || o.id.trim() === "" || o.id.length > 64) {
      throw fieldProblems([{ field: `relationships[${k}].id`, message: mm.required(`relationships[${k}].id`) }]);
    }
    return { type: o.type, id: o.id.trim() };
  });
}

/** page and pageSize of a list, checked. */
function paging(request: FastifyRequest): { page: number; pageSize: number } {
  const query = request.query as Record<string, unknown>;
  const positive = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new ModerationError(400, mm.badParameter(name, `1…${max}`));
    }
    return n;
  };
  return { page: positive("page", 1, 10_000), pageSize: positive("pageSize", 20, MAX_PAGE_SIZE) };
}

function oneOf<T extends string>(request: FastifyRequest, name: string, allowed: readonly T[], fallback: T): T {
  const raw = (request.query as Record<string, unknown>)[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(allowed as readonly unknown[]).includes(raw)) {
    throw new ModerationError(400, mm.badParameter(name, allowed.join(", ")));
  }
  return raw as T;
}

function suggestionIdOf(request: FastifyRequest): number {
  const raw = (request.params as { id: string }).id;
  const id = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(id)) throw new ModerationError(404, mm.suggestionNotFound(raw));
  return id;
}

const problemSchema = {
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    field: { type: "string", description: "The body's field at fault" },
    problems: {
      type: "array",
      items: { type: "object", properties: { field: { type: "string" }, detail: { type: "string" } } },
    },
  },
} as const;
const fieldsSchema = {
  type: "object",
  description: "Fields in the import's column names (inventory README): texts, lists as arrays or `;`-separated",
  additionalProperties: true,
} as const;
const noSchemaValidation = () => () => true;

export async function moderationApi(app: FastifyInstance, options: ModerationOptions): Promise<void> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const limit = options.suggestLimit ?? { max: 5, windowMs: 10 * 60_000 };
  app.setValidatorCompiler(noSchemaValidation);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StorageProblem) return sendStorageProblem(error, request, reply);
    const lang = requestLanguage(request);
    const err = error as Error & { statusCode?: number; code?: string };
    let status = err.statusCode ?? 500;
    let detail = status >= 500 ? "internal error" : err.message;
    let extra: Record<string, unknown> = {};
    if (error instanceof ModerationError) {
      status = error.status;
      detail = error.text[lang];
      if (error.problems.length > 0) {
        extra = {
          field: error.problems[0]?.field,
          problems: error.problems.map((p) => ({ field: p.field, detail: p.message[lang] })),
        };
        // A field's message may not start with its name (the import's): say which field.
        if (!detail.startsWith(error.problems[0]?.field ?? "")) detail = `${error.problems[0]?.field}: ${detail}`;
      }
    } else if (error instanceof ApiProblem) {
      status = error.status;
      detail = error.detail;
    } else if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      detail = mm.bodyTooLarge(SUGGESTION_BODY_BYTES / 1024)[lang];
    }
    if (status >= 500) app.log.error(error);
    return reply
      .code(status)
      .header("cache-control", "no-store")
      .type(PROBLEM_MEDIA_TYPE)
      .send({ ...problemDocument(status, detail, request.url), ...extra });
  });
  // Editors' answers depend on who asks and change with every review.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" || request.user) reply.header("cache-control", "no-store");
    return payload;
  });

  app.post(
    "/api/inventory/suggestions",
    {
      bodyLimit: SUGGESTION_BODY_BYTES,
      preHandler: requireCsrf,
      schema: {
        tags,
        summary: "Suggest a new institution or a correction (public)",
        description: `At most ${limit.max} per client per ${limit.windowMs / 60_000} minutes. Checked as an import row is; the sender's address is kept only as a salted hash.`,
        body: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["new", "correction"] },
            institutionId: { type: "string" },
            fields: fieldsSchema,
            contactEmail: { type: "string" },
            relationships: {
              type: "array",
              maxItems: MAX_SUGGESTED_RELATIONSHIPS,
              description: "Relationships of the entry, from its side: parent, child, predecessor, successor, related",
              items: {
                type: "object",
                properties: { type: { type: "string", enum: [...RELATION_VIEWS] }, id: { type: "string" } },
              },
            },
            homepage: { type: "string", description: "Leave empty (a trap for robots)" },
          },
        },
        response: {
          201: { type: "object", properties: { id: { type: "integer" }, state: { type: "string" } } },
          400: problemSchema,
          404: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const clientHash = await addressHash(db, request.ip);
      const count = await countCall(db, `inventory-suggest:${clientHash}`, limit.windowMs, now());
      if (count.current > limit.max) {
        reply.header("retry-after", Math.ceil(count.ttl / 1000));
        throw new ModerationError(429, mm.tooMany(limit.max, Math.round(limit.windowMs / 60_000)));
      }
      const body = objectBody(request.body);
      if (body.homepage !== undefined && body.homepage !== "") {
        return reply.code(201).send({ id: await unusedSuggestionId(db), state: "pending" });
      }
      const kind = body.kind;
      if (kind !== "new" && kind !== "correction")
        throw fieldProblems([{ field: "kind", message: mm.badKind("kind") }]);
      const institutionId = kind === "correction" ? requiredText(body, "institutionId", 64) : null;
      const record = fieldsOf(body, PUBLIC_COLUMNS, true) as ProposedRecord;
      if (kind === "correction" && Object.keys(record).length === 0) {
        throw fieldProblems([{ field: "fields", message: mm.noChanges("fields") }]);
      }
      const contactEmail = optionalText(body, "contactEmail", 254);
      if (contactEmail !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) {
        throw fieldProblems([{ field: "contactEmail", message: mm.badEmail("contactEmail") }]);
      }
      const relationships = relationshipsOf(body);
      for (const [k, r] of relationships.entries()) {
        if (!(await currentEntry(db, r.id))) {
          throw fieldProblems([{ field: `relationships[${k}].id`, message: mm.institutionNotFound(r.id) }]);
        }
      }
      const id = await createSuggestion(db, { kind, institutionId, record, contactEmail, clientHash, relationships });
      return reply.code(201).send({ id, state: "pending" });
    },
  );

  /** The proposed fields and their differences with the entry as it is now. */
  const review = async (s: SuggestionRow) => {
    const row = s.institution_id === null ? undefined : await currentEntry(db, s.institution_id);
    const current = row ? rowToFields(row) : null;
    const { fields } = proposedFields(s, s.kind === "new" ? null : current);
    return { row, current, fields };
  };

  app.get(
    "/api/inventory/suggestions",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "The suggestions in a state (editors)",
        querystring: {
          type: "object",
          properties: {
            state: { type: "string", enum: [...STATES] },
            page: { type: "integer" },
            pageSize: { type: "integer" },
            lang: { type: "string", enum: ["en", "ru"] },
          },
        },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const state = oneOf(request, "state", STATES, "pending");
      const { page, pageSize } = paging(request);
      const { total, rows } = await listSuggestions(db, state, page, pageSize);
      const items = [];
      for (const s of rows) {
        const { row, fields } = await review(s);
        const proposedName = fields ? nameIn(lang, fields) : "";
        const targetName = s.kind === "new" ? proposedName : row ? nameIn(lang, row) : null;
        const changed = fields && row ? diffFields(rowToFields(row), fields).filter((d) => d.changed) : [];
        const duplicates = fields ? (await duplicatesOf(db, fields, s.institution_id)).length : 0;
        items.push({
          id: s.id,
          kind: s.kind,
          state: s.state,
          institutionId: s.institution_id,
          targetName,
          submittedAt: iso(s.submitted_at),
          summary:
            s.kind === "new"
              ? mm.summaryNew(proposedName)[lang]
              : mm.summaryCorrection(
                  targetName ?? s.institution_id ?? "",
                  changed.map((d) => d.field),
                )[lang],
          duplicates,
        });
      }
      return { total, page, pageSize, items };
    },
  );

  app.get(
    "/api/inventory/suggestions/:id",
    {
      preHandler: editor,
      schema: { tags, summary: "One suggestion with its differences and likely duplicates (editors)" },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const id = suggestionIdOf(request);
      const s = await suggestionById(db, id);
      if (!s) throw new ModerationError(404, mm.suggestionNotFound(String(id)));
      const { row, current, fields } = await review(s);
      const duplicates = fields ? await duplicatesOf(db, fields, s.institution_id) : [];
      return {
        suggestion: {
          id: s.id,
          kind: s.kind,
          state: s.state,
          institutionId: s.institution_id,
          fields: s.payload,
          contactEmail: s.contact_email,
          submittedAt: iso(s.submitted_at),
          baseVersion: s.base_version,
          reviewedAt: iso(s.reviewed_at),
          reviewNote: s.review_note,
        },
        current:
          row && current
            ? {
                id: row.id,
                version: row.version,
                fields: diffFields(null, current).reduce(
                  (acc, d) => Object.assign(acc, { [d.field]: d.proposed }),
                  {} as Record<string, string>,
                ),
              }
            : null,
        stale: s.kind === "correction" && s.state === "pending" && row !== undefined && row.version !== s.base_version,
        diff: fields ? diffFields(s.kind === "new" ? null : current, fields) : [],
        duplicates: duplicates.map((d) => ({ id: d.id, name: nameIn(lang, d), score: d.score, reasons: d.reasons })),
      };
    },
  );

  app.post(
    "/api/inventory/suggestions/:id/accept",
    {
      preHandler: editor,
      bodyLimit: EDIT_BODY_BYTES,
      schema: {
        tags,
        summary: "Accept a suggestion, possibly edited (editors, CSRF)",
        body: { type: "object", properties: { fields: fieldsSchema, note: { type: "string" } } },
      },
    },
    async (request) => {
      const id = suggestionIdOf(request);
      const body = request.body === undefined || request.body === null ? {} : objectBody(request.body);
      const edits = fieldsOf(body, EDITOR_COLUMNS, false);
      const note = optionalText(body, "note", MAX_NOTE);
      const lang = requestLanguage(request);
      const { refusedRelationships, ...done } = await acceptSuggestion(db, id, request.user?.id as number, edits, note);
      return {
        id,
        state: "accepted",
        ...done,
        refusedRelationships: refusedRelationships.map((r) => ({ id: r.id, detail: r.message[lang] })),
      };
    },
  );

  app.post(
    "/api/inventory/suggestions/:id/reject",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Reject a suggestion with a note (editors, CSRF)",
        body: { type: "object", properties: { note: { type: "string" } }, required: ["note"] },
      },
    },
    async (request) => {
      const id = suggestionIdOf(request);
      const note = requiredText(objectBody(request.body), "note", MAX_NOTE);
      await rejectSuggestion(db, id, request.user?.id as number, note);
      return { id, state: "rejected" };
    },
  );

  app.get(
    "/api/inventory/institutions/:id/history",
    { schema: { tags, summary: "The versions of an entry, also of a removed one (public)" } },
    async (request) => {
      const { id } = request.params as { id: string };
      const items = await historyOf(db, id);
      if (items.length === 0) throw new ModerationError(404, mm.institutionNotFound(id));
      return { id, items: items.map((h) => ({ ...h, at: iso(h.at) })) };
    },
  );

  app.patch(
    "/api/inventory/institutions/:id",
    {
      preHandler: editor,
      bodyLimit: EDIT_BODY_BYTES,
      schema: {
        tags,
        summary: "Change some fields of an entry (editors, CSRF)",
        body: {
          type: "object",
          properties: { fields: fieldsSchema, version: { type: "integer" }, reason: { type: "string" } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = objectBody(request.body);
      const record = fieldsOf(body, EDITOR_COLUMNS, true) as ProposedRecord;
      const version = body.version;
      if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 1)) {
        throw fieldProblems([{ field: "version", message: mm.badVersion("version") }]);
      }
      const reason = optionalText(body, "reason", MAX_NOTE);
      const done = await patchInstitution(db, id, record, request.user?.id as number, version as number, reason);
      return { id, ...done };
    },
  );

  app.delete(
    "/api/inventory/institutions/:id",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Withdraw an entry: it stays (status withdrawn), out of the list and searches (editors, CSRF)",
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body === undefined || request.body === null ? {} : objectBody(request.body);
      const done = await withdrawInstitution(
        db,
        id,
        request.user?.id as number,
        optionalText(body, "reason", MAX_NOTE),
      );
      return { id, ...done };
    },
  );

  app.post(
    "/api/inventory/institutions/:id/merge",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Merge an entry into another (editors, CSRF)",
        body: {
          type: "object",
          properties: { into: { type: "string" }, reason: { type: "string" } },
          required: ["into"],
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = objectBody(request.body);
      const into = requiredText(body, "into", 64);
      const reason = optionalText(body, "reason", MAX_NOTE);
      const { version } = await mergeInstitutions(db, id, into, request.user?.id as number, reason);
      return { kept: into, version, merged: id };
    },
  );

  app.get(
    "/api/inventory/duplicates",
    { preHandler: editor, schema: { tags, summary: "Likely duplicate pairs of entries (editors)" } },
    async (request) => {
      const lang = requestLanguage(request);
      const raw = (request.query as { limit?: string }).limit;
      const n = raw === undefined || raw === "" ? 50 : Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 200) throw new ModerationError(400, mm.badParameter("limit", "1…200"));
      const pairs = await duplicatePairs(db, n);
      return {
        items: pairs.map((p) => ({
          a: { id: p.a.id, name: nameIn(lang, p.a) },
          b: { id: p.b.id, name: nameIn(lang, p.b) },
          score: p.score,
          reasons: p.reasons,
        })),
      };
    },
  );

  app.get(
    "/api/inventory/link-checks",
    { preHandler: editor, schema: { tags, summary: "Websites by the state of their last check (editors)" } },
    async (request) => {
      const lang = requestLanguage(request);
      const state = oneOf<LinkStatus>(request, "state", LINK_STATUSES, "broken");
      const { page, pageSize } = paging(request);
      const { total, rows } = await linksInState(db, state, page, pageSize);
      return {
        total,
        page,
        pageSize,
        items: rows.map((r) => ({
          ...r,
          checkedAt: iso(r.checkedAt),
          nextCheckAt: iso(r.nextCheckAt),
          institutions: r.institutions.map((i) => ({ id: i.id, name: nameIn(lang, i) })),
        })),
      };
    },
  );

  await networkApi(app, { db, now, editor, fieldProblems, objectBody, optionalText, paging });
}
