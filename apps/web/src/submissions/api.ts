/**
 * The submissions API (docs/decisions/0008-submissions.md) as the submissions and review pages use it: every call
 * and every shape of an answer is here, so a change of the server's shape is a change of this one file.
 */
import { currentCsrfToken, getJson, ProblemError, send } from "../account/http.ts";
import type { Lang } from "../lib/i18n.ts";
import type { Severity, SubmissionState } from "./view.ts";

const BASE = "/api/submissions";

export interface Bilingual {
  readonly en: string;
  readonly ru: string;
}

export interface Person {
  readonly id: number | string;
  readonly name: string;
}

/** How many findings the last validation made, and the warnings still without the country's comment. */
export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly uncommentedWarnings: number;
}

/** A submission as the list gives it. */
export interface SubmissionSummary {
  readonly id: number;
  readonly reporter: string;
  readonly state: SubmissionState;
  readonly createdAt: string;
  readonly createdBy: Person | null;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly submittedBy: Person | null;
  readonly decidedAt: string | null;
  readonly decidedBy: Person | null;
  /** The embargo: when an approved submission is released. */
  readonly releaseAt: string | null;
  readonly releasedAt: string | null;
  readonly releasedBy: Person | null;
  readonly revisionNote: Bilingual | null;
  readonly tables: readonly string[];
  readonly findings: FindingCounts;
}

/** A table uploaded into the submission: the country's slice of a standard table. */
export interface SubmissionTable {
  readonly table: string;
  readonly cells: number;
  readonly files: readonly string[];
  readonly uploadedAt: string;
  readonly years: readonly string[];
}

/** One event of the submission's history: a change of state, with its comment. */
export interface HistoryEvent {
  readonly at: string;
  readonly by: Person | null;
  readonly action: string;
  readonly from: SubmissionState | null;
  readonly to: SubmissionState;
  readonly comment: string | null;
}

export interface SubmissionComment {
  readonly id: number;
  readonly author: Person | null;
  /** The author's role when writing. */
  readonly authorRole: string;
  readonly createdAt: string;
  readonly findingKey: string | null;
  readonly body: string;
}

/** Comparability metadata of one table and year range, both languages (the shape of country_metadata). */
export interface MetadataEntry {
  readonly tableId: string;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly source: Bilingual;
  readonly definition: Bilingual;
  readonly coverage: Bilingual;
  readonly breaks: Bilingual | null;
  readonly deviations: Bilingual | null;
  readonly statelessInCitizenshipTable: boolean;
}

export interface Submission extends SubmissionSummary {
  readonly tableDetails: readonly SubmissionTable[];
  readonly metadata: readonly MetadataEntry[];
  readonly comments: readonly SubmissionComment[];
  readonly history: readonly HistoryEvent[];
  /** Released figures the submission would change if released now: the revision note is then required. */
  readonly changes: { readonly count: number };
}

/** A released version of a table (GET /api/tables/{id}/versions), with the submission that made it. */
export interface TableVersion {
  readonly version: number;
  readonly submissionId?: number | null;
}

export interface Finding {
  readonly key: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly table: string;
  /** Dimension code → category code. */
  readonly cell: Readonly<Record<string, string>>;
  /** Dimension code → the labels of the dimension and of the category, in the asked language. */
  readonly labels?: Readonly<Record<string, { readonly dimension: string; readonly category: string }>>;
  readonly expected?: number | null;
  readonly found?: number | null;
  readonly message: string | Bilingual;
  readonly comment?: string | null;
  readonly against?: { readonly table: string; readonly cell: Readonly<Record<string, string>> } | null;
}

/** One coordinate of a finding's cell as the server labels it (validateSubmission's LabelledCoordinate). */
interface RawCoordinate {
  readonly dimension: string;
  readonly dimensionLabel?: string | Bilingual;
  readonly code: string;
  readonly label?: string | Bilingual;
}

/** A finding as the server sends it: its cell a list of labelled coordinates. */
type RawFinding = Omit<Finding, "cell" | "labels" | "against"> & {
  readonly cell: readonly RawCoordinate[] | Readonly<Record<string, string>>;
  readonly against?: {
    readonly table: string;
    readonly cell: readonly RawCoordinate[] | Readonly<Record<string, string>>;
  } | null;
};

const isCoordinates = (cell: RawFinding["cell"]): cell is readonly RawCoordinate[] => Array.isArray(cell);

const codesOf = (cell: RawFinding["cell"]): Record<string, string> =>
  isCoordinates(cell) ? Object.fromEntries(cell.map((c) => [c.dimension, c.code])) : { ...cell };

