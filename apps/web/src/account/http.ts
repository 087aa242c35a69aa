/**
 * Requests of the signed-in parts: JSON in and out, the CSRF token (kept in memory only, never in storage a
 * script of another origin could read) sent as `x-csrf-token` with every change, and refusals as problem
 * documents whose problems name their field, so a form can show each next to its field.
 */
import { ApiError } from "../lib/api.ts";

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token, for a request made without `send` (an upload through XMLHttpRequest, for its progress). */
export const currentCsrfToken = (): string | null => csrfToken;

/** A refusal: its text, and the problems by field when the server named fields. */
export class ProblemError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly fields: Readonly<Record<string, string>>,
  ) {
    super(status, message);
  }
}

interface ProblemDocument {
  readonly detail?: string;
  readonly title?: string;
  readonly field?: string;
  readonly problems?: readonly { readonly field?: string | null; readonly detail?: string }[];
}

/**
 * The problems by field of a problem document: every one of `problems` (the suggestions' API lists them all), else
 * the one `field` with its detail (the accounts' API), the first per field.
 */
export function fieldProblems(problem: ProblemDocument): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of problem.problems ?? []) {
    if (p.field && p.detail && !fields[p.field]) fields[p.field] = p.detail;
  }
  if (problem.field && problem.detail && !fields[problem.field]) fields[problem.field] = problem.detail;
  return fields;
}

async function refusal(response: Response): Promise<ProblemError> {
  try {
    const problem = (await response.json()) as ProblemDocument;
    return new ProblemError(
      response.status,
      problem.detail ?? problem.title ?? response.statusText,
      fieldProblems(problem),
    );
  } catch {
    return new ProblemError(response.status, response.statusText, {});
  }
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

/** A change: POST (or another method) with a JSON body and the CSRF header. */
export async function send<T>(url: string, body?: unknown, method = "POST"): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw await refusal(response);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
