/**
 * TIMEVAL time periods: `TLIST(A1)` years `2020`, `H1` halves `2020H1`, `Q1` quarters `2020Q1`, `M1` months
 * `2020M01`, `W1` weeks `2020W01`. The list form names every period; the range form `TLIST(A1,"1990"-"2000")`
 * names the first and the last.
 */

import type { TimeUnit } from "./model.ts";

export const TIME_UNITS: readonly TimeUnit[] = ["A1", "H1", "Q1", "M1", "W1"];

const PERIODS: Record<TimeUnit, number> = { A1: 1, H1: 2, Q1: 4, M1: 12, W1: 53 };
const PATTERN: Record<TimeUnit, RegExp> = {
  A1: /^(\d{4})$/,
  H1: /^(\d{4})[Hh]?([12])$/,
  Q1: /^(\d{4})[Qq]?([1-4])$/,
  M1: /^(\d{4})[Mm]?(\d{2})$/,
  W1: /^(\d{4})[Ww]?(\d{2})$/,
};
const LETTER: Record<TimeUnit, string> = { A1: "", H1: "H", Q1: "Q", M1: "M", W1: "W" };

/** Year and period (1-based; 1 for years) of a time value, or undefined if it does not fit the unit. */
export function parseTimeValue(unit: TimeUnit, text: string): { year: number; period: number } | undefined {
  const m = PATTERN[unit].exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const period = m[2] === undefined ? 1 : Number(m[2]);
  if (period < 1 || period > PERIODS[unit]) return undefined;
  return { year, period };
}

export function timeValueProblem(unit: TimeUnit, text: string): { en: string; ru: string } | undefined {
  if (parseTimeValue(unit, text)) return undefined;
  return {
    en: `"${text}" is not a period of unit ${unit}`,
    ru: `«${text}» не является периодом единицы ${unit}`,
  };
}

/** Expands `"from"-"to"` into every period, written in the style of `from`; undefined if invalid or reversed. */
export function expandTimeRange(unit: TimeUnit, from: string, to: string): string[] | undefined {
  const a = parseTimeValue(unit, from);
  const b = parseTimeValue(unit, to);
  if (!a || !b) return undefined;
  const per = PERIODS[unit] === 53 ? 52 : PERIODS[unit];
  const first = a.year * per + (a.period - 1);
  const last = b.year * per + (b.period - 1);
  if (last < first || last - first > 100_000) return undefined;
  const letter = /[A-Za-z]/.test(from) ? LETTER[unit] : "";
  const width = unit === "M1" || unit === "W1" ? 2 : 1;
  const out: string[] = [];
  for (let k = first; k <= last; k++) {
    const year = Math.floor(k / per);
    const period = (k % per) + 1;
    out.push(unit === "A1" ? String(year) : `${year}${letter}${String(period).padStart(width, "0")}`);
  }
  return out;
}
