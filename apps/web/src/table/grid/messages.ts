/** Messages of the grid part, in English and Russian (same keys in both). */
import type { Messages } from "../../lib/i18n.ts";

export const messages = {
  en: { grid: {} },
  ru: { grid: {} },
} satisfies Messages;
