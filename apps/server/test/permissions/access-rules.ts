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

import type { InjectOptions } from "fastify";

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
}

export type Request = Pick<InjectOptions, "method" | "url" | "payload" | "headers">;

export interface AccessRule {
  /** Who gets through; everyone else is refused. */
  readonly allow: readonly Principal[];
  /** The request (default: the route's URL as it is, the method of the rule's key, no body). */
  readonly request?: (fixtures: Fixtures, principal: Principal) => Promise<Request> | Request;
  /**
   * Without its CSRF token a signed-in principal's write is refused (403) and changes nothing; false for writes
   * that need none: open to the public or reading only (a PxWeb query POSTed), and sign-in.
   */
  readonly csrf?: boolean;
  /** The call ends or replaces the caller's session (sign-out, sign-in): it is made with a new session of the principal. */
  readonly ownSession?: boolean;
  /** Why, where it is not obvious. */
  readonly note?: string;
}

export const ANYONE: readonly Principal[] = PRINCIPALS;
export const ACCOUNTS: readonly Principal[] = PRINCIPALS.filter((p) => p !== "public");
export const EDITORS: readonly Principal[] = ["editor", "administrator"];
export const ADMINISTRATORS: readonly Principal[] = ["administrator"];

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
  "GET /api/tables/:id/versions": { allow: ANYONE, request: get((f) => `/api/tables/${f.table}/versions`) },
  "GET /api/tables/:id/versions/:version": {
    allow: ANYONE,
    request: get((f) => `/api/tables/${f.table}/versions/1?format=csv`),
  },
  "GET /api/glossary": { allow: ANYONE },
  "GET /api/glossary/:id": { allow: ANYONE, request: get(() => "/api/glossary/immigrant") },
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
      payload: { reason: "a test" },
    }),
  },
  "PATCH /api/inventory/institutions/:id": {
    allow: EDITORS,
    request: async (f) => ({
      method: "PATCH",
      url: `/api/inventory/institutions/${await f.institution()}`,
      payload: { city: "Astana" },
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
  "GET /api/auth/users": { allow: ADMINISTRATORS },
  "POST /api/auth/users": {
    allow: ADMINISTRATORS,
    request: () => ({
      method: "POST",
      url: "/api/auth/users",
      payload: {
        email: `new-${Math.random().toString(36).slice(2)}@example.org`,
        name: "New",
        role: "editor",
        password: "a long enough new password",
      },
    }),
  },
  "PATCH /api/auth/users/:id": {
    allow: ADMINISTRATORS,
    request: async (f) => ({
      method: "PATCH",
      url: `/api/auth/users/${await f.account()}`,
      payload: { name: "Renamed" },
    }),
  },

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
};
