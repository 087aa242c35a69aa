export * from "./model.ts";
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
