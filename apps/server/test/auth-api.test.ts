/**
 * The accounts over HTTP, on each database: sign-in, cookies, sessions, CSRF, roles and sign-in throttling (device
 * cookies, addresses, several processes), with a clock the tests move (nothing waits).
 */

import { createHash } from "node:crypto";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { type AccountsOptions, accounts, MAX_BODY_BYTES, requireCsrf, requireRole } from "../src/auth/index.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser } from "../src/auth/store.ts";
import { sendProblems } from "../src/http/problem.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
/** Starting the embedded database takes seconds, more on a busy machine. */
const OPEN_TIMEOUT = 60_000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ADMIN = { email: "Admin@Example.org", password: "admin password one" };
const EDITOR = { email: "editor@example.org", password: "editor password one" };

/** The app with the accounts and a route another plugin would protect, as the inventory will. */
async function appWith(t: TestStorage, options: Partial<AccountsOptions>): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(accounts, { db: t.storage.db, scrypt: { N: 2 ** 11, r: 8, p: 1 }, ...options });
  await app.register(async (other) => {
    sendProblems(other);
    other.get("/api/test/drafts", { preHandler: requireRole("editor") }, async (request) => ({
      for: request.user?.email,
    }));
    other.post("/api/test/drafts", { preHandler: requireRole("editor") }, async () => ({ saved: true }));
    other.post("/api/test/suggest", { preHandler: requireCsrf }, async () => ({ thanks: true }));
  });
  return app;
}

function cookieOf(res: LightMyRequestResponse): { value: string; attributes: string[] } | undefined {
  const header = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("ch_session="));
  if (!header) return undefined;
  const [pair = "", ...attributes] = header.split(/;\s*/);
  return { value: pair.slice("ch_session=".length), attributes };
}

