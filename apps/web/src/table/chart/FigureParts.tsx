/** What the chart and the map share: their width, the pickers of the dimensions they fix, the legend, downloads. */
import type { Dataset } from "@clearinghouse/cube/browser";
import { textIn } from "@clearinghouse/cube/browser";
import { type ReactNode, useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/i18n.ts";
import { figureSvg, savePng, saveSvg } from "./export.ts";
import { downloadName, type FigureView, type FrameParts, type LegendEntry } from "./figure.ts";
import type { Slice } from "./slice.ts";

/**
 * The width of an element, followed as the window or the layout changes it: a ref callback for the element, its
 * width, and the element (a callback, so that an element rendered later is followed too).
 */
export function useWidth<T extends HTMLElement>(): [(element: T | null) => void, number, T | null] {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!element) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, width, element];
}

interface PickersProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  /** Dimensions to pick one category of, by index. */
  readonly dimensions: readonly number[];
  readonly slice: Slice;
  readonly onPick: (dimension: string, category: string) => void;
  /** Controls shown before the pickers (the map's choice of countries). */
  readonly children?: ReactNode;
}

export function Pickers({ lang, dataset, dimensions, slice, onPick, children }: PickersProps) {
  const { t } = useTranslation();
  if (dimensions.length === 0 && !children) return null;
  return (
    <fieldset className="figure-picks">
      <legend className="visually-hidden">{t("chart.picks")}</legend>
      {children}
      {dimensions.map((k) => {
        const d = dataset.dimensions[k];
        if (!d) return null;
        const chosen = d.categories[slice.get(k) ?? 0]?.code ?? "";
        return (
          <label key={d.code} className="figure-picks__item">
            <span>{textIn(d.label, lang)}</span>
            <select value={chosen} onChange={(e) => onPick(d.code, e.target.value)}>
              {d.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {textIn(c.label, lang)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </fieldset>
  );
}

export function Legend({ entries }: { entries: readonly LegendEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="figure-legend">
      {entries.map((e) => (
        <li key={e.label}>
          <span
            className={
              e.fill === "hatch" ? "figure-legend__swatch figure-legend__swatch--hatch" : "figure-legend__swatch"
            }
            style={e.fill === "hatch" ? undefined : { background: e.fill }}
          />
          {e.label}
        </li>
      ))}
    </ul>
  );
}

interface DownloadsProps {
  readonly lang: Lang;
  readonly tableId: string;
  readonly view: FigureView;
  /** The drawing on the page, when there is one. */
  readonly drawing: () => SVGSVGElement | null | undefined;
  readonly parts: FrameParts;
}

export function Downloads({ lang, tableId, view, drawing, parts }: DownloadsProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const download = async (extension: "svg" | "png") => {
    const svg = drawing();
    if (!svg) return;
    setError(undefined);
    const name = downloadName(tableId, view, lang, extension);
    try {
      const figure = figureSvg(svg, parts);
      if (extension === "svg") saveSvg(figure.svg, name);
      else await savePng(figure.svg, figure.width, figure.height, name);
    } catch (e) {
      setError(t("chart.download.failed", { message: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <fieldset className="figure-downloads">
      <legend>{t("chart.download.label")}</legend>
      <button type="button" title={t("chart.download.svgHint")} onClick={() => void download("svg")}>
        {t("chart.download.svg")}
      </button>
      <button type="button" title={t("chart.download.pngHint")} onClick={() => void download("png")}>
        {t("chart.download.png")}
      </button>
      {error && (
        <p className="status status--error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
