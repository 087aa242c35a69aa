/**
 * Writing and reading institutions. Every write keeps a version in the history (the fields as written, with who,
 * why and how) and puts the website in `link_check`, where the link checker finds it. Callers run writes inside a
 * transaction, so that a failure leaves nothing half written.
 */

import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { ExportedInstitution } from "./files.ts";
import { COLUMNS, type InstitutionFields } from "./interchange.ts";
import type { ChangeKind, InstitutionTable, LinkStatus } from "./schema.ts";
import type { InstitutionRow } from "./search.ts";
import { TOPIC_IDS } from "./vocabulary.ts";

export interface Change {
  readonly kind: ChangeKind;
  /** The account making the change; null for the system (seed, command line). */
  readonly changedBy?: number | null;
  readonly reason?: string | null;
  /** The accepted suggestion the change comes from. */
  readonly suggestionId?: number | null;
  /** For a `merge`: the entry this one went into. */
  readonly mergedInto?: string | null;
  /** Called after each chunk of rows with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SaveReport {
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
}

/** Rows per statement: few enough for PostgreSQL's 65,535 parameters (about 22 per row). */
const CHUNK = 500;

/** The written fields of a row, as the interchange has them. */
export function rowToFields(row: Selectable<InstitutionTable> | InstitutionRow): InstitutionFields {
  return {
    id: row.id,
    name_en: row.name_en,
    name_ru: row.name_ru,
    name_original: row.name_original,
    original_language: row.original_language,
    acronym: row.acronym,
    category: row.category,
    status: row.status,
    country: row.country,
    city: row.city,
    city_ru: row.city_ru,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    countries_of_activity: row.countries_of_activity,
    website: row.website,
    source_url: row.source_url,
    email: row.email,
    phone: row.phone,
    summary_en: row.summary_en,
    summary_ru: row.summary_ru,
    topics: row.topics as InstitutionFields["topics"],
    languages: row.languages,
    verified_at: row.verified_at === null ? null : new Date(row.verified_at).toISOString(),
    synthetic: row.synthetic,
  };
}

/** A row as exports write it: its fields, and when and in which version it last changed. */
export function exported(row: InstitutionRow): ExportedInstitution {
  return { ...rowToFields(row), updated_at: row.updated_at, version: row.version };
}

/** The columns to write for some fields. */
function columnsOf(fields: InstitutionFields) {
  const { id: _id, ...rest } = fields;
  return rest;
}

/** Each country and topic once, topics in the vocabulary's order: the same fields always read the same. */
const normalized = (fields: InstitutionFields): InstitutionFields => ({
  ...fields,
  countries_of_activity: [...new Set(fields.countries_of_activity)],
  topics: [...new Set(fields.topics)].sort((a, b) => TOPIC_IDS.indexOf(a) - TOPIC_IDS.indexOf(b)),
});

const same = (a: InstitutionFields, b: InstitutionFields) =>
  COLUMNS.every((column) => JSON.stringify(a[column]) === JSON.stringify(b[column]));

/**
 * Creates the entries that are new and updates those that differ from what is stored (by id); entries equal to
 * the stored ones are left alone, without a new version.
 */
export async function saveInstitutions(
  db: Kysely<Database>,
  entries: readonly InstitutionFields[],
  change: Change,
): Promise<SaveReport> {
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  const history = (fields: InstitutionFields, version: number) => ({
    institution_id: fields.id,
    version,
    snapshot: JSON.stringify({ ...fields, version }),
    changed_by: change.changedBy ?? null,
    change_kind: change.kind,
    reason: change.reason ?? null,
    suggestion_id: change.suggestionId ?? null,
    merged_into: change.mergedInto ?? null,
  });
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK).map(normalized);
    const stored = await db
      .selectFrom("institution")
      .selectAll()
      .where(
        "id",
        "in",
        chunk.map((e) => e.id),
      )
      .execute();
    const byId = new Map(stored.map((r) => [r.id, r]));
    const fresh = chunk.filter((e) => !byId.has(e.id));
    if (fresh.length > 0) {
      await db
        .insertInto("institution")
        .values(fresh.map((e) => ({ id: e.id, ...columnsOf(e) })))
        .execute();
      await db
        .insertInto("institution_history")
        .values(fresh.map((e) => history(e, 1)))
        .execute();
      created.push(...fresh.map((e) => e.id));
    }
    for (const entry of chunk) {
      const old = byId.get(entry.id);
      if (!old) continue;
      if (same(rowToFields(old), entry)) {
        unchanged.push(entry.id);
        continue;
      }
      const { version } = await db
        .updateTable("institution")
        .set({ ...columnsOf(entry), updated_at: sql`now()`, version: sql`version + 1` })
        .where("id", "=", entry.id)
        .returning("version")
        .executeTakeFirstOrThrow();
      await db.insertInto("institution_history").values(history(entry, version)).execute();
      updated.push(entry.id);
    }
    const websites = [...new Set(chunk.flatMap((e) => (e.website ? [e.website] : [])))];
    if (websites.length > 0) {
      await db
        .insertInto("link_check")
        .values(websites.map((url) => ({ url })))
        .onConflict((oc) => oc.column("url").doNothing())
        .execute();
    }
    change.onProgress?.(Math.min(start + CHUNK, entries.length), entries.length);
  }
  return { created, updated, unchanged };
}

export interface HistoryItem {
  readonly version: number;
  readonly kind: ChangeKind;
  readonly at: Date;
  readonly reason: string | null;
}

export interface LinkState {
  readonly status: LinkStatus;
  readonly httpCode: number | null;
  readonly checkedAt: Date | null;
}

export interface InstitutionDetail {
  readonly row: Selectable<InstitutionTable>;
  readonly history: readonly HistoryItem[];
  readonly link: LinkState | null;
}

/** One institution with its history (newest first) and the state of its website's link. */
export async function institutionDetail(db: Kysely<Database>, id: string): Promise<InstitutionDetail | undefined> {
  const row = await db.selectFrom("institution").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const history = await db
    .selectFrom("institution_history")
    .select(["version", "change_kind as kind", "at", "reason"])
    .where("institution_id", "=", id)
    .orderBy("version", "desc")
    .execute();
  const link = row.website
    ? await db
        .selectFrom("link_check")
        .select(["status", "http_code as httpCode", "checked_at as checkedAt"])
        .where("url", "=", row.website)
        .executeTakeFirst()
    : undefined;
  return { row, history, link: link ?? null };
}
