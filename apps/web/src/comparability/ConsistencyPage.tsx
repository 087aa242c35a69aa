/**
 * The consistency report of a country and year: the years with their error and warning counts, the rules with
 * their outcome, and each finding with its explanation, its cells (labels and figures) and links to the table
 * page showing them. `?table=` keeps one table's findings and rules. Without a year, the latest year is shown.
 */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type ConsistencyAnswer, type ConsistencyYears, comparabilityApi, type Finding } from "./api.ts";
import "./comparability.css";
import { ruleRows, tableNumber } from "./state.ts";

const tableOf = (search: string) => {
  const value = new URLSearchParams(search).get("table") ?? "";
  return /^T[0-9_]{1,4}$/.test(value) ? value : "";
};

export function ConsistencyPage({
  lang,
  country,
  year,
  search,
}: {
  lang: Lang;
  country: string;
  year?: string;
  search: string;
}) {
  const { t } = useTranslation();
  const years = useAsync(() => comparabilityApi.consistencyYears(country, lang), `${lang}:${country}`);
  const table = tableOf(search);
  if (years.state === "loading") return <Loading />;
  if (years.state === "failed") return <ErrorMessage error={years.error} onRetry={years.retry} />;
  const list = years.value.years.filter((y) => y.tables.length > 0);
  const chosen = year !== undefined ? Number(year) : list.at(-1)?.year;
  const name = years.value.reporter.name;
  if (chosen === undefined) {
    return (
      <article className="page comparability">
        <h1>{t("comparability.consistency.titleCountry", { country: name })}</h1>
        <p>{t("comparability.consistency.noYear", { country: name })}</p>
      </article>
    );
  }
  return <Report lang={lang} years={years.value} year={chosen} table={table} />;
}

