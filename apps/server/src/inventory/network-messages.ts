/**
 * Messages of the inventory's network (relationships, identifiers, names, statuses, merges, verification and
 * releases) in English and Russian. Pure.
 */

import type { Message } from "./messages.ts";

export const networkMessages = {
  selfRelationship: (id: string): Message => ({
    en: `«${id}» cannot be related to itself`,
    ru: `«${id}» не может быть связана сама с собой`,
  }),
  unknownEntry: (id: string): Message => ({
    en: `there is no entry «${id}»`,
    ru: `записи «${id}» нет`,
  }),
  badRelationshipType: (value: string, known: readonly string[]): Message => ({
    en: `unknown relationship "${value}" (${known.join(", ")})`,
    ru: `неизвестная связь «${value}» (${known.join(", ")})`,
  }),
  alreadyRelated: (a: string, b: string): Message => ({
    en: `«${a}» and «${b}» are already related; remove that relationship first`,
    ru: `«${a}» и «${b}» уже связаны; сначала удалите эту связь`,
  }),
  notRelated: (a: string, b: string): Message => ({
    en: `«${a}» and «${b}» are not related`,
    ru: `«${a}» и «${b}» не связаны`,
  }),
  cycle: (path: readonly string[], type: "parent" | "predecessor"): Message => ({
    en: `this would make a cycle of ${type === "parent" ? "parents" : "predecessors"}: ${path.join(" → ")}`,
    ru: `получился бы цикл ${type === "parent" ? "вышестоящих организаций" : "предшественников"}: ${path.join(" → ")}`,
  }),
  missingReciprocal: (from: string, type: Message, to: string, expected: Message): Message => ({
    en: `«${from}» lists «${to}» as «${type.en}», but «${to}» does not list «${from}» as «${expected.en}»`,
    ru: `у «${from}» запись «${to}» указана как «${type.ru}», но у «${to}» нет обратной связи: «${from}» как «${expected.ru}»`,
  }),
  conflictingRelationships: (a: string, b: string): Message => ({
    en: `«${a}» and «${b}» are given two different relationships`,
    ru: `для «${a}» и «${b}» указаны две разные связи`,
  }),
  badIdentifier: (scheme: string, value: string, format: string): Message => ({
    en: `«${value}» is not a ${scheme} identifier (${format})`,
    ru: `«${value}» — не идентификатор ${scheme} (${format})`,
  }),
  badChecksum: (value: string): Message => ({
    en: `«${value}»: the last two digits of a ROR identifier are its checksum, and they do not match (a typo?)`,
    ru: `«${value}»: последние две цифры идентификатора ROR — контрольная сумма, и она не сходится (опечатка?)`,
  }),
  badScheme: (value: string): Message => ({
    en: `unknown identifier scheme "${value}" (ror, wikidata, national)`,
    ru: `неизвестная схема идентификатора «${value}» (ror, wikidata, national)`,
  }),
  identifierTaken: (scheme: string, value: string, other: string): Message => ({
    en: `the ${scheme} identifier ${value} already belongs to «${other}» (a duplicate?)`,
    ru: `идентификатор ${scheme} ${value} уже есть у «${other}» (дубликат?)`,
  }),
  badNameType: (value: string): Message => ({
    en: `unknown name type "${value}" (official, short, acronym, former)`,
    ru: `неизвестный тип названия «${value}» (official, short, acronym, former)`,
  }),
  badLanguage: (value: string): Message => ({
    en: `"${value}" is not an ISO 639 language code (such as en, ru, hy)`,
    ru: `«${value}» — не код языка ISO 639 (например, en, ru, hy)`,
  }),
  emptyName: (): Message => ({ en: "the name is empty", ru: "название пустое" }),
  nameTooLong: (): Message => ({ en: "the name is longer than 500 characters", ru: "название длиннее 500 символов" }),
  tooMany: (field: string, max: number): Message => ({
    en: `${field}: at most ${max}`,
    ru: `${field}: не больше ${max}`,
  }),
  notAList: (field: string): Message => ({
    en: `${field} must be a list`,
    ru: `${field} должно быть списком`,
  }),
  mergeWithdrawn: (id: string): Message => ({
    en: `«${id}» is withdrawn; merge only entries in the list`,
    ru: `запись «${id}» изъята из перечня; объединять можно только записи перечня`,
  }),
  alreadyWithdrawn: (id: string): Message => ({
    en: `«${id}» is already withdrawn`,
    ru: `запись «${id}» уже изъята из перечня`,
  }),
  notDuplicateSelf: (): Message => ({
    en: "an entry cannot be a duplicate of itself",
    ru: "запись не может быть дубликатом самой себя",
  }),
  notEmpty: (count: number): Message => ({
    en: `the inventory is not empty (${count} entries): a release is imported only into an empty one`,
    ru: `перечень не пуст (записей: ${count}): выпуск загружается только в пустой перечень`,
  }),
  badRelease: (where: string, what: string): Message => ({
    en: `not a release of the inventory: ${where}: ${what}`,
    ru: `это не выпуск перечня: ${where}: ${what}`,
  }),
  releaseProblem: (where: string, message: Message): Message => ({
    en: `${where}: ${message.en}`,
    ru: `${where}: ${message.ru}`,
  }),
  releaseNotFound: (version: string): Message => ({
    en: `there is no release ${version}`,
    ru: `выпуска ${version} нет`,
  }),
  nothingToRelease: (): Message => ({
    en: "nothing changed since the last release",
    ru: "с прошлого выпуска ничего не изменилось",
  }),
  mergedFrom: (id: string): Message => ({ en: `merged from ${id}`, ru: `объединена с ${id}` }),
  withdrawn: (): Message => ({ en: "withdrawn", ru: "изъята из перечня" }),
  verified: (): Message => ({ en: "verified", ru: "проверена" }),
};
