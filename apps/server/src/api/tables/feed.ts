/**
 * Atom feeds (RFC 4287) of table releases, one entry per released version: so that users follow a table's updates
 * in any feed reader. Pure: the releases and addresses in, the XML text out; every text from the database is
 * escaped, and characters XML cannot hold at all are dropped.
 */

import type { Bilingual } from "@clearinghouse/cube";
import type { Lang } from "../../http/language.ts";

/** One released version of a table, as an entry shows it. */
export interface Release {
  readonly tableId: string;
  readonly title: string;
  readonly version: number;
  readonly released: Date;
  readonly sourceName: string;
  readonly revisionNote: Bilingual | null;
  readonly cells: number;
}

export interface FeedAddresses {
  /** The feed itself (rel="self"); also its id. */
  readonly self: string;
  /** The page the feed is about (rel="alternate"). */
  readonly page: string;
  /** The web page of a table as released in a version. */
  readonly table: (tableId: string, version: number) => string;
  /** The web page comparing a version with another. */
  readonly compare: (tableId: string, from: number, to: number) => string;
  /** A stable id of a release (the API's address of that version). */
  readonly entryId: (tableId: string, version: number) => string;
}

export const ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8";

const TEXTS = {
  en: {
    site: "Migration Statistics Clearinghouse",
    allTitle: "Migration Statistics Clearinghouse: table releases",
    tableTitle: (title: string) => `${title}: releases`,
    entryTitle: (title: string, version: number) => `${title} — version ${version}`,
    imported: (source: string) => `Imported from ${source}.`,
    first: "First version of the table.",
    cells: (n: number) => `${n.toLocaleString("en")} cells.`,
    compare: (from: number) => `Compare with version ${from}`,
  },
  ru: {
    site: "Информационный центр по статистике миграции",
    allTitle: "Информационный центр по статистике миграции: выпуски таблиц",
    tableTitle: (title: string) => `${title}: выпуски`,
    entryTitle: (title: string, version: number) => `${title} — версия ${version}`,
    imported: (source: string) => `Загружено из ${source}.`,
    first: "Первая версия таблицы.",
    cells: (n: number) => `Ячеек: ${n.toLocaleString("ru")}.`,
    compare: (from: number) => `Сравнить с версией ${from}`,
  },
} as const;

/** Characters XML 1.0 cannot hold, even escaped (C0 controls but tab and line ends, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an element's content or an attribute's value. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

const element = (name: string, text: string, attributes = "") => `<${name}${attributes}>${xmlText(text)}</${name}>`;
const linkTag = (rel: string, href: string, extra = "") => `<link rel="${rel}" href="${xmlText(href)}"${extra}/>`;

/**
 * The feed of `releases` (newest first, as given) in one language. The feed's `updated` is the newest release's,
 * or `empty` when there is none, so that the same releases always give the same bytes.
 */
export function atomFeed(
  releases: readonly Release[],
  options: { readonly lang: Lang; readonly title?: string; readonly addresses: FeedAddresses; readonly empty: Date },
): string {
  const t = TEXTS[options.lang];
  const a = options.addresses;
  const newest = Math.max(...releases.map((r) => r.released.getTime()));
  const updated = releases.length > 0 ? new Date(newest) : options.empty;
  const entries = releases.map((r) => {
    const note = r.revisionNote ? r.revisionNote[options.lang] : r.version === 1 ? t.first : t.imported(r.sourceName);
    const summary = `${note} ${t.cells(r.cells)}`;
    return [
      "<entry>",
      element("id", a.entryId(r.tableId, r.version)),
      element("title", t.entryTitle(r.title, r.version)),
      element("updated", r.released.toISOString()),
      element("published", r.released.toISOString()),
      linkTag("alternate", a.table(r.tableId, r.version), ' type="text/html"'),
      ...(r.version > 1
        ? [
            linkTag(
              "related",
              a.compare(r.tableId, r.version - 1, r.version),
              ` type="text/html" title="${xmlText(t.compare(r.version - 1))}"`,
            ),
          ]
        : []),
      `<category term="${xmlText(r.tableId)}"/>`,
      element("summary", summary, ' type="text"'),
      "</entry>",
    ].join("");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.lang}">`,
    element("id", a.self),
    element("title", options.title ? t.tableTitle(options.title) : t.allTitle),
    element("updated", updated.toISOString()),
    `<author>${element("name", t.site)}</author>`,
    linkTag("self", a.self, ' type="application/atom+xml"'),
    linkTag("alternate", a.page, ' type="text/html"'),
    ...entries,
    "</feed>\n",
  ].join("");
}