/** The view's finding: coordinates by dimension code, their labels in the reader's language beside. */
function findingOf(raw: RawFinding, lang: Lang): Finding {
  const labels: Record<string, { dimension: string; category: string }> = {};
  if (isCoordinates(raw.cell)) {
    for (const c of raw.cell) {
      labels[c.dimension] = {
        dimension: messageOf(c.dimensionLabel, lang) || c.dimension,
        category: messageOf(c.label, lang) || c.code,
      };
    }
  }
  return {
    ...raw,
    cell: codesOf(raw.cell),
    labels,
    against: raw.against ? { table: raw.against.table, cell: codesOf(raw.against.cell) } : null,
  };
}

/** A problem of an uploaded file, where it is, and the codes meant perhaps (the readers' UploadProblem). */
export interface UploadProblem {
  readonly severity?: "error" | "warning";
  readonly code?: string;
  readonly file?: string | null;
  readonly sheet?: string | null;
  /** The line of a CSV or PX file, the row of a worksheet. */
  readonly line?: number | null;
  readonly row?: number | null;
  readonly column?: string | number | null;
  readonly message?: string | Bilingual;
  readonly detail?: string;
  readonly suggestions?: readonly (string | { readonly code: string; readonly label?: string | Bilingual })[];
}

/** The upload was refused (422 and the like): every problem found, each with its place. Nothing was stored. */
export class UploadRefused extends ProblemError {
  constructor(
    status: number,
    message: string,
    readonly problems: readonly UploadProblem[],
  ) {
    super(status, message, {});
  }
}

/** What is wrong with one field of one metadata entry (the server's CountryMetadataIssue). */
export interface MetadataIssue {
  readonly index: number;
  /** "source.ru", "fromYear", … */
  readonly field: string;
  readonly message: string;
}

export class MetadataRefused extends ProblemError {
  constructor(
    status: number,
    message: string,
    readonly issues: readonly MetadataIssue[],
  ) {
    super(status, message, {});
  }
}

const q = (lang: Lang) => `lang=${lang}`;
const at = (id: number | string) => `${BASE}/${encodeURIComponent(String(id))}`;

