/**
 * The report of `POST /api/px/validate`: every problem of a PX file with line, column, keyword and a message in
 * the reader's language. Pure (bytes in, report out); it runs in a worker thread (workers/px-validate.worker.mjs).
 */

import { formatDiagnostic, readPx } from "@clearinghouse/px";
import type { Lang } from "./http/language.ts";

export interface ValidationRequest {
  readonly bytes: Uint8Array;
  readonly strict: boolean;
  readonly lang: Lang;
  /** Files declaring more cells are refused before their cells are allocated. */
  readonly maxCells: number;
}

export function validatePx({ bytes, strict, lang, maxCells }: ValidationRequest) {
  const result = readPx(bytes, { strict, maxCells });
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  return {
    valid: errors === 0,
    errors,
    warnings: result.diagnostics.length - errors,
    encoding: result.encoding,
    cells: result.file?.data.length ?? null,
    diagnostics: result.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d, "", lang) })),
  };
}

export type ValidationReport = ReturnType<typeof validatePx>;
