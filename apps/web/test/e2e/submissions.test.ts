/**
 * The whole submission workflow end to end, in the system Chromium, on the real build and server with the demo
 * tables: an administrator invites a focal point of Kazakhstan on the accounts page, who accepts on the invitation
 * page, downloads the CSV template, has a misspelt code refused, fills the Excel template (written here with
 * exceljs) with a wrong total, fixes it, answers the warning and submits; an editor returns it, the focal point
 * adds the metadata and submits again, the editor approves it with an embargo; the public sees nothing of it
 * (table page and API) until the release; then the new version and its comparison with the previous one are there.
 * The focal point works in Russian, the secretariat in English, and every page is also opened in the other
 * language, checked with axe and photographed (reports/e2e/submissions-*.png).
 */
import { readFileSync } from "node:fs";
import { flagLetters, fromJsonStat2, Status } from "@clearinghouse/cube/browser";
import { templateXlsx } from "@clearinghouse/domain";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../server/src/auth/password.ts";
import { createUser } from "../../../server/src/auth/store.ts";
import { expectAccessible, openSession, type Session, screenshot, waitForFigures } from "./browser.ts";

const TABLE = "T7_1";
const TABLE_RU = "Приобретение гражданства по статусу получателя";
const REPORTER = "KAZ";
const YEAR = "2024";
const ADMIN = { email: "admin@example.org", name: "Admin", password: "a long admin passphrase 3" };
const EDITOR = { email: "editor@example.org", name: "Editor", password: "a long editor passphrase 4" };
const FOCAL = { email: "focal.kaz@example.org", name: "Айгерим Нурланова", password: "a long focal passphrase 5" };

let s: Session;
beforeAll(async () => {
  s = await openSession();
  for (const [who, role] of [
    [ADMIN, "administrator"],
    [EDITOR, "editor"],
  ] as const) {
    await createUser(
      s.server.storage.db,
      { email: who.email, name: who.name, role, passwordHash: await hashPassword(who.password) },
      new Date(),
    );
  }
}, 240_000);
afterAll(async () => {
  await s?.close();
});

/** Signs in through the sign-in page, in its language. */
async function signIn(page: Page, lang: "en" | "ru", who: { email: string; password: string }) {
  await page.goto(`${s.url}/${lang}/signin`);
  await page.getByLabel(lang === "en" ? "E-mail" : "Электронная почта").fill(who.email);
  await page.getByLabel(lang === "en" ? "Password" : "Пароль").fill(who.password);
  await page.getByRole("button", { name: lang === "en" ? "Sign in" : "Войти" }).click();
  await page.getByRole("button", { name: lang === "en" ? "Sign out" : "Выйти" }).waitFor();
}

/** Waits until nothing on the page says it is loading. */
const settle = (page: Page) =>
  page.waitForFunction(() => !document.querySelector("main .status[role=status]"), undefined, { timeout: 30_000 });

/** The page checked with axe and photographed, then the same in the other language, then back. */
async function bothLanguages(page: Page, name: string) {
  const here = new URL(page.url());
  const lang = here.pathname.startsWith("/ru") ? "ru" : "en";
  const other = lang === "en" ? "ru" : "en";
  await settle(page);
  await expectAccessible(page, `${name} (${lang})`);
  await screenshot(page, `submissions-${name}-${lang}`);
  await page.goto(`${here.origin}/${other}${here.pathname.slice(3)}${here.search}`);
  await page.locator("main h1").waitFor();
  await settle(page);
  await expectAccessible(page, `${name} (${other})`);
  await screenshot(page, `submissions-${name}-${other}`);
  await page.goto(here.href);
  await page.locator("main h1").waitFor();
  await settle(page);
}

