/** The editors' queue of suggestions: pending, accepted or rejected (`?state=`), oldest pending first, in pages. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { canModerate, useSession } from "../account/session.tsx";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { moderationApi, QUEUE_PAGE_SIZE, SUGGESTION_STATES, type SuggestionState } from "./moderation-api.ts";
import { pagesOf } from "./search-state.ts";

/** The page for editors only: a reader not signed in is asked to, one without the right is told so. */
export function EditorsOnly({ lang, children }: { lang: Lang; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  if (user === null) {
    const next = window.location.pathname + window.location.search;
    return (
      <section className="page">
        <h1>{t("moderation.title")}</h1>
        <p>
          <Link href={`${pathOf({ page: "signin", lang })}?next=${encodeURIComponent(next)}`}>
            {t("moderation.signInFirst")}
          </Link>
        </p>
      </section>
    );
  }
  if (!canModerate(user)) {
    return (
      <section className="page">
        <h1>{t("moderation.title")}</h1>
        <p>{t("moderation.forbidden")}</p>
      </section>
    );
  }
  return <>{children}</>;
}

/** The editors' three lists, at the top of each of their pages. */
export function ModerationNav({
  lang,
  current,
}: {
  lang: Lang;
  current: "moderation" | "duplicates" | "links" | "verification";
}) {
  const { t } = useTranslation();
  const pages = ["moderation", "duplicates", "links", "verification"] as const;
  return (
    <nav aria-label={t("moderation.sections.label")} className="inv-modnav">
      {pages.map((page) => (
        <Link key={page} href={pathOf({ page, lang })} aria-current={page === current ? "page" : undefined}>
          {t(`moderation.sections.${page}`)}
        </Link>
      ))}
    </nav>
  );
}

export function ModerationPage({ lang, search }: { lang: Lang; search: string }) {
  return (
    <EditorsOnly lang={lang}>
      <Queue lang={lang} search={search} />
    </EditorsOnly>
  );
}

function Queue({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("moderation.title"));
  const params = new URLSearchParams(search);
  const asked = params.get("state");
  const state: SuggestionState = SUGGESTION_STATES.find((s) => s === asked) ?? "pending";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = useAsync(() => moderationApi.queue(state, page, lang), `${lang}:${state}:${page}`);
  const href = (s: SuggestionState, p = 1) =>
    `${pathOf({ page: "moderation", lang })}?state=${s}${p > 1 ? `&page=${p}` : ""}`;

  return (
    <section className="page inv-moderation">
      <ModerationNav lang={lang} current="moderation" />
      <h1>{t("moderation.title")}</h1>
      <nav aria-label={t("moderation.states.label")} className="inv-tabs">
        {SUGGESTION_STATES.map((s) => (
          <Link key={s} href={href(s)} aria-current={s === state ? "page" : undefined}>
            {t(`moderation.states.${s}`)}
          </Link>
        ))}
      </nav>
      {queue.state === "loading" ? (
        <Loading />
      ) : queue.state === "failed" ? (
        <ErrorMessage error={queue.error} onRetry={queue.retry} />
      ) : (
        <>
          <p role="status">
            {t("moderation.count", { count: queue.value.total, n: formatCount(queue.value.total, lang) })}
          </p>
          {queue.value.items.length === 0 ? (
            <p>{t("moderation.none")}</p>
          ) : (
            <ol className="inv-list">
              {queue.value.items.map((item) => (
                <li key={item.id} className="inv-item">
                  <h2 className="inv-item__name">
                    <Link href={pathOf({ page: "suggestion", lang, id: String(item.id) })}>{item.summary}</Link>
                  </h2>
                  <p className="inv-item__facts">
                    <span className="inv-tag inv-tag--category">{t(`moderation.kind.${item.kind}`)}</span>
                    {item.targetName && <span>{item.targetName}</span>}
                    <span>{t("moderation.submitted", { date: formatDate(item.submittedAt, lang) })}</span>
                    {item.duplicates > 0 && (
                      <span className="badge badge--warn">
                        {t("moderation.duplicates", { count: item.duplicates, n: formatCount(item.duplicates, lang) })}
                      </span>
                    )}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <QueuePager lang={lang} total={queue.value.total} page={page} to={(p) => navigate(href(state, p))} />
        </>
      )}
    </section>
  );
}

export function QueuePager({
  lang,
  total,
  page,
  to,
  pageSize = QUEUE_PAGE_SIZE,
}: {
  lang: Lang;
  total: number;
  page: number;
  to: (page: number) => void;
  pageSize?: number;
}) {
  const { t } = useTranslation();
  const { count, current } = pagesOf(total, page, pageSize);
  if (count <= 1) return null;
  return (
    <nav className="inv-pager" aria-label={t("inventory.pages.label")}>
      <button type="button" disabled={current <= 1} onClick={() => to(current - 1)}>
        {t("inventory.pages.previous")}
      </button>
      <span>{t("inventory.pages.of", { page: formatCount(current, lang), count: formatCount(count, lang) })}</span>
      <button type="button" disabled={current >= count} onClick={() => to(current + 1)}>
        {t("inventory.pages.next")}
      </button>
    </nav>
  );
}
