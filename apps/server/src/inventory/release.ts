/**
 * Public releases of the inventory (decision 0019): the whole list as one JSON document and as CSV files, the JSON
 * Schema of the document, the licence statement, what changed since the previous release, and a release read
 * back for an import into an empty instance. Pure: no I/O.
 *
 * A release holds every real entry (synthetic test entries never), withdrawn and merged ones too (a merged entry
 * with `merged_into`, so that old links and identifiers can be followed), each with its further names, external
 * identifiers and relationships listed from its own side (both sides of a pair are listed, and an import checks
 * them for reciprocity). No account, e-mail of a sender or anything about who edited is published; `email` and
 * `phone` are the institutions' own public contacts.
 */

import { writeCsv } from "./csv.ts";
import { IDENTIFIER_SCHEMES, readIdentifier } from "./identifiers.ts";
import {
  COLUMNS,
  fieldsToRecord,
  guardFormula,
  type InstitutionFields,
  recordToFields,
  type TextRecord,
} from "./interchange.ts";
import type { Message } from "./messages.ts";
import { networkMessages as nm } from "./network-messages.ts";
import { type Edge, edgesOfLists, isRelationView, RELATION_VIEWS, type RelationView } from "./relationships.ts";
import type { IdentifierScheme, NameType } from "./schema.ts";
import { CATEGORY_IDS, STATUS_IDS, TOPIC_IDS } from "./vocabulary.ts";

export const RELEASE_FORMAT = "clearinghouse-inventory-release";
export const RELEASE_FORMAT_VERSION = 1;
export const NAME_TYPES = ["official", "short", "acronym", "former"] as const satisfies readonly NameType[];

/**
 * The licence of the published data. CC BY 4.0: anyone may reuse the list, naming the source; the secretariat may
 * choose another (decision 0019), which changes this constant only.
 */
export const LICENCE = {
  id: "CC-BY-4.0",
  name: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
  statement: {
    en: "The inventory of institutions of the Migration Statistics Clearinghouse is published under the Creative Commons Attribution 4.0 International licence (CC BY 4.0): you may share and adapt it for any purpose, naming the Migration Statistics Clearinghouse as its source and the release's version. Entries describe institutions, not persons; the contacts are the institutions' own public ones.",
    ru: "Перечень организаций Информационного центра по статистике миграции публикуется на условиях лицензии Creative Commons «Атрибуция» 4.0 Международная (CC BY 4.0): его можно распространять и перерабатывать для любых целей, указывая источник — Информационный центр по статистике миграции — и версию выпуска. Записи описывают организации, а не людей; контакты — открытые контакты самих организаций.",
  },
} as const;

export interface ReleasedName {
  readonly type: NameType;
  readonly lang: string;
  readonly name: string;
}

export interface ReleasedInstitution extends InstitutionFields {
  /** A merged (withdrawn) entry: the entry it went into. */
  readonly merged_into: string | null;
  readonly names: readonly ReleasedName[];
  readonly identifiers: Readonly<Partial<Record<IdentifierScheme, string>>>;
  readonly relationships: readonly { readonly type: RelationView; readonly id: string }[];
}

export interface ReleaseDocument {
  readonly format: typeof RELEASE_FORMAT;
  readonly formatVersion: typeof RELEASE_FORMAT_VERSION;
  readonly version: number;
  readonly publishedAt: string;
  readonly licence: typeof LICENCE;
  readonly schema: string;
  readonly institutions: readonly ReleasedInstitution[];
}

export interface ReleaseCounts {
  readonly institutions: number;
  readonly active: number;
  readonly inactive: number;
  readonly withdrawn: number;
  readonly relationships: number;
  readonly identifiers: number;
}

