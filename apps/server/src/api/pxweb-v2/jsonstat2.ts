/**
 * JSON-stat 2.0 as PxWebApi 2 writes it (PCAxis.Serializers JsonStat2Serializer), for the metadata and the data
 * answers alike: the cube's JSON-stat document (`toJsonStat2`) plus what PxWeb clients read from it.
 *
 * - `extension.px`, one property per PX keyword: `infofile`, `tableid` (TABLEID, else the table's id), `decimals`,
 *   `language` (of the labels: PxWeb 2 compares it with its own and asks again while they differ), `contents`
 *   (CONTENTS, else the label of the contents variable's one value, else the title: PxWeb 2 starts its table
 *   titles with it), `description`, `descriptiondefault`, `heading` and `stub` (the variables across and down:
 *   PxWeb 2 lays the table out by them and builds its titles from their labels, so they are always given),
 *   `official-statistics`, `copyright`, `matrix`, `subject-code`, `subject-area`, `aggregallowed`, `survey`,
 *   `link`, `updateFrequency`, `nextUpdate`. The booleans are always there, as PxWebApi writes them.
 * - `extension.contact`: a list of Contact objects ({raw}: PX CONTACT text, one per "##"-separated contact), from
 *   the table and from every contents value, each once. Our own `contact` string gives way to it.
 * - On every dimension `extension.elimination` (true or false); `valueSets` and `groupings`, our names, are left
 *   out: API 2.0 lists them as `codelists` in the metadata answer.
 * - `updated` in the form PxWebApi writes (UTC, no fractions): the latest update of a contents value, else the
 *   table's, else `fallbackUpdated`.
 * Pure: the dataset in, a JSON value out.
 */

import {
  contentsDimension,
  type Dataset,
  type JsonStat2Dataset,
  type JsonStat2Dimension,
  pxDateToIso,
  type Texts,
  textIn,
  toJsonStat2,
} from "@clearinghouse/cube";
import type { Placement } from "./selection.ts";

/** A Contact of the specification: `raw` is the PX text, the other fields are not split out of it. */
export interface Contact {
  readonly raw: string;
}

export interface PxExtension {
  readonly infofile?: string;
  readonly tableid: string;
  readonly decimals: number;
  readonly language: string;
  readonly contents: string;
  readonly description?: string;
  readonly descriptiondefault: boolean;
  readonly heading: string[];
  readonly stub: string[];
  readonly "official-statistics": boolean;
  readonly copyright?: string;
  readonly matrix: string;
  readonly "subject-code"?: string;
  readonly "subject-area"?: string;
  readonly aggregallowed: boolean;
  readonly survey?: string;
  readonly link?: string;
  readonly updateFrequency?: string;
  readonly nextUpdate?: string;
}

/** A dimension as PxWebApi writes it: `elimination` always there, true or false. */
export type PxWebDimension = Omit<JsonStat2Dimension, "extension"> & {
  readonly extension: Omit<NonNullable<JsonStat2Dimension["extension"]>, "elimination" | "valueSets" | "groupings"> & {
    readonly elimination: boolean;
  };
};

export type PxWebJsonStat2 = Omit<JsonStat2Dataset, "extension" | "dimension"> & {
  readonly dimension: Record<string, PxWebDimension>;
  readonly extension: Omit<JsonStat2Dataset["extension"], "contact"> & {
    readonly px: PxExtension;
    readonly contact?: Contact[];
  };
};

type Meta = Omit<Dataset, "values" | "status" | "flags">;

/**
 * An ISO 8601 UTC date-time without fractions, as PxWebApi writes them; undefined for what is not a date. A
 * date-time without a zone (PX dates have none) is taken as UTC, whatever the server's time zone.
 */
