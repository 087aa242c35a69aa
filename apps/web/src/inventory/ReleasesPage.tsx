/**
 * The public releases of the inventory: the licence, the schema, each release's files and what changed since the
 * one before; an editor may publish the inventory as it is as the next release.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { canModerate, useSession } from "../account/session.tsx";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { inventoryApi, type Release } from "./api.ts";

export function ReleasesPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("inventory.releases.title"));
  const { user } = useSession();
  const [published, setPublished] = useState(0);
  const releases = useAsync(() => inventoryApi.releases(lang), `${lang}:${published}`);
  return (
    <section className="page inv-releases">
      <p className="inv-entry__back">
        <Link href={pathOf({ page: "inventory", lang })}>{t("inventory.entry.back")}</Link>
      </p>
      <h1>{t("inventory.releases.title")}</h1>
      <p>{t("inventory.releases.intro")}</p>
      {canModerate(user) && <Publish lang={lang} onPublished={() => setPublished((n) => n + 1)} />}
      {releases.state === "loading" ? (
        <Loading />
      ) : releases.state === "failed" ? (
        <ErrorMessage error={releases.error} onRetry={releases.retry} />
      ) : (
        <>
          <h2>{t("inventory.releases.licence")}</h2>
          <p>
            {releases.value.licence.statement}{" "}
            <a href={releases.value.licence.url} rel="noopener noreferrer license" target="_blank">
              {releases.value.licence.name}
            </a>
          </p>
          <p>
            <a href={releases.value.schema}>{t("inventory.releases.schema")}</a>
          </p>
          {releases.value.items.length === 0 ? (
            <p>{t("inventory.releases.none")}</p>
          ) : (
            <ol className="inv-list" reversed>
              {releases.value.items.map((r) => (
                <ReleaseItem key={r.version} lang={lang} release={r} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function ReleaseItem({ lang, release }: { lang: Lang; release: Release }) {
  const { t } = useTranslation();
  const c = release.changes;
  const n = (count: number) => ({ count, n: formatCount(count, lang) });
  return (
    <li className="inv-item">
      <h2 className="inv-item__name">
        {t("inventory.releases.release", {
          version: formatCount(release.version, lang),
          date: formatDate(release.publishedAt, lang),
        })}
      </h2>
      {release.note && <p>{release.note}</p>}
      <p>
        {t("inventory.releases.counts", {
          entries: t("inventory.releases.entries", n(release.counts.institutions)),
          active: formatCount(release.counts.active, lang),
          relationships: formatCount(release.counts.relationships, lang),
        })}
      </p>
      <p>
        {c.since === null
          ? t("inventory.releases.first")
          : [
              t("inventory.releases.since", { version: formatCount(c.since, lang) }),
              t("inventory.releases.added", n(c.added.length)),
              t("inventory.releases.changed", n(c.changed.length)),
              t("inventory.releases.statusChanged", n(c.statusChanged.length)),
              ...(c.removed.length > 0 ? [t("inventory.releases.removed", n(c.removed.length))] : []),
            ].join(" ")}
      </p>
      {c.statusChanged.length > 0 && (
        <ul>
          {c.statusChanged.map((s) => (
            <li key={s.id}>
              <Link href={pathOf({ page: "institution", lang, id: s.id })}>{s.id}</Link>:{" "}
              {t(`inventory.status.${s.from}`)} → {t(`inventory.status.${s.to}`)}
            </li>
          ))}
        </ul>
      )}
      <p className="inv-toolbar__export">
        {t("inventory.export.label")} <a href={release.files.json}>JSON</a>,{" "}
        <a href={release.files.institutionsCsv}>{t("inventory.releases.csvInstitutions")}</a>,{" "}
        <a href={release.files.namesCsv}>{t("inventory.releases.csvNames")}</a>,{" "}
        <a href={release.files.relationshipsCsv}>{t("inventory.releases.csvRelationships")}</a>
      </p>
    </li>
  );
}

function Publish({ lang, onPublished }: { lang: Lang; onPublished: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const r = await inventoryApi.publish(lang, note);
      setOutcome({ ok: true, text: t("inventory.releases.published", { version: formatCount(r.version, lang) }) });
      setNote("");
      onPublished();
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <form className="inv-form" onSubmit={submit}>
      <label htmlFor="inv-release-note">{t("inventory.releases.note")}</label>
      <input id="inv-release-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      <button type="submit">{t("inventory.releases.publish")}</button>
      {outcome && (
        <p role="status" className={outcome.ok ? "status--done" : "status--error"}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
