/**
 * Which version of a table a request reads (docs/decisions/0009-versions.md): `?version=N`, or `?asOf=DATE` — the
 * version that was current at that moment. Without either, the current one. Pure: parsing the parameters and
 * choosing from a table's list of versions; the list itself is read by CubeService.versions.
 */

import type { Bilingual } from "@clearinghouse/cube";
import { MAX_INTEGER } from "../http/params.ts";

export type VersionChoice =
  | { readonly kind: "version"; readonly version: number }
  | { readonly kind: "asOf"; readonly at: Date; readonly text: string };

/** A refused choice: 400 when the parameter is malformed, 404 when the table has no such version. */
export interface VersionRefusal {
  readonly status: 400 | 404;
  readonly message: Bilingual;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusal: VersionRefusal };

/** One released version as the list has it. */
export interface VersionEntry {
  readonly version: number;
  readonly released: Date;
}

const refuse = <T>(status: 400 | 404, en: string, ru: string): Parsed<T> => ({
  ok: false,
  refusal: { status, message: { en, ru } },
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-time; without a zone it is UTC, as every date of the APIs. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An `asOf` text as the moment it means. A date alone means the end of that day (UTC): "as released on 4 December"
 * includes what was released during the 4th.
 */
export function parseAsOf(text: string): Date | undefined {
  const trimmed = text.trim();
  let at: Date;
  if (DATE_ONLY.test(trimmed)) {
    at = new Date(`${trimmed}T23:59:59.999Z`);
    if (at.toISOString().slice(0, 10) !== trimmed) return undefined; // 2026-02-30
  } else {
    const m = DATE_TIME.exec(trimmed);
    if (!m) return undefined;
    const zone = m[3] ?? "Z";
    at = new Date(`${m[1]}T${m[2]}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    if (new Date(`${m[1]}T00:00:00Z`).toISOString().slice(0, 10) !== m[1]) return undefined;
  }
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The version a query asks for (`version`, `asOf`), undefined when it asks for none. */
export function versionChoice(query: Readonly<Record<string, unknown>>): Parsed<VersionChoice | undefined> {
  const version = query.version;
  const asOf = query.asOf;
  if (version !== undefined && asOf !== undefined) {
    return refuse(400, "give version or asOf, not both", "укажите version или asOf, но не оба параметра");
  }
  if (version !== undefined) {
    const text = typeof version === "string" ? version.trim() : "";
    const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    if (typeof version !== "string" || !(n >= 1 && n <= MAX_INTEGER)) {
      const shown = String(Array.isArray(version) ? version.join(",") : version).slice(0, 40);
      return refuse(
        400,
        `version must be a whole number from 1 (given once), not "${shown}"`,
        `version должен быть целым числом от 1 (указанным один раз), а не «${shown}»`,
      );
    }
    return { ok: true, value: { kind: "version", version: n } };
  }
  if (asOf !== undefined) {
    const text = typeof asOf === "string" ? asOf : "";
    const at = typeof asOf === "string" ? parseAsOf(asOf) : undefined;
    if (!at) {
      const shown = String(Array.isArray(asOf) ? asOf.join(",") : asOf).slice(0, 40);
      return refuse(
        400,
        `asOf must be an ISO 8601 date or date-time (2026-12-04, 2026-12-04T10:00:00Z), given once, not "${shown}"`,
        `asOf должен быть датой или датой и временем ISO 8601 (2026-12-04, 2026-12-04T10:00:00Z), указанными один раз, а не «${shown}»`,
      );
    }
    return { ok: true, value: { kind: "asOf", at, text } };
  }
  return { ok: true, value: undefined };
}

/**
 * The entry a choice names among a table's versions (any order): the numbered one, or the last released at or
 * before the moment.
 */
export function chooseVersion(
  tableId: string,
  versions: readonly VersionEntry[],
  choice: VersionChoice,
): Parsed<VersionEntry> {
  if (choice.kind === "version") {
    const found = versions.find((v) => v.version === choice.version);
    if (found) return { ok: true, value: found };
    const last = Math.max(0, ...versions.map((v) => v.version));
    return refuse(
      404,
      `table "${tableId}" has no version ${choice.version} (its versions are 1 to ${last})`,
      `у таблицы «${tableId}» нет версии ${choice.version} (её версии — с 1 по ${last})`,
    );
  }
  let best: VersionEntry | undefined;
  for (const v of versions) {
    if (v.released.getTime() > choice.at.getTime()) continue;
    if (
      !best ||
      v.released.getTime() > best.released.getTime() ||
      (v.released.getTime() === best.released.getTime() && v.version > best.version)
    )
      best = v;
  }
  if (best) return { ok: true, value: best };
  return refuse(
    404,
    `table "${tableId}" had no released version at ${choice.at.toISOString()}`,
    `у таблицы «${tableId}» не было выпущенной версии на ${choice.at.toISOString()}`,
  );
}

export const isRefusal = (x: object): x is VersionRefusal => "status" in x && "message" in x;

/** The two parameters as the OpenAPI document describes them, for every route that reads a table's version. */
export const VERSION_QUERY_PROPERTIES = {
  version: {
    type: "string",
    description:
      "Extension: read this released version of the table (1, 2, …; GET /api/tables/{id}/versions lists them) instead of the current one",
  },
  asOf: {
    type: "string",
    description:
      "Extension: read the version that was current at this ISO 8601 moment (2026-12-04T10:00:00Z; a date alone means the end of that day, UTC). Not with version",
  },
} as const;
