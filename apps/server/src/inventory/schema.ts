/** The inventory's tables (institutions, their history, suggestions, link checks), as Kysely sees them. */

import type { ColumnType, Generated } from "kysely";
import type { CategoryId, StatusId } from "./vocabulary.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A text[] column: read as an array, written as one (pg and PGlite both send a JS array as a PostgreSQL array). */
type TextArray = ColumnType<string[], readonly string[] | undefined, readonly string[]>;
/** Written by PostgreSQL from other columns, never by us. */
type GeneratedByDatabase<T> = ColumnType<T, never, never>;

/**
 * An institution working on migration. `id` is a short slug ("armstat", "iom-armenia") used in URLs and files.
 * At least one of the English and Russian names is set; empty texts are stored as null.
 */
export interface InstitutionTable {
  id: string;
  name_en: string | null;
  name_ru: string | null;
  /** The name in the institution's own language, and that language (ISO 639-1 or 639-2 code). */
  name_original: string | null;
  original_language: string | null;
  acronym: string | null;
  category: CategoryId;
  /** active / inactive / withdrawn (instead of deleting the row). */
  status: ColumnType<StatusId, StatusId | undefined, StatusId>;
  /** For a merged entry (withdrawn): the entry it went into; its page redirects there. */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  /** ISO 3166-1 alpha-3 codes of the countries where it works. */
  countries_of_activity: TextArray;
  /** Where it is: ISO alpha-3 country, city, street address, and the point shown on the map. */
  country: string | null;
  city: string | null;
  /** The city in Russian. */
  city_ru: ColumnType<string | null, string | null | undefined, string | null>;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  /** The public page the entry's facts come from. */
  source_url: ColumnType<string | null, string | null | undefined, string | null>;
  email: string | null;
  phone: string | null;
  summary_en: string | null;
  summary_ru: string | null;
  /** Topic ids of vocabulary.ts. */
  topics: TextArray;
  /** ISO 639 codes of the languages it works in. */
  languages: TextArray;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the secretariat last confirmed the entry; null: not verified. */
  verified_at: NullableTimestamp;
  /** The account that last verified it (never published). */
  verified_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** Generated for tests and benchmarks, never a real institution. */
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  /** 1 on creation, +1 on every change; the history keeps each version. */
  version: ColumnType<number, number | undefined, number>;
  /** Where it is and where it works, each country once (generated). */
  countries: GeneratedByDatabase<string[]>;
  /** Full-text vector: names and acronym (weight A), summaries (B), city (C), in English, Russian and simple forms. */
  search: GeneratedByDatabase<string>;
  /** Every name and the acronym, lower-cased, transliterated to Latin and folded (inventory_fold), for trigrams. */
  name_key: GeneratedByDatabase<string>;
}

