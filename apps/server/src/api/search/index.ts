/**
 * Search of the tables for the start page (table-index.ts):
 *   GET /api/search?q=&lang=&limit=   {language, query, total, results}: the tables whose title, variables or values
 *                                     (labels in any language, or codes) contain every word, best first, each with
 *                                     the matches that show why it was found, labelled in `lang`
 * The index follows the catalog's table versions; answers carry an ETag of the versions and the result.
 */

import type { FastifyInstance } from "fastify";
import { sendCached } from "../../http/caching.ts";
import { badRequest, sendProblems } from "../../http/problem.ts";
import type { CubeService } from "../../tables/cubes.ts";
import { type TableMetadata, TableSearchIndex } from "./table-index.ts";

export interface SearchApiOptions {
  readonly cubes: CubeService;
  /** The languages of the API, the first the default. */
  readonly languages: readonly string[];
}

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const matchSchema = {
  type: "object",
  properties: {
    kind: { type: "string", enum: ["title", "variable", "value"] },
    text: { type: "string", description: "The title, variable label or value label that matched" },
    variable: { type: "string", description: "The variable of a value" },
    variableCode: { type: "string", description: "The code of a value's variable" },
    valueCode: { type: "string", description: "The code of the value that matched" },
  },
} as const;

const resultSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    label: { type: "string", description: "The table's title" },
    updated: { type: "string", format: "date-time", nullable: true },
    illustrative: { type: "boolean", description: "Present (true) when the figures are illustrative demo data" },
    matches: { type: "array", items: matchSchema, description: "Why the table matched (a few)" },
  },
} as const;

export async function searchApi(app: FastifyInstance, options: SearchApiOptions): Promise<void> {
  const { cubes, languages } = options;
  const defaultLanguage = languages[0];
  if (defaultLanguage === undefined) throw new Error("the search needs at least one language");
  const index = new TableSearchIndex(
    async (versions) => (await cubes.metadata(versions)) as Map<string, TableMetadata>,
  );

  sendProblems(app);

  app.get(
    "/api/search",
    {
      schema: {
        tags: ["Search"],
        summary: "Search the tables by title, variables and values",
        description: `The tables in which every word of \`q\` occurs at the start of a word of the title, a variable's label or a value's label in any language, or of a code (table, variable or value); case- and accent-insensitive (ё = е), tolerant of word endings. Tables whose title matches come first, then those matching by a variable, then by a value. Texts are in \`lang\`, whatever the language of the query.`,
        querystring: {
          type: "object",
          properties: {
            q: { type: "string", description: `Words to search for (at most ${MAX_QUERY_LENGTH} characters)` },
            lang: {
              type: "string",
              description: `Language of the texts: ${languages.join(", ")} (default ${defaultLanguage})`,
            },
            limit: { type: "string", description: `Results to return, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})` },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              language: { type: "string" },
              query: { type: "string" },
              total: { type: "integer", description: "How many tables match (results holds at most `limit`)" },
              results: { type: "array", items: resultSchema },
            },
          },
        },
      },
    },
    async (request, reply) => {
      // The schema has made sure each parameter is one string.
      const query = request.query as { q?: string; lang?: string; limit?: string };
      const lang = query.lang === undefined || query.lang === "" ? defaultLanguage : query.lang;
      if (!languages.includes(lang)) throw badRequest(`unknown language "${lang}" (${languages.join(", ")})`);
      const q = (query.q ?? "").trim();
      if (q.length > MAX_QUERY_LENGTH) throw badRequest(`q is longer than ${MAX_QUERY_LENGTH} characters`);
      const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
      }
      await index.update(await cubes.catalog.tables());
      const results = index.search(q, lang);
      return sendCached(
        request,
        reply,
        { language: lang, query: q, total: results.length, results: results.slice(0, limit) },
        index.versionKey,
      );
    },
  );
}
