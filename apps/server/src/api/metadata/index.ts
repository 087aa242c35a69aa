/**
 * Country metadata, read-only (src/tables/country-metadata.ts): how each country produces each standard table.
 *   GET /api/metadata/countries?table=&reporter=&year=&lang=   {language, entries}, texts in one language
 * Editing waits for authentication: there is deliberately no write route; a seed fills the table through
 * `upsertCountryMetadata`.
 */

import { countryByCode, DEFAULT_REPORTERS, isTableId, TABLE_IDS } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { sendCached } from "../../http/caching.ts";
import { badRequest, problemOf, sendProblems } from "../../http/problem.ts";
import type { Database } from "../../storage/schema.ts";
import {
  type CountryMetadataEntry,
  type CountryMetadataFilter,
  listCountryMetadata,
  MAX_YEAR,
  type MetadataText,
  MIN_YEAR,
} from "../../tables/country-metadata.ts";
import type { CubeService } from "../../tables/cubes.ts";
import { API_MESSAGES } from "../messages.ts";

export interface CountryMetadataApiOptions {
  /** The database is `cubes.db`, unless `db` is given. */
  readonly cubes?: CubeService;
  readonly db?: Kysely<Database>;
  /** The languages of the API, the first the default; metadata texts exist in English and Russian. */
  readonly languages: readonly string[];
  /** The participating countries (default `DEFAULT_REPORTERS`). */
  readonly reporters?: readonly string[];
}

type Lang = keyof MetadataText;
const METADATA_LANGUAGES: readonly Lang[] = ["en", "ru"];

export interface CountryMetadataView {
  readonly reporter: string;
  readonly reporterName: string;
  readonly table: string;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly source: string;
  readonly definition: string;
  readonly coverage: string;
  readonly breaks: string | null;
  readonly deviations: string | null;
  readonly statelessInCitizenshipTable: boolean;
  readonly updated: string;
}

export function metadataView(entry: CountryMetadataEntry, lang: Lang): CountryMetadataView {
  return {
    reporter: entry.reporter,
    reporterName: countryByCode(entry.reporter)?.label[lang] ?? entry.reporter,
    table: entry.tableId,
    fromYear: entry.fromYear,
    toYear: entry.toYear,
    source: entry.source[lang],
    definition: entry.definition[lang],
    coverage: entry.coverage[lang],
    breaks: entry.breaks?.[lang] ?? null,
    deviations: entry.deviations?.[lang] ?? null,
    statelessInCitizenshipTable: entry.statelessInCitizenshipTable,
    updated: entry.updatedAt.toISOString(),
  };
}

const nullableString = { type: "string", nullable: true } as const;
const nullableYear = { type: "integer", nullable: true } as const;

export async function countryMetadataApi(app: FastifyInstance, options: CountryMetadataApiOptions): Promise<void> {
  const db = options.db ?? options.cubes?.db;
  if (!db) throw new Error("countryMetadataApi needs a database: give `cubes` or `db`");
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const languages = METADATA_LANGUAGES.filter((l) => options.languages.includes(l));
  const defaultLanguage = languages[0];
  if (defaultLanguage === undefined) throw new Error(`metadata has none of the languages ${options.languages}`);

  sendProblems(app);

  app.get(
    "/api/metadata/countries",
    {
      schema: {
        tags: ["Metadata"],
        summary: "Country metadata: sources, definitions, coverage, breaks and deviations per table",
        description:
          "How each participating country produces each standard table, per range of years where it changes: the data source, the definition of a long-term migrant actually used, coverage, breaks in series and deviations from the international recommendations. Sorted by table, reporter and first year.",
        querystring: {
          type: "object",
          properties: {
            table: { type: "string", description: `A standard table: ${TABLE_IDS.join(", ")}` },
            reporter: { type: "string", description: `A participating country: ${reporters.join(", ")}` },
            year: { type: "string", description: "Only the entries that apply to this year" },
            lang: {
              type: "string",
              description: `Language of the texts: ${languages.join(", ")} (default ${defaultLanguage})`,
            },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              language: { type: "string" },
              entries: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    reporter: { type: "string" },
                    reporterName: { type: "string" },
                    table: { type: "string" },
                    fromYear: nullableYear,
                    toYear: nullableYear,
                    source: { type: "string" },
                    definition: { type: "string" },
                    coverage: { type: "string" },
                    breaks: nullableString,
                    deviations: nullableString,
                    statelessInCitizenshipTable: { type: "boolean" },
                    updated: { type: "string", format: "date-time" },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const query = request.query as { table?: string; reporter?: string; year?: string; lang?: string };
      let lang = defaultLanguage;
      if (query.lang !== undefined && query.lang !== "") {
        const found = languages.find((l) => l === query.lang);
        if (!found) throw problemOf(400, API_MESSAGES.unknownLanguage(query.lang, languages));
        lang = found;
      }
      const filter: { -readonly [K in keyof CountryMetadataFilter]: CountryMetadataFilter[K] } = {};
      if (query.table !== undefined) {
        if (!isTableId(query.table)) throw badRequest(`unknown table "${query.table}" (${TABLE_IDS.join(", ")})`);
        filter.tableId = query.table;
      }
      if (query.reporter !== undefined) {
        if (!reporters.includes(query.reporter)) {
          throw badRequest(`"${query.reporter}" is not a participating country (${reporters.join(", ")})`);
        }
        filter.reporter = query.reporter;
      }
      if (query.year !== undefined) {
        const year = Number(query.year);
        if (!/^\d{4}$/.test(query.year) || year < MIN_YEAR || year > MAX_YEAR) {
          throw badRequest(`year must be a year from ${MIN_YEAR} to ${MAX_YEAR}, not "${query.year}"`);
        }
        filter.year = year;
      }
      const entries = await listCountryMetadata(db, filter);
      return sendCached(request, reply, { language: lang, entries: entries.map((e) => metadataView(e, lang)) });
    },
  );
}
