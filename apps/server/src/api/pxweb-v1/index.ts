/**
 * PxWeb API v1, as national PxWeb sites serve it, so existing clients (the R package pxweb, Python and Excel Power
 * Query scripts) work unchanged:
 *   GET  /api/v1/{lang}/                 databases: [{dbid, text}]
 *   GET  /api/v1/{lang}/{db}/{path…}     a folder: [{id, type "l" | "t", text, updated?}]
 *   GET  /api/v1/{lang}/{db}/…/{table}   table metadata: {title, variables: [{code, text, values, valueTexts,
 *                                        elimination?, time?}]}
 *   POST /api/v1/{lang}/{db}/…/{table}   {"query": [...], "response": {"format": …}} → json, json-stat, json-stat2,
 *                                        csv, px, xlsx (json-stat and json-stat2 with PxWeb's `extension.px`;
 *                                        json-stat2 as API 2.0 writes it, see ../pxweb-v2/jsonstat2.ts)
 *   GET  /api/v1/{lang}[/…]?config       {maxValues, maxCells, maxCalls, timeWindow, CORS}
 * A table's GET and POST take `?version=N` or `?asOf=DATE` (our extension, which PxWeb clients never send): that
 * released version instead of the current one.
 * As in PxWeb, `?config` is answered on the language root (with or without its slash) and on every folder or table
 * URL below it: the R package asks `URL?config` of the very URL it is given, and takes the shortest path that answers
 * as the API's base. A data POST is read as JSON whatever its Content-Type (R's httr sends none, curl -d sends a form
 * type), as PxWeb does. Errors keep PxWeb's statuses: 400 bad query, 403 too many cells, 404 unknown path, 429 too
 * many calls; any other refusal keeps its 4xx status.
 */

import { TextDecoder } from "node:util";
import { type Dataset, type DimensionQuery, encodeDataset, FORMATS, type Format, textIn } from "@clearinghouse/cube";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendCached } from "../../http/caching.ts";
import { checkJsonDepth } from "../../http/params.ts";
import { storageProblem } from "../../http/problem.ts";
import { ResponseCache } from "../../http/response-cache.ts";
import type { CubeService, DatasetMetadata, DescribedTable } from "../../tables/cubes.ts";
import type { TreeNode } from "../../tables/repository.ts";
import { isRefusal, VERSION_QUERY_PROPERTIES, versionChoice } from "../../tables/versions.ts";
import { defaultPlacement, isoDateTime, toPxWebJsonStat2 } from "../pxweb-v2/jsonstat2.ts";

export interface PxWebV1Options {
  readonly cubes: CubeService;
  readonly languages: readonly string[];
  readonly maxCells: number;
  readonly maxCalls: number;
  readonly timeWindowSeconds: number;
  readonly responseCacheMb: number;
}

/** PxWeb's response format names → ours ("csv" is PxWeb's pivoted CSV). */
const RESPONSE_FORMATS: Record<string, Format> = {
  json: "json",
  "json-stat": "json-stat",
  "json-stat2": "json-stat2",
  csv: "csv-wide",
  px: "px",
  xlsx: "xlsx",
};

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function labelIn(texts: Record<string, string>, lang: string, dataset?: Pick<Dataset, "languages">): string {
  return textIn(texts, lang, dataset?.languages ?? ["en", "ru"]);
}

/** Table metadata as PxWeb v1 gives it. */
export function tableMetadata(ds: DatasetMetadata, lang: string) {
  return {
    title: labelIn(ds.title, lang, ds),
    variables: ds.dimensions.map((d) => ({
      code: d.code,
      text: labelIn(d.label, lang, ds),
      values: d.categories.map((c) => c.code),
      valueTexts: d.categories.map((c) => labelIn(c.label, lang, ds)),
      ...(d.elimination ? { elimination: true } : {}),
      ...(d.role === "time" ? { time: true } : {}),
    })),
  };
}

function folderEntry(node: TreeNode, lang: string) {
  return {
    id: node.code,
    type: node.kind === "table" ? "t" : "l",
    text: labelIn(node.label, lang),
    ...(node.updated ? { updated: node.updated.toISOString().slice(0, 19) } : {}),
  };
}

/**
 * The API's limits, as `?config` gives them (the R package splits queries and spaces its calls by them). Newer
 * PxWeb servers send `maxCells`, the cells one data call may return, beside the older `maxValues`, which clients
 * before it split by; pxweb takes `maxCells` when given. We limit nothing else, so both are MAX_CELLS.
 */
export function apiConfig(options: Pick<PxWebV1Options, "maxCells" | "maxCalls" | "timeWindowSeconds">) {
  return {
    maxValues: options.maxCells,
    maxCells: options.maxCells,
    maxCalls: options.maxCalls,
    timeWindow: options.timeWindowSeconds,
    CORS: true,
  };
}

