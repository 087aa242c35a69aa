/**
 * The audit log for administrators: filters kept in the page's address (so a view can be bookmarked), the events
 * newest first a page at a time, times in the reader's locale and time zone, and the same filters as CSV or Excel.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDateTime } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { AdminNav, AdminOnly } from "./AdminOnly.tsx";
import { AUDIT_FILTERS, type AuditEvent, adminApi } from "./api.ts";
import { messages } from "./messages.ts";
import "./admin.css";

/** The actions the page knows labels for, and their areas (user, submission…), which filter too. */
const ACTIONS = Object.keys(messages.en.admin.audit.actions).map((key) => key.replace("__", "."));
const AREAS = [...new Set(ACTIONS.map((a) => a.split(".")[0] as string))];

type Filters = Record<(typeof AUDIT_FILTERS)[number], string>;

function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(AUDIT_FILTERS.map((f) => [f, params.get(f) ?? ""])) as Filters;
}

function queryOf(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of AUDIT_FILTERS) if (filters[f].trim()) params.set(f, filters[f].trim());
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export function AuditPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  return (
    <AdminOnly lang={lang} title={t("admin.audit.title")}>
      <Audit lang={lang} search={search} />
    </AdminOnly>
  );
}

function Audit({ lang, search }: { lang: Lang; search: string }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t("admin.audit.title"));
  const applied = filtersOf(search);
  const page = Math.max(1, Number(new URLSearchParams(search).get("page")) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const query = queryOf(applied, { lang, ...(page > 1 ? { page: String(page) } : {}) });
  const events = useAsync(() => adminApi.audit(query), query);
  const go = (filters: Filters, p = 1) => {
    const q = queryOf(filters, p > 1 ? { page: String(p) } : {});
    navigate(`${pathOf({ page: "audit", lang })}${q ? `?${q}` : ""}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go(draft);
  };
  const label = (action: string) => {
    const key = `admin.audit.actions.${action.replace(".", "__")}`;
    return i18n.exists(key) ? t(key) : action;
  };
  const input = (name: keyof Filters, type = "text") => (
    <div className="inv-form__field">
      <label htmlFor={`audit-${name}`}>{t(`admin.audit.${name}`)}</label>
      <input
        id={`audit-${name}`}
        type={type}
        value={draft[name]}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );

  return (
    <section className="page admin">
      <AdminNav lang={lang} current="audit" />
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>
      <form className="inv-form admin-filters" onSubmit={submit} aria-label={t("admin.audit.filters")}>
        {input("actor", "email")}
        <div className="inv-form__field">
          <label htmlFor="audit-action">{t("admin.audit.action")}</label>
          <select
            id="audit-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t("admin.audit.anyAction")}</option>
            {AREAS.map((area) => (
              <optgroup key={area} label={area}>
                <option value={area}>{`${area}.*`}</option>
                {ACTIONS.filter((a) => a.startsWith(`${area}.`)).map((a) => (
                  <option key={a} value={a}>
                    {label(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {input("reporter")}
        {input("target")}
        {input("from", "date")}
        {input("to", "date")}
        <div className="admin-filters__buttons">
          <button type="submit">{t("admin.audit.apply")}</button>{" "}
          <button
            type="button"
            onClick={() => {
              const empty = filtersOf("");
              setDraft(empty);
              go(empty);
            }}
          >
            {t("admin.audit.reset")}
          </button>
        </div>
      </form>
      <p className="admin-downloads">
        {t("admin.audit.download")}{" "}
        <a href={`/api/audit?${queryOf(applied, { format: "csv", lang })}`} download>
          {t("admin.audit.csv")}
        </a>{" "}
        <a href={`/api/audit?${queryOf(applied, { format: "xlsx", lang })}`} download>
          {t("admin.audit.xlsx")}
        </a>
      </p>
      {events.state === "loading" ? (
        <Loading />
      ) : events.state === "failed" ? (
        <ErrorMessage error={events.error} onRetry={events.retry} />
      ) : (
        <>
          <p role="status">
            {t("admin.audit.count", { count: events.value.total, n: formatCount(events.value.total, lang) })}
          </p>
          {events.value.events.length === 0 ? (
            <p>{t("admin.audit.none")}</p>
          ) : (
            <table className="inv-links admin-table admin-table--audit">
              <thead>
                <tr>
                  <th scope="col">{t("admin.audit.at")}</th>
                  <th scope="col">{t("admin.audit.who")}</th>
                  <th scope="col">{t("admin.audit.what")}</th>
                  <th scope="col">{t("admin.audit.on")}</th>
                  <th scope="col">{t("admin.audit.country")}</th>
                  <th scope="col">{t("admin.audit.detail")}</th>
                  <th scope="col">{t("admin.audit.address")}</th>
                </tr>
              </thead>
              <tbody>
                {events.value.events.map((e) => (
                  <EventRow key={e.id} event={e} lang={lang} label={label(e.action)} />
                ))}
              </tbody>
            </table>
          )}
          <Pager
            lang={lang}
            page={page}
            count={Math.max(1, Math.ceil(events.value.total / events.value.pageSize))}
            to={(p) => go(applied, p)}
          />
        </>
      )}
    </section>
  );
}

function EventRow({ event, lang, label }: { event: AuditEvent; lang: Lang; label: string }) {
  const { t } = useTranslation();
  const detail = JSON.stringify(event.detail);
  return (
    <tr>
      <td>
        <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>
      </td>
      <td>{event.actor?.email ?? t("admin.audit.system")}</td>
      <td>{label}</td>
      <td>{event.targetId ? `${event.targetType}:${event.targetId}` : event.targetType}</td>
      <td>{event.reporter ?? ""}</td>
      <td className="admin-detail">{detail === "{}" ? "" : <code>{detail}</code>}</td>
      <td>{event.ip ?? ""}</td>
    </tr>
  );
}

function Pager({ lang, page, count, to }: { lang: Lang; page: number; count: number; to: (page: number) => void }) {
  const { t } = useTranslation();
  if (count <= 1) return null;
  return (
    <nav className="inv-pager" aria-label={t("admin.audit.pages")}>
      <button type="button" disabled={page <= 1} onClick={() => to(page - 1)}>
        {t("admin.audit.previous")}
      </button>
      <span>{t("admin.audit.page", { page: formatCount(page, lang), count: formatCount(count, lang) })}</span>
      <button type="button" disabled={page >= count} onClick={() => to(page + 1)}>
        {t("admin.audit.next")}
      </button>
    </nav>
  );
}
