/**
 * The submissions API on each database: the whole workflow through HTTP (upload, findings, comments, metadata,
 * submit, return, approve, embargo, release), every refusal, a focal point kept to its countries, the upload's
 * errors, and the OpenAPI document listing the routes.
 */

import type { Dataset } from "@clearinghouse/cube";
import type { TableId } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consistentSubmission, get, keepCategories, set } from "../../../packages/clearinghouse/test/helpers.ts";
import { buildApp } from "../src/app.ts";
import { hashPassword } from "../src/auth/password.ts";
import { createUser } from "../src/auth/store.ts";
import { releaseDue } from "../src/submissions/workflow.ts";
import { loadDataset, saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";
import { csvOf, type FilePart, multipart } from "./submission-files.ts";

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = "a long enough password";
const PEOPLE = {
  kaz: { email: "focal@kaz.example", role: "focal-point", countries: ["KAZ"] },
  kgz: { email: "focal@kgz.example", role: "focal-point", countries: ["KGZ"] },
  editor: { email: "editor@example.org", role: "editor", countries: [] },
  second: { email: "second@example.org", role: "editor", countries: [] },
} as const;
type Who = keyof typeof PEOPLE;

const YEARS = { reporters: ["KAZ", "KGZ"], years: [2019, 2020], partners: ["RUS", "UZB"] };
const PUBLISHED: TableId[] = ["T1_1", "T1_2", "T2_1", "T2_2"];

describe.each(BACKENDS)("submissions API on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  const clock = new Date("2030-05-01T10:00:00Z");
  const sessions = new Map<Who, { cookie: string; csrf: string }>();
  const published = consistentSubmission(11, YEARS);
  /** KAZ's slice of a published table, for 2020. */
  const slice = (table: TableId) =>
    keepCategories(keepCategories(published[table], "reporter", ["KAZ"]), "year", ["2020"]);

  beforeAll(async () => {
    t = await testStorage(backend);
    for (const table of PUBLISHED)
      await saveTableVersion(t.storage.db, {
        tableId: table,
        path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }],
        dataset: published[table],
        sourceName: "test",
      });
    const hash = await hashPassword(PASSWORD, CHEAP);
    for (const [, p] of Object.entries(PEOPLE))
      await createUser(
        t.storage.db,
        { email: p.email, name: p.email, role: p.role, countries: [...p.countries], passwordHash: hash },
        clock,
      );
    app = await buildApp({ ...t.config, reporters: ["KAZ", "KGZ"] }, t.storage);
    for (const who of Object.keys(PEOPLE) as Who[]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: PEOPLE[who].email, password: PASSWORD },
      });
      expect(res.statusCode, who).toBe(200);
      const cookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("ch_session=")) as string;
      sessions.set(who, { cookie: cookie.split(";")[0] as string, csrf: res.json().csrfToken });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  const call = (
    who: Who | null,
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const s = who ? sessions.get(who) : undefined;
    return app.inject({
      method,
      url,
      ...(payload === undefined ? {} : typeof payload === "string" ? { payload } : { payload: payload as object }),
      headers: { ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}), ...headers },
    });
  };
  const uploadCsv = (who: Who, id: number, files: readonly FilePart[]) => {
    const body = multipart(files);
    return call(who, "POST", `/api/submissions/${id}/files`, body.payload, { "content-type": body.contentType });
  };
  const newDraft = async (who: Who = "kaz", reporter = "KAZ") => {
    const res = await call(who, "POST", "/api/submissions", { reporter });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  it("refuses the public (401) and another country's focal point (403), on every kind of route", async () => {
    const id = await newDraft();
    expect((await call(null, "GET", "/api/submissions")).statusCode).toBe(401);
    expect((await call(null, "GET", `/api/submissions/${id}`)).statusCode).toBe(401);
    for (const [method, url, body] of [
      ["GET", `/api/submissions/${id}`, undefined],
      ["GET", `/api/submissions/${id}/findings`, undefined],
      ["DELETE", `/api/submissions/${id}`, undefined],
      ["PUT", `/api/submissions/${id}/metadata`, []],
      ["POST", `/api/submissions/${id}/submit`, {}],
      ["POST", `/api/submissions/${id}/comments`, { body: "hi" }],
    ] as const) {
      const res = await call("kgz", method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await call("kgz", "POST", "/api/submissions", { reporter: "KAZ" })).statusCode).toBe(403);
    const list = await call("kgz", "GET", "/api/submissions");
    expect(list.json().submissions.map((s: { reporter: string }) => s.reporter)).not.toContain("KAZ");
    expect((await call("kgz", "GET", "/api/submissions?reporter=KAZ")).statusCode).toBe(403);
    // A focal point does not review.
    expect((await call("kaz", "POST", `/api/submissions/${id}/approve`, {})).statusCode).toBe(403);
    expect((await call("kaz", "DELETE", `/api/submissions/${id}`)).statusCode).toBe(204);
  });

  /** KAZ's T1_1 for 2020 with `k` persons moved from native-born to unknown birthplace (men 20–24): totals hold. */
  function revisedT11(k: number): Dataset {
    const ds = slice("T1_1");
    for (const [birthplace, delta] of [
      ["NAT", -k],
      ["_U", k],
    ] as const)
      for (const sex of ["M", "_T"])
        for (const age of ["Y20T24", "_T"]) {
          const at = { reporter: "KAZ", year: "2020", birthplace, sex, age };
          set(ds, at, (get(ds, at) as number) + delta);
        }
    return ds;
  }

  it("runs the workflow: an error, the fix, warnings with comments, a revision note, return, embargo, release", async () => {
    const id = await newDraft();
    const bad = slice("T1_1");
    const cell = { reporter: "KAZ", year: "2020", birthplace: "NAT", sex: "_T", age: "Y20T24" };
    set(bad, cell, (get(bad, cell) as number) + 5);
    let res = await uploadCsv("kaz", id, [{ name: "t1_1.csv", content: csvOf("T1_1", bad) }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tables).toEqual(["T1_1"]);
    expect(res.json().findings.errors).toBeGreaterThan(0);
    let findings = (await call("kaz", "GET", `/api/submissions/${id}/findings`)).json();
    const sexFinding = findings.findings.find((f: { rule: string }) => f.rule === "total.sex");
    expect(sexFinding.key).toBe("total.sex:T1_1:KAZ.2020.NAT._T.Y20T24.POP");
    expect(sexFinding.cell.find((c: { dimension: string }) => c.dimension === "age").label).toEqual({
      en: "20–24",
      ru: "20–24",
    });
    res = await call("kaz", "POST", `/api/submissions/${id}/submit`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/error/);
    expect((await call("kaz", "POST", `/api/submissions/${id}/submit?lang=ru`, {})).json().detail).toMatch(/ошибки/);
    for (const format of ["csv", "xlsx"]) {
      const file = await call("kaz", "GET", `/api/submissions/${id}/findings?format=${format}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-disposition"]).toContain(`findings.${format}`);
    }
    const csv = (await call("kaz", "GET", `/api/submissions/${id}/findings?format=csv`)).body;
    expect(csv).toContain("Возрастная группа: 20–24");
    expect(csv).toContain("total.sex:T1_1:KAZ.2020.NAT._T.Y20T24.POP");

    // The fix moves 100 persons: totals hold, the released figures change (warnings, and a revision note needed).
    res = await uploadCsv("kaz", id, [{ name: "t1_1.csv", content: csvOf("T1_1", revisedT11(100)) }]);
    expect(res.statusCode, res.body).toBe(200);
    findings = (await call("kaz", "GET", `/api/submissions/${id}/findings`)).json();
    expect(findings.errors).toBe(0);
    expect(findings.warnings).toBeGreaterThan(0);
    res = await call("kaz", "POST", `/api/submissions/${id}/submit`, {});
    expect([res.statusCode, res.json().detail]).toEqual([422, expect.stringMatching(/warning/)]);
    for (const f of findings.findings) {
      res = await call("kaz", "PUT", `/api/submissions/${id}/findings/${encodeURIComponent(f.key)}/comment`, {
        comment: "register revised",
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const detail = (await call("kaz", "GET", `/api/submissions/${id}`)).json();
    expect(detail.changes.count).toBe(8);
    res = await call("kaz", "POST", `/api/submissions/${id}/submit`, {});
    expect([res.statusCode, res.json().detail]).toEqual([422, expect.stringMatching(/revision note/)]);
    const note = { en: "Birthplace of 100 men revised", ru: "Уточнено место рождения 100 мужчин" };
    res = await call("kaz", "POST", `/api/submissions/${id}/submit`, { revisionNote: note });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "submitted", revisionNote: note });
    // Nothing changes once submitted.
    expect((await call("kaz", "PUT", `/api/submissions/${id}/metadata`, [])).statusCode).toBe(409);

    // Returned with a comment on a finding, then submitted again.
    const key = findings.findings[0].key;
    res = await call("editor", "POST", `/api/submissions/${id}/return`, {
      comment: "Explain more",
      findings: [{ key, comment: "Which register?" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe("returned");
    expect(res.json().comments.map((c: { findingKey: string | null; body: string }) => [c.findingKey, c.body])).toEqual(
      [
        [null, "Explain more"],
        [key, "Which register?"],
      ],
    );
    res = await call("kaz", "POST", `/api/submissions/${id}/comments`, { body: "The 2021 register", findingKey: key });
    expect(res.statusCode, res.body).toBe(200);
    res = await call("kaz", "POST", `/api/submissions/${id}/submit`, { revisionNote: note });
    expect(res.statusCode, res.body).toBe(200);

    // Approved with an embargo: nothing reaches the published table before it ends.
    const releaseAt = new Date(Date.now() + 3_600_000);
    res = await call("editor", "POST", `/api/submissions/${id}/approve`, { releaseAt: releaseAt.toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "approved", releaseAt: releaseAt.toISOString() });
    const current = async () =>
      (
        await t.storage.db
          .selectFrom("data_table")
          .select("current_version")
          .where("id", "=", "T1_1")
          .executeTakeFirstOrThrow()
      ).current_version;
    expect(await current()).toBe(1);
    expect(await releaseDue(t.storage.db, { now: () => new Date() })).toEqual([]);
    const released = await releaseDue(t.storage.db, { now: () => new Date(releaseAt.getTime() + 1000) });
    expect(released.map((r) => r.submissionId)).toEqual([id]);
    expect(await current()).toBe(2);
    const version = await t.storage.db
      .selectFrom("table_version")
      .select(["revision_note", "submission_id", "released_by"])
      .where("table_id", "=", "T1_1")
      .where("version", "=", 2)
      .executeTakeFirstOrThrow();
    const editorId = (
      await t.storage.db
        .selectFrom("app_user")
        .select("id")
        .where("email", "=", PEOPLE.editor.email)
        .executeTakeFirstOrThrow()
    ).id;
    expect(version).toEqual({ revision_note: note, submission_id: id, released_by: editorId });
    const after = (await loadDataset(t.storage.db, "T1_1", 2)) as Dataset;
    const expected = revisedT11(100);
    const m = { reporter: "KAZ", year: "2020", birthplace: "_U", sex: "M", age: "Y20T24" };
    expect(get(after, m)).toBe(get(expected, m));
    for (const other of [
      { ...m, reporter: "KGZ" },
      { ...m, year: "2019" },
    ])
      expect(get(after, other)).toBe(get(published.T1_1, other));
    const final = (await call("kaz", "GET", `/api/submissions/${id}`)).json();
    expect(final.state).toBe("released");
    expect(final.history.map((h: { action: string }) => h.action)).toEqual([
      "create",
      "submit",
      "return",
      "submit",
      "approve",
      "release-scheduled",
    ]);
    const audit = await t.storage.db
      .selectFrom("audit_event")
      .select("action")
      .where("target_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "submission.uploaded",
        "submission.submitted",
        "submission.returned",
        "submission.approved",
        "submission.released",
      ]),
    );
    const notified = await t.storage.db
      .selectFrom("notification")
      .select(["kind", "user_id"])
      .where("submission_id", "=", id)
      .execute();
    expect(notified.some((n) => n.kind === "submitted" && n.user_id === editorId)).toBe(true);
    // Released: no more changes, no second release.
    expect((await call("editor", "POST", `/api/submissions/${id}/release`)).statusCode).toBe(409);
    expect((await call("editor", "POST", `/api/submissions/${id}/return`, { comment: "x" })).statusCode).toBe(409);
  });

  it("four eyes: the submitter does not approve; another editor approves, released at once", async () => {
    const id = await newDraft("editor", "KGZ");
    const kgz = keepCategories(keepCategories(published.T2_1, "reporter", ["KGZ"]), "year", ["2020"]);
    expect((await uploadCsv("editor", id, [{ name: "t2_1.csv", content: csvOf("T2_1", kgz) }])).statusCode).toBe(200);
    expect((await call("editor", "POST", `/api/submissions/${id}/submit`, {})).statusCode).toBe(200);
    const mine = await call("editor", "POST", `/api/submissions/${id}/approve`, {});
    expect([mine.statusCode, mine.json().detail]).toEqual([403, expect.stringMatching(/four eyes/)]);
    expect(
      (await call("second", "POST", `/api/submissions/${id}/approve`, { releaseAt: "2001-01-01T00:00:00Z" }))
        .statusCode,
    ).toBe(422);
    const res = await call("second", "POST", `/api/submissions/${id}/approve`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe("released");
  });

  it("refuses bad files with every problem located, and changes nothing", async () => {
    const id = await newDraft();
    const good = csvOf("T2_1", slice("T2_1"));
    expect((await uploadCsv("kaz", id, [{ name: "t2_1.csv", content: good }])).statusCode).toBe(200);
    const before = (await call("kaz", "GET", `/api/submissions/${id}`)).json();
    const broken = good.replace("\nT2_1,KAZ,2020,_T,", "\nT2_1,KAZ,2020,NOPE,");
    const res = await uploadCsv("kaz", id, [{ name: "t2_1.csv", content: broken }]);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json().problems.find((p: { code: string }) => p.code === "code.unknown");
    expect(problem).toMatchObject({ severity: "error", file: "t2_1.csv", line: 2 });
    expect(problem.message.ru).toMatch(/[а-я]/);
    expect((await call("kaz", "GET", `/api/submissions/${id}`)).json().tableDetails).toEqual(before.tableDetails);
    const notMultipart = await call("kaz", "POST", `/api/submissions/${id}/files`, { a: 1 });
    expect(notMultipart.statusCode).toBe(415);
    expect((await uploadCsv("kaz", id, [{ name: "empty.csv", content: "" }])).statusCode).toBe(422);
  });

  it("refuses an upload over the byte limit while it streams", async () => {
    const small = await buildApp({ ...t.config, bodyLimit: 4096, reporters: ["KAZ", "KGZ"] }, t.storage);
    try {
      const s = sessions.get("kaz") as { cookie: string; csrf: string };
      const created = await small.inject({
        method: "POST",
        url: "/api/submissions",
        payload: { reporter: "KAZ" },
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      });
      const body = multipart([{ name: "big.csv", content: "x".repeat(10_000) }]);
      const res = await small.inject({
        method: "POST",
        url: `/api/submissions/${created.json().id}/files`,
        payload: body.payload,
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": body.contentType },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().detail).toMatch(/BODY_LIMIT/);
    } finally {
      await small.close();
    }
  });

  it("keeps the proposed metadata, refusing entries with what is wrong in each", async () => {
    const id = await newDraft();
    const text = { en: "Population register", ru: "Регистр населения" };
    const entry = {
      tableId: "T2_2",
      fromYear: 2011,
      source: text,
      definition: text,
      coverage: text,
      statelessInCitizenshipTable: true,
    };
    let res = await call("kaz", "PUT", `/api/submissions/${id}/metadata`, [entry]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().metadata).toEqual([
      {
        tableId: "T2_2",
        fromYear: 2011,
        toYear: null,
        source: text,
        definition: text,
        coverage: text,
        breaks: null,
        deviations: null,
        statelessInCitizenshipTable: true,
      },
    ]);
    res = await call("kaz", "PUT", `/api/submissions/${id}/metadata`, [
      { ...entry, source: { en: "x" } },
      { ...entry, reporter: "KGZ" },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().issues.map((i: { index: number; field: string }) => `${i.index} ${i.field}`)).toEqual(
      expect.arrayContaining(["0 source.ru", "1 reporter"]),
    );
  });

  it("gives templates of the country's tables, and round-trips the Excel workbook through the upload", async () => {
    const url = "/api/submissions/templates";
    const xlsx = await call("kaz", "GET", `${url}/workbook.xlsx?reporter=KAZ&years=2020&tables=T1_1,T2_1`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers["content-disposition"]).toContain("tables_KAZ_2020.xlsx");
    const csv = await call("kaz", "GET", `${url}/T1_1.csv?reporter=KAZ&years=2019-2020`);
    expect([csv.statusCode, csv.body.split(/\r?\n/)[1]]).toEqual([200, "T1_1,KAZ,2019,_T,Total,Всего,_T,_T,,"]);
    expect((await call("kaz", "GET", `${url}/T1_1.px?reporter=KAZ&years=2020`)).statusCode).toBe(200);
    expect((await call("kgz", "GET", `${url}/T1_1.csv?reporter=KAZ&years=2020`)).statusCode).toBe(403);
    expect((await call("kaz", "GET", `${url}/T9.csv?reporter=KAZ&years=2020`)).statusCode).toBe(404);
    expect((await call("kaz", "GET", `${url}/T1_1.csv?reporter=KAZ&years=20`)).statusCode).toBe(400);
    const id = await newDraft();
    const boundary = "----xlsx";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const payload = Buffer.concat([Buffer.from(head), xlsx.rawPayload, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await call("kaz", "POST", `/api/submissions/${id}/files`, payload, {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tables).toEqual(["T1_1", "T2_1"]);
  });

  it("lists every route in the OpenAPI document under Submissions", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const paths = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).filter(([p]) =>
      p.startsWith("/api/submissions"),
    );
    const routes = paths.flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => {
        expect(op.tags).toEqual(["Submissions"]);
        return `${m.toUpperCase()} ${p}`;
      }),
    );
    expect(routes.sort()).toEqual([
      "DELETE /api/submissions/{id}",
      "DELETE /api/submissions/{id}/tables/{table}",
      "GET /api/submissions",
      "GET /api/submissions/templates/{file}",
      "GET /api/submissions/{id}",
      "GET /api/submissions/{id}/findings",
      "GET /api/submissions/{id}/tables/{table}/data",
      "POST /api/submissions",
      "POST /api/submissions/{id}/approve",
      "POST /api/submissions/{id}/comments",
      "POST /api/submissions/{id}/files",
      "POST /api/submissions/{id}/release",
      "POST /api/submissions/{id}/return",
      "POST /api/submissions/{id}/submit",
      "PUT /api/submissions/{id}/findings/{key}/comment",
      "PUT /api/submissions/{id}/metadata",
    ]);
  });
});
