/**
 * What a map shows: which dimensions hold countries, the figure of each country for one slice of the others, and
 * the classes of the colour scale. Pure: tested without a browser.
 */
import {
  type Dataset,
  type Dimension,
  FIRST_CUSTOM_STATUS,
  STANDARD_SYMBOLS,
  Status,
  symbolOf,
  textIn,
} from "@clearinghouse/cube/browser";
import { alpha3ToNumeric, mostlyCountries } from "./countries.ts";
import { type Slice, sliceCells } from "./slice.ts";

export interface MapDimension {
  readonly index: number;
  readonly code: string;
  readonly label: string;
  /** The reporting countries (role geo) are mapped on their region; partner countries on the world. */
  readonly reporting: boolean;
  readonly countries: number;
}

/** The dimensions whose codes are countries: the reporting countries first, then the partner countries. */
export function mapDimensions(ds: Dataset, lang: string): MapDimension[] {
  const out = ds.dimensions.flatMap((d, index): MapDimension[] => {
    const codes = d.categories.map((c) => c.code);
    if (!mostlyCountries(codes)) return [];
    const countries = codes.filter((c) => alpha3ToNumeric(c) !== undefined).length;
    return [{ index, code: d.code, label: textIn(d.label, lang), reporting: d.role === "geo", countries }];
  });
  return out.sort((a, b) => Number(b.reporting) - Number(a.reporting));
}

/**
 * The one shown first: the one with most countries, the reporting countries on a tie. A table's default selection
 * maps the reporting countries; a reader who selects many countries of birth for a few reporting countries gets
 * those countries of birth, for one reporting country at a time.
 */
export function defaultMapDimension(dims: readonly MapDimension[]): MapDimension | undefined {
  let best: MapDimension | undefined;
  for (const d of dims) if (!best || d.countries > best.countries) best = d;
  return best;
}

export interface MapValue {
  readonly code: string;
  readonly label: string;
  /** ISO numeric id of the map's shape; undefined for aggregates (`_T`, `_O`, `_U`) and non-ISO codes. */
  readonly numeric: string | undefined;
  /** The figure; null when the cell has none, with its symbol (`..`, `x`, …) and what the symbol means. */
  readonly value: number | null;
  /** Nil (`-`): the magnitude is zero. Its value is 0; the map gives it the class of zeros, apart from the others. */
  readonly nil: boolean;
  readonly symbol: string;
  readonly symbolLabel: string;
  readonly flags: number;
}

/** Each category of the mapped dimension with its figure in the slice. */
export function mapValues(ds: Dataset, lang: string, dimension: number, slice: Slice): MapValue[] {
  const d = ds.dimensions[dimension] as Dimension;
  const { cells } = sliceCells(ds, [dimension], slice);
  return cells.map((cell, i) => {
    const c = d.categories[i];
    const code = c?.code ?? "";
    const status = ds.status[cell] ?? 1;
    return {
      code,
      label: textIn(c?.label, lang),
      numeric: alpha3ToNumeric(code),
      value: status === 0 ? (ds.values[cell] as number) : status === Status.nil ? 0 : null,
      nil: status === Status.nil,
      symbol: symbolOf(ds, status),
      symbolLabel: textIn(
        status < FIRST_CUSTOM_STATUS
          ? STANDARD_SYMBOLS[status]?.label
          : ds.symbols?.[status - FIRST_CUSTOM_STATUS]?.label,
        lang,
      ),
      flags: ds.flags[cell] ?? 0,
    };
  });
}

/**
 * Nice numbers for class limits, tried in turn: 1, 2 and 5 times a power of ten (10, 20, 50, 100, …), as printed
 * maps use; where none of those fits between two other limits, any one significant digit (60,000, 70,000).
 */
const NICE_LEVELS = [
  [1, 2, 5],
  [1, 2, 3, 4, 5, 6, 7, 8, 9],
] as const;

/**
 * A limit near `value` that reads well: the nearest nice number (on a log scale; below zero their negatives) strictly
 * above `after` and at most `max`, from the first level of NICE_LEVELS that has one; undefined when none fits.
 */
export function niceLimit(value: number, after: number, max: number): number | undefined {
  if (value === 0 || !Number.isFinite(value)) return undefined;
  const size = Math.abs(value);
  const power = Math.floor(Math.log10(size));
  for (const mantissas of NICE_LEVELS) {
    const candidates = [power - 1, power, power + 1].flatMap((p) =>
      mantissas.map((m) => Math.sign(value) * Number((m * 10 ** p).toPrecision(1))),
    );
    const fitting = candidates.filter((n) => n > after && n <= max);
    if (fitting.length === 0) continue;
    const distance = (n: number) => Math.abs(Math.log(Math.abs(n) / size));
    return fitting.reduce((best, n) => (distance(n) < distance(best) ? n : best));
  }
  return undefined;
}

/**
 * Lower limits of the colour classes after the first, at most `classes - 1` of them: quantiles of the figures
 * (migration figures are very skewed: a few large countries, many small ones), each moved to a nice number (niceLimit:
 * 1, 2 or 5 times a power of ten where one fits), so that limits read well and two quantiles close together become one limit instead of a
 * narrow class ("64,000 – 65,000") holding one country. Strictly increasing, each above the smallest figure of the
 * class it closes and at most the largest figure, so that no class is empty. Zeros and nils are a class of their own (the map's),
 * so they are not classed here.
 */
export function classBreaks(values: readonly number[], classes: number): number[] {
  const sorted = [...new Set(values.filter((v) => Number.isFinite(v) && v !== 0))].sort((a, b) => a - b);
  if (sorted.length < 2 || classes < 2) return [];
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const q = sorted[Math.round((i / classes) * (sorted.length - 1))] as number;
    // Above the smallest figure of the class it closes, so that no class is empty.
    const previous = breaks[breaks.length - 1];
    const smallest = previous === undefined ? min : sorted.find((v) => v >= previous);
    if (smallest === undefined) break;
    const limit = niceLimit(q, smallest, max);
    if (limit !== undefined) breaks.push(limit);
  }
  return breaks;
}

/** Class of a figure: 0 below the first break, breaks.length at or above the last. */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value >= (breaks[k] as number)) k++;
  return k;
}

/** A longitude-latitude box: [[west, south], [east, north]]. */
export type Box = readonly [readonly [number, number], readonly [number, number]];

/**
 * The box a map of reporting countries is fitted to: the countries' bounds (as d3.geoBounds gives them, east
 * below west when a country crosses the antimeridian) clipped to `limit`, so that Russia's far east does not shrink
 * the Caucasus to a dot, and widened by `margin` degrees for the neighbours.
 */
export function regionBox(bounds: readonly Box[], limit: Box, margin: number): Box | undefined {
  const [[limitW, limitS], [limitE, limitN]] = limit;
  let box: [number, number, number, number] | undefined;
  for (const [[w, s], [e, n]] of bounds) {
    const east = e < w ? e + 360 : e;
    const clipped: [number, number, number, number] = [
      Math.max(w, limitW),
      Math.max(s, limitS),
      Math.min(east, limitE),
      Math.min(n, limitN),
    ];
    if (clipped[0] > clipped[2] || clipped[1] > clipped[3]) continue;
    box = box
      ? [
          Math.min(box[0], clipped[0]),
          Math.min(box[1], clipped[1]),
          Math.max(box[2], clipped[2]),
          Math.max(box[3], clipped[3]),
        ]
      : clipped;
  }
  if (!box) return undefined;
  return [
    [box[0] - margin, Math.max(box[1] - margin, -90)],
    [box[2] + margin, Math.min(box[3] + margin, 90)],
  ];
}
