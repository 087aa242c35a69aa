/**
 * The map of a search's institutions: the world's countries (table/chart/world.ts) under the points, which are
 * HTML links and buttons over the drawing, so each is reachable by keyboard and named for screen readers. Nearby
 * points join into one marker with their count; choosing it zooms to them, or, when they share one place (a
 * city's centre), lists them. Also the one pin of an entry's page.
 */
import { geoMercator, geoPath } from "d3-geo";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { useLatest } from "../home/use-latest.ts";
import { formatCount } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useWidth } from "../table/chart/FigureParts.tsx";
import { ANTARCTICA, WORLD } from "../table/chart/world.ts";
import { inventoryApi, type MapFeature } from "./api.ts";
import { boundsOf, clusterPoints } from "./cluster.ts";
import { filterQuery, type SearchState } from "./search-state.ts";

type Box = [[number, number], [number, number]];

/** Markers closer than this many pixels join. */
const CELL = 44;
/** The smallest span shown, in degrees, so that one point or one city is not drawn at street scale. */
const MIN_SPAN = 6;
/** Points this close (in degrees) are one place: zooming cannot part them. */
const SAME_PLACE = 0.05;

/** The region the inventory is about: the first view shows its points, the world's others come with "Show all". */
const REGION: Box = [
  [-12, 30],
  [100, 68],
];
const inRegion = ([lon, lat]: readonly [number, number]) =>
  lon >= REGION[0][0] && lon <= REGION[1][0] && lat >= REGION[0][1] && lat <= REGION[1][1];

const LAND = WORLD.filter((shape) => shape.id !== ANTARCTICA);

function padded([[w, s], [e, n]]: Box): Box {
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const dx = Math.max(e - w, MIN_SPAN) * 0.55;
  const dy = Math.max(n - s, MIN_SPAN / 2) * 0.55;
  return [
    [Math.max(-180, cx - dx), Math.max(-75, cy - dy)],
    [Math.min(180, cx + dx), Math.min(80, cy + dy)],
  ];
}

/** A Mercator projection fitting a box into the frame, and the frame's height. */
function useProjection(box: Box, width: number, maxHeight = 560) {
  return useMemo(() => {
    const height = Math.round(Math.min(Math.max(width * 0.62, 200), maxHeight));
    const [[w, s], [e, n]] = box;
    const outline: GeoJSON.MultiPoint = {
      type: "MultiPoint",
      coordinates: [
        [w, s],
        [e, n],
      ],
    };
    const projection = geoMercator().fitExtent(
      [
        [8, 8],
        [Math.max(width - 8, 9), height - 8],
      ],
      outline,
    );
    const path = geoPath(projection);
    const land = LAND.map((shape, i) => ({ key: shape.id ?? `shape-${i}`, d: path(shape) ?? "" }));
    return { projection, height, land };
  }, [box, width, maxHeight]);
}

function Drawing({ width, height, land }: { width: number; height: number; land: { key: string; d: string }[] }) {
  return (
    <svg className="inv-map__drawing" width={width} height={height} aria-hidden="true" focusable="false">
      <rect width={width} height={height} className="inv-map__sea" />
      {land.map((shape) => (
        <path key={shape.key} d={shape.d} className="inv-map__land" />
      ))}
    </svg>
  );
}

export function InventoryMap({ lang, state }: { lang: Lang; state: SearchState }) {
  const { t } = useTranslation();
  const found = useLatest(`${lang}${filterQuery(state, lang)}`, (signal) => inventoryApi.points(state, lang, signal));
  if (found.error !== undefined && found.current) return <ErrorMessage error={found.error} />;
  if (!found.value) return <Loading text={t("inventory.map.loading")} />;
  return <PointMap key={filterQuery(state, lang)} lang={lang} features={found.value} />;
}

