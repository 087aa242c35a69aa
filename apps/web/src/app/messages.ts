/** Messages of the app shell (header, footer, errors), in English and Russian. */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    app: {
      name: "Migration Statistics Clearinghouse",
      shortName: "Migration statistics",
      tagline: "Eastern Europe, the Caucasus and Central Asia",
      skip: "Skip to content",
      nav: {
        label: "Main",
        tables: "Tables",
        glossary: "Glossary",
        institutions: "Institutions",
        api: "API",
        signIn: "Sign in",
        signOut: "Sign out",
        moderation: "Suggestions",
      },
      switchLanguage: "Русский",
      switchLanguageLabel: "Читать на русском языке",
      loading: "Loading…",
      error: "Something went wrong: {{message}}",
      retry: "Try again",
      notFound: { title: "Page not found", text: "There is no page at this address.", home: "Go to the start page" },
    },
  },
  ru: {
    app: {
      name: "Информационный центр по статистике миграции",
      shortName: "Статистика миграции",
      tagline: "Восточная Европа, Кавказ и Центральная Азия",
      skip: "Перейти к содержанию",
      nav: {
        label: "Основное меню",
        tables: "Таблицы",
        glossary: "Глоссарий",
        institutions: "Организации",
        api: "API",
        signIn: "Войти",
        signOut: "Выйти",
        moderation: "Предложения",
      },
      switchLanguage: "English",
      switchLanguageLabel: "Read in English",
      loading: "Загрузка…",
      error: "Что-то пошло не так: {{message}}",
      retry: "Повторить",
      notFound: {
        title: "Страница не найдена",
        text: "По этому адресу страницы нет.",
        home: "На главную страницу",
      },
    },
  },
} satisfies Messages;
