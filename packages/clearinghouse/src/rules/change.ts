/**
 * Change checks: a figure that moved by more than a set share against the previous year, or against the previous
 * version of the same cell, is flagged for review (a warning, not an error). Both figures must be known; nil
 * counts as 0, and a move away from 0 is an infinite change.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import { Layout, NIL, num, type ReportBuilder } from "./report.ts";

export const RULE_CHANGE_YEAR = "change.previous-year";
export const RULE_CHANGE_VERSION = "change.previous-version";

export const DEFAULT_CHANGE_THRESHOLD = 0.5;

export interface ChangeOptions {
  /** Share of change above which a cell is flagged (default 0.5, i.e. 50%); `Infinity` turns the checks off. */
  readonly changeThreshold?: number;
  /** Absolute change below which nothing is flagged, to quiet small cells (default 0: every change counts). */
  readonly minAbsoluteChange?: number;
}

/** |current − previous| / previous; 0 when both are 0, Infinity from 0 to anything else. */
export function changeShare(previous: number, current: number): number {
  if (previous === current) return 0;
  if (previous === 0) return Number.POSITIVE_INFINITY;
  return Math.abs(current - previous) / Math.abs(previous);
}

function percent(previous: number, current: number): Bilingual {
  if (previous === 0) return { en: "from zero", ru: "с нуля" };
  const pct = ((current - previous) / Math.abs(previous)) * 100;
  const text = `${pct > 0 ? "+" : "−"}${num(Math.round(Math.abs(pct) * 10) / 10)}%`;
  return { en: `by ${text}`, ru: `на ${text}` };
}

function flagger(options: ChangeOptions) {
  const threshold = options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD;
  const minAbsolute = options.minAbsoluteChange ?? 0;
  return (previous: number, current: number): boolean =>
    Math.abs(current - previous) >= minAbsolute && changeShare(previous, current) > threshold;
}

/** Each cell against the same cell of the year before, where the cube has that year. */
export function checkChangeAgainstPreviousYear(
  table: string,
  ds: Dataset,
  out: ReportBuilder,
  options: ChangeOptions = {},
): void {
  if (!((options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD) < Number.POSITIVE_INFINITY)) return;
  const layout = new Layout(ds);
  const k = layout.dim("year");
  if (k < 0) return;
  const flag = flagger(options);
  const { values, status } = ds;
  const stride = layout.strides[k] as number;
  const block = stride * (layout.sizes[k] as number);
  const years = ds.dimensions[k]?.categories ?? [];
  years.forEach((y, j) => {
    const prevYear = String(Number(y.code) - 1);
    const jp = layout.category(k, prevYear);
    if (jp < 0) return;
    for (let base = 0; base < values.length; base += block) {
      const cur = base + j * stride;
      const prev = base + jp * stride;
      for (let i = 0; i < stride; i++) {
        const sc = status[cur + i];
        const sp = status[prev + i];
        if ((sc !== 0 && sc !== NIL) || (sp !== 0 && sp !== NIL)) continue;
        const v = sc === 0 ? (values[cur + i] as number) : 0;
        const p = sp === 0 ? (values[prev + i] as number) : 0;
        if (v === p || !flag(p, v)) continue;
        out.add(RULE_CHANGE_YEAR, "warning", () => {
          const by = percent(p, v);
          return {
            message: {
              en: `Changed ${by.en} against ${prevYear} (${num(p)} → ${num(v)}): flagged for review`,
              ru: `Изменение ${by.ru} по сравнению с ${prevYear} годом (${num(p)} → ${num(v)}): требует проверки`,
            },
            table,
            cell: layout.cell(cur + i),
            expected: p,
            found: v,
          };
        });
      }
    }
  });
}

/**
 * Each cell against the same cell (same category codes) of the previous version of the table. Cells the previous
 * version does not have are new, not changed; versions with different dimensions are not compared.
 */
export function checkChangeAgainstPreviousVersion(
  table: string,
  ds: Dataset,
  previous: Dataset,
  out: ReportBuilder,
  options: ChangeOptions = {},
): void {
  if (!((options.changeThreshold ?? DEFAULT_CHANGE_THRESHOLD) < Number.POSITIVE_INFINITY)) return;
  const cur = new Layout(ds);
  const old = new Layout(previous);
  const D = ds.dimensions.length;
  if (D === 0 || previous.dimensions.length !== D) return;
  const pos = ds.dimensions.map((d) => old.dim(d.code));
  if (pos.includes(-1)) return;
  const maps = ds.dimensions.map((d, k) =>
    Int32Array.from(d.categories, (c) => old.category(pos[k] as number, c.code)),
  );
  const oldStrides = pos.map((p) => old.strides[p] as number);
  const flag = flagger(options);
  const last = D - 1;
  const lastSize = cur.sizes[last] as number;
  const lastMap = maps[last] as Int32Array;
  const lastStride = oldStrides[last] as number;
  const idx = new Int32Array(D);
  const { values, status } = ds;
  const { values: oldValues, status: oldStatus } = previous;
  for (let offset = 0; offset < ds.values.length; offset += lastSize) {
    let oldBase = 0;
    for (let k = 0; k < last && oldBase >= 0; k++) {
      const m = (maps[k] as Int32Array)[idx[k] as number] as number;
      oldBase = m < 0 ? -1 : oldBase + m * (oldStrides[k] as number);
    }
    if (oldBase >= 0) {
      for (let i = 0; i < lastSize; i++) {
        const m = lastMap[i] as number;
        if (m < 0) continue;
        const sc = status[offset + i];
        if (sc !== 0 && sc !== NIL) continue;
        const po = oldBase + m * lastStride;
        const sp = oldStatus[po];
        if (sp !== 0 && sp !== NIL) continue;
        const v = sc === 0 ? (values[offset + i] as number) : 0;
        const p = sp === 0 ? (oldValues[po] as number) : 0;
        if (v === p || !flag(p, v)) continue;
        out.add(RULE_CHANGE_VERSION, "warning", () => {
          const by = percent(p, v);
          return {
            message: {
              en: `Changed ${by.en} against the previous version (${num(p)} → ${num(v)}): flagged for review`,
              ru: `Изменение ${by.ru} по сравнению с предыдущей версией (${num(p)} → ${num(v)}): требует проверки`,
            },
            table,
            cell: cur.cell(offset + i),
            expected: p,
            found: v,
          };
        });
      }
    }
    for (let k = last - 1; k >= 0; k--) {
      idx[k] = (idx[k] as number) + 1;
      if ((idx[k] as number) < (cur.sizes[k] as number)) break;
      idx[k] = 0;
    }
  }
}
