/**
 * The inventory's network in the database (decision 0019): relationships, identifiers and further names of
 * entries, "not a duplicate" dismissals, verification and its queue, the countries × topics counts and the
 * contacts of an entry, and the public releases (publish, read, import into an empty instance). Writes are
 * transactions; refusals are `ModerationError`s with both languages' messages.
 */

import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import { readIdentifier } from "./identifiers.ts";
import type { InstitutionFields } from "./interchange.ts";
import type { Message } from "./messages.ts";
import { ModerationError } from "./moderation-store.ts";
import { networkMessages as nm } from "./network-messages.ts";
import { type Contact, type NetworkCell, nearCountries, rankContacts } from "./networking.ts";
import { canonicalEdge, type Edge, edgeProblem, listsOfEdges, type RelationView, viewFrom } from "./relationships.ts";
import {
  countsOf,
  isEmptyChange,
  LICENCE,
  RELEASE_FORMAT,
  RELEASE_FORMAT_VERSION,
  type ReadRelease,
  type ReleaseChanges,
  type ReleaseCounts,
  type ReleaseDocument,
  type ReleasedInstitution,
  releaseChanges,
  releasedInstitutions,
} from "./release.ts";
import { rowToFields, saveInstitutions } from "./repository.ts";
import type { IdentifierScheme, NameType } from "./schema.ts";
import type { Lang, TopicId } from "./vocabulary.ts";

type Db = Kysely<Database> | Transaction<Database>;

const refuse = (status: number, message: Message) => new ModerationError(status, message);

async function entryOrThrow(db: Db, id: string) {
  const row = await db.selectFrom("institution").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw refuse(404, nm.unknownEntry(id));
  return row;
}

async function allEdges(db: Db): Promise<Edge[]> {
  const rows = await db.selectFrom("institution_relationship").select(["subject_id", "object_id", "type"]).execute();
  return rows.map((r) => ({ subject: r.subject_id, object: r.object_id, type: r.type }));
}

/** Relationship edits wait for each other, so that two cannot make a cycle together. */
const lockRelationships = (trx: Transaction<Database>) =>
  sql`lock table institution_relationship in share row exclusive mode`.execute(trx);

export interface RelatedEntry {
  readonly type: RelationView;
  readonly id: string;
  readonly name_en: string | null;
  readonly name_ru: string | null;
  readonly status: string;
}

/** An entry's relationships seen from it, with the other entries' names and statuses. */
export async function relationshipsOf(db: Db, id: string): Promise<RelatedEntry[]> {
  const rows = await db
    .selectFrom("institution_relationship as r")
    .select(["r.subject_id", "r.object_id", "r.type"])
    .where((eb) => eb.or([eb("r.subject_id", "=", id), eb("r.object_id", "=", id)]))
    .execute();
  if (rows.length === 0) return [];
  const views = rows.map((r) => viewFrom({ subject: r.subject_id, object: r.object_id, type: r.type }, id));
  const others = await db
    .selectFrom("institution")
    .select(["id", "name_en", "name_ru", "status"])
    .where(
      "id",
      "in",
      views.map((v) => v.other),
    )
    .execute();
  const byId = new Map(others.map((o) => [o.id, o]));
  return views.map((v) => {
    const o = byId.get(v.other);
    return {
      type: v.view,
      id: v.other,
      name_en: o?.name_en ?? null,
      name_ru: o?.name_ru ?? null,
      status: o?.status ?? "",
    };
  });
}

/** Adds "`to` is `from`'s `view`" (and so its reciprocal): refused for a pair related already or a cycle (409). */
export async function addRelationship(
  db: Kysely<Database>,
  from: string,
  view: RelationView,
  to: string,
  by: number | null,
): Promise<void> {
  await db.transaction().execute((trx) => addRelationshipIn(trx, from, view, to, by));
}