const isConfigRequest = (request: FastifyRequest) => "config" in (request.query as object);

/**
 * A request body as JSON, whatever the Content-Type says: PxWeb reads every query body as JSON text. The bytes are
 * decoded by the type's charset when it names one (UTF-8 otherwise, a byte order mark dropped).
 */
export function jsonBody(bytes: Uint8Array, contentType: string | undefined): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new ApiError(415, `unknown charset "${charset}" in the Content-Type; send the query as UTF-8 JSON`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ApiError(400, `the body is not valid ${charset} text`);
  }
  if (text.trim() === "") throw new ApiError(400, 'the body is empty; send {"query": [...], "response": {...}}');
  // This API's own parser replaces the server's JSON parser, so it applies the same depth limit itself.
  checkJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Checks the body of a data query, naming what is wrong. */
export function parseV1Query(body: unknown): { query: DimensionQuery[]; format: Format } {
  if (typeof body !== "object" || body === null) throw new ApiError(400, "the body must be a JSON object");
  const { query, response } = body as { query?: unknown; response?: { format?: unknown } };
  if (!Array.isArray(query)) throw new ApiError(400, 'the body must have "query": [...]');
  const parsed = query.map((q, k): DimensionQuery => {
    const s = (q as { selection?: { filter?: unknown; values?: unknown } })?.selection;
    const code = (q as { code?: unknown })?.code;
    if (
      typeof code !== "string" ||
      typeof s?.filter !== "string" ||
      !Array.isArray(s.values) ||
      !s.values.every((v) => typeof v === "string")
    ) {
      throw new ApiError(400, `query[${k}] must be {"code": "…", "selection": {"filter": "…", "values": ["…"]}}`);
    }
    return { code, selection: { filter: s.filter, values: s.values as string[] } };
  });
  const name = response?.format === undefined ? "px" : response.format;
  const format = typeof name === "string" ? RESPONSE_FORMATS[name.toLowerCase()] : undefined;
  if (!format)
    throw new ApiError(
      400,
      `unsupported response format "${String(name)}" (${Object.keys(RESPONSE_FORMATS).join(", ")})`,
    );
  return { query: parsed, format };
}

