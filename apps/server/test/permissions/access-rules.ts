/**
 * Who may call each route of the server: one rule per route the app registers (`METHOD /url` as Fastify has it).
 * permission-matrix.test.ts collects the route table of the built app and fails, naming the route, when a route has
 * no rule here (or a rule names no route): a new route cannot be missed. It then calls every route as each
 * principal, with real sessions and CSRF tokens, and checks that the allowed get through and the others are
 * refused (401 for the public, 403 for an account) without any change to the database.
 *
 * A rule whose `country` is set is about one country's record (a submission of KAZ): the focal point of KAZ acts
 * for its own country, the focal point of KGZ for another one.
 */

import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { SubmissionState } from "../../src/submissions/schema.ts";

export const PRINCIPALS = ["public", "focal point of KAZ", "focal point of KGZ", "editor", "administrator"] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** The records a request may need, made afresh per call when the call would use them up. */
export interface Fixtures {
  /** A published table (id of data_table) and its PxWeb v1 path below the language. */
  readonly table: string;
  readonly tablePath: string;
  /** A saved query of the PxWeb API 2.0. */
  readonly savedQuery: string;
  /** A new institution of the inventory; its id. */
  institution(): Promise<string>;
  /** A new suggestion for the inventory; its id. */
  suggestion(): Promise<number>;
  /** A new editor's account; its id. */
  account(): Promise<number>;
  /** Sign-in credentials of a new account. */
  credentials(): Promise<{ email: string; password: string }>;
  /** A new pending invitation (an administrator invites a focal point of KAZ): its id and its link's token. */
  invitation(): Promise<{ readonly id: number; readonly token: string }>;
  /** A new submission of KAZ in `state` (default draft), submitted and decided by someone else than the callers. */
  submission(state?: SubmissionState): Promise<number>;
}

export type Request = Pick<InjectOptions, "method" | "url" | "payload" | "headers">;

/** The signed-in caller of a request (none for the public). */
export interface Caller {
  readonly email: string;
  readonly password: string;
}

export interface AccessRule {
  /** Who gets through; everyone else is refused. */
  readonly allow: readonly Principal[];
  /** The request (default: the route's URL as it is, the method of the rule's key, no body). */
  readonly request?: (fixtures: Fixtures, principal: Principal, caller?: Caller) => Promise<Request> | Request;
  /**
   * Without its CSRF token a signed-in principal's write is refused (403) and changes nothing; false for writes
   * that need none: open to the public or reading only (a PxWeb query POSTed), and sign-in.
   */
  readonly csrf?: boolean;
  /** The call ends or replaces the caller's session (sign-out, sign-in): it is made with a new session of the principal. */
  readonly ownSession?: boolean;
  /** Further checks of an allowed call's answer (a list that must hold only the principal's countries). */
  readonly check?: (res: LightMyRequestResponse, principal: Principal) => void;
  /** Why, where it is not obvious. */
  readonly note?: string;
}

export const ANYONE: readonly Principal[] = PRINCIPALS;
export const ACCOUNTS: readonly Principal[] = PRINCIPALS.filter((p) => p !== "public");
export const EDITORS: readonly Principal[] = ["editor", "administrator"];
export const ADMINISTRATORS: readonly Principal[] = ["administrator"];
/** `submissions:edit` on a record of KAZ: its focal point, editors and administrators; not KGZ's focal point. */
export const KAZ_EDITORS: readonly Principal[] = ["focal point of KAZ", "editor", "administrator"];

const get = (url: (f: Fixtures) => string) => (f: Fixtures) => ({ method: "GET" as const, url: url(f) });

