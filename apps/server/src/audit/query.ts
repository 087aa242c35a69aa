/**
 * The audit page's filters, read from a query string (pure): who (an account's email or id), what (an action, or
 * its area such as "submission"), which country, which target ("user" or "user:12"), from and to (a day, taken
 * whole, or an instant), the page, and the format of an export.
 */

import { AUDIT_ACTIONS, type AuditAction } from "./actions.ts";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_FORMATS = ["json", "csv", "xlsx"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** The areas of the action names ("auth", "user", "submission"…), each a filter of its own. */
export const AUDIT_AREAS: readonly string[] = [...new Set(AUDIT_ACTIONS.map((a) => a.split(".")[0] as string))];

export interface AuditFilter {
  readonly actorId?: number;
  readonly actorEmail?: string;
  /** One action, or every action of an area. */
  readonly actions?: readonly AuditAction[];
  readonly reporter?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
}

export interface AuditQuery {
  readonly filter: AuditFilter;
  readonly page: number;
  readonly format: AuditFormat;
}

export type AuditQueryProblem =
  | { readonly code: "unknown-parameter"; readonly parameter: string }
  | { readonly code: "repeated"; readonly parameter: string }
  | { readonly code: "actor"; readonly value: string }
  | { readonly code: "action"; readonly value: string }
  | { readonly code: "reporter"; readonly value: string }
  | { readonly code: "target"; readonly value: string }
  | { readonly code: "date"; readonly parameter: "from" | "to"; readonly value: string }
  | { readonly code: "range" }
  | { readonly code: "page"; readonly value: string }
  | { readonly code: "format"; readonly value: string };

const PARAMETERS = ["actor", "action", "reporter", "target", "from", "to", "page", "format", "lang"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 254;

/** A day (the whole day, UTC) or an instant with its offset; undefined when it is neither or not a real date. */
function dateOf(value: string, end: boolean): Date | undefined {
  if (DAY.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return undefined;
    return end ? new Date(day.getTime() + 24 * 60 * 60_000) : day;
  }
  if (!INSTANT.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export function parseAuditQuery(
  query: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly value: AuditQuery } | { readonly ok: false; readonly problem: AuditQueryProblem } {
  const fail = (problem: AuditQueryProblem) => ({ ok: false as const, problem });
  const unknown = Object.keys(query).find((key) => !PARAMETERS.includes(key));
  if (unknown !== undefined) return fail({ code: "unknown-parameter", parameter: unknown.slice(0, 40) });
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (Array.isArray(raw)) return fail({ code: "repeated", parameter: key });
    const text = String(raw ?? "").trim();
    if (text !== "") values[key] = text.slice(0, MAX_TEXT + 1);
  }
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  const { actor, action, reporter, target, from, to, page, format } = values;
  if (actor !== undefined) {
    if (/^[1-9]\d{0,9}$/.test(actor) && Number(actor) <= 2 ** 31 - 1) filter.actorId = Number(actor);
    else if (actor.length <= MAX_TEXT && actor.includes("@")) filter.actorEmail = actor;
    else return fail({ code: "actor", value: actor.slice(0, 40) });
  }
  if (action !== undefined) {
    const matching = AUDIT_ACTIONS.filter((a) => a === action || a.startsWith(`${action}.`));
    if (matching.length === 0) return fail({ code: "action", value: action.slice(0, 40) });
    filter.actions = matching;
  }
  if (reporter !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(reporter)) return fail({ code: "reporter", value: reporter.slice(0, 40) });
    filter.reporter = reporter.toUpperCase();
  }
  if (target !== undefined) {
    const match = /^([a-z][a-z-]{0,39})(?::(.{1,200}))?$/.exec(target);
    if (!match) return fail({ code: "target", value: target.slice(0, 40) });
    filter.targetType = match[1] as string;
    if (match[2] !== undefined) filter.targetId = match[2];
  }
  if (from !== undefined) {
    const at = dateOf(from, false);
    if (!at) return fail({ code: "date", parameter: "from", value: from.slice(0, 40) });
    filter.from = at;
  }
  if (to !== undefined) {
    const at = dateOf(to, true);
    if (!at) return fail({ code: "date", parameter: "to", value: to.slice(0, 40) });
    filter.to = at;
  }
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) return fail({ code: "range" });
  let pageNumber = 1;
  if (page !== undefined) {
    if (!/^[1-9]\d{0,6}$/.test(page)) return fail({ code: "page", value: page.slice(0, 40) });
    pageNumber = Number(page);
  }
  const chosen = format ?? "json";
  if (!(AUDIT_FORMATS as readonly string[]).includes(chosen))
    return fail({ code: "format", value: chosen.slice(0, 40) });
  return { ok: true, value: { filter, page: pageNumber, format: chosen as AuditFormat } };
}
