/**
 * The embargo leaks nothing: a submission of KAZ (a new year of a published table, and a table not published yet)
 * is uploaded, submitted and approved with a release in the future. Until then every public way to data answers
 * byte for byte as before the draft existed — PxWeb API v1 and 2.0 (lists, metadata, data in several formats, a
 * saved query), our tables API (versions, downloads, comparison), search, the country metadata, the Atom feeds —
 * with the response cache warmed before. After the scheduled release every one of them shows it.
 */

import { CHAPTERS, type TableId, tableDecl } from "@clearinghouse/domain";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consistentSubmission, keepCategories } from "../../../packages/clearinghouse/test/helpers.ts";
import { buildApp } from "../src/app.ts";
import { releaseDue } from "../src/submissions/workflow.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";
import { type Session, signedIn } from "./sessions.ts";
import { csvOf, multipart } from "./submission-files.ts";

/** The catalogue's largest age (CubeService's default). */
const CATALOG_MAX_AGE_MS = 2000;
const PATH = [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }];
const ALL = consistentSubmission(7, { reporters: ["KAZ", "KGZ"], years: [2019, 2020, 2021], partners: ["RUS", "UZB"] });
const PUBLISHED: TableId[] = ["T1_1", "T1_2", "T2_2"];
/** Where PxWeb API v1 finds T2_1 once released: a table new to the clearinghouse goes into its chapter's folder. */
const T2_1_V1 = `migration/${CHAPTERS.find((c) => c.tables.includes("T2_1"))?.id}/T2_1`;
/** A word of T2_1's title that search finds it by once it is published. */
const T2_1_WORD = (tableDecl("T2_1").title.en.match(/[A-Za-z]{6,}/g) ?? []).find(
  (word) => !PUBLISHED.some((t) => tableDecl(t).title.en.includes(word)),
);

