/**
 * Suggestions and editors' changes in the database: each write is one transaction that locks the entry it
 * changes, writes a history version through `saveInstitutions` (or directly for a removal) and, for a suggestion,
 * marks it reviewed. Refusals are `ModerationError`s with their message in both languages.
 */

import { createHash, randomBytes } from "node:crypto";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type InstitutionFields, idFor } from "./interchange.ts";
import type { Message } from "./messages.ts";
import { moderationMessages as mm } from "./moderation-messages.ts";
import { networkMessages as nm } from "./network-messages.ts";
import { addRelationshipIn, moveNetwork } from "./network-store.ts";
import { checkRecord, type FieldProblem, mergedFields, overlay, type ProposedRecord } from "./proposal.ts";
import { isRelationView, type RelationView } from "./relationships.ts";
import { rowToFields, saveInstitutions } from "./repository.ts";
import type { InstitutionSuggestionTable, InstitutionTable, SuggestionKind, SuggestionState } from "./schema.ts";

export class ModerationError extends Error {
  constructor(
    readonly status: number,
    readonly text: Message,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(text.en);
  }
}

const invalid = (problems: readonly FieldProblem[]) =>
  new ModerationError(400, (problems[0] as FieldProblem).message, problems);

/** A keyed hash of the sender's address; the key is made once per database, so every process agrees. */
export async function addressHash(db: Kysely<Database>, address: string): Promise<string> {
  await db
    .insertInto("inventory_secret")
    .values({ salt: randomBytes(32).toString("hex") })
    .onConflict((oc) => oc.column("singleton").doNothing())
    .execute();
  const { salt } = await db.selectFrom("inventory_secret").select("salt").executeTakeFirstOrThrow();
  return createHash("sha256").update(`${salt}\n${address}`).digest("hex");
}

