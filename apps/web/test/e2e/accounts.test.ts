/**
 * Accounts end to end, in the system Chromium on the real build and server, in English and Russian: an
 * administrator invites a focal point of KAZ (the link shown once, copied), the focal point opens the link in
 * another browser, chooses a name and a password and is signed in, then changes the password; the administrator
 * sees it all in the audit log. Every page is checked with axe; screenshots go to reports/e2e.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../../server/src/auth/password.ts";
import { createUser } from "../../../server/src/auth/store.ts";
import { expectAccessible, openSession, type Session, screenshot } from "./browser.ts";

let s: Session;
beforeAll(async () => {
  s = await openSession();
}, 240_000);
afterAll(async () => {
  await s?.close();
});

const TEXT = {
  en: {
    email: "E-mail",
    password: "Password",
    signIn: "Sign in",
    accounts: "Accounts",
    audit: "Audit log",
    admin: "Administration",
    inviteEmail: "E-mail",
    kaz: "KAZ",
    create: "Create the invitation",
    copy: "Copy the link",
    copied: "Copied.",
    invited: /You are invited as focal point for KAZ with the e-mail aigul\.en@stat\.kz\./,
    name: "Your name",
    choose: "Choose a password",
    again: "The password again",
    accept: "Create my account",
    welcome: "Welcome, Aigul: your account is ready and you are signed in.",
    menuPassword: "Password",
    current: "Current password",
    next: "New password",
    nextAgain: "New password again",
    change: "Change the password",
    changed: "Your password is changed. Other sessions have ended.",
    used: "this invitation has already been used",
    accepted: "invitation accepted",
    changedLog: "own password changed",
  },
  ru: {
    email: "Электронная почта",
    password: "Пароль",
    signIn: "Войти",
    accounts: "Учётные записи",
    audit: "Журнал аудита",
    admin: "Администрирование",
    inviteEmail: "Электронная почта",
    kaz: "KAZ",
    create: "Создать приглашение",
    copy: "Скопировать ссылку",
    copied: "Скопировано.",
    invited: /Вас приглашают в роли «координатор» для KAZ с адресом aigul\.ru@stat\.kz\./,
    name: "Ваше имя",
    choose: "Придумайте пароль",
    again: "Пароль ещё раз",
    accept: "Создать учётную запись",
    welcome: "Добро пожаловать, Айгуль: учётная запись создана, вы вошли в систему.",
    menuPassword: "Пароль",
    current: "Текущий пароль",
    next: "Новый пароль",
    nextAgain: "Новый пароль ещё раз",
    change: "Сменить пароль",
    changed: "Пароль изменён. Другие сеансы завершены.",
    used: "это приглашение уже использовано",
    accepted: "приглашение принято",
    changedLog: "пароль сменён владельцем",
  },
} as const;

async function signIn(page: Page, lang: "en" | "ru", email: string, password: string) {
  const text = TEXT[lang];
  await page.goto(`${s.url}/${lang}/signin`);
  await page.getByLabel(text.email).fill(email);
  await page.getByLabel(text.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: text.signIn, exact: true }).click();
  await page.getByRole("link", { name: text.accounts }).waitFor();
}

describe.each(["en", "ru"] as const)("accounts in a browser, in %s", (lang) => {
  it("invites a focal point, who accepts, is signed in and changes the password; the audit log shows it", async () => {
    const text = TEXT[lang];
    const admin = { email: `admin.${lang}@example.org`, password: `the administrator's password ${lang}` };
    await createUser(
      s.server.storage.db,
      { email: admin.email, name: "Admin", role: "administrator", passwordHash: await hashPassword(admin.password) },
      new Date(),
    );
    const page = await s.newPage({ locale: lang === "en" ? "en-GB" : "ru-RU" });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.url });
    await signIn(page, lang, admin.email, admin.password);
    await page.getByRole("link", { name: text.accounts }).click();
    await page.waitForURL(new RegExp(`/${lang}/admin/users$`));
    await page.locator("#invite-email").waitFor();
    await expectAccessible(page, `accounts page (${lang})`);

    const invitee = `aigul.${lang}@stat.kz`;
    await page.locator("#invite-email").fill(invitee);
    await page.getByRole("checkbox", { name: text.kaz }).check();
    await page.getByRole("button", { name: text.create }).click();
    const linkInput = page.locator("#invite-link");
    await linkInput.waitFor();
    const link = await linkInput.inputValue();
    expect(link).toMatch(new RegExp(`/${lang}/invitation#[A-Za-z0-9_-]{43}$`));
    // The focus goes to the link, which is shown only now.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H3");
    await page.getByRole("button", { name: text.copy }).click();
    await page.getByText(text.copied).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expectAccessible(page, `accounts page with the link (${lang})`);
    await screenshot(page, `accounts-invited-${lang}`);

    // The focal point, in a browser of its own.
    const focal = await s.newPage({ locale: lang === "en" ? "en-GB" : "ru-RU" });
    await focal.goto(link.replace(/^https?:\/\/[^/]+/, s.url));
    await focal.getByText(text.invited).waitFor();
    // The token leaves the address bar at once.
    expect(focal.url()).toBe(`${s.url}/${lang}/invitation`);
    await expectAccessible(focal, `invitation page (${lang})`);
    await screenshot(focal, `invitation-${lang}`);
    await focal.getByLabel(text.name).fill(lang === "en" ? "Aigul" : "Айгуль");
    await focal.getByLabel(text.choose).fill("a first long password of Aigul");
    await focal.getByLabel(text.again).fill("a first long password of Aigul");
    await focal.getByRole("button", { name: text.accept }).click();
    await focal.getByText(text.welcome).waitFor();

    await focal.getByRole("link", { name: text.menuPassword, exact: true }).click();
    await focal.waitForURL(new RegExp(`/${lang}/account/password$`));
    await expectAccessible(focal, `password page (${lang})`);
    await focal.getByLabel(text.current).fill("a first long password of Aigul");
    await focal.getByLabel(text.next, { exact: true }).fill("a second long password of Aigul");
    await focal.getByLabel(text.nextAgain).fill("a second long password of Aigul");
    await focal.getByRole("button", { name: text.change }).click();
    await focal.getByText(text.changed).waitFor();
    await screenshot(focal, `password-changed-${lang}`);

    // The link works once.
    const again = await s.newPage({ locale: lang === "en" ? "en-GB" : "ru-RU" });
    await again.goto(link.replace(/^https?:\/\/[^/]+/, s.url));
    await again.getByText(text.used).waitFor();

    await page.getByRole("navigation", { name: text.admin }).getByRole("link", { name: text.audit }).click();
    await page.waitForURL(new RegExp(`/${lang}/admin/audit$`));
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText (text as shown), not the DOM's
    const log = await page.locator(".admin-table--audit").innerText();
    expect(log).toContain(text.accepted);
    expect(log).toContain(text.changedLog);
    expect(log).toContain(invitee);
    await expectAccessible(page, `audit log (${lang})`);
    await screenshot(page, `audit-${lang}`);
  }, 120_000);
});
