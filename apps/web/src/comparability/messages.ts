/** Messages of the comparability pages, in English and Russian (same keys in both). */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    comparability: {
      title: "Comparability",
    },
  },
  ru: {
    comparability: {
      title: "Сопоставимость",
    },
  },
} satisfies Messages;
