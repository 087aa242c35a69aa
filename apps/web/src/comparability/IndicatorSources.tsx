/**
 * How a figure of table IND was computed: its formula and the cells of the standard tables it was computed from
 * (GET /api/comparability/indicators/{reporter}/{year}/{indicator}), each with a link to the table page selecting
 * that cell. Shown under the table of IND when a reader selects a figure.
 */
import { type Dataset, strides } from "@clearinghouse/cube/browser";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { indicatorValue, type SourceCell } from "./mirror-api.ts";
import "./mirror.css";

/** The codes of the cell at `offset`, by dimension. */
export function cellCodes(ds: Pick<Dataset, "dimensions">, offset: number): Record<string, string> {
  const st = strides(ds.dimensions);
  const out: Record<string, string> = {};
  ds.dimensions.forEach((d, k) => {
    out[d.code] = d.categories[Math.floor(offset / (st[k] as number)) % d.categories.length]?.code ?? "";
  });
  return out;
}

/** The table page of a source cell, with that cell selected. */
export function sourceHref(source: SourceCell, lang: Lang): string {
  const params = Object.entries(source.cell)
    .map(([k, v]) => `v.${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return `${pathOf({ page: "table", lang, id: source.table })}?${params}`;
}

interface Props {
  readonly lang: Lang;
  readonly dataset: Dataset;
  readonly offset: number;
  readonly onClose: () => void;
}

export function IndicatorSources({ lang, dataset, offset, onClose }: Props) {
  const { t } = useTranslation();
  const codes = cellCodes(dataset, offset);
  const reporter = codes.reporter ?? "";
  const year = codes.year ?? "";
  const indicator = codes.ContentsCode ?? "";
  const key = `${reporter}/${year}/${indicator}/${lang}`;
  const answer = useAsync(() => indicatorValue(reporter, year, indicator, lang), key);
  return (
    <section className="indicator-sources" aria-live="polite" aria-labelledby="indicator-sources-title">
      {answer.state === "loading" ? (
        <Loading />
      ) : answer.state === "failed" ? (
        <ErrorMessage error={answer.error} onRetry={answer.retry} />
      ) : (
        <>
          <h2 id="indicator-sources-title">
            {t("indicatorSources.title", {
              indicator: answer.value.label,
              country: answer.value.country.label,
              year: answer.value.year,
            })}
          </h2>
          <dl>
            <dt>{t("indicatorSources.value")}</dt>
            <dd>
              {answer.value.value === null
                ? t(`indicatorSources.reason_${answer.value.reason ?? "missing"}`)
                : `${formatNumber(answer.value.value, lang, answer.value.decimals)} ${answer.value.units}`}
              {answer.value.flags && ` (${answer.value.flags})`}
            </dd>
            <dt>{t("indicatorSources.formula")}</dt>
            <dd>{answer.value.formula}</dd>
            {answer.value.note && <dd>{answer.value.note}</dd>}
          </dl>
          <table>
            <caption>{t("indicatorSources.sources")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicatorSources.table")}</th>
                <th scope="col">{t("indicatorSources.cell")}</th>
                <th scope="col">{t("indicatorSources.figure")}</th>
              </tr>
            </thead>
            <tbody>
              {answer.value.sources.map((s) => (
                <tr key={`${s.table}:${Object.values(s.cell).join("/")}`}>
                  <td>
                    <Link
                      href={sourceHref(s, lang)}
                      aria-label={t("indicatorSources.open", { table: s.number ?? s.table })}
                    >
                      {s.number ?? s.table}
                    </Link>
                  </td>
                  <td>
                    {Object.entries(s.cell)
                      .filter(([k]) => k !== "ContentsCode")
                      .map(([k, v]) => `${k} ${v}`)
                      .join(", ")}
                  </td>
                  <td>
                    {s.value === null ? s.status : formatNumber(s.value, lang)}
                    {s.flags && ` ${s.flags}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <button type="button" onClick={onClose}>
        {t("indicatorSources.close")}
      </button>
    </section>
  );
}
