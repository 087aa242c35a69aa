/**
 * The start page: what the clearinghouse is, a search over the tables, the tables by chapter, the participating
 * countries, the latest updates, and the ways on to the glossary and the API.
 */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { HomeComparabilityLinks } from "../comparability/ComparabilityLinks.tsx";
import { api, type ListedTable, listedTables } from "../lib/api.ts";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf, useLocation } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { tableMetaOf } from "../table/meta.ts";
import { chaptersOf, countryNames, latestUpdates, periodOf } from "./catalog.ts";
import { DataOrigins } from "./DataOrigins.tsx";
import { queryOf } from "./query.ts";
import { TableSearch } from "./TableSearch.tsx";

const LATEST = 5;

export function HomePage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const tables = useAsync(() => listedTables(lang), lang);
  return (
    <div className="home">
      <section className="home__intro" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p>{t("home.intro")}</p>
        {tables.state === "done" && <DataOrigins lang={lang} tables={tables.value} />}
        <p>{t("home.introUse")}</p>
      </section>
      <TableSearch lang={lang} urlQuery={queryOf(search)} />
      <div className="home__columns">
        <section className="home__chapters" aria-labelledby="home-chapters">
          <h2 id="home-chapters">{t("home.chapters")}</h2>
          {tables.state === "loading" ? (
            <Loading />
          ) : tables.state === "failed" ? (
            <ErrorMessage error={tables.error} onRetry={tables.retry} />
          ) : (
            <Chapters lang={lang} tables={tables.value} />
          )}
        </section>
        <div className="home__aside">
          {tables.state === "done" && tables.value[0] && <Countries lang={lang} tableId={tables.value[0].id} />}
          {tables.state === "done" && <Latest lang={lang} tables={tables.value} />}
          <HomeComparabilityLinks lang={lang} />
          <section aria-labelledby="home-links" className="home__box">
            <h2 id="home-links">{t("home.links")}</h2>
            <p>
              <Link href={pathOf({ page: "glossary", lang })}>{t("home.glossary")}</Link>
              <br />
              {t("home.glossaryText")}
            </p>
            <p>
              <Link href={pathOf({ page: "inventory", lang })}>{t("inventory.title")}</Link>
              <br />
              {t("inventory.intro")}
            </p>
            <p>
              <a href="/api/docs">{t("home.apiDocs")}</a>
              <br />
              {t("home.apiText")}
            </p>
          </section>
        </div>
      </div>
    </div>
  );
}

function Chapters({ lang, tables }: { lang: Lang; tables: readonly ListedTable[] }) {
  const { t } = useTranslation();
  return (
    <>
      {chaptersOf(tables).map((chapter) => {
        const headingId = `chapter-${chapter.id || "other"}`;
        const count = chapter.tables.length;
        return (
          <section key={chapter.id} className="chapter" aria-labelledby={headingId}>
            <h3 id={headingId} className="chapter__title">
              {chapter.label || t("home.otherTables")}{" "}
              <span className="chapter__count">{t("home.tableCount", { count, n: formatCount(count, lang) })}</span>
            </h3>
            <ul className="table-list">
              {chapter.tables.map((table) => (
                <TableItem key={table.id} lang={lang} table={table} />
              ))}
            </ul>
          </section>
        );
      })}
      {tables.some((table) => table.illustrative) && <p className="home__note">{t("home.illustrativeNote")}</p>}
    </>
  );
}

function TableItem({ lang, table }: { lang: Lang; table: ListedTable }) {
  const { t } = useTranslation();
  const period = periodOf(table);
  return (
    <li className="table-list__item">
      <Link className="table-list__link" href={pathOf({ page: "table", lang, id: table.id })}>
        <span className="table-id">{table.id}</span>
        {table.label}
      </Link>
      {table.illustrative && <span className="badge badge--illustrative">{t("home.illustrative")}</span>}
      <span className="table-list__facts">
        {period && <span>{period}</span>}
        {table.updated && <span>{t("home.updated", { date: formatDate(table.updated, lang) })}</span>}
      </span>
    </li>
  );
}

function Countries({ lang, tableId }: { lang: Lang; tableId: string }) {
  const { t } = useTranslation();
  const meta = useAsync(() => api.metadata(tableId, lang).then(tableMetaOf), `${lang}:${tableId}`);
  if (meta.state === "failed") return null; // the list of tables says enough; the countries are a courtesy
  const names = meta.state === "done" ? countryNames(meta.value, lang) : [];
  return (
    <section className="home__box" aria-labelledby="home-countries" aria-busy={meta.state === "loading"}>
      <h2 id="home-countries">{t("home.countries")}</h2>
      {names.length > 0 && (
        <>
          <p className="home__count">
            {t("home.countryCount", { count: names.length, n: formatCount(names.length, lang) })}
          </p>
          <ul className="home__countries">
            {names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Latest({ lang, tables }: { lang: Lang; tables: readonly ListedTable[] }) {
  const { t } = useTranslation();
  return (
    <section className="home__box" aria-labelledby="home-latest">
      <h2 id="home-latest">{t("home.latest")}</h2>
      <ol className="home__latest">
        {latestUpdates(tables, LATEST).map((table) => (
          <li key={table.id}>
            <Link href={pathOf({ page: "table", lang, id: table.id })}>{table.label}</Link>
            {table.illustrative && <span className="badge badge--illustrative">{t("home.illustrative")}</span>}
            <span className="home__date">{formatDate(table.updated, lang)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