/** KAZ's published cells of table 7.1 for the year, by prevstatus|sex|age, read from the public API 2.0. */
async function publishedCells(): Promise<Map<string, { value: number | null; flags: number }>> {
  const response = await fetch(`${s.url}/api/v2/tables/${TABLE}/data?lang=en&outputFormat=json-stat2`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      selection: [
        { variableCode: "reporter", valueCodes: [REPORTER] },
        { variableCode: "year", valueCodes: [YEAR] },
        { variableCode: "prevstatus", valueCodes: ["*"] },
        { variableCode: "sex", valueCodes: ["*"] },
        { variableCode: "age", valueCodes: ["*"] },
        { variableCode: "ContentsCode", valueCodes: ["*"] },
      ],
    }),
  });
  expect(response.status).toBe(200);
  const ds = fromJsonStat2(await response.json(), { lang: "en" });
  const codes = (code: string) => ds.dimensions.find((d) => d.code === code)?.categories.map((c) => c.code) ?? [];
  const [prevstatus, sex, age] = [codes("prevstatus"), codes("sex"), codes("age")];
  const cells = new Map<string, { value: number | null; flags: number }>();
  let i = 0;
  for (const p of prevstatus)
    for (const x of sex)
      for (const a of age) {
        cells.set(`${p}|${x}|${a}`, {
          value: ds.status[i] === Status.value ? (ds.values[i] as number) : null,
          flags: ds.flags[i] as number,
        });
        i++;
      }
  return cells;
}

/**
 * Moves `n` acquisitions of men aged 25–29 from "foreign citizens" to "unknown" (every total kept): a revision of
 * released figures whose only large relative change is the small cell of unknown status, so one warning.
 */
function revised(cells: ReadonlyMap<string, { value: number | null; flags: number }>, n: number) {
  const out = new Map(cells);
  for (const sex of ["M", "_T"])
    for (const age of ["Y25T29", "_T"]) {
      const add = (status: string, d: number) => {
        const key = `${status}|${sex}|${age}`;
        const cell = out.get(key) as { value: number | null; flags: number };
        out.set(key, { ...cell, value: (cell.value ?? 0) + d });
      };
      add("FOR", -n);
      add("_U", n);
    }
  return out;
}

/** The downloaded long CSV template with the cells filled in (`-` for nil, flags as letters). */
function filledCsv(
  template: string,
  cells: ReadonlyMap<string, { value: number | null; flags: number }>,
  edit: (row: Record<string, string>) => void = () => {},
): string {
  const lines = template
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split(/\r?\n/);
  const head = (lines[0] as string).split(",");
  const column = (name: string) => head.indexOf(name);
  const rows = lines.slice(1).map((line) => {
    const fields = line.split(",");
    const row = Object.fromEntries(head.map((h, k) => [h, fields[k] ?? ""]));
    const cell = cells.get(`${row.prevstatus}|${row.sex}|${row.age}`);
    if (!cell) throw new Error(`no published cell for ${line}`);
    fields[column("value")] = cell.value === null ? "-" : String(cell.value);
    fields[column("flags")] = flagLetters(cell.flags);
    const named = Object.fromEntries(head.map((h, k) => [h, fields[k] ?? ""]));
    edit(named);
    return head.map((h) => named[h] ?? "").join(",");
  });
  return `${[lines[0], ...rows].join("\r\n")}\r\n`;
}

/**
 * The Excel template filled in with exceljs as a person would: each value cell of the wide sheet (a row per status
 * and sex, the age groups across) gets its figure, with its flag letters (`123p`), or `-` for nil.
 */
