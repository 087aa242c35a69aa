/** Messages of the chart part, in English and Russian (same keys in both). */
import type { Messages } from "../../lib/i18n.ts";

export const messages = {
  en: { chart: {} },
  ru: { chart: {} },
} satisfies Messages;