/** addRelationship inside a transaction (accepting a suggestion adds its relationships with the entry). */
export async function addRelationshipIn(
  trx: Transaction<Database>,
  from: string,
  view: RelationView,
  to: string,
  by: number | null,
): Promise<void> {
  await lockRelationships(trx);
  await entryOrThrow(trx, from);
  await entryOrThrow(trx, to);
  const edge = canonicalEdge(from, view, to);
  const problem = edgeProblem(await allEdges(trx), edge);
  if (problem) throw refuse(from === to ? 400 : 409, problem);
  await trx
    .insertInto("institution_relationship")
    .values({ subject_id: edge.subject, object_id: edge.object, type: edge.type, created_by: by })
    .execute();
}

export async function removeRelationship(db: Kysely<Database>, a: string, b: string): Promise<void> {
  const result = await db
    .deleteFrom("institution_relationship")
    .where((eb) =>
      eb.or([
        eb.and([eb("subject_id", "=", a), eb("object_id", "=", b)]),
        eb.and([eb("subject_id", "=", b), eb("object_id", "=", a)]),
      ]),
    )
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw refuse(404, nm.notRelated(a, b));
}

/**
 * Moves the network of a merged entry to the one it went into: relationships (those that would relate the kept
 * entry to itself, repeat a pair or close a cycle are dropped), identifiers the kept one lacks, further names.
 */
export async function moveNetwork(trx: Transaction<Database>, from: string, into: string): Promise<void> {
  await lockRelationships(trx);
  const edges = await allEdges(trx);
  const moving = edges.filter((e) => e.subject === from || e.object === from);
  const staying = edges.filter((e) => e.subject !== from && e.object !== from);
  await trx
    .deleteFrom("institution_relationship")
    .where((eb) => eb.or([eb("subject_id", "=", from), eb("object_id", "=", from)]))
    .execute();
  for (const e of moving) {
    const { view, other } = viewFrom(e, from);
    if (other === into) continue;
    const moved = canonicalEdge(into, view, other);
    if (edgeProblem(staying, moved)) continue;
    staying.push(moved);
    await trx
      .insertInto("institution_relationship")
      .values({ subject_id: moved.subject, object_id: moved.object, type: moved.type })
      .execute();
  }
  await trx
    .updateTable("institution_identifier")
    .set({ institution_id: into })
    .where("institution_id", "=", from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("institution_identifier as k")
            .select("k.scheme")
            .where("k.institution_id", "=", into)
            .whereRef("k.scheme", "=", "institution_identifier.scheme"),
        ),
      ),
    )
    .execute();
  await sql`insert into institution_name (institution_id, type, lang, name)
    select ${into}, type, lang, name from institution_name where institution_id = ${from}
    on conflict do nothing`.execute(trx);
}

export interface IdentifierInput {
  readonly scheme: IdentifierScheme;
  readonly value: string;
}

/** Replaces an entry's identifiers (checked by identifiers.ts); one naming another entry is refused (409). */
export async function setIdentifiers(
  db: Kysely<Database>,
  id: string,
  inputs: readonly IdentifierInput[],
): Promise<{ scheme: IdentifierScheme; value: string }[]> {
  return db.transaction().execute(async (trx) => {
    const row = await entryOrThrow(trx, id);
    const read = inputs.map((i) => {
      const r = readIdentifier(i.scheme, i.value, row.country);
      if (!r.ok) throw refuse(400, r.message);
      return { scheme: i.scheme, value: r.value };
    });
    for (const i of read) {
      const other = await trx
        .selectFrom("institution_identifier")
        .select("institution_id")
        .where("scheme", "=", i.scheme)
        .where("value", "=", i.value)
        .where("institution_id", "<>", id)
        .executeTakeFirst();
      if (other) throw refuse(409, nm.identifierTaken(i.scheme, i.value, other.institution_id));
    }
    await trx.deleteFrom("institution_identifier").where("institution_id", "=", id).execute();
    if (read.length > 0) {
      await trx
        .insertInto("institution_identifier")
        .values(read.map((i) => ({ institution_id: id, ...i })))
        .execute();
    }
    return read;
  });
}