async function filledWorkbook(
  template: Uint8Array,
  cells: ReadonlyMap<string, { value: number | null; flags: number }>,
  edit: (key: string, value: string | number) => string | number = (_, value) => value,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.getWorksheet(TABLE);
  if (!sheet) throw new Error(`the template has no sheet ${TABLE}`);
  let header = 0;
  sheet.eachRow((row, n) => {
    if (!header && row.getCell(1).value === "year") header = n;
  });
  const codes = (sheet.getRow(header).values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
  const statusColumn = codes.indexOf("prevstatus");
  const sexColumn = codes.indexOf("sex");
  let filled = 0;
  for (let r = header + 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const status = String(row.getCell(statusColumn).value ?? "");
    const sex = String(row.getCell(sexColumn).value ?? "");
    for (let c = sexColumn + 3; c < codes.length; c++) {
      const key = `${status}|${sex}|${codes[c]}`;
      const cell = cells.get(key);
      if (!cell) continue;
      const letters = flagLetters(cell.flags);
      const written = cell.value === null ? "-" : letters ? `${cell.value}${letters}` : cell.value;
      row.getCell(c).value = edit(key, written);
      filled++;
    }
  }
  expect(filled).toBe(cells.size);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Chooses files in the upload's file input and sends them. */
async function upload(page: Page, lang: "en" | "ru", files: { name: string; text?: string; bytes?: Buffer }[]) {
  await page.getByLabel(lang === "en" ? "Choose files" : "Выбрать файлы").setInputFiles(
    files.map((f) => ({
      name: f.name,
      mimeType: f.bytes ? XLSX : "text/csv",
      buffer: f.bytes ?? Buffer.from(f.text ?? "", "utf8"),
    })),
  );
  await page.getByRole("button", { name: lang === "en" ? "Upload" : "Загрузить", exact: true }).click();
}

const state = async (page: Page) => (await page.locator(".sub-facts .sub-state").textContent()) ?? "";

let submissionUrl = "";
let template = "";
let published = new Map<string, { value: number | null; flags: number }>();

describe("a submission from invitation to release, in a browser", () => {
  it("lets an administrator invite a focal point of Kazakhstan, who accepts", async () => {
    const admin = await s.newPage();
    await signIn(admin, "en", ADMIN);
    await admin.getByRole("link", { name: "Accounts" }).click();
    await admin.waitForURL(/\/en\/admin\/users$/);
    await admin.locator("#invite-email").fill(FOCAL.email);
    await admin.getByRole("checkbox", { name: REPORTER }).check();
    await admin.getByRole("button", { name: "Create the invitation" }).click();
    const link = await admin.locator("#invite-link").inputValue();
    expect(link).toMatch(/\/en\/invitation#[A-Za-z0-9_-]{43}$/);

    // The focal point opens the link in a browser of its own, in Russian, and is signed in.
    const focal = await s.newPage({ locale: "ru-RU" });
    await focal.goto(link.replace(/^https?:\/\/[^/]+/, s.url).replace("/en/", "/ru/"));
    await focal.getByText(/Вас приглашают в роли «координатор» для KAZ/).waitFor();
    await focal.getByLabel("Ваше имя").fill(FOCAL.name);
    await focal.getByLabel("Придумайте пароль").fill(FOCAL.password);
    await focal.getByLabel("Пароль ещё раз").fill(FOCAL.password);
    await focal.getByRole("button", { name: "Создать учётную запись" }).click();
    await focal.getByText(/учётная запись создана, вы вошли в систему/).waitFor();
    await focal.getByRole("link", { name: "Заявки", exact: true }).waitFor();
  }, 180_000);

  it("lets the focal point start a submission, download the template, upload with errors and fix them", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, "ru", FOCAL);
    await page.getByRole("link", { name: "Заявки", exact: true }).click();
    await page.waitForURL(/\/ru\/submissions$/);
    await page.getByText("Заявок нет.").waitFor();
    // The focal point's one country is chosen already.
    expect(await page.getByLabel("Новая заявка для страны").inputValue()).toBe(REPORTER);
    await bothLanguages(page, "list-empty");
    await page.getByRole("button", { name: "Создать заявку" }).click();
    await page.waitForURL(/\/ru\/submissions\/\d+$/);
    submissionUrl = page.url();
    expect(await state(page)).toBe("Черновик");

    await page.getByLabel("Годы").fill(YEAR);
    await page.getByRole("checkbox", { name: TABLE_RU }).check();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: `${TABLE_RU}: CSV` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${TABLE}_${REPORTER}_${YEAR}.csv`);
    template = readFileSync(await download.path(), "utf8");
    expect(template.split("\n")[0]).toContain("prevstatus");
    await bothLanguages(page, "draft");

    // 1. A misspelt code: refused with the file's problems, where they are and the codes meant.
    published = await publishedCells();
    const misspelt = filledCsv(template, revised(published, 3), (row) => {
      if (row.prevstatus === "_U" && row.sex === "F" && row.age === "Y25T29") row.age = "Y25-29";
    });
    await upload(page, "ru", [{ name: "kaz-7-1.csv", text: misspelt }]);
    const problems = page.locator(".sub-upload__problems");
    await problems.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: as shown
    const problemText = await problems.innerText();
    expect(problemText).toContain("kaz-7-1.csv");
    expect(problemText).toContain("Y25-29");
    expect(problemText).toContain("Y25T29");
    await bothLanguages(page, "upload-refused");

    // 2. The Excel template filled with one figure wrong: stored, with the error findings; submitting waits.
    // (The server has no Excel template route yet: the workbook is the one the domain makes for it.)
    const workbook = await templateXlsx({ tables: [TABLE], reporter: REPORTER, years: [YEAR] });
    const wrong = await filledWorkbook(workbook, revised(published, 3), (key, value) =>
      key === "FOR|M|Y30T34" ? `${Number.parseInt(String(value), 10) + 7}` : value,
    );
    await upload(page, "ru", [{ name: "kaz-7-1.xlsx", bytes: wrong }]);
    await page.locator(".sub-finding--error").first().waitFor();
    expect(await page.locator(".sub-finding--error").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Отправить на проверку" }).isDisabled()).toBe(true);
    // From a finding to its cell in the grid, and back.
    await page.locator(".sub-finding--error").first().getByRole("button", { name: "Показать в таблице" }).click();
    const marked = page.locator(".pivot__cell--mark-error button").first();
    await marked.waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains("pivot__mark"));
    await marked.click();
    await page.waitForFunction(() => document.activeElement?.classList.contains("sub-finding"));
    await bothLanguages(page, "findings-errors");

    // 3. Fixed: no error, one warning that needs a comment, and released figures change (a revision note).
    await upload(page, "ru", [{ name: "kaz-7-1.xlsx", bytes: await filledWorkbook(workbook, revised(published, 3)) }]);
    await page.waitForFunction(
      () =>
        document.querySelectorAll(".sub-finding--error").length === 0 &&
        document.querySelectorAll(".sub-finding--warning").length > 0,
    );
    const warnings = page.locator(".sub-finding--warning");
    expect(await warnings.count()).toBe(1);
    expect(await page.getByRole("button", { name: "Отправить на проверку" }).isDisabled()).toBe(true);
    await warnings.first().getByLabel("Ваш комментарий").fill("Уточнены сведения о 3 лицах: статус неизвестен.");
    await warnings.first().getByRole("button", { name: "Сохранить комментарий" }).click();
    await warnings.first().getByText("Комментарий сохранён.").waitFor();
    const submit = page.locator("#submit");
    await submit.getByLabel("Английский").fill("Three acquisitions of 2024 reclassified to unknown status.");
    await submit.getByLabel("Русский").fill("Три случая 2024 года отнесены к неизвестному статусу.");
    await bothLanguages(page, "ready");
    await submit.getByLabel("Английский").fill("Three acquisitions of 2024 reclassified to unknown status.");
    await submit.getByLabel("Русский").fill("Три случая 2024 года отнесены к неизвестному статусу.");
    await page.getByRole("button", { name: "Отправить на проверку" }).click();
    await page.waitForFunction(() => document.querySelector(".sub-facts .sub-state")?.textContent === "На проверке");
    await bothLanguages(page, "submitted");
  }, 180_000);

  it("lets an editor find it in the queue, read it and return it with comments", async () => {
    const page = await s.newPage();
    await signIn(page, "en", EDITOR);
    await page.getByRole("link", { name: "Review", exact: true }).click();
    await page.waitForURL(/\/en\/review$/);
    await page.getByText("1 submission", { exact: true }).waitFor();
    await bothLanguages(page, "queue");
    await page.locator(".sub-table a").first().click();
    await page.waitForURL(submissionUrl.replace("/ru/", "/en/"));
    await settle(page);
    expect(await state(page)).toBe("Submitted");
    // Read-only for the secretariat: no upload, no metadata form, the country's comment shown.
    expect(await page.getByLabel("Choose files").count()).toBe(0);
    await page.getByText("Уточнены сведения о 3 лицах").waitFor();
    await page.locator(".sub-finding--warning").getByLabel("Comment on this finding").fill("Which source says so?");
    await page.getByLabel("General comment to the country").fill("Please add the metadata of table 7.1.");
    await bothLanguages(page, "review");
    await page.locator(".sub-finding--warning").getByLabel("Comment on this finding").fill("Which source says so?");
    await page.getByLabel("General comment to the country").fill("Please add the metadata of table 7.1.");
    await page.getByRole("button", { name: "Return to the country" }).click();
    await page.waitForFunction(() => document.querySelector(".sub-facts .sub-state")?.textContent === "Returned");
  }, 180_000);

  it("lets the focal point read the comments, add the metadata and submit again", async () => {
    const page = await s.newPage({ locale: "ru-RU" });
    await signIn(page, "ru", FOCAL);
    await page.goto(submissionUrl);
    await settle(page);
    expect(await state(page)).toBe("Возвращена");
    await page.getByText("Секретариат: Which source says so?").waitFor();
    await page.getByText("Please add the metadata of table 7.1.").first().waitFor();

    // Metadata: an incomplete entry first, refused with the server's message next to its field.
    const metadata = page.locator("#metadata");
    await metadata.getByRole("button", { name: "Добавить запись" }).click();
    await metadata.getByLabel("С года").fill("2015");
    await metadata.getByRole("button", { name: "Сохранить метаданные" }).click();
    await metadata.locator(".inv-form__problem").first().waitFor();
    // (Here only: leaving the page would drop the unsaved entry.)
    await expectAccessible(page, "metadata refused (ru)");
    await screenshot(page, "submissions-metadata-refused-ru");
    const texts: Record<string, [string, string]> = {
      source: ["Register of citizenship decisions", "Регистр решений о гражданстве"],
      definition: ["Acquisitions registered in the year", "Приобретения, зарегистрированные за год"],
      coverage: ["Whole country", "Вся страна"],
    };
    const legends: Record<string, string> = {
      source: "Источник (регистры, виды на жительство, пограничная статистика, перепись, обследование)",
      definition: "Применённое определение (правило 12 или 6 месяцев; население де-юре или де-факто)",
      coverage: "Охват",
    };
    for (const [field, [en, ru]] of Object.entries(texts)) {
      const group = metadata.getByRole("group", { name: legends[field] });
      await group.getByLabel("Английский").fill(en);
      await group.getByLabel("Русский").fill(ru);
    }
    await metadata.getByRole("button", { name: "Сохранить метаданные" }).click();
    await metadata.getByText("Метаданные сохранены.").waitFor();

    const warning = page.locator(".sub-finding--warning").first();
    await warning
      .getByLabel("Ваш комментарий")
      .fill("По регистру решений о гражданстве: статус трёх лиц не установлен.");
    await warning.getByRole("button", { name: "Сохранить комментарий" }).click();
    await warning.getByText("Комментарий сохранён.").waitFor();
    await bothLanguages(page, "returned");
    const submit = page.locator("#submit");
    await submit.getByLabel("Английский").fill("Three acquisitions of 2024 reclassified to unknown status.");
    await submit.getByLabel("Русский").fill("Три случая 2024 года отнесены к неизвестному статусу.");
    await page.getByRole("button", { name: "Отправить на проверку" }).click();
    await page.waitForFunction(() => document.querySelector(".sub-facts .sub-state")?.textContent === "На проверке");
  }, 180_000);

  it("lets the editor approve it with an embargo, and the public sees nothing of it", async () => {
    const page = await s.newPage();
    await signIn(page, "en", EDITOR);
    await page.goto(submissionUrl.replace("/ru/", "/en/"));
    await settle(page);
    // An hour ahead, written as the reader's clock shows it.
    const embargo = new Date(Date.now() + 3_600_000);
    const local = await page.evaluate((iso) => {
      const d = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, embargo.toISOString());
    await page.getByLabel(/^Release at \(your time/).fill(local);
    await page.getByText(/^That is .* UTC\.$/).waitFor();
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    await page.waitForFunction(() => document.querySelector(".sub-facts .sub-state")?.textContent === "Approved");
    await page.locator(".sub-facts .sub-embargo").waitFor();
    await bothLanguages(page, "approved");

    // The public: the API and the table page still have the released figure, and no new version.
    const now = await publishedCells();
    expect(now.get("_U|M|Y25T29")).toEqual(published.get("_U|M|Y25T29"));
    const id = Number(submissionUrl.split("/").at(-1));
    const versions = (await (await fetch(`${s.url}/api/tables/${TABLE}/versions`)).json()) as {
      submission: number | null;
    }[];
    expect(versions.some((v) => v.submission === id)).toBe(false);
    const reader = await s.newPage();
    await reader.goto(`${s.url}/en/tables/${TABLE}`);
    await waitForFigures(reader);
    await screenshot(reader, "submissions-public-before-release");
  }, 180_000);

  it("releases it: the new figures are public, with the new version and its comparison", async () => {
    const page = await s.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    await signIn(page, "en", EDITOR);
    await page.goto(submissionUrl.replace("/ru/", "/en/"));
    await settle(page);
    await page.getByRole("button", { name: "Release now" }).click();
    await page.waitForFunction(() => document.querySelector(".sub-facts .sub-state")?.textContent === "Released");
    await page.locator("#released").waitFor();
    await settle(page);
    await bothLanguages(page, "released");

    // The public API has the new figures once the catalogue has taken the release in.
    let after = await publishedCells();
    for (
      let tries = 0;
      tries < 20 && after.get("_U|M|Y25T29")?.value === published.get("_U|M|Y25T29")?.value;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      after = await publishedCells();
    }
    expect(after.get("_U|M|Y25T29")?.value).toBe((published.get("_U|M|Y25T29")?.value ?? 0) + 3);
    expect(after.get("FOR|M|Y25T29")?.value).toBe((published.get("FOR|M|Y25T29")?.value ?? 0) - 3);

    // The new version, from the submission's page, and its comparison with the one before: the 8 cells moved.
    const versions = (await (await fetch(`${s.url}/api/tables/${TABLE}/versions`)).json()) as {
      version: number;
      submission: number | null;
      revisionNote: { en: string } | null;
    }[];
    const id = Number(submissionUrl.split("/").at(-1));
    const mine = versions.find((v) => v.submission === id);
    expect(mine?.revisionNote?.en).toBe("Three acquisitions of 2024 reclassified to unknown status.");
    await page.getByRole("link", { name: `${TABLE}: Version ${mine?.version}` }).click();
    await page.waitForURL(new RegExp(`/en/tables/${TABLE}\\?version=${mine?.version}$`));
    await waitForFigures(page);
    await screenshot(page, "submissions-new-version-en");
    await page.goBack();
    await page.locator("#released a").nth(1).click();
    await page.waitForURL(new RegExp(`/en/tables/${TABLE}/compare\\?from=\\d+&to=${mine?.version}$`));
    await page.locator('.compare-page__counts [data-count="changed"]').waitFor();
    // The 8 cells moved, and any whose flags the workbook wrote differently (it has no flags column).
    const changed = (await page.locator('.compare-page__counts [data-count="changed"]').textContent()) ?? "";
    expect(Number(/^(\d+) cells? changed$/.exec(changed)?.[1])).toBeGreaterThanOrEqual(8);
    await bothLanguages(page, "comparison");
  }, 180_000);
});
