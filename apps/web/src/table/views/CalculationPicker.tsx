/**
 * The choice of what the figures show: the figures themselves, per cent of a variable's total, or per 1,000
 * population (calculations.ts), with a line saying what the base is and where it comes from; and the hook that
 * computes the view, fetching the population from table 2.1 when it is asked for.
 */
import { type Dataset, fromJsonStat2, textIn } from "@clearinghouse/cube/browser";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import type { Lang } from "../../lib/i18n.ts";
import { useAsync } from "../../lib/use-async.ts";
import {
  CALCULATIONS,
  type Calculation,
  missingPopulation,
  type Population,
  percentOfTotal,
  percentVariables,
  perThousand,
  populationOf,
  REPORTER,
  totalCode,
  YEAR,
} from "./calculations.ts";

/** The population of a per-1,000 view: table 2.1's total (all citizenship statuses, both sexes, all ages). */
export const POPULATION_TABLE = "T2_1";
const POPULATION_TOTALS = [
  { variableCode: "citstatus", valueCodes: ["_T"] },
  { variableCode: "sex", valueCodes: ["_T"] },
  { variableCode: "age", valueCodes: ["_T"] },
];

export type Calculated =
  | { readonly state: "figures"; readonly dataset: Dataset }
  | { readonly state: "loading" }
  | { readonly state: "done"; readonly dataset: Dataset; readonly missing: readonly string[] }
  /** The view cannot be computed: `reason` says why (a message key), `total` the value to select for per cent. */
  | { readonly state: "unavailable"; readonly reason: string; readonly total?: { variable: string; code: string } };

interface Input {
  readonly lang: Lang;
  readonly dataset: Dataset;
  readonly calc: Calculation | undefined;
  readonly calcOf: string | undefined;
  /** The reporting countries and years selected (the population asked for). */
  readonly reporters: readonly string[];
  readonly years: readonly string[];
  /** The table's own value list of the percent variable, to offer its total when it is not selected. */
  readonly totalOf: (variable: string) => string | undefined;
}

export function useCalculated({ lang, dataset, calc, calcOf, reporters, years, totalOf }: Input): Calculated {
  const needPopulation = calc === "per1000" && reporters.length > 0 && years.length > 0;
  const population = useAsync<Population | undefined>(
    () =>
      needPopulation
        ? api
            .data(POPULATION_TABLE, lang, [
              { variableCode: REPORTER, valueCodes: reporters },
              { variableCode: YEAR, valueCodes: years },
              ...POPULATION_TOTALS,
            ])
            .then((json) => populationOf(fromJsonStat2(json, { lang })))
        : Promise.resolve(undefined),
    needPopulation ? `${lang}:${reporters.join(",")}:${years.join(",")}` : "",
  );
  if (!calc) return { state: "figures", dataset };
  if (calc === "percent") {
    const variable = calcOf ?? percentVariables(dataset)[0]?.code ?? firstWithTotal(dataset, totalOf);
    if (!variable) return { state: "unavailable", reason: "calc.noTotal" };
    const result = percentOfTotal(dataset, variable);
    if (result) return { state: "done", dataset: result, missing: [] };
    const code = totalOf(variable);
    return code
      ? { state: "unavailable", reason: "calc.selectTotal", total: { variable, code } }
      : { state: "unavailable", reason: "calc.noTotal" };
  }
  if (!dataset.dimensions.some((d) => d.code === REPORTER) || !dataset.dimensions.some((d) => d.code === YEAR)) {
    return { state: "unavailable", reason: "calc.needReporterYear" };
  }
  if (population.state === "loading") return { state: "loading" };
  if (population.state === "failed" || !population.value) return { state: "unavailable", reason: "calc.noPopulation" };
  const result = perThousand(dataset, population.value);
  if (!result) return { state: "unavailable", reason: "calc.needReporterYear" };
  const names = (dimension: string, code: string) =>
    textIn(
      dataset.dimensions.find((d) => d.code === dimension)?.categories.find((c) => c.code === code)?.label,
      lang,
    ) || code;
  const missing = missingPopulation(dataset, population.value).map(
    (m) => `${names(REPORTER, m.reporter)} ${names(YEAR, m.year)}`,
  );
  return { state: "done", dataset: result, missing };
}

/** The first variable of the table that has a total, though it is not selected (the page then offers it). */
function firstWithTotal(dataset: Dataset, totalOf: (variable: string) => string | undefined): string | undefined {
  return dataset.dimensions.find((d) => d.role !== "metric" && d.role !== "time" && totalOf(d.code))?.code;
}

interface PickerProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  readonly calc: Calculation | undefined;
  readonly calcOf: string | undefined;
  readonly calculated: Calculated;
  readonly onChange: (calc: Calculation | undefined, calcOf: string | undefined) => void;
  readonly onSelectTotal: (variable: string, code: string) => void;
}

export function CalculationPicker({ lang, dataset, calc, calcOf, calculated, onChange, onSelectTotal }: PickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const candidates = percentVariables(dataset).filter((d) => d.role !== "metric");
  const chosen = calcOf ?? candidates[0]?.code;
  const label = (code: string) => textIn(dataset.dimensions.find((d) => d.code === code)?.label, lang) || code;
  const whole = dataset.dimensions.find((d) => d.code === chosen);
  const totalLabel = whole ? textIn(whole.categories.find((c) => c.code === totalCode(whole))?.label, lang) : "";
  return (
    <div className="calc-picker">
      <label htmlFor={`${id}-calc`}>{t("calc.show")}</label>
      <select
        id={`${id}-calc`}
        value={calc ?? ""}
        onChange={(e) => onChange((e.currentTarget.value || undefined) as Calculation | undefined, undefined)}
      >
        <option value="">{t("calc.figures")}</option>
        {CALCULATIONS.map((c) => (
          <option key={c} value={c}>
            {t(`calc.${c}`)}
          </option>
        ))}
      </select>
      {calc === "percent" && candidates.length > 1 && (
        <>
          <label htmlFor={`${id}-of`}>{t("calc.of")}</label>
          <select id={`${id}-of`} value={chosen} onChange={(e) => onChange("percent", e.currentTarget.value)}>
            {candidates.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d.code)}
              </option>
            ))}
          </select>
        </>
      )}
      <p className="calc-picker__about" role="status">
        {calc === "percent" &&
          calculated.state === "done" &&
          chosen &&
          t("calc.percentAbout", { total: totalLabel, variable: label(chosen) })}
        {calc === "per1000" && calculated.state !== "unavailable" && t("calc.per1000About")}
        {calculated.state === "done" && calculated.missing.length > 0 && (
          <>
            {" "}
            {t("calc.missingPopulation", { count: calculated.missing.length, cells: calculated.missing.join(", ") })}
          </>
        )}
        {calculated.state === "unavailable" && (
          <>
            {t(calculated.reason, { variable: calculated.total ? label(calculated.total.variable) : "" })}{" "}
            {calculated.total && (
              <button
                type="button"
                onClick={() => calculated.total && onSelectTotal(calculated.total.variable, calculated.total.code)}
              >
                {t("calc.selectTotalButton")}
              </button>
            )}
          </>
        )}
      </p>
    </div>
  );
}
