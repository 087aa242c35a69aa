/** Messages of the downloads part, in English and Russian (same keys in both). */
import type { Messages } from "../../lib/i18n.ts";

export const messages = {
  en: { downloads: {} },
  ru: { downloads: {} },
} satisfies Messages;
