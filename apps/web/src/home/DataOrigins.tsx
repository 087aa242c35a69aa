/**
 * What the site holds, said from the data: which tables are UN estimates, which illustrative, which national
 * submissions (the server's `dataOrigin` of each listed table). Shown in the home page's introduction and in the
 * footer of every page, so no fixed sentence claims more than the tables hold.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type ListedTable, listedTables } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";
import { useAsync } from "../lib/use-async.ts";
import { tablesByOrigin } from "./catalog.ts";

const KEYS = { "un-estimates": "un", illustrative: "illustrative", national: "national" } as const;

/** One sentence per origin that has tables, and one saying so when no table holds national submissions. */
export function originSentences(tables: readonly ListedTable[], lang: Lang, t: TFunction): string[] {
  const byOrigin = tablesByOrigin(tables);
  const list = new Intl.ListFormat(lang, { type: "conjunction" });
  const sentences = (Object.keys(KEYS) as (keyof typeof KEYS)[]).flatMap((origin) => {
    const ids = byOrigin[origin];
    if (ids.length === 0) return [];
    // The noun comes before the list, so it is singular for exactly one table whatever the language's plural rules.
    const number = ids.length === 1 ? "single" : "several";
    return [t(`home.origins.${KEYS[origin]}_${number}`, { tables: list.format(ids) })];
  });
  if (tables.length > 0 && byOrigin.national.length === 0) sentences.push(t("home.origins.nationalNone"));
  return sentences;
}

export function DataOrigins({
  lang,
  tables,
  className,
}: {
  lang: Lang;
  tables: readonly ListedTable[];
  className?: string;
}) {
  const { t } = useTranslation();
  const sentences = originSentences(tables, lang, t);
  if (sentences.length === 0) return null;
  return <p className={className}>{sentences.join(" ")}</p>;
}

/** The footer's statement, from the table list (nothing while it loads or when it cannot be had). */
export function FooterOrigins({ lang }: { lang: Lang }) {
  const tables = useAsync(() => listedTables(lang), lang);
  return tables.state === "done" ? <DataOrigins lang={lang} tables={tables.value} /> : null;
}