describe.each(BACKENDS)("an embargoed submission, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let kaz: Session;
  let editor: Session;
  let savedQuery: string;

  beforeAll(async () => {
    // The public API's call limit is not under test: the views below make many calls at once.
    t = await testStorage(backend, { maxCalls: 1_000_000 });
    for (const table of PUBLISHED)
      await saveTableVersion(t.storage.db, {
        tableId: table,
        path: PATH,
        dataset: keepCategories(ALL[table], "year", ["2019", "2020"]),
        sourceName: "test",
        now: new Date("2026-01-10T00:00:00Z"),
      });
    app = await buildApp({ ...t.config, reporters: ["KAZ", "KGZ"] }, t.storage);
    kaz = await signedIn(app, t.storage.db, "focal-point", { countries: ["KAZ"] });
    editor = await signedIn(app, t.storage.db, "editor");
    const saved = await app.inject({
      method: "POST",
      url: "/api/v2/savedqueries",
      payload: { tableId: "T1_1", language: "en", selection: { selection: [] } },
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    savedQuery = saved.json().id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  /** Every public way to the tables' data, as the public calls them. */
  const publicRequests = (): InjectOptions[] => {
    const gets = [
      "/api/v1/en/",
      "/api/v1/ru/",
      "/api/v1/en/migration/",
      "/api/v1/en/migration/T1_1",
      `/api/v1/en/${T2_1_V1}`,
      "/api/v2/tables",
      "/api/v2/tables?lang=ru",
      `/api/v2/tables?query=${T2_1_WORD}`,
      "/api/v2/tables/T1_1",
      "/api/v2/tables/T1_1/metadata",
      "/api/v2/tables/T1_1/defaultselection",
      "/api/v2/tables/T1_1/data?outputFormat=csv&valuecodes[year]=*&valuecodes[reporter]=*",
      "/api/v2/tables/T1_1/data?outputFormat=px&valuecodes[year]=*&valuecodes[reporter]=KAZ",
      "/api/v2/tables/T1_1/data?outputFormat=json-stat2&valuecodes[year]=*&valuecodes[reporter]=KAZ",
      "/api/v2/tables/T1_1/data?outputFormat=xlsx&valuecodes[year]=*&valuecodes[reporter]=KAZ",
      "/api/v2/tables/T2_1",
      "/api/v2/tables/T2_1/metadata",
      "/api/v2/tables/T2_1/data",
      `/api/v2/savedqueries/${savedQuery}/data`,
      "/api/tables/T1_1",
      "/api/tables/T1_1/versions",
      "/api/tables/T1_1/versions/1?format=csv",
      "/api/tables/T1_1/versions/2?format=csv",
      "/api/tables/T1_1/compare?from=1&to=2",
      "/api/tables/T2_1",
      "/api/tables/T2_1/versions",
      `/api/search?q=${T2_1_WORD}`,
      "/api/search?q=2021",
      "/api/metadata/countries?reporter=KAZ",
      "/api/feed.atom",
      "/api/tables/T1_1/feed.atom",
      "/api/tables/T2_1/feed.atom",
    ].map((url): InjectOptions => ({ method: "GET", url }));
    const v1Query = {
      query: [
        { code: "reporter", selection: { filter: "item", values: ["KAZ"] } },
        { code: "year", selection: { filter: "all", values: ["*"] } },
      ],
      response: {},
    };
    return [
      ...gets,
      ...["json-stat2", "csv", "px"].map(
        (format): InjectOptions => ({
          method: "POST",
          url: "/api/v1/en/migration/T1_1",
          payload: { ...v1Query, response: { format } },
        }),
      ),
      {
        method: "POST",
        url: "/api/v2/tables/T1_1/data?outputFormat=csv",
        payload: {
          selection: [
            { variableCode: "reporter", valueCodes: ["KAZ"] },
            { variableCode: "year", valueCodes: ["*"] },
          ],
        },
      },
    ];
  };
  const describeRequest = (r: InjectOptions) =>
    `${r.method} ${r.url}${r.payload ? ` ${JSON.stringify(r.payload)}` : ""}`;

  /** Each public answer's status and body, keyed by its request. */
  async function publicView(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const request of publicRequests()) {
      const res = await app.inject(request);
      out[describeRequest(request)] = `${res.statusCode} ${res.body}`;
    }
    return out;
  }

  const upload = async (id: number) => {
    const slice = (table: TableId) => keepCategories(keepCategories(ALL[table], "reporter", ["KAZ"]), "year", ["2021"]);
    const body = multipart([
      { name: "t1_1.csv", content: csvOf("T1_1", slice("T1_1")) },
      { name: "t2_1.csv", content: csvOf("T2_1", slice("T2_1")) },
    ]);
    return kaz.inject(app, {
      method: "POST",
      url: `/api/submissions/${id}/files`,
      payload: body.payload,
      headers: { "content-type": body.contentType },
    });
  };

  it("shows the public nothing of it until its release, and all of it after", async () => {
    expect(T2_1_WORD).toBeDefined();
    // The caches warm up with the published state (twice: the second answers come from the response cache).
    const before = await publicView();
    expect(await publicView()).toEqual(before);
    expect(before["GET /api/v2/tables/T2_1"]).toMatch(/^404 /);
    expect(before["GET /api/tables/T1_1/versions/1?format=csv"]).toMatch(/^200 /);

    let res = await kaz.inject(app, { method: "POST", url: "/api/submissions", payload: { reporter: "KAZ" } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    res = await upload(id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tables.sort()).toEqual(["T1_1", "T2_1"]);
    expect(await publicView(), "a draft reached the public").toEqual(before);

    const findings = (await kaz.inject(app, { url: `/api/submissions/${id}/findings` })).json();
    expect(findings.errors, JSON.stringify(findings.findings.slice(0, 3))).toBe(0);
    for (const f of findings.findings)
      await kaz.inject(app, {
        method: "PUT",
        url: `/api/submissions/${id}/findings/${encodeURIComponent(f.key)}/comment`,
        payload: { comment: "a new year of the register" },
      });
    res = await kaz.inject(app, { method: "POST", url: `/api/submissions/${id}/submit`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(await publicView(), "a submitted submission reached the public").toEqual(before);

    // A reader follows T1_1: told of the release when it happens, not before.
    const reader = await signedIn(app, t.storage.db, "editor");
    expect((await reader.inject(app, { method: "PUT", url: "/api/tables/T1_1/subscription" })).statusCode).toBe(200);
    const releasesTold = async () =>
      ((await reader.inject(app, { url: "/api/notifications" })).json().notifications as { kind: string }[]).filter(
        (n) => n.kind === "released",
      );

    const releaseAt = new Date(Date.now() + 3_600_000);
    res = await editor.inject(app, {
      method: "POST",
      url: `/api/submissions/${id}/approve`,
      payload: { releaseAt: releaseAt.toISOString() },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe("approved");
    expect(await publicView(), "an approved submission reached the public before its release").toEqual(before);
    // The scheduler, a minute before the embargo ends, releases nothing.
    expect(await releaseDue(t.storage.db, { now: () => new Date(releaseAt.getTime() - 60_000) })).toEqual([]);
    expect(await publicView(), "the submission reached the public before its embargo ended").toEqual(before);
    expect(await releasesTold()).toEqual([]);

    const released = await releaseDue(t.storage.db, { now: () => new Date(releaseAt.getTime() + 1000) });
    expect(released.map((r) => r.submissionId)).toEqual([id]);
    expect(await releasesTold()).toEqual([
      expect.objectContaining({ kind: "released", submissionId: id, tableId: "T1_1", version: 2, reporter: "KAZ" }),
    ]);
    // Every process reads the catalogue at most CATALOG_MAX_AGE_MS old (tables/catalog.ts): a release shows within
    // that, with no messaging between processes. Wait for it, bounded.
    const deadline = Date.now() + 5 * CATALOG_MAX_AGE_MS;
    while ((await app.inject({ url: "/api/v2/tables/T2_1" })).statusCode === 404 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await publicView();
    const changed = Object.keys(before).filter((key) => before[key] !== after[key]);
    // Every way shows it, the cache warmed before included (the T1_1 data answers were cached); only what the
    // release does not touch stays: an older version, the list of databases, the metadata it did not propose.
    const untouched = [
      "GET /api/tables/T1_1/versions/1?format=csv",
      "GET /api/v1/en/",
      "GET /api/v1/ru/",
      "GET /api/metadata/countries?reporter=KAZ",
    ];
    expect(changed.sort()).toEqual(
      Object.keys(before)
        .filter((key) => !untouched.includes(key))
        .sort(),
    );
    for (const key of [
      `GET /api/v1/en/${T2_1_V1}`,
      "GET /api/v2/tables/T2_1",
      "GET /api/v2/tables/T2_1/metadata",
      "GET /api/v2/tables/T2_1/data",
      "GET /api/tables/T1_1/versions/2?format=csv",
      "GET /api/tables/T1_1/compare?from=1&to=2",
      "GET /api/tables/T2_1",
    ])
      expect(after[key], key).toMatch(/^200 /);
    expect(after["GET /api/v2/tables"]).toContain("T2_1");
    expect(after[`GET /api/search?q=${T2_1_WORD}`]).toContain("T2_1");
    expect(after["GET /api/v2/tables/T1_1/data?outputFormat=csv&valuecodes[year]=*&valuecodes[reporter]=*"]).toContain(
      "2021",
    );
    expect(after["GET /api/feed.atom"]).toContain("T2_1");
  });
});
