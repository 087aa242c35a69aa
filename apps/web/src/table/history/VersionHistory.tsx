/**
 * A table's history on its page: every released version with its date and revision note, "view as released" and
 * "compare with the previous version"; the feed of its releases. And the banner over a past version.
 */
import "./history.css";
import { useTranslation } from "react-i18next";
import { feedUrl, tableVersions } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { Link, pathOf } from "../../lib/router.tsx";
import { useAsync } from "../../lib/use-async.ts";
import { previousVersion } from "./cells.ts";

/** The address of the comparison page of two versions. */
export const compareHref = (lang: Lang, id: string, from?: number, to?: number) =>
  `${pathOf({ page: "table-compare", lang, id })}${from !== undefined && to !== undefined ? `?from=${from}&to=${to}` : ""}`;

export function VersionBanner(props: { lang: Lang; released: string; version: number; currentHref: string }) {
  const { t } = useTranslation();
  return (
    <p className="version-banner" role="note">
      {t("history.banner", { date: formatDate(props.released, props.lang), version: props.version })}
      <Link href={props.currentHref}>{t("history.seeCurrent")}</Link>
    </p>
  );
}

interface HistoryProps {
  readonly lang: Lang;
  readonly id: string;
  /** The past version shown; undefined when the current one is. */
  readonly shown: number | undefined;
  /** The page's address showing a version (the current one without `version`). */
  readonly viewHref: (version: number, current: boolean) => string;
}

export function VersionHistory({ lang, id, shown, viewHref }: HistoryProps) {
  const { t } = useTranslation();
  const versions = useAsync(() => tableVersions(id), id);
  if (versions.state !== "done") return null;
  const list = versions.value;
  return (
    <details className="version-history" open={shown !== undefined}>
      <summary>{t("history.title", { count: list.length })}</summary>
      <ol className="version-history__list">
        {list.map((v) => {
          const previous = previousVersion(list, v.version);
          const isShown = shown === undefined ? v.current : shown === v.version;
          return (
            <li key={v.version} className="version-history__item" aria-current={isShown ? "true" : undefined}>
              <div className="version-history__head">
                <strong>{t("history.version", { version: v.version })}</strong>
                <span>{t("history.released", { date: formatDate(v.released, lang) })}</span>
                {v.current && <span className="version-history__tag">{t("history.current")}</span>}
                {isShown && !v.current && <span className="version-history__tag">{t("history.shown")}</span>}
              </div>
              <p className="version-history__note">
                {v.revisionNote ? v.revisionNote[lang] : t("history.imported", { source: v.source })}
              </p>
              <div className="version-history__actions">
                {!isShown && (
                  <Link href={viewHref(v.version, v.current)}>
                    {v.current ? t("history.viewCurrent") : t("history.viewAsReleased")}
                  </Link>
                )}
                {previous !== undefined && (
                  <Link href={compareHref(lang, id, previous, v.version)}>
                    {t("history.compareWithPrevious", { version: previous })}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="version-history__actions">
        {list.length > 1 && <Link href={compareHref(lang, id)}>{t("history.compareAny")}</Link>}
        <a href={feedUrl(id, lang)} type="application/atom+xml">
          {t("history.feed")}
        </a>
      </p>
    </details>
  );
}
