/**
 * What a chart shows, worked out from the dataset alone: which charts fit, which one is the default, and the
 * long-form rows Observable Plot draws (one per cell, with labels in the reader's language). A cell without a
 * number (`..`, `x`, …) is a gap, never a zero. Pure: tested without a browser.
 */
import { type Dataset, type Dimension, textIn } from "@clearinghouse/cube/browser";
import type { ChartKind } from "../state.ts";
import { MEN_COLOR, PALETTE, WOMEN_COLOR } from "./colors.ts";
import { type Picks, type Slice, sliceCells, sliceOf } from "./slice.ts";

/** More lines or bar colours than this cannot be told apart; the largest series are kept. */
export const MAX_SERIES = 12;

/** The clearinghouse's codes for the dimensions and categories a population pyramid needs. */
const SEX = "sex";
const AGE = "age";
const MEN = "M";
const WOMEN = "F";

const varies = (d: Dimension | undefined): boolean => (d?.categories.length ?? 0) > 1;
const isAggregate = (code: string): boolean => code.startsWith("_");

function varyingOfRole(ds: Dataset, role: Dimension["role"]): number {
  return ds.dimensions.findIndex((d) => d.role === role && varies(d));
}

export interface PyramidDimensions {
  readonly sex: number;
  readonly age: number;
  /** Category indices of men and women in the sex dimension. */
  readonly men: number;
  readonly women: number;
  /** Category indices of the age groups, totals and unknowns left out. */
  readonly ages: readonly number[];
}

/** The dimensions of a population pyramid, when the data has men, women and at least two age groups. */
export function pyramidDimensions(ds: Dataset): PyramidDimensions | undefined {
  const sex = ds.dimensions.findIndex((d) => d.code === SEX);
  const age = ds.dimensions.findIndex((d) => d.code === AGE);
  const sexes = ds.dimensions[sex]?.categories ?? [];
  const men = sexes.findIndex((c) => c.code === MEN);
  const women = sexes.findIndex((c) => c.code === WOMEN);
  const ages = (ds.dimensions[age]?.categories ?? []).flatMap((c, i) => (isAggregate(c.code) ? [] : [i]));
  if (men === -1 || women === -1 || ages.length < 2) return undefined;
  return { sex, age, men, women, ages };
}

/** The charts that make sense for this data, in the chooser's order. */
export function availableCharts(ds: Dataset): ChartKind[] {
  const kinds: ChartKind[] = [];
  if (varyingOfRole(ds, "time") !== -1) kinds.push("line");
  kinds.push("bar");
  if (ds.dimensions.filter(varies).length >= 2) kinds.push("stacked");
  if (pyramidDimensions(ds)) kinds.push("pyramid");
  return kinds;
}

/** A time series is a line; men and women by age a pyramid; anything else bars. */
export function defaultChart(ds: Dataset): ChartKind {
  if (varyingOfRole(ds, "time") !== -1) return "line";
  if (pyramidDimensions(ds)) return "pyramid";
  return "bar";
}

/** The chart asked for when it fits the data, else the default. */
export function resolveChart(ds: Dataset, asked: ChartKind | undefined): ChartKind {
  return asked && availableCharts(ds).includes(asked) ? asked : defaultChart(ds);
}

/** The dimension along the category axis: time, else the countries, else the one with most categories. */
export function xDimension(ds: Dataset): number {
  const time = varyingOfRole(ds, "time");
  if (time !== -1) return time;
  const geo = varyingOfRole(ds, "geo");
  if (geo !== -1) return geo;
  let best = 0;
  ds.dimensions.forEach((d, k) => {
    if (d.categories.length > (ds.dimensions[best]?.categories.length ?? 0)) best = k;
  });
  return best;
}

export interface Category {
  readonly code: string;
  readonly label: string;
}

export interface ChartRow {
  /** Category code along the x axis, and its label. */
  readonly x: string;
  readonly xLabel: string;
  /** Key of the series (its position among all series), and its label; in stacked bars a series is a part. */
  readonly series: string;
  readonly seriesLabel: string;
  /** Stacked bars: the bar's combination of the other dimensions (its key and label); "" otherwise. */
  readonly group: string;
  readonly groupLabel: string;
  /** The figure; null when the cell has none (a gap). */
  readonly value: number | null;
  readonly flags: number;
}

