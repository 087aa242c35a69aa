/** The figures as a chart. */
import type { Dataset } from "@clearinghouse/cube/browser";
import type { Lang } from "../../lib/i18n.ts";
import type { ChartKind } from "../state.ts";

export interface ChartViewProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  /** The chart asked for in the URL; undefined = the best one for this data. */
  readonly kind: ChartKind | undefined;
  readonly onKind: (kind: ChartKind) => void;
}

export function ChartView(_: ChartViewProps) {
  return <div className="chart" />;
}