export async function pxwebV1(app: FastifyInstance, options: PxWebV1Options): Promise<void> {
  const { cubes, languages } = options;
  const responses = new ResponseCache(options.responseCacheMb * 1024 * 1024);

  const languageOf = (request: FastifyRequest): string => {
    const lang = (request.params as { lang: string }).lang;
    if (!languages.includes(lang)) throw new ApiError(404, `unknown language "${lang}" (${languages.join(", ")})`);
    return lang;
  };

  // Every body is JSON text to this API, whatever its Content-Type (or none); see jsonBody.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request, body, done) => {
    try {
      done(null, jsonBody(body as Buffer, request.headers["content-type"]));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send({ error: error.message });
    const unavailable = storageProblem(error, request, reply);
    if (unavailable !== undefined) return reply.send({ error: unavailable });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: "too many calls, try again later" });
    // Fastify's own refusals (a Content-Type header it cannot read, a body over the limit…) keep their status.
    if (status >= 400 && status < 500) return reply.code(status).send({ error: (error as Error).message });
    app.log.error(error);
    return reply.code(500).send({ error: "internal error" });
  });

  const langParam = {
    type: "object",
    properties: { lang: { type: "string", description: `Language of texts: ${languages.join(", ")}` } },
  } as const;
  const pathParams = {
    type: "object",
    properties: {
      lang: langParam.properties.lang,
      "*": { type: "string", description: "database/folder/…/table" },
    },
  } as const;

  const versionQuery = { type: "object", properties: VERSION_QUERY_PROPERTIES } as const;

  const listDatabases = async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(request);
    if (isConfigRequest(request)) return apiConfig(options);
    const databases = await cubes.catalog.children(null);
    return sendCached(
      request,
      reply,
      databases.map((d) => ({ dbid: d.code, text: labelIn(d.label, lang) })),
    );
  };
  const rootSchema = {
    tags: ["PxWeb API v1"],
    summary: "Databases (with ?config: the API's limits)",
    params: langParam,
  };
  app.get("/api/v1/:lang/", { schema: rootSchema }, listDatabases);
  app.get("/api/v1/:lang", { schema: { ...rootSchema, hide: true } }, listDatabases);

  /**
   * The table's version the request reads: the current one, or the one `?version=N` or `?asOf=DATE` names (our
   * extension, docs/decisions/0009-versions.md; PxWeb clients send neither and get the current version).
   */
  const tableAt = async (request: FastifyRequest, tableId: string, lang: string): Promise<DescribedTable> => {
    const choice = versionChoice(request.query as Record<string, unknown>);
    if (!choice.ok) throw new ApiError(choice.refusal.status, choice.refusal.message[lang === "ru" ? "ru" : "en"]);
    // The metadata only: the cells a query needs come with cubes.select, a large table's from the tiles it touches.
    const table = await cubes.describedAt(tableId, choice.value);
    if (!table) throw new ApiError(404, `table "${tableId}" has no published version`);
    if (isRefusal(table)) throw new ApiError(table.status, table.message[lang === "ru" ? "ru" : "en"]);
    return table;
  };

  const locate = async (request: FastifyRequest) => {
    const path = ((request.params as { "*": string })["*"] ?? "").split("/").filter(Boolean);
    const node = await cubes.catalog.node(path);
    if (!node) throw new ApiError(404, `no database, folder or table at "${path.join("/")}"`);
    return node;
  };

  app.get(
    "/api/v1/:lang/*",
    {
      schema: {
        tags: ["PxWeb API v1"],
        summary: "A folder's contents, or a table's metadata (with ?config: the API's limits)",
        params: pathParams,
        querystring: versionQuery,
      },
    },
    async (request, reply) => {
      const lang = languageOf(request);
      if (isConfigRequest(request)) return apiConfig(options);
      const node = await locate(request);
      if (node.kind !== "table") {
        const children = await cubes.catalog.children(node.id);
        return sendCached(
          request,
          reply,
          children.map((c) => folderEntry(c, lang)),
        );
      }
      const table = await tableAt(request, node.code, lang);
      return sendCached(request, reply, tableMetadata(table.metadata, lang), `${node.code}@${table.info.version}`);
    },
  );

  app.post(
    "/api/v1/:lang/*",
    {
      schema: {
        tags: ["PxWeb API v1"],
        summary: "Query a table's data",
        description:
          'Body: {"query": [{"code": VARIABLE, "selection": {"filter": "item" | "all" | "top" | "vs:ID" | "agg:ID", "values": [...]}}], "response": {"format": "json" | "json-stat" | "json-stat2" | "csv" | "px" | "xlsx"}}. Variables left out are eliminated where they can be.',
        params: pathParams,
        querystring: versionQuery,
      },
    },
    async (request, reply: FastifyReply) => {
      const lang = languageOf(request);
      const node = await locate(request);
      if (node.kind !== "table") throw new ApiError(400, "data can only be queried from a table");
      const { query, format } = parseV1Query(request.body);
      const table = await tableAt(request, node.code, lang);
      const version = `${node.code}@${table.info.version}`;
      const key = `v1|${version}|${lang}|${format}|${JSON.stringify(query)}`;
      const response = await responses.getOrMake(key, async () => {
        const result = await cubes.select(table, query, { maxCells: Number.MAX_SAFE_INTEGER });
        if (!result) throw new ApiError(404, `table "${node.code}" has no published version`);
        if (!result.ok) {
          const message = lang === "ru" ? result.error.message.ru : result.error.message.en;
          throw new ApiError(result.error.code === "too-many-cells" ? 403 : 400, message);
        }
        const cells = result.dataset.values.length;
        if (cells > options.maxCells) {
          throw new ApiError(
            403,
            `too many values selected: ${cells} cells, at most ${options.maxCells} (see ?config)`,
          );
        }
        const ordered = [lang, ...table.metadata.languages.filter((l) => l !== lang)];
        const languagesToWrite = table.metadata.languages.includes(lang) ? ordered : table.metadata.languages;
        // json-stat2 as PxWeb writes it in both APIs (one serializer): with extension.px, which clients read, and
        // the same `updated` as API 2.0 (the table version's when the data has none).
        const updated = isoDateTime(result.dataset.updated) ?? isoDateTime(table.info.updated);
        const dated = updated ? { ...result.dataset, updated } : result.dataset;
        const bytes =
          format === "json-stat2"
            ? new TextEncoder().encode(
                JSON.stringify(toPxWebJsonStat2(dated, { lang, placement: defaultPlacement(dated) })),
              )
            : await encodeDataset(result.dataset, format, { languages: languagesToWrite });
        const extension = format === "csv-wide" ? "csv" : format.startsWith("json") ? "json" : format;
        return {
          body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          mediaType: FORMATS.find((f) => f.format === format)?.mediaType ?? "application/octet-stream",
          headers: { "content-disposition": `inline; filename="${node.code}.${extension}"` },
        };
      });
      for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
      return sendCached(request, reply, response.body, version, response.mediaType);
    },
  );
}
