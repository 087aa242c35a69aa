/** What the accounts API says, in English and Russian. Field names stay as in the JSON: clients map them. */

import { countOf, type PluralForms } from "@clearinghouse/px";
import type { Lang } from "../http/language.ts";
import type { InputProblem } from "./input.ts";
import type { PasswordProblem } from "./password.ts";
import { ROLE_LABELS, ROLES, type Role } from "./roles.ts";

type Texts = Readonly<Record<Lang, string>>;

/** "at most N characters", "at least N characters": the noun after не более / не менее is genitive. */
const CHARACTERS: Readonly<Record<Lang, PluralForms>> = {
  en: { one: "character", other: "characters" },
  ru: { one: "символа", few: "символов", many: "символов", other: "символа" },
};
/** "in N minutes" / «через N минут». */
const MINUTES: Readonly<Record<Lang, PluralForms>> = {
  en: { one: "minute", other: "minutes" },
  ru: { one: "минуту", few: "минуты", many: "минут", other: "минуты" },
};

/** "in N seconds" / «через N секунд». */
const SECONDS: Readonly<Record<Lang, PluralForms>> = {
  en: { one: "second", other: "seconds" },
  ru: { one: "секунду", few: "секунды", many: "секунд", other: "секунды" },
};

/** "in 40 seconds" under two minutes, else "in 15 minutes" (rounded up): how long the client waits. */
export function inDuration(seconds: number, lang: Lang): string {
  const [count, unit] = seconds < 120 ? [seconds, SECONDS] : [Math.ceil(seconds / 60), MINUTES];
  return lang === "en" ? `in ${countOf(count, unit.en, "en")}` : `через ${countOf(count, unit.ru, "ru")}`;
}

/** 14:05:30 UTC: the client may be anywhere, the time zone is said. */
const utcTime = (at: Date): string => `${at.toISOString().slice(11, 19)} UTC`;

export const TEXTS = {
  wrongCredentials: { en: "wrong email or password", ru: "неверный адрес электронной почты или пароль" },
  disabled: {
    en: "this account is disabled: ask an administrator",
    ru: "эта учётная запись отключена: обратитесь к администратору",
  },
  signInRequired: { en: "sign in first", ru: "сначала войдите в систему" },
  csrf: {
    en: "missing or wrong x-csrf-token header: take the token from /api/auth/me",
    ru: "заголовок x-csrf-token отсутствует или неверен: возьмите токен из /api/auth/me",
  },
  notFound: { en: "no such user", ru: "нет такого пользователя" },
  emailTaken: {
    en: "another account has this email",
    ru: "этот адрес электронной почты уже занят другой учётной записью",
  },
  lastAdministrator: {
    en: "at least one active administrator must remain",
    ru: "должен остаться хотя бы один действующий администратор",
  },
  invalidJson: { en: "the body is not valid JSON", ru: "тело запроса — не корректный JSON" },
  emptyBody: { en: "the body is empty: send a JSON object", ru: "тело запроса пусто: отправьте объект JSON" },
  mediaType: {
    en: "send the body as application/json",
    ru: "отправьте тело запроса как application/json",
  },
  invitationUnknown: {
    en: "this invitation link is not valid: check that it was copied whole, or ask an administrator for a new one",
    ru: "эта ссылка-приглашение недействительна: проверьте, что она скопирована целиком, или попросите у администратора новую",
  },
  invitationAccepted: {
    en: "this invitation has already been used: sign in with the account it created",
    ru: "это приглашение уже использовано: войдите в созданную по нему учётную запись",
  },
  invitationRevoked: {
    en: "this invitation was withdrawn by an administrator: ask for a new one",
    ru: "это приглашение отозвано администратором: попросите новое",
  },
  invitationNotPending: {
    en: "only a pending invitation can be withdrawn",
    ru: "отозвать можно только действующее приглашение",
  },
  invitationNotFound: { en: "no such invitation", ru: "нет такого приглашения" },
  invitationPending: {
    en: "a pending invitation for this email exists: withdraw it first to send another",
    ru: "для этого адреса уже есть действующее приглашение: чтобы отправить новое, сначала отзовите его",
  },
  emailHasAccount: {
    en: "an account with this email exists already",
    ru: "учётная запись с этим адресом электронной почты уже существует",
  },
  currentPasswordWrong: { en: "the current password is wrong", ru: "текущий пароль неверен" },
} as const satisfies Record<string, Texts>;

