/** The index of country profiles: each participating country with its share of expected cells reported. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { comparabilityApi } from "./api.ts";
import "./comparability.css";
import { sharePercent } from "./state.ts";

export function CountriesPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("comparability.countries.title"), true);
  const data = useAsync(() => comparabilityApi.availability("", lang), lang);
  return (
    <article className="page comparability">
      <h1>{t("comparability.countries.title")}</h1>
      <p>{t("comparability.countries.intro")}</p>
      <p>
        <Link href={pathOf({ page: "availability", lang })}>{t("comparability.links.allAvailability")}</Link>
      </p>
      {data.state === "loading" ? (
        <Loading />
      ) : data.state === "failed" ? (
        <ErrorMessage error={data.error} onRetry={data.retry} />
      ) : (
        <ul className="country-list">
          {data.value.reporters.map((r) => (
            <li key={r.code}>
              <Link className="country-list__name" href={pathOf({ page: "country", lang, country: r.code })}>
                {r.name}
              </Link>
              <span className="country-list__share">
                {t("comparability.countries.share", {
                  share: `${sharePercent(data.value.byReporter[r.code]?.share ?? 0)}%`,
                })}
              </span>
              <span className="country-list__links">
                <Link href={pathOf({ page: "consistency", lang, country: r.code })}>
                  {t("comparability.countries.consistency")}
                </Link>
                {" · "}
                <Link href={`${pathOf({ page: "availability", lang })}?country=${r.code}`}>
                  {t("comparability.countries.availability")}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
