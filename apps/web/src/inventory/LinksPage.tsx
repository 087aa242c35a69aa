/** The editors' list of websites that fail (`?state=broken`, unreachable or redirected), with their entries. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { EditorsOnly, ModerationNav, QueuePager } from "./ModerationPage.tsx";
import { LINK_STATES, type LinkCheck, type LinkState, moderationApi } from "./moderation-api.ts";

export function LinksPage({ lang, search }: { lang: Lang; search: string }) {
  return (
    <EditorsOnly lang={lang}>
      <Links lang={lang} search={search} />
    </EditorsOnly>
  );
}

function Links({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("moderation.links.title"));
  const params = new URLSearchParams(search);
  const asked = params.get("state");
  const state: LinkState = LINK_STATES.find((s) => s === asked) ?? "broken";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const links = useAsync(() => moderationApi.linkChecks(state, page, lang), `${lang}:${state}:${page}`);
  const href = (s: LinkState, p = 1) => `${pathOf({ page: "links", lang })}?state=${s}${p > 1 ? `&page=${p}` : ""}`;

  return (
    <section className="page inv-moderation">
      <ModerationNav lang={lang} current="links" />
      <h1>{t("moderation.links.title")}</h1>
      <nav aria-label={t("moderation.links.state.label")} className="inv-tabs">
        {LINK_STATES.map((s) => (
          <Link key={s} href={href(s)} aria-current={s === state ? "page" : undefined}>
            {t(`moderation.links.state.${s}`)}
          </Link>
        ))}
      </nav>
      {links.state === "loading" ? (
        <Loading />
      ) : links.state === "failed" ? (
        <ErrorMessage error={links.error} onRetry={links.retry} />
      ) : (
        <>
          <p role="status">
            {t("moderation.links.count", { count: links.value.total, n: formatCount(links.value.total, lang) })}
          </p>
          {links.value.items.length === 0 ? (
            <p>{t("moderation.links.none")}</p>
          ) : (
            <table className="inv-links">
              <thead>
                <tr>
                  <th scope="col">{t("moderation.links.entry")}</th>
                  <th scope="col">{t("moderation.links.url")}</th>
                  <th scope="col">{t("moderation.links.result")}</th>
                  <th scope="col">{t("moderation.links.checked")}</th>
                  <th scope="col">{t("moderation.links.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {links.value.items.map((link) => (
                  <LinkRow key={link.url} lang={lang} link={link} />
                ))}
              </tbody>
            </table>
          )}
          <QueuePager lang={lang} total={links.value.total} page={page} to={(p) => navigate(href(state, p))} />
        </>
      )}
    </section>
  );
}

function LinkRow({ lang, link }: { lang: Lang; link: LinkCheck }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td data-label={t("moderation.links.entry")}>
        <ul className="inv-links__entries">
          {link.institutions.map((i) => (
            <li key={i.id}>
              <Link href={pathOf({ page: "institution", lang, id: i.id })}>{i.name}</Link>
            </li>
          ))}
        </ul>
      </td>
      <td className="inv-links__url" data-label={t("moderation.links.url")}>
        <a href={link.url} rel="noopener noreferrer" target="_blank">
          {link.url}
        </a>
        {link.finalUrl && (
          <span className="inv-links__note">{t("moderation.links.redirectsTo", { url: link.finalUrl })}</span>
        )}
      </td>
      <td data-label={t("moderation.links.result")}>
        {resultOf(link) || "—"}
        {link.failures > 0 && (
          <span className="inv-links__note">
            {t("moderation.links.failures", { count: link.failures, n: formatCount(link.failures, lang) })}
          </span>
        )}
      </td>
      <td data-label={t("moderation.links.checked")}>
        {link.checkedAt ? formatDate(link.checkedAt, lang) : t("moderation.links.never")}
      </td>
      <td data-label={t("moderation.links.actions")}>
        <ul className="inv-links__entries">
          {link.institutions.map((i) => (
            <li key={i.id}>
              <Link
                href={`${pathOf({ page: "suggest", lang })}?correct=${encodeURIComponent(i.id)}`}
                aria-label={t("moderation.links.correctNamed", { name: i.name })}
              >
                {t("moderation.links.correct")}
              </Link>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

/** The HTTP code and the error, the error left out when it only repeats the code ("HTTP 404"). */
function resultOf(link: LinkCheck): string {
  const code = link.httpCode === null ? null : String(link.httpCode);
  const error = code && link.lastError?.includes(code) ? null : link.lastError;
  return [code, error].filter(Boolean).join(" · ");
}
