/**
 * The clearinghouse's own table API, beside the PxWeb ones: every released version of a table stays readable
 * (docs/decisions/0009-versions.md).
 *   GET /api/tables/{id}?version=N|asOf=DATE       the table as of that version: number, release, revision note
 *   GET /api/tables/{id}/versions                   every version, newest first: release time, source, cells,
 *                                                   revision note in both languages, submission
 *   GET /api/tables/{id}/versions/{n}?format=&lang= the whole version in any download format (default px)
 *   GET /api/tables/{id}/compare?from=&to=&format=json|csv|xlsx&limit=&valuecodes[VAR]=…
 *                                                   the two versions cell by cell: changed, added, removed
 *   GET /api/tables/{id}/feed.atom?lang=            an Atom feed of the table's releases
 *   GET /api/feed.atom?lang=                        every table's releases, newest first
 * A version never changes, so its download is cacheable for good. Who released a version is not said here: the
 * public sees what was released, when and why; the names are in the audit log for administrators.
 */
import { encodeDataset, FORMATS, isFormat } from "@clearinghouse/cube";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { IMMUTABLE_CACHE_CONTROL, sendCached } from "../../http/caching.ts";
import { type Lang, requestLanguage } from "../../http/language.ts";
import { ID_PARAM, pathParams, wholeNumber } from "../../http/params.ts";
import { ApiProblem, problemOf, sendProblems } from "../../http/problem.ts";
import type { CubeService, PublishedTable, VersionRow } from "../../tables/cubes.ts";
import type { TableInfo } from "../../tables/repository.ts";
import { isRefusal, VERSION_QUERY_PROPERTIES, versionChoice } from "../../tables/versions.ts";
import { API_MESSAGES } from "../messages.ts";
import { COMPARE_FORMATS, type CompareFormat, compareVersions, comparisonCsv, comparisonXlsx } from "./compare.ts";
import { ATOM_MEDIA_TYPE, atomFeed, type FeedAddresses, type Release } from "./feed.ts";

export interface TablesApiOptions {
  readonly cubes: CubeService;
  readonly languages: readonly string[];
  /** Most cells a comparison lists (MAX_CELLS, as for data); the JSON answer lists 1,000 unless asked for more. */
  readonly maxCells?: number;
}

/** Entries of the feed of every table. */
const ALL_FEED_ENTRIES = 100;
const DEFAULT_COMPARE_LIMIT = 1000;
/** The feed's `updated` when there is nothing in it yet. */
const EPOCH = new Date(0);

const MEDIA_TYPES: Readonly<Record<CompareFormat, string>> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A version as the history lists it. */
function versionJson(v: VersionRow, current: number) {
  const released = new Date(v.created_at).toISOString();
  return {
    version: v.version,
    released,
    /** The same as released (the name this list had first). */
    created: released,
    source: v.source_name,
    cells: v.cell_count,
    current: v.version === current,
    revisionNote: v.revision_note ? { en: v.revision_note.en, ru: v.revision_note.ru } : null,
    submission: v.submission_id,
  };
}

