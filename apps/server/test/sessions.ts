/**
 * Real accounts and sessions for HTTP tests: a user in the database (a cheap password hash, so signing in is fast),
 * signed in through POST /api/auth/login, with the cookie and the CSRF token the server gave.
 */

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import { hashPassword } from "../src/auth/password.ts";
import type { Role } from "../src/auth/roles.ts";
import { createUser } from "../src/auth/store.ts";
import type { Database } from "../src/storage/schema.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

export interface Session {
  readonly userId: number;
  readonly email: string;
  readonly cookie: string;
  readonly csrf: string;
  /** The request with the session's cookie and, unless `csrf: false`, its CSRF header. */
  inject(app: FastifyInstance, options: InjectOptions & { readonly csrf?: boolean }): Promise<LightMyRequestResponse>;
}

/** Creates an account of `role` (a focal point with its `countries`) and signs it in. */
export async function signedIn(
  app: FastifyInstance,
  db: Kysely<Database>,
  role: Role,
  options: { readonly countries?: readonly string[]; readonly email?: string } = {},
): Promise<Session> {
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 10)}@example.org`;
  const password = `the password of ${email}`;
  const user = await createUser(
    db,
    { email, name: email, role, passwordHash: await hashPassword(password, CHEAP), countries: options.countries ?? [] },
    new Date(),
  );
  if (!user) throw new Error(`${email} exists`);
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email}: ${res.statusCode} ${res.body}`);
  const header = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("ch_session="));
  const cookie = (header ?? "").split(";")[0] as string;
  const csrf = res.json().csrfToken as string;
  return {
    userId: user.id,
    email,
    cookie,
    csrf,
    inject: (app, { csrf: withCsrf = true, ...options }) =>
      app.inject({
        ...options,
        headers: { ...options.headers, cookie, ...(withCsrf ? { "x-csrf-token": csrf } : {}) },
      }),
  };
}
