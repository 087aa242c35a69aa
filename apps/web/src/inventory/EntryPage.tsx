/**
 * One institution: every field in the reader's language (names in English, Russian and the original), its place
 * on a map, contacts as links, dates, the history of its versions, and the way to suggest a correction.
 */
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { canModerate, useSession } from "../account/session.tsx";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type InstitutionDetail, inventoryApi, RELATION_VIEWS, type RelationView } from "./api.ts";
import { WebsiteLink } from "./SearchPage.tsx";

const PinMap = lazy(() => import("./InventoryMap.tsx").then((m) => ({ default: m.PinMap })));

export function EntryPage({ lang, id }: { lang: Lang; id: string }) {
  const [changes, setChanges] = useState(0);
  const loaded = useAsync(() => inventoryApi.detail(id, lang), `${lang}:${id}:${changes}`);
  // A merged entry's address answers with the entry it went into: show that one's address.
  const landed = loaded.state === "done" ? loaded.value.id : id;
  useEffect(() => {
    if (landed !== id)
      navigate(`${pathOf({ page: "institution", lang, id: landed })}?from=${encodeURIComponent(id)}`, {
        replace: true,
      });
  }, [landed, id, lang]);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  return <Entry lang={lang} detail={loaded.value} onChanged={() => setChanges((n) => n + 1)} />;
}

