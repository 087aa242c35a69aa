/** The query parameters the comparability routes share, each checked with a message naming what is wrong. */

import { CHAPTERS, type ChapterId, isTableId, TABLE_IDS, type TableId } from "@clearinghouse/domain";
import { badRequest } from "../http/problem.ts";

export type Lang = "en" | "ru";

/** Years a view accepts: those of the clearinghouse's tables and a margin. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export function langOf(asked: string | undefined, languages: readonly string[]): Lang {
  const supported = (["en", "ru"] as const).filter((l) => languages.includes(l));
  const fallback = supported[0] ?? "en";
  if (asked === undefined || asked === "") return fallback;
  const found = supported.find((l) => l === asked);
  if (!found)
    throw badRequest(
      `unknown language "${asked}" (${supported.join(", ")})`,
      `неизвестный язык «${asked}» (${supported.join(", ")})`,
    );
  return found;
}

const list = (value: string | undefined) =>
  value === undefined
    ? []
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);

export function tablesOf(value: string | undefined): TableId[] {
  const ids = list(value);
  for (const id of ids) {
    if (!isTableId(id))
      throw badRequest(
        `unknown table "${id}" (${TABLE_IDS.join(", ")})`,
        `неизвестная таблица «${id}» (${TABLE_IDS.join(", ")})`,
      );
  }
  return ids as TableId[];
}

export function chaptersOf(value: string | undefined): ChapterId[] {
  const known = CHAPTERS.map((c) => c.id);
  const ids = list(value);
  for (const id of ids) {
    if (!known.includes(id as ChapterId))
      throw badRequest(
        `unknown chapter "${id}" (${known.join(", ")})`,
        `неизвестный раздел «${id}» (${known.join(", ")})`,
      );
  }
  return ids as ChapterId[];
}

export function countryOf(value: string, reporters: readonly string[]): string {
  if (!reporters.includes(value)) {
    throw badRequest(
      `"${value}" is not a participating country (${reporters.join(", ")})`,
      `«${value}» не является страной-участницей (${reporters.join(", ")})`,
    );
  }
  return value;
}

export function countriesOf(value: string | undefined, reporters: readonly string[]): string[] {
  return list(value).map((c) => countryOf(c, reporters));
}

export function yearOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < MIN_YEAR || year > MAX_YEAR) {
    throw badRequest(
      `${name} must be a year from ${MIN_YEAR} to ${MAX_YEAR}, not "${value}"`,
      `${name} должен быть годом от ${MIN_YEAR} до ${MAX_YEAR}, а не «${value}»`,
    );
  }
  return year;
}

export function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === "") return fallback;
  const found = allowed.find((a) => a === value);
  if (!found) {
    throw badRequest(
      `${name} must be one of ${allowed.join(", ")}, not "${value}"`,
      `${name}: одно из ${allowed.join(", ")}, а не «${value}»`,
    );
  }
  return found;
}