export async function tablesApi(app: FastifyInstance, options: TablesApiOptions): Promise<void> {
  const { cubes } = options;
  const maxCells = options.maxCells ?? 150_000;

  sendProblems(app);

  const tags = ["Tables"];
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const tableInfo = async (id: string): Promise<TableInfo> => {
    const info = await cubes.catalog.table(id);
    if (!info) throw problemOf(404, API_MESSAGES.noTable(id));
    return info;
  };

  /** The version the request reads (?version, ?asOf; the current one without). */
  const tableAt = async (request: FastifyRequest, id: string): Promise<PublishedTable> => {
    const choice = versionChoice(request.query as Record<string, unknown>);
    if (!choice.ok) throw new ApiProblem(choice.refusal.status, choice.refusal.message.en, choice.refusal.message.ru);
    const table = await cubes.at(id, choice.value);
    if (!table) throw problemOf(404, API_MESSAGES.noTable(id));
    if (isRefusal(table)) throw new ApiProblem(table.status, table.message.en, table.message.ru);
    return table;
  };

  /** One version of a table, by its number in a query parameter. */
  const versionNamed = async (id: string, text: string, name: string) => {
    const n = wholeNumber(text, name);
    const dataset = await cubes.version(id, n);
    if (!dataset) {
      throw problemOf(404, API_MESSAGES.noVersion(id, n));
    }
    return dataset;
  };

  app.get(
    "/api/tables/:id",
    {
      schema: {
        tags,
        summary: "A table as of one version: the current one, or the one ?version or ?asOf names",
        params: pathParams({ id: ID_PARAM }),
        querystring: { type: "object", properties: VERSION_QUERY_PROPERTIES },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const current = await tableInfo(id);
      const { info } = await tableAt(request, id);
      const row = (await cubes.versions(current)).find((v) => v.version === info.version);
      if (!row) throw problemOf(404, API_MESSAGES.noVersion(id, info.version));
      return sendCached(
        request,
        reply,
        { id, title: current.title, currentVersion: current.version, ...versionJson(row, current.version) },
        `${id}@${current.version}`,
      );
    },
  );

  app.get(
    "/api/tables/:id/versions",
    { schema: { tags, summary: "Versions of a table, newest first", params: pathParams({ id: ID_PARAM }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const current = await tableInfo(id);
      const versions = await cubes.versions(current);
      return sendCached(
        request,
        reply,
        versions.map((v) => versionJson(v, current.version)),
        `${id}@${current.version}`,
      );
    },
  );

  app.get(
    "/api/tables/:id/versions/:version",
    {
      schema: {
        tags,
        summary: "One version of a table, whole, in any download format",
        params: pathParams({ id: ID_PARAM, version: { type: "string", description: "1, 2, …" } }),
      },
    },
    async (request, reply) => {
      const { id, version } = request.params as { id: string; version: string };
      const n = wholeNumber(version, "version");
      const query = request.query as { format?: string; lang?: string };
      const format = query.format ?? "px";
      if (!isFormat(format))
        throw problemOf(
          400,
          API_MESSAGES.unknownFormat(
            format,
            FORMATS.map((f) => f.format),
          ),
        );
      if (query.lang !== undefined && !options.languages.includes(query.lang)) {
        throw problemOf(400, API_MESSAGES.unknownLanguage(query.lang, options.languages));
      }
      const dataset = await cubes.version(id, n);
      if (!dataset) throw problemOf(404, API_MESSAGES.noVersion(id, n));
      const lang = query.lang && dataset.languages.includes(query.lang) ? query.lang : undefined;
      const languages = lang ? [lang, ...dataset.languages.filter((l) => l !== lang)] : undefined;
      const bytes = await encodeDataset(dataset, format, languages ? { languages } : {});
      const media = FORMATS.find((f) => f.format === format)?.mediaType;
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return sendCached(request, reply, body, `${id}@${n}`, media, IMMUTABLE_CACHE_CONTROL);
    },
  );

  app.get(
    "/api/tables/:id/compare",
    {
      schema: {
        tags,
        summary: "Two versions of a table compared cell by cell",
        description:
          "Every changed, added and removed cell with its codes and labels (in lang), old and new value, status and flags, and the counts. " +
          "from defaults to the version before to, to to the current version. valuecodes[VARIABLE]=a,b compares only those values. " +
          `JSON lists the first ${DEFAULT_COMPARE_LIMIT} cells unless limit says otherwise (at most ${maxCells}); ` +
          `CSV and Excel hold every differing cell, at most ${maxCells} (403 above: filter by variables).`,
        params: pathParams({ id: ID_PARAM }),
        querystring: {
          type: "object",
          properties: {
            from: { type: "string", description: "The older version (default: the one before to)" },
            to: { type: "string", description: "The newer version (default: the current one)" },
            format: { type: "string", description: COMPARE_FORMATS.join(", ") },
            limit: { type: "string", description: "Most cells listed (json)" },
            lang: { type: "string", description: "Language of the labels: en, ru" },
          },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = request.query as Record<string, unknown>;
      const lang = requestLanguage(request);
      const current = await tableInfo(id);
      const single = (name: string): string | undefined => {
        const value = query[name];
        if (value === undefined) return undefined;
        if (typeof value !== "string") {
          throw new ApiProblem(400, `${name} may be given once`, `${name} можно указать только один раз`);
        }
        return value;
      };
      const format = (single("format") ?? "json") as CompareFormat;
      if (!COMPARE_FORMATS.includes(format)) {
        throw new ApiProblem(
          400,
          `unknown format "${format}" (${COMPARE_FORMATS.join(", ")})`,
          `неизвестный формат «${format}» (${COMPARE_FORMATS.join(", ")})`,
        );
      }
      const toText = single("to") ?? String(current.version);
      const to = wholeNumber(toText, "to");
      const fromText = single("from") ?? String(to - 1);
      if (fromText === "0") {
        throw new ApiProblem(
          400,
          "version 1 has no version before it: give from",
          "у версии 1 нет предыдущей: укажите from",
        );
      }
      const from = wholeNumber(fromText, "from");
      const limitText = single("limit");
      const limit =
        format === "json"
          ? Math.min(limitText ? wholeNumber(limitText, "limit") : DEFAULT_COMPARE_LIMIT, maxCells)
          : maxCells;
      const only: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(query)) {
        if (!key.toLowerCase().startsWith("valuecodes")) continue;
        const variable = /^valuecodes\[(.+)\]$/is.exec(key)?.[1];
        if (variable === undefined || typeof value !== "string") {
          throw new ApiProblem(
            400,
            `query parameter "${key}" should be written valuecodes[VARIABLE]=a,b, once`,
            `параметр «${key}» записывается как valuecodes[ПЕРЕМЕННАЯ]=a,b, один раз`,
          );
        }
        only[variable] = value
          .split(",")
          .map((c) => c.trim())
          .filter(Boolean);
      }
      if (to > current.version) {
        throw new ApiProblem(404, `table "${id}" has no version ${to}`, `у таблицы «${id}» нет версии ${to}`);
      }
      if (from > current.version) {
        throw new ApiProblem(404, `table "${id}" has no version ${from}`, `у таблицы «${id}» нет версии ${from}`);
      }
      const before = await versionNamed(id, fromText, "from");
      const after = await versionNamed(id, toText, "to");
      const comparison = compareVersions(before, after, { lang, only, limit });
      if (format !== "json" && comparison.truncated) {
        const total = comparison.counts.changed + comparison.counts.added + comparison.counts.removed;
        throw new ApiProblem(
          403,
          `${total} cells differ, more than the ${maxCells} a download holds: compare fewer values (valuecodes[VARIABLE])`,
          `различаются ${total} ячеек — больше ${maxCells}, которые помещаются в файл: сравните меньше значений (valuecodes[ПЕРЕМЕННАЯ])`,
        );
      }
      const versionKey = `${id}@${from}..${to}`;
      if (format === "json") {
        const listed = await cubes.versions(current);
        const released = (n: number) => {
          const row = listed.find((v) => v.version === n);
          return row ? new Date(row.created_at).toISOString() : null;
        };
        return sendCached(
          request,
          reply,
          {
            table: id,
            language: lang,
            from,
            to,
            fromReleased: released(from),
            toReleased: released(to),
            limit,
            ...comparison,
          },
          versionKey,
          undefined,
          IMMUTABLE_CACHE_CONTROL,
        );
      }
      const title = (after.title[lang] ?? Object.values(after.title)[0] ?? id) as string;
      const body =
        format === "csv"
          ? comparisonCsv(comparison)
          : await comparisonXlsx(comparison, { table: id, title, from, to, lang });
      reply.header(
        "content-disposition",
        `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, "_")}-${from}-${to}.${format}"`,
      );
      return sendCached(request, reply, body, versionKey, MEDIA_TYPES[format], IMMUTABLE_CACHE_CONTROL);
    },
  );

  /** Where a feed's entries point: the web pages of the table as released and of the comparison. */
  const addresses = (request: FastifyRequest, lang: Lang, self: string, page: string): FeedAddresses => {
    const base = origin(request);
    const table = (tableId: string) => `${base}/${lang}/tables/${encodeURIComponent(tableId)}`;
    return {
      self: `${base}${self}`,
      page: `${base}${page}`,
      table: (tableId, version) => `${table(tableId)}?version=${version}`,
      compare: (tableId, from, to) => `${table(tableId)}/compare?from=${from}&to=${to}`,
      entryId: (tableId, version) => `${base}/api/tables/${encodeURIComponent(tableId)}?version=${version}`,
    };
  };

  const feedLanguage = (request: FastifyRequest): Lang => {
    const asked = (request.query as { lang?: unknown }).lang;
    if (asked !== undefined && asked !== "en" && asked !== "ru") {
      throw new ApiProblem(
        400,
        `unknown language "${String(asked)}" (en, ru)`,
        `неизвестный язык «${String(asked)}» (en, ru)`,
      );
    }
    return requestLanguage(request);
  };

  const feedSchema = (summary: string, params?: object) => ({
    tags,
    summary,
    ...(params ? { params } : {}),
    querystring: { type: "object", properties: { lang: { type: "string", description: "en (default) or ru" } } },
  });

  app.get(
    "/api/tables/:id/feed.atom",
    { schema: feedSchema("An Atom feed of a table's releases, one entry per version", pathParams({ id: ID_PARAM })) },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const lang = feedLanguage(request);
      const current = await tableInfo(id);
      const title = (current.title[lang] ?? Object.values(current.title)[0] ?? id) as string;
      const releases: Release[] = (await cubes.versions(current)).map((v) => ({
        tableId: id,
        title,
        version: v.version,
        released: new Date(v.created_at),
        sourceName: v.source_name,
        revisionNote: v.revision_note,
        cells: v.cell_count,
      }));
      const xml = atomFeed(releases, {
        lang,
        title,
        empty: EPOCH,
        addresses: addresses(
          request,
          lang,
          `/api/tables/${encodeURIComponent(id)}/feed.atom?lang=${lang}`,
          `/${lang}/tables/${encodeURIComponent(id)}`,
        ),
      });
      return sendCached(request, reply, Buffer.from(xml), `${id}@${current.version}`, ATOM_MEDIA_TYPE);
    },
  );

  app.get(
    "/api/feed.atom",
    { schema: feedSchema(`An Atom feed of every table's releases, the latest ${ALL_FEED_ENTRIES}`) },
    async (request, reply) => {
      const lang = feedLanguage(request);
      const tables = await cubes.catalog.tables();
      const byId = new Map(tables.map((t) => [t.id, t]));
      // Only what the catalog shows as released: a version is in the feed once it is in the tables' list.
      const rows = await cubes.db
        .selectFrom("table_version")
        .innerJoin("data_table", "data_table.id", "table_version.table_id")
        .select([
          "table_version.table_id",
          "table_version.version",
          "table_version.created_at",
          "table_version.source_name",
          "table_version.revision_note",
          "table_version.cell_count",
        ])
        .whereRef("table_version.version", "<=", "data_table.current_version")
        .orderBy("table_version.created_at", "desc")
        .orderBy("table_version.table_id")
        .orderBy("table_version.version", "desc")
        .limit(ALL_FEED_ENTRIES + tables.length)
        .execute();
      const releases: Release[] = rows
        .filter((r) => {
          const shown = byId.get(r.table_id);
          return shown !== undefined && r.version <= shown.version;
        })
        .slice(0, ALL_FEED_ENTRIES)
        .map((r) => {
          const texts = byId.get(r.table_id)?.title ?? {};
          return {
            tableId: r.table_id,
            title: (texts[lang] ?? Object.values(texts)[0] ?? r.table_id) as string,
            version: r.version,
            released: new Date(r.created_at),
            sourceName: r.source_name,
            revisionNote: r.revision_note,
            cells: r.cell_count,
          };
        });
      const xml = atomFeed(releases, {
        lang,
        empty: EPOCH,
        addresses: addresses(request, lang, `/api/feed.atom?lang=${lang}`, `/${lang}/`),
      });
      const key = tables.map((t) => `${t.id}@${t.version}`).join(",");
      return sendCached(request, reply, Buffer.from(xml), key, ATOM_MEDIA_TYPE);
    },
  );
}
