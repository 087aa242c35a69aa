/**
 * The view logic of submissions and their review, without a DOM: which actions a user sees in which state, how the
 * findings are filtered and grouped, where a finding's cell sits in the grid, and the embargo's time in the reader's
 * zone and in UTC. Tested in test/submissions-view.test.ts.
 */

export const SUBMISSION_STATES = ["draft", "submitted", "returned", "approved", "released"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const isSubmissionState = (value: unknown): value is SubmissionState =>
  (SUBMISSION_STATES as readonly unknown[]).includes(value);

/** Who looks at the page: the role and, for a focal point, its countries. */
export interface Viewer {
  readonly id: number | string;
  readonly role: string;
  readonly countries?: readonly string[] | undefined;
}

export const isFocalPoint = (viewer: Viewer | null | undefined): boolean => viewer?.role === "focal-point";
export const isReviewer = (viewer: Viewer | null | undefined): boolean =>
  viewer?.role === "editor" || viewer?.role === "administrator";

/** Whether the user works with submissions at all (the header's link). */
export const seesSubmissions = (viewer: Viewer | null | undefined): boolean =>
  isFocalPoint(viewer) || isReviewer(viewer);

/** The countries a viewer may open a submission for: a focal point its own, a reviewer any participating one. */
export function countriesFor(viewer: Viewer, reporters: readonly string[]): readonly string[] {
  if (!isFocalPoint(viewer)) return reporters;
  const own = new Set(viewer.countries ?? []);
  return reporters.filter((r) => own.has(r));
}

/** Whether the viewer acts for the submission's country (the server checks it again on every request). */
export function actsFor(viewer: Viewer, reporter: string): boolean {
  return isReviewer(viewer) || (isFocalPoint(viewer) && (viewer.countries ?? []).includes(reporter));
}

export type SubmissionAction =
  | "upload"
  | "dropTable"
  | "editMetadata"
  | "commentFinding"
  | "submit"
  | "discard"
  | "return"
  | "approve"
  | "release";

/** States in which the country edits its submission: a returned one is edited like a draft. */
export const EDITABLE_STATES: ReadonlySet<SubmissionState> = new Set(["draft", "returned"]);

/**
 * The actions the page offers a viewer on a submission in its state. Editing (upload, metadata, comments,
 * submit) is the country's and the secretariat's in draft and returned; reviewing (return, approve, release) the
 * secretariat's; nobody approves what they submitted themselves (four eyes).
 */
export function actionsFor(
  viewer: Viewer | null | undefined,
  submission: { readonly state: SubmissionState; readonly reporter: string; readonly submittedBy?: unknown },
): ReadonlySet<SubmissionAction> {
  const actions = new Set<SubmissionAction>();
  if (!viewer || !actsFor(viewer, submission.reporter)) return actions;
  const { state } = submission;
  if (EDITABLE_STATES.has(state)) {
    actions.add("upload").add("dropTable").add("editMetadata").add("commentFinding").add("submit");
    if (state === "draft") actions.add("discard");
  }
  if (isReviewer(viewer)) {
    const ownSubmission = submission.submittedBy != null && String(submission.submittedBy) === String(viewer.id);
    if (state === "submitted" || state === "approved") actions.add("return");
    if (state === "submitted" && !ownSubmission) actions.add("approve");
    if (state === "approved") actions.add("release");
  }
  return actions;
}

// ── Findings ────────────────────────────────────────────────────────────────────────────────────────────────────

export type Severity = "error" | "warning";

/** What the view needs of a finding (the API's finding has more). */
export interface FindingLike {
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly table: string;
  readonly cell: Readonly<Record<string, string>>;
  readonly comment?: string | null;
}

export interface FindingFilter {
  readonly severity?: Severity | undefined;
  readonly table?: string | undefined;
  readonly rule?: string | undefined;
}

export function filterFindings<F extends FindingLike>(findings: readonly F[], filter: FindingFilter): F[] {
  return findings.filter(
    (f) =>
      (!filter.severity || f.severity === filter.severity) &&
      (!filter.table || f.table === filter.table) &&
      (!filter.rule || f.rule === filter.rule),
  );
}

export interface FindingGroup<F> {
  readonly table: string;
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly F[];
}

/** Findings by table in table order, errors before warnings within a table, else in the server's order. */
export function groupFindings<F extends FindingLike>(findings: readonly F[]): FindingGroup<F>[] {
  const byTable = new Map<string, F[]>();
  for (const f of findings) {
    const list = byTable.get(f.table);
    if (list) list.push(f);
    else byTable.set(f.table, [f]);
  }
  return [...byTable]
    .sort(([a], [b]) => compareTableIds(a, b))
    .map(([table, list]) => {
      const ordered = [...list.filter((f) => f.severity === "error"), ...list.filter((f) => f.severity !== "error")];
      const errors = list.length - ordered.filter((f) => f.severity !== "error").length;
      return { table, errors, warnings: list.length - errors, findings: ordered };
    });
}

/** "T2_10" after "T2_9": table ids compared by their numbers. */
export function compareTableIds(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** The choices of the findings' filter: the tables and the rules that occur, each once, in order. */
export function filterChoices(findings: readonly FindingLike[]): { tables: string[]; rules: string[] } {
  const tables = [...new Set(findings.map((f) => f.table))].sort(compareTableIds);
  const rules = [...new Set(findings.map((f) => f.rule))].sort();
  return { tables, rules };
}

/** Warnings still without the country's comment: submitting waits for them. */
export const uncommentedWarnings = <F extends FindingLike>(findings: readonly F[]): F[] =>
  findings.filter((f) => f.severity === "warning" && !f.comment?.trim());

/** Why the submit button is refused, if it is: errors stand, or warnings lack their comment. */
export function submitBlockers(counts: { readonly errors: number; readonly uncommented: number }): {
  readonly errors: number;
  readonly uncommented: number;
} | null {
  return counts.errors > 0 || counts.uncommented > 0 ? counts : null;
}

// ── Cells of the grid ───────────────────────────────────────────────────────────────────────────────────────────

interface DimensionLike {
  readonly code: string;
  readonly categories: readonly { readonly code: string }[];
}

/**
 * The index into a dataset's value arrays of the cell with these coordinates (dimension code → category code),
 * or undefined when a coordinate is missing or unknown (a table-level finding has none).
 */
export function cellIndexOf(
  dimensions: readonly DimensionLike[],
  cell: Readonly<Record<string, string>>,
): number | undefined {
  let index = 0;
  for (const d of dimensions) {
    const code = cell[d.code];
    const position = code === undefined ? -1 : d.categories.findIndex((c) => c.code === code);
    if (position === -1) {
      // A one-value dimension the finding does not name (the contents variable) is that value.
      if (code === undefined && d.categories.length === 1) continue;
      return undefined;
    }
    index = index * d.categories.length + position;
  }
  return dimensions.length === 0 ? undefined : index;
}

/** The cells of the findings of one table, each with the worst severity found there. */
export function cellMarks(
  dimensions: readonly DimensionLike[],
  findings: readonly FindingLike[],
): Map<number, { severity: Severity; keys: string[] }> {
  const marks = new Map<number, { severity: Severity; keys: string[] }>();
  for (const f of findings) {
    const index = cellIndexOf(dimensions, f.cell);
    if (index === undefined) continue;
    const mark = marks.get(index);
    if (!mark) marks.set(index, { severity: f.severity, keys: [f.key] });
    else {
      mark.keys.push(f.key);
      if (f.severity === "error") mark.severity = "error";
    }
  }
  return marks;
}

// ── The embargo's time ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * A `datetime-local` input's value (the reader's wall clock, "2026-12-10T09:30") as a UTC instant in ISO 8601,
 * or undefined when it is not a date and time. The browser's zone decides the offset, daylight saving included.
 */
export function localInputToUtc(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const date = new Date(value); // no zone: read as local time (ECMAScript's date-time form)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A UTC instant as a `datetime-local` value in the reader's zone, to the minute. */
export function utcToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Whether an embargo lies ahead of `now` (a past one would release at once: the form says so). */
export const isFuture = (iso: string, now: Date): boolean => new Date(iso).getTime() > now.getTime();

// ── Years ───────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Years written by a person ("2019-2023, 2025") as a sorted list without repeats; undefined when a part is not a
 * year or a range of years, or the range is backwards or longer than `maxYears`.
 */
export function parseYears(text: string, maxYears = 100): number[] | undefined {
  const years = new Set<number>();
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  for (const part of parts) {
    const range = /^(\d{4})(?:[-–](\d{4}))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] ? Number(range[2]) : from;
    if (to < from || to - from >= maxYears) return undefined;
    for (let y = from; y <= to; y++) years.add(y);
  }
  if (years.size > maxYears) return undefined;
  return [...years].sort((a, b) => a - b);
}

/** Years as ranges for reading: [2019, 2020, 2021, 2023] → "2019–2021, 2023". */
export function yearRanges(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/** The review queue's order: submitted before approved, then the longest waiting first. */
export function reviewQueue<
  S extends { readonly state: SubmissionState; readonly submittedAt?: string | null; readonly updatedAt: string },
>(submissions: readonly S[]): S[] {
  const rank = (s: S) => (s.state === "submitted" ? 0 : 1);
  const since = (s: S) => s.submittedAt ?? s.updatedAt;
  return [...submissions].sort((a, b) => rank(a) - rank(b) || since(a).localeCompare(since(b)));
}

/** The version a submission's release made of a table, and the version before it (none for a first version). */
export function releasedVersionOf(
  versions: readonly { readonly version: number; readonly submissionId?: number | null }[],
  submissionId: number,
): { version?: number; previous?: number } {
  const mine = versions.find((v) => v.submissionId === submissionId);
  if (!mine) return {};
  const before = versions.map((v) => v.version).filter((n) => n < mine.version);
  return before.length > 0 ? { version: mine.version, previous: Math.max(...before) } : { version: mine.version };
}

/**
 * The grid's layout for an uploaded slice: the one-value variables (the country, the contents, a single year)
 * across the top, where they take a header row each instead of a column each, with the years when there are
 * several, else the variable of most values (age groups); the other variables down the side.
 */
export function sliceLayout(dimensions: readonly DimensionLike[]): { rows: string[]; columns: string[] } {
  const single = dimensions.filter((d) => d.categories.length === 1).map((d) => d.code);
  const many = dimensions.filter((d) => d.categories.length > 1);
  const years = many.find((d) => d.code === "year");
  const widest = years ?? [...many].sort((a, b) => b.categories.length - a.categories.length)[0];
  const columns = widest ? [...single, widest.code] : single;
  return { rows: many.filter((d) => d !== widest).map((d) => d.code), columns };
}
