/**
 * Accounts under /api/users, invitations and the audit log over HTTP, on each database: every rule and refusal
 * (expired, used and withdrawn links, focal points without countries, disabled accounts, revoked sessions, password
 * changes), the audit rows each writes in its own transaction (a refused change writes none), the audit API's
 * filters, pages and exports, and the e-mail of an invitation through a local SMTP server.
 */

import { once } from "node:events";
import { createServer, type Server } from "node:net";
import ExcelJS from "exceljs";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditApi, recordAudit } from "../src/audit/index.ts";
import { accounts, type Mailer } from "../src/auth/index.ts";
import { smtpMailer } from "../src/auth/mail.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser } from "../src/auth/store.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const OPEN_TIMEOUT = 60_000;
const DAY = 24 * 60 * 60_000;
const REPORTERS = ["KAZ", "KGZ", "UZB"];
const ADMIN = { email: "admin@example.org", password: "admin password one" };
const EDITOR = { email: "editor@example.org", password: "editor password one" };

interface Browser {
  readonly cookie: string;
  readonly csrf: string;
  readonly user: { id: number; email: string; role: string; countries: string[] };
}

describe.each(BACKENDS)("accounts, invitations and the audit log, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let clock = new Date("2030-05-01T09:00:00Z");
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const mailed: { to: string; subject: string; text: string }[] = [];
  const mailer: Mailer = {
    async send(message) {
      if (message.to.startsWith("bounce")) throw new Error("mailbox unavailable");
      mailed.push(message);
    },
  };
  let admin: Browser;
  let editor: Browser;

  const cookieOf = (res: LightMyRequestResponse) =>
    ([res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("ch_session=")) ?? "").split(";")[0] as string;

  async function signIn(who: { email: string; password: string }, remoteAddress = "198.51.100.7"): Promise<Browser> {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: who, remoteAddress });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: cookieOf(res), csrf: res.json().csrfToken, user: res.json().user };
  }
  const call = (
    who: Browser | null,
    method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: who ? { cookie: who.cookie, "x-csrf-token": who.csrf } : {},
      remoteAddress: "198.51.100.7",
    });
  const audit = async (query: string) => {
    const res = await call(admin, "GET", `/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      events: { action: string; actor: { id: number; email: string } | null; targetId: string; detail: object }[];
      total: number;
    };
  };
  const invite = (body: object, who: Browser = admin) => call(who, "POST", "/api/users/invitations?lang=en", body);
  const tokenOf = (link: string) => link.slice(link.indexOf("#") + 1);

  beforeAll(async () => {
    t = await testStorage(backend);
    for (const [who, role] of [
      [ADMIN, "administrator"],
      [EDITOR, "editor"],
    ] as const) {
      const passwordHash = await hashPassword(who.password, CHEAP);
      await createUser(t.storage.db, { email: who.email, name: role, role, passwordHash }, clock);
    }
    app = Fastify({ logger: false });
    await app.register(accounts, { db: t.storage.db, scrypt: CHEAP, now: () => clock, reporters: REPORTERS, mailer });
    await app.register(auditApi, { db: t.storage.db });
    admin = await signIn(ADMIN);
    editor = await signIn(EDITOR);
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  it("invites a focal point with a one-time link that is mailed, listed as pending and audited", async () => {
    const res = await invite({ email: "Aigul@stat.kz", role: "focal-point", countries: ["kaz"] });
    expect(res.statusCode, res.body).toBe(201);
    const { invitation, link, mailed: sent } = res.json();
    expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/en\/invitation#[A-Za-z0-9_-]{43}$/);
    expect(invitation).toMatchObject({
      email: "Aigul@stat.kz",
      role: "focal-point",
      countries: ["KAZ"],
      status: "pending",
      expiresAt: new Date(clock.getTime() + 7 * DAY).toISOString(),
    });
    expect(sent).toBe(true);
    expect(mailed.at(-1)).toMatchObject({ to: "Aigul@stat.kz", text: expect.stringContaining(link) });
    // Only the hash of the token is kept.
    const rows = await t.storage.db.selectFrom("user_invitation").select("token_hash").execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(tokenOf(link));
    const listed = (await call(admin, "GET", "/api/users/invitations")).json().invitations;
    expect(listed[0]).toMatchObject({ id: invitation.id, status: "pending", invitedBy: ADMIN.email });
    const [row] = (await audit(`action=invitation.created&target=invitation:${invitation.id}`)).events;
    expect(row).toMatchObject({ actor: { id: admin.user.id, email: ADMIN.email }, detail: { role: "focal-point" } });
  });

  it("accepts an invitation once: the account with its countries, signed in; a second use is refused", async () => {
    const { link, invitation } = (
      await invite({ email: "bakyt@stat.kg", role: "focal-point", countries: ["KGZ"] })
    ).json();
    const token = tokenOf(link);
    const preview = await call(null, "POST", "/api/users/invitations/preview", { token });
    expect(preview.json()).toMatchObject({ email: "bakyt@stat.kg", role: "focal-point", countries: ["KGZ"] });
    const weak = await call(null, "POST", "/api/users/invitations/accept", {
      token,
      name: "Bakyt",
      password: "bakyt@stat.kg",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().field).toBe("password");
    const accepted = await call(null, "POST", "/api/users/invitations/accept", {
      token,
      name: "Bakyt",
      password: "a long password of Bakyt",
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: "bakyt@stat.kg", role: "focal-point", countries: ["KGZ"] });
    const me = await app.inject({ url: "/api/auth/me", headers: { cookie: cookieOf(accepted) } });
    expect(me.json().user.email).toBe("bakyt@stat.kg");
    for (const lang of ["en", "ru"] as const) {
      const again = await call(null, "POST", `/api/users/invitations/accept?lang=${lang}`, {
        token,
        name: "Someone",
        password: "another long password",
      });
      expect(again.statusCode).toBe(410);
      expect(again.json().detail).toBe(
        lang === "en"
          ? "this invitation has already been used: sign in with the account it created"
          : "это приглашение уже использовано: войдите в созданную по нему учётную запись",
      );
    }
    const listed = (await call(admin, "GET", "/api/users/invitations")).json().invitations;
    expect(listed.find((i: { id: number }) => i.id === invitation.id).status).toBe("accepted");
    const [row] = (await audit(`action=invitation.accepted&target=invitation:${invitation.id}`)).events;
    expect(row).toMatchObject({ actor: { id: accepted.json().user.id }, detail: { countries: ["KGZ"] } });
  });

  it("refuses an expired, a withdrawn, an unknown and a malformed link, each with its reason", async () => {
    const expiring = (await invite({ email: "late@stat.uz", role: "focal-point", countries: ["UZB"], days: 1 })).json();
    const revoking = (await invite({ email: "gone@stat.uz", role: "editor" })).json();
    const withdrawn = await call(admin, "DELETE", `/api/users/invitations/${revoking.invitation.id}`);
    expect(withdrawn.json().invitation.status).toBe("revoked");
    expect((await call(admin, "DELETE", `/api/users/invitations/${revoking.invitation.id}`)).statusCode).toBe(409);
    advance(DAY);
    const accept = (token: string, lang = "en") =>
      call(null, "POST", `/api/users/invitations/accept?lang=${lang}`, {
        token,
        name: "N",
        password: "a long enough password",
      });
    const expired = await accept(tokenOf(expiring.link), "ru");
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toMatch(/^срок этого приглашения истёк \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const revoked = await accept(tokenOf(revoking.link));
    expect([revoked.statusCode, revoked.json().detail]).toEqual([
      410,
      "this invitation was withdrawn by an administrator: ask for a new one",
    ]);
    expect((await accept("A".repeat(43))).statusCode).toBe(404);
    expect((await accept("not a token")).statusCode).toBe(404);
    const statuses = (await call(admin, "GET", "/api/users/invitations")).json().invitations;
    expect(statuses.find((i: { id: number }) => i.id === expiring.invitation.id).status).toBe("expired");
    // None of them made an account.
    const users = await t.storage.db.selectFrom("app_user").select("email").execute();
    expect(users.map((u) => u.email)).not.toEqual(expect.arrayContaining(["late@stat.uz"]));
    expect(users.map((u) => u.email)).not.toContain("gone@stat.uz");
    expect((await audit(`action=invitation.revoked&target=invitation:${revoking.invitation.id}`)).total).toBe(1);
  });

  it("refuses invitations a rule forbids: no country, countries for an editor, an account's email, a duplicate", async () => {
    const refused = async (body: object, status: number, field: string | undefined) => {
      const res = await invite(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().field).toBe(field);
    };
    await refused({ email: "x@stat.kz", role: "focal-point" }, 400, "countries");
    await refused({ email: "x@stat.kz", role: "focal-point", countries: [] }, 400, "countries");
    await refused({ email: "x@stat.kz", role: "focal-point", countries: ["FRA"] }, 400, "countries");
    await refused({ email: "x@stat.kz", role: "editor", countries: ["KAZ"] }, 400, "countries");
    await refused({ email: "x@stat.kz", role: "editor", days: 31 }, 400, "days");
    await refused({ email: "EDITOR@example.org", role: "editor" }, 409, "email");
    await refused({ email: "aigul@STAT.kz", role: "focal-point", countries: ["KAZ"] }, 409, "email");
    expect((await invite({ email: "x@stat.kz", role: "editor" }, editor)).statusCode).toBe(403);
    expect(
      (await call(null, "POST", "/api/users/invitations", { email: "x@stat.kz", role: "editor" })).statusCode,
    ).toBe(401);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/users/invitations",
      payload: { email: "x@stat.kz", role: "editor" },
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await audit("action=invitation.created")).events.map((e) => e.detail)).not.toContainEqual(
      expect.objectContaining({ email: "x@stat.kz" }),
    );
  });

  it("shows the link even when the e-mail fails", async () => {
    const res = await invite({ email: "bounce@stat.kz", role: "focal-point", countries: ["KAZ"] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mailed: false, link: expect.stringContaining("/en/invitation#") });
  });

  it("keeps a focal point's countries on the server's rules when accounts are created and changed", async () => {
    const create = (body: object) => call(admin, "POST", "/api/users", { password: "a long password here", ...body });
    expect((await create({ email: "f1@stat.kz", name: "F1", role: "focal-point" })).json().field).toBe("countries");
    const created = await create({ email: "f1@stat.kz", name: "F1", role: "focal-point", countries: ["KAZ", "KGZ"] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().user.id;
    expect(created.json().user).toMatchObject({ countries: ["KAZ", "KGZ"], sessions: 0, disabled: false });
    const emptied = await call(admin, "PATCH", `/api/users/${id}`, { countries: [] });
    expect([emptied.statusCode, emptied.json().field]).toEqual([400, "countries"]);
    const changed = await call(admin, "PATCH", `/api/users/${id}`, { countries: ["UZB"] });
    expect(changed.json().user.countries).toEqual(["UZB"]);
    const promoted = await call(admin, "PATCH", `/api/users/${id}`, { role: "editor" });
    expect(promoted.json().user).toMatchObject({ role: "editor", countries: [] });
    const back = await call(admin, "PATCH", `/api/users/${id}`, { role: "focal-point" });
    expect([back.statusCode, back.json().field]).toEqual([400, "countries"]);
    const events = (await audit(`action=user&target=user:${id}`)).events;
    expect(events.map((e) => e.action)).toEqual(["user.changed", "user.changed", "user.created"]);
    expect(events[0]?.detail).toEqual({
      changes: { role: { from: "focal-point", to: "editor" }, countries: { from: ["UZB"], to: [] } },
    });
  });

  it("writes no audit row for a change that is refused", async () => {
    const before = (await audit("action=user")).total;
    // The last administrator cannot be demoted; an email cannot be taken twice.
    const demoted = await call(admin, "PATCH", `/api/users/${admin.user.id}`, { role: "editor" });
    expect(demoted.statusCode).toBe(409);
    const twin = await call(admin, "POST", "/api/users", {
      email: "Editor@Example.org",
      name: "Twin",
      role: "editor",
      password: "a long password here",
    });
    expect(twin.statusCode).toBe(409);
    expect((await audit("action=user")).total).toBe(before);
  });

  it("disables an account: its sessions end, it cannot sign in, and both are audited", async () => {
    const who = { email: "d1@example.org", password: "the password of d1" };
    const made = await call(admin, "POST", "/api/users", { ...who, name: "D1", role: "editor" });
    const id = made.json().user.id;
    const session = await signIn(who);
    expect(
      (await call(admin, "GET", "/api/users")).json().users.find((u: { id: number }) => u.id === id).sessions,
    ).toBe(1);
    const disabled = await call(admin, "PATCH", `/api/users/${id}`, { disabled: true });
    expect(disabled.json().user).toMatchObject({ disabled: true, sessions: 0 });
    expect((await app.inject({ url: "/api/auth/me", headers: { cookie: session.cookie } })).json().user).toBeNull();
    const refused = await app.inject({ method: "POST", url: "/api/auth/login?lang=ru", payload: who });
    expect([refused.statusCode, refused.json().detail]).toEqual([
      403,
      "эта учётная запись отключена: обратитесь к администратору",
    ]);
    const actions = (await audit(`target=user:${id}`)).events.map((e) => [e.action, e.detail]);
    expect(actions.slice(0, 3)).toEqual([
      ["auth.sign-in-failed", { reason: "disabled" }],
      ["user.disabled", {}],
      ["auth.signed-in", {}],
    ]);
    const enabled = await call(admin, "PATCH", `/api/users/${id}`, { disabled: false });
    expect(enabled.json().user.disabled).toBe(false);
    await signIn(who);
  });

  it("revokes every session of an account", async () => {
    const who = { email: "r1@example.org", password: "the password of r1" };
    const id = (await call(admin, "POST", "/api/users", { ...who, name: "R1", role: "editor" })).json().user.id;
    const one = await signIn(who);
    const two = await signIn(who);
    expect((await call(editor, "DELETE", `/api/users/${id}/sessions`)).statusCode).toBe(403);
    const revoked = await call(admin, "DELETE", `/api/users/${id}/sessions`);
    expect(revoked.json()).toEqual({ revoked: 2 });
    for (const s of [one, two])
      expect((await app.inject({ url: "/api/auth/me", headers: { cookie: s.cookie } })).json().user).toBeNull();
    expect((await call(admin, "DELETE", "/api/users/999999/sessions")).statusCode).toBe(404);
    const [row] = (await audit(`action=user.sessions-revoked&target=user:${id}`)).events;
    expect(row?.detail).toEqual({ sessions: 2 });
  });

  it("changes one's own password: the current one is needed, other sessions end, this one stays", async () => {
    const who = { email: "p1@stat.kz", password: "the first password of p1" };
    await call(admin, "POST", "/api/users", { ...who, name: "P1", role: "focal-point", countries: ["KAZ"] });
    const here = await signIn(who);
    const there = await signIn(who, "203.0.113.9");
    const change = (body: object, lang = "en") => call(here, "POST", `/api/users/me/password?lang=${lang}`, body);
    const wrong = await change({ currentPassword: "not the password", newPassword: "the second password of p1" }, "ru");
    expect([wrong.statusCode, wrong.json().field, wrong.json().detail]).toEqual([
      400,
      "currentPassword",
      "текущий пароль неверен",
    ]);
    const weak = await change({ currentPassword: who.password, newPassword: "short" });
    expect(weak.json().field).toBe("newPassword");
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/users/me/password",
      payload: { currentPassword: who.password, newPassword: "the second password of p1" },
      headers: { cookie: here.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const done = await change({ currentPassword: who.password, newPassword: "the second password of p1" });
    expect(done.statusCode, done.body).toBe(204);
    expect((await app.inject({ url: "/api/auth/me", headers: { cookie: here.cookie } })).json().user.email).toBe(
      who.email,
    );
    expect((await app.inject({ url: "/api/auth/me", headers: { cookie: there.cookie } })).json().user).toBeNull();
    const old = await app.inject({ method: "POST", url: "/api/auth/login", payload: who });
    expect(old.statusCode).toBe(401);
    await signIn({ email: who.email, password: "the second password of p1" });
    const actions = (await audit(`target=user:${here.user.id}`)).events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["user.password-changed", "user.password-change-failed", "auth.sign-in-failed"]),
    );
    expect(
      (await call(null, "POST", "/api/users/me/password", { currentPassword: "a", newPassword: "b" })).statusCode,
    ).toBe(401);
  });

  it("records sign-ins with the address, failures without the password, and sign-outs", async () => {
    const who = { email: "s1@example.org", password: "the password of s1" };
    const id = (await call(admin, "POST", "/api/users", { ...who, name: "S1", role: "editor" })).json().user.id;
    await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { ...who, password: "a wrong guess 1234" },
      remoteAddress: "192.0.2.44",
    });
    await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "nobody@example.org", password: "a wrong guess 1234" },
      remoteAddress: "192.0.2.44",
    });
    const session = await signIn(who, "192.0.2.45");
    const out = await call(session, "POST", "/api/auth/logout");
    expect(out.statusCode).toBe(204);
    const mine = (await audit(`actor=${who.email.toUpperCase()}`)).events;
    expect(mine.map((e) => e.action)).toEqual(["auth.signed-out", "auth.signed-in", "auth.sign-in-failed"]);
    const unknown = (await audit("target=email:nobody@example.org")).events;
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ actor: null, detail: { reason: "wrong-credentials" } });
    const rows = await t.storage.db
      .selectFrom("audit_event")
      .select(["ip", "detail"])
      .where("actor_id", "=", id)
      .execute();
    expect(rows.map((r) => r.ip).sort()).toEqual(["192.0.2.44", "192.0.2.45", "198.51.100.7"]);
    expect(JSON.stringify(await t.storage.db.selectFrom("audit_event").selectAll().execute())).not.toContain(
      "a wrong guess",
    );
  });

  it("lets administrators only read the log, filtered, newest first, a page at a time", async () => {
    expect((await call(null, "GET", "/api/audit")).statusCode).toBe(401);
    expect((await call(editor, "GET", "/api/audit")).statusCode).toBe(403);
    const all = await audit("");
    expect(all.total).toBeGreaterThan(20);
    const ats = all.events.map((e) => (e as unknown as { at: string }).at);
    expect([...ats].sort().reverse()).toEqual(ats);
    for (let k = 0; k < 60; k++)
      await recordAudit(t.storage.db, {
        actor: null,
        action: "user.changed",
        targetType: "bulk",
        targetId: String(k),
        at: new Date(clock.getTime() + k * 1000),
      });
    const first = await audit("target=bulk");
    const second = await audit("target=bulk&page=2");
    expect([first.total, first.events.length, second.events.length]).toEqual([60, 50, 10]);
    expect([...first.events, ...second.events].map((e) => Number(e.targetId))).toEqual(
      Array.from({ length: 60 }, (_, k) => 59 - k),
    );
    expect((await audit("target=bulk&page=3")).events).toEqual([]);
    const kaz = await audit("reporter=kaz");
    expect(kaz.events.length).toBeGreaterThan(0);
    const future = await audit("from=2031-01-01");
    expect(future.total).toBe(0);
    const day = clock.toISOString().slice(0, 10);
    expect((await audit(`from=${day}&to=${day}`)).total).toBeGreaterThan(0);
    for (const [query, en] of [
      ["actor=nobody", 'actor "nobody" is neither an account\'s email nor its number'],
      [
        "action=user.deleted",
        'action "user.deleted" is not an action of the audit log nor its area (such as user or submission)',
      ],
      ["from=2030-02-30", 'from "2030-02-30" is not a date (2026-12-04) or a time with its zone (2026-12-04T10:00Z)'],
      ["from=2030-02-02&to=2030-02-01", "from must come before to"],
      ["page=0", 'page "0" is not a positive whole number'],
      ["format=pdf", 'format "pdf" is not one of json, csv, xlsx'],
      ["sort=at", 'unknown parameter "sort": use actor, action, reporter, target, from, to, page, format'],
    ]) {
      const res = await call(admin, "GET", `/api/audit?${query}`);
      expect([res.statusCode, res.json().detail], query).toEqual([400, en]);
    }
    const ru = await call(admin, "GET", "/api/audit?page=x&lang=ru");
    expect(ru.json().detail).toBe("page «x» — не целое положительное число");
    // No route changes or deletes a row.
    for (const method of ["PUT", "PATCH", "DELETE"] as const)
      expect((await call(admin, method, "/api/audit")).statusCode).toBe(404);
  });

  it("exports the filtered rows as CSV (formulas defused) and Excel", async () => {
    await call(admin, "POST", "/api/users", {
      email: "csv@example.org",
      name: '=HYPERLINK("http://evil")',
      role: "editor",
      password: "a long password here",
    });
    const filter = "action=user.created";
    const { total } = await audit(filter);
    const csv = await call(admin, "GET", `/api/audit?${filter}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("id,at,actor_id,actor_email,action,target_type,target_id,reporter,ip,detail");
    expect(lines).toHaveLength(total + 1);
    expect(csv.body).toContain("=HYPERLINK");
    expect(csv.body).not.toMatch(/,"?=HYPERLINK/);
    const xlsx = await call(admin, "GET", `/api/audit?${filter}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Audit");
    expect(sheet?.rowCount).toBe(total + 1);
    expect(sheet?.getRow(2).getCell(5).value).toBe("user.created");
  });
});

/** A local SMTP server that keeps each message it is given (enough of the protocol for one client). */
async function smtpServer(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string | undefined;
    let buffer = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\r\n"); end !== -1; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== undefined) {
          if (line === ".") {
            messages.push(data);
            data = undefined;
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 test\r\n");
        else if (/^DATA/i.test(line)) {
          data = "";
          socket.write("354 go on\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, port: (server.address() as { port: number }).port, messages };
}

describe("invitation e-mail over SMTP", () => {
  it("sends the link in the invitation's language to a local SMTP server", async () => {
    const { server, port, messages } = await smtpServer();
    try {
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, "clearinghouse@example.org");
      await mailer.send({
        to: "aigul@stat.kz",
        subject: "Invitation",
        text: "Open https://example.org/ru/invitation#tok\n",
      });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^From: clearinghouse@example\.org$/m);
      expect(messages[0]).toMatch(/^To: aigul@stat\.kz$/m);
      expect(messages[0]).toContain("https://example.org/ru/invitation#tok");
    } finally {
      server.close();
    }
  });
});
