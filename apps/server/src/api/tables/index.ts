/**
 * The clearinghouse's own table API, beside the PxWeb ones: every version of a table stays readable.
 *   GET /api/tables/{id}/versions                   [{version, created, source, cells, current}], newest first
 *   GET /api/tables/{id}/versions/{n}?format=&lang= the whole version in any download format (default px)
 * A version never changes, so its download is cacheable for good.
 */

import { encodeDataset, FORMATS, isFormat } from "@clearinghouse/cube";
import type { FastifyInstance } from "fastify";
import { IMMUTABLE_CACHE_CONTROL, sendCached } from "../../http/caching.ts";
import { ID_PARAM, pathParams, wholeNumber } from "../../http/params.ts";
import { badRequest, notFound, sendProblems } from "../../http/problem.ts";
import type { CubeService } from "../../tables/cubes.ts";
import { listVersions } from "../../tables/repository.ts";

export interface TablesApiOptions {
  readonly cubes: CubeService;
  readonly languages: readonly string[];
}

export async function tablesApi(app: FastifyInstance, options: TablesApiOptions): Promise<void> {
  const { cubes } = options;

  sendProblems(app);

  const tags = ["Tables"];

  app.get(
    "/api/tables/:id/versions",
    { schema: { tags, summary: "Versions of a table, newest first", params: pathParams({ id: ID_PARAM }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const current = await cubes.catalog.table(id);
      if (!current) throw notFound(`no table "${id}"`);
      const versions = await listVersions(cubes.db, id);
      return sendCached(
        request,
        reply,
        versions.map((v) => ({
          version: v.version,
          created: new Date(v.created_at).toISOString(),
          source: v.source_name,
          cells: v.cell_count,
          current: v.version === current.version,
        })),
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
        throw badRequest(`unknown format "${format}" (${FORMATS.map((f) => f.format).join(", ")})`);
      if (query.lang !== undefined && !options.languages.includes(query.lang)) {
        throw badRequest(`unknown language "${query.lang}" (${options.languages.join(", ")})`);
      }
      const dataset = await cubes.version(id, n);
      if (!dataset) throw notFound(`table "${id}" has no version ${n}`);
      const lang = query.lang && dataset.languages.includes(query.lang) ? query.lang : undefined;
      const languages = lang ? [lang, ...dataset.languages.filter((l) => l !== lang)] : undefined;
      const bytes = await encodeDataset(dataset, format, languages ? { languages } : {});
      const media = FORMATS.find((f) => f.format === format)?.mediaType;
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return sendCached(request, reply, body, `${id}@${n}`, media, IMMUTABLE_CACHE_CONTROL);
    },
  );
}
