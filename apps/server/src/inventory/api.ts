/**
 * The inventory's read API:
 *   GET /api/inventory/institutions?q=&lang=&category=&country=&topic=&sort=&page=&pageSize=
 *       {total, items, facets}: a page of the institutions matching the search, and facet counts
 *   GET /api/inventory/institutions.geojson?…         the matching institutions that have a point, for the map
 *   GET /api/inventory/institutions/export.csv|.xlsx|.json?…   every matching institution, in the import's columns
 *   GET /api/inventory/institutions/{id}?lang=        one institution, both languages, with its history
 *   GET /api/inventory/topics?lang=                    the topics and categories with their labels
 * Suggestions, moderation, duplicates and link reports: moderation.ts (MODERATION-API.md).
 * Texts are in `lang` (default: the reader's Accept-Language, else English), refusals too: a problem document
 * naming the parameter. Answers carry an ETag (304 when unchanged) and may be cached for a minute.
 */

import { countryByCode } from "@clearinghouse/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { can } from "../auth/roles.ts";
import { sendCached } from "../http/caching.ts";
import { requestLanguage } from "../http/language.ts";
import { badRequest, notFound, sendProblems } from "../http/problem.ts";
import { type CachedResponse, ResponseCache } from "../http/response-cache.ts";
import type { Database } from "../storage/schema.ts";
import { encodeInstitutions, type FileFormat, MEDIA_TYPES } from "./files.ts";
import { identifierUrl, SCHEME_LABELS } from "./identifiers.ts";
import { apiMessages } from "./messages.ts";
import { type ModerationOptions, moderationApi } from "./moderation.ts";
import { contactsOf, identifiersOf, mergedInto, namesOf, relationshipsOf } from "./network-store.ts";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  ParameterProblem,
  parseSearchParams,
  type SearchParams,
  SORTS,
} from "./query.ts";
import { RELATION_LABELS } from "./relationships.ts";
import { exported, institutionDetail } from "./repository.ts";
import { CHANGE_KINDS, LINK_STATUSES } from "./schema.ts";
import { allMatching, type InstitutionRow, inventoryVersion, searchInstitutions } from "./search.ts";
import {
  CATEGORIES,
  CATEGORY_IDS,
  type CategoryId,
  type Lang,
  STATUS_IDS,
  STATUSES,
  TOPICS,
  topicById,
} from "./vocabulary.ts";

export interface InventoryApiOptions {
  readonly db: Kysely<Database>;
  /** Memory for answers kept until the inventory changes (default 16 MB; 0 turns the cache off). */
  readonly cacheMb?: number;
  /** Suggestions and moderation (MODERATION-API.md): the suggestion limit and the clock. */
  readonly moderation?: Omit<ModerationOptions, "db">;
}

const tags = ["Inventory of institutions"];

const countryName = (code: string | null, lang: Lang) => (code ? (countryByCode(code)?.label[lang] ?? code) : null);

/** A text in `lang`, or in the other language when it has none. */
const inLanguage = (lang: Lang, en: string | null, ru: string | null) => (lang === "ru" ? (ru ?? en) : (en ?? ru));

/** An institution in a list: texts in one language. */
function itemView(row: InstitutionRow, lang: Lang) {
  return {
    id: row.id,
    name: inLanguage(lang, row.name_en, row.name_ru),
    nameOriginal: row.name_original,
    acronym: row.acronym,
    category: row.category,
    status: row.status,
    country: row.country,
    countryName: countryName(row.country, lang),
    city: cityIn(lang, row),
    countriesOfActivity: row.countries_of_activity,
    website: row.website,
    summary: inLanguage(lang, row.summary_en, row.summary_ru),
    topics: row.topics,
    latitude: row.latitude,
    longitude: row.longitude,
    synthetic: row.synthetic,
    verifiedAt: row.verified_at,
    updatedAt: row.updated_at,
    linkStatus: row.link_status ?? null,
  };
}

/** The city in `lang`: Russian from city_ru, else the English (or Latin) name. */
const cityIn = (lang: Lang, row: { city: string | null; city_ru: string | null }) =>
  lang === "ru" ? (row.city_ru ?? row.city) : (row.city ?? row.city_ru);

// ——— OpenAPI schemas (the answers are serialized by sendCached; these document them) ———

const nullableString = { type: "string", nullable: true } as const;
const labelled = {
  type: "object",
  properties: { id: { type: "string" }, label: { type: "string" } },
} as const;
const facetSchema = {
  type: "array",
  items: {
    type: "object",
    properties: { id: { type: "string" }, label: { type: "string" }, count: { type: "integer" } },
  },
} as const;

