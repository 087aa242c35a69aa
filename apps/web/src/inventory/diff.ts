/**
 * What a moderator sees of a suggestion: each field's current and proposed value, whether the suggestion changes
 * it, and the editor's own version; for lists, which items come and go. Pure: tested without a browser.
 */
import { FIELDS, type Field, LIST_FIELDS, listOf } from "./suggest-form.ts";

/** One row of the server's comparison (texts as an export writes them). */
export interface DiffEntry {
  readonly field: string;
  readonly current: string;
  readonly proposed: string;
  readonly changed: boolean;
  /** As read: codes by their names in the page's language ("Kazakhstan", not "KAZ"). */
  readonly currentText?: string;
  readonly proposedText?: string;
  /** Code → name, for the codes this line holds. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface DiffRow extends DiffEntry {
  /** The value to accept: the editor's edit, or the proposed value. */
  readonly accepted: string;
  /** Whether the editor changed the proposed value. */
  readonly edited: boolean;
  /** For lists: the items the proposal adds and removes. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

const isField = (name: string): name is Field => (FIELDS as readonly string[]).includes(name);

export function diffRows(diff: readonly DiffEntry[], edits: Readonly<Record<string, string>>): DiffRow[] {
  return diff.map((entry) => {
    const edit = edits[entry.field];
    const accepted = edit ?? entry.proposed;
    const list = isField(entry.field) && LIST_FIELDS.has(entry.field);
    const current = list ? listOf(entry.current) : [];
    const proposed = list ? listOf(entry.proposed) : [];
    return {
      ...entry,
      accepted,
      edited: edit !== undefined && edit.trim() !== entry.proposed.trim(),
      added: proposed.filter((x) => !current.includes(x)),
      removed: current.filter((x) => !proposed.includes(x)),
    };
  });
}

/** The changed rows first (what the editor must judge), then the rest, each in the import's order. */
export const changedFirst = (rows: readonly DiffRow[]): DiffRow[] => [
  ...rows.filter((r) => r.changed || r.edited),
  ...rows.filter((r) => !r.changed && !r.edited),
];

/** The editor's edits to send when accepting: only fields whose accepted value differs from the proposal. */
export function acceptedEdits(rows: readonly DiffRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.edited).map((r) => [r.field, r.accepted.trim()]));
}
