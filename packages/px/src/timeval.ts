/**
 * TIMEVAL time periods: `TLIST(A1)` years `2020`, `H1` halves `2020H1`, `Q1` quarters `2020Q1`, `M1` months
 * `2020M01`, `W1` weeks `2020W01`. The list form names every period; the range form `TLIST(A1,"1990"-"2000")`
 * names the first and the last.
 */

import type { TimeUnit } from "./model.ts";

export const TIME_UNITS: readonly TimeUnit[] = ["A1", "H1", "Q1", "M1", "W1"];

const PERIODS: Record<TimeUnit, number> = { A1: 1, H1: 2, Q1: 4, M1: 12, W1: 53 };
/** Digits a period has once its letters are removed (PCAxis.Core strips them: `2006K1`, `2006Q1` → `20061`). */
const DIGITS: Record<TimeUnit, number> = { A1: 4, H1: 5, Q1: 5, M1: 6, W1: 6 };
const LETTER: Record<TimeUnit, string> = { A1: "", H1: "H", Q1: "Q", M1: "M", W1: "W" };

/** Year and period (1-based; 1 for years) of a time value, or undefined if it does not fit the unit. */
export function parseTimeValue(unit: TimeUnit, text: string): { year: number; period: number } | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length !== DIGITS[unit]) return undefined;
  const year = Number(digits.slice(0, 4));
  const period = unit === "A1" ? 1 : Number(digits.slice(4));
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
