/**
 * The practical guide's bilingual glossary (`@clearinghouse/domain`), in one language per response:
 *   GET /api/glossary?lang=&q=&table=   {language, terms}: every term sorted by name in the language, or with `q` the
 *                                       matching terms best first; `table` keeps the terms a standard table uses
 *   GET /api/glossary/{id}?lang=        one term
 * A term: {id, term, definition, source, related: [{id, term}], tables, indicators, category}. The glossary ships with the
 * code, so a response changes only with a new release; it is cached like other published responses (ETag, 304).
 */

import {
  GLOSSARY_CATEGORIES,
  GLOSSARY_TABLE_IDS,
  GLOSSARY_TERMS,
  type GlossaryLang,
  type GlossaryTerm,
  glossaryTerm,
  searchGlossary,
} from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { sendCached } from "../../http/caching.ts";
import { badRequest, notFound, sendProblems } from "../../http/problem.ts";

export interface GlossaryApiOptions {
  /** The languages of the API, the first the default; the glossary answers in those it has (English, Russian). */
  readonly languages: readonly string[];
}

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

const GLOSSARY_LANGUAGES: readonly GlossaryLang[] = ["en", "ru"];

export interface GlossaryTermView {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  /** The document the definition follows, as a citation. */
  readonly source: string;
  readonly related: readonly { readonly id: string; readonly term: string }[];
  readonly tables: readonly string[];
  readonly indicators: readonly string[];
  readonly category: string;
}

/** A term in one language, its related terms named in that language. */
export function termView(term: GlossaryTerm, lang: GlossaryLang): GlossaryTermView {
  return {
    id: term.id,
    term: term.term[lang],
    definition: term.definition[lang],
    source: term.source[lang],
    related: term.related.flatMap((id) => {
      const other = glossaryTerm(id);
      return other ? [{ id, term: other.term[lang] }] : [];
    }),
    tables: term.tables,
    indicators: term.indicators,
    category: term.category,
  };
}

const termSchema = {
  type: "object",
  properties: {
    id: { type: "string", description: "Stable kebab-case id" },
    term: { type: "string" },
    definition: { type: "string" },
    source: { type: "string", description: "The document the definition follows, as a citation" },
    related: {
      type: "array",
      items: { type: "object", properties: { id: { type: "string" }, term: { type: "string" } } },
    },
    tables: { type: "array", items: { type: "string", enum: [...GLOSSARY_TABLE_IDS] } },
    indicators: { type: "array", items: { type: "string" } },
    category: { type: "string", enum: [...GLOSSARY_CATEGORIES] },
  },
} as const;

export async function glossaryApi(app: FastifyInstance, options: GlossaryApiOptions): Promise<void> {
  const languages = GLOSSARY_LANGUAGES.filter((l) => options.languages.includes(l));
  const defaultLanguage = languages[0];
  if (defaultLanguage === undefined) throw new Error(`the glossary has none of the languages ${options.languages}`);
  const collators = new Map(languages.map((l) => [l, new Intl.Collator(l, { sensitivity: "base" })]));

  sendProblems(app);

  const language = (lang: string | undefined): GlossaryLang => {
    if (lang === undefined || lang === "") return defaultLanguage;
    const found = languages.find((l) => l === lang);
    if (!found) throw badRequest(`unknown language "${lang}" (${languages.join(", ")})`);
    return found;
  };

  const tags = ["Glossary"];
  const langParam = {
    type: "string",
    description: `Language of the texts: ${languages.join(", ")} (default ${defaultLanguage})`,
  } as const;

  app.get(
    "/api/glossary",
    {
      schema: {
        tags,
        summary: "Glossary terms: all, searched or used by a table",
        description:
          "Every term sorted by its name in the language; with `q`, the terms matching the words best first (case- and accent-insensitive, word endings and one typo tolerated); with `table`, only the terms that standard table uses.",
        querystring: {
          type: "object",
          properties: {
            lang: langParam,
            q: { type: "string", description: `Words to search for (at most ${MAX_QUERY_LENGTH} characters)` },
            table: { type: "string", description: `A standard table: ${GLOSSARY_TABLE_IDS.join(", ")}` },
          },
        },
        response: {
          200: {
            type: "object",
            properties: { language: { type: "string" }, terms: { type: "array", items: termSchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const query = request.query as { lang?: string; q?: string; table?: string };
      const lang = language(query.lang);
      const q = query.q?.trim() ?? "";
      if (q.length > MAX_QUERY_LENGTH) throw badRequest(`q is longer than ${MAX_QUERY_LENGTH} characters`);
      const table = query.table;
      if (table !== undefined && !(GLOSSARY_TABLE_IDS as readonly string[]).includes(table)) {
        throw badRequest(`unknown table "${table}" (${GLOSSARY_TABLE_IDS.join(", ")})`);
      }
      const collator = collators.get(lang) as Intl.Collator;
      let terms =
        q === ""
          ? [...GLOSSARY_TERMS].sort((a, b) => collator.compare(a.term[lang], b.term[lang]) || (a.id < b.id ? -1 : 1))
          : searchGlossary(GLOSSARY_TERMS, q, lang).map((r) => r.term);
      if (table !== undefined) terms = terms.filter((t) => (t.tables as readonly string[]).includes(table));
      return sendCached(request, reply, { language: lang, terms: terms.map((t) => termView(t, lang)) }, "glossary");
    },
  );

  app.get(
    "/api/glossary/:id",
    {
      schema: {
        tags,
        summary: "One glossary term",
        params: { type: "object", properties: { id: { type: "string", description: "The term's id" } } },
        querystring: { type: "object", properties: { lang: langParam } },
        response: {
          200: { type: "object", properties: { language: { type: "string" }, ...termSchema.properties } },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const lang = language((request.query as { lang?: string }).lang);
      const term = glossaryTerm(id);
      if (!term) throw notFound(`no glossary term "${id}"`);
      return sendCached(request, reply, { language: lang, ...termView(term, lang) }, "glossary");
    },
  );
}
