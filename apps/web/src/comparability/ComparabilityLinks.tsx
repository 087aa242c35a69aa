/**
 * The ways into the comparability pages: from the start page (availability and country profiles) and from a
 * standard table's page (its availability, and the consistency and profile of the first selected country in the
 * last selected year).
 */
import { useTranslation } from "react-i18next";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";

const STANDARD_TABLE = /^T[1-7](_[12])?$/;

export function HomeComparabilityLinks({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-comparability" className="home__box">
      <h2 id="home-comparability">{t("comparability.home.title")}</h2>
      <p>
        <Link href={pathOf({ page: "availability", lang })}>{t("comparability.home.availability")}</Link>
        <br />
        {t("comparability.home.availabilityText")}
      </p>
      <p>
        <Link href={pathOf({ page: "countries", lang })}>{t("comparability.home.countries")}</Link>
        <br />
        {t("comparability.home.countriesText")}
      </p>
    </section>
  );
}

export function TableComparabilityLinks({
  lang,
  table,
  reporters,
  years,
  names,
}: {
  lang: Lang;
  table: string;
  /** Selected reporter codes, in the table's order. */
  reporters: readonly string[];
  /** Selected years, in the table's order. */
  years: readonly string[];
  /** Reporter code → name. */
  names: (code: string) => string;
}) {
  const { t } = useTranslation();
  if (!STANDARD_TABLE.test(table)) return null;
  const reporter = reporters[0];
  const year = years.at(-1);
  return (
    <nav aria-label={t("comparability.links.label")} className="comparability-links">
      <Link href={`${pathOf({ page: "availability", lang })}?table=${table}`}>
        {t("comparability.links.availability")}
      </Link>
      {reporter && year && (
        <Link href={`${pathOf({ page: "consistency", lang, country: reporter, year })}?table=${table}`}>
          {t("comparability.links.consistency", { country: names(reporter), year })}
        </Link>
      )}
      {reporter && (
        <Link href={pathOf({ page: "country", lang, country: reporter })}>
          {t("comparability.links.profile", { country: names(reporter) })}
        </Link>
      )}
    </nav>
  );
}
