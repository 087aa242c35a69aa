/** The browser tab's title: the page's own, then the site's name, in the page's language. */
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** `skip`: the page sets its own title (React runs a child's effects before its parent's). */
export function useDocumentTitle(page?: string, skip = false): void {
  const { t } = useTranslation();
  const site = t("app.name");
  useEffect(() => {
    if (skip) return;
    document.title = page ? `${page} — ${site}` : site;
  }, [page, site, skip]);
}
