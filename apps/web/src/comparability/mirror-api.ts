/**
 * The mirror statistics and indicator sources as the pages read them (/api/comparability/mirror…,
 * /api/comparability/indicators/…): the same answers scripts get.
 */
import type { Lang } from "../lib/i18n.ts";

export type MirrorBasis = "residence" | "citizenship";

export interface SourceCell {
  readonly table: string;
  readonly number?: string;
  readonly cell: Readonly<Record<string, string>>;
  readonly value: number | null;
  readonly status: string;
  readonly flags: string;
}

export interface Figure {
  readonly value: number | null;
  /** "" a number, ".." not available, "x" confidential. */
  readonly status: string;
  readonly flags: string;
  readonly reason?: "missing" | "confidential" | "undefined";
}

export interface Comparison {
  readonly year: string;
  readonly receiver: string;
  readonly sender: string;
  readonly immigration: Figure & { readonly cell: SourceCell };
  readonly emigration: Figure & { readonly cell: SourceCell };
  readonly difference: Figure;
  readonly ratio: Figure;
  readonly asymmetry: Figure;
  readonly missing?: "immigration" | "emigration" | "both";
  readonly missingText?: string;
}

export interface Country {
  readonly code: string;
  readonly label: string;
}

export interface MirrorAnswer {
  readonly basis: MirrorBasis;
  readonly basisLabel: string;
  readonly definitions: { readonly difference: string; readonly ratio: string; readonly asymmetry: string };
  readonly countries: readonly Country[];
  readonly years: readonly string[];
  readonly year?: string | null;
  readonly receiver?: Country;
  readonly sender?: Country;
  readonly comparisons: readonly Comparison[];
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = ((await response.json()) as { detail?: string }).detail ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new Error(detail);
  }
  return (await response.json()) as T;
}

/** The API address of a mirror view: the matrix of a year, or a pair's series; `format` csv for the download. */
export function mirrorUrl(
  view: { readonly basis: MirrorBasis; readonly year?: string; readonly receiver?: string; readonly sender?: string },
  lang: Lang,
  format: "json" | "csv" = "json",
): string {
  const params = new URLSearchParams({ lang, basis: view.basis });
  if (view.year && !view.receiver) params.set("year", view.year);
  if (format === "csv") params.set("format", "csv");
  const path =
    view.receiver && view.sender
      ? `/api/comparability/mirror/${encodeURIComponent(view.receiver)}/${encodeURIComponent(view.sender)}`
      : "/api/comparability/mirror";
  return `${path}?${params.toString()}`;
}

export const mirror = (url: string) => json<MirrorAnswer>(url);

export interface IndicatorValue extends Figure {
  readonly code: string;
  readonly label: string;
  readonly units: string;
  readonly decimals: number;
  readonly formula: string;
  readonly note?: string;
  readonly country: Country;
  readonly year: string;
  readonly sources: readonly SourceCell[];
}

export const indicatorUrl = (reporter: string, year: string, indicator: string, lang: Lang) =>
  `/api/comparability/indicators/${encodeURIComponent(reporter)}/${encodeURIComponent(year)}/${encodeURIComponent(indicator)}?lang=${lang}`;

export const indicatorValue = (reporter: string, year: string, indicator: string, lang: Lang) =>
  json<IndicatorValue>(indicatorUrl(reporter, year, indicator, lang));