export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  // The web interface and the documentation.
  "GET /": { allow: ANYONE },
  "GET /en": { allow: ANYONE },
  "GET /en/*": { allow: ANYONE, request: get((f) => `/en/tables/${f.table}`) },
  "GET /ru": { allow: ANYONE },
  "GET /ru/*": { allow: ANYONE, request: get(() => "/ru/notifications") },
  "GET /assets/*": { allow: ANYONE, request: get(() => "/assets/app.js") },
  "GET /api/docs": { allow: ANYONE },
  "GET /api/docs/static/index.html": { allow: ANYONE },
  "GET /api/docs/static/swagger-initializer.js": { allow: ANYONE },
  "GET /api/docs/static/*": { allow: ANYONE, request: get(() => "/api/docs/static/swagger-ui.css") },
  "GET /api/docs/json": { allow: ANYONE },
  "GET /api/docs/yaml": { allow: ANYONE },
  "GET /api/openapi.json": { allow: ANYONE },
  "GET /healthz": { allow: ANYONE },
  "GET /readyz": { allow: ANYONE },
  "GET /metrics": { allow: ANYONE, note: "counts only, as load balancers and Prometheus read them" },
  "OPTIONS *": {
    allow: ANYONE,
    request: () => ({
      method: "OPTIONS",
      url: "/api/v2/tables",
      headers: { origin: "https://example.org", "access-control-request-method": "GET" },
    }),
    note: "CORS preflight of the public APIs",
  },

  // The public APIs: PxWeb v1 and 2.0, our tables, glossary, search, metadata, PX validation.
  "GET /api/v1/:lang": { allow: ANYONE, request: get(() => "/api/v1/en") },
  "GET /api/v1/:lang/": { allow: ANYONE, request: get(() => "/api/v1/en/") },
  "GET /api/v1/:lang/*": { allow: ANYONE, request: get((f) => `/api/v1/en/${f.tablePath}`) },
  "POST /api/v1/:lang/*": {
    allow: ANYONE,
    csrf: false,
    request: (f) => ({
      method: "POST",
      url: `/api/v1/en/${f.tablePath}`,
      payload: { query: [], response: { format: "json-stat2" } },
    }),
  },
  "GET /api/v2": { allow: ANYONE },
  "POST /api/v2": { allow: ANYONE, csrf: false, note: "the API's catch-all: 404 or 405 problems" },
  "PUT /api/v2": { allow: ANYONE, csrf: false },
  "PATCH /api/v2": { allow: ANYONE, csrf: false },
  "DELETE /api/v2": { allow: ANYONE, csrf: false },
  "GET /api/v2/*": { allow: ANYONE, request: get(() => "/api/v2/nothing") },
  "POST /api/v2/*": { allow: ANYONE, csrf: false, request: () => ({ method: "POST", url: "/api/v2/nothing" }) },
  "PUT /api/v2/*": { allow: ANYONE, csrf: false, request: () => ({ method: "PUT", url: "/api/v2/nothing" }) },
  "PATCH /api/v2/*": { allow: ANYONE, csrf: false, request: () => ({ method: "PATCH", url: "/api/v2/nothing" }) },
  "DELETE /api/v2/*": { allow: ANYONE, csrf: false, request: () => ({ method: "DELETE", url: "/api/v2/nothing" }) },
  "GET /api/v2/tables": { allow: ANYONE },
  "GET /api/v2/tables/:id": { allow: ANYONE, request: get((f) => `/api/v2/tables/${f.table}`) },
  "GET /api/v2/tables/:id/metadata": { allow: ANYONE, request: get((f) => `/api/v2/tables/${f.table}/metadata`) },
  "GET /api/v2/tables/:id/defaultselection": {
    allow: ANYONE,
    request: get((f) => `/api/v2/tables/${f.table}/defaultselection`),
  },
  "GET /api/v2/tables/:id/data": { allow: ANYONE, request: get((f) => `/api/v2/tables/${f.table}/data`) },
  "POST /api/v2/tables/:id/data": {
    allow: ANYONE,
    csrf: false,
    request: (f) => ({ method: "POST", url: `/api/v2/tables/${f.table}/data`, payload: { selection: [] } }),
  },
  "GET /api/v2/codelists/:id": { allow: ANYONE, request: get(() => "/api/v2/codelists/vs_none") },
  "GET /api/v2/config": { allow: ANYONE },
  "POST /api/v2/savedqueries": {
    allow: ANYONE,
    csrf: false,
    request: (f) => ({
      method: "POST",
      url: "/api/v2/savedqueries",
      payload: { tableId: f.table, language: "en", selection: { selection: [] } },
    }),
    note: "saved without an account, bounded by its own limits",
  },
  "GET /api/v2/savedqueries/:id": { allow: ANYONE, request: get((f) => `/api/v2/savedqueries/${f.savedQuery}`) },
  "GET /api/v2/savedqueries/:id/data": {
    allow: ANYONE,
    request: get((f) => `/api/v2/savedqueries/${f.savedQuery}/data`),
  },
  "GET /api/v2/savedqueries/:id/selection": {
    allow: ANYONE,
    request: get((f) => `/api/v2/savedqueries/${f.savedQuery}/selection`),
  },
  "GET /api/tables/:id": { allow: ANYONE, request: get((f) => `/api/tables/${f.table}`) },
  "GET /api/tables/:id/compare": { allow: ANYONE, request: get((f) => `/api/tables/${f.table}/compare?from=1&to=1`) },
  "GET /api/tables/:id/feed.atom": { allow: ANYONE, request: get((f) => `/api/tables/${f.table}/feed.atom`) },
  "GET /api/feed.atom": { allow: ANYONE },
  "GET /api/tables/:id/versions": { allow: ANYONE, request: get((f) => `/api/tables/${f.table}/versions`) },
  "GET /api/tables/:id/versions/:version": {
    allow: ANYONE,
    request: get((f) => `/api/tables/${f.table}/versions/1?format=csv`),
  },
  "GET /api/glossary": { allow: ANYONE },
  "GET /api/glossary/:id": { allow: ANYONE, request: get(() => "/api/glossary/international-migrant") },
  "GET /api/search": { allow: ANYONE, request: get(() => "/api/search?q=population") },
  "GET /api/metadata/countries": { allow: ANYONE },
  "POST /api/px/validate": {
    allow: ANYONE,
    csrf: false,
    request: () => ({
      method: "POST",
      url: "/api/px/validate",
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from('CHARSET="ANSI";\nMATRIX="X";\n'),
    }),
    note: "reads a file and answers its problems; stores nothing",
  },

  // The inventory of institutions: reads are public, a suggestion is open to anyone, the rest is the editors'.
  "GET /api/inventory/institutions": { allow: ANYONE },
  "GET /api/inventory/institutions.geojson": { allow: ANYONE },
  "GET /api/inventory/institutions/export.csv": { allow: ANYONE },
  "GET /api/inventory/institutions/export.xlsx": { allow: ANYONE },
  "GET /api/inventory/institutions/export.json": { allow: ANYONE },
  "GET /api/inventory/institutions/:id": {
    allow: ANYONE,
    request: async (f) => ({ method: "GET", url: `/api/inventory/institutions/${await f.institution()}` }),
  },
  "GET /api/inventory/institutions/:id/history": {
    allow: ANYONE,
    request: async (f) => ({ method: "GET", url: `/api/inventory/institutions/${await f.institution()}/history` }),
  },
  "GET /api/inventory/topics": { allow: ANYONE },
  "POST /api/inventory/suggestions": {
    allow: ANYONE,
    request: () => ({
      method: "POST",
      url: "/api/inventory/suggestions",
      payload: { kind: "new", fields: { name_en: "Bureau of Tests", category: "other" } },
    }),
    note: "open to the public; with a session the CSRF token is required",
  },
  "GET /api/inventory/suggestions": { allow: EDITORS },
  "GET /api/inventory/suggestions/:id": {
    allow: EDITORS,
    request: async (f) => ({ method: "GET", url: `/api/inventory/suggestions/${await f.suggestion()}` }),
  },
  "POST /api/inventory/suggestions/:id/accept": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/inventory/suggestions/${await f.suggestion()}/accept`,
      payload: {},
    }),
  },
  "POST /api/inventory/suggestions/:id/reject": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/inventory/suggestions/${await f.suggestion()}/reject`,
      payload: { note: "not an institution of migration statistics" },
    }),
  },
  "PATCH /api/inventory/institutions/:id": {
    allow: EDITORS,
    request: async (f) => ({
      method: "PATCH",
      url: `/api/inventory/institutions/${await f.institution()}`,
      payload: { fields: { city: "Astana" } },
    }),
  },
  "DELETE /api/inventory/institutions/:id": {
    allow: EDITORS,
    request: async (f) => ({ method: "DELETE", url: `/api/inventory/institutions/${await f.institution()}` }),
  },
  "POST /api/inventory/institutions/:id/merge": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/inventory/institutions/${await f.institution()}/merge`,
      payload: { into: await f.institution() },
    }),
  },
  "GET /api/inventory/duplicates": { allow: EDITORS },
  "GET /api/inventory/link-checks": { allow: EDITORS },
  // The inventory's network and releases: reads public, changes the editors'.
  "GET /api/inventory/network": { allow: ANYONE },
  "POST /api/inventory/institutions/:id/relationships": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/inventory/institutions/${await f.institution()}/relationships`,
      payload: { type: "parent", id: await f.institution() },
    }),
  },
  "DELETE /api/inventory/institutions/:id/relationships/:other": {
    allow: EDITORS,
    request: async (f) => ({
      method: "DELETE",
      url: `/api/inventory/institutions/${await f.institution()}/relationships/${await f.institution()}`,
    }),
  },
  "PUT /api/inventory/institutions/:id/identifiers": {
    allow: EDITORS,
    request: async (f) => ({
      method: "PUT",
      url: `/api/inventory/institutions/${await f.institution()}/identifiers`,
      payload: { identifiers: { wikidata: "Q1065" } },
    }),
  },
  "PUT /api/inventory/institutions/:id/names": {
    allow: EDITORS,
    request: async (f) => ({
      method: "PUT",
      url: `/api/inventory/institutions/${await f.institution()}/names`,
      payload: { names: [{ type: "short", lang: "en", name: "Bureau" }] },
    }),
  },
  "POST /api/inventory/institutions/:id/verify": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/inventory/institutions/${await f.institution()}/verify`,
      payload: {},
    }),
  },
  "GET /api/inventory/verification": { allow: EDITORS },
  "POST /api/inventory/duplicates/dismiss": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: "/api/inventory/duplicates/dismiss",
      payload: { a: await f.institution(), b: await f.institution() },
    }),
  },
  "GET /api/inventory/releases": { allow: ANYONE },
  "POST /api/inventory/releases": {
    allow: EDITORS,
    request: async (f) => {
      // Something new since the last release, so that each allowed call publishes one.
      await f.institution();
      return { method: "POST", url: "/api/inventory/releases", payload: {} };
    },
  },
  "GET /api/inventory/releases/schema.json": { allow: ANYONE },
  "GET /api/inventory/releases/:version": {
    allow: ANYONE,
    request: () => ({ method: "GET", url: "/api/inventory/releases/1" }),
  },
  "GET /api/inventory/releases/:version/inventory.json": {
    allow: ANYONE,
    request: () => ({ method: "GET", url: "/api/inventory/releases/1/inventory.json" }),
  },
  "GET /api/inventory/releases/:version/:file": {
    allow: ANYONE,
    request: () => ({ method: "GET", url: "/api/inventory/releases/1/institutions.csv" }),
  },

  // Accounts.
  "POST /api/auth/login": {
    allow: ANYONE,
    csrf: false,
    ownSession: true,
    request: async (f) => ({ method: "POST", url: "/api/auth/login", payload: await f.credentials() }),
    note: "signing in needs no session; a JSON body only, which another site cannot send without CORS",
  },
  "POST /api/auth/logout": { allow: ANYONE, ownSession: true },
  "GET /api/auth/me": { allow: ANYONE },
  "GET /api/users": { allow: ADMINISTRATORS },
  "POST /api/users": {
    allow: ADMINISTRATORS,
    request: () => ({
      method: "POST",
      url: "/api/users",
      payload: {
        email: `new-${Math.random().toString(36).slice(2)}@example.org`,
        name: "New",
        role: "focal-point",
        countries: ["KAZ"],
        password: "a long enough new password",
      },
    }),
  },
  "PATCH /api/users/:id": {
    allow: ADMINISTRATORS,
    request: async (f) => ({ method: "PATCH", url: `/api/users/${await f.account()}`, payload: { name: "Renamed" } }),
  },
  "DELETE /api/users/:id/sessions": {
    allow: ADMINISTRATORS,
    request: async (f) => ({ method: "DELETE", url: `/api/users/${await f.account()}/sessions` }),
  },
  "POST /api/users/me/password": {
    allow: ACCOUNTS,
    ownSession: true,
    request: (_f, _principal, caller) => ({
      method: "POST",
      url: "/api/users/me/password",
      payload: { currentPassword: caller?.password ?? "no password", newPassword: "another long new password" },
    }),
    note: "one's own password; it ends the account's other sessions",
  },
  "GET /api/users/invitations": { allow: ADMINISTRATORS },
  "POST /api/users/invitations": {
    allow: ADMINISTRATORS,
    request: () => ({
      method: "POST",
      url: "/api/users/invitations",
      payload: {
        email: `invited-${Math.random().toString(36).slice(2)}@example.org`,
        role: "focal-point",
        countries: ["KAZ"],
      },
    }),
  },
  "DELETE /api/users/invitations/:id": {
    allow: ADMINISTRATORS,
    request: async (f) => ({ method: "DELETE", url: `/api/users/invitations/${(await f.invitation()).id}` }),
  },
  "POST /api/users/invitations/preview": {
    allow: ANYONE,
    request: async (f) => ({
      method: "POST",
      url: "/api/users/invitations/preview",
      payload: { token: (await f.invitation()).token },
    }),
    note: "the link's holder, who has no account yet",
  },
  "POST /api/users/invitations/accept": {
    allow: ANYONE,
    ownSession: true,
    request: async (f) => ({
      method: "POST",
      url: "/api/users/invitations/accept",
      payload: { token: (await f.invitation()).token, name: "Invited", password: "an invited person's password" },
    }),
    note: "the link's holder makes the account and is signed in",
  },
  "GET /api/audit": { allow: ADMINISTRATORS, request: get(() => "/api/audit?format=csv") },

  // Notifications: each account its own.
  "GET /api/notifications": { allow: ACCOUNTS },
  "POST /api/notifications/read": {
    allow: ACCOUNTS,
    request: () => ({ method: "POST", url: "/api/notifications/read", payload: { all: true } }),
  },
  "GET /api/tables/:id/subscription": { allow: ACCOUNTS, request: get((f) => `/api/tables/${f.table}/subscription`) },
  "PUT /api/tables/:id/subscription": {
    allow: ACCOUNTS,
    request: (f) => ({ method: "PUT", url: `/api/tables/${f.table}/subscription` }),
  },
  "DELETE /api/tables/:id/subscription": {
    allow: ACCOUNTS,
    request: (f) => ({ method: "DELETE", url: `/api/tables/${f.table}/subscription` }),
  },

  // Comparability (issue 12): read from the published tables only, open to anyone.
  "GET /api/comparability/availability": { allow: ANYONE },
  "GET /api/comparability/consistency/:country": {
    allow: ANYONE,
    request: get(() => "/api/comparability/consistency/KAZ"),
  },
  "GET /api/comparability/consistency/:country/:year": {
    allow: ANYONE,
    request: get(() => "/api/comparability/consistency/KAZ/2020"),
  },
  "GET /api/comparability/countries/:country": {
    allow: ANYONE,
    request: get(() => "/api/comparability/countries/KAZ"),
  },
  "GET /api/comparability/indicators": { allow: ANYONE },
  "GET /api/comparability/indicators/:reporter": {
    allow: ANYONE,
    request: get(() => "/api/comparability/indicators/KAZ"),
  },
  "GET /api/comparability/indicators/:reporter/:year": {
    allow: ANYONE,
    request: get(() => "/api/comparability/indicators/KAZ/2020"),
  },
  "GET /api/comparability/indicators/:reporter/:year/:indicator": {
    allow: ANYONE,
    request: get(() => "/api/comparability/indicators/KAZ/2020/net-migration"),
  },
  "GET /api/comparability/mirror": { allow: ANYONE },
  "GET /api/comparability/mirror/:receiver/:sender": {
    allow: ANYONE,
    request: get(() => "/api/comparability/mirror/KAZ/KGZ"),
  },

  // Submissions (docs/decisions/0008-submissions.md): a focal point edits its own country's, editors review.
  "GET /api/submissions": {
    allow: ACCOUNTS,
    check: (res, principal) => {
      const reporters = (res.json().submissions as { reporter: string }[]).map((s) => s.reporter);
      if (principal === "focal point of KGZ" && reporters.some((r) => r !== "KGZ"))
        throw new Error(`the focal point of KGZ listed submissions of ${reporters.join(", ")}`);
      if (principal !== "focal point of KGZ" && !reporters.includes("KAZ"))
        throw new Error(`${principal} did not see KAZ's submissions`);
    },
    note: "every account; a focal point sees its countries' only",
  },
  "POST /api/submissions": {
    allow: KAZ_EDITORS,
    request: () => ({ method: "POST", url: "/api/submissions", payload: { reporter: "KAZ" } }),
  },
  "GET /api/submissions/:id": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "GET", url: `/api/submissions/${await f.submission()}` }),
  },
  "DELETE /api/submissions/:id": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "DELETE", url: `/api/submissions/${await f.submission()}` }),
  },
  "POST /api/submissions/:id/files": {
    allow: KAZ_EDITORS,
    request: async (f) => {
      const boundary = "matrix-boundary";
      return {
        method: "POST",
        url: `/api/submissions/${await f.submission()}/files`,
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\ntable,value\r\n--${boundary}--\r\n`,
      };
    },
  },
  "DELETE /api/submissions/:id/tables/:table": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "DELETE", url: `/api/submissions/${await f.submission()}/tables/T1_1` }),
  },
  "GET /api/submissions/:id/tables/:table/data": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "GET", url: `/api/submissions/${await f.submission()}/tables/T1_1/data` }),
  },
  "GET /api/submissions/:id/findings": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "GET", url: `/api/submissions/${await f.submission()}/findings?format=csv` }),
  },
  "PUT /api/submissions/:id/findings/:key/comment": {
    allow: KAZ_EDITORS,
    request: async (f) => ({
      method: "PUT",
      url: `/api/submissions/${await f.submission()}/findings/total.sex%3AT1_1/comment`,
      payload: { comment: "explained" },
    }),
  },
  "POST /api/submissions/:id/comments": {
    allow: KAZ_EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/submissions/${await f.submission("submitted")}/comments`,
      payload: { body: "a question" },
    }),
  },
  "PUT /api/submissions/:id/metadata": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "PUT", url: `/api/submissions/${await f.submission()}/metadata`, payload: [] }),
  },
  "POST /api/submissions/:id/submit": {
    allow: KAZ_EDITORS,
    request: async (f) => ({ method: "POST", url: `/api/submissions/${await f.submission()}/submit`, payload: {} }),
  },
  "POST /api/submissions/:id/return": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/submissions/${await f.submission("submitted")}/return`,
      payload: { comment: "please check the totals" },
    }),
  },
  "POST /api/submissions/:id/approve": {
    allow: EDITORS,
    request: async (f) => ({
      method: "POST",
      url: `/api/submissions/${await f.submission("submitted")}/approve`,
      payload: { releaseAt: "2099-01-01T00:00:00Z" },
    }),
  },
  "POST /api/submissions/:id/release": {
    allow: EDITORS,
    request: async (f) => ({ method: "POST", url: `/api/submissions/${await f.submission("approved")}/release` }),
  },
  "GET /api/submissions/templates/:file": {
    allow: KAZ_EDITORS,
    request: () => ({ method: "GET", url: "/api/submissions/templates/T1_1.csv?reporter=KAZ&years=2020" }),
    note: "the template of KAZ's slice: for those who act for KAZ",
  },
};
