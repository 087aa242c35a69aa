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
