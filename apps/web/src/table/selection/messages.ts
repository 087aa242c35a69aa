/** Messages of the selection part, in English and Russian (same keys in both). */
import type { Messages } from "../../lib/i18n.ts";

export const messages = {
  en: { selection: {} },
  ru: { selection: {} },
} satisfies Messages;
