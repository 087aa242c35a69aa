/**
 * Proposed fields of an institution — a suggestion's, an editor's edit — read from a JSON body into the import's
 * record of texts, checked by the import's own `recordToFields`, and compared with the entry. Pure.
 */

import { COLUMNS, type Column, fieldsToRecord, type InstitutionFields, recordToFields } from "./interchange.ts";
import type { Message } from "./messages.ts";
import { moderationMessages as mm } from "./moderation-messages.ts";

export interface FieldProblem {
  /** The body's field at fault, as a path: "fields.country", "contactEmail". */
  readonly field: string;
  readonly message: Message;
}

/** What the public may propose; editors may also set the verification date and the synthetic flag. */
export const PUBLIC_COLUMNS: readonly Column[] = COLUMNS.filter(
  (c) => c !== "id" && c !== "verified_at" && c !== "synthetic",
);
export const EDITOR_COLUMNS: readonly Column[] = COLUMNS.filter((c) => c !== "id");

/** A record of texts by column, as the import reads a row. */
export type ProposedRecord = Partial<Record<Column, string>>;

/**
 * The `fields` object of a body as texts: strings as given, numbers and booleans written out, lists of strings
 * joined by "; " (the import's separator); null is an empty value.
 */
export function readFields(
  value: unknown,
  allowed: readonly Column[],
  path = "fields",
): { readonly record: ProposedRecord; readonly problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const record: ProposedRecord = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { record, problems: [{ field: path, message: mm.notObject(path) }] };
  }
  for (const [name, raw] of Object.entries(value)) {
    const field = `${path}.${name}`;
    if (!(allowed as readonly string[]).includes(name)) {
      problems.push({ field, message: mm.unknownField(field) });
      continue;
    }
    const column = name as Column;
    if (raw === null) record[column] = "";
    else if (typeof raw === "string") record[column] = raw;
    else if (typeof raw === "number" || typeof raw === "boolean") record[column] = String(raw);
    else if (Array.isArray(raw) && raw.every((x) => typeof x === "string")) record[column] = raw.join("; ");
    else problems.push({ field, message: mm.notText(field) });
  }
  return { record, problems };
}

/** The fields of a whole record, checked as an import row is; problems name `fields.<column>`. */
export function checkRecord(
  record: ProposedRecord,
  path = "fields",
): { readonly fields: InstitutionFields | undefined; readonly problems: FieldProblem[] } {
  const read = recordToFields(record, 0);
  return {
    fields: read.fields,
    problems: read.problems.map((p) => ({ field: p.column ? `${path}.${p.column}` : path, message: p.message })),
  };
}

/** The record of an entry as it is (texts as an export writes them). */
export const recordOf = (fields: InstitutionFields): Record<Column, string> => fieldsToRecord(fields);

export interface DiffLine {
  readonly field: Column;
  readonly current: string;
  readonly proposed: string;
  readonly changed: boolean;
}

/** Every column but the id, current (empty for a new entry) against proposed, both written as texts. */
export function diffFields(current: InstitutionFields | null, proposed: InstitutionFields): DiffLine[] {
  const before = current ? fieldsToRecord(current) : undefined;
  const after = fieldsToRecord(proposed);
  return EDITOR_COLUMNS.map((field) => {
    const was = before?.[field] ?? "";
    return { field, current: was, proposed: after[field], changed: was !== after[field] };
  });
}

/** The record a proposal makes: the base (the entry now, or nothing) with the proposed texts over it. */
export function overlay(base: InstitutionFields | null, ...layers: readonly ProposedRecord[]): ProposedRecord {
  const start: ProposedRecord = base ? fieldsToRecord(base) : {};
  return Object.assign(start, ...layers);
}

/** Union of two lists, the first's order first. */
export const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])];

/** The kept entry of a merge: the union of both lists, and its empty fields filled from the other. */
export function mergedFields(kept: InstitutionFields, other: InstitutionFields): InstitutionFields {
  const filled = Object.fromEntries(
    Object.entries(kept).map(([k, v]) => [k, v === null ? (other[k as keyof InstitutionFields] ?? null) : v]),
  ) as unknown as InstitutionFields;
  // Both points or neither (the table's check): a point is taken from the other entry only as a whole.
  const point =
    kept.latitude === null || kept.longitude === null
      ? { latitude: other.latitude, longitude: other.longitude }
      : { latitude: kept.latitude, longitude: kept.longitude };
  return {
    ...filled,
    ...point,
    id: kept.id,
    countries_of_activity: union(kept.countries_of_activity, other.countries_of_activity),
    topics: union(kept.topics, other.topics),
    languages: union(kept.languages, other.languages),
  };
}
