/**
 * A table: its selection (one box per variable) beside the figures, shown as a pivoted table, a chart or a map,
 * with downloads and the API calls for the same selection. Everything a reader changes is written into the URL.
 */
import type { Dataset } from "@clearinghouse/cube/browser";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { TableComparabilityLinks } from "../comparability/ComparabilityLinks.tsx";
import { type ApiConfig, ApiError, api, type DefaultSelection, type TableAt, tableAt } from "../lib/api.ts";
import { formatDate, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { FollowToggle } from "../notifications/FollowToggle.tsx";
import { AboutTable } from "./downloads/AboutTable.tsx";
import { TableTools } from "./downloads/TableTools.tsx";
import { resolveLayout } from "./grid/layout.ts";
import { PivotGrid } from "./grid/PivotGrid.tsx";
import { VersionBanner, VersionHistory } from "./history/VersionHistory.tsx";
import { type TableMeta, tableMetaOf } from "./meta.ts";
import { SelectionPanel } from "./selection/SelectionPanel.tsx";
import {
  cellCount,
  missingVariables,
  requestedSelection,
  resolveSelection,
  type Selection,
  selectionItems,
} from "./selection/selection.ts";
import { formatViewState, parseViewState, VIEWS, type ViewState } from "./state.ts";
import { Breadcrumb, RelatedTables } from "./TableContext.tsx";
import { useData } from "./use-data.ts";
import { CalculationPicker, useCalculated } from "./views/CalculationPicker.tsx";

// Charts and maps (Observable Plot, d3-geo, the world map) load only when a reader opens them.
const ChartView = lazy(() => import("./chart/ChartView.tsx").then((m) => ({ default: m.ChartView })));
const MapView = lazy(() => import("./chart/MapView.tsx").then((m) => ({ default: m.MapView })));
// The formula and source cells of a figure of the indicators table IND.
const IndicatorSources = lazy(() =>
  import("../comparability/IndicatorSources.tsx").then((m) => ({ default: m.IndicatorSources })),
);
const INDICATORS_TABLE = "IND";

interface Props {
  readonly lang: Lang;
  readonly id: string;
  readonly search: string;
}

export function TablePage({ lang, id, search }: Props) {
  const { version, asOf } = parseViewState(search);
  // A past version (?version=N or ?asOf=DATE) is resolved to its number first; every call then names that number.
  const loaded = useAsync(
    async () => {
      const at = version !== undefined || asOf !== undefined ? await tableAt(id, lang, { version, asOf }) : undefined;
      const past = at && !at.current ? at.version : undefined;
      const [meta, defaults, config] = await Promise.all([
        api.metadata(id, lang, past).then(tableMetaOf),
        api.defaultSelection(id, lang, past),
        api.config(),
      ]);
      return { meta, defaults, config, at: at && !at.current ? at : undefined };
    },
    `${id}:${lang}:${version ?? ""}:${asOf ?? ""}`,
  );
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") {
    // A table the server does not have is a page of its own, not "something went wrong" (a missing past version
    // keeps the server's message, which names the version).
    if (
      loaded.error instanceof ApiError &&
      loaded.error.status === 404 &&
      version === undefined &&
      asOf === undefined
    ) {
      return <TableNotFound lang={lang} id={id} />;
    }
    return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  }
  const { meta, defaults, config, at } = loaded.value;
  return <TableView lang={lang} meta={meta} defaults={defaults} config={config} search={search} past={at} />;
}

function TableNotFound({ lang, id }: { lang: Lang; id: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("table.notFound.title"));
  return (
    <article className="page">
      <h1>{t("table.notFound.title")}</h1>
      <p>{t("table.notFound.text", { id })}</p>
      <p>
        <Link href={pathOf({ page: "home", lang })}>{t("table.notFound.list")}</Link>
      </p>
    </article>
  );
}

/** What the calculations see before any figures arrived. */
const EMPTY_DATASET: Dataset = {
  id: "",
  languages: [],
  title: {},
  decimals: 0,
  dimensions: [],
  values: new Float64Array(0),
  status: new Uint8Array(0),
  flags: new Uint8Array(0),
};

