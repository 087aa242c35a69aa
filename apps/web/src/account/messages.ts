/** Messages of signing in and out, in English and Russian. */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    account: {
      signIn: "Sign in",
      signOut: "Sign out",
      signedInAs: "Signed in as {{name}}",
      title: "Sign in",
      intro: "For the secretariat's editors and administrators. The public needs no account.",
      email: "E-mail",
      password: "Password",
      submit: "Sign in",
      busy: "Signing in…",
      required: "Fill this in.",
      failed: "Could not sign in: {{message}}",
      welcome: "You are signed in as {{name}}.",
      moderation: "Go to the suggestions to review",
    },
  },
  ru: {
    account: {
      signIn: "Войти",
      signOut: "Выйти",
      signedInAs: "Вы вошли как {{name}}",
      title: "Вход",
      intro: "Для редакторов и администраторов секретариата. Остальным учётная запись не нужна.",
      email: "Электронная почта",
      password: "Пароль",
      submit: "Войти",
      busy: "Вход…",
      required: "Заполните это поле.",
      failed: "Не удалось войти: {{message}}",
      welcome: "Вы вошли как {{name}}.",
      moderation: "Перейти к предложениям на проверку",
    },
  },
} satisfies Messages;
