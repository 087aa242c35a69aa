export * from "./model.ts";
export { type Pivot, PivotError, type PivotLayout, pivot } from "./pivot.ts";
export {
  datasetFromPxBytes,
  datasetToPxBytes,
  type FromPxOptions,
  forEachMatchingCell,
  fromPx,
  isoToPxDate,
  pxDateToIso,
  type ToPxOptions,
  toPx,
} from "./px.ts";
export {
  DEFAULT_MAX_CELLS,
  type DimensionQuery,
  type SelectionError,
  type SelectionErrorCode,
  type SelectOptions,
  type SelectResult,
  select,
} from "./select.ts";