async function lockedEntry(trx: Transaction<Database>, id: string): Promise<Selectable<InstitutionTable> | undefined> {
  return trx.selectFrom("institution").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function currentEntry(
  db: Kysely<Database>,
  id: string,
): Promise<Selectable<InstitutionTable> | undefined> {
  return db.selectFrom("institution").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface NewSuggestion {
  readonly kind: SuggestionKind;
  readonly institutionId: string | null;
  readonly record: ProposedRecord;
  readonly contactEmail: string | null;
  readonly clientHash: string | null;
  /** Relationships of the proposed entry, from its side (checked when accepted). */
  readonly relationships?: readonly { readonly type: RelationView; readonly id: string }[];
}

/** Checks a suggestion against the entry as it is now and stores it; its id. */
export async function createSuggestion(db: Kysely<Database>, s: NewSuggestion): Promise<number> {
  let baseVersion: number | null = null;
  let base: InstitutionFields | null = null;
  if (s.kind === "correction") {
    const row = await currentEntry(db, s.institutionId as string);
    if (!row) throw new ModerationError(404, mm.institutionNotFound(s.institutionId as string));
    baseVersion = row.version;
    base = rowToFields(row);
  }
  const { problems } = checkRecord(overlay(base, s.record));
  if (problems.length > 0) throw invalid(problems);
  const { id } = await db
    .insertInto("institution_suggestion")
    .values({
      kind: s.kind,
      institution_id: s.institutionId,
      payload: JSON.stringify(s.record),
      contact_email: s.contactEmail,
      client_ip_hash: s.clientHash,
      base_version: baseVersion,
      relationships: JSON.stringify(s.relationships ?? []),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** An id a suggestion would have had (a honeypot's answer looks like a real one). */
export async function unusedSuggestionId(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ id: number }>`select nextval('institution_suggestion_id_seq')::integer id`.execute(db);
  return (rows[0] as { id: number }).id;
}

export type SuggestionRow = Selectable<InstitutionSuggestionTable>;

export async function listSuggestions(
  db: Kysely<Database>,
  state: SuggestionState,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: SuggestionRow[] }> {
  const { total } = await db
    .selectFrom("institution_suggestion")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where("state", "=", state)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("institution_suggestion")
    .selectAll()
    .where("state", "=", state)
    .$if(state === "pending", (q) => q.orderBy("submitted_at", "asc"))
    .$if(state !== "pending", (q) => q.orderBy("reviewed_at", "desc"))
    .orderBy("id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total), rows };
}

export async function suggestionById(db: Kysely<Database>, id: number): Promise<SuggestionRow | undefined> {
  return db.selectFrom("institution_suggestion").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What a suggestion proposes, over the entry as it is now (null for a new entry). */
export function proposedFields(
  suggestion: SuggestionRow,
  current: InstitutionFields | null,
  edits: ProposedRecord = {},
): { fields: InstitutionFields | undefined; problems: FieldProblem[] } {
  return checkRecord(overlay(current, suggestion.payload as ProposedRecord, edits));
}

async function pendingForUpdate(trx: Transaction<Database>, id: number): Promise<SuggestionRow> {
  const s = await trx
    .selectFrom("institution_suggestion")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!s) throw new ModerationError(404, mm.suggestionNotFound(String(id)));
  if (s.state !== "pending") throw new ModerationError(409, mm.notPending(s.state));
  return s;
}

const reviewed = (state: SuggestionState, by: number, note: string | null) => ({
  state,
  reviewed_by: by,
  reviewed_at: sql<Date>`now()`,
  review_note: note,
});

/**
 * Accepts a suggestion in one transaction: creates or updates the entry with a history version of kind
 * `suggestion`, and marks it accepted. A correction of an entry changed since is refused (409) unless the editor
 * sent the fields (`edits`) after seeing the new differences.
 */
export async function acceptSuggestion(
  db: Kysely<Database>,
  id: number,
  by: number,
  edits: ProposedRecord | undefined,
  note: string | null,
): Promise<{ institutionId: string; version: number; refusedRelationships: { id: string; message: Message }[] }> {
  return db.transaction().execute(async (trx) => {
    const s = await pendingForUpdate(trx, id);
    let current: InstitutionFields | null = null;
    if (s.kind === "correction") {
      const row = s.institution_id === null ? undefined : await lockedEntry(trx, s.institution_id);
      if (!row) throw new ModerationError(409, mm.targetGone());
      if (row.version !== s.base_version && edits === undefined) throw new ModerationError(409, mm.stale());
      current = rowToFields(row);
    }
    const { fields, problems } = proposedFields(s, current, edits);
    if (!fields) throw invalid(problems);
    let entry = fields;
    if (s.kind === "new") {
      const taken = new Set((await trx.selectFrom("institution").select("id").execute()).map((r) => r.id));
      entry = { ...fields, id: idFor(fields, (candidate) => taken.has(candidate)) };
    }
    await saveInstitutions(trx, [entry], { kind: "suggestion", changedBy: by, reason: note, suggestionId: id });
    // Proposed relationships: each added unless refused (an entry gone, a pair related already, a cycle), which
    // the answer reports; the entry itself is accepted either way.
    const refusedRelationships: { id: string; message: Message }[] = [];
    for (const r of s.relationships ?? []) {
      if (!isRelationView(r.type)) continue;
      try {
        await addRelationshipIn(trx, entry.id, r.type, r.id, by);
      } catch (error) {
        if (!(error instanceof ModerationError)) throw error;
        refusedRelationships.push({ id: r.id, message: error.text });
      }
    }
    await trx
      .updateTable("institution_suggestion")
      .set({ ...reviewed("accepted", by, note), institution_id: entry.id })
      .where("id", "=", id)
      .execute();
    const { version } = await trx
      .selectFrom("institution")
      .select("version")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    return { institutionId: entry.id, version, refusedRelationships };
  });
}

export async function rejectSuggestion(db: Kysely<Database>, id: number, by: number, note: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await pendingForUpdate(trx, id);
    await trx
      .updateTable("institution_suggestion")
      .set(reviewed("rejected", by, note))
      .where("id", "=", id)
      .execute();
  });
}

/** Forgets a website's link state once no entry has it any more (the checker would check it for nothing). */
async function dropUnusedLink(trx: Transaction<Database>, url: string | null): Promise<void> {
  if (!url) return;
  await trx
    .deleteFrom("link_check")
    .where("url", "=", url)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("institution").select("id").where("website", "=", url))),
    )
    .execute();
}

/** An editor's change to some fields of an entry; with `expectedVersion`, refused (409) if it moved on. */
export async function patchInstitution(
  db: Kysely<Database>,
  id: string,
  record: ProposedRecord,
  by: number,
  expectedVersion: number | undefined,
  reason: string | null,
): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedEntry(trx, id);
    if (!row) throw new ModerationError(404, mm.institutionNotFound(id));
    if (expectedVersion !== undefined && expectedVersion !== row.version) {
      throw new ModerationError(409, mm.versionConflict(expectedVersion, row.version));
    }
    const { fields, problems } = checkRecord(overlay(rowToFields(row), record));
    if (!fields) throw invalid(problems);
    await saveInstitutions(trx, [{ ...fields, id }], { kind: "update", changedBy: by, reason });
    if (fields.website !== row.website) await dropUnusedLink(trx, row.website);
    const { version } = await trx
      .selectFrom("institution")
      .select("version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { version };
  });
}

