/**
 * The notifications API, for signed-in users only, each seeing only their own (in the OpenAPI document under
 * "Notifications"); writes need the session's CSRF token.
 *   GET    /api/notifications?limit=&before=   {unread, notifications}, newest first
 *   POST   /api/notifications/read             {ids} or {all: true} → {updated, unread}
 *   GET    /api/tables/{id}/subscription       {subscribed}
 *   PUT    /api/tables/{id}/subscription       follow the table's releases → {subscribed: true}
 *   DELETE /api/tables/{id}/subscription       stop → {subscribed: false}
 */

import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { requireCsrf } from "../auth/guards.ts";
import { TEXTS as AUTH_TEXTS } from "../auth/messages.ts";
import type { AccountUser } from "../auth/store.ts";
import { requestLanguage } from "../http/language.ts";
import { ID_PARAM, MAX_INTEGER, pathParams } from "../http/params.ts";
import { ApiProblem, notFound, sendProblems } from "../http/problem.ts";
import type { Database } from "../storage/schema.ts";
import { noTableMessage, TEXTS } from "./messages.ts";
import { NOTIFICATION_KINDS } from "./schema.ts";
import { isSubscribed, listNotifications, markRead, subscribe, unsubscribe } from "./store.ts";

export interface NotificationsOptions {
  readonly db: Kysely<Database>;
  readonly now?: () => Date;
}

/** Most ids one POST /api/notifications/read may name. */
export const MAX_READ_IDS = 1000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

const problem = (request: FastifyRequest, texts: { en: string; ru: string }, status = 400) =>
  new ApiProblem(status, texts[requestLanguage(request)]);

/** Any signed-in user (401 for the public), with the CSRF check on writes. */
async function requireSignIn(request: FastifyRequest): Promise<void> {
  if (!request.user) throw problem(request, AUTH_TEXTS.signInRequired, 401);
  if (request.method !== "GET" && request.method !== "HEAD") await requireCsrf(request);
}

const user = (request: FastifyRequest): AccountUser => request.user as AccountUser;

/** A whole number of 1 to `max` from a query parameter, or undefined when absent; NaN when malformed. */
function queryNumber(text: unknown, max: number): number | undefined {
  if (text === undefined) return undefined;
  return typeof text === "string" && /^\d{1,10}$/.test(text) && Number(text) >= 1 && Number(text) <= max
    ? Number(text)
    : Number.NaN;
}

/** {ids: [whole numbers]} or {all: true}; undefined for anything else. */
export function parseReadBody(body: unknown): readonly number[] | "all" | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body);
  if (entries.length !== 1) return undefined;
  const [key, value] = entries[0] as [string, unknown];
  if (key === "all") return value === true ? "all" : undefined;
  if (key !== "ids" || !Array.isArray(value) || value.length > MAX_READ_IDS) return undefined;
  return value.every((id) => Number.isInteger(id) && id >= 1 && id <= MAX_INTEGER) ? (value as number[]) : undefined;
}

const bilingual = { type: "object", properties: { en: { type: "string" }, ru: { type: "string" } } } as const;

const notificationSchema = {
  type: "object",
  required: ["id", "kind", "submissionId", "tableId", "reporter", "created", "read"],
  properties: {
    id: { type: "integer" },
    kind: { type: "string", enum: [...NOTIFICATION_KINDS] },
    submissionId: { type: ["integer", "null"] },
    tableId: { type: ["string", "null"], description: "the released table (kind released)" },
    reporter: { type: "string", description: "the submission's country, ISO alpha-3" },
    title: { ...bilingual, description: "the released table's title at its release" },
    version: { type: "integer", description: "the version the release made" },
    created: { type: "string", format: "date-time" },
    read: { type: ["string", "null"], format: "date-time" },
  },
} as const;

const problemResponse = {
  description: "a Problem (application/problem+json)",
  type: "object",
  additionalProperties: true,
} as const;
const refusals = { 400: problemResponse, 401: problemResponse, 403: problemResponse } as const;
const subscriptionResponse = {
  200: { type: "object", required: ["subscribed"], properties: { subscribed: { type: "boolean" } } },
  ...refusals,
  404: problemResponse,
} as const;

