/** The figures on a map of the reporting or the partner countries. */
import { type Dataset, textIn } from "@clearinghouse/cube/browser";
import {
  type GeoPermissibleObjects,
  type GeoProjection,
  geoBounds,
  geoConicEqualArea,
  geoEqualEarth,
  geoPath,
} from "d3-geo";
import { useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { alpha3ToAlpha2, numericToAlpha3 } from "./countries.ts";
import { Downloads, Legend, Pickers, useWidth } from "./FigureParts.tsx";
import { type FrameParts, HATCH_BACKGROUND, HATCH_LINE, type LegendEntry } from "./figure.ts";
import {
  type Box,
  classBreaks,
  classOf,
  defaultMapDimension,
  type MapValue,
  mapDimensions,
  mapValues,
  regionBox,
} from "./map-data.ts";
import { contextOf, fixable, type Picks, sliceOf } from "./slice.ts";
import { ANTARCTICA, type CountryShape, WORLD } from "./world.ts";

export interface MapViewProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
}

/** Sequential colours, light to dark (ColorBrewer YlGnBu without its near-white step, told apart from grey). */
const SEQUENTIAL = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"] as const;
const NOT_SELECTED = "#e3e7ec";
/** Zero and nil (`-`): a class of its own, apart from the scale (a country with none is not a small figure). */
const ZERO = "#f3e9d2";
const BORDER = "#ffffff";
/** The region of the participating countries, Moldova to Kazakhstan's east, Tajikistan to Belarus's north. */
const REGION: Box = [
  [20, 35],
  [90, 60],
];
const REGION_MARGIN = 2;
const MAX_ASPECT = 0.9;

const SHAPE_IDS = new Set(WORLD.flatMap((f) => (f.id ? [f.id] : [])));
const WORLD_SHAPES = WORLD.filter((f) => f.id !== ANTARCTICA);

/** The box's outline as points along its edges, which a conic projection bends. */
function boxOutline([[w, s], [e, n]]: Box): GeoPermissibleObjects {
  const points: [number, number][] = [];
  for (let lon = w; lon <= e; lon += 1) points.push([lon, s], [lon, n]);
  for (let lat = s; lat <= n; lat += 1) points.push([w, lat], [e, lat]);
  return { type: "MultiPoint", coordinates: points };
}

/** The projection fitted to `width` and to the object, its top at 0; and the height it takes. */
function fitted(projection: GeoProjection, object: GeoPermissibleObjects, width: number): number {
  projection.fitExtent(
    [
      [1, 1],
      [width - 1, width * MAX_ASPECT],
    ],
    object,
  );
  const [[, top], [, bottom]] = geoPath(projection).bounds(object);
  const [x, y] = projection.translate();
  projection.translate([x, y - top + 1]);
  return Math.ceil(bottom - top + 2);
}