export function isoDateTime(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const zoned = typeof value === "string" && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
  const date = zoned instanceof Date ? zoned : new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A table-level PX keyword kept from the source file, in `lang` or else the default language. */
export function pxEntry(meta: Meta, keyword: string, lang: string): string | undefined {
  const entries = (meta.extension?.px ?? []).filter((e) => e.keyword === keyword && !e.subkeys?.length);
  const own = lang === meta.languages[0] ? undefined : entries.find((e) => e.language === lang);
  const entry = own ?? entries.find((e) => e.language === undefined);
  return entry?.value.items.join(" ");
}

/** A PX YES/NO keyword as a boolean, `otherwise` when the file has none. */
function pxFlag(meta: Meta, keyword: string, lang: string, otherwise: boolean): boolean {
  const value = pxEntry(meta, keyword, lang)?.trim().toUpperCase();
  return value === undefined ? otherwise : value === "YES" || value === "TRUE";
}

/** The table's suggested layout: the PX HEADING's variables across (the last one when not from PX). */
export function tableLayout(meta: Pick<Dataset, "dimensions" | "extension">): Placement {
  const count = Math.min(meta.extension?.pxHeading ?? 1, meta.dimensions.length);
  const split = meta.dimensions.length - count;
  return {
    heading: meta.dimensions.slice(split).map((d) => d.code),
    stub: meta.dimensions.slice(0, split).map((d) => d.code),
  };
}

/**
 * The placement a result is shown with when none was asked for: the contents variable and time (else the last
 * variable) across, as PxWeb tables have them, so that the column heads say what the figures count.
 */
export function defaultPlacement(ds: Pick<Dataset, "dimensions">): Placement {
  const time = ds.dimensions.find((d) => d.role === "time") ?? ds.dimensions.at(-1);
  const across = [contentsDimension(ds.dimensions), time].filter(
    (d, k, all): d is Dataset["dimensions"][number] => d !== undefined && all.indexOf(d) === k,
  );
  return {
    heading: across.map((d) => d.code),
    stub: ds.dimensions.filter((d) => !across.includes(d)).map((d) => d.code),
  };
}

function contactsOf(meta: Meta, t: (texts: Texts | undefined) => string): Contact[] | undefined {
  const texts = [
    meta.contact,
    ...(contentsDimension(meta.dimensions)?.categories ?? []).map((c) => c.content?.contact),
  ];
  const raw = texts.flatMap((x) => (x ? t(x).split("##") : [])).map((s) => s.trim());
  const unique = [...new Set(raw.filter(Boolean))];
  return unique.length ? unique.map((r) => ({ raw: r })) : undefined;
}

/** The latest update of the table or any of its contents values. */
function latestUpdate(meta: Meta): string | undefined {
  const dates = [meta.updated, ...(contentsDimension(meta.dimensions)?.categories ?? []).map((c) => c.content?.updated)]
    .map((d) => isoDateTime(d))
    .filter((d): d is string => d !== undefined);
  return dates.sort().at(-1);
}

/** The `extension.px` block of a table in one language, its variables placed as `placement` says. */
export function pxExtension(meta: Meta, lang: string, placement: Placement): PxExtension {
  const t = (texts: Texts | undefined) => textIn(texts, lang, meta.languages);
  const contents = contentsDimension(meta.dimensions);
  const single = contents?.categories.length === 1 ? contents.categories[0] : undefined;
  const optional = {
    infofile: pxEntry(meta, "INFOFILE", lang),
    description: pxEntry(meta, "DESCRIPTION", lang),
    copyright: pxEntry(meta, "COPYRIGHT", lang),
    "subject-code": pxEntry(meta, "SUBJECT-CODE", lang),
    "subject-area": pxEntry(meta, "SUBJECT-AREA", lang),
    survey: pxEntry(meta, "SURVEY", lang),
    link: pxEntry(meta, "LINK", lang),
    updateFrequency: pxEntry(meta, "UPDATE-FREQUENCY", lang),
    nextUpdate: isoDateTime(pxDateToIso(pxEntry(meta, "NEXT-UPDATE", lang) ?? "")),
  };
  return {
    ...(optional.infofile !== undefined ? { infofile: optional.infofile } : {}),
    tableid: pxEntry(meta, "TABLEID", lang) ?? meta.id,
    decimals: meta.decimals,
    language: lang,
    contents: pxEntry(meta, "CONTENTS", lang) ?? (single ? t(single.label) : t(meta.title)),
    ...(optional.description !== undefined ? { description: optional.description } : {}),
    descriptiondefault: pxFlag(meta, "DESCRIPTIONDEFAULT", lang, false),
    heading: [...placement.heading],
    stub: [...placement.stub],
    "official-statistics": pxFlag(meta, "OFFICIAL-STATISTICS", lang, false),
    ...(optional.copyright !== undefined ? { copyright: optional.copyright } : {}),
    matrix: meta.id,
    ...Object.fromEntries(
      (["subject-code", "subject-area"] as const).flatMap((k) => (optional[k] !== undefined ? [[k, optional[k]]] : [])),
    ),
    aggregallowed: pxFlag(meta, "AGGREGALLOWED", lang, true),
    ...Object.fromEntries(
      (["survey", "link", "updateFrequency", "nextUpdate"] as const).flatMap((k) =>
        optional[k] !== undefined ? [[k, optional[k]]] : [],
      ),
    ),
  };
}

/** A dataset (with or without cells) as PxWebApi 2 writes it in json-stat2, in the labels' language `lang`. */
export function toPxWebJsonStat2(
  ds: Dataset,
  options: { readonly lang: string; readonly placement: Placement; readonly fallbackUpdated?: string | Date },
): PxWebJsonStat2 {
  const { lang, placement } = options;
  const doc = toJsonStat2(ds, { lang });
  const t = (texts: Texts | undefined) => textIn(texts, doc.extension.lang, ds.languages);
  const dimension = Object.fromEntries(
    ds.dimensions.map((d): [string, PxWebDimension] => {
      const json = doc.dimension[d.code] as JsonStat2Dimension;
      const { valueSets: _sets, groupings: _groupings, ...extension } = json.extension ?? {};
      return [d.code, { ...json, extension: { ...extension, elimination: Boolean(d.elimination) } }];
    }),
  );
  const { contact: _contact, ...extension } = doc.extension;
  const contact = contactsOf(ds, t);
  const updated = latestUpdate(ds) ?? isoDateTime(options.fallbackUpdated);
  return {
    ...doc,
    ...(updated ? { updated } : {}),
    dimension,
    extension: {
      ...extension,
      px: pxExtension(ds, doc.extension.lang, placement),
      ...(contact ? { contact } : {}),
    },
  };
}