/** How current an entry is: when the secretariat checked it, or that it has not yet, and when it last changed. */
function Currency({ lang, detail }: { lang: Lang; detail: InstitutionDetail }) {
  const { t } = useTranslation();
  const verified = detail.verifiedAt;
  const days = verified ? Math.floor((Date.now() - Date.parse(verified)) / 86_400_000) : 0;
  return (
    <p className={`inv-entry__currency${!verified || days > 365 ? " status--warn" : ""}`}>
      {verified
        ? t(days > 365 ? "inventory.entry.verifiedLongAgo" : "inventory.entry.verifiedOn", {
            date: formatDate(verified, lang),
          })
        : t("inventory.entry.neverVerified", { date: formatDate(detail.updatedAt, lang) })}
      {detail.verifiedBy && ` ${t("inventory.entry.verifiedBy", { name: detail.verifiedBy })}`}
    </p>
  );
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

function Entry({ lang, detail, onChanged }: { lang: Lang; detail: InstitutionDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const editor = canModerate(user);
  const from = new URLSearchParams(window.location.search).get("from");
  const name = inLang(lang, detail.name);
  useDocumentTitle(name?.text ?? detail.id);
  const summary = inLang(lang, detail.summary);
  const place = [detail.address, detail.city, detail.country?.name].filter(Boolean).join(", ");
  const row = (label: string, value: ReactNode) =>
    value === null || value === undefined || value === "" || value === false ? null : (
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
        {detail.status.id !== "active" && <span className="badge badge--warn">{detail.status.label}</span>}
      </p>
      {from && detail.mergedFrom.some((m) => m.id === from) && (
        <p className="status--warn">{t("inventory.entry.redirected", { id: from })}</p>
      )}
      <Currency lang={lang} detail={detail} />
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
            {row(
              t("inventory.field.city"),
              detail.city && (
                <>
                  {detail.city}
                  {detail.cityNames.en && detail.cityNames.ru && detail.cityNames.en !== detail.cityNames.ru && (
                    <span lang={lang === "ru" ? "en" : "ru"} className="inv-entry__code">
                      {" "}
                      ({lang === "ru" ? detail.cityNames.en : detail.cityNames.ru})
                    </span>
                  )}
                </>
              ),
            )}
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
            {row(
              t("inventory.entry.identifiers"),
              detail.identifiers.length > 0 && (
                <ul className="inv-plain">
                  {detail.identifiers.map((i) => (
                    <li key={i.scheme}>
                      {i.label}:{" "}
                      {i.url ? (
                        <a href={i.url} rel="noopener noreferrer" target="_blank">
                          {i.value}
                        </a>
                      ) : (
                        i.value
                      )}
                    </li>
                  ))}
                </ul>
              ),
            )}
            {row(
              t("inventory.entry.names"),
              detail.names.length > 0 && (
                <ul className="inv-plain">
                  {detail.names.map((n) => (
                    <li key={`${n.type}-${n.lang}-${n.name}`}>
                      <span lang={n.lang}>{n.name}</span>{" "}
                      <span className="inv-entry__code">
                        ({t(`inventory.nameType.${n.type}`)}, {languageNames([n.lang], lang)})
                      </span>
                    </li>
                  ))}
                </ul>
              ),
            )}
            {row(
              t("inventory.entry.source"),
              detail.sourceUrl && (
                <a href={detail.sourceUrl} rel="noopener noreferrer" target="_blank">
                  {detail.sourceUrl.replace(/^https?:\/\//, "")}
                </a>
              ),
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
            </Link>{" "}
            {editor && (
              <button
                type="button"
                onClick={async () => {
                  await inventoryApi.verify(detail.id, lang);
                  onChanged();
                }}
              >
                {t("inventory.entry.markVerified")}
              </button>
            )}
          </p>
          <Relationships lang={lang} detail={detail} editor={editor} onChanged={onChanged} />
          {detail.mergedFrom.length > 0 && (
            <section aria-labelledby="inv-merged" className="inv-entry__section">
              <h2 id="inv-merged">{t("inventory.entry.mergedFrom")}</h2>
              <ul className="inv-plain">
                {detail.mergedFrom.map((m) => (
                  <li key={m.id}>
                    {m.name ?? m.id} <span className="inv-entry__code">({m.id})</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {detail.contacts.length > 0 && (
            <section aria-labelledby="inv-contacts" className="inv-entry__section">
              <h2 id="inv-contacts">{t("inventory.entry.contacts")}</h2>
              <p>{t("inventory.entry.contactsIntro")}</p>
              <ul className="inv-plain">
                {detail.contacts.map((c) => (
                  <li key={c.id}>
                    <Link href={pathOf({ page: "institution", lang, id: c.id })}>{c.name}</Link>
                    <span className="inv-entry__code">
                      {" "}
                      — {c.sharedTopics.map((x) => x.label).join(", ")};{" "}
                      {c.neighbouring
                        ? t("inventory.entry.neighbouring", { countries: c.countries.map((x) => x.name).join(", ") })
                        : c.countries.map((x) => x.name).join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
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

/** The entry's relationships, grouped by what the other entry is to it; editors add and remove them here. */
function Relationships({
  lang,
  detail,
  editor,
  onChanged,
}: {
  lang: Lang;
  detail: InstitutionDetail;
  editor: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<RelationView>("parent");
  const [other, setOther] = useState("");
  const [problem, setProblem] = useState<string>();
  if (detail.relationships.length === 0 && !editor) return null;
  const run = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
      setOther("");
      onChanged();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(() => inventoryApi.relate(detail.id, type, other.trim(), lang));
  };
  return (
    <section aria-labelledby="inv-relationships" className="inv-entry__section">
      <h2 id="inv-relationships">{t("inventory.entry.relationships")}</h2>
      {detail.relationships.length > 0 ? (
        <ul className="inv-plain">
          {detail.relationships.map((r) => (
            <li key={r.id}>
              {r.label}: <Link href={pathOf({ page: "institution", lang, id: r.id })}>{r.name ?? r.id}</Link>
              {r.status !== "active" && (
                <span className="inv-entry__code">
                  {" "}
                  ({t(`inventory.status.${r.status}`, { defaultValue: r.status })})
                </span>
              )}
              {editor && (
                <>
                  {" "}
                  <button
                    type="button"
                    aria-label={t("inventory.entry.unrelate", { name: r.name ?? r.id })}
                    onClick={() => run(() => inventoryApi.unrelate(detail.id, r.id, lang))}
                  >
                    {t("inventory.entry.unrelateShort")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("inventory.entry.noRelationships")}</p>
      )}
      {editor && (
        <form className="inv-form inv-relate" onSubmit={add}>
          <label htmlFor="inv-relate-type">{t("inventory.entry.relateType")}</label>
          <select id="inv-relate-type" value={type} onChange={(e) => setType(e.target.value as RelationView)}>
            {RELATION_VIEWS.map((v) => (
              <option key={v} value={v}>
                {t(`inventory.relation.${v}`)}
              </option>
            ))}
          </select>
          <label htmlFor="inv-relate-id">{t("inventory.entry.relateId")}</label>
          <input id="inv-relate-id" value={other} required onChange={(e) => setOther(e.target.value)} />
          <button type="submit">{t("inventory.entry.relate")}</button>
          {problem && (
            <p role="alert" className="status--error">
              {problem}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
