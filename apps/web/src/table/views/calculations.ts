/**
 * Views of a table's figures computed in the browser, PxWeb's classic calculations (docs/decisions/
 * 0015-bookmarks-and-views.md):
 *
 * - per cent of total: each figure as a share of the total of one variable (its `_T` value, or the value the
 *   variable stands for when left out), the other variables' values the same. The total must be selected; it shows
 *   100 %.
 * - per 1,000 population: each figure divided by the population of its reporting country in its year, from table
 *   2.1 (population by citizenship status, its total of both sexes and all ages), times 1,000. A cell whose
 *   country and year have no population figure is "not available" (`..`), never a guess.
 *
 * A figure that is nil (`-`) is zero; a cell without a figure, or whose base is missing or zero, is not available.
 * Pure: tested without a browser.
 */
import { type Dataset, type Dimension, Status, strides, type Texts } from "@clearinghouse/cube/browser";

export const CALCULATIONS = ["percent", "per1000"] as const;
export type Calculation = (typeof CALCULATIONS)[number];

/** The value a variable's total is: its elimination value, else `_T`. */
export function totalCode(dimension: Pick<Dimension, "categories" | "elimination">): string | undefined {
  const codes = dimension.categories.map((c) => c.code);
  const named = dimension.elimination?.code;
  if (named && codes.includes(named)) return named;
  return codes.includes("_T") ? "_T" : undefined;
}

/** The variables whose total a per-cent view may take: those with a total value among the selected. */
export function percentVariables(dataset: Pick<Dataset, "dimensions">): Dimension[] {
  return dataset.dimensions.filter((d) => d.categories.length > 1 && totalCode(d) !== undefined);
}

/** The figure of cell `i` as a number (nil is zero), or undefined where there is none. */
function figure(dataset: Dataset, i: number): number | undefined {
  const status = dataset.status[i];
  if (status === Status.nil) return 0;
  const v = dataset.values[i];
  return status === Status.value && v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** A copy of `dataset` whose figures are `compute(i)` (undefined: not available), with new units and decimals. */
function derived(
  dataset: Dataset,
  compute: (i: number) => number | undefined,
  units: Texts,
  decimals: number,
): Dataset {
  const n = dataset.values.length;
  const values = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = compute(i);
    if (v === undefined || !Number.isFinite(v)) {
      values[i] = Number.NaN;
      status[i] = Status.notAvailable;
    } else values[i] = v;
  }
  // A contents value's own unit and decimals (persons, 0) would otherwise win over the view's.
  const dimensions = dataset.dimensions.map((d) =>
    d.role !== "metric"
      ? d
      : {
          ...d,
          categories: d.categories.map((c) => (c.content ? { ...c, content: { ...c.content, units, decimals } } : c)),
        },
  );
  return { ...dataset, dimensions, values, status, units, decimals };
}

const text = (dataset: Pick<Dataset, "languages">, en: string, ru: string): Texts => {
  const out: Record<string, string> = { en, ru };
  for (const lang of dataset.languages) out[lang] ??= en;
  return out;
};

/** Each figure as a per cent of the total of `variable` (which must have its total in the dataset). */
export function percentOfTotal(dataset: Dataset, variable: string): Dataset | undefined {
  const k = dataset.dimensions.findIndex((d) => d.code === variable);
  const dimension = dataset.dimensions[k];
  if (!dimension) return undefined;
  const total = totalCode(dimension);
  const at = dimension.categories.findIndex((c) => c.code === total);
  if (at < 0) return undefined;
  const stride = strides(dataset.dimensions)[k] ?? 1;
  const size = dimension.categories.length;
  const label = dimension.categories[at]?.label ?? {};
  return derived(
    dataset,
    (i) => {
      const position = Math.floor(i / stride) % size;
      const base = figure(dataset, i + (at - position) * stride);
      const v = figure(dataset, i);
      return v === undefined || !base ? undefined : (v / base) * 100;
    },
    text(
      dataset,
      `per cent of ${label.en ?? "the total"} (${dimension.label.en ?? variable})`,
      `процентов от итога «${label.ru ?? "всего"}» (${dimension.label.ru ?? variable})`,
    ),
    1,
  );
}

/** Population by reporting country and year: `populationKey(reporter, year)` → persons. */
export type Population = ReadonlyMap<string, number>;
export const populationKey = (reporter: string, year: string) => `${reporter}\u0000${year}`;

/** The reporting-country and year variables a per-1,000 view needs. */
export const REPORTER = "reporter";
export const YEAR = "year";

/** Each figure per 1,000 population of its reporting country in its year; undefined without both variables. */
export function perThousand(dataset: Dataset, population: Population): Dataset | undefined {
  const r = dataset.dimensions.findIndex((d) => d.code === REPORTER);
  const y = dataset.dimensions.findIndex((d) => d.code === YEAR);
  const reporters = dataset.dimensions[r];
  const years = dataset.dimensions[y];
  if (!reporters || !years) return undefined;
  const s = strides(dataset.dimensions);
  const rs = s[r] ?? 1;
  const ys = s[y] ?? 1;
  return derived(
    dataset,
    (i) => {
      const reporter = reporters.categories[Math.floor(i / rs) % reporters.categories.length]?.code ?? "";
      const year = years.categories[Math.floor(i / ys) % years.categories.length]?.code ?? "";
      const base = population.get(populationKey(reporter, year));
      const v = figure(dataset, i);
      return v === undefined || !base ? undefined : (v / base) * 1000;
    },
    text(dataset, "per 1,000 population", "на 1 000 человек населения"),
    2,
  );
}

/** The population figures of a JSON-stat dataset of table 2.1 (its total, by reporter and year). */
export function populationOf(dataset: Dataset): Population {
  const out = new Map<string, number>();
  const r = dataset.dimensions.findIndex((d) => d.code === REPORTER);
  const y = dataset.dimensions.findIndex((d) => d.code === YEAR);
  const reporters = dataset.dimensions[r];
  const years = dataset.dimensions[y];
  if (!reporters || !years) return out;
  const s = strides(dataset.dimensions);
  // Every other dimension has one value (the totals asked for), so each cell is one reporter-year.
  for (let i = 0; i < dataset.values.length; i++) {
    const v = figure(dataset, i);
    if (v === undefined) continue;
    const reporter = reporters.categories[Math.floor(i / (s[r] ?? 1)) % reporters.categories.length]?.code;
    const year = years.categories[Math.floor(i / (s[y] ?? 1)) % years.categories.length]?.code;
    if (reporter !== undefined && year !== undefined) out.set(populationKey(reporter, year), v);
  }
  return out;
}

/** How many of the dataset's reporter-years have no population figure (said beside the view). */
export function missingPopulation(dataset: Dataset, population: Population): { reporter: string; year: string }[] {
  const reporters = dataset.dimensions.find((d) => d.code === REPORTER)?.categories ?? [];
  const years = dataset.dimensions.find((d) => d.code === YEAR)?.categories ?? [];
  const out: { reporter: string; year: string }[] = [];
  for (const r of reporters) {
    for (const y of years)
      if (!population.get(populationKey(r.code, y.code))) out.push({ reporter: r.code, year: y.code });
  }
  return out;
}