const itemSchema = {
  type: "object",
  properties: {
    id: { type: "string", description: "Short stable id (slug)" },
    name: { type: "string", description: "Name in `lang` (in the other language when it has none in `lang`)" },
    nameOriginal: { ...nullableString, description: "Name in the institution's own language" },
    acronym: nullableString,
    category: { type: "string", enum: [...CATEGORY_IDS] },
    status: { type: "string", enum: [...STATUS_IDS], description: "Searches list active and inactive entries" },
    country: { ...nullableString, description: "Where it is: ISO 3166-1 alpha-3" },
    countryName: nullableString,
    city: { ...nullableString, description: "In `lang` (the other language's name when it has none)" },
    countriesOfActivity: { type: "array", items: { type: "string" }, description: "ISO alpha-3 codes" },
    website: nullableString,
    summary: nullableString,
    topics: { type: "array", items: { type: "string", enum: TOPICS.map((t) => t.id) } },
    latitude: { type: "number", nullable: true },
    longitude: { type: "number", nullable: true },
    synthetic: { type: "boolean", description: "Generated for tests, not a real institution" },
    verifiedAt: { ...nullableString, format: "date-time", description: "Null: not verified by the secretariat" },
    updatedAt: { type: "string", format: "date-time" },
    linkStatus: {
      type: "string",
      nullable: true,
      enum: [...LINK_STATUSES, null],
      description: "The website's last check (null: no website)",
    },
  },
} as const;

const filterProperties = {
  q: {
    type: "string",
    description: `Words to search for, at most ${MAX_QUERY_LENGTH} characters: every word must match the names, acronym, summaries or city in English, Russian or as written (any word ending; the last word also as a beginning), a name with a typo or in another transliteration, or name the country where the institution is or works ("Армения", "Kirgizstan") or one of its topics. "A phrase" matches in order; -word excludes.`,
  },
  lang: {
    type: "string",
    enum: ["en", "ru"],
    description: "Language of the texts (default: Accept-Language, else en)",
  },
  category: {
    type: "array",
    items: { type: "string", enum: [...CATEGORY_IDS] },
    description: "Categories (repeat or separate by commas; any of them)",
  },
  country: {
    type: "array",
    items: { type: "string" },
    description: "ISO alpha-3 countries where the institution is or works (any of them)",
  },
  topic: {
    type: "array",
    items: { type: "string", enum: TOPICS.map((t) => t.id) },
    description: "Topics (any of them)",
  },
  sort: {
    type: "string",
    enum: [...SORTS],
    description: "relevance (default with q), name (in lang; default without q), updated (newest first)",
  },
} as const;

const problemResponse = {
  description: "A parameter is refused (problem document naming it)",
  type: "object",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
  },
} as const;

/** Parameters are checked by parseSearchParams, with messages in the reader's language, not by the schema. */
const noSchemaValidation = () => () => true;

