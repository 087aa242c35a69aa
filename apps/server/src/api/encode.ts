/**
 * Encoding a selected dataset for the two PxWeb APIs, as one job that runs the same on the main thread or in a
 * worker thread (workers/encoder.ts): its input and output are plain data that can be posted between threads.
 * The refusals an encoder makes (a table too large for HTML, a layout that does not fit a sheet…) travel back as
 * their class's name and message, so the route answers them as it would on the main thread.
 */

import {
  CsvError,
  type Dataset,
  encodeDataset,
  FORMATS,
  type Format,
  HtmlTableError,
  ParquetError,
  PivotError,
  XlsxError,
} from "@clearinghouse/cube";
import { defaultPlacement, toPxWebJsonStat2 } from "./pxweb-v2/jsonstat2.ts";
import { type Encoded, encodeOutput, type Output } from "./pxweb-v2/output.ts";
import type { Placement } from "./pxweb-v2/selection.ts";

export type EncodeJob =
  /** API v1: PxWeb's format names mapped to ours; `languages` the order PX writes them in. */
  | {
      readonly api: "v1";
      readonly dataset: Dataset;
      readonly format: Format;
      readonly lang: string;
      readonly languages: readonly string[];
    }
  /** API 2.0: an output format with its parameters and the placement of the variables. */
  | {
      readonly api: "v2";
      readonly dataset: Dataset;
      readonly output: Output;
      readonly lang: string;
      readonly placement: Placement | undefined;
    };

/** The encoders' refusals, by name. */
export const ENCODE_REFUSALS = { CsvError, HtmlTableError, ParquetError, PivotError, XlsxError } as const;
export type EncodeRefusal = keyof typeof ENCODE_REFUSALS;

export type EncodeResult =
  | ({ readonly ok: true } & Encoded)
  | { readonly ok: false; readonly refusal: EncodeRefusal; readonly message: string };

async function encode(job: EncodeJob): Promise<Encoded> {
  if (job.api === "v2") return encodeOutput(job.dataset, job.output, { lang: job.lang, placement: job.placement });
  const { dataset, format, lang } = job;
  // json-stat2 as PxWeb writes it in both APIs (one serializer): with extension.px, which clients read.
  const bytes =
    format === "json-stat2"
      ? new TextEncoder().encode(
          JSON.stringify(toPxWebJsonStat2(dataset, { lang, placement: defaultPlacement(dataset) })),
        )
      : await encodeDataset(dataset, format, { languages: job.languages });
  return {
    bytes,
    mediaType: FORMATS.find((f) => f.format === format)?.mediaType ?? "application/octet-stream",
    extension: format === "csv-wide" ? "csv" : format.startsWith("json") ? "json" : format,
  };
}

/** Runs a job; a refusal of an encoder is returned, any other error thrown. */
export async function runEncodeJob(job: EncodeJob): Promise<EncodeResult> {
  try {
    return { ok: true, ...(await encode(job)) };
  } catch (error) {
    const refusal = (Object.keys(ENCODE_REFUSALS) as EncodeRefusal[]).find(
      (name) => error instanceof ENCODE_REFUSALS[name],
    );
    if (refusal) return { ok: false, refusal, message: (error as Error).message };
    throw error;
  }
}

/** The encoded bytes, or the refusal thrown again as its own class. */
export function encodedOrThrow(result: EncodeResult): Encoded {
  if (result.ok) return result;
  throw new ENCODE_REFUSALS[result.refusal](result.message);
}