/**
 * Withdraws an entry instead of deleting it: the row stays (status `withdrawn`, out of the public list and the
 * searches), with a `status` version in the history; its page still answers, saying so.
 */
export async function withdrawInstitution(
  db: Kysely<Database>,
  id: string,
  by: number,
  reason: string | null,
): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await lockedEntry(trx, id);
    if (!row) throw new ModerationError(404, mm.institutionNotFound(id));
    if (row.status === "withdrawn") throw new ModerationError(409, nm.alreadyWithdrawn(id));
    await saveInstitutions(trx, [{ ...rowToFields(row), status: "withdrawn" }], {
      kind: "status",
      changedBy: by,
      reason,
    });
    return { version: row.version + 1 };
  });
}

/**
 * Merges entry `id` into `into`: the kept one gets the union of countries, topics and languages and its empty
 * fields from the other, the other's further names, the identifiers it lacks, and its relationships (where they
 * do not relate the kept entry to itself or to an entry it is related to already, or close a cycle). The absorbed
 * entry stays as a redirect: withdrawn, `merged_into` the kept one, with a `merge` version in its history; entries
 * merged into it before now point to the kept one (no chains), and its pending suggestions move over.
 */
export async function mergeInstitutions(
  db: Kysely<Database>,
  id: string,
  into: string,
  by: number,
  reason: string | null,
): Promise<{ version: number }> {
  if (id === into) throw new ModerationError(400, mm.mergeSelf(), [{ field: "into", message: mm.mergeSelf() }]);
  return db.transaction().execute(async (trx) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = [id, into].sort();
    const rows = new Map<string, Selectable<InstitutionTable>>();
    for (const key of [first, second] as string[]) {
      const row = await lockedEntry(trx, key);
      if (!row) throw new ModerationError(404, mm.institutionNotFound(key));
      if (row.status === "withdrawn") throw new ModerationError(409, nm.mergeWithdrawn(key));
      rows.set(key, row);
    }
    const removed = rows.get(id) as Selectable<InstitutionTable>;
    const kept = rows.get(into) as Selectable<InstitutionTable>;
    await saveInstitutions(trx, [mergedFields(rowToFields(kept), rowToFields(removed))], {
      kind: "update",
      changedBy: by,
      reason: reason ?? mm.mergedFrom(id).en,
    });
    await moveNetwork(trx, id, into);
    await trx
      .updateTable("institution_suggestion")
      .set({ institution_id: into })
      .where("institution_id", "=", id)
      .execute();
    await saveInstitutions(trx, [{ ...rowToFields(removed), status: "withdrawn" }], {
      kind: "merge",
      changedBy: by,
      reason: reason ?? mm.mergedInto(into).en,
      mergedInto: into,
    });
    await trx.updateTable("institution").set({ merged_into: into }).where("merged_into", "=", id).execute();
    await trx.updateTable("institution").set({ merged_into: into }).where("id", "=", id).execute();
    const { version } = await trx
      .selectFrom("institution")
      .select("version")
      .where("id", "=", into)
      .executeTakeFirstOrThrow();
    return { version };
  });
}

export interface HistoryEntry {
  readonly version: number;
  readonly kind: string;
  readonly at: Date;
  readonly reason: string | null;
  readonly suggestionId: number | null;
  readonly mergedInto: string | null;
}

/** Every version of an entry, newest first (also of a removed entry); no account is named. */
export async function historyOf(db: Kysely<Database>, id: string): Promise<HistoryEntry[]> {
  return db
    .selectFrom("institution_history")
    .select([
      "version",
      "change_kind as kind",
      "at",
      "reason",
      "suggestion_id as suggestionId",
      "merged_into as mergedInto",
    ])
    .where("institution_id", "=", id)
    .orderBy("version", "desc")
    .execute();
}
