/** Messages of suggestions, moderation and link checks, in English and Russian. Pure. */

import type { Message } from "./messages.ts";

export const moderationMessages = {
  notObject: (field: string): Message => ({
    en: `${field} must be a JSON object`,
    ru: `${field}: ожидается объект JSON`,
  }),
  required: (field: string): Message => ({ en: `${field} is required`, ru: `${field}: обязательное поле` }),
  notText: (field: string): Message => ({
    en: `${field} must be a text`,
    ru: `${field}: ожидается текст`,
  }),
  tooLong: (field: string, max: number): Message => ({
    en: `${field} is longer than ${max} characters`,
    ru: `${field}: длиннее ${max} символов`,
  }),
  unknownField: (field: string): Message => ({
    en: `${field} is not a field of a suggestion`,
    ru: `${field}: такого поля нет`,
  }),
  badKind: (field: string): Message => ({
    en: `${field} must be "new" or "correction"`,
    ru: `${field}: допустимы значения "new" и "correction"`,
  }),
  noChanges: (field: string): Message => ({
    en: `${field}: give at least one field to change`,
    ru: `${field}: укажите хотя бы одно поле для исправления`,
  }),
  badEmail: (field: string): Message => ({
    en: `${field} is not an e-mail address`,
    ru: `${field}: это не адрес электронной почты`,
  }),
  badVersion: (field: string): Message => ({
    en: `${field} must be a positive whole number`,
    ru: `${field}: ожидается целое положительное число`,
  }),
  badParameter: (parameter: string, allowed: string): Message => ({
    en: `${parameter} must be ${allowed}`,
    ru: `${parameter}: допустимо ${allowed}`,
  }),
  institutionNotFound: (id: string): Message => ({
    en: `there is no institution «${id}»`,
    ru: `учреждения «${id}» нет`,
  }),
  suggestionNotFound: (id: string): Message => ({
    en: `there is no suggestion ${id}`,
    ru: `предложения ${id} нет`,
  }),
  notPending: (state: string): Message => ({
    en: `the suggestion is already ${state}`,
    ru: `предложение уже ${state === "accepted" ? "принято" : "отклонено"}`,
  }),
  stale: (): Message => ({
    en: "the entry has changed since this correction was suggested: review the differences and send the fields to accept",
    ru: "запись изменилась после того, как было предложено исправление: проверьте различия и отправьте поля, которые принимаете",
  }),
  targetGone: (): Message => ({
    en: "the entry this correction is about no longer exists",
    ru: "записи, к которой относится исправление, больше нет",
  }),
  versionConflict: (expected: number, actual: number): Message => ({
    en: `the entry is at version ${actual}, not ${expected}: someone changed it meanwhile`,
    ru: `запись уже в версии ${actual}, а не ${expected}: её тем временем изменили`,
  }),
  mergeSelf: (): Message => ({
    en: "into: an entry cannot be merged into itself",
    ru: "into: запись нельзя объединить саму с собой",
  }),
  tooMany: (max: number, minutes: number): Message => ({
    en: `too many suggestions: at most ${max} per ${minutes} minutes, please try again later`,
    ru: `слишком много предложений: не больше ${max} за ${minutes} минут, попробуйте позже`,
  }),
  bodyTooLarge: (kb: number): Message => ({
    en: `the request is larger than ${kb} KB`,
    ru: `запрос больше ${kb} КБ`,
  }),
  summaryNew: (name: string): Message => ({ en: `New: «${name}»`, ru: `Новое: «${name}»` }),
  summaryCorrection: (name: string, fields: readonly string[]): Message => ({
    en: `Correction of «${name}»: ${fields.join(", ") || "no change"}`,
    ru: `Исправление «${name}»: ${fields.join(", ") || "без изменений"}`,
  }),
  mergedFrom: (id: string): Message => ({ en: `merged with «${id}»`, ru: `объединена с «${id}»` }),
  mergedInto: (id: string): Message => ({ en: `merged into «${id}»`, ru: `объединена с «${id}»` }),
} as const;