export interface Series {
  readonly key: string;
  readonly label: string;
  /** How many of its cells have a figure (none: the legend says so, there is nothing to see). */
  readonly figures: number;
  /** Its colour, the same in every chart and view of the table (`seriesColor`). */
  readonly color: string;
}

export interface ChartData {
  /** Index of the x dimension, and of the dimensions whose combinations are the series. */
  readonly x: number;
  readonly seriesDimensions: readonly number[];
  /** Stacked bars: the dimensions whose combinations group the stacked bars (each bar a whole of the parts). */
  readonly groupDimensions: readonly number[];
  readonly categories: readonly Category[];
  /** The series shown, at most MAX_SERIES. */
  readonly series: readonly Series[];
  /** How many series the data has. */
  readonly seriesCount: number;
  /** The rows of the series shown, x fastest; value null where a cell has no figure. */
  readonly rows: readonly ChartRow[];
  /** The total left out of bars of its parts (it would dwarf them), when it was selected. */
  readonly leftOut: Category | undefined;
  readonly slice: Slice;
}

const SERIES_SEPARATOR = " · ";
/** The code of a dimension's total (SDMX): the whole whose parts the other codes are. */
const TOTAL = "_T";

/**
 * The keys of the `max` series with the largest sum of absolute figures, in their original order: when a reader
 * selects too many, the ones that matter most on the chart stay.
 */
export function capSeries(totals: ReadonlyMap<string, number>, max: number): Set<string> {
  if (totals.size <= max) return new Set(totals.keys());
  const ranked = [...totals].map(([key, total], order) => ({ key, total, order }));
  ranked.sort((a, b) => b.total - a.total || a.order - b.order);
  return new Set(ranked.slice(0, max).map((s) => s.key));
}

/** Category indices of a dimension's parts: every category but the total, when there are at least two others. */
export function partsOf(d: Dimension): number[] {
  const all = d.categories.map((_, i) => i);
  const parts = all.filter((i) => d.categories[i]?.code !== TOTAL);
  return parts.length >= 2 && parts.length < all.length ? parts : all;
}

/**
 * The dimension whose categories stack into one bar: the last of `candidates` that has a total and parts (those
 * parts add up to a whole), else the last one.
 */
export function stackDimension(ds: Dataset, candidates: readonly number[]): number | undefined {
  const whole = candidates.filter((k) => {
    const d = ds.dimensions[k] as Dimension;
    return partsOf(d).length < d.categories.length;
  });
  return whole[whole.length - 1] ?? candidates[candidates.length - 1];
}

/** Every code of each dimension in the table (not only those selected), by dimension code: what colours follow. */
export type CategoryOrder = Readonly<Record<string, readonly string[]>>;

/**
 * The colour of a series, from its categories' places in the table's full code lists (`order`, else the data's),
 * so that a category keeps its colour whatever else is selected and in every chart; men and women as in the pyramid.
 */
export function seriesColor(
  ds: Dataset,
  dimensions: readonly number[],
  at: readonly number[],
  order: CategoryOrder,
): string {
  let index = 0;
  dimensions.forEach((k, j) => {
    const d = ds.dimensions[k] as Dimension;
    const code = d.categories[at[j] as number]?.code ?? "";
    const codes = order[d.code] ?? d.categories.map((c) => c.code);
    const place = codes.indexOf(code);
    index = index * codes.length + (place === -1 ? (at[j] as number) : place);
  });
  const only = dimensions.length === 1 ? ds.dimensions[dimensions[0] as number] : undefined;
  if (only?.code === SEX) {
    const code = only.categories[at[0] as number]?.code;
    if (code === MEN) return MEN_COLOR;
    if (code === WOMEN) return WOMEN_COLOR;
  }
  return PALETTE[index % PALETTE.length] as string;
}

export interface ChartOptions {
  /** stacked: the parts of one whole stacked in each bar; bar: the total left out of the bars of its parts. */
  readonly kind?: ChartKind;
  readonly order?: CategoryOrder;
  readonly max?: number;
}

/**
 * Rows for a line or bar chart: x along `xDimension`, one series per combination of the other varying dimensions.
 * Stacked bars: the series are the parts of one dimension (`stackDimension`, its total left out), one bar per x and
 * combination of the remaining dimensions (the groups), so that a bar is one whole and never a sum of wholes.
 */
