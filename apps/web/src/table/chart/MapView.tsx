/** The figures on a map of the reporting or the partner countries. */
import type { Dataset } from "@clearinghouse/cube/browser";
import type { Lang } from "../../lib/i18n.ts";

export interface MapViewProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
}

export function MapView(_: MapViewProps) {
  return <div className="map" />;
}
