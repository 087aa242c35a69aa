/** Messages of the home part, in English and Russian (same keys in both). */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: { home: {} },
  ru: { home: {} },
} satisfies Messages;