export function chartData(ds: Dataset, lang: string, options: ChartOptions = {}): ChartData {
  const kind = options.kind ?? "line";
  const max = options.max ?? MAX_SERIES;
  const x = xDimension(ds);
  const others = ds.dimensions.flatMap((d, k) => (k !== x && varies(d) ? [k] : []));
  const stack = kind === "stacked" ? stackDimension(ds, others) : undefined;
  const seriesDimensions = stack === undefined ? others : [stack];
  const groupDimensions = stack === undefined ? [] : others.filter((k) => k !== stack);
  const free = [...groupDimensions, ...seriesDimensions, x];
  const slice = sliceOf(ds, free, {});
  const { cells, coords } = sliceCells(ds, free, slice);
  const xDim = ds.dimensions[x] as Dimension;
  // Bars of the parts of a whole leave the whole out; a line keeps it (it is not drawn against its parts' sizes).
  const xShown = kind === "line" || xDim.role === "time" ? xDim.categories.map((_, i) => i) : partsOf(xDim);
  const shownParts = new Set(xShown);
  const stackParts = stack === undefined ? undefined : new Set(partsOf(ds.dimensions[stack] as Dimension));
  const category = (k: number, i: number): Category => {
    const c = ds.dimensions[k]?.categories[i];
    return { code: c?.code ?? "", label: textIn(c?.label, lang) };
  };
  const categories = xShown.map((i) => category(x, i));
  const leftOutIndex = xDim.categories.findIndex((_, i) => !shownParts.has(i));
  const stackLeftOut =
    stack === undefined ? -1 : (ds.dimensions[stack] as Dimension).categories.findIndex((_, i) => !stackParts?.has(i));
  const leftOut =
    leftOutIndex !== -1
      ? category(x, leftOutIndex)
      : stack !== undefined && stackLeftOut !== -1
        ? category(stack, stackLeftOut)
        : undefined;
  const label = (dims: readonly number[], at: readonly number[]) =>
    dims.map((k, j) => category(k, at[j] as number).label).join(SERIES_SEPARATOR);

  const byCombination = new Map<string, Series & { figures: number }>();
  const totals = new Map<string, number>();
  const rows: ChartRow[] = [];
  cells.forEach((cell, i) => {
    const at = coords[i] as number[];
    const groupAt = at.slice(0, groupDimensions.length);
    const seriesAt = at.slice(groupDimensions.length, groupDimensions.length + seriesDimensions.length);
    const xAt = at[at.length - 1] as number;
    if (!shownParts.has(xAt)) return;
    if (stackParts && !stackParts.has(seriesAt[0] as number)) return;
    const combination = seriesAt.join(",");
    let series = byCombination.get(combination);
    if (!series) {
      series = {
        key: String(byCombination.size),
        label: label(seriesDimensions, seriesAt),
        figures: 0,
        color: seriesColor(ds, seriesDimensions, seriesAt, options.order ?? {}),
      };
      byCombination.set(combination, series);
      totals.set(series.key, 0);
    }
    const value = ds.status[cell] === 0 ? (ds.values[cell] as number) : null;
    if (value !== null) {
      totals.set(series.key, (totals.get(series.key) ?? 0) + Math.abs(value));
      series.figures++;
    }
    const xCategory = category(x, xAt);
    rows.push({
      x: xCategory.code,
      xLabel: xCategory.label,
      series: series.key,
      seriesLabel: series.label,
      group: groupAt.join(","),
      groupLabel: label(groupDimensions, groupAt),
      value,
      flags: ds.flags[cell] ?? 0,
    });
  });
  const all = [...byCombination.values()].sort((a, b) => Number(a.key) - Number(b.key));
  const kept = capSeries(totals, max);
  return {
    x,
    seriesDimensions,
    groupDimensions,
    categories,
    series: all.filter((s) => kept.has(s.key)),
    seriesCount: all.length,
    rows: rows.filter((r) => kept.has(r.series)),
    leftOut,
    slice,
  };
}

/** A bar of a bar chart: the x category in its group (stacked bars), as one key. */
export const barKey = (row: Pick<ChartRow, "group" | "x">): string => (row.group ? `${row.group}|${row.x}` : row.x);

/**
 * The order of the bars: as in the table, or by value, largest first (the sum of a stacked bar's parts; grouped bars
 * by their first series, the others following it), each group's bars kept together in the groups' order.
 */