/** The variable of the reporting countries in the standard tables. */
const REPORTER = "reporter";

interface ViewProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  readonly defaults: DefaultSelection;
  readonly config: ApiConfig;
  readonly search: string;
  /** The past version shown, undefined for the current one. */
  readonly past: TableAt | undefined;
}

function TableView({ lang, meta, defaults, config, search, past }: ViewProps) {
  const { t } = useTranslation();
  useDocumentTitle(meta.label);
  const state = parseViewState(search);
  const selection = resolveSelection(meta, defaults, state.selection);
  // What the URL keeps: rolling periods (top(n)) stay rules, so that a bookmark moves on with new releases.
  const requested = requestedSelection(meta, selection, state.selection);
  const cells = cellCount(meta, selection);
  // Every code of each variable: a category's colour in the charts follows its place here, not in the selection.
  const categoryOrder = useMemo(
    () => Object.fromEntries(meta.variables.map((v) => [v.code, v.values.map((value) => value.code)])),
    [meta],
  );
  const missing = missingVariables(meta, selection);
  const fetchable = missing.length === 0 && cells <= config.maxDataCells;
  const data = useData(meta.id, lang, fetchable ? selectionItems(meta, selection) : undefined, past?.version);
  const href = (next: ViewState) => pathOf({ page: "table", lang, id: meta.id }) + formatViewState(next);
  // Selection and layout changes replace the history entry (Back leaves the table); a change of view adds one.
  const update = (next: Partial<ViewState>, options: { push?: boolean } = {}) =>
    navigate(href({ ...state, selection: requested, ...next }), { replace: !options.push });
  const changeSelection = (next: Selection) => update({ selection: next, sort: undefined });
  // The figure whose sources are shown, in the dataset it was chosen in (a new selection forgets it).
  const [chosen, setChosen] = useState<{ readonly dataset: unknown; readonly offset: number } | undefined>();
  const indicators = meta.id === INDICATORS_TABLE;

  const fetched = data.state === "done" ? data.dataset : data.state === "loading" ? data.previous : undefined;
  // Per cent of total and per 1,000 population are views of the fetched figures (views/calculations.ts).
  const calculated = useCalculated({
    lang,
    dataset: fetched ?? EMPTY_DATASET,
    calc: state.calc,
    calcOf: state.calcOf,
    reporters: selection[REPORTER] ?? [],
    years: selection.year ?? [],
    totalOf: (code) => {
      const variable = meta.variables.find((v) => v.code === code);
      const total = variable?.eliminationValueCode ?? "_T";
      return variable?.values.some((v) => v.code === total) ? total : undefined;
    },
  });
  const dataset = !fetched
    ? undefined
    : calculated.state === "figures" || calculated.state === "done"
      ? calculated.dataset
      : state.calc
        ? undefined
        : fetched;
  const sourceCell = chosen && chosen.dataset === dataset ? chosen.offset : undefined;
  const layout = dataset
    ? resolveLayout(dataset.dimensions, { rows: state.rows, columns: state.columns }, defaults.placement)
    : undefined;

  return (
    <article className="table-page">
      <Breadcrumb lang={lang} id={meta.id} label={meta.label} />
      <header className="table-page__header">
        <h1>
          {meta.label}
          {meta.illustrative && (
            <span className="badge badge--illustrative" title={t("table.illustrativeHint")}>
              {t("table.illustrative")}
            </span>
          )}
        </h1>
        <p className="table-page__facts">
          <span>{meta.id}</span>
          {meta.updated && <span>{t("table.updated", { date: formatDate(meta.updated, lang) })}</span>}
          {meta.source && <span>{t("table.source", { source: meta.source })}</span>}
          <FollowToggle table={meta.id} />
        </p>
        {past && (
          <VersionBanner
            lang={lang}
            released={past.released}
            version={past.version}
            currentHref={href({ ...state, selection: requested, version: undefined, asOf: undefined })}
          />
        )}
        <AboutTable lang={lang} meta={meta} reporters={selection[REPORTER] ?? []} />
        <VersionHistory
          lang={lang}
          id={meta.id}
          shown={past?.version}
          viewHref={(version, current) =>
            href({ ...state, selection: requested, version: current ? undefined : version, asOf: undefined })
          }
        />
        <RelatedTables lang={lang} id={meta.id} selection={requested} />
        <TableComparabilityLinks
          lang={lang}
          table={meta.id}
          reporters={selection[REPORTER] ?? []}
          years={selection.year ?? []}
          names={(code) =>
            meta.variables.find((v) => v.code === REPORTER)?.values.find((v) => v.code === code)?.label ?? code
          }
        />
      </header>
      <div className="table-page__body">
        <SelectionPanel
          lang={lang}
          meta={meta}
          selection={selection}
          requested={requested}
          cells={cells}
          limit={config.maxDataCells}
          showCodes={state.showCodes}
          onChange={changeSelection}
        />
        <section className="table-page__result" aria-label={t("table.views.label")}>
          <fieldset className="view-tabs">
            <legend className="visually-hidden">{t("table.views.label")}</legend>
            {VIEWS.map((view) => (
              <button
                key={view}
                type="button"
                aria-pressed={state.view === view}
                onClick={() => update({ view }, { push: true })}
              >
                {t(`table.views.${view}`)}
              </button>
            ))}
          </fieldset>
          {fetched && (
            <CalculationPicker
              lang={lang}
              dataset={fetched}
              calc={state.calc}
              calcOf={state.calcOf}
              calculated={calculated}
              onChange={(calc, calcOf) => update({ calc, calcOf, sort: undefined }, { push: true })}
              onSelectTotal={(variable, code) =>
                changeSelection({ ...requested, [variable]: [...(selection[variable] ?? []), code] })
              }
            />
          )}
          <TableTools
            lang={lang}
            meta={meta}
            selection={selection}
            layout={layout}
            version={past?.version}
            available={missing.length === 0 && cells <= config.maxDataCells}
          />
          {missing.length > 0 ? (
            <p className="status">{t("table.noCells")}</p>
          ) : cells > config.maxDataCells ? (
            <p className="status status--error">
              {t("table.tooMany", {
                cells: formatNumber(cells, lang),
                limit: formatNumber(config.maxDataCells, lang),
              })}
            </p>
          ) : data.state === "failed" ? (
            <ErrorMessage error={data.error} />
          ) : fetched && state.calc && !dataset ? (
            calculated.state === "loading" ? (
              <Loading text={t("table.loadingData")} />
            ) : null
          ) : !dataset || !layout ? (
            <Loading text={t("table.loadingData")} />
          ) : (
            <div aria-busy={data.state === "loading"}>
              {state.view === "table" ? (
                <PivotGrid
                  lang={lang}
                  dataset={dataset}
                  layout={layout}
                  showCodes={state.showCodes}
                  sort={state.sort}
                  onLayout={(next) => update({ rows: next.rows, columns: next.columns, sort: undefined })}
                  onSort={(sort) => update({ sort })}
                  onShowCodes={(showCodes) => update({ showCodes })}
                  {...(indicators
                    ? {
                        onCell: (offset: number) => setChosen({ dataset, offset }),
                        cellAction: t("indicatorSources.action"),
                      }
                    : {})}
                />
              ) : (
                <Suspense fallback={<Loading />}>
                  {state.view === "chart" ? (
                    <ChartView
                      lang={lang}
                      dataset={dataset}
                      kind={state.chart}
                      onKind={(chart) => update({ chart })}
                      order={categoryOrder}
                    />
                  ) : (
                    <MapView lang={lang} dataset={dataset} />
                  )}
                </Suspense>
              )}
              {indicators && state.view === "table" && (
                <Suspense fallback={<Loading />}>
                  {sourceCell === undefined ? (
                    <p className="status">{t("indicatorSources.hint")}</p>
                  ) : (
                    <IndicatorSources
                      lang={lang}
                      dataset={dataset}
                      offset={sourceCell}
                      onClose={() => setChosen(undefined)}
                    />
                  )}
                </Suspense>
              )}
            </div>
          )}
        </section>
      </div>
    </article>
  );
}
