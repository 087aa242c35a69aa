/** Messages of the glossary part, in English and Russian (same keys in both). */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    glossary: {
      title: "Glossary",
      intro:
        "The terms of migration statistics as the clearinghouse uses them, following the international recommendations, with the tables and indicators they concern.",
      search: "Search the glossary",
      searchHint: "Words of a term or its definition, in English or Russian.",
      count_one: "{{n}} term",
      count_other: "{{n}} terms",
      found_one: "{{n}} term found",
      found_other: "{{n}} terms found",
      none: "No term matches “{{query}}”.",
      clear: "Show all terms",
      index: "Index by letter",
      other: "0–9",
      letterEmpty: "{{letter}}: no terms",
      related: "Related terms:",
      source: "Source:",
      tables: "Tables:",
      link: "Link to “{{term}}”",
      category: {
        concept: "Concept",
        indicator: "Indicator",
        source: "Data source",
        classification: "Classification",
      },
    },
  },
  ru: {
    glossary: {
      title: "Глоссарий",
      intro:
        "Термины статистики миграции в том значении, в каком их использует информационный центр в соответствии с международными рекомендациями, с таблицами и показателями, к которым они относятся.",
      search: "Поиск по глоссарию",
      searchHint: "Слова из термина или его определения, на русском или английском языке.",
      count_one: "{{n}} термин",
      count_few: "{{n}} термина",
      count_many: "{{n}} терминов",
      count_other: "{{n}} термина",
      found_one: "Найден {{n}} термин",
      found_few: "Найдено {{n}} термина",
      found_many: "Найдено {{n}} терминов",
      found_other: "Найдено {{n}} термина",
      none: "Нет терминов, соответствующих запросу «{{query}}».",
      clear: "Показать все термины",
      index: "Указатель по буквам",
      other: "0–9",
      letterEmpty: "{{letter}}: терминов нет",
      related: "Связанные термины:",
      source: "Источник:",
      tables: "Таблицы:",
      link: "Ссылка на «{{term}}»",
      category: {
        concept: "Понятие",
        indicator: "Показатель",
        source: "Источник данных",
        classification: "Классификация",
      },
    },
  },
} satisfies Messages;