function Report({ lang, years, year, table }: { lang: Lang; years: ConsistencyYears; year: number; table: string }) {
  const { t } = useTranslation();
  const country = years.reporter.code;
  const name = years.reporter.name;
  useDocumentTitle(t("comparability.consistency.title", { country: name, year }), true);
  const report = useAsync(
    () => comparabilityApi.consistency(country, year, lang, table || undefined),
    `${lang}:${country}:${year}:${table}`,
  );
  const count = (key: "errors" | "warnings", n: number) =>
    t(`comparability.consistency.${key}`, { count: n, n: formatCount(n, lang) });
  const here = (y: number, tbl = table) =>
    pathOf({ page: "consistency", lang, country, year: String(y) }) + (tbl ? `?table=${encodeURIComponent(tbl)}` : "");
  return (
    <article className="page comparability">
      <h1>{t("comparability.consistency.title", { country: name, year })}</h1>
      <p>{t("comparability.consistency.intro", { country: name, year })}</p>
      <p className="comparability__links">
        <Link href={pathOf({ page: "country", lang, country })}>
          {t("comparability.links.profile", { country: name })}
        </Link>
        {" · "}
        <Link href={`${pathOf({ page: "availability", lang })}?country=${country}`}>
          {t("comparability.links.availabilityOf", { country: name })}
        </Link>
      </p>
      <nav aria-label={t("comparability.consistency.years")} className="consistency-years">
        <h2>{t("comparability.consistency.years")}</h2>
        <ul>
          {years.years
            .filter((y) => y.tables.length > 0)
            .map((y) => (
              <li key={y.year}>
                <Link href={here(y.year)} aria-current={y.year === year ? "page" : undefined}>
                  {t("comparability.consistency.yearSummary", {
                    year: y.year,
                    errors: count("errors", y.errors),
                    warnings: count("warnings", y.warnings),
                  })}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      {report.state === "loading" ? (
        <Loading />
      ) : report.state === "failed" ? (
        <ErrorMessage error={report.error} onRetry={report.retry} />
      ) : (
        <ReportBody
          lang={lang}
          report={report.value}
          table={table}
          onTable={(tbl) => navigate(here(year, tbl), { replace: true })}
        />
      )}
    </article>
  );
}

function ReportBody({
  lang,
  report,
  table,
  onTable,
}: {
  lang: Lang;
  report: ConsistencyAnswer;
  table: string;
  onTable: (table: string) => void;
}) {
  const { t } = useTranslation();
  const n = (x: number) => formatCount(x, lang);
  const checked = report.rules.filter((r) => r.checked).length;
  return (
    <>
      <p className="consistency-summary" role="status">
        <strong>{t("comparability.consistency.errors", { count: report.errors, n: n(report.errors) })}</strong>,{" "}
        {t("comparability.consistency.warnings", { count: report.warnings, n: n(report.warnings) })}.{" "}
        {t("comparability.consistency.rulesChecked", { checked: n(checked), rules: n(report.rules.length) })}.
      </p>
      <p className="comparability__downloads">
        {t("comparability.consistency.download")}:{" "}
        <a
          href={comparabilityApi.consistencyUrl(report.reporter.code, report.year, lang, "csv", table || undefined)}
          download
        >
          CSV
        </a>
        {" · "}
        <a
          href={comparabilityApi.consistencyUrl(report.reporter.code, report.year, lang, "json", table || undefined)}
          download
        >
          JSON
        </a>
      </p>
      <label className="consistency-filter">
        {t("comparability.consistency.table")}{" "}
        <select value={table} onChange={(e) => onTable(e.target.value)}>
          <option value="">{t("comparability.consistency.allTables")}</option>
          {[...new Set([...report.tables, ...(table ? [table] : [])])].map((id) => (
            <option key={id} value={id}>
              {tableNumber(id)}
            </option>
          ))}
        </select>
      </label>
      <section aria-labelledby="consistency-findings">
        <h2 id="consistency-findings">{t("comparability.consistency.findings")}</h2>
        {report.findings.length === 0 ? (
          <p>{t("comparability.consistency.noFindings")}</p>
        ) : (
          <ol className="findings">
            {report.findings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; their order is the report's
              <FindingItem key={i} lang={lang} finding={f} />
            ))}
          </ol>
        )}
        {report.truncated && <p>{t("comparability.consistency.truncated", { n: n(report.findings.length) })}</p>}
      </section>
      <section aria-labelledby="consistency-rules">
        <h2 id="consistency-rules">{t("comparability.consistency.rules")}</h2>
        <div className="avail-scroll">
          <table className="rules-table">
            <caption className="visually-hidden">{t("comparability.consistency.rules")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("comparability.consistency.rule")}</th>
                <th scope="col">{t("comparability.consistency.kind")}</th>
                <th scope="col">{t("comparability.consistency.tables")}</th>
                <th scope="col">{t("comparability.consistency.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {ruleRows(report.rules).map((r) => (
                <tr key={r.rule} className={r.checked.length ? undefined : "rules-table__unchecked"}>
                  <th scope="row">
                    {r.description}
                    <code className="rules-table__id">{r.rule}</code>
                  </th>
                  <td>{r.kindLabel}</td>
                  <td>
                    {r.checked.join(", ")}
                    {r.unchecked.length > 0 && (
                      <span className="rules-table__unchecked">
                        {r.checked.length ? "; " : ""}
                        {t("comparability.consistency.notCheckedOn", { tables: r.unchecked.join(", ") })}
                      </span>
                    )}
                  </td>
                  <td>
                    {r.checked.length === 0
                      ? t("comparability.consistency.notChecked")
                      : r.errors + r.warnings === 0
                        ? t("comparability.consistency.passed")
                        : [
                            r.errors ? t("comparability.consistency.errors", { count: r.errors, n: n(r.errors) }) : "",
                            r.warnings
                              ? t("comparability.consistency.warnings", { count: r.warnings, n: n(r.warnings) })
                              : "",
                          ]
                            .filter(Boolean)
                            .join(", ")}
                    {r.explanation && ` (${t("comparability.consistency.explained").toLowerCase()})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function FindingItem({ lang, finding: f }: { lang: Lang; finding: Finding }) {
  const { t } = useTranslation();
  return (
    <li className={`finding finding--${f.severity}`}>
      <p className="finding__head">
        <span className={`badge finding__severity finding__severity--${f.severity}`}>
          {t(`comparability.consistency.${f.severity}`)}
        </span>{" "}
        <span className="finding__number">{f.tableNumber}</span> {f.message}
        {f.expected !== undefined && f.found !== undefined && (
          <span className="finding__figures">
            {" "}
            ({t("comparability.consistency.expected", { value: formatNumber(f.expected, lang) })},{" "}
            {t("comparability.consistency.found", { value: formatNumber(f.found, lang) })})
          </span>
        )}
      </p>
      {f.explanation && (
        <p className="finding__explanation">
          <strong>{t("comparability.consistency.explained")}:</strong> {f.explanation}
        </p>
      )}
      {f.cells.length > 0 && (
        <details className="finding__cells">
          <summary>
            {t("comparability.consistency.cells")} ({formatCount(f.cells.length, lang)})
          </summary>
          <table className="finding__table">
            <thead>
              <tr>
                <th scope="col">{t("comparability.consistency.cellTable")}</th>
                <th scope="col">{t("comparability.consistency.cellWhere")}</th>
                <th scope="col">{t("comparability.consistency.cellValue")}</th>
              </tr>
            </thead>
            <tbody>
              {f.cells.map((c) => (
                <tr key={`${c.table} ${Object.values(c.coordinates).join(" ")} ${c.previousVersion ? "p" : ""}`}>
                  <td>{tableNumber(c.table)}</td>
                  <td>
                    {Object.values(c.labels).join(" · ")}
                    {c.previousVersion && ` (${t("comparability.consistency.previousVersion")})`}
                  </td>
                  <td className="num">
                    {c.value === null ? c.symbol : formatNumber(c.value, lang)}
                    {c.flags && <sup>{c.flags}</sup>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <p className="finding__links">
        {f.links.map((l) => (
          <Link key={l.table} href={l.href}>
            {t("comparability.consistency.show", { table: tableNumber(l.table) })}
          </Link>
        ))}
      </p>
    </li>
  );
}
