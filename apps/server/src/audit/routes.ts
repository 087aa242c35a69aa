/**
 * GET /api/audit: the audit log for administrators (`audit:read`), newest first, a page at a time, filtered by
 * actor, action (or area), reporter, target and time; `format=csv|xlsx` downloads every row of the filter
 * (streamed). There is no route that changes or deletes a row.
 */

import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import { requirePermission } from "../auth/guards.ts";
import { requestLanguage } from "../http/language.ts";
import { ApiProblem, sendProblems } from "../http/problem.ts";
import type { Database } from "../storage/schema.ts";
import { AUDIT_ACTIONS } from "./actions.ts";
import { AUDIT_COLUMNS, auditCsv, auditXlsx, MAX_XLSX_ROWS } from "./export.ts";
import { auditQueryMessage, tooManyForXlsxMessage } from "./messages.ts";
import { AUDIT_FORMATS, AUDIT_PAGE_SIZE, parseAuditQuery } from "./query.ts";
import { auditPage, auditRows, countAudit } from "./store.ts";

export interface AuditApiOptions {
  readonly db: Kysely<Database>;
}

const eventSchema = {
  type: "object",
  required: ["id", "at", "actor", "action", "targetType", "targetId", "reporter", "detail", "ip"],
  properties: {
    id: { type: "string", description: "Increasing with each row" },
    at: { type: "string", format: "date-time" },
    actor: {
      type: "object",
      nullable: true,
      description: "Who acted (the email as it was then); null for the public and the system",
      properties: { id: { type: "integer", nullable: true }, email: { type: "string", nullable: true } },
    },
    action: { type: "string", enum: [...AUDIT_ACTIONS] },
    targetType: { type: "string" },
    targetId: { type: "string", nullable: true },
    reporter: { type: "string", nullable: true },
    detail: { type: "object", additionalProperties: true },
    ip: { type: "string", nullable: true },
  },
} as const;

const problem = {
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
  },
} as const;

async function auditPlugin(app: FastifyInstance, options: AuditApiOptions): Promise<void> {
  const { db } = options;
  await app.register(async (api) => {
    sendProblems(api);
    // The filters are checked by query.ts (messages in both languages); the schema documents them.
    api.setValidatorCompiler(() => () => true);
    api.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });
    api.get(
      "/api/audit",
      {
        preHandler: requirePermission("audit:read"),
        schema: {
          tags: ["Audit"],
          summary: "The audit log (administrators)",
          description: `Who did what and when, newest first, ${AUDIT_PAGE_SIZE} rows a page. \`format=csv\` or \`xlsx\` downloads every row of the filters (columns ${AUDIT_COLUMNS.join(", ")}). Rows are never changed or deleted.`,
          querystring: {
            type: "object",
            properties: {
              actor: { type: "string", description: "An account's email (any case) or number" },
              action: {
                type: "string",
                description: "An action, or an area of them: auth, user, invitation, submission",
              },
              reporter: { type: "string", description: "ISO alpha-3 country code" },
              target: { type: "string", description: "A type, or type:id (user:12)" },
              from: { type: "string", description: "A day (from its start, UTC) or a time with its zone" },
              to: { type: "string", description: "A day (to its end, UTC) or a time with its zone (exclusive)" },
              page: { type: "integer", minimum: 1 },
              format: { type: "string", enum: [...AUDIT_FORMATS] },
              lang: { type: "string", enum: ["en", "ru"] },
            },
          },
          response: {
            200: {
              type: "object",
              properties: {
                events: { type: "array", items: eventSchema },
                page: { type: "integer" },
                pageSize: { type: "integer" },
                total: { type: "integer" },
              },
            },
            400: problem,
            401: problem,
            403: problem,
            413: problem,
          },
        },
      },
      async (request, reply) => {
        const lang = requestLanguage(request);
        const parsed = parseAuditQuery(request.query as Record<string, unknown>);
        if (!parsed.ok) throw new ApiProblem(400, auditQueryMessage(parsed.problem, lang));
        const { filter, page, format } = parsed.value;
        if (format === "json") {
          const [events, total] = await Promise.all([
            auditPage(db, filter, page, AUDIT_PAGE_SIZE),
            countAudit(db, filter),
          ]);
          return {
            events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
            page,
            pageSize: AUDIT_PAGE_SIZE,
            total,
          };
        }
        const stamp = new Date().toISOString().slice(0, 10);
        reply.header("content-disposition", `attachment; filename="audit-${stamp}.${format}"`);
        if (format === "csv") return reply.type("text/csv; charset=utf-8").send(auditCsv(auditRows(db, filter)));
        const total = await countAudit(db, filter);
        if (total > MAX_XLSX_ROWS) throw new ApiProblem(413, tooManyForXlsxMessage(total, MAX_XLSX_ROWS, lang));
        return reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .send(auditXlsx(auditRows(db, filter)));
      },
    );
  });
}

/** The audit API; registered in app.ts beside the accounts (no CORS, requests carry the session cookie). */
export const auditApi = fp(auditPlugin, { name: "clearinghouse-audit", fastify: "5.x" });
