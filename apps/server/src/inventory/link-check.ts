/**
 * Checking the institutions' websites in the background. Each round leases the due rows of `link_check`
 * (`for update skip locked`, a lease time and the checker's name), so several server processes never check one
 * site at once; checks run a few at a time with a timeout, follow at most five redirects by hand (HEAD, then GET
 * when HEAD fails: many servers refuse HEAD), and store the outcome with the next due time (`nextLinkState`, pure).
 *
 * A site is reported as failing only after it has failed every check for days (`reportAfterMs`): a server down for
 * a night, or a laptop without network, does not turn an institution's website red. A round in which no site
 * answers at all says that this machine is offline, and counts as no check.
 */

import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { LinkStatus } from "./schema.ts";

export interface LinkCheckConfig {
  /** Rows leased per round. */
  readonly batch: number;
  /** Checks at once. */
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Next check after a success. */
  readonly okIntervalMs: number;
  /** First retry after a failure, doubled after each further failure up to `okIntervalMs`. */
  readonly retryMs: number;
  /** How long a lease holds: a checker that died lets its rows go after this. */
  readonly leaseMs: number;
  /** A site is reported unreachable or broken only when it has failed every check for at least this long. */
  readonly reportAfterMs: number;
}

const HOUR = 3_600_000;
export const LINK_CHECK_DEFAULTS: LinkCheckConfig = {
  batch: 20,
  concurrency: 4,
  timeoutMs: 10_000,
  maxRedirects: 5,
  okIntervalMs: 7 * 24 * HOUR,
  retryMs: HOUR,
  leaseMs: 10 * 60_000,
  reportAfterMs: 48 * HOUR,
};

/** What one check found. */
export type LinkOutcome =
  | { readonly kind: "ok"; readonly httpCode: number; readonly finalUrl: string | null }
  | { readonly kind: "failed"; readonly httpCode: number | null; readonly error: string };

export interface LinkState {
  readonly status: LinkStatus;
  readonly http_code: number | null;
  readonly final_url: string | null;
  readonly failures: number;
  readonly last_error: string | null;
  readonly next_check_at: Date;
}

/**
 * Failures in a row after which a site is reported: the first number whose back-off waits add up to `reportAfterMs`
 * (with an hour's first retry doubling, seven failures over at least 63 hours). Checks never come earlier than their
 * due time, so that many failures in a row span at least that long.
 */
export function failuresToReport(config: LinkCheckConfig): number {
  let failures = 1;
  let span = 0;
  // Bounded: a zero retry time would never add up.
  while (span < config.reportAfterMs && failures < 64) {
    span += Math.min(config.retryMs * 2 ** (failures - 1), config.okIntervalMs);
    failures++;
  }
  return failures;
}

/** What a link was before a check: its failures in a row, its status and where it last led. */
export interface LinkBefore {
  readonly failures: number;
  readonly status: LinkStatus;
  readonly final_url: string | null;
}

const REPORTED: ReadonlySet<LinkStatus> = new Set(["unreachable", "broken"]);

/**
 * The state after a check: ok or redirected (with where it ended); after a failure a back-off, and the status it had
 * until the failures have lasted long enough to be reported: "unreachable" when no server answered (a timeout, a
 * name that does not resolve), "broken" when one answered with an error (HTTP 404, a redirect loop). Pure.
 */
export function nextLinkState(before: LinkBefore, outcome: LinkOutcome, now: Date, config: LinkCheckConfig): LinkState {
  if (outcome.kind === "ok") {
    return {
      status: outcome.finalUrl === null ? "ok" : "redirected",
      http_code: outcome.httpCode,
      final_url: outcome.finalUrl,
      failures: 0,
      last_error: null,
      next_check_at: new Date(now.getTime() + config.okIntervalMs),
    };
  }
  const failures = before.failures + 1;
  const wait = Math.min(config.retryMs * 2 ** (failures - 1), config.okIntervalMs);
  const reported = failures >= failuresToReport(config) || REPORTED.has(before.status);
  return {
    status: reported
      ? outcome.httpCode === null && !isAnswerError(outcome.error)
        ? "unreachable"
        : "broken"
      : before.status,
    http_code: outcome.httpCode,
    final_url: reported ? null : before.final_url,
    failures,
    last_error: outcome.error.slice(0, 500),
    next_check_at: new Date(now.getTime() + wait),
  };
}

/** Errors of a server that answered, though without a status to report (its redirects go round or on forever). */
const isAnswerError = (error: string): boolean => error.startsWith("redirect loop") || error.startsWith("more than");

/**
 * Whether a round's outcomes say that this machine is offline rather than the sites down: two or more checks, and
 * not one server answered (no HTTP status, no redirect). Pure.
 */
export function looksOffline(outcomes: readonly LinkOutcome[]): boolean {
  return (
    outcomes.length >= 2 && outcomes.every((o) => o.kind === "failed" && o.httpCode === null && !isAnswerError(o.error))
  );
}

/** One request without following redirects; the body is not read. */
async function request(url: string, method: "HEAD" | "GET", timeoutMs: number): Promise<Response> {
  const response = await fetch(url, {
    method,
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
    headers: { "user-agent": "clearinghouse-link-checker/1 (+https://github.com/)", accept: "*/*" },
  });
  await response.body?.cancel().catch(() => undefined);
  return response;
}

/** Follows the redirects of `url` by hand with one method; the last response and where it was. */
async function follow(
  url: string,
  method: "HEAD" | "GET",
  config: LinkCheckConfig,
): Promise<{ response: Response; at: string } | { error: string }> {
  let at = url;
  const seen = new Set<string>();
  for (let hop = 0; hop <= config.maxRedirects; hop++) {
    seen.add(at);
    const response = await request(at, method, config.timeoutMs);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null) return { response, at };
    const next = new URL(location, at).toString();
    if (seen.has(next)) return { error: `redirect loop at ${next}` };
    at = next;
  }
  return { error: `more than ${config.maxRedirects} redirects` };
}

