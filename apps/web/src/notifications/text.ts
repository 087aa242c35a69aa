/** The words of a notification in the reader's language, from the data the server keeps. Pure: tested without a browser. */
import type { TFunction } from "i18next";
import { countryName } from "../lib/countries.ts";
import type { Lang } from "../lib/i18n.ts";

export { countryName };

import type { UserNotification } from "./api.ts";

export function notificationText(n: UserNotification, lang: Lang, t: TFunction): string {
  const country = countryName(n.reporter, lang);
  if (n.kind === "released") {
    const title = n.title?.[lang] ?? n.tableId ?? "";
    return t("notifications.text.released", { title, version: n.version, country });
  }
  return t(`notifications.text.${n.kind}`, { country, id: n.submissionId });
}

/**
 * Where a notification leads: the released table, or the submission (its page is `/{lang}/submissions/{id}` of
 * the submissions' interface).
 */
export function notificationHref(n: UserNotification, lang: Lang, tablePath: (id: string) => string): string {
  if (n.kind === "released" && n.tableId) return tablePath(n.tableId);
  return `/${lang}/submissions/${encodeURIComponent(String(n.submissionId))}`;
}