export const CHANGE_KINDS = [
  "seed",
  "import",
  "create",
  "update",
  "delete",
  "suggestion",
  "merge",
  "verify",
  "status",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One version of an institution as it was written (the row without generated columns), kept after deletion. */
export interface InstitutionHistoryTable {
  institution_id: string;
  version: number;
  snapshot: ColumnType<Record<string, unknown>, string, string>;
  /** The account that made the change (null: the system, a seed or an import from the command line). */
  changed_by: number | null;
  change_kind: ChangeKind;
  reason: string | null;
  /** The accepted suggestion this change comes from. */
  suggestion_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** For a `merge` version: the entry this one went into. */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  at: Timestamp;
}

export type SuggestionKind = "new" | "correction";
export type SuggestionState = "pending" | "accepted" | "rejected";

/** A proposal from the public: a new institution or a correction of one, reviewed by an editor. */
export interface InstitutionSuggestionTable {
  id: Generated<number>;
  kind: SuggestionKind;
  /** The institution a correction is about (null for a new one, or when that institution was deleted). */
  institution_id: string | null;
  /** The proposed fields, in the import's column names (interchange.ts). */
  payload: ColumnType<Record<string, unknown>, string, string>;
  contact_email: string | null;
  state: ColumnType<SuggestionState, SuggestionState | undefined, SuggestionState>;
  submitted_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  review_note: string | null;
  /** A keyed hash of the sender's address, to limit submissions without keeping the address. */
  client_ip_hash: string | null;
  /** The entry's version when a correction was made: accepting it after the entry changed needs the editor's look. */
  base_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** Relationships proposed with it, from the entry's side: [{type, id}] (relationships.ts views). */
  relationships: ColumnType<{ type: string; id: string }[], string | undefined, string>;
}

/** One row: the salt of the senders' address hashes, made at first use. */
export interface InventorySecretTable {
  singleton: ColumnType<boolean, never, never>;
  salt: string;
}

export const LINK_STATUSES = ["pending", "ok", "redirected", "broken", "unreachable"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * The state of one URL (an institution's website): its last check and when the next is due. Checkers in several
 * processes take due rows by setting a lease (`locked_until`, `locked_by`) with `for update skip locked`.
 */
export interface LinkCheckTable {
  url: string;
  status: ColumnType<LinkStatus, LinkStatus | undefined, LinkStatus>;
  http_code: number | null;
  /** Where a redirect ended. */
  final_url: string | null;
  checked_at: NullableTimestamp;
  next_check_at: Timestamp;
  /** Failed checks in a row (0 after a success), for back-off and for reporting a link as broken. */
  failures: ColumnType<number, number | undefined, number>;
  locked_until: NullableTimestamp;
  locked_by: string | null;
  last_error: string | null;
}

/** Every word of the institutions' search vectors (kept by triggers), and its folded form for typos. */
export interface InstitutionLexemeTable {
  lexeme: string;
  fold: GeneratedByDatabase<string>;
}

/** One row: a counter bumped by a trigger on every change to the institutions, which keys the search cache. */
export interface InventoryStateTable {
  singleton: ColumnType<boolean, never, never>;
  version: ColumnType<number, never, number>;
}

export type RelationshipType = "parent" | "predecessor" | "related";

/** One related pair in its canonical direction (relationships.ts): the subject is parent or predecessor of the object. */
export interface InstitutionRelationshipTable {
  subject_id: string;
  object_id: string;
  type: RelationshipType;
  created_at: Timestamp;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export type IdentifierScheme = "ror" | "wikidata" | "national";

/** An external identifier of an entry, one per scheme (identifiers.ts checks the format). */
export interface InstitutionIdentifierTable {
  institution_id: string;
  scheme: IdentifierScheme;
  value: string;
}

export type NameType = "official" | "short" | "acronym" | "former";

/** A further name of an entry, by type and language (the official English, Russian and original names are columns). */
export interface InstitutionNameTable {
  institution_id: string;
  type: NameType;
  lang: string;
  name: string;
}

/** A pair of entries an editor said are not duplicates (a_id < b_id): never proposed again. */
export interface InstitutionDistinctPairTable {
  a_id: string;
  b_id: string;
  dismissed_by: number | null;
  dismissed_at: Timestamp;
}

/** A published release of the inventory: its whole content (release.ts) and what changed since the last one. */
export interface InventoryReleaseTable {
  version: number;
  published_at: Timestamp;
  published_by: number | null;
  note: string | null;
  counts: ColumnType<Record<string, number>, string, string>;
  changes: ColumnType<Record<string, unknown>, string, string>;
  content: ColumnType<Record<string, unknown>, string, string>;
}

export interface InventoryTables {
  institution: InstitutionTable;
  institution_history: InstitutionHistoryTable;
  institution_suggestion: InstitutionSuggestionTable;
  link_check: LinkCheckTable;
  institution_lexeme: InstitutionLexemeTable;
  inventory_state: InventoryStateTable;
  inventory_secret: InventorySecretTable;
  institution_relationship: InstitutionRelationshipTable;
  institution_identifier: InstitutionIdentifierTable;
  institution_name: InstitutionNameTable;
  institution_distinct_pair: InstitutionDistinctPairTable;
  inventory_release: InventoryReleaseTable;
}