export interface NameInput {
  readonly type: NameType;
  readonly lang: string;
  readonly name: string;
}

/** Replaces an entry's further names. */
export async function setNames(db: Kysely<Database>, id: string, names: readonly NameInput[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await entryOrThrow(trx, id);
    await trx.deleteFrom("institution_name").where("institution_id", "=", id).execute();
    const unique = [...new Map(names.map((n) => [`${n.type} ${n.lang} ${n.name}`, n])).values()];
    if (unique.length > 0) {
      await trx
        .insertInto("institution_name")
        .values(unique.map((n) => ({ institution_id: id, ...n })))
        .execute();
    }
  });
}

export async function identifiersOf(db: Db, id: string) {
  return db
    .selectFrom("institution_identifier")
    .select(["scheme", "value"])
    .where("institution_id", "=", id)
    .orderBy("scheme")
    .execute();
}

export async function namesOf(db: Db, id: string) {
  return db
    .selectFrom("institution_name")
    .select(["type", "lang", "name"])
    .where("institution_id", "=", id)
    .orderBy("type")
    .orderBy("lang")
    .orderBy("name")
    .execute();
}

/** The entries merged into this one (their pages redirect here). */
export async function mergedInto(db: Db, id: string) {
  return db
    .selectFrom("institution")
    .select(["id", "name_en", "name_ru"])
    .where("merged_into", "=", id)
    .orderBy("id")
    .execute();
}

/** "Not a duplicate": the pair is never proposed again. */
export async function dismissPair(db: Kysely<Database>, a: string, b: string, by: number): Promise<void> {
  if (a === b) throw refuse(400, nm.notDuplicateSelf());
  await entryOrThrow(db, a);
  await entryOrThrow(db, b);
  const [x, y] = a < b ? [a, b] : [b, a];
  await db
    .insertInto("institution_distinct_pair")
    .values({ a_id: x, b_id: y, dismissed_by: by })
    .onConflict((oc) => oc.columns(["a_id", "b_id"]).doNothing())
    .execute();
}

/** Marks an entry checked now by `by`: a `verify` version in the history (the date is part of the entry). */
export async function verifyInstitution(
  db: Kysely<Database>,
  id: string,
  by: number,
  note: string | null,
  now: Date,
): Promise<{ version: number; verifiedAt: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("institution").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) throw refuse(404, nm.unknownEntry(id));
    const verifiedAt = now.toISOString();
    await saveInstitutions(trx, [{ ...rowToFields(row), verified_at: verifiedAt }], {
      kind: "verify",
      changedBy: by,
      reason: note,
    });
    await trx.updateTable("institution").set({ verified_by: by }).where("id", "=", id).execute();
    return { version: row.version + 1, verifiedAt };
  });
}

export type VerificationReason = "never" | "stale" | "link";

export interface QueueItem {
  readonly id: string;
  readonly name_en: string | null;
  readonly name_ru: string | null;
  readonly website: string | null;
  readonly verifiedAt: Date | null;
  readonly linkStatus: string | null;
  readonly reasons: VerificationReason[];
}

/** After a year an entry's check is out of date. */
export const VERIFICATION_MAX_AGE_DAYS = 365;

/**
 * Entries (active or inactive, not synthetic) to check: never verified, verified more than a year ago, or whose
 * website's last check failed (broken or unreachable). Failing websites first, then never verified, then the
 * longest unverified.
 */
