/**
 * A country profile's figures from the released tables: its availability (`availability` for the one country)
 * and its main partner countries in and out (tables 3 and 4, both sexes, all ages). The page adds the country's
 * metadata, its consistency by year, and the indicators and mirror comparisons of `indicators.ts` and `mirror.ts`.
 */

import { Status } from "@clearinghouse/cube";
import { PARTNER_OTHER, PARTNER_TOTAL, PARTNER_UNKNOWN } from "../countries.ts";
import { Layout } from "../rules/report.ts";
import { type TableId, TOTAL, tableDecl } from "../tables.ts";
import { type AvailabilityMatrix, availability } from "./availability.ts";
import type { ReleasedTables } from "./tables.ts";

export interface PartnerFigure {
  /** A partner country (ISO alpha-3). */
  readonly code: string;
  readonly value: number;
  /** Of the total (`_T`), or null when the total is not known or 0. */
  readonly share: number | null;
}

export interface TopPartners {
  readonly table: TableId;
  /** The latest year with a total, or null when the table has none for the country. */
  readonly year: number | null;
  readonly total: number | null;
  /** Largest first, at most `n`; ties by code. `_O` and `_U` are not partners. */
  readonly partners: readonly PartnerFigure[];
  /** Other countries (`_O`) and unknown (`_U`), so that the shares can be read against what is not by country. */
  readonly other: number | null;
  readonly unknown: number | null;
}

/**
 * The `n` largest partners of a partner-country table for a reporter, both sexes and all ages, in `year` or by
 * default the latest year whose total is a number.
 */
export function topPartners(
  tables: ReleasedTables,
  table: TableId,
  reporter: string,
  options: { readonly year?: number; readonly n?: number } = {},
): TopPartners {
  const none: TopPartners = { table, year: null, total: null, partners: [], other: null, unknown: null };
  const ds = tables.get(table)?.cube;
  const own = tableDecl(table).own[0];
  if (!ds || own?.type !== "partner") return none;
  const layout = new Layout(ds);
  const k = {
    r: layout.dim("reporter"),
    y: layout.dim("year"),
    p: layout.dim(own.code),
    s: layout.dim("sex"),
    a: layout.dim("age"),
  };
  if (Object.values(k).some((i) => i < 0)) return none;
  const r = layout.category(k.r, reporter);
  if (r < 0) return none;
  const st = layout.strides;
  const stride = (i: number) => st[i] as number;
  const headline =
    r * stride(k.r) + layout.category(k.s, TOTAL) * stride(k.s) + layout.category(k.a, TOTAL) * stride(k.a);
  const partners = ds.dimensions[k.p]?.categories ?? [];
  const totalAt = layout.category(k.p, PARTNER_TOTAL);
  const number = (offset: number) =>
    ds.status[offset] === Status.value ? (ds.values[offset] as number) : ds.status[offset] === Status.nil ? 0 : null;
  const years = (ds.dimensions[k.y]?.categories ?? []).map((c, i) => ({ year: Number(c.code), i }));
  const chosen =
    options.year !== undefined
      ? years.find((y) => y.year === options.year)
      : [...years].reverse().find((y) => number(headline + y.i * stride(k.y) + totalAt * stride(k.p)) !== null);
  if (!chosen) return none;
  const base = headline + chosen.i * stride(k.y);
  const at = (code: string) => {
    const p = layout.category(k.p, code);
    return p < 0 ? null : number(base + p * stride(k.p));
  };
  const total = at(PARTNER_TOTAL);
  const figures: PartnerFigure[] = [];
  partners.forEach((c, p) => {
    if (c.code.startsWith("_")) return;
    const value = number(base + p * stride(k.p));
    if (value !== null && value > 0) figures.push({ code: c.code, value, share: total ? value / total : null });
  });
  figures.sort((a, b) => b.value - a.value || (a.code < b.code ? -1 : 1));
  return {
    table,
    year: chosen.year,
    total,
    partners: figures.slice(0, options.n ?? 5),
    other: at(PARTNER_OTHER),
    unknown: at(PARTNER_UNKNOWN),
  };
}

export interface CountryProfileData {
  readonly reporter: string;
  readonly availability: AvailabilityMatrix;
  /** Immigration by country of previous residence (3) and emigration by country of next residence (4). */
  readonly partnersIn: TopPartners;
  readonly partnersOut: TopPartners;
}

export function countryProfile(
  tables: ReleasedTables,
  reporter: string,
  options: { readonly n?: number } = {},
): CountryProfileData {
  const n = options.n ?? 5;
  return {
    reporter,
    availability: availability(tables, [reporter], { detail: "all" }),
    partnersIn: topPartners(tables, "T3", reporter, { n }),
    partnersOut: topPartners(tables, "T4", reporter, { n }),
  };
}
