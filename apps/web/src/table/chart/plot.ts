/** The charts drawn with Observable Plot, sized to the width they are given (down to a 360 px phone). */
import * as Plot from "@observablehq/plot";
import { barKey, type ChartData, type ChartRow, type PyramidData, type PyramidRow } from "./chart-data.ts";
import { MEN_COLOR, WOMEN_COLOR } from "./colors.ts";
import { FIGURE_FONT } from "./figure.ts";

export interface Drawing {
  readonly width: number;
  /** Numbers as the reader writes them (ticks and tips). */
  readonly format: (value: number) => string;
  /** Label of the value axis: the unit ("persons"). */
  readonly unit: string;
  /** Label of the category axis: the dimension's name. */
  readonly axis: string;
  /** The text of a tip: what the mark is and its figure (each mark's title; ChartView shows it on hover and focus). */
  readonly tip: (row: ChartRow) => string;
  /** Plot's own tips on hover instead of titles, where the drawing is not made focusable (tips.ts). */
  readonly pointerTips?: boolean;
}

const FONT_SIZE = 12;
/** Rough width of a character at FONT_SIZE; Plot itself estimates text the same way. */
const CHAR = 7.2;
const BAR = 18;

const style = { fontFamily: FIGURE_FONT, fontSize: `${FONT_SIZE}px`, color: "#1b2430", background: "#ffffff" };

/** Room for the longest label, but never more than 40 % of the width: longer labels are cut with an ellipsis. */
function labelMargin(labels: readonly string[], width: number): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.round(Math.min(width * 0.4, Math.max(40, longest * CHAR + 16)));
}

/** About one tick label per `spacing` pixels: every n-th category of a long series of years. */
function thinned(codes: readonly string[], width: number, spacing: number): string[] {
  const every = Math.max(1, Math.ceil((codes.length * spacing) / Math.max(width, 1)));
  return codes.filter((_, i) => (codes.length - 1 - i) % every === 0);
}

/** Room for the widest figure as a tick label: beside a vertical axis, or half of it past a horizontal one's end. */
function valueMargin(values: readonly (number | null)[], format: Drawing["format"], share = 1): number {
  const widest = Math.max(1, ...values.map((v) => (v === null ? 0 : format(v).length)));
  return Math.round(widest * CHAR * share + 14);
}

export function lineChart(data: Pick<ChartData, "categories" | "series" | "rows">, d: Drawing): SVGSVGElement {
  const labelOf = new Map(data.categories.map((c) => [c.code, c.label]));
  const codes = data.categories.map((c) => c.code);
  const longest = Math.max(...data.categories.map((c) => c.label.length));
  return Plot.plot({
    width: d.width,
    height: Math.round(Math.min(440, Math.max(260, d.width * 0.55))),
    marginLeft: valueMargin(
      data.rows.map((r) => r.value),
      d.format,
    ),
    marginRight: 20,
    marginBottom: 40,
    style,
    x: {
      type: "point",
      domain: codes,
      ticks: thinned(codes, d.width, longest * CHAR + 16),
      tickFormat: (code: string) => labelOf.get(code) ?? code,
      label: d.axis,
      padding: 0.3,
    },
    y: { grid: true, nice: true, label: d.unit, tickFormat: d.format },
    color: { domain: data.series.map((s) => s.key), range: data.series.map((s) => s.color) },
    marks: [
      // A null figure breaks the line: a cell without a number is a gap.
      Plot.lineY(data.rows, { x: "x", y: "value", z: "series", stroke: "series", strokeWidth: 2 }),
      Plot.dot(
        data.rows.filter((r) => r.value !== null),
        { x: "x", y: "value", fill: "series", r: 4, title: d.tip, tip: d.pointerTips === true },
      ),
    ],
  }) as SVGSVGElement;
}

/**
 * Horizontal bars (long country names fit on a phone) in `order` (barOrder): one bar per category, grouped by
 * category with one bar per series, or stacked: each bar the parts of one whole, labelled by its group and category.
 */