export const submissionsApi = {
  /**
   * The participating countries: the reporter dimension of a standard table (every standard table has all of
   * them), so the list follows the server's REPORTERS without an endpoint of its own.
   */
  reporters: () =>
    getJson<{ dimension?: { reporter?: { category?: { index?: unknown } } } }>(
      "/api/v2/tables/T1_1/metadata?lang=en",
    ).then((meta) => {
      const index = meta.dimension?.reporter?.category?.index;
      if (Array.isArray(index)) return index.map(String);
      return index && typeof index === "object" ? Object.keys(index) : [];
    }),
  list: (lang: Lang, filter: { state?: string | undefined; reporter?: string | undefined } = {}) => {
    const params = new URLSearchParams({ lang });
    if (filter.state) params.set("state", filter.state);
    if (filter.reporter) params.set("reporter", filter.reporter);
    return getJson<{ submissions: SubmissionSummary[] }>(`${BASE}?${params.toString()}`).then((r) => r.submissions);
  },
  create: (reporter: string, lang: Lang) => send<Submission>(`${BASE}?${q(lang)}`, { reporter }),
  get: (id: number | string, lang: Lang) => getJson<Submission>(`${at(id)}?${q(lang)}`),
  discard: (id: number | string, lang: Lang) => send<void>(`${at(id)}?${q(lang)}`, undefined, "DELETE"),
  dropTable: (id: number | string, table: string, lang: Lang) =>
    send<void>(`${at(id)}/tables/${encodeURIComponent(table)}?${q(lang)}`, undefined, "DELETE"),
  /** The uploaded slice as JSON-stat 2.0 (read with fromJsonStat2). */
  tableData: (id: number | string, table: string, lang: Lang) =>
    getJson<unknown>(`${at(id)}/tables/${encodeURIComponent(table)}/data?${q(lang)}`),
  findings: (id: number | string, lang: Lang) =>
    getJson<FindingCounts & { findings: RawFinding[]; truncated?: boolean }>(
      `${at(id)}/findings?format=json&${q(lang)}`,
    ).then((r) => ({ findings: r.findings.map((f) => findingOf(f, lang)), truncated: r.truncated ?? false })),
  /** The released versions of a table, to find those a submission made. */
  versions: (table: string) =>
    getJson<{ versions: TableVersion[] }>(`/api/tables/${encodeURIComponent(table)}/versions`).then((r) => r.versions),
  findingsUrl: (id: number | string, format: "csv" | "xlsx", lang: Lang) =>
    `${at(id)}/findings?format=${format}&${q(lang)}`,
  commentFinding: (id: number | string, key: string, comment: string, lang: Lang) =>
    send<unknown>(`${at(id)}/findings/${encodeURIComponent(key)}/comment?${q(lang)}`, { comment }, "PUT"),
  /** Rejects with MetadataRefused naming entry and field of every issue. */
  saveMetadata: async (id: number | string, entries: readonly MetadataEntry[], lang: Lang): Promise<Submission> => {
    const token = currentCsrfToken();
    const response = await fetch(`${at(id)}/metadata?${q(lang)}`, {
      method: "PUT",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        ...(token ? { "x-csrf-token": token } : {}),
      },
      body: JSON.stringify(entries),
    });
    const json = (await response.json().catch(() => ({}))) as {
      detail?: string;
      title?: string;
      issues?: MetadataIssue[];
    };
    if (!response.ok) {
      throw new MetadataRefused(response.status, json.detail ?? json.title ?? response.statusText, json.issues ?? []);
    }
    return json as unknown as Submission;
  },
  submit: (id: number | string, revisionNote: Bilingual | undefined, lang: Lang) =>
    send<Submission>(`${at(id)}/submit?${q(lang)}`, revisionNote ? { revisionNote } : {}),
  returnToCountry: (
    id: number | string,
    comment: string,
    findings: readonly { key: string; comment: string }[],
    lang: Lang,
  ) => send<Submission>(`${at(id)}/return?${q(lang)}`, { comment, ...(findings.length > 0 ? { findings } : {}) }),
  comment: (id: number | string, body: string, lang: Lang) => send<unknown>(`${at(id)}/comments?${q(lang)}`, { body }),
  approve: (id: number | string, releaseAt: string | undefined, lang: Lang) =>
    send<Submission>(`${at(id)}/approve?${q(lang)}`, releaseAt ? { releaseAt } : {}),
  release: (id: number | string, lang: Lang) => send<Submission>(`${at(id)}/release?${q(lang)}`, {}),
  templateUrl: (table: string, format: "xlsx" | "csv" | "px", reporter: string, years: readonly number[], lang: Lang) =>
    `${BASE}/templates/${encodeURIComponent(table)}.${format}?reporter=${encodeURIComponent(reporter)}&years=${years.join(",")}&${q(lang)}`,
  workbookUrl: (tables: readonly string[], reporter: string, years: readonly number[], lang: Lang) =>
    `${BASE}/templates/workbook.xlsx?tables=${tables.map(encodeURIComponent).join(",")}&reporter=${encodeURIComponent(reporter)}&years=${years.join(",")}&${q(lang)}`,
  /**
   * Uploads files as one multipart request, reporting the bytes sent (fetch cannot tell upload progress, so
   * XMLHttpRequest). Resolves with the submission as it now is; rejects with UploadRefused listing the problems.
   */
  upload: (
    id: number | string,
    files: readonly File[],
    lang: Lang,
    onProgress: (sent: number, total: number) => void,
  ): Promise<Submission> =>
    new Promise((resolve, reject) => {
      const body = new FormData();
      for (const file of files) body.append("file", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `${at(id)}/files?${q(lang)}`);
      xhr.setRequestHeader("accept", "application/json");
      const token = currentCsrfToken();
      if (token) xhr.setRequestHeader("x-csrf-token", token);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onerror = () => reject(new UploadRefused(0, xhr.statusText || "network error", []));
      xhr.onload = () => {
        let json: unknown;
        try {
          json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
        } catch {
          json = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(json as Submission);
        else {
          const problem = (json ?? {}) as { detail?: string; title?: string; problems?: UploadProblem[] };
          reject(
            new UploadRefused(
              xhr.status,
              problem.detail ?? problem.title ?? xhr.statusText,
              Array.isArray(problem.problems) ? problem.problems : [],
            ),
          );
        }
      };
      xhr.send(body);
    }),
};

/** A text in the reader's language (the API may give one language or both). */
export const messageOf = (message: string | Bilingual | undefined | null, lang: Lang): string =>
  message == null ? "" : typeof message === "string" ? message : message[lang];

/** An upload problem's text, and its suggestions as "KAZ (Kazakhstan)". */
export const problemText = (problem: UploadProblem, lang: Lang): string =>
  messageOf(problem.message, lang) || problem.detail || "";

export const suggestionTexts = (problem: UploadProblem, lang: Lang): string[] =>
  (problem.suggestions ?? []).map((s) => {
    if (typeof s === "string") return s;
    const label = messageOf(s.label, lang);
    return label ? `${s.code} (${label})` : s.code;
  });