/** An invitation whose time ran out. */
export function invitationExpiredMessage(expiredAt: Date, lang: Lang): string {
  const when = `${expiredAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return lang === "en"
    ? `this invitation expired on ${when}: ask an administrator for a new one`
    : `срок этого приглашения истёк ${when}: попросите у администратора новое`;
}

/** The invitation e-mail: subject and text, in the language of the link. */
export function invitationMail(
  invitation: { readonly role: Role; readonly countries: readonly string[]; readonly expiresAt: Date },
  link: string,
  lang: Lang,
): { subject: string; text: string } {
  const role = ROLE_LABELS[invitation.role][lang];
  const countries = invitation.countries.length > 0 ? ` (${invitation.countries.join(", ")})` : "";
  const until = `${invitation.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return lang === "en"
    ? {
        subject: "Your invitation to the Migration Statistics Clearinghouse",
        text: `You are invited to the Migration Statistics Clearinghouse as ${role}${countries}.\n\nOpen this link to choose your name and password (it works once, until ${until}):\n${link}\n\nIf you did not expect this message, ignore it.\n`,
      }
    : {
        subject: "Приглашение в Информационный центр по статистике миграции",
        text: `Вас приглашают в Информационный центр по статистике миграции в роли «${role}»${countries}.\n\nОткройте ссылку, чтобы указать имя и пароль (она действует один раз, до ${until}):\n${link}\n\nЕсли вы не ждали этого письма, не обращайте на него внимания.\n`,
      };
}

/** A sign-in refused unchecked while its delay runs. */
export function throttledMessage(until: Date, seconds: number, lang: Lang): string {
  return lang === "en"
    ? `too many failed sign-ins: try again ${inDuration(seconds, lang)} (at ${utcTime(until)})`
    : `слишком много неудачных попыток входа: повторите ${inDuration(seconds, lang)} (в ${utcTime(until)})`;
}

/** A wrong password after which the next try waits. */
export function wrongCredentialsWaitMessage(seconds: number, lang: Lang): string {
  return lang === "en"
    ? `${TEXTS.wrongCredentials.en}: try again ${inDuration(seconds, lang)}`
    : `${TEXTS.wrongCredentials.ru}: повторите ${inDuration(seconds, lang)}`;
}

export function roleRequiredMessage(role: Role, lang: Lang): string {
  const label = ROLE_LABELS[role][lang];
  return lang === "en" ? `this needs the ${label} role` : `для этого нужна роль «${label}»`;
}

/** A focal point asking for another country's record. */
export function countryRefusedMessage(reporter: string, countries: readonly string[], lang: Lang): string {
  const own = countries.join(", ");
  if (lang === "en")
    return own ? `you act for ${own}, not for ${reporter}` : `your account acts for no country, so not for ${reporter}`;
  return own
    ? `вы представляете ${own}, но не ${reporter}`
    : `ваша учётная запись не представляет ни одной страны, в том числе ${reporter}`;
}

export function bodyTooLargeMessage(maxBytes: number, lang: Lang): string {
  const kb = Math.floor(maxBytes / 1024);
  return lang === "en" ? `the body is larger than ${kb} KB` : `тело запроса больше ${kb} КБ`;
}

function passwordMessage(problem: PasswordProblem, lang: Lang): string {
  switch (problem.code) {
    case "too-short":
      return lang === "en"
        ? `password must have at least ${countOf(problem.min, CHARACTERS.en, "en")}`
        : `пароль должен содержать не менее ${countOf(problem.min, CHARACTERS.ru, "ru")}`;
    case "too-long":
      return lang === "en"
        ? `password must have at most ${countOf(problem.max, CHARACTERS.en, "en")}`
        : `пароль должен содержать не более ${countOf(problem.max, CHARACTERS.ru, "ru")}`;
    case "common":
      return lang === "en"
        ? "password is too easy to guess (a common password, one repeated character or the email): choose another"
        : "пароль слишком легко угадать (распространённый пароль, один повторяющийся символ или адрес почты): выберите другой";
  }
}

export function inputMessage(problem: InputProblem, lang: Lang): string {
  const en = lang === "en";
  switch (problem.code) {
    case "not-object":
      return en ? "the body must be a JSON object" : "тело запроса должно быть объектом JSON";
    case "no-changes":
      return en
        ? `nothing to change: give at least one of ${problem.fields.join(", ")}`
        : `нечего менять: укажите хотя бы одно из полей ${problem.fields.join(", ")}`;
    case "unknown-field":
      return en ? `unknown field "${problem.field}"` : `неизвестное поле «${problem.field}»`;
    case "missing":
      return en ? `${problem.field} is required` : `поле ${problem.field} обязательно`;
    case "not-string":
      return en ? `${problem.field} must be a string` : `поле ${problem.field} должно быть строкой`;
    case "not-boolean":
      return en ? `${problem.field} must be true or false` : `поле ${problem.field} должно быть true или false`;
    case "empty":
      return en ? `${problem.field} is empty` : `поле ${problem.field} пустое`;
    case "too-long":
      return en
        ? `${problem.field} must have at most ${countOf(problem.max, CHARACTERS.en, "en")}`
        : `поле ${problem.field} должно содержать не более ${countOf(problem.max, CHARACTERS.ru, "ru")}`;
    case "control-characters":
      return en ? `${problem.field} contains control characters` : `поле ${problem.field} содержит управляющие символы`;
    case "email":
      return en ? "email is not an email address" : "поле email не является адресом электронной почты";
    case "role":
      return en
        ? `role must be one of ${ROLES.join(", ")}`
        : `поле role должно иметь одно из значений: ${ROLES.join(", ")}`;
    case "password":
      return passwordMessage(problem.problem, lang);
    case "not-array":
      return en ? `${problem.field} must be a list` : `поле ${problem.field} должно быть списком`;
    case "country":
      return en
        ? `"${problem.value}" is not a participating country: use one of ${problem.allowed.join(", ")}`
        : `«${problem.value}» — не страна-участница: укажите одну из ${problem.allowed.join(", ")}`;
    case "countries-required":
      return en
        ? "a focal point needs at least one participating country"
        : "координатору нужна хотя бы одна страна-участница";
    case "countries-not-bound": {
      const label = ROLE_LABELS[problem.role][lang];
      return en
        ? `only focal points have countries: an ${label} acts for every country`
        : `страны указываются только для координаторов: роль «${label}» действует для всех стран`;
    }
    case "days":
      return en
        ? `days must be a whole number from 1 to ${problem.max}`
        : `поле days должно быть целым числом от 1 до ${problem.max}`;
  }
}
