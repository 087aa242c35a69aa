/** What the notifications API says, in English and Russian. */

import type { Lang } from "../http/language.ts";

type Texts = Readonly<Record<Lang, string>>;

export const TEXTS = {
  readBody: {
    en: 'send {"ids": [1, 2, …]} (at most 1000 of your notifications) or {"all": true}',
    ru: 'отправьте {"ids": [1, 2, …]} (не более 1000 ваших уведомлений) или {"all": true}',
  },
  limit: {
    en: "limit must be a whole number from 1 to 100",
    ru: "limit должен быть целым числом от 1 до 100",
  },
  before: {
    en: "before must be the id of a notification (a whole number)",
    ru: "before должен быть номером уведомления (целым числом)",
  },
} satisfies Record<string, Texts>;

export const noTableMessage = (id: string, lang: Lang): string =>
  lang === "ru" ? `нет таблицы «${id}»` : `no table "${id}"`;