describe.each(BACKENDS)("accounts over HTTP, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let clock = new Date("2030-03-01T10:00:00Z");
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeAll(async () => {
    t = await testStorage(backend);
    for (const [who, role] of [
      [ADMIN, "administrator"],
      [EDITOR, "editor"],
    ] as const) {
      const passwordHash = await hashPassword(who.password, CHEAP);
      await createUser(t.storage.db, { email: who.email, name: role, role, passwordHash }, clock);
    }
    app = await appWith(t, { now: () => clock });
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const login = (body: unknown, headers: Record<string, string> = {}, remoteAddress = "127.0.0.1") =>
    app.inject({ method: "POST", url: "/api/auth/login", payload: body as object, headers, remoteAddress });

  /** A new editor for one test, so that counts of other tests do not add up. */
  async function newAccount(email: string) {
    const who = { email, password: `the right password of ${email}` };
    const passwordHash = await hashPassword(who.password, CHEAP);
    await createUser(t.storage.db, { email, name: email, role: "editor", passwordHash }, clock);
    return who;
  }
  const wrongFor = (who: { email: string }) => ({ email: who.email, password: "a wrong guess" });
  const deviceOf = (res: LightMyRequestResponse) =>
    [res.headers["set-cookie"] ?? []]
      .flat()
      .find((c) => c.startsWith("ch_device="))
      ?.split(";")[0] as string;

  /** Signs in; the cookie and CSRF token to send back. */
  async function signIn(who: { email: string; password: string }) {
    const res = await login(who);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieOf(res)?.value as string;
    return { cookie, csrf: res.json().csrfToken as string, headers: { cookie: `ch_session=${cookie}` } };
  }

  const me = async (cookie: string) =>
    (await app.inject({ url: "/api/auth/me", headers: { cookie: `ch_session=${cookie}` } })).json();

  it("signs in with the email in any case, sets an HttpOnly, SameSite=Lax cookie and gives a CSRF token", async () => {
    const res = await login({ email: "admin@EXAMPLE.org", password: ADMIN.password });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: expect.any(Number),
      email: ADMIN.email,
      name: "administrator",
      role: "administrator",
      countries: [],
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const cookie = cookieOf(res);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toEqual(
      expect.arrayContaining([
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
        `Expires=${new Date(clock.getTime() + 7 * DAY).toUTCString()}`,
      ]),
    );
    expect(cookie?.attributes).not.toContain("Secure");
    expect(await me(cookie?.value as string)).toEqual({ user: body.user, csrfToken: body.csrfToken });
  });

  it("marks the cookie Secure when configured so", async () => {
    const secure = await appWith(t, { cookieSecure: true, now: () => clock });
    try {
      const res = await secure.inject({ method: "POST", url: "/api/auth/login", payload: EDITOR });
      expect(cookieOf(res)?.attributes).toContain("Secure");
    } finally {
      await secure.close();
    }
  });

  it("keeps only a hash of the session token in the database", async () => {
    const { cookie } = await signIn(EDITOR);
    const rows = await t.storage.db.selectFrom("user_session").selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(cookie);
    expect(rows.map((r) => r.id)).toContain(createHash("sha256").update(cookie).digest("hex"));
  });

  it("answers an unknown email and a wrong password alike", async () => {
    const unknown = await login({ email: "nobody@example.org", password: "whatever password" });
    const wrong = await login({ email: EDITOR.email, password: "not the password" });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(unknown.json().detail).toBe("wrong email or password");
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const ru = await login({ email: "nobody@example.org", password: "x" }, { "accept-language": "ru-RU,ru;q=0.9" });
    expect(ru.json().detail).toBe("неверный адрес электронной почты или пароль");
    // The failed attempt left no cookie.
    expect(cookieOf(wrong)).toBeUndefined();
  });

  it("slides the session's expiry with use, and ends it after a week unused", async () => {
    const { cookie } = await signIn(EDITOR);
    advance(6 * DAY);
    const used = await app.inject({ url: "/api/auth/me", headers: { cookie: `ch_session=${cookie}` } });
    expect(used.json().user?.email).toBe(EDITOR.email);
    // The cookie is sent again with the new expiry.
    expect(cookieOf(used)?.attributes).toContain(`Expires=${new Date(clock.getTime() + 7 * DAY).toUTCString()}`);
    advance(6 * DAY);
    expect((await me(cookie)).user?.email).toBe(EDITOR.email);
    advance(7 * DAY);
    const expired = await app.inject({ url: "/api/auth/me", headers: { cookie: `ch_session=${cookie}` } });
    expect(expired.json()).toEqual({ user: null, csrfToken: null });
    // The browser is told to drop the cookie, and the row is gone.
    expect(cookieOf(expired)?.value).toBe("");
    const id = createHash("sha256").update(cookie).digest("hex");
    expect(await t.storage.db.selectFrom("user_session").where("id", "=", id).selectAll().execute()).toEqual([]);
  });

  it("signs out only with the CSRF token, and the session is then over", async () => {
    const { cookie, csrf, headers } = await signIn(EDITOR);
    const logout = (extra: Record<string, string>) =>
      app.inject({ method: "POST", url: "/api/auth/logout", headers: { ...headers, ...extra } });
    const missing = await logout({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toContain("x-csrf-token");
    expect((await logout({ "x-csrf-token": `${csrf.slice(1)}A` })).statusCode).toBe(403);
    const other = await signIn(ADMIN);
    expect((await logout({ "x-csrf-token": other.csrf })).statusCode).toBe(403);
    expect((await me(cookie)).user?.email).toBe(EDITOR.email);
    const done = await logout({ "x-csrf-token": csrf });
    expect(done.statusCode).toBe(204);
    expect(cookieOf(done)?.value).toBe("");
    expect(await me(cookie)).toEqual({ user: null, csrfToken: null });
    // Without a session, signing out has nothing to forge and simply succeeds.
    expect((await app.inject({ method: "POST", url: "/api/auth/logout" })).statusCode).toBe(204);
  });

  it("lets other plugins require a role and CSRF on changes, server-side", async () => {
    const editor = await signIn(EDITOR);
    const anonymous = await app.inject({ url: "/api/test/drafts?lang=ru" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().detail).toBe("сначала войдите в систему");
    expect((await app.inject({ url: "/api/test/drafts", headers: editor.headers })).json()).toEqual({
      for: EDITOR.email,
    });
    const post = (headers: Record<string, string>) =>
      app.inject({ method: "POST", url: "/api/test/drafts", headers, payload: {} });
    expect((await post(editor.headers)).statusCode).toBe(403);
    expect((await post({ ...editor.headers, "x-csrf-token": editor.csrf })).json()).toEqual({ saved: true });
    // An open form: the public posts freely; a signed-in browser must prove the request is its own.
    const suggest = (headers: Record<string, string>) =>
      app.inject({ method: "POST", url: "/api/test/suggest", headers, payload: {} });
    expect((await suggest({})).statusCode).toBe(200);
    expect((await suggest(editor.headers)).statusCode).toBe(403);
    expect((await suggest({ ...editor.headers, "x-csrf-token": editor.csrf })).statusCode).toBe(200);
    // A forged or unknown cookie is the public.
    expect((await app.inject({ url: "/api/test/drafts", headers: { cookie: "ch_session=forged" } })).statusCode).toBe(
      401,
    );
  });

  it("keeps account management to administrators", async () => {
    const editor = await signIn(EDITOR);
    expect((await app.inject({ url: "/api/users" })).statusCode).toBe(401);
    const refused = await app.inject({ url: "/api/users", headers: editor.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe("this needs the administrator role");
    const create = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...editor.headers, "x-csrf-token": editor.csrf },
      payload: { email: "x@example.org", name: "X", role: "administrator", password: "a long password here" },
    });
    expect(create.statusCode).toBe(403);
    const admin = await signIn(ADMIN);
    const list = await app.inject({ url: "/api/users", headers: admin.headers });
    expect(list.json().users.map((u: { email: string }) => u.email)).toEqual([ADMIN.email, EDITOR.email]);
    expect(list.body).not.toContain("scrypt");
  });

  it("lets an administrator create, change and disable accounts; a disabled one is signed out", async () => {
    const admin = await signIn(ADMIN);
    const headers = { ...admin.headers, "x-csrf-token": admin.csrf };
    const name = "O'Brien'); drop table app_user; -- <script>";
    const created = await app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: { email: "new@example.org", name, role: "editor", password: "a long new password" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({
      email: "new@example.org",
      name,
      role: "editor",
      disabled: false,
      throttledUntil: null,
    });
    const again = await app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: { email: "NEW@example.org", name: "Twin", role: "editor", password: "another long password" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ field: "email", detail: "another account has this email" });

    const newcomer = await signIn({ email: "new@example.org", password: "a long new password" });
    const patch = (id: unknown, payload: object) =>
      app.inject({ method: "PATCH", url: `/api/users/${id}`, headers, payload });
    expect((await patch(user.id, { role: "administrator" })).json().user.role).toBe("administrator");
    expect((await patch(user.id, { disabled: true })).json().user.disabled).toBe(true);
    expect((await me(newcomer.cookie)).user).toBeNull();
    const disabled = await login({ email: "new@example.org", password: "a long new password" });
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().detail).toContain("disabled");
    expect((await patch(999999, { name: "Nobody" })).statusCode).toBe(404);
    expect((await patch("abc", { name: "Nobody" })).statusCode).toBe(404);
    expect((await patch(user.id, { email: EDITOR.email.toUpperCase() })).statusCode).toBe(409);
  });

  it("keeps one active administrator at least", async () => {
    const admin = await signIn(ADMIN);
    const { users } = (await app.inject({ url: "/api/users", headers: admin.headers })).json();
    const self = users.find((u: { email: string }) => u.email === ADMIN.email);
    const res = await app.inject({
      method: "PATCH",
      url: `/api/users/${self.id}?lang=ru`,
      headers: { ...admin.headers, "x-csrf-token": admin.csrf },
      payload: { role: "editor" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe("должен остаться хотя бы один действующий администратор");
  });

  it("makes failures from one place wait longer and longer, saying when, and then lets the right password in", async () => {
    const who = await newAccount("delayed@example.org");
    const from = "198.51.100.4";
    for (let k = 0; k < 4; k++) {
      const res = await login(wrongFor(who), {}, from);
      expect(res.statusCode).toBe(401);
      expect(res.headers["retry-after"]).toBeUndefined();
    }
    const delays: string[] = [];
    for (let k = 0; k < 4; k++) {
      const failed = await login(wrongFor(who), {}, from);
      expect(failed.statusCode).toBe(401);
      delays.push(failed.headers["retry-after"] as string);
      // Too early, even the right password: refused unchecked, saying when.
      const early = await login(who, { "accept-language": "ru" }, from);
      expect(early.statusCode).toBe(429);
      expect(early.headers["retry-after"]).toBe(failed.headers["retry-after"]);
      expect(early.headers["content-type"]).toContain("application/problem+json");
      expect(early.json().detail).toMatch(/^слишком много неудачных попыток входа: повторите через \d+ секунд/);
      advance(Number(failed.headers["retry-after"]) * 1000);
    }
    expect(delays).toEqual(["1", "2", "4", "8"]);
    expect((await login(wrongFor(who), {}, from)).json().detail).toBe(
      "wrong email or password: try again in 16 seconds",
    );
    advance(16_000);
    expect((await login(who, {}, from)).statusCode).toBe(200);
    // The success started the pair again: four failures are free once more.
    for (let k = 0; k < 4; k++) expect((await login(wrongFor(who), {}, from)).headers["retry-after"]).toBeUndefined();
  });

  it("lets the owner's browser in with its device cookie while an attacker hammers the account", async () => {
    const who = await newAccount("hammered@example.org");
    const office = "203.0.113.50";
    const device = deviceOf(await login(who, {}, office));
    expect(device).toMatch(/^ch_device=[A-Za-z0-9_-]{43}$/);
    // Guesses from many addresses (a botnet) and from the owner's own address, as fast as they are let through.
    for (let k = 0; k < 40; k++) {
      await login(wrongFor(who), {}, `192.0.2.${k}`);
      await login(wrongFor(who), {}, office);
    }
    // The account-wide delay now holds for a browser without the cookie, even with the right password.
    const stranger = await login(who, {}, "198.51.100.200");
    expect(stranger.statusCode).toBe(429);
    expect(Number(stranger.headers["retry-after"])).toBeGreaterThan(0);
    // The owner's browser is not slowed by other people's failures, even behind the same address.
    const owner = await login(who, { cookie: device }, office);
    expect(owner.statusCode, owner.body).toBe(200);
    // A device cookie of another account is no pass.
    const other = await newAccount("other-device@example.org");
    const otherDevice = deviceOf(await login(other, {}, "198.51.100.201"));
    expect((await login(who, { cookie: otherDevice }, "198.51.100.202")).statusCode).toBe(429);
    // The administrators' list says until when the account-wide delay runs.
    const admin = await signIn(ADMIN);
    const { users } = (await app.inject({ url: "/api/users", headers: admin.headers })).json();
    expect(users.find((u: { email: string }) => u.email === who.email).throttledUntil).not.toBeNull();
  });

  it("lets an address that signed in to the account before past the account-wide delay", async () => {
    const who = await newAccount("known-address@example.org");
    const home = "198.51.100.77";
    expect((await login(who, {}, home)).statusCode).toBe(200);
    for (let k = 0; k < 30; k++) await login(wrongFor(who), {}, `192.0.2.${100 + k}`);
    expect((await login(who, {}, "198.51.100.78")).statusCode).toBe(429);
    expect((await login(who, {}, home)).statusCode).toBe(200);
  });

  it("does not let an attacker behind the owner's address block another account's owner", async () => {
    const target = await newAccount("target@example.org");
    const colleague = await newAccount("colleague@example.org");
    const shared = "203.0.113.99";
    // As fast as the delays let them through: the pair's delay grows, the address counts one account.
    let wait = 0;
    for (let k = 0; k < 30; k++) {
      advance(wait);
      const res = await login(wrongFor(target), {}, shared);
      wait = Number(res.headers["retry-after"] ?? 0) * 1000;
    }
    expect((await login(target, {}, shared)).statusCode).toBe(429);
    // Never signed in before, no device cookie: the colleague at the same address still gets in at once.
    expect((await login(colleague, {}, shared)).statusCode).toBe(200);
  });

  it("slows one address trying many accounts, known or not", async () => {
    const sprayer = "203.0.113.150";
    const emails = Array.from({ length: 10 }, (_, k) => `nobody${k}@example.org`);
    for (const email of emails)
      expect((await login({ email, password: "Spring2030!" }, {}, sprayer)).statusCode).toBe(401);
    const eleventh = await login({ email: "nobody10@example.org", password: "Spring2030!" }, {}, sprayer);
    expect(eleventh.statusCode).toBe(401);
    expect(eleventh.headers["retry-after"]).toBe("2");
    const victim = await newAccount("sprayed@example.org");
    expect((await login(victim, {}, sprayer)).statusCode).toBe(429);
    expect((await login(victim, {}, "203.0.113.151")).statusCode).toBe(200);
  });

  it("lifts the delays with a new password set by an administrator", async () => {
    const who = await newAccount("reset@example.org");
    for (let k = 0; k < 30; k++) await login(wrongFor(who), {}, `192.0.2.${200 + (k % 50)}`);
    expect((await login(who, {}, "198.51.100.9")).statusCode).toBe(429);
    const admin = await signIn(ADMIN);
    const headers = { ...admin.headers, "x-csrf-token": admin.csrf };
    const { users } = (await app.inject({ url: "/api/users", headers })).json();
    const delayed = users.find((u: { email: string }) => u.email === who.email);
    const reset = await app.inject({
      method: "PATCH",
      url: `/api/users/${delayed.id}`,
      headers,
      payload: { password: "a brand new password" },
    });
    expect(reset.json().user.throttledUntil).toBeNull();
    expect((await login({ email: who.email, password: "a brand new password" }, {}, "198.51.100.9")).statusCode).toBe(
      200,
    );
  });

  it("rehashes a password made with a cheaper cost at sign-in", async () => {
    const who = { email: "old@example.org", password: "an old cheap hash" };
    await createUser(
      t.storage.db,
      { email: who.email, name: "O", role: "editor", passwordHash: await hashPassword(who.password, CHEAP) },
      clock,
    );
    const stored = () =>
      t.storage.db
        .selectFrom("app_user")
        .select("password_hash")
        .where("email", "=", who.email)
        .executeTakeFirstOrThrow()
        .then((row) => row.password_hash);
    expect(await stored()).toMatch(/^scrypt\$1024\$/);
    await signIn(who);
    expect(await stored()).toMatch(/^scrypt\$2048\$/);
    await signIn(who);
  });

  it("refuses hostile bodies with 400 naming the field, in the reader's language", async () => {
    const admin = await signIn(ADMIN);
    const headers = { ...admin.headers, "x-csrf-token": admin.csrf };
    const cases: [unknown, string, string][] = [
      [{ email: 42, password: "x" }, "email", "email must be a string"],
      [{ email: ["a@b.cd"], password: "x" }, "email", "email must be a string"],
      [{ email: "a@b.cd", password: { $ne: null } }, "password", "password must be a string"],
      [{ email: "a@b.cd", password: "x".repeat(5000) }, "password", "password must have at most 1024 characters"],
      [{ email: "a@b.cd" }, "password", "password is required"],
      [{ email: "a@b.cd", password: "x", role: "administrator" }, "role", 'unknown field "role"'],
    ];
    for (const [body, field, detail] of cases) {
      const res = await login(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, field, detail });
    }
    const ru = await login({ email: 7, password: "x" }, { "accept-language": "ru" });
    expect(ru.json()).toMatchObject({ field: "email", detail: "поле email должно быть строкой" });
    // SQL in a field is only text: no such account.
    const sqlish = await login({ email: "' OR '1'='1' --", password: "' OR '1'='1' --" });
    expect(sqlish.statusCode).toBe(401);
    const notJson = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"email": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().detail).toBe("the body is not valid JSON");
    const form = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=a&password=b",
    });
    expect(form.statusCode).toBe(415);
    const huge = await login({ email: "a@b.cd", password: "x".repeat(MAX_BODY_BYTES) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toBe("the body is larger than 16 KB");
    const weak = await app.inject({
      method: "POST",
      url: "/api/users?lang=ru",
      headers,
      payload: { email: "w@example.org", name: "W", role: "editor", password: "password1234" },
    });
    expect(weak.json()).toMatchObject({ status: 400, field: "password" });
    expect(weak.json().detail).toContain("пароль слишком легко угадать");
    const badRole = await app.inject({
      method: "POST",
      url: "/api/users",
      headers,
      payload: { email: "w@example.org", name: "W", role: "root", password: "a long password here" },
    });
    expect(badRole.json()).toMatchObject({ status: 400, field: "role" });
  });

  it("shares the delays between server processes", async () => {
    const who = await newAccount("processes@example.org");
    // Two apps on one database stand for two processes behind a load balancer.
    const [one, two] = [await appWith(t, { now: () => clock }), await appWith(t, { now: () => clock })];
    try {
      const call = (on: FastifyInstance, body: object) =>
        on.inject({ method: "POST", url: "/api/auth/login?lang=ru", remoteAddress: "203.0.113.7", payload: body });
      for (let k = 0; k < 5; k++) await call(k % 2 ? one : two, wrongFor(who));
      const refused = await call(one, who);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["retry-after"]).toBe("1");
      advance(1000);
      expect((await call(two, who)).statusCode).toBe(200);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe("accounts in the application", () => {
  let t: TestStorage;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await testStorage("pglite");
    app = await buildApp(t.config, t.storage);
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("are served, documented in the OpenAPI document, and without CORS", async () => {
    const me = await app.inject({ url: "/api/auth/me", headers: { origin: "https://elsewhere.example" } });
    expect(me.json()).toEqual({ user: null, csrfToken: null });
    expect(me.headers["access-control-allow-origin"]).toBeUndefined();
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    for (const path of ["/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/users", "/api/users/{id}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/auth/login"].post.tags).toEqual(["Accounts"]);
    expect(doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.required).toEqual([
      "email",
      "password",
    ]);
  });

  it("keeps responses to a signed-in browser out of shared caches", async () => {
    const who = { email: "reader@example.org", password: "a reader password" };
    const passwordHash = await hashPassword(who.password, CHEAP);
    await createUser(t.storage.db, { email: who.email, name: "R", role: "editor", passwordHash }, new Date());
    const signedIn = await app.inject({ method: "POST", url: "/api/auth/login", payload: who });
    const cookie = `ch_session=${cookieOf(signedIn)?.value}`;
    expect((await app.inject({ url: "/api/glossary" })).headers["cache-control"]).toMatch(/^public/);
    const mine = await app.inject({ url: "/api/glossary", headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers["cache-control"]).toBe("private, max-age=60, stale-while-revalidate=600");
    const stale = await app.inject({ url: "/api/glossary", headers: { cookie: "ch_session=gone" } });
    expect(stale.headers["cache-control"]).toMatch(/^private/);
    expect(cookieOf(stale)?.value).toBe("");
  });
});