export async function notificationsApi(app: FastifyInstance, options: NotificationsOptions): Promise<void> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  sendProblems(app);
  // Every answer is one user's: never in a shared cache.
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("cache-control", "private, no-store");
    return payload;
  });
  const tags = ["Notifications"];

  app.get(
    "/api/notifications",
    {
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "The signed-in user's notifications, newest first, and how many are unread",
        querystring: {
          type: "object",
          properties: {
            limit: { type: "string", description: `1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})` },
            before: { type: "string", description: "only notifications older than this id (the next page)" },
          },
        },
        response: {
          200: {
            type: "object",
            required: ["unread", "notifications"],
            properties: { unread: { type: "integer" }, notifications: { type: "array", items: notificationSchema } },
          },
          ...refusals,
        },
      },
    },
    async (request) => {
      const query = request.query as { limit?: unknown; before?: unknown };
      const limit = queryNumber(query.limit, MAX_LIMIT) ?? DEFAULT_LIMIT;
      if (Number.isNaN(limit)) throw problem(request, TEXTS.limit);
      const before = queryNumber(query.before, MAX_INTEGER);
      if (Number.isNaN(before)) throw problem(request, TEXTS.before);
      const { notifications, unread } = await listNotifications(db, user(request).id, {
        limit,
        ...(before === undefined ? {} : { before }),
      });
      return {
        unread,
        notifications: notifications.map((n) => ({
          id: n.id,
          kind: n.kind,
          submissionId: n.submissionId,
          tableId: n.tableId,
          reporter: n.data.reporter,
          ...(n.data.title ? { title: n.data.title } : {}),
          ...(n.data.version === undefined ? {} : { version: n.data.version }),
          created: n.created.toISOString(),
          read: n.read?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    "/api/notifications/read",
    {
      preHandler: requireSignIn,
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: "Marks notifications read: the given ids of the user's, or all of them",
        body: {
          oneOf: [
            {
              type: "object",
              required: ["ids"],
              properties: { ids: { type: "array", maxItems: MAX_READ_IDS, items: { type: "integer" } } },
            },
            { type: "object", required: ["all"], properties: { all: { type: "boolean", enum: [true] } } },
          ],
        },
        response: {
          200: {
            type: "object",
            required: ["updated", "unread"],
            properties: { updated: { type: "integer" }, unread: { type: "integer" } },
          },
          ...refusals,
        },
      },
      // The schema documents the body; parseReadBody checks it, with a message in the reader's language.
      validatorCompiler: () => () => true,
    },
    async (request) => {
      const which = parseReadBody(request.body);
      if (which === undefined) throw problem(request, TEXTS.readBody);
      const { id } = user(request);
      const updated = await markRead(db, id, which, now());
      const { unread } = await listNotifications(db, id, { limit: 1 });
      return { updated, unread };
    },
  );

  const subscriptionRoute = (summary: string) => ({
    preHandler: requireSignIn,
    schema: { tags, summary, params: pathParams({ id: ID_PARAM }), response: subscriptionResponse },
  });
  const existingTable = async (request: FastifyRequest): Promise<string> => {
    const { id } = request.params as { id: string };
    const table = await db.selectFrom("data_table").select("id").where("id", "=", id).executeTakeFirst();
    if (!table) throw notFound(noTableMessage(id, requestLanguage(request)));
    return id;
  };

  app.get(
    "/api/tables/:id/subscription",
    subscriptionRoute("Whether the signed-in user follows the table"),
    async (request) => ({
      subscribed: await isSubscribed(db, user(request).id, await existingTable(request)),
    }),
  );
  app.put(
    "/api/tables/:id/subscription",
    subscriptionRoute("Follow the table: each of its releases notifies the signed-in user"),
    async (request) => {
      await subscribe(db, user(request).id, await existingTable(request));
      return { subscribed: true };
    },
  );
  app.delete("/api/tables/:id/subscription", subscriptionRoute("Stop following the table"), async (request) => {
    await unsubscribe(db, user(request).id, await existingTable(request));
    return { subscribed: false };
  });
}