export async function verificationQueue(
  db: Kysely<Database>,
  now: Date,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: QueueItem[] }> {
  const cutoff = new Date(now.getTime() - VERIFICATION_MAX_AGE_DAYS * 86_400_000);
  const { rows } = await sql<{
    id: string;
    name_en: string | null;
    name_ru: string | null;
    website: string | null;
    verified_at: Date | null;
    link_status: string | null;
    total: number;
  }>`
    select i.id, i.name_en, i.name_ru, i.website, i.verified_at, l.status link_status, count(*) over ()::integer total
    from institution i left join link_check l on l.url = i.website
    where i.status <> 'withdrawn' and not i.synthetic
      and (i.verified_at is null or i.verified_at < ${cutoff} or l.status in ('broken', 'unreachable'))
    order by (l.status in ('broken', 'unreachable')) is true desc, i.verified_at nulls first, i.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      name_en: r.name_en,
      name_ru: r.name_ru,
      website: r.website,
      verifiedAt: r.verified_at,
      linkStatus: r.link_status,
      reasons: [
        ...(r.link_status === "broken" || r.link_status === "unreachable" ? ["link" as const] : []),
        ...(r.verified_at === null ? ["never" as const] : new Date(r.verified_at) < cutoff ? ["stale" as const] : []),
      ],
    })),
  };
}

/** Countries × topics: entries in the list (not withdrawn) in or working in a country, with a topic. */
export async function networkCounts(
  db: Kysely<Database>,
): Promise<{ cells: NetworkCell[]; countryTotals: Map<string, number> }> {
  const cells = await sql<{ country: string; topic: TopicId; count: number }>`
    select c country, t topic, count(*)::integer count
    from institution i, unnest(i.countries) c, unnest(i.topics) t
    where i.status <> 'withdrawn'
    group by c, t`.execute(db);
  const totals = await sql<{ country: string; count: number }>`
    select c country, count(*)::integer count from institution i, unnest(i.countries) c
    where i.status <> 'withdrawn' group by c`.execute(db);
  return { cells: cells.rows, countryTotals: new Map(totals.rows.map((r) => [r.country, r.count])) };
}

/** The active entries an entry's people may want to contact (networking.ts ranks them). */
export async function contactsOf(db: Db, id: string, lang: Lang, limit = 6): Promise<Contact[]> {
  const row = await db
    .selectFrom("institution")
    .select(["id", "countries", "topics"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.topics.length === 0 || row.countries.length === 0) return [];
  const { same, neighbouring } = nearCountries(row.countries);
  const { rows } = await sql<{
    id: string;
    name_en: string | null;
    name_ru: string | null;
    countries: string[];
    topics: TopicId[];
  }>`
    select id, name_en, name_ru, countries, topics from institution
    where status = 'active' and id <> ${id} and topics && ${row.topics}::text[]
      and countries && ${[...same, ...neighbouring]}::text[]`.execute(db);
  const collator = new Intl.Collator(lang);
  const name = (r: { name_en: string | null; name_ru: string | null }) =>
    (lang === "ru" ? (r.name_ru ?? r.name_en) : (r.name_en ?? r.name_ru)) ?? "";
  return rankContacts(
    { id: row.id, countries: row.countries, topics: row.topics as TopicId[] },
    rows.map((r) => ({ id: r.id, name: name(r), countries: r.countries, topics: r.topics })),
    limit,
    collator,
  );
}

// ——— releases ———

/** The inventory now as a release's entries (no synthetic entries). */
export async function currentReleaseContent(db: Db): Promise<ReleasedInstitution[]> {
  const rows = await db.selectFrom("institution").selectAll().where("synthetic", "=", false).execute();
  const ids = new Set(rows.map((r) => r.id));
  const names = (await db.selectFrom("institution_name").selectAll().execute()).filter((n) =>
    ids.has(n.institution_id),
  );
  const identifiers = (await db.selectFrom("institution_identifier").selectAll().execute()).filter((i) =>
    ids.has(i.institution_id),
  );
  const edges = (await allEdges(db)).filter((e) => ids.has(e.subject) && ids.has(e.object));
  return releasedInstitutions(
    rows.map((r) => ({ ...rowToFields(r), merged_into: r.merged_into })),
    names,
    identifiers,
    listsOfEdges(edges),
  );
}

export interface ReleaseSummary {
  readonly version: number;
  readonly publishedAt: Date;
  readonly note: string | null;
  readonly counts: ReleaseCounts;
  readonly changes: ReleaseChanges;
}

/** Publishes the inventory as it is as the next release; refused (409) when nothing changed since the last. */
export async function publishRelease(
  db: Kysely<Database>,
  by: number | null,
  note: string | null,
  now: Date,
): Promise<ReleaseSummary> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('inventory release'))`.execute(trx);
    const last = await trx
      .selectFrom("inventory_release")
      .select(["version", "content"])
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    const institutions = await currentReleaseContent(trx);
    const previous = last
      ? { version: last.version, institutions: (last.content as unknown as ReleaseDocument).institutions }
      : undefined;
    const changes = releaseChanges(previous, institutions);
    if (isEmptyChange(changes)) throw refuse(409, nm.nothingToRelease());
    const version = (last?.version ?? 0) + 1;
    const doc: ReleaseDocument = {
      format: RELEASE_FORMAT,
      formatVersion: RELEASE_FORMAT_VERSION,
      version,
      publishedAt: now.toISOString(),
      licence: LICENCE,
      schema: "/api/inventory/releases/schema.json",
      institutions,
    };
    const counts = countsOf(institutions);
    await trx
      .insertInto("inventory_release")
      .values({
        version,
        published_at: now,
        published_by: by,
        note,
        counts: JSON.stringify(counts),
        changes: JSON.stringify(changes),
        content: JSON.stringify(doc),
      })
      .execute();
    return { version, publishedAt: now, note, counts, changes };
  });
}

