/**
 * The data availability page: filters (tables, chapter, countries, period, which cells count, row grouping) kept
 * in the URL, the matrix, its legend and explanation, and downloads of the same selection.
 */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { AvailabilityMatrix, Legend, ShareText } from "./AvailabilityMatrix.tsx";
import { type AvailabilityAnswer, comparabilityApi } from "./api.ts";
import "./comparability.css";
import {
  type AvailabilityState,
  availabilityQuery,
  DEFAULT_AVAILABILITY,
  DETAILS,
  formatAvailabilityState,
  GROUPS,
  parseAvailabilityState,
} from "./state.ts";

export function AvailabilityPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("comparability.availability.title"), true);
  const state = parseAvailabilityState(search);
  const query = availabilityQuery(state);
  // Every table, country and year, for the filters' choices (a cached answer of the server).
  const options = useAsync(() => comparabilityApi.availability("detail=total", lang), lang);
  const data = useAsync(() => comparabilityApi.availability(query, lang), `${lang}?${query}`);
  const go = (next: Partial<AvailabilityState>) =>
    navigate(pathOf({ page: "availability", lang }) + formatAvailabilityState({ ...state, ...next }), {
      replace: true,
    });

  return (
    <article className="page comparability">
      <h1>{t("comparability.availability.title")}</h1>
      <p>{t("comparability.availability.intro")}</p>
      <p>{t("comparability.availability.rules")}</p>
      <p>
        <Link href={pathOf({ page: "countries", lang })}>{t("comparability.links.countries")}</Link>
      </p>
      {options.state === "done" && <Filters state={state} options={options.value} onChange={go} />}
      <section aria-labelledby="avail-legend">
        <h2 id="avail-legend">{t("comparability.availability.legend")}</h2>
        <Legend />
        <p className="avail-detail-hint">
          <strong>{t(`comparability.detail.${state.detail}`)}.</strong> {t(`comparability.detailHint.${state.detail}`)}
        </p>
        <p>{t("comparability.availability.open")}</p>
      </section>
      <section aria-labelledby="avail-matrix" aria-busy={data.state === "loading"}>
        <h2 id="avail-matrix">{t("comparability.availability.matrix")}</h2>
        {data.state === "loading" ? (
          <Loading />
        ) : data.state === "failed" ? (
          <ErrorMessage error={data.error} onRetry={data.retry} />
        ) : (
          <>
            <Summary lang={lang} data={data.value} />
            <Downloads lang={lang} query={query} />
            <AvailabilityMatrix data={data.value} lang={lang} group={state.group} />
          </>
        )}
      </section>
    </article>
  );
}

function Summary({ lang, data }: { lang: Lang; data: AvailabilityAnswer }) {
  const { t } = useTranslation();
  const s = data.all.states;
  const n = (x: number) => formatCount(x, lang);
  return (
    <p className="avail-summary">
      {t("comparability.availability.blocks", { count: data.all.blocks, n: n(data.all.blocks) })}:{" "}
      {t("comparability.availability.summary", {
        available: n(s.available),
        partial: n(s.partial),
        flagged: n(s.flagged),
        missing: n(s.missing),
      })}
      {" · "}
      <ShareText share={data.all.share} />
    </p>
  );
}

export function Downloads({ lang, query }: { lang: Lang; query: string }) {
  const { t } = useTranslation();
  return (
    <p className="comparability__downloads">
      {t("comparability.availability.downloads")}:{" "}
      {(["csv", "xlsx", "json"] as const).map((format, i) => (
        <span key={format}>
          {i > 0 && " · "}
          <a href={comparabilityApi.availabilityUrl(query, lang, format)} download>
            {t(`comparability.availability.${format}`)}
          </a>
        </span>
      ))}
    </p>
  );
}

function Filters({
  state,
  options,
  onChange,
}: {
  state: AvailabilityState;
  options: AvailabilityAnswer;
  onChange: (next: Partial<AvailabilityState>) => void;
}) {
  const { t } = useTranslation();
  const toggle = (list: readonly string[], code: string) =>
    list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
  const chapters = [...new Map(options.tables.map((x) => [x.chapter, options.chapters[x.chapter] ?? x.chapter]))];
  return (
    <section className="avail-filters" aria-labelledby="avail-filters">
      <h2 id="avail-filters">{t("comparability.availability.filters")}</h2>
      <div className="avail-filters__row">
        <label>
          {t("comparability.detail.label")}{" "}
          <select
            value={state.detail}
            onChange={(e) => onChange({ detail: e.target.value as AvailabilityState["detail"] })}
          >
            {DETAILS.map((d) => (
              <option key={d} value={d}>
                {t(`comparability.detail.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("comparability.availability.chapter")}{" "}
          <select value={state.chapter} onChange={(e) => onChange({ chapter: e.target.value })}>
            <option value="">{t("comparability.availability.allChapters")}</option>
            {chapters.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {(["from", "to"] as const).map((bound) => (
          <label key={bound}>
            {t(`comparability.availability.${bound}`)}{" "}
            <select
              value={state[bound] ?? ""}
              onChange={(e) => onChange({ [bound]: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t("comparability.availability.anyYear")}</option>
              {options.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t("comparability.availability.group")}{" "}
          <select
            value={state.group}
            onChange={(e) => onChange({ group: e.target.value as AvailabilityState["group"] })}
          >
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(
                  g === "country" ? "comparability.availability.groupCountry" : "comparability.availability.groupTable",
                )}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="avail-filters__set">
        <legend>{t("comparability.availability.tables")}</legend>
        {options.tables.map((x) => (
          <label key={x.id} title={x.title}>
            <input
              type="checkbox"
              checked={state.tables.includes(x.id)}
              onChange={() => onChange({ tables: toggle(state.tables, x.id) })}
            />{" "}
            {x.number} <span className="avail-filters__title">{x.title}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="avail-filters__set">
        <legend>{t("comparability.availability.countries")}</legend>
        {options.reporters.map((r) => (
          <label key={r.code}>
            <input
              type="checkbox"
              checked={state.countries.includes(r.code)}
              onChange={() => onChange({ countries: toggle(state.countries, r.code) })}
            />{" "}
            {r.name}
          </label>
        ))}
      </fieldset>
      <p>
        <button
          type="button"
          onClick={() => onChange({ ...DEFAULT_AVAILABILITY, detail: state.detail, group: state.group })}
        >
          {t("comparability.availability.reset")}
        </button>
      </p>
    </section>
  );
}