export async function inventoryApi(app: FastifyInstance, options: InventoryApiOptions): Promise<void> {
  const { db } = options;
  sendProblems(app);
  // Its own scope: its error handler adds the body's field at fault to problem documents.
  await app.register(moderationApi, { db, ...options.moderation });

  /** ?lang= checked (a 400 when it is not en or ru), else the reader's Accept-Language. */
  const checkedLanguage = (request: FastifyRequest): Lang => {
    const asked = (request.query as { lang?: unknown }).lang;
    const lang = requestLanguage(request);
    if (asked !== undefined && asked !== "" && asked !== lang) {
      throw badRequest((Array.isArray(asked) ? apiMessages.once("lang") : apiMessages.language(String(asked)))[lang]);
    }
    return lang;
  };

  // Searches are kept by the inventory's version, which every change bumps (a trigger), so an answer is never
  // stale; a repeated search (the first page, a popular word) costs one look-up of the version.
  const cache = new ResponseCache((options.cacheMb ?? 16) * 1024 * 1024);
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    make: () => Promise<CachedResponse>,
  ): Promise<FastifyReply> => {
    const version = await inventoryVersion(db);
    const { body, mediaType } = await cache.getOrMake(`${version} ${key}`, make);
    return sendCached(request, reply, body, version, mediaType);
  };
  const json = (value: unknown): CachedResponse => ({
    body: Buffer.from(JSON.stringify(value)),
    mediaType: "application/json; charset=utf-8",
  });

  /** The search's parameters, or a 400 in the reader's language naming the parameter. */
  const searchParams = (request: FastifyRequest): SearchParams => {
    try {
      return parseSearchParams(request.query as Record<string, unknown>, requestLanguage(request));
    } catch (error) {
      if (error instanceof ParameterProblem) throw badRequest(error.text[requestLanguage(request)]);
      throw error;
    }
  };

  app.get(
    "/api/inventory/institutions",
    {
      validatorCompiler: noSchemaValidation,
      schema: {
        tags,
        summary: "Search the institutions",
        description:
          "A page of the institutions matching the words and filters, best first with `q` (names weigh more than summaries), and facet counts: for each facet, how many of the institutions matching the query and the other facets' filters fall in each value (a facet's own filter does not narrow its counts). Filters combine with AND across facets and OR within one.",
        querystring: {
          type: "object",
          properties: {
            ...filterProperties,
            page: { type: "integer", minimum: 1, maximum: MAX_PAGE, description: "Page, from 1" },
            pageSize: {
              type: "integer",
              minimum: 1,
              maximum: MAX_PAGE_SIZE,
              description: `Items per page (default ${DEFAULT_PAGE_SIZE})`,
            },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              total: { type: "integer" },
              items: { type: "array", items: itemSchema },
              facets: {
                type: "object",
                properties: { category: facetSchema, country: facetSchema, topic: facetSchema },
              },
            },
          },
          400: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const params = searchParams(request);
      return answer(request, reply, `search ${JSON.stringify(params)}`, async () => {
        const { total, rows, facets } = await searchInstitutions(db, params);
        const { lang } = params;
        const collator = new Intl.Collator(lang);
        /** Counts, highest first, then by label; chosen values stay listed (count 0) so that they can be undone. */
        const facet = (
          counts: readonly { id: string; count: number }[],
          chosen: readonly string[],
          label: (id: string) => string,
        ) =>
          [...counts, ...chosen.filter((id) => !counts.some((c) => c.id === id)).map((id) => ({ id, count: 0 }))]
            .map((c) => ({ id: c.id, label: label(c.id), count: c.count }))
            .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
        return json({
          total,
          items: rows.map((r) => itemView(r, lang)),
          facets: {
            category: facet(facets.category, params.categories, (id) => CATEGORIES[id as CategoryId][lang]),
            country: facet(facets.country, params.countries, (id) => countryName(id, lang) ?? id),
            topic: facet(facets.topic, params.topics, (id) => topicById(id)?.label[lang] ?? id),
          },
        });
      });
    },
  );

  app.get(
    "/api/inventory/institutions.geojson",
    {
      validatorCompiler: noSchemaValidation,
      schema: {
        tags,
        summary: "The matching institutions as map points (GeoJSON)",
        description:
          "A GeoJSON FeatureCollection of the institutions matching the same words and filters that have a point (longitude, latitude: the approximate centre of their city where no address is known). Not paged; clustering is left to the map.",
        querystring: { type: "object", properties: filterProperties },
        response: {
          200: {
            type: "object",
            properties: {
              type: { type: "string", enum: ["FeatureCollection"] },
              features: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    type: { type: "string", enum: ["Feature"] },
                    id: { type: "string" },
                    geometry: {
                      type: "object",
                      properties: {
                        type: { type: "string", enum: ["Point"] },
                        coordinates: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
                      },
                    },
                    properties: {
                      type: "object",
                      properties: {
                        name: { type: "string" },
                        acronym: nullableString,
                        category: { type: "string" },
                        country: nullableString,
                        city: nullableString,
                        synthetic: { type: "boolean" },
                      },
                    },
                  },
                },
              },
            },
          },
          400: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const params = searchParams(request);
      return answer(request, reply, `map ${JSON.stringify(params)}`, async () => {
        const rows = await allMatching(db, params);
        const features = rows.flatMap((r) =>
          r.latitude === null || r.longitude === null
            ? []
            : [
                {
                  type: "Feature",
                  id: r.id,
                  geometry: { type: "Point", coordinates: [r.longitude, r.latitude] },
                  properties: {
                    name: inLanguage(params.lang, r.name_en, r.name_ru),
                    acronym: r.acronym,
                    category: r.category,
                    country: r.country,
                    city: r.city,
                    synthetic: r.synthetic,
                  },
                },
              ],
        );
        return {
          body: Buffer.from(JSON.stringify({ type: "FeatureCollection", features })),
          mediaType: "application/geo+json; charset=utf-8",
        };
      });
    },
  );

  const exportRoute = (format: FileFormat) =>
    app.get(
      `/api/inventory/institutions/export.${format}`,
      {
        validatorCompiler: noSchemaValidation,
        schema: {
          tags,
          summary: `The matching institutions as ${format.toUpperCase()}`,
          description:
            "Every institution matching the same words and filters, in the search's order, with the import's columns (both languages) and updated_at and version. In CSV, a text cell that a spreadsheet would take for a formula (= + - @ first) starts with an apostrophe, which an import takes off.",
          querystring: { type: "object", properties: filterProperties },
          response: { 400: problemResponse },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const params = searchParams(request);
        reply.header("content-disposition", `attachment; filename="institutions.${format}"`);
        return answer(request, reply, `${format} ${JSON.stringify(params)}`, async () => ({
          body: await encodeInstitutions((await allMatching(db, params)).map(exported), format),
          mediaType: MEDIA_TYPES[format],
        }));
      },
    );
  exportRoute("csv");
  exportRoute("xlsx");
  exportRoute("json");

  app.get(
    "/api/inventory/institutions/:id",
    {
      validatorCompiler: noSchemaValidation,
      schema: {
        tags,
        summary: "One institution, in both languages, with its history",
        params: { type: "object", properties: { id: { type: "string" } } },
        querystring: { type: "object", properties: { lang: filterProperties.lang } },
        response: {
          200: {
            type: "object",
            properties: {
              language: { type: "string" },
              id: { type: "string" },
              name: { type: "object", properties: { en: nullableString, ru: nullableString } },
              nameOriginal: nullableString,
              originalLanguage: nullableString,
              acronym: nullableString,
              category: labelled,
              country: {
                type: "object",
                nullable: true,
                properties: { code: { type: "string" }, name: { type: "string" } },
              },
              city: nullableString,
              address: nullableString,
              latitude: { type: "number", nullable: true },
              longitude: { type: "number", nullable: true },
              countriesOfActivity: {
                type: "array",
                items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
              },
              website: nullableString,
              email: nullableString,
              phone: nullableString,
              summary: { type: "object", properties: { en: nullableString, ru: nullableString } },
              topics: { type: "array", items: labelled },
              languages: { type: "array", items: { type: "string" } },
              createdAt: { type: "string", format: "date-time" },
              updatedAt: { type: "string", format: "date-time" },
              verifiedAt: { ...nullableString, format: "date-time" },
              verifiedBy: { type: "string", description: "Who checked it last (editors only)" },
              status: labelled,
              cityNames: { type: "object", properties: { en: nullableString, ru: nullableString } },
              sourceUrl: { ...nullableString, description: "The public page the facts come from" },
              names: {
                type: "array",
                description: "Further names: official (other languages), short, acronym, former",
                items: {
                  type: "object",
                  properties: { type: { type: "string" }, lang: { type: "string" }, name: { type: "string" } },
                },
              },
              identifiers: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    scheme: { type: "string", enum: ["ror", "wikidata", "national"] },
                    label: { type: "string" },
                    value: { type: "string" },
                    url: nullableString,
                  },
                },
              },
              relationships: {
                type: "array",
                description: "What each related entry is to this one (the other lists the reciprocal)",
                items: {
                  type: "object",
                  properties: {
                    type: { type: "string", enum: ["parent", "child", "predecessor", "successor", "related"] },
                    label: { type: "string" },
                    id: { type: "string" },
                    name: nullableString,
                    status: { type: "string" },
                  },
                },
              },
              mergedFrom: {
                type: "array",
                description: "Entries merged into this one (their addresses redirect here)",
                items: { type: "object", properties: { id: { type: "string" }, name: nullableString } },
              },
              contacts: {
                type: "array",
                description:
                  "You may want to contact: active entries sharing a topic, in the same or a neighbouring country",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    name: { type: "string" },
                    sharedTopics: { type: "array", items: labelled },
                    countries: { type: "array", items: { type: "object" } },
                    neighbouring: { type: "boolean", description: "Only in a neighbouring country" },
                  },
                },
              },
              synthetic: { type: "boolean" },
              version: { type: "integer" },
              link: {
                type: "object",
                nullable: true,
                description: "The last check of the website",
                properties: {
                  status: { type: "string", enum: [...LINK_STATUSES] },
                  httpCode: { type: "integer", nullable: true },
                  checkedAt: { ...nullableString, format: "date-time" },
                },
              },
              history: {
                type: "array",
                description: "Versions, newest first",
                items: {
                  type: "object",
                  properties: {
                    version: { type: "integer" },
                    kind: { type: "string", enum: [...CHANGE_KINDS] },
                    at: { type: "string", format: "date-time" },
                    reason: nullableString,
                  },
                },
              },
            },
          },
          301: {
            description: "A merged entry: Location is the entry it went into",
            type: "object",
            properties: { id: { type: "string" }, mergedInto: { type: "string" } },
          },
          404: problemResponse,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const lang = checkedLanguage(request);
      const detail = await institutionDetail(db, id);
      if (!detail) throw notFound(apiMessages.notFound(id)[lang]);
      const { row, history, link } = detail;
      // A merged entry redirects to the one it went into (its history stays at …/history).
      if (row.merged_into) {
        return reply
          .code(301)
          .header("location", `/api/inventory/institutions/${encodeURIComponent(row.merged_into)}?lang=${lang}`)
          .header("cache-control", "public, max-age=60")
          .send({ id: row.id, mergedInto: row.merged_into });
      }
      const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
      const nameOf = (r: { name_en: string | null; name_ru: string | null }) => inLanguage(lang, r.name_en, r.name_ru);
      const [relationships, identifiers, names, merged, contacts] = await Promise.all([
        relationshipsOf(db, id),
        identifiersOf(db, id),
        namesOf(db, id),
        mergedInto(db, id),
        contactsOf(db, id, lang),
      ]);
      const verifier =
        row.verified_by !== null && can(request.user, "inventory:moderate")
          ? await db.selectFrom("app_user").select("name").where("id", "=", row.verified_by).executeTakeFirst()
          : undefined;
      return sendCached(request, reply, {
        language: lang,
        id: row.id,
        name: { en: row.name_en, ru: row.name_ru },
        nameOriginal: row.name_original,
        originalLanguage: row.original_language,
        acronym: row.acronym,
        category: { id: row.category, label: CATEGORIES[row.category][lang] },
        status: { id: row.status, label: STATUSES[row.status][lang] },
        country: row.country ? { code: row.country, name: countryName(row.country, lang) } : null,
        city: cityIn(lang, row),
        cityNames: { en: row.city, ru: row.city_ru },
        sourceUrl: row.source_url,
        address: row.address,
        latitude: row.latitude,
        longitude: row.longitude,
        countriesOfActivity: row.countries_of_activity.map((code) => ({ code, name: countryName(code, lang) })),
        website: row.website,
        email: row.email,
        phone: row.phone,
        summary: { en: row.summary_en, ru: row.summary_ru },
        topics: row.topics.map((t) => ({ id: t, label: topicById(t)?.label[lang] ?? t })),
        languages: row.languages,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
        verifiedAt: iso(row.verified_at),
        // Who checked it: for editors only (an account is never public).
        ...(verifier ? { verifiedBy: verifier.name } : {}),
        synthetic: row.synthetic,
        names: names.map((n) => ({ ...n })),
        identifiers: identifiers.map((i) => ({
          scheme: i.scheme,
          label: SCHEME_LABELS[i.scheme][lang],
          value: i.value,
          url: identifierUrl(i.scheme, i.value),
        })),
        relationships: relationships.map((r) => ({
          type: r.type,
          label: RELATION_LABELS[r.type][lang],
          id: r.id,
          name: nameOf(r),
          status: r.status,
        })),
        mergedFrom: merged.map((m) => ({ id: m.id, name: nameOf(m) })),
        contacts: contacts.map((c) => ({
          id: c.id,
          name: c.name,
          sharedTopics: c.sharedTopics.map((t) => ({ id: t, label: topicById(t)?.label[lang] ?? t })),
          countries: [...c.sameCountries, ...c.neighbouringCountries].map((code) => ({
            code,
            name: countryName(code, lang),
          })),
          neighbouring: c.sameCountries.length === 0,
        })),
        version: row.version,
        link: link && { status: link.status, httpCode: link.httpCode, checkedAt: iso(link.checkedAt) },
        history: history.map((h) => ({ version: h.version, kind: h.kind, at: iso(h.at), reason: h.reason })),
      });
    },
  );

  app.get(
    "/api/inventory/topics",
    {
      validatorCompiler: noSchemaValidation,
      schema: {
        tags,
        summary: "The topics and categories of institutions, with their labels",
        querystring: { type: "object", properties: { lang: filterProperties.lang } },
        response: {
          200: {
            type: "object",
            properties: {
              language: { type: "string" },
              topics: { type: "array", items: labelled },
              categories: { type: "array", items: labelled },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const lang = checkedLanguage(request);
      return sendCached(request, reply, {
        language: lang,
        topics: TOPICS.map((t) => ({ id: t.id, label: t.label[lang] })),
        categories: CATEGORY_IDS.map((id) => ({ id, label: CATEGORIES[id][lang] })),
      });
    },
  );
}