function PointMap({ lang, features }: { lang: Lang; features: readonly MapFeature[] }) {
  const { t } = useTranslation();
  const [hostRef, width] = useWidth<HTMLDivElement>();
  const all = useMemo(() => boundsOf(features.map((f) => f.geometry.coordinates)), [features]);
  const region = useMemo(() => boundsOf(features.map((f) => f.geometry.coordinates).filter(inRegion)), [features]);
  const [focus, setFocus] = useState<Box | undefined>(undefined);
  const [whole, setWhole] = useState(false);
  const [place, setPlace] = useState<readonly MapFeature[]>([]);
  const box = useMemo(() => padded(focus ?? (whole ? all : region) ?? all ?? REGION), [focus, whole, all, region]);
  const { projection, height, land } = useProjection(box, Math.max(width, 10));
  const byId = useMemo(() => new Map(features.map((f) => [f.id, f])), [features]);

  const clusters = useMemo(() => {
    const points = features.flatMap((f) => {
      const xy = projection([...f.geometry.coordinates] as [number, number]);
      return xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height
        ? [{ id: f.id, x: xy[0], y: xy[1] }]
        : [];
    });
    return clusterPoints(points, CELL);
  }, [features, projection, width, height]);

  const inView = clusters.reduce((n, c) => n + c.ids.length, 0);
  const open = (ids: readonly string[]) => {
    const members = ids.flatMap((id) => byId.get(id) ?? []);
    const bounds = boundsOf(members.map((m) => m.geometry.coordinates));
    if (!bounds) return;
    const [[w, s], [e, n]] = bounds;
    if (e - w < SAME_PLACE && n - s < SAME_PLACE) setPlace(members);
    else {
      setPlace([]);
      setFocus(bounds);
    }
  };

  return (
    <div className="inv-map">
      <p className="inv-map__note">
        {t("inventory.map.shown", { count: features.length, n: formatCount(features.length, lang) })}
      </p>
      <div className="inv-map__frame" ref={hostRef} style={{ height }}>
        {width > 0 && <Drawing width={width} height={height} land={land} />}
        {width > 0 &&
          clusters.map((c) => {
            const style = { left: `${c.x}px`, top: `${c.y}px` };
            const only = c.ids.length === 1 ? byId.get(c.ids[0] as string) : undefined;
            if (only) {
              const label = only.properties.acronym
                ? `${only.properties.name} (${only.properties.acronym})`
                : only.properties.name;
              return (
                <Link
                  key={c.key}
                  className="inv-map__point"
                  style={style}
                  href={pathOf({ page: "institution", lang, id: only.id })}
                  aria-label={label}
                  title={label}
                />
              );
            }
            const n = formatCount(c.ids.length, lang);
            const size = Math.min(44, 24 + Math.log2(c.ids.length) * 4);
            return (
              <button
                key={c.key}
                type="button"
                className="inv-map__cluster"
                style={{ ...style, width: `${size}px`, height: `${size}px` }}
                aria-label={t("inventory.map.cluster", { count: c.ids.length, n })}
                title={t("inventory.map.cluster", { count: c.ids.length, n })}
                onClick={() => open(c.ids)}
              >
                {n}
              </button>
            );
          })}
      </div>
      {inView < features.length && (
        <p className="inv-map__more">
          {t("inventory.map.outside", {
            count: features.length - inView,
            n: formatCount(features.length - inView, lang),
          })}{" "}
          <button
            type="button"
            onClick={() => {
              setFocus(undefined);
              setWhole(true);
              setPlace([]);
            }}
          >
            {t("inventory.map.showAll")}
          </button>
        </p>
      )}
      {place.length > 0 && (
        <section className="inv-map__place" aria-labelledby="inv-map-place">
          <h3 id="inv-map-place">
            {t("inventory.map.place", {
              place: place[0]?.properties.city ?? "",
              count: place.length,
              n: formatCount(place.length, lang),
            })}
          </h3>
          <ul>
            {place.map((f) => (
              <li key={f.id}>
                <Link href={pathOf({ page: "institution", lang, id: f.id })}>{f.properties.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** One institution's place on a small map. */
export function PinMap({ longitude, latitude, label }: { longitude: number; latitude: number; label: string }) {
  const [hostRef, width] = useWidth<HTMLDivElement>();
  const box = useMemo<Box>(
    () => [
      [longitude - 10, latitude - 5],
      [longitude + 10, latitude + 5],
    ],
    [longitude, latitude],
  );
  const { projection, height, land } = useProjection(box, Math.max(width, 10), 240);
  const xy = projection([longitude, latitude]);
  return (
    <div className="inv-map inv-map--pin" ref={hostRef} role="img" aria-label={label}>
      <div className="inv-map__frame" style={{ height }}>
        {width > 0 && <Drawing width={width} height={height} land={land} />}
        {width > 0 && xy && <span className="inv-map__pin" style={{ left: `${xy[0]}px`, top: `${xy[1]}px` }} />}
      </div>
    </div>
  );
}