export function barChart(data: ChartData, d: Drawing, stacked: boolean, order: readonly string[]): SVGSVGElement {
  const rows = data.rows.filter((r) => r.value !== null);
  const labelOf = new Map(data.rows.map((r) => [barKey(r), r.group ? `${r.groupLabel} · ${r.xLabel}` : r.xLabel]));
  const label = (key: string) => labelOf.get(key) ?? key;
  const grouped = !stacked && data.series.length > 1;
  const marginLeft = labelMargin(
    order.map((k) => label(k)),
    d.width,
  );
  const bars = grouped ? order.length * data.series.length : order.length;
  const plotHeight = bars * (grouped ? BAR * 0.8 : BAR) + order.length * (grouped ? 10 : 4);
  const tall = plotHeight > 480;
  const labels = {
    tickFormat: label,
    label: null,
    lineWidth: (marginLeft - 10) / FONT_SIZE,
    textOverflow: "ellipsis",
  } as const;
  const key = (r: ChartRow) => barKey(r);
  return Plot.plot({
    width: d.width,
    height: Math.round(plotHeight + (tall ? 80 : 50)),
    marginLeft,
    marginRight: valueMargin(
      rows.map((r) => r.value),
      d.format,
      0.5,
    ),
    marginTop: tall ? 40 : 10,
    style,
    x: {
      grid: true,
      nice: true,
      label: d.unit,
      tickFormat: d.format,
      axis: tall ? "both" : "bottom",
      ticks: d.width / 90,
    },
    y: grouped ? { domain: data.series.map((s) => s.key), axis: null, padding: 0.1 } : { domain: order, padding: 0.2 },
    ...(grouped ? { fy: { domain: order, padding: 0.15 } } : {}),
    color: { domain: data.series.map((s) => s.key), range: data.series.map((s) => s.color) },
    marks: [
      grouped ? Plot.axisFy({ anchor: "left", ...labels }) : Plot.axisY({ anchor: "left", ...labels }),
      Plot.barX(rows, {
        x: "value",
        y: grouped ? "series" : key,
        ...(grouped ? { fy: key } : {}),
        fill: "series",
        // Stacked in the legend's order, the first part at the axis.
        ...(stacked ? { order: data.series.map((s) => s.key) } : {}),
        title: d.tip,
      }),
      Plot.ruleX([0]),
    ],
  }) as SVGSVGElement;
}

export interface PyramidDrawing {
  readonly width: number;
  readonly format: (value: number) => string;
  /** Label under the bars: "← Men · Women →". */
  readonly axis: string;
  readonly ageAxis: string;
  readonly tip: (row: PyramidRow) => string;
}

/** Men to the left, women to the right, the youngest at the bottom. */
export function pyramidChart(data: PyramidData, d: PyramidDrawing): SVGSVGElement {
  const labelOf = new Map(data.ages.map((a) => [a.code, a.label]));
  const largest = Math.max(1, ...data.rows.map((r) => Math.abs(r.value)));
  return Plot.plot({
    width: d.width,
    height: Math.round(data.ages.length * BAR + 60),
    marginLeft: labelMargin(
      data.ages.map((a) => a.label),
      d.width,
    ),
    marginRight: valueMargin([largest], d.format, 0.5),
    marginBottom: 40,
    style,
    x: {
      domain: [-largest, largest],
      nice: true,
      grid: true,
      label: d.axis,
      labelAnchor: "center",
      tickFormat: (v: number) => d.format(Math.abs(v)),
      ticks: d.width / 100,
    },
    y: {
      domain: data.ages.map((a) => a.code).reverse(),
      tickFormat: (code: string) => labelOf.get(code) ?? code,
      label: d.ageAxis,
      padding: 0.1,
    },
    color: { domain: [data.men.code, data.women.code], range: [MEN_COLOR, WOMEN_COLOR] },
    marks: [Plot.barX(data.rows, { x: "value", y: "age", fill: "sex", title: d.tip }), Plot.ruleX([0])],
  }) as SVGSVGElement;
}