export function MapView({ lang, dataset }: MapViewProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>();
  const [picks, setPicks] = useState<Picks>({});
  const [hostRef, width] = useWidth<HTMLDivElement>();
  const drawing = useRef<SVGSVGElement>(null);
  const summaryId = useId();
  const hatchId = `hatch${useId().replace(/[^A-Za-z0-9]/g, "")}`;

  const dimensions = useMemo(() => mapDimensions(dataset, lang), [dataset, lang]);
  const mapped = dimensions.find((d) => d.code === chosen) ?? defaultMapDimension(dimensions);
  const format = (v: number) => formatNumber(v, lang, dataset.decimals);

  const content = useMemo(() => {
    if (!mapped) return undefined;
    const slice = sliceOf(dataset, [mapped.index], picks);
    const values = mapValues(dataset, lang, mapped.index, slice);
    const byId = new Map(values.flatMap((v) => (v.numeric && SHAPE_IDS.has(v.numeric) ? [[v.numeric, v]] : [])));
    const notOnMap = values.filter((v) => !v.numeric || !SHAPE_IDS.has(v.numeric));
    const figures = [...byId.values()].flatMap((v) => (v.value === null ? [] : [v.value]));
    const classed = figures.filter((v) => v !== 0);
    const breaks = classBreaks(classed, SEQUENTIAL.length);
    return { slice, values, byId, notOnMap, classed, zeros: figures.length - classed.length, breaks };
  }, [dataset, lang, mapped, picks]);

  const geometry = useMemo(() => {
    if (!mapped || !content || width < 10) return undefined;
    if (mapped.reporting) {
      const bounds = WORLD.filter((f) => f.id && content.byId.has(f.id)).map((f) => geoBounds(f) as unknown as Box);
      const box = regionBox(bounds, REGION, REGION_MARGIN) ?? REGION;
      const projection = geoConicEqualArea()
        .parallels([40, 55])
        .rotate([-(box[0][0] + box[1][0]) / 2, 0]);
      const height = fitted(projection, boxOutline(box), width);
      return { projection, height, shapes: WORLD };
    }
    const projection = geoEqualEarth();
    const height = fitted(projection, { type: "FeatureCollection", features: WORLD_SHAPES }, width);
    return { projection, height, shapes: WORLD_SHAPES };
  }, [mapped, content, width]);

  const names = useMemo(() => new Intl.DisplayNames([lang], { type: "region", fallback: "none" }), [lang]);

  if (!mapped || !content) return <p className="status">{t("chart.map.noCountries")}</p>;

  const title = textIn(dataset.title, lang);
  const { breaks } = content;
  const classes = breaks.length + 1;
  // Spread the colours over the whole scale when there are fewer classes than colours.
  const colorOf = (k: number) =>
    SEQUENTIAL[
      classes === 1 ? SEQUENTIAL.length - 1 : Math.round((k * (SEQUENTIAL.length - 1)) / (classes - 1))
    ] as string;
  const fillOf = (value: MapValue | undefined) =>
    !value
      ? NOT_SELECTED
      : value.value === null
        ? `url(#${hatchId})`
        : value.value === 0
          ? ZERO
          : colorOf(classOf(value.value, breaks));
  const nameOf = (shape: CountryShape, value: MapValue | undefined) => {
    if (value) return value.label;
    const alpha2 = shape.id ? alpha3ToAlpha2(numericToAlpha3(shape.id) ?? "") : undefined;
    return (alpha2 && names.of(alpha2)) || shape.properties.name;
  };
  const valueText = (v: MapValue) => (v.value === null || v.nil ? `${v.symbol} (${v.symbolLabel})` : format(v.value));

  const classLabel = (k: number): string => {
    if (breaks.length === 0) {
      const [lo, hi] = [Math.min(...content.classed), Math.max(...content.classed)];
      return lo === hi ? format(lo) : t("chart.map.between", { from: format(lo), to: format(hi) });
    }
    if (k === 0) return t("chart.map.under", { to: format(breaks[0] as number) });
    if (k === breaks.length) return t("chart.map.over", { from: format(breaks[k - 1] as number) });
    return t("chart.map.between", { from: format(breaks[k - 1] as number), to: format(breaks[k] as number) });
  };
  const legend: LegendEntry[] = [
    ...(content.zeros > 0 ? [{ label: t("chart.map.nil"), fill: ZERO }] : []),
    ...(content.classed.length > 0
      ? Array.from({ length: classes }, (_, k) => ({ label: classLabel(k), fill: colorOf(k) }))
      : []),
    ...([...content.byId.values()].some((v) => v.value === null)
      ? [{ label: t("chart.map.noFigure"), fill: "hatch" }]
      : []),
    { label: t("chart.map.notSelected"), fill: NOT_SELECTED },
  ];

  const withFigures = content.values.filter((v) => v.numeric && v.value !== null);
  const ranked = [...withFigures].sort((a, b) => (a.value as number) - (b.value as number));
  const lowest = ranked[0];
  const highest = ranked[ranked.length - 1];
  const context = contextOf(dataset, content.slice, lang)
    .map((c) => `${c.dimension}: ${c.category}`)
    .join(" · ");
  const summary = [
    withFigures.length === 0 ? t("chart.map.none") : t("chart.map.countries", { count: withFigures.length }),
    lowest && highest && withFigures.length > 1
      ? t("chart.map.range", {
          min: format(lowest.value as number),
          minName: lowest.label,
          max: format(highest.value as number),
          maxName: highest.label,
        })
      : highest
        ? t("chart.map.single", { name: highest.label, value: format(highest.value as number) })
        : "",
  ]
    .filter(Boolean)
    .join(" ");
  const label = t("chart.map.label", { title, dimension: mapped.label });
  const source = textIn(dataset.source, lang);
  const parts: FrameParts = {
    title,
    subtitle: [`${t("chart.map.dimension")}: ${mapped.label}`, ...(context ? [context] : [])],
    legend,
    notes: source ? [t("chart.source", { source })] : [],
  };
  const path = geometry ? geoPath(geometry.projection) : undefined;

  return (
    <div className="figure map">
      <div className="figure-controls">
        <Pickers
          lang={lang}
          dataset={dataset}
          dimensions={fixable(dataset, [mapped.index])}
          slice={content.slice}
          onPick={(code, category) => setPicks((p) => ({ ...p, [code]: category }))}
        >
          {dimensions.length > 1 && (
            <label className="figure-picks__item">
              <span>{t("chart.map.dimension")}</span>
              <select value={mapped.code} onChange={(e) => setChosen(e.target.value)}>
                {dimensions.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </Pickers>
      </div>
      <figure className="figure__body">
        <figcaption className="figure__caption">
          <span className="figure__title">{title}</span>
          <span className="figure__context">
            {mapped.label}
            {context && ` · ${context}`}
          </span>
        </figcaption>
        <div ref={hostRef} className="figure__drawing">
          {geometry && path && (
            <svg
              ref={drawing}
              xmlns="http://www.w3.org/2000/svg"
              width={width}
              height={geometry.height}
              viewBox={`0 0 ${width} ${geometry.height}`}
              role="img"
              aria-label={label}
              aria-describedby={summaryId}
            >
              <defs>
                <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill={HATCH_BACKGROUND} />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={HATCH_LINE} strokeWidth="2" />
                </pattern>
              </defs>
              <rect width={width} height={geometry.height} fill="#f7f9fb" />
              {geometry.shapes.map((shape, i) => {
                const value = shape.id ? content.byId.get(shape.id) : undefined;
                const name = nameOf(shape, value);
                return (
                  <path
                    key={shape.id ?? `${shape.properties.name}${i}`}
                    d={path(shape) ?? ""}
                    fill={fillOf(value)}
                    stroke={BORDER}
                    strokeWidth={0.6}
                  >
                    <title>{value ? `${name}: ${valueText(value)}` : name}</title>
                  </path>
                );
              })}
            </svg>
          )}
        </div>
        <Legend entries={legend} />
        <p id={summaryId} className="figure__summary">
          {summary} {t("chart.tableAlternative")}
        </p>
        {content.notOnMap.length > 0 && (
          <details className="figure__more">
            <summary>{t("chart.map.notOnMap", { count: content.notOnMap.length })}</summary>
            <p className="figure__note">{t("chart.map.notOnMapHint")}</p>
            <table className="figure__table">
              <tbody>
                {content.notOnMap.map((v) => (
                  <tr key={v.code}>
                    <th scope="row">{v.label}</th>
                    <td>{valueText(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </figure>
      {geometry && (
        <Downloads lang={lang} tableId={dataset.id} view="map" drawing={() => drawing.current} parts={parts} />
      )}
    </div>
  );
}
