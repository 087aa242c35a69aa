/** The figures as a chart: a line over time, bars (grouped or stacked), or a population pyramid. */
import { type Dataset, FLAG_LETTERS, textIn } from "@clearinghouse/cube/browser";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { ChartKind } from "../state.ts";
import {
  availableCharts,
  axisDivisor,
  barOrder,
  type CategoryOrder,
  chartData,
  extent,
  gapCount,
  largestStack,
  pyramidData,
  resolveChart,
  tickDecimals,
} from "./chart-data.ts";
import { MEN_COLOR, WOMEN_COLOR } from "./colors.ts";
import { Downloads, Legend, Pickers, useWidth } from "./FigureParts.tsx";
import type { FrameParts, LegendEntry } from "./figure.ts";
import { barChart, lineChart, pyramidChart } from "./plot.ts";
import { contextOf, fixable, type Picks } from "./slice.ts";
import { attachTips } from "./tips.ts";

export interface ChartViewProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  /** The chart asked for in the URL; undefined = the best one for this data. */
  readonly kind: ChartKind | undefined;
  readonly onKind: (kind: ChartKind) => void;
  /** Every code of each variable in the table, by variable code: colours follow it (a category keeps its colour). */
  readonly order?: CategoryOrder;
}

/** A chart ready to draw at any width, with everything said about it in words. */
interface Figure {
  readonly draw: ((width: number) => SVGSVGElement) | undefined;
  readonly summary: string;
  readonly legend: readonly LegendEntry[];
  readonly notes: readonly string[];
  readonly context: string;
  readonly pickable: readonly number[];
  readonly slice: ReadonlyMap<number, number>;
}

const CONTEXT_SEPARATOR = " · ";

