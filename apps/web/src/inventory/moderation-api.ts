/** The editors' suggestion endpoints (MODERATION-API.md) as the moderation pages use them. */
import { getJson, send } from "../account/http.ts";
import type { Lang } from "../lib/i18n.ts";
import { BASE } from "./api.ts";
import type { DiffEntry } from "./diff.ts";

export const SUGGESTION_STATES = ["pending", "accepted", "rejected"] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

export interface QueueItem {
  readonly id: number;
  readonly kind: "new" | "correction";
  readonly state: SuggestionState;
  readonly institutionId: string | null;
  readonly targetName: string | null;
  readonly submittedAt: string;
  readonly summary: string;
  readonly duplicates: number;
}

export interface Queue {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly QueueItem[];
}

export interface Duplicate {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface SuggestionDetail {
  /** Relationships proposed with it (from the entry's side), labelled. */
  readonly relationships: readonly { readonly type: string; readonly label: string; readonly id: string }[];
  readonly suggestion: {
    readonly id: number;
    readonly kind: "new" | "correction";
    readonly state: SuggestionState;
    readonly institutionId: string | null;
    readonly contactEmail: string | null;
    readonly submittedAt: string;
    readonly reviewedAt: string | null;
    readonly reviewNote: string | null;
  };
  readonly current: { readonly id: string; readonly version: number } | null;
  readonly stale: boolean;
  readonly diff: readonly DiffEntry[];
  readonly duplicates: readonly Duplicate[];
}

/** Two entries that look like the same institution (`GET /duplicates`). */
export interface DuplicatePair {
  readonly a: { readonly id: string; readonly name: string };
  readonly b: { readonly id: string; readonly name: string };
  readonly score: number;
  readonly reasons: readonly string[];
}

/** The link states an editor looks through; pending and ok need no action. */
export const LINK_STATES = ["broken", "unreachable", "redirected"] as const;
export type LinkState = (typeof LINK_STATES)[number];

export interface LinkCheck {
  readonly url: string;
  readonly status: string;
  readonly httpCode: number | null;
  readonly finalUrl: string | null;
  readonly checkedAt: string | null;
  readonly failures: number;
  readonly lastError: string | null;
  readonly institutions: readonly { readonly id: string; readonly name: string }[];
}

export interface LinkChecks {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly LinkCheck[];
}

/** Entries to check (`GET /verification`): why each is listed. */
export interface VerificationQueue {
  readonly total: number;
  readonly items: readonly {
    readonly id: string;
    readonly name: string;
    readonly website: string | null;
    readonly verifiedAt: string | null;
    readonly linkStatus: string | null;
    readonly reasons: readonly ("never" | "stale" | "link")[];
  }[];
}

const QUEUE_PAGE_SIZE = 20;

export const moderationApi = {
  queue: (state: SuggestionState, page: number, lang: Lang) =>
    getJson<Queue>(`${BASE}/suggestions?state=${state}&page=${page}&pageSize=${QUEUE_PAGE_SIZE}&lang=${lang}`),
  suggestion: (id: string, lang: Lang) =>
    getJson<SuggestionDetail>(`${BASE}/suggestions/${encodeURIComponent(id)}?lang=${lang}`),
  accept: (id: number, lang: Lang, fields: Record<string, string>, note: string) =>
    send<{ institutionId: string; version: number }>(`${BASE}/suggestions/${id}/accept?lang=${lang}`, {
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }),
  reject: (id: number, lang: Lang, note: string) =>
    send<{ state: string }>(`${BASE}/suggestions/${id}/reject?lang=${lang}`, { note: note.trim() }),
  /** All the pairs the server gives (at most 200): it has no pages, so the page shows them in pages itself. */
  duplicates: (lang: Lang) => getJson<{ items: DuplicatePair[] }>(`${BASE}/duplicates?limit=200&lang=${lang}`),
  /** Removes `id`, keeping `into` with both entries' lists. */
  merge: (id: string, into: string, lang: Lang, reason: string) =>
    send<{ kept: string; version: number; merged: string }>(
      `${BASE}/institutions/${encodeURIComponent(id)}/merge?lang=${lang}`,
      { into, ...(reason.trim() ? { reason: reason.trim() } : {}) },
    ),
  /** "Not a duplicate": the pair is not proposed again. */
  dismiss: (a: string, b: string, lang: Lang) => send(`${BASE}/duplicates/dismiss?lang=${lang}`, { a, b }),
  verification: (page: number, lang: Lang) =>
    getJson<VerificationQueue>(`${BASE}/verification?page=${page}&pageSize=${QUEUE_PAGE_SIZE}&lang=${lang}`),
  linkChecks: (state: LinkState, page: number, lang: Lang) =>
    getJson<LinkChecks>(`${BASE}/link-checks?state=${state}&page=${page}&pageSize=${QUEUE_PAGE_SIZE}&lang=${lang}`),
};

export { QUEUE_PAGE_SIZE };