export function barOrder(data: Pick<ChartData, "rows" | "series">, byValue: boolean): string[] {
  const keys: string[] = [];
  const size = new Map<string, number>();
  const first = data.series[0]?.key;
  const groups = new Map<string, string[]>();
  for (const r of data.rows) {
    const key = barKey(r);
    if (!size.has(key)) {
      keys.push(key);
      size.set(key, 0);
      groups.set(r.group, [...(groups.get(r.group) ?? []), key]);
    }
    const counts = r.group !== "" || data.series.length === 1 || r.series === first;
    if (r.value !== null && counts) size.set(key, (size.get(key) ?? 0) + r.value);
  }
  if (!byValue) return keys;
  return [...groups.values()].flatMap((members) =>
    [...members].sort((a, b) => (size.get(b) ?? 0) - (size.get(a) ?? 0)),
  );
}

/** The rows that have a figure: what bars draw (a missing bar is a gap, not a bar of zero). */
export const withFigures = (rows: readonly ChartRow[]): ChartRow[] => rows.filter((r) => r.value !== null);

/** The longest stack of bars: the largest sum of figures in one bar (sizes are stacked, signs aside). */
export function largestStack(rows: readonly ChartRow[]): number {
  const sums = new Map<string, number>();
  for (const r of rows) if (r.value !== null) sums.set(barKey(r), (sums.get(barKey(r)) ?? 0) + Math.abs(r.value));
  return Math.max(0, ...sums.values());
}

/** Cells shown without a figure. */
export const gapCount = (rows: readonly ChartRow[]): number => rows.length - withFigures(rows).length;

export interface PyramidRow {
  readonly age: string;
  readonly ageLabel: string;
  readonly sex: string;
  readonly sexLabel: string;
  /** Men to the left: their figures are negative. */
  readonly value: number;
  readonly flags: number;
}

export interface PyramidData {
  readonly dimensions: PyramidDimensions;
  /** Age groups from the youngest. */
  readonly ages: readonly Category[];
  readonly men: Category;
  readonly women: Category;
  readonly rows: readonly PyramidRow[];
  /** Age-sex cells without a figure (left out). */
  readonly gaps: number;
  readonly slice: Slice;
}

/** Men and women by age group for one category of each other dimension (`picks`, else the defaults). */
export function pyramidData(ds: Dataset, lang: string, picks: Picks): PyramidData | undefined {
  const dims = pyramidDimensions(ds);
  if (!dims) return undefined;
  const slice = sliceOf(ds, [dims.age, dims.sex], picks);
  const { cells, coords } = sliceCells(ds, [dims.age, dims.sex], slice);
  const label = (k: number, i: number): Category => {
    const c = ds.dimensions[k]?.categories[i];
    return { code: c?.code ?? "", label: textIn(c?.label, lang) };
  };
  const men = label(dims.sex, dims.men);
  const women = label(dims.sex, dims.women);
  const rows: PyramidRow[] = [];
  let gaps = 0;
  cells.forEach((cell, i) => {
    const [age, sex] = coords[i] as [number, number];
    if (!dims.ages.includes(age) || (sex !== dims.men && sex !== dims.women)) return;
    if (ds.status[cell] !== 0) {
      gaps++;
      return;
    }
    const group = label(dims.age, age);
    const value = ds.values[cell] as number;
    rows.push({
      age: group.code,
      ageLabel: group.label,
      sex: sex === dims.men ? men.code : women.code,
      sexLabel: sex === dims.men ? men.label : women.label,
      value: sex === dims.men ? -value : value,
      flags: ds.flags[cell] ?? 0,
    });
  });
  return { dimensions: dims, ages: dims.ages.map((i) => label(dims.age, i)), men, women, rows, gaps, slice };
}

/**
 * What an axis counts in: figures of ten thousand and more read better in thousands, of ten million and more in
 * millions (0, 50, 100, 150 "persons, millions" rather than 0, 50,000,000, …), as printed statistics do.
 */
export function axisDivisor(largest: number): 1 | 1_000 | 1_000_000 {
  const size = Math.abs(largest);
  if (size >= 10_000_000) return 1_000_000;
  if (size >= 10_000) return 1_000;
  return 1;
}

/** Decimals a tick needs: none for whole numbers, else one or two. */
export function tickDecimals(value: number): number {
  const close = (v: number) => Math.abs(v - Math.round(v)) < 1e-9;
  if (close(value)) return 0;
  return close(value * 10) ? 1 : 2;
}

/** Smallest and largest figure, or undefined when there is none. */
export function extent(values: Iterable<number | null>): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : undefined;
}