export function ChartView({ lang, dataset, kind, onKind, order }: ChartViewProps) {
  const { t } = useTranslation();
  const [picks, setPicks] = useState<Picks>({});
  const [byValue, setByValue] = useState(false);
  const tipRef = useRef<HTMLDivElement>(null);
  const [hostRef, width, host] = useWidth<HTMLDivElement>();
  const summaryId = useId();
  const available = availableCharts(dataset);
  const chosen = resolveChart(dataset, kind);
  const title = textIn(dataset.title, lang);
  const label = `${t(`chart.kindNames.${chosen}`)}: ${title}`;

  const figure = useMemo((): Figure => {
    const format = (v: number) => formatNumber(v, lang, dataset.decimals);
    // Ticks count in thousands or millions when the figures are large; tips give the figures in full.
    const scaled = (largest: number) => {
      const divisor = axisDivisor(largest);
      const word = divisor === 1 ? "" : t(divisor === 1_000 ? "chart.scale.thousands" : "chart.scale.millions");
      const tick = (v: number) => formatNumber(v / divisor, lang, tickDecimals(v / divisor));
      return { tick, word };
    };
    const withWord = (label: string, word: string) => (word ? (label ? `${label}, ${word}` : word) : label);
    const flags = (bits: number) => {
      const names = FLAG_LETTERS.filter((f) => bits & f.bit).map((f) => textIn(f.label, lang));
      return names.length ? ` (${names.join(", ")})` : "";
    };
    const kindName = t(`chart.kindNames.${chosen}`);
    const say = (context: ReturnType<typeof contextOf>) =>
      context.map((c) => `${c.dimension}: ${c.category}`).join(CONTEXT_SEPARATOR);
    const gapsNote = (count: number) => (count > 0 ? [t("chart.gaps", { count })] : []);

    if (chosen === "pyramid") {
      const data = pyramidData(dataset, lang, picks);
      if (!data) return emptyFigure(t("chart.noFigures"));
      const range = extent(data.rows.map((r) => Math.abs(r.value)));
      const { tick, word } = scaled(range?.[1] ?? 0);
      const ageDimension = dataset.dimensions[data.dimensions.age];
      const ageAxis = textIn(ageDimension?.label, lang);
      const summary = [
        t("chart.pyramidSummary", {
          kind: kindName,
          men: data.men.label,
          women: data.women.label,
          axis: ageAxis,
          first: data.ages[0]?.label,
          last: data.ages[data.ages.length - 1]?.label,
        }),
        range ? t("chart.range", { min: format(range[0]), max: format(range[1]) }) : t("chart.noFigures"),
      ].join(" ");
      return {
        draw: range
          ? (w) =>
              pyramidChart(data, {
                width: w,
                format: tick,
                axis: withWord(`← ${data.men.label} · ${data.women.label} →`, word),
                ageAxis,
                tip: (r) => `${r.sexLabel}, ${r.ageLabel}: ${format(Math.abs(r.value))}${flags(r.flags)}`,
              })
          : undefined,
        summary,
        legend: [
          { label: data.men.label, fill: MEN_COLOR },
          { label: data.women.label, fill: WOMEN_COLOR },
        ],
        notes: gapsNote(data.gaps),
        context: say(contextOf(dataset, data.slice, lang)),
        pickable: fixable(dataset, [data.dimensions.age, data.dimensions.sex]),
        slice: data.slice,
      };
    }

    const data = chartData(dataset, lang, { kind: chosen, ...(order ? { order } : {}) });
    const range = extent(data.rows.map((r) => r.value));
    const { tick, word } = scaled(
      chosen === "stacked" ? largestStack(data.rows) : Math.max(Math.abs(range?.[0] ?? 0), Math.abs(range?.[1] ?? 0)),
    );
    const axis = textIn(dataset.dimensions[data.x]?.label, lang);
    const summary = [
      t(data.series.length === 1 ? "chart.summaryOne" : "chart.summary", {
        kind: kindName,
        series: t("chart.series", { count: data.series.length }),
        axis,
        first: data.categories[0]?.label,
        last: data.categories[data.categories.length - 1]?.label,
      }),
      range ? t("chart.range", { min: format(range[0]), max: format(range[1]) }) : t("chart.noFigures"),
    ].join(" ");
    const drawing = {
      format: tick,
      unit: withWord(textIn(dataset.units, lang), word),
      axis,
      tip: (r: (typeof data.rows)[number]) =>
        chosen === "stacked"
          ? `${r.groupLabel ? `${r.groupLabel} · ` : ""}${r.xLabel}\n${r.seriesLabel}: ${r.value === null ? "" : format(r.value)}${flags(r.flags)}`
          : `${r.seriesLabel ? `${r.seriesLabel}\n` : ""}${r.xLabel}: ${r.value === null ? "" : format(r.value)}${flags(r.flags)}`,
    };
    const bars = barOrder(data, byValue && chosen !== "line");
    return {
      draw: range
        ? (w) =>
            chosen === "line"
              ? lineChart(data, { ...drawing, width: w })
              : barChart(data, { ...drawing, width: w }, chosen === "stacked", bars)
        : undefined,
      summary,
      legend:
        data.series.length > 1 || chosen === "stacked"
          ? data.series.map((s) => ({
              label: s.figures > 0 ? s.label : t("chart.emptySeries", { label: s.label }),
              fill: s.color,
            }))
          : [],
      notes: [
        ...(data.seriesCount > data.series.length
          ? [t("chart.capped", { shown: data.series.length, total: data.seriesCount })]
          : []),
        ...(data.leftOut && chosen !== "line" ? [t("chart.totalLeftOut", { total: data.leftOut.label })] : []),
        ...gapsNote(gapCount(data.rows)),
      ],
      context: say(contextOf(dataset, data.slice, lang)),
      pickable: [],
      slice: data.slice,
    };
  }, [dataset, lang, chosen, picks, t, order, byValue]);

  useEffect(() => {
    if (!host || !figure.draw || width < 10) return;
    const svg = figure.draw(width);
    // One figure with a name and a description; Plot's own labels of its marks give way to ours (tips.ts).
    for (const part of svg.querySelectorAll("[aria-label], [aria-description]")) {
      part.removeAttribute("aria-label");
      part.removeAttribute("aria-description");
    }
    // A group, not an image: its marks are focusable, each named by its figure (tips.ts).
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", label);
    svg.setAttribute("aria-describedby", summaryId);
    host.replaceChildren(svg);
    const detach = tipRef.current ? attachTips(svg, tipRef.current, t("chart.tipsHint")) : undefined;
    return () => {
      detach?.();
      svg.remove();
    };
  }, [host, figure, width, label, summaryId, t]);

  const source = textIn(dataset.source, lang);
  const parts: FrameParts = {
    title,
    subtitle: figure.context ? [figure.context] : [],
    legend: figure.legend,
    notes: [...figure.notes, ...(source ? [t("chart.source", { source })] : [])],
  };

  return (
    <div className="figure chart">
      <div className="figure-controls">
        <fieldset className="figure-kinds">
          <legend>{t("chart.kind")}</legend>
          {available.map((k) => (
            <button key={k} type="button" aria-pressed={k === chosen} onClick={() => onKind(k)}>
              {t(`chart.kinds.${k}`)}
            </button>
          ))}
        </fieldset>
        {(chosen === "bar" || chosen === "stacked") && (
          <button type="button" className="figure-sort" aria-pressed={byValue} onClick={() => setByValue((v) => !v)}>
            {t("chart.sortByValue")}
          </button>
        )}
        <Pickers
          lang={lang}
          dataset={dataset}
          dimensions={figure.pickable}
          slice={figure.slice}
          onPick={(code, category) => setPicks((p) => ({ ...p, [code]: category }))}
        />
      </div>
      <figure className="figure__body">
        <figcaption className="figure__caption">
          <span className="figure__title">{title}</span>
          {figure.context && <span className="figure__context">{figure.context}</span>}
        </figcaption>
        <div className="figure__stage">
          <div ref={hostRef} className="figure__drawing" />
          <div ref={tipRef} className="figure__tip" role="status" aria-live="polite" hidden />
        </div>
        <Legend entries={figure.legend} />
        <p id={summaryId} className="figure__summary">
          {figure.summary} {t("chart.tableAlternative")}
        </p>
        {figure.notes.map((note) => (
          <p key={note} className="figure__note">
            {note}
          </p>
        ))}
      </figure>
      {figure.draw && (
        <Downloads
          lang={lang}
          tableId={dataset.id}
          view="chart"
          drawing={() => host?.querySelector("svg")}
          parts={parts}
        />
      )}
    </div>
  );
}

function emptyFigure(summary: string): Figure {
  return { draw: undefined, summary, legend: [], notes: [], context: "", pickable: [], slice: new Map() };
}
