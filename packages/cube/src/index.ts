export * from "./codecs/csv.ts";
export * from "./codecs/html.ts";
export {
  type Decoded,
  type DecodeOptions,
  decodeDataset,
  type EncodeOptions,
  encodeDataset,
  encodeDatasetChunks,
  FORMATS,
  type Format,
  formatFromFileName,
  isFormat,
} from "./codecs/index.ts";
export * from "./codecs/jsonstat.ts";
export { ParquetError, type ParquetOptions, parquetColumns, toParquet } from "./codecs/parquet.ts";
export { type PxWebJson, type PxWebJsonOptions, toPxWebJson } from "./codecs/pxweb-json.ts";
export * from "./codecs/xlsx.ts";
export {
  type CellChange,
  type CellState,
  type ChangeKind,
  type ChangeVisitor,
  type DatasetDiff,
  type DiffError,
  type DiffErrorCode,
  type DiffOptions,
  type DiffResult,
  type DiffSummary,
  diffDatasets,
} from "./diff.ts";
export { type GlobOptions, globMatcher, hasWildcard } from "./glob.ts";
export * from "./model.ts";
export { defaultLayout, type Pivot, PivotError, type PivotLayout, pivot } from "./pivot.ts";
export {
  datasetFromPxBytes,
  datasetToPxBytes,
  type FromPxOptions,
  forEachMatchingCell,
  fromPx,
  isoToPxDate,
  type PxMapping,
  pxDateToIso,
  pxMapping,
  type ToPxOptions,
  toPx,
} from "./px.ts";
export { type PxCsv, type PxCsvOptions, pxStreamToCsvLong, type SubCube, subCubes } from "./px-stream.ts";
export {
  type AskedValues,
  DEFAULT_MAX_CELLS,
  type DimensionQuery,
  footprintCube,
  SELECTION_LIMITS,
  type SelectionError,
  type SelectionErrorCode,
  type SelectionLimits,
  type SelectOptions,
  type SelectResult,
  select,
  selectionFootprint,
  selectionSizeError,
} from "./select.ts";