export interface ReleaseChanges {
  /** The release compared with (null: the first release). */
  readonly since: number | null;
  readonly added: readonly string[];
  /** Entries of the previous release that are no longer in it (only if one was imported over; withdrawn stay). */
  readonly removed: readonly string[];
  /** Entries whose content changed, with the fields that did. */
  readonly changed: readonly { readonly id: string; readonly fields: readonly string[] }[];
  readonly statusChanged: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

/** Entries in id order, their lists in a fixed order: the same inventory always gives the same document. */
export function releasedInstitutions(
  entries: readonly (InstitutionFields & { readonly merged_into: string | null })[],
  names: readonly (ReleasedName & { readonly institution_id: string })[],
  identifiers: readonly {
    readonly institution_id: string;
    readonly scheme: IdentifierScheme;
    readonly value: string;
  }[],
  lists: ReadonlyMap<string, readonly { type: RelationView; id: string }[]>,
): ReleasedInstitution[] {
  const namesOf = new Map<string, ReleasedName[]>();
  for (const n of names)
    namesOf.set(n.institution_id, [
      ...(namesOf.get(n.institution_id) ?? []),
      { type: n.type, lang: n.lang, name: n.name },
    ]);
  const idsOf = new Map<string, Partial<Record<IdentifierScheme, string>>>();
  for (const i of identifiers) idsOf.set(i.institution_id, { ...idsOf.get(i.institution_id), [i.scheme]: i.value });
  const order = (a: ReleasedName, b: ReleasedName) =>
    NAME_TYPES.indexOf(a.type) - NAME_TYPES.indexOf(b.type) || cmp(a.lang, b.lang) || cmp(a.name, b.name);
  return [...entries]
    .sort((a, b) => cmp(a.id, b.id))
    .map((e) => {
      const ids = idsOf.get(e.id) ?? {};
      return {
        ...e,
        names: (namesOf.get(e.id) ?? []).sort(order),
        identifiers: Object.fromEntries(IDENTIFIER_SCHEMES.flatMap((s) => (ids[s] ? [[s, ids[s]]] : []))),
        relationships: [...(lists.get(e.id) ?? [])],
      };
    });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function countsOf(institutions: readonly ReleasedInstitution[]): ReleaseCounts {
  const by = (status: string) => institutions.filter((i) => i.status === status).length;
  return {
    institutions: institutions.length,
    active: by("active"),
    inactive: by("inactive"),
    withdrawn: by("withdrawn"),
    relationships: institutions.reduce((n, i) => n + i.relationships.length, 0) / 2,
    identifiers: institutions.reduce((n, i) => n + Object.keys(i.identifiers).length, 0),
  };
}

/** JSON with object keys sorted: a stored release (jsonb orders keys its own way) compares equal to a fresh one. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => cmp(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The fields of an entry that differ between two releases (the lists compared as wholes). */
function changedFields(before: ReleasedInstitution, after: ReleasedInstitution): string[] {
  return (Object.keys(after) as (keyof ReleasedInstitution)[]).filter(
    (k) => sortedJson(before[k]) !== sortedJson(after[k]),
  );
}

/** What changed from the previous release's entries (undefined: this is the first release). */
export function releaseChanges(
  previous: { readonly version: number; readonly institutions: readonly ReleasedInstitution[] } | undefined,
  current: readonly ReleasedInstitution[],
): ReleaseChanges {
  const before = new Map((previous?.institutions ?? []).map((i) => [i.id, i]));
  const now = new Set(current.map((i) => i.id));
  const changed: { id: string; fields: string[] }[] = [];
  const statusChanged: { id: string; from: string; to: string }[] = [];
  for (const entry of current) {
    const old = before.get(entry.id);
    if (!old) continue;
    const fields = changedFields(old, entry);
    if (fields.length > 0) changed.push({ id: entry.id, fields });
    if (old.status !== entry.status) statusChanged.push({ id: entry.id, from: old.status, to: entry.status });
  }
  return {
    since: previous?.version ?? null,
    added: current.filter((i) => !before.has(i.id)).map((i) => i.id),
    removed: [...before.keys()].filter((id) => !now.has(id)),
    changed,
    statusChanged,
  };
}

export const isEmptyChange = (c: ReleaseChanges) =>
  c.since !== null && c.added.length === 0 && c.removed.length === 0 && c.changed.length === 0;

/** The CSV files of a release: one row per entry, per further name, per relationship side (UTF-8 with a BOM). */
export const RELEASE_CSV_FILES = ["institutions", "names", "relationships"] as const;
export type ReleaseCsvFile = (typeof RELEASE_CSV_FILES)[number];

export function releaseCsv(doc: ReleaseDocument, file: ReleaseCsvFile): string {
  const text = (s: string) => guardFormula(s);
  if (file === "institutions") {
    const header = [...COLUMNS, "merged_into", ...IDENTIFIER_SCHEMES.map((s) => `${s}_id`)];
    const rows = doc.institutions.map((i) => [
      ...Object.values(fieldsToRecord(i)).map(text),
      i.merged_into ?? "",
      ...IDENTIFIER_SCHEMES.map((s) => i.identifiers[s] ?? ""),
    ]);
    return writeCsv([header, ...rows], { bom: true });
  }
  if (file === "names") {
    const rows = doc.institutions.flatMap((i) => i.names.map((n) => [i.id, n.type, n.lang, text(n.name)]));
    return writeCsv([["institution_id", "type", "lang", "name"], ...rows], { bom: true });
  }
  const rows = doc.institutions.flatMap((i) => i.relationships.map((r) => [i.id, r.type, r.id]));
  return writeCsv([["institution_id", "relationship", "related_id"], ...rows], { bom: true });
}

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });

/** The JSON Schema (2020-12) of a release document; the API serves it beside every release. */
export function releaseSchema(id: string): Record<string, unknown> {
  const code3 = { type: "string", pattern: "^[A-Z]{3}$" };
  const text = { type: "string", minLength: 1 };
  const fieldSchemas: Record<string, unknown> = {
    id: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", maxLength: 64, description: "Stable short id" },
    name_en: nullable(text),
    name_ru: nullable(text),
    name_original: nullable({ ...text, description: "Official name in the institution's own language" }),
    original_language: nullable({ type: "string", pattern: "^[a-z]{2,3}$", description: "ISO 639" }),
    acronym: nullable(text),
    category: { enum: [...CATEGORY_IDS] },
    status: { enum: [...STATUS_IDS], description: "withdrawn: no longer listed (merged ones have merged_into)" },
    country: nullable({ ...code3, description: "Where it is: ISO 3166-1 alpha-3" }),
    city: nullable({ ...text, description: "City in English" }),
    city_ru: nullable({ ...text, description: "City in Russian" }),
    address: nullable(text),
    latitude: nullable({ type: "number", minimum: -90, maximum: 90 }),
    longitude: nullable({ type: "number", minimum: -180, maximum: 180 }),
    countries_of_activity: { type: "array", items: code3, uniqueItems: true },
    website: nullable({ type: "string", pattern: "^https?://" }),
    source_url: nullable({ type: "string", pattern: "^https?://", description: "Where the facts were taken from" }),
    email: nullable({ type: "string", description: "The institution's public address" }),
    phone: nullable(text),
    summary_en: nullable(text),
    summary_ru: nullable(text),
    topics: { type: "array", items: { enum: [...TOPIC_IDS] }, uniqueItems: true },
    languages: { type: "array", items: { type: "string", pattern: "^[a-z]{2,3}$" }, uniqueItems: true },
    verified_at: nullable({ type: "string", format: "date-time", description: "Last checked by the secretariat" }),
    synthetic: { const: false },
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: id,
    title: "Release of the inventory of institutions (Migration Statistics Clearinghouse)",
    type: "object",
    required: ["format", "formatVersion", "version", "publishedAt", "licence", "institutions"],
    properties: {
      format: { const: RELEASE_FORMAT },
      formatVersion: { const: RELEASE_FORMAT_VERSION },
      version: { type: "integer", minimum: 1 },
      publishedAt: { type: "string", format: "date-time" },
      licence: {
        type: "object",
        required: ["id", "url", "statement"],
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          url: { type: "string" },
          statement: { type: "object" },
        },
      },
      schema: { type: "string" },
      institutions: {
        type: "array",
        items: {
          type: "object",
          required: [...COLUMNS, "merged_into", "names", "identifiers", "relationships"],
          additionalProperties: false,
          properties: {
            ...fieldSchemas,
            merged_into: nullable({ type: "string", description: "A merged entry: the entry it went into" }),
            names: {
              type: "array",
              items: {
                type: "object",
                required: ["type", "lang", "name"],
                additionalProperties: false,
                properties: {
                  type: { enum: [...NAME_TYPES] },
                  lang: { type: "string", pattern: "^[a-z]{2,3}$" },
                  name: { ...text, maxLength: 500 },
                },
              },
            },
            identifiers: {
              type: "object",
              additionalProperties: false,
              properties: {
                ror: { type: "string", pattern: "^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$" },
                wikidata: { type: "string", pattern: "^Q[1-9][0-9]*$" },
                national: { type: "string" },
              },
            },
            relationships: {
              type: "array",
              description: "From this entry's side; the related entry lists the reciprocal",
              items: {
                type: "object",
                required: ["type", "id"],
                additionalProperties: false,
                properties: { type: { enum: [...RELATION_VIEWS] }, id: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}

/** What an import of a release writes, checked as a whole. */
export interface ReadRelease {
  readonly version: number;
  readonly entries: InstitutionFields[];
  readonly mergedInto: ReadonlyMap<string, string>;
  readonly names: (ReleasedName & { institution_id: string })[];
  readonly identifiers: { institution_id: string; scheme: IdentifierScheme; value: string }[];
  readonly edges: Edge[];
}

/** Read `institutions[k]` back into the import's record of texts (lists joined, numbers written out). */
function textRecord(value: Record<string, unknown>): TextRecord {
  const record: Record<string, string> = {};
  for (const column of COLUMNS) {
    const v = value[column];
    if (v === null || v === undefined) continue;
    record[column] = Array.isArray(v) ? v.join("; ") : String(v);
  }
  return record;
}

/**
 * A release document read for an import, or every problem found, each saying where (`institutions[3].country`):
 * the fields as an import row is checked, names, identifiers' formats, merges pointing to an entry of the release,
 * relationships reciprocal and without cycles.
 */
export function readRelease(doc: unknown): { readonly release?: ReadRelease; readonly problems: Message[] } {
  const problems: Message[] = [];
  const bad = (where: string, what: string) => problems.push(nm.badRelease(where, what));
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    bad("document", "not a JSON object");
    return { problems };
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== RELEASE_FORMAT) bad("format", `expected "${RELEASE_FORMAT}"`);
  if (d.formatVersion !== RELEASE_FORMAT_VERSION) bad("formatVersion", `expected ${RELEASE_FORMAT_VERSION}`);
  if (!Number.isInteger(d.version) || (d.version as number) < 1) bad("version", "not a positive integer");
  if (!Array.isArray(d.institutions)) bad("institutions", "not a list");
  if (problems.length > 0) return { problems };
  const entries: InstitutionFields[] = [];
  const mergedInto = new Map<string, string>();
  const names: (ReleasedName & { institution_id: string })[] = [];
  const identifiers: { institution_id: string; scheme: IdentifierScheme; value: string }[] = [];
  const lists: { id: string; relationships: { type: RelationView; id: string }[] }[] = [];
  const seen = new Set<string>();
  for (const [k, raw] of (d.institutions as unknown[]).entries()) {
    const at = `institutions[${k}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      bad(at, "not an object");
      continue;
    }
    const item = raw as Record<string, unknown>;
    const { fields, problems: fieldProblems } = recordToFields(textRecord(item), k);
    for (const p of fieldProblems) problems.push(nm.releaseProblem(`${at}.${p.column ?? ""}`, p.message));
    if (!fields) continue;
    if (fields.id === "" || seen.has(fields.id) || fields.synthetic) {
      if (fields.id === "") bad(`${at}.id`, "missing");
      else if (seen.has(fields.id)) bad(`${at}.id`, `«${fields.id}» twice`);
      else bad(`${at}.synthetic`, "a release holds no synthetic entries");
      continue;
    }
    seen.add(fields.id);
    entries.push(fields);
    if (item.merged_into !== null && item.merged_into !== undefined) {
      if (typeof item.merged_into !== "string") bad(`${at}.merged_into`, "not a text");
      else mergedInto.set(fields.id, item.merged_into);
    }
    if (!Array.isArray(item.names)) bad(`${at}.names`, "not a list");
    for (const [j, n] of (Array.isArray(item.names) ? item.names : []).entries()) {
      const o = (n ?? {}) as Record<string, unknown>;
      const where = `${at}.names[${j}]`;
      if (!(NAME_TYPES as readonly unknown[]).includes(o.type)) {
        problems.push(nm.releaseProblem(where, nm.badNameType(String(o.type))));
      } else if (typeof o.lang !== "string" || !/^[a-z]{2,3}$/.test(o.lang)) {
        problems.push(nm.releaseProblem(where, nm.badLanguage(String(o.lang))));
      } else if (typeof o.name !== "string" || o.name.trim() === "") {
        problems.push(nm.releaseProblem(where, nm.emptyName()));
      } else names.push({ institution_id: fields.id, type: o.type as NameType, lang: o.lang, name: o.name });
    }
    const ids = (item.identifiers ?? {}) as Record<string, unknown>;
    for (const [scheme, value] of Object.entries(ids)) {
      const where = `${at}.identifiers.${scheme}`;
      if (!(IDENTIFIER_SCHEMES as readonly string[]).includes(scheme)) {
        problems.push(nm.releaseProblem(where, nm.badScheme(scheme)));
        continue;
      }
      const read = readIdentifier(scheme as IdentifierScheme, String(value), fields.country);
      if (!read.ok) problems.push(nm.releaseProblem(where, read.message));
      else identifiers.push({ institution_id: fields.id, scheme: scheme as IdentifierScheme, value: read.value });
    }
    if (!Array.isArray(item.relationships)) bad(`${at}.relationships`, "not a list");
    const list: { type: RelationView; id: string }[] = [];
    for (const [j, r] of (Array.isArray(item.relationships) ? item.relationships : []).entries()) {
      const o = (r ?? {}) as Record<string, unknown>;
      if (!isRelationView(o.type) || typeof o.id !== "string") {
        problems.push(
          nm.releaseProblem(`${at}.relationships[${j}]`, nm.badRelationshipType(String(o.type), RELATION_VIEWS)),
        );
      } else list.push({ type: o.type, id: o.id });
    }
    lists.push({ id: fields.id, relationships: list });
  }
  for (const [id, into] of mergedInto) {
    const target = entries.find((e) => e.id === into);
    const entry = entries.find((e) => e.id === id);
    if (!target) problems.push(nm.releaseProblem(`${id}.merged_into`, nm.unknownEntry(into)));
    else if (entry?.status !== "withdrawn") bad(`${id}.merged_into`, "only a withdrawn entry can be merged");
    else if (into === id) bad(`${id}.merged_into`, "merged into itself");
  }
  const { edges, problems: relationProblems } = edgesOfLists(lists);
  for (const p of relationProblems) problems.push(nm.releaseProblem(`${p.id}.relationships`, p.message));
  if (problems.length > 0) return { problems };
  return { release: { version: d.version as number, entries, mergedInto, names, identifiers, edges }, problems };
}
