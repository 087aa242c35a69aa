export { type BuildInput, bare, buildPx, entry, PxBuildError, text } from "./build.ts";
export {
  diagnosticMessage,
  formatDiagnostic,
  type PxDiagnostic,
  type PxDiagnosticCode,
  type PxLocation,
  type Severity,
} from "./diagnostics.ts";
export { normaliseEncoding } from "./encoding.ts";
export { selectLanguages } from "./languages.ts";
export { type EntryQuery, findEntry, type PxFacts, pxFacts, sortEntries, textOf } from "./meta.ts";
export {
  type PxEntry,
  type PxFile,
  type PxStatus,
  type PxValue,
  type PxVariable,
  STATUS_FIRST_EXTRA,
  STATUS_NIL,
  STATUS_NOT_AVAILABLE,
  STATUS_NUMBER,
  statusSymbol,
  type TimeUnit,
  variablesOf,
} from "./model.ts";
export { countOf, NOUNS, type PluralForms } from "./plural.ts";
export { DEFAULT_MAX_CELLS, type ReadOptions, type ReadResult, readPx } from "./read.ts";
export { DEFAULT_BLOCK_CELLS, openPxStream, type PxBlock, type PxStream, type PxStreamOptions } from "./stream.ts";
export { MAX_LANGUAGES } from "./structure.ts";
export { expandTimeRange, parseTimeValue } from "./timeval.ts";
export {
  type CellBlock,
  formatEntry,
  formatNumber,
  PxWriteError,
  type WriteOptions,
  writePx,
  writePxStream,
} from "./write.ts";
