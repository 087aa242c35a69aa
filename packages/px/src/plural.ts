/**
 * A count with its noun in the right plural form: "1 value", "2 values"; «1 значение», «2 значения», «5 значений».
 * Forms follow the CLDR rules through Intl.PluralRules, so Russian gets one / few / many right for 21, 22, 25, 111.
 */

const rules = { en: new Intl.PluralRules("en"), ru: new Intl.PluralRules("ru") };

export interface PluralForms {
  readonly one: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** `count` followed by the form of the noun it takes; a non-number (a phrase) takes the `other` form. */
export function countOf(count: number | string, forms: PluralForms, lang: "en" | "ru" = "en"): string {
  if (typeof count !== "number") return `${count} ${forms.other}`;
  const category = rules[lang].select(count) as keyof PluralForms;
  return `${count} ${forms[category] ?? forms.other}`;
}

/** Noun forms used in messages. */
export const NOUNS = {
  value: {
    en: { one: "value", other: "values" },
    ru: { one: "значение", few: "значения", many: "значений", other: "значения" },
  },
  item: {
    en: { one: "item", other: "items" },
    ru: { one: "элемент", few: "элемента", many: "элементов", other: "элемента" },
  },
  subkey: {
    en: { one: "subkey", other: "subkeys" },
    ru: { one: "подключ", few: "подключа", many: "подключей", other: "подключа" },
  },
  period: {
    en: { one: "period", other: "periods" },
    ru: { one: "период", few: "периода", many: "периодов", other: "периода" },
  },
  problem: {
    en: { one: "problem", other: "problems" },
    ru: { one: "проблема", few: "проблемы", many: "проблем", other: "проблемы" },
  },
  cell: { en: { one: "cell", other: "cells" }, ru: { one: "ячейка", few: "ячейки", many: "ячеек", other: "ячейки" } },
} as const satisfies Record<string, { en: PluralForms; ru: PluralForms }>;
