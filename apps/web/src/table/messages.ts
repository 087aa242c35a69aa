/** Messages of the table page frame (title, views, state of the data), in English and Russian. */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    table: {
      illustrative: "Illustrative data",
      illustrativeHint:
        "Invented figures of plausible size that demonstrate the clearinghouse; not official statistics.",
      updated: "Updated {{date}}",
      source: "Source: {{source}}",
      views: { label: "View", table: "Table", chart: "Chart", map: "Map" },
      loadingData: "Loading the figures…",
      noCells: "Select at least one value of every variable that cannot be left out.",
      tooMany: "The selection has {{cells}} cells, more than the limit of {{limit}}. Select fewer values.",
      notFound: {
        title: "Table not found",
        text: "There is no table “{{id}}”. It may have been renamed or withdrawn.",
        list: "See the list of tables",
      },
    },
    calc: {
      show: "Show",
      figures: "Figures",
      percent: "Per cent of total",
      per1000: "Per 1,000 population",
      of: "Total of",
      percentAbout: "Each figure as a per cent of “{{total}}” of {{variable}}, the other values the same.",
      per1000About:
        "Each figure per 1,000 population of its reporting country in its year. Population: table 2.1 “Population by citizenship status”, total of all statuses, both sexes and all ages; where it has no figure the cell shows “..”.",
      missingPopulation_one: "No population figure for {{count}} country-year: {{cells}}.",
      missingPopulation_other: "No population figure for {{count}} country-years: {{cells}}.",
      selectTotal: "Per cent of total needs the total of {{variable}} in the selection.",
      selectTotalButton: "Select the total",
      noTotal: "No variable of this selection has a total to take per cents of.",
      needReporterYear: "Per 1,000 population needs the reporting countries and the years selected.",
      noPopulation: "The population figures (table 2.1) could not be read, so per 1,000 population cannot be shown.",
    },
    related: {
      breadcrumb: "You are here",
      home: "Tables",
      title: "Related tables",
      relation: {
        opposite: "the flow in the other direction; its partner figures mirror this table's",
        byCountry: "the same population by country",
        byStatus: "the same population in total and by status",
      },
    },
  },
  ru: {
    table: {
      illustrative: "Иллюстративные данные",
      illustrativeHint:
        "Вымышленные цифры правдоподобного порядка для демонстрации информационного центра; не официальная статистика.",
      updated: "Обновлено {{date}}",
      source: "Источник: {{source}}",
      views: { label: "Вид", table: "Таблица", chart: "Диаграмма", map: "Карта" },
      loadingData: "Загрузка данных…",
      noCells: "Выберите хотя бы одно значение каждой переменной, которую нельзя исключить.",
      tooMany: "Ячеек в выборке: {{cells}} — больше предела в {{limit}}. Выберите меньше значений.",
      notFound: {
        title: "Таблица не найдена",
        text: "Таблицы «{{id}}» нет. Возможно, она переименована или снята с публикации.",
        list: "Перейти к списку таблиц",
      },
    },
    calc: {
      show: "Показать",
      figures: "Абсолютные значения",
      percent: "Процент от итога",
      per1000: "На 1 000 человек населения",
      of: "Итог по",
      percentAbout: "Каждое значение в процентах от «{{total}}» ({{variable}}) при тех же прочих значениях.",
      per1000About:
        "Каждое значение на 1 000 человек населения страны, представившей данные, в том же году. Население: таблица 2.1 «Население по статусу гражданства», всего по всем статусам, обоим полам и всем возрастам; где данных нет, в ячейке «..».",
      missingPopulation_one: "Нет данных о населении для {{count}} сочетания страны и года: {{cells}}.",
      missingPopulation_few: "Нет данных о населении для {{count}} сочетаний страны и года: {{cells}}.",
      missingPopulation_many: "Нет данных о населении для {{count}} сочетаний страны и года: {{cells}}.",
      missingPopulation_other: "Нет данных о населении для {{count}} сочетания страны и года: {{cells}}.",
      selectTotal: "Для процента от итога в выборке нужен итог по переменной «{{variable}}».",
      selectTotalButton: "Выбрать итог",
      noTotal: "Ни у одной переменной выборки нет итога, от которого можно взять процент.",
      needReporterYear: "Для расчёта на 1 000 человек населения выберите страны, представившие данные, и годы.",
      noPopulation:
        "Не удалось прочитать данные о населении (таблица 2.1), поэтому расчёт на 1 000 человек невозможен.",
    },
    related: {
      breadcrumb: "Вы находитесь здесь",
      home: "Таблицы",
      title: "Связанные таблицы",
      relation: {
        opposite: "поток в обратном направлении; его данные по странам-партнёрам зеркальны данным этой таблицы",
        byCountry: "то же население по странам",
        byStatus: "то же население всего и по статусу",
      },
    },
  },
} satisfies Messages;