export async function listReleases(db: Kysely<Database>): Promise<ReleaseSummary[]> {
  const rows = await db
    .selectFrom("inventory_release")
    .select(["version", "published_at", "note", "counts", "changes"])
    .orderBy("version", "desc")
    .execute();
  return rows.map((r) => ({
    version: r.version,
    publishedAt: r.published_at,
    note: r.note,
    counts: r.counts as unknown as ReleaseCounts,
    changes: r.changes as unknown as ReleaseChanges,
  }));
}

export async function releaseDocument(db: Kysely<Database>, version: number): Promise<ReleaseDocument | undefined> {
  const row = await db
    .selectFrom("inventory_release")
    .select("content")
    .where("version", "=", version)
    .executeTakeFirst();
  return row ? (row.content as unknown as ReleaseDocument) : undefined;
}

/**
 * Writes a checked release (release.ts `readRelease`) into an empty inventory, in one transaction: entries (an
 * `import` version each, reason "release N"), merges, names, identifiers, relationships. Refused when the
 * inventory has any entry.
 */
export async function importRelease(db: Kysely<Database>, release: ReadRelease): Promise<{ imported: number }> {
  return db.transaction().execute(async (trx) => {
    const { count } = await trx
      .selectFrom("institution")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    if (Number(count) > 0) throw refuse(409, nm.notEmpty(Number(count)));
    const report = await saveInstitutions(trx, release.entries as InstitutionFields[], {
      kind: "import",
      reason: `release ${release.version}`,
    });
    for (const [id, into] of release.mergedInto) {
      await trx.updateTable("institution").set({ merged_into: into }).where("id", "=", id).execute();
    }
    if (release.names.length > 0) await trx.insertInto("institution_name").values(release.names).execute();
    if (release.identifiers.length > 0) {
      await trx.insertInto("institution_identifier").values(release.identifiers).execute();
    }
    if (release.edges.length > 0) {
      await trx
        .insertInto("institution_relationship")
        .values(release.edges.map((e) => ({ subject_id: e.subject, object_id: e.object, type: e.type })))
        .execute();
    }
    return { imported: report.created.length };
  });
}
