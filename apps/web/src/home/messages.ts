/** Messages of the home part, in English and Russian (same keys in both). */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    home: {
      title: "Migration statistics for Eastern Europe, the Caucasus and Central Asia",
      intro:
        "The clearinghouse brings together the migration statistics of the countries of the region in standard tables with common definitions, comparable across countries: population by place of birth and citizenship, long-term immigration and emigration, acquisitions of citizenship.",
      origins: {
        un_single: "Table {{tables}} holds UN estimates (UN DESA, International Migrant Stock).",
        un_several: "Tables {{tables}} hold UN estimates (UN DESA, International Migrant Stock).",
        illustrative_single:
          "Table {{tables}} holds illustrative figures, invented to demonstrate the clearinghouse: they are not official statistics.",
        illustrative_several:
          "Tables {{tables}} hold illustrative figures, invented to demonstrate the clearinghouse: they are not official statistics.",
        national_single: "Table {{tables}} holds the figures submitted by the national statistical offices.",
        national_several: "Tables {{tables}} hold the figures submitted by the national statistical offices.",
        nationalNone: "No table holds national submissions yet.",
      },
      introUse:
        "In English and Russian. View a table, chart or map and download the figures, or fetch the same tables in scripts through the PxWeb-compatible API.",
      search: {
        label: "Search the tables",
        hint: "Words of a title, a variable or a value — a country, say — in English or Russian.",
        placeholder: "e.g. Kazakhstan",
        found_one: "{{n}} table found",
        found_other: "{{n}} tables found",
        none: "No table matches “{{query}}”.",
        searching: "Searching…",
        results: "Search results",
        kind: { title: "Title", variable: "Variable", value: "Value" },
        keys: "Use the arrow keys to move through the results and Escape to clear the search.",
      },
      chapters: "Tables by chapter",
      otherTables: "Other tables",
      tableCount_one: "{{n}} table",
      tableCount_other: "{{n}} tables",
      updated: "Updated {{date}}",
      illustrative: "Illustrative",
      illustrativeNote:
        "Tables marked Illustrative hold invented figures of plausible size that demonstrate the clearinghouse; they are not official statistics.",
      countries: "Participating countries",
      countryCount_one: "{{n}} country",
      countryCount_other: "{{n}} countries",
      latest: "Latest updates",
      links: "Glossary and API",
      glossary: "Glossary of migration statistics",
      glossaryText: "Definitions of the terms and indicators, in English and Russian.",
      apiDocs: "API documentation",
      apiText: "PxWeb API 2.0 and v1 compatible endpoints for scripts and statistical software.",
    },
  },
  ru: {
    home: {
      title: "Статистика миграции Восточной Европы, Кавказа и Центральной Азии",
      intro:
        "Информационный центр собирает статистику миграции стран региона в стандартных таблицах с общими определениями, сопоставимую между странами: население по месту рождения и гражданству, долгосрочная иммиграция и эмиграция, приобретение гражданства.",
      origins: {
        un_single: "Таблица {{tables}} содержит оценки ООН (ДЭСВ ООН, International Migrant Stock).",
        un_several: "Таблицы {{tables}} содержат оценки ООН (ДЭСВ ООН, International Migrant Stock).",
        illustrative_single:
          "Таблица {{tables}} содержит иллюстративные данные, вымышленные для демонстрации информационного центра: это не официальная статистика.",
        illustrative_several:
          "Таблицы {{tables}} содержат иллюстративные данные, вымышленные для демонстрации информационного центра: это не официальная статистика.",
        national_single: "Таблица {{tables}} содержит данные, представленные национальными статистическими службами.",
        national_several: "Таблицы {{tables}} содержат данные, представленные национальными статистическими службами.",
        nationalNone: "Данных, представленных странами, пока нет ни в одной таблице.",
      },
      introUse:
        "На русском и английском языках. Смотрите таблицы, диаграммы и карты и скачивайте данные или получайте те же таблицы в программах через API, совместимый с PxWeb.",
      search: {
        label: "Поиск по таблицам",
        hint: "Слова из названия, переменной или значения — например, страны — на русском или английском языке.",
        placeholder: "например, Казахстан",
        found_one: "Найдена {{n}} таблица",
        found_few: "Найдено {{n}} таблицы",
        found_many: "Найдено {{n}} таблиц",
        found_other: "Найдено {{n}} таблицы",
        none: "Нет таблиц, соответствующих запросу «{{query}}».",
        searching: "Поиск…",
        results: "Результаты поиска",
        kind: { title: "Название", variable: "Переменная", value: "Значение" },
        keys: "Стрелки вверх и вниз переходят между результатами, Escape очищает поиск.",
      },
      chapters: "Таблицы по разделам",
      otherTables: "Другие таблицы",
      tableCount_one: "{{n}} таблица",
      tableCount_few: "{{n}} таблицы",
      tableCount_many: "{{n}} таблиц",
      tableCount_other: "{{n}} таблицы",
      updated: "Обновлено {{date}}",
      illustrative: "Иллюстративные",
      illustrativeNote:
        "Таблицы с пометкой «Иллюстративные» содержат вымышленные цифры правдоподобного порядка для демонстрации информационного центра; это не официальная статистика.",
      countries: "Страны-участницы",
      countryCount_one: "{{n}} страна",
      countryCount_few: "{{n}} страны",
      countryCount_many: "{{n}} стран",
      countryCount_other: "{{n}} страны",
      latest: "Последние обновления",
      links: "Глоссарий и API",
      glossary: "Глоссарий статистики миграции",
      glossaryText: "Определения терминов и показателей на русском и английском языках.",
      apiDocs: "Документация API",
      apiText: "Точки доступа, совместимые с PxWeb API 2.0 и v1, для программ и статистических пакетов.",
    },
  },
} satisfies Messages;
