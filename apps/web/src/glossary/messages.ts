/** Messages of the glossary part, in English and Russian (same keys in both). */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: { glossary: {} },
  ru: { glossary: {} },
} satisfies Messages;
