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
    },
  },
} satisfies Messages;
