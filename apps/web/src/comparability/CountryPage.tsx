/**
 * A country profile: the country's main partner countries in and out, its data availability, its consistency
 * year by year, and its comparability metadata and notes; printable on A4 (comparability.css) in either
 * language, and linkable. The index of profiles is `CountriesPage`.
 */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import type { CountryMetadata } from "../lib/api.ts";
import { formatCount, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { AvailabilityMatrix, Legend, ShareText } from "./AvailabilityMatrix.tsx";
import {
  comparabilityApi,
  type IndicatorSeries,
  type MirrorMatrix,
  type PartnerList,
  type ProfileAnswer,
} from "./api.ts";
import "./comparability.css";
import { Sparkline } from "./Sparkline.tsx";
import { tableNumber } from "./state.ts";

export function CountryPage({ lang, country }: { lang: Lang; country: string }) {
  const profile = useAsync(() => comparabilityApi.profile(country, lang), `${lang}:${country}`);
  if (profile.state === "loading") return <Loading />;
  if (profile.state === "failed") return <ErrorMessage error={profile.error} onRetry={profile.retry} />;
  return <Profile lang={lang} profile={profile.value} />;
}

function Profile({ lang, profile }: { lang: Lang; profile: ProfileAnswer }) {
  const { t } = useTranslation();
  const { code, name } = profile.reporter;
  useDocumentTitle(t("comparability.profile.title", { country: name }), true);
  const metadata = useAsync(() => comparabilityApi.metadata(code, lang), `${lang}:${code}`);
  const years = useAsync(() => comparabilityApi.consistencyYears(code, lang), `${lang}:${code}`);
  const indicators = useAsync(() => comparabilityApi.indicators(code, lang), `${lang}:${code}`);
  const mirror = useAsync(() => comparabilityApi.mirror(lang), lang);
  const n = (x: number) => formatCount(x, lang);
  return (
    <article className="page comparability profile">
      <header className="profile__header">
        <h1>{t("comparability.profile.title", { country: name })}</h1>
        <p>{t("comparability.profile.intro", { country: name })}</p>
        <p className="comparability__links no-print">
          <button type="button" onClick={() => window.print()}>
            {t("comparability.profile.print")}
          </button>{" "}
          <Link href={pathOf({ page: "consistency", lang, country: code })}>
            {t("comparability.consistency.titleCountry", { country: name })}
          </Link>
          {" · "}
          <Link href={`${pathOf({ page: "availability", lang })}?country=${code}`}>
            {t("comparability.links.availabilityOf", { country: name })}
          </Link>
          {" · "}
          <Link href={pathOf({ page: "countries", lang })}>{t("comparability.links.countries")}</Link>
        </p>
        <p className="print-only">
          {t("comparability.profile.printed", { url: typeof window === "undefined" ? "" : window.location.href })}
        </p>
      </header>

      <section
        aria-labelledby="profile-indicators"
        className="profile__section"
        aria-busy={indicators.state === "loading"}
      >
        <h2 id="profile-indicators">{t("comparability.profile.indicators")}</h2>
        {indicators.state === "failed" ? (
          <ErrorMessage error={indicators.error} onRetry={indicators.retry} />
        ) : indicators.state === "done" ? (
          <Indicators lang={lang} series={indicators.value} />
        ) : (
          <Loading />
        )}
      </section>

      <section aria-labelledby="profile-partners" className="profile__section">
        <h2 id="profile-partners">{t("comparability.profile.partners")}</h2>
        <div className="profile__columns">
          <Partners lang={lang} list={profile.partnersIn} title="partnersIn" />
          <Partners lang={lang} list={profile.partnersOut} title="partnersOut" />
        </div>
      </section>

      <section aria-labelledby="profile-mirror" className="profile__section" aria-busy={mirror.state === "loading"}>
        <h2 id="profile-mirror">{t("comparability.profile.mirror")}</h2>
        {mirror.state === "failed" ? (
          <ErrorMessage error={mirror.error} onRetry={mirror.retry} />
        ) : mirror.state === "done" ? (
          <Mirror lang={lang} country={code} matrix={mirror.value} />
        ) : (
          <Loading />
        )}
      </section>

      <section aria-labelledby="profile-availability" className="profile__section">
        <h2 id="profile-availability">{t("comparability.profile.availability")}</h2>
        <p>
          <ShareText share={profile.availability.all.share} />{" "}
          {t("comparability.availability.summary", {
            available: n(profile.availability.all.states.available),
            partial: n(profile.availability.all.states.partial),
            flagged: n(profile.availability.all.states.flagged),
            missing: n(profile.availability.all.states.missing),
          })}
        </p>
        <Legend />
        <AvailabilityMatrix data={profile.availability} lang={lang} group="country" />
      </section>

      <section aria-labelledby="profile-consistency" className="profile__section" aria-busy={years.state === "loading"}>
        <h2 id="profile-consistency">{t("comparability.profile.consistency")}</h2>
        {years.state === "failed" ? (
          <ErrorMessage error={years.error} onRetry={years.retry} />
        ) : years.state === "done" ? (
          <ul className="profile__years">
            {years.value.years
              .filter((y) => y.tables.length > 0)
              .map((y) => (
                <li key={y.year}>
                  <Link href={pathOf({ page: "consistency", lang, country: code, year: String(y.year) })}>
                    {t("comparability.consistency.yearSummary", {
                      year: y.year,
                      errors: t("comparability.consistency.errors", { count: y.errors, n: n(y.errors) }),
                      warnings: t("comparability.consistency.warnings", { count: y.warnings, n: n(y.warnings) }),
                    })}
                  </Link>
                </li>
              ))}
          </ul>
        ) : (
          <Loading />
        )}
      </section>

      <section aria-labelledby="profile-metadata" className="profile__section" aria-busy={metadata.state === "loading"}>
        <h2 id="profile-metadata">{t("comparability.profile.metadata")}</h2>
        <p>{t("comparability.profile.metadataIntro", { country: name })}</p>
        {metadata.state === "failed" ? (
          <ErrorMessage error={metadata.error} onRetry={metadata.retry} />
        ) : metadata.state === "done" ? (
          <Metadata lang={lang} entries={metadata.value} />
        ) : (
          <Loading />
        )}
      </section>
    </article>
  );
}

function Partners({ lang, list, title }: { lang: Lang; list: PartnerList; title: "partnersIn" | "partnersOut" }) {
  const { t } = useTranslation();
  const heading = t(`comparability.profile.${title}`, { year: list.year ?? "—" });
  if (list.year === null || list.partners.length === 0) {
    return (
      <div>
        <h3>{heading}</h3>
        <p>{t("comparability.profile.noPartners")}</p>
      </div>
    );
  }
  const pct = (share: number | null) => (share === null ? "—" : `${formatNumber(share * 100, lang, 1)}%`);
  return (
    <div>
      <h3>{heading}</h3>
      <table className="partners">
        <thead>
          <tr>
            <th scope="col">{t("comparability.profile.partner")}</th>
            <th scope="col" className="num">
              {t("comparability.profile.persons")}
            </th>
            <th scope="col" className="num">
              {t("comparability.profile.share")}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.partners.map((p) => (
            <tr key={p.code}>
              <th scope="row">{p.name}</th>
              <td className="num">{formatNumber(p.value, lang)}</td>
              <td className="num">
                <span
                  className="partners__bar"
                  style={{ width: `${Math.round((p.share ?? 0) * 100)}%` }}
                  aria-hidden="true"
                />
                {pct(p.share)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {list.other !== null && (
            <tr>
              <th scope="row">{t("comparability.profile.other")}</th>
              <td className="num">{formatNumber(list.other, lang)}</td>
              <td className="num">{pct(list.total ? list.other / list.total : null)}</td>
            </tr>
          )}
          {list.total !== null && (
            <tr>
              <th scope="row">{t("comparability.profile.total")}</th>
              <td className="num">{formatNumber(list.total, lang)}</td>
              <td className="num">100%</td>
            </tr>
          )}
        </tfoot>
      </table>
      <p>
        <Link href={`/${lang}/tables/${list.table}?v.year=${list.year}`}>
          {t("comparability.consistency.show", { table: tableNumber(list.table) })}
        </Link>
      </p>
    </div>
  );
}

function Metadata({ lang, entries }: { lang: Lang; entries: readonly CountryMetadata[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p>{t("comparability.profile.noMetadata")}</p>;
  const period = (e: CountryMetadata) =>
    e.fromYear !== null && e.toYear !== null
      ? `${e.fromYear}–${e.toYear}`
      : e.fromYear !== null
        ? t("comparability.profile.fromYear", { year: e.fromYear })
        : e.toYear !== null
          ? t("comparability.profile.untilYear", { year: e.toYear })
          : t("comparability.profile.allYears");
  return (
    <div className="metadata-list">
      {entries.map((e) => (
        <section
          key={`${e.table} ${e.fromYear ?? ""}`}
          className="metadata-entry"
          aria-label={`${tableNumber(e.table)} ${period(e)}`}
        >
          <h3>
            <Link href={`/${lang}/tables/${e.table}?v.reporter=${e.reporter}`}>{tableNumber(e.table)}</Link>{" "}
            <span className="metadata-entry__period">({period(e)})</span>
          </h3>
          <dl>
            <dt>{t("comparability.profile.source")}</dt>
            <dd>{e.source}</dd>
            <dt>{t("comparability.profile.definition")}</dt>
            <dd>{e.definition}</dd>
            <dt>{t("comparability.profile.coverage")}</dt>
            <dd>{e.coverage}</dd>
            {e.breaks && (
              <>
                <dt>{t("comparability.profile.breaks")}</dt>
                <dd>{e.breaks}</dd>
              </>
            )}
            {e.deviations && (
              <>
                <dt>{t("comparability.profile.deviations")}</dt>
                <dd>{e.deviations}</dd>
              </>
            )}
          </dl>
          {e.statelessInCitizenshipTable && <p>{t("comparability.profile.stateless")}</p>}
        </section>
      ))}
    </div>
  );
}

/** The key indicators: the latest known value of each, its sparkline over the years, and its formula. */
function Indicators({ lang, series }: { lang: Lang; series: IndicatorSeries }) {
  const { t } = useTranslation();
  const first = series.years[0];
  const lastYear = series.years.at(-1);
  return (
    <table className="indicators">
      <thead>
        <tr>
          <th scope="col">{t("comparability.profile.indicator")}</th>
          <th scope="col" className="num">
            {t("comparability.profile.latest")}
          </th>
          <th scope="col">{t("comparability.profile.trend", { from: first ?? "", to: lastYear ?? "" })}</th>
          <th scope="col">{t("comparability.profile.formula")}</th>
        </tr>
      </thead>
      <tbody>
        {series.indicators.map((ind) => {
          const latest = [...ind.values].reverse().find((v) => v.value !== null);
          const values = ind.values.map((v) => v.value);
          const known = ind.values.filter((v) => v.value !== null);
          const label = known.length
            ? t("comparability.profile.sparkline", {
                indicator: ind.label,
                from: known[0]?.year,
                first: formatNumber(known[0]?.value ?? 0, lang, ind.decimals),
                to: known.at(-1)?.year,
                last: formatNumber(known.at(-1)?.value ?? 0, lang, ind.decimals),
              })
            : t("comparability.profile.noValues", { indicator: ind.label });
          return (
            <tr key={ind.code}>
              <th scope="row">{ind.label}</th>
              <td className="num">
                {latest && latest.value !== null ? (
                  <>
                    {formatNumber(latest.value, lang, ind.decimals)} {ind.units}
                    {latest.flags && <sup>{latest.flags}</sup>}
                    <span className="indicators__year"> ({latest.year})</span>
                  </>
                ) : (
                  ".."
                )}
              </td>
              <td>
                <Sparkline values={values} label={label} />
              </td>
              <td className="indicators__formula">{ind.formula}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The country's mirror comparisons with each partner in the latest year: flows in and out, both records. */
function Mirror({ lang, country, matrix }: { lang: Lang; country: string; matrix: MirrorMatrix }) {
  const { t } = useTranslation();
  const name = new Map(matrix.countries.map((c) => [c.code, c.label]));
  const rows = matrix.comparisons.filter((c) => c.receiver === country || c.sender === country);
  if (rows.length === 0) return <p>{t("comparability.profile.noMirror")}</p>;
  const figure = (f: { value: number | null; status: string; flags: string }, decimals = 0) =>
    f.value === null ? f.status || ".." : `${formatNumber(f.value, lang, decimals)}${f.flags ? ` ${f.flags}` : ""}`;
  return (
    <>
      <p>{matrix.definitions.asymmetry}</p>
      <table className="mirror">
        <caption>{t("comparability.profile.mirrorCaption", { year: matrix.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("comparability.profile.flow")}</th>
            <th scope="col" className="num">
              {t("comparability.profile.immigrationRecorded")}
            </th>
            <th scope="col" className="num">
              {t("comparability.profile.emigrationRecorded")}
            </th>
            <th scope="col" className="num">
              {t("comparability.profile.asymmetry")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={`${c.sender} ${c.receiver}`}>
              <th scope="row">
                {t("comparability.profile.flowFrom", {
                  from: name.get(c.sender) ?? c.sender,
                  to: name.get(c.receiver) ?? c.receiver,
                })}
              </th>
              <td className="num">{figure(c.immigration)}</td>
              <td className="num">{figure(c.emigration)}</td>
              <td className="num">{figure(c.asymmetry, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
