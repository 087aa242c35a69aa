/** The submissions' tables (migration 0012_submissions), as Kysely sees them. */

import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;
type Bilingual = { en: string; ru: string };
type NullableBilingual = ColumnType<Bilingual | null, string | null | undefined, string | null>;

export type SubmissionState = "draft" | "submitted" | "returned" | "approved" | "released";

/** A country's submission: who did what and when, the embargo, the revision note. */
export interface SubmissionTable {
  id: Generated<number>;
  reporter: string;
  state: SubmissionState;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_by: number | null;
  submitted_at: NullableTimestamp;
  /** Who returned or approved it last, and when. */
  decided_by: number | null;
  decided_at: NullableTimestamp;
  /** The embargo: an approved submission is released at this time (null: released when approved). */
  release_at: NullableTimestamp;
  released_by: number | null;
  released_at: NullableTimestamp;
  /** Required when a released figure changes. */
  revision_note: NullableBilingual;
  validated_at: NullableTimestamp;
}

/** The country's slice of one standard table: the dataset's metadata and its cells, as in table_version. */
export interface SubmissionTableTable {
  submission_id: number;
  table_id: string;
  metadata: Json<unknown>;
  cell_count: number;
  values: Uint8Array;
  status: Uint8Array;
  flags: Uint8Array;
  /** Names of the uploaded files the slice was read from. */
  source_files: Json<string[]>;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

/** One coordinate of a finding's cell, with its labels. */
export interface FindingCoordinate {
  readonly dimension: string;
  readonly dimensionLabel: Bilingual;
  readonly code: string;
  readonly label: Bilingual;
}

/** One finding of the last validation; the key is stable across re-uploads (findings.ts). */
export interface SubmissionFindingTable {
  submission_id: number;
  key: string;
  position: number;
  rule: string;
  severity: "error" | "warning";
  table_id: string;
  cell: Json<FindingCoordinate[]>;
  /** For cross-table rules: the other table's cell. */
  against: ColumnType<{ table: string; cell: FindingCoordinate[] } | null, string | null, string | null>;
  expected: number | null;
  found: number | null;
  message: Json<Bilingual>;
  /** The focal point's explanation (a warning needs one before submit). */
  comment: string | null;
  comment_by: number | null;
  comment_at: NullableTimestamp;
}

export interface SubmissionCommentTable {
  id: Generated<number>;
  submission_id: number;
  author: number | null;
  /** The author's role when writing (the account may change later). */
  author_role: string;
  created_at: Timestamp;
  finding_key: string | null;
  body: string;
}

/** Proposed comparability metadata: the shape of country_metadata, for the submission's reporter. */
export interface SubmissionMetadataTable {
  submission_id: number;
  table_id: string;
  from_year: number | null;
  to_year: number | null;
  from_key: ColumnType<number, never, never>;
  source: Json<Bilingual>;
  definition: Json<Bilingual>;
  coverage: Json<Bilingual>;
  breaks: NullableBilingual;
  deviations: NullableBilingual;
  stateless_in_citizenship_table: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Every change of state: who (null: the scheduler), when, which action, the comment. */
export interface SubmissionEventTable {
  id: Generated<number>;
  submission_id: number;
  at: Timestamp;
  by: number | null;
  action: string;
  from_state: SubmissionState | null;
  to_state: SubmissionState;
  comment: string | null;
}

export interface SubmissionTables {
  submission: SubmissionTable;
  submission_table: SubmissionTableTable;
  submission_finding: SubmissionFindingTable;
  submission_comment: SubmissionCommentTable;
  submission_metadata: SubmissionMetadataTable;
  submission_event: SubmissionEventTable;
}
