/**
 * The submissions a user may see, by state and country (a focal point sees only its countries'; the server
 * filters too), and a new submission for a country (preselected when the focal point has only one).
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { countryName } from "../lib/countries.ts";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type SubmissionSummary, submissionsApi } from "./api.ts";
import { StateBadge, SubmissionsOnly } from "./common.tsx";
import {
  compareTableIds,
  countriesFor,
  isFocalPoint,
  isSubmissionState,
  SUBMISSION_STATES,
  type Viewer,
} from "./view.ts";

export function SubmissionsPage({ lang, search }: { lang: Lang; search: string }) {
  return (
    <SubmissionsOnly lang={lang}>{(viewer) => <List lang={lang} search={search} viewer={viewer} />}</SubmissionsOnly>
  );
}

function List({ lang, search, viewer }: { lang: Lang; search: string; viewer: Viewer }) {
  const { t } = useTranslation();
  useDocumentTitle(t("submissions.title"));
  const params = new URLSearchParams(search);
  const asked = params.get("state");
  const state = isSubmissionState(asked) ? asked : undefined;
  const reporter = params.get("reporter") ?? undefined;
  const reporters = useAsync(() => submissionsApi.reporters(), "reporters");
  const list = useAsync(() => submissionsApi.list(lang, { state, reporter }), `${lang}:${state}:${reporter}`);
  const countries = reporters.state === "done" ? countriesFor(viewer, reporters.value) : (viewer.countries ?? []);

  const filterTo = (next: { state?: string | undefined; reporter?: string | undefined }) => {
    const query = new URLSearchParams();
    if (next.state) query.set("state", next.state);
    if (next.reporter) query.set("reporter", next.reporter);
    const text = query.toString();
    navigate(`${pathOf({ page: "submissions", lang })}${text ? `?${text}` : ""}`, { replace: true });
  };

  return (
    <section className="page sub-page">
      <h1>{t("submissions.title")}</h1>
      <p>{t("submissions.intro")}</p>
      {countries.length > 0 && <NewSubmission lang={lang} countries={countries} focalPoint={isFocalPoint(viewer)} />}
      <form className="sub-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t("submissions.state.label")}
          <select value={state ?? ""} onChange={(event) => filterTo({ state: event.target.value, reporter })}>
            <option value="">{t("submissions.state.all")}</option>
            {SUBMISSION_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`submissions.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {countries.length > 1 && (
          <label>
            {t("submissions.country")}
            <select value={reporter ?? ""} onChange={(event) => filterTo({ state, reporter: event.target.value })}>
              <option value="">{t("submissions.allCountries")}</option>
              {countries.map((c) => (
                <option key={c} value={c}>
                  {countryName(c, lang)}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {list.state === "loading" ? (
        <Loading />
      ) : list.state === "failed" ? (
        <ErrorMessage error={list.error} onRetry={list.retry} />
      ) : (
        <SubmissionTable lang={lang} submissions={list.value} empty={t("submissions.none")} />
      )}
    </section>
  );
}

/** Submissions as a table: number, country, state, tables, findings, last change. */
export function SubmissionTable({
  lang,
  submissions,
  empty,
}: {
  lang: Lang;
  submissions: readonly SubmissionSummary[];
  empty: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status">
        {t("submissions.count", { count: submissions.length, n: formatCount(submissions.length, lang) })}
      </p>
      {submissions.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="sub-scroll">
          <table className="sub-table">
            <thead>
              <tr>
                <th scope="col">{t("submissions.columns.id")}</th>
                <th scope="col">{t("submissions.columns.country")}</th>
                <th scope="col">{t("submissions.columns.state")}</th>
                <th scope="col">{t("submissions.columns.tables")}</th>
                <th scope="col">{t("submissions.columns.findings")}</th>
                <th scope="col">{t("submissions.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link href={pathOf({ page: "submission", lang, id: String(s.id) })}>
                      {t("submissions.number", { id: s.id })}
                    </Link>
                  </th>
                  <td>{countryName(s.reporter, lang)}</td>
                  <td>
                    <StateBadge state={s.state} />
                  </td>
                  <td>
                    {s.tables.length > 0 ? [...s.tables].sort(compareTableIds).join(", ") : t("submissions.noTables")}
                  </td>
                  <td>
                    <FindingCounts lang={lang} errors={s.findings.errors} warnings={s.findings.warnings} />
                  </td>
                  <td>{formatDate(s.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function FindingCounts({ lang, errors, warnings }: { lang: Lang; errors: number; warnings: number }) {
  const { t } = useTranslation();
  return (
    <span className="sub-counts">
      <span className={errors > 0 ? "sub-count sub-count--error" : "sub-count"}>
        {t("submissions.errors", { count: errors, n: formatCount(errors, lang) })}
      </span>{" "}
      <span className={warnings > 0 ? "sub-count sub-count--warning" : "sub-count"}>
        {t("submissions.warnings", { count: warnings, n: formatCount(warnings, lang) })}
      </span>
    </span>
  );
}

function NewSubmission({
  lang,
  countries,
  focalPoint,
}: {
  lang: Lang;
  countries: readonly string[];
  focalPoint: boolean;
}) {
  const { t } = useTranslation();
  const only = focalPoint && countries.length === 1 ? countries[0] : undefined;
  const [reporter, setReporter] = useState(only ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!reporter) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await submissionsApi.create(reporter, lang);
      navigate(pathOf({ page: "submission", lang, id: String(created.id) }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form className="sub-new" onSubmit={create}>
      <label>
        {t("submissions.newFor")}{" "}
        <select value={reporter} onChange={(event) => setReporter(event.target.value)} required>
          {!only && <option value="" />}
          {countries.map((c) => (
            <option key={c} value={c}>
              {countryName(c, lang)}
            </option>
          ))}
        </select>
      </label>{" "}
      <button type="submit" className="inv-form__submit" disabled={busy || !reporter}>
        {busy ? t("submissions.creating") : t("submissions.create")}
      </button>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}