const errorText = (error: unknown): string => {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
};

/** Checks one URL: HEAD, and GET when HEAD fails in any way. */
export async function checkLink(url: string, config: LinkCheckConfig): Promise<LinkOutcome> {
  let failure: LinkOutcome = { kind: "failed", httpCode: null, error: "not checked" };
  for (const method of ["HEAD", "GET"] as const) {
    try {
      const result = await follow(url, method, config);
      if ("error" in result) {
        failure = { kind: "failed", httpCode: null, error: result.error };
        continue;
      }
      const { response, at } = result;
      if (response.ok) return { kind: "ok", httpCode: response.status, finalUrl: at === url ? null : at };
      failure = { kind: "failed", httpCode: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      failure = { kind: "failed", httpCode: null, error: errorText(error) };
    }
  }
  return failure;
}

/** Takes up to `batch` due rows for this checker until the lease runs out; rows another checker holds are skipped. */
export async function leaseDueLinks(
  db: Kysely<Database>,
  worker: string,
  now: Date,
  config: LinkCheckConfig,
): Promise<({ url: string } & LinkBefore)[]> {
  const until = new Date(now.getTime() + config.leaseMs);
  const { rows } = await sql<{ url: string } & LinkBefore>`
    update link_check set locked_until = ${until}, locked_by = ${worker}
    where url in (
      select url from link_check
      where next_check_at <= ${now} and (locked_until is null or locked_until <= ${now})
      order by next_check_at
      limit ${config.batch}
      for update skip locked)
    returning url, failures, status, final_url`.execute(db);
  return rows;
}

/** Runs `task` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export interface LinkCheckerOptions {
  readonly config?: Partial<LinkCheckConfig>;
  readonly now?: () => Date;
  /** Name of this checker in the leases (default: random). */
  readonly worker?: string;
  readonly check?: (url: string, config: LinkCheckConfig) => Promise<LinkOutcome>;
}

/**
 * One round: lease the due links, check them, store the outcomes (only while this checker holds the lease). When the
 * round looks offline (`looksOffline`), nothing is counted: the links are due again after the first retry time.
 */
export async function checkDueLinks(db: Kysely<Database>, options: LinkCheckerOptions = {}): Promise<number> {
  const config = { ...LINK_CHECK_DEFAULTS, ...options.config };
  const now = options.now ?? (() => new Date());
  const worker = options.worker ?? randomUUID();
  const check = options.check ?? checkLink;
  const due = await leaseDueLinks(db, worker, now(), config);
  const outcomes = new Map<string, LinkOutcome>();
  await eachLimited(due, config.concurrency, async ({ url }) => {
    outcomes.set(url, await check(url, config));
  });
  const at = now();
  const offline = looksOffline([...outcomes.values()]);
  for (const before of due) {
    const outcome = outcomes.get(before.url) as LinkOutcome;
    const state = offline
      ? { next_check_at: new Date(at.getTime() + config.retryMs) }
      : { ...nextLinkState(before, outcome, at, config), checked_at: at };
    await db
      .updateTable("link_check")
      .set({ ...state, locked_until: null, locked_by: null })
      .where("url", "=", before.url)
      .where("locked_by", "=", worker)
      .execute();
  }
  return due.length;
}

export interface RunningChecker {
  stop(): Promise<void>;
}

/**
 * Checks due links every `everyMs` (±20% jitter, so processes started together drift apart) until stopped; a
 * failing round is logged and the next one tried.
 */
export function startLinkChecker(
  db: Kysely<Database>,
  options: LinkCheckerOptions & { readonly everyMs?: number; readonly log?: (error: unknown) => void } = {},
): RunningChecker {
  const every = options.everyMs ?? 60_000;
  const worker = options.worker ?? randomUUID();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = checkDueLinks(db, { ...options, worker })
          .catch((error) => options.log?.(error))
          .finally(schedule);
      },
      every * (0.8 + Math.random() * 0.4),
    );
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export interface LinkReportRow {
  readonly url: string;
  readonly status: LinkStatus;
  readonly httpCode: number | null;
  readonly finalUrl: string | null;
  readonly checkedAt: Date | null;
  readonly nextCheckAt: Date;
  readonly failures: number;
  readonly lastError: string | null;
  readonly institutions: { id: string; name_en: string | null; name_ru: string | null }[];
}

/** The links in a state, with the entries that have them, most failing first. */
export async function linksInState(
  db: Kysely<Database>,
  status: LinkStatus,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: LinkReportRow[] }> {
  const { total } = await db
    .selectFrom("link_check")
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  const links = await db
    .selectFrom("link_check")
    .selectAll()
    .where("status", "=", status)
    .orderBy("failures", "desc")
    .orderBy("url")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const owners =
    links.length === 0
      ? []
      : await db
          .selectFrom("institution")
          .select(["id", "name_en", "name_ru", "website"])
          .where(
            "website",
            "in",
            links.map((l) => l.url),
          )
          .execute();
  return {
    total: Number(total),
    rows: links.map((l) => ({
      url: l.url,
      status: l.status,
      httpCode: l.http_code,
      finalUrl: l.final_url,
      checkedAt: l.checked_at,
      nextCheckAt: l.next_check_at,
      failures: l.failures,
      lastError: l.last_error,
      institutions: owners.filter((o) => o.website === l.url).map(({ website: _w, ...o }) => o),
    })),
  };
}
