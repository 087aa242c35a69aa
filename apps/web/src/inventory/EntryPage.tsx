/**
 * One institution: every field in the reader's language (names in English, Russian and the original), its place
 * on a map, contacts as links, dates, the history of its versions, and the way to suggest a correction.
 */
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type InstitutionDetail, inventoryApi } from "./api.ts";
import { WebsiteLink } from "./SearchPage.tsx";

const PinMap = lazy(() => import("./InventoryMap.tsx").then((m) => ({ default: m.PinMap })));

export function EntryPage({ lang, id }: { lang: Lang; id: string }) {
  const loaded = useAsync(() => inventoryApi.detail(id, lang), `${lang}:${id}`);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  return <Entry lang={lang} detail={loaded.value} />;
}

/** A text in the language, else in the other one (marked with its language for screen readers). */
function inLang(lang: Lang, texts: { en: string | null; ru: string | null }): { text: string; lang: Lang } | undefined {
  const other: Lang = lang === "en" ? "ru" : "en";
  const own = texts[lang];
  if (own) return { text: own, lang };
  const fallback = texts[other];
  return fallback ? { text: fallback, lang: other } : undefined;
}

/** Languages by name in the reader's language (the browser names them), else by their code. */
function languageNames(codes: readonly string[], lang: Lang): string {
  const names = new Intl.DisplayNames([lang], { type: "language", fallback: "code" });
  return codes
    .map((code) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    })
    .join(", ");
}

function Entry({ lang, detail }: { lang: Lang; detail: InstitutionDetail }) {
  const { t } = useTranslation();
  const name = inLang(lang, detail.name);
  useDocumentTitle(name?.text ?? detail.id);
  const summary = inLang(lang, detail.summary);
  const place = [detail.address, detail.city, detail.country?.name].filter(Boolean).join(", ");
  const row = (label: string, value: ReactNode) =>
    value === null || value === undefined || value === "" ? null : (
      <div className="inv-entry__row">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    );

  return (
    <article className="inv-entry">
      <p className="inv-entry__back">
        <Link href={pathOf({ page: "inventory", lang })}>{t("inventory.entry.back")}</Link>
      </p>
      <h1 lang={name?.lang === lang ? undefined : name?.lang}>
        {name?.text ?? detail.id}
        {detail.acronym && <span className="inv-entry__acronym"> ({detail.acronym})</span>}
      </h1>
      <p className="inv-item__facts">
        <span className="inv-tag inv-tag--category">{detail.category.label}</span>
        {place && <span>{place}</span>}
        {detail.synthetic && <span className="badge badge--illustrative">{t("inventory.synthetic")}</span>}
        {!detail.verifiedAt && <span className="badge">{t("inventory.entry.unverified")}</span>}
      </p>
      <div className="inv-entry__layout">
        <div>
          {summary && (
            <p className="inv-entry__summary" lang={summary.lang === lang ? undefined : summary.lang}>
              {summary.text}
            </p>
          )}
          <dl className="inv-entry__fields">
            {row(t("inventory.field.name_en"), detail.name.en && <span lang="en">{detail.name.en}</span>)}
            {row(t("inventory.field.name_ru"), detail.name.ru && <span lang="ru">{detail.name.ru}</span>)}
            {row(
              t("inventory.field.name_original"),
              detail.nameOriginal && (
                <span lang={detail.originalLanguage ?? undefined}>
                  {detail.nameOriginal}
                  {detail.originalLanguage && <span className="inv-entry__code"> ({detail.originalLanguage})</span>}
                </span>
              ),
            )}
            {row(t("inventory.field.category"), detail.category.label)}
            {row(t("inventory.field.country"), detail.country?.name)}
            {row(t("inventory.field.city"), detail.city)}
            {row(t("inventory.field.address"), detail.address)}
            {row(
              t("inventory.field.countries_of_activity"),
              detail.countriesOfActivity.length > 0 && detail.countriesOfActivity.map((c) => c.name).join(", "),
            )}
            {row(
              t("inventory.field.topics"),
              detail.topics.length > 0 && (
                <ul className="inv-topics">
                  {detail.topics.map((topic) => (
                    <li key={topic.id} className="inv-tag">
                      {topic.label}
                    </li>
                  ))}
                </ul>
              ),
            )}
            {row(t("inventory.field.languages"), languageNames(detail.languages, lang))}
            {row(
              t("inventory.field.website"),
              detail.website && <WebsiteLink url={detail.website} status={detail.link?.status} />,
            )}
            {row(t("inventory.field.email"), detail.email && <a href={`mailto:${detail.email}`}>{detail.email}</a>)}
            {row(
              t("inventory.field.phone"),
              detail.phone && <a href={`tel:${detail.phone.replace(/[^\d+]/g, "")}`}>{detail.phone}</a>,
            )}
            {row(t("inventory.entry.created"), formatDate(detail.createdAt, lang))}
            {row(t("inventory.entry.updated"), formatDate(detail.updatedAt, lang))}
            {row(
              t("inventory.entry.verified"),
              detail.verifiedAt ? formatDate(detail.verifiedAt, lang) : t("inventory.entry.notVerified"),
            )}
          </dl>
          <p className="inv-entry__actions">
            <Link
              className="button-link"
              href={`${pathOf({ page: "suggest", lang })}?correct=${encodeURIComponent(detail.id)}`}
            >
              {t("inventory.entry.correct")}
            </Link>
          </p>
        </div>
        <div>
          {detail.latitude !== null && detail.longitude !== null && (
            <Suspense fallback={<Loading />}>
              <PinMap
                longitude={detail.longitude}
                latitude={detail.latitude}
                label={t("inventory.entry.mapLabel", { place: place || (name?.text ?? "") })}
              />
            </Suspense>
          )}
          {detail.history.length > 0 && (
            <section aria-labelledby="inv-history" className="inv-entry__history">
              <h2 id="inv-history">{t("inventory.entry.history")}</h2>
              <p>
                {t("inventory.entry.versions", {
                  count: detail.history.length,
                  n: formatCount(detail.history.length, lang),
                })}
              </p>
              <ol reversed>
                {detail.history.map((h) => (
                  <li key={h.version}>
                    {t("inventory.entry.version", {
                      version: formatCount(h.version, lang),
                      kind: t(`inventory.change.${h.kind}`, { defaultValue: h.kind }),
                      date: formatDate(h.at, lang),
                    })}
                    {h.reason && <span className="inv-entry__reason"> — {h.reason}</span>}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      </div>
    </article>
  );
}
