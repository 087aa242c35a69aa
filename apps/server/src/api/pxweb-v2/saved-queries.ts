/**
 * Saved queries of PxWeb API 2.0 (`/savedqueries`): anyone may save one, without an account, so the store is
 * bounded on every side.
 *
 * - Size: a SavedQuery body of at most `maxBytes` (the route's body limit answers 413 above it) whose selection
 *   names at most `maxValues` value codes in all (what a reader picks by hand is a few hundred; `*` and `top(n)`
 *   are one each).
 * - Rate: at most `maxSaves` saves per client (a keyed hash of its address, as the inventory's suggestions count)
 *   per `windowSeconds`, counted in the database so that several processes share one count; 429 beyond.
 * - Expiry: a query not read or run for `unusedDays` days is deleted. Reading it moves `last_used` on (at most once a
 *   day per query, so that a popular link does not write on every call); the expired ones are deleted on each save.
 * - Ids: 16 characters of base64url from 12 random bytes; an id of another form is refused (ids.ts) before the
 *   database sees it.
 */

import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { ApiProblem, badRequest, notFound } from "../../http/problem.ts";
import { countCall } from "../../http/rate-limit-store.ts";
import { addressHash } from "../../inventory/moderation-store.ts";
import type { Database } from "../../storage/schema.ts";
import { checkSavedQueryId } from "./ids.ts";
import type { OutputParam } from "./output.ts";
import type { VariablesSelection } from "./selection.ts";

export interface SavedQueryLimits {
  /** Largest SavedQuery body, in bytes. */
  readonly maxBytes: number;
  /** Most value codes a saved selection may name, over all its variables. */
  readonly maxValues: number;
  /** Most queries one client may save per window. */
  readonly maxSaves: number;
  readonly windowSeconds: number;
  /** Days after its last use that a saved query is deleted. */
  readonly unusedDays: number;
}

export const DEFAULT_SAVED_QUERY_LIMITS: SavedQueryLimits = {
  maxBytes: 64 * 1024,
  maxValues: 5000,
  maxSaves: 30,
  windowSeconds: 3600,
  unusedDays: 400,
};

/** What is stored of a saved query (the SavedQuery of the specification without its id). */
export interface StoredQuery {
  readonly tableId: string;
  readonly language: string;
  readonly selection: VariablesSelection;
  readonly outputFormat?: string;
  readonly outputFormatParams?: readonly OutputParam[];
}

const DAY_MS = 86_400_000;

export const newSavedQueryId = (): string => randomBytes(12).toString("base64url");

/** Refuses a selection that names more value codes than the limit. */
export function checkSelectionSize(selection: VariablesSelection, limits: Pick<SavedQueryLimits, "maxValues">): void {
  const values = selection.selection.reduce((n, v) => n + v.valueCodes.length, 0);
  if (values > limits.maxValues) {
    throw badRequest(
      `the selection names ${values} value codes, more than the ${limits.maxValues} a saved query may hold: use expressions such as * or top(n)`,
    );
  }
}

/** The saved queries in the database, within the limits. */
export class SavedQueryStore {
  constructor(
    private readonly db: Kysely<Database>,
    readonly limits: SavedQueryLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts a save by the client at `address`; 429 once it has saved its share of the window. */
  async countSave(address: string): Promise<{ retryAfterSeconds: number } | undefined> {
    const client = await addressHash(this.db, address);
    const count = await countCall(this.db, `savedquery:${client}`, this.limits.windowSeconds * 1000, this.now());
    if (count.current <= this.limits.maxSaves) return undefined;
    return { retryAfterSeconds: Math.max(1, Math.ceil(count.ttl / 1000)) };
  }

  /** Stores a query under a new id, after deleting the expired ones. */
  async save(query: StoredQuery): Promise<string> {
    await this.deleteExpired();
    const id = newSavedQueryId();
    await this.db
      .insertInto("saved_query")
      .values({ id, table_id: query.tableId, body: JSON.stringify(query), last_used: this.now() })
      .execute();
    return id;
  }

  /** The query saved under `id` (404 if there is none or it has expired), marking it used. */
  async load(id: string): Promise<StoredQuery> {
    const now = this.now();
    const row = await this.db
      .selectFrom("saved_query")
      .select(["body", "last_used"])
      .where("id", "=", checkSavedQueryId(id))
      .executeTakeFirst();
    if (!row || row.last_used.getTime() < now.getTime() - this.limits.unusedDays * DAY_MS) {
      throw notFound(`no saved query "${id}"`);
    }
    if (row.last_used.getTime() < now.getTime() - DAY_MS) {
      await this.db.updateTable("saved_query").set({ last_used: now }).where("id", "=", id).execute();
    }
    return row.body as StoredQuery;
  }

  /** Deletes the queries unused for longer than the limit; returns how many. */
  async deleteExpired(): Promise<number> {
    const before = new Date(this.now().getTime() - this.limits.unusedDays * DAY_MS);
    const result = await this.db.deleteFrom("saved_query").where("last_used", "<", before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** A 429 answer for a client that has saved its share. */
export function tooManySaves(limits: SavedQueryLimits): ApiProblem {
  return new ApiProblem(
    429,
    `too many saved queries: at most ${limits.maxSaves} per ${limits.windowSeconds} s from one client`,
  );
}
