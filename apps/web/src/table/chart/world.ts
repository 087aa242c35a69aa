/**
 * The world's countries from world-atlas (Natural Earth 1:110m, bundled: no request to a CDN). At this scale
 * every participating country has its shape, Armenia and Moldova included, for a tenth of the 1:50m file.
 *
 * Natural Earth 4.1 draws Crimea inside Russia; the clearinghouse follows the United Nations (General Assembly
 * resolution 68/262) and the reporting country's own statistics, so the peninsula is moved back into Ukraine.
 */
import { type ExtendedFeature, geoContains } from "d3-geo";
import { feature, merge } from "topojson-client";
import type { GeometryCollection, GeometryObject, MultiPolygon, Topology } from "topojson-specification";
import atlas from "world-atlas/countries-110m.json" with { type: "json" };

export type CountryShape = ExtendedFeature<GeoJSON.Geometry, { readonly name: string }> & {
  /** ISO 3166-1 numeric code; world-atlas leaves it out for areas without one (Kosovo, Northern Cyprus). */
  readonly id?: string;
};

const UKRAINE = "804";
const RUSSIA = "643";
const SIMFEROPOL: [number, number] = [34.1, 44.95];
/** Antarctica takes a fifth of a world map and no migrant is counted there. */
export const ANTARCTICA = "010";

type Countries = GeometryCollection<{ name: string }>;

function shapes(topology: Topology<{ countries: Countries }>): CountryShape[] {
  const geometries = topology.objects.countries.geometries;
  const russia = geometries.find(
    (g): g is MultiPolygon<{ name: string }> => g.id === RUSSIA && g.type === "MultiPolygon",
  );
  const ukraine = geometries.find((g) => g.id === UKRAINE);
  const crimea =
    russia?.arcs.findIndex((polygon) =>
      geoContains(feature(topology, { type: "Polygon", arcs: polygon }), SIMFEROPOL),
    ) ?? -1;
  const one = (g: GeometryObject<{ name: string }>): CountryShape => feature(topology, g) as CountryShape;
  if (!russia || !ukraine || crimea === -1) return geometries.map(one);
  const crimeaArcs = russia.arcs[crimea] as number[][];
  return geometries.map((g) => {
    if (g === russia) return one({ ...russia, arcs: russia.arcs.filter((_, i) => i !== crimea) });
    if (g !== ukraine || (g.type !== "Polygon" && g.type !== "MultiPolygon")) return one(g);
    // merge dissolves the shared border on the isthmus of Perekop.
    const geometry = merge(topology, [g, { type: "Polygon", arcs: crimeaArcs }]);
    return { type: "Feature", id: UKRAINE, properties: { name: g.properties?.name ?? "" }, geometry };
  });
}

export const WORLD: readonly CountryShape[] = shapes(atlas as unknown as Topology<{ countries: Countries }>);
