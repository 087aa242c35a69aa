/**
 * The inventory's search in SQL, from a plan of query.ts: one statement gives the total, the page and the three
 * facets, so PGlite's single connection is held once per search.
 *
 * First, one round trip makes each unit's text-search query: the database's stemming of the word in English,
 * Russian and as written (a unit whose word is a stop word in English or Russian is dropped), widened by the words
 * of the dictionary (institution_lexeme, kept by triggers) that the unit's prefix, long word's beginning or typo
 * stands for. The queries then hold plain words only, which the GIN index answers without rechecking rows (prefix
 * and trigram matching on the institutions themselves cost 3–5 times as much at 100,000 entries, bench/README.md).
 *
 * Then `base` holds the institutions matching the text, with their rank and whether each facet's filter passes;
 * the page takes the rows passing all three, and each facet counts the rows passing the other two (a facet's own
 * filter would hide its alternatives).
 *
 * Rank: ts_rank over the units' queries (names and acronym weigh 1, summaries 0.4, the city 0.2), plus 0.2 where
 * the institution is in a country the query names, plus 1 for an acronym equal to the whole query. ts_rank_cd (cover
 * density) costs three times as much per row at 20,000 matches, and ordered the seed's results alike (the same
 * first ten for 10 of 15 sample queries, the others differing in the order of near equals). Typos are ranked by
 * the words they stand for, chosen by trigram similarity.
 */

import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import { COLUMNS } from "./interchange.ts";
import { planQuery, type QueryUnit, type SearchParams } from "./query.ts";
import type { LinkStatus } from "./schema.ts";
import type { CategoryId, Lang, StatusId, TopicId } from "./vocabulary.ts";

/** A unit with its text-search query as the database wrote it. */
interface PreparedUnit extends QueryUnit {
  readonly tsquery: string;
}

/** The row of an institution as the search returns it (timestamps as ISO texts, from JSON). */
export interface InstitutionRow {
  readonly id: string;
  readonly name_en: string | null;
  readonly name_ru: string | null;
  readonly name_original: string | null;
  readonly original_language: string | null;
  readonly acronym: string | null;
  readonly category: CategoryId;
  readonly status: StatusId;
  readonly country: string | null;
  readonly city: string | null;
  readonly city_ru: string | null;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly countries_of_activity: string[];
  readonly website: string | null;
  readonly source_url: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly summary_en: string | null;
  readonly summary_ru: string | null;
  readonly topics: TopicId[];
  readonly languages: string[];
  readonly created_at: string;
  readonly updated_at: string;
  readonly verified_at: string | null;
  readonly synthetic: boolean;
  readonly version: number;
  /** The website's last check (pages of a search only). */
  readonly link_status?: LinkStatus | null;
}

export interface FacetCount {
  readonly id: string;
  readonly count: number;
}

export interface SearchOutcome {
  readonly total: number;
  readonly rows: readonly InstitutionRow[];
  readonly facets: {
    readonly category: readonly FacetCount[];
    readonly country: readonly FacetCount[];
    readonly topic: readonly FacetCount[];
  };
}

/** The columns of a row: an entry's fields (as files have them) and its dates and version. */
const ROW_COLUMNS = sql.raw([...COLUMNS, "created_at", "updated_at", "version"].map((c) => `i.${c}`).join(", "));

/** The state of the website's last check, for the results list. */
const LINK_STATUS = sql.raw("(select l.status from link_check l where l.url = i.website) as link_status");

const tsq = (configuration: string, text: string) => sql`websearch_to_tsquery(${sql.lit(configuration)}, ${text})`;

/** Words of the dictionary (institution_lexeme) a query word stands for. */
const PREFIX_WORDS = 30;
const TYPO_WORDS = 5;
/** Trigram similarity of folded words from which one is taken for a typo of the other. */
const TYPO_SIMILARITY = 0.5;

/** A word of a text-search query: quoted, with quotes and backslashes doubled. */
export function lexemeQuery(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/**
 * One round trip: each unit's text-search query as the database makes it (its stemmers and stop words: a unit whose
 * word is a stop word in English or Russian is dropped), widened by the dictionary's words that the unit's prefix,
 * long word's beginning or typo stands for. Alternatives are listed once (English and Russian rules often agree).
 */
async function prepare(db: Kysely<Database>, units: readonly QueryUnit[]): Promise<PreparedUnit[]> {
  if (units.length === 0) return [];
  const columns = units.flatMap((u, k) => {
    const forms = (text: string) =>
      sql`array[${tsq("english", text)}::text, ${tsq("russian", text)}::text, ${tsq("simple", text)}::text]`;
    if (u.kind === "phrase") return [sql`${forms(`"${u.text}"`)} as ${sql.ref(`q${k}`)}`];
    const words = (kind: string, condition: RawBuilder<unknown>, order: RawBuilder<unknown>, limit: number) =>
      sql`array(select lexeme from institution_lexeme where ${condition} order by ${order} limit ${sql.lit(limit)}) as ${sql.ref(`${kind}${k}`)}`;
    const starting = (prefix: string) => sql`lexeme collate "C" like ${`${prefix}%`}`;
    return [
      sql`(case when numnode(${tsq("english", u.text)}) = 0 or numnode(${tsq("russian", u.text)}) = 0
        then array[]::text[] else ${forms(u.text)} end) as ${sql.ref(`q${k}`)}`,
      ...(u.prefix ? [words("p", starting(u.text), sql`length(lexeme), lexeme`, PREFIX_WORDS)] : []),
      ...(u.stemPrefix ? [words("s", starting(u.stemPrefix), sql`length(lexeme), lexeme`, PREFIX_WORDS)] : []),
      ...(u.typoOf
        ? [
            words(
              "t",
              sql`fold % ${u.typoOf} and similarity(fold, ${u.typoOf}) >= ${TYPO_SIMILARITY}`,
              sql`similarity(fold, ${u.typoOf}) desc, lexeme`,
              TYPO_WORDS,
            ),
          ]
        : []),
    ];
  });
  const { rows } = await sql<Record<string, string[]>>`select ${sql.join(columns)}`.execute(db);
  const row = rows[0] ?? {};
  const list = (key: string) => row[key] ?? [];
  return units.flatMap((u, k) => {
    const forms = list(`q${k}`).filter((q) => q !== "");
    if (forms.length === 0) return [];
    const expansions = [...list(`p${k}`), ...list(`s${k}`), ...list(`t${k}`)].map(lexemeQuery);
    const alternatives = [...new Set([...forms, ...expansions])].map((q) => (/^'[^']*'$/.test(q) ? q : `(${q})`));
    return [{ ...u, tsquery: alternatives.join(" | ") }];
  });
}

const textArray = (values: readonly string[]) => sql`${values}::text[]`;

/** Where a row matches the text: every positive unit in one of its ways, no negated one. */
function matchCondition(units: readonly PreparedUnit[]): RawBuilder<unknown> {
  const conditions = units.map((u) => {
    if (u.negated) return sql`not (i.search @@ ${u.tsquery}::tsquery)`;
    const ways = [sql`i.search @@ ${u.tsquery}::tsquery`];
    if (u.countries.length > 0) ways.push(sql`i.countries && ${textArray(u.countries)}`);
    if (u.topics.length > 0) ways.push(sql`i.topics && ${textArray(u.topics)}`);
    return sql`(${sql.join(ways, sql` or `)})`;
  });
  // Withdrawn entries (merged ones among them) are out of the list; their pages still answer.
  return sql.join([sql`i.status <> 'withdrawn'`, ...conditions], sql` and `);
}

function rankExpression(units: readonly PreparedUnit[], q: string): RawBuilder<number> {
  const positive = units.filter((u) => !u.negated);
  // A typed zero: a bare `0` in ORDER BY would name column 0 (a 500 for a search of only excluded words).
  if (positive.length === 0) return sql<number>`0::real`;
  const query = positive.map((u) => `(${u.tsquery})`).join(" | ");
  const named = [...new Set(positive.flatMap((u) => u.countries))];
  return sql<number>`(ts_rank(i.search, ${query}::tsquery)
    ${named.length > 0 ? sql`+ case when i.country = any(${textArray(named)}) then 0.2 else 0 end` : sql``}
    + case when lower(i.acronym) = ${q.toLowerCase()} then 1 else 0 end)`;
}

/** The name in `lang` (the other language's when missing), compared by the root collation. */
function nameOrder(lang: Lang, alias = "i"): RawBuilder<string> {
  const [first, second] = lang === "ru" ? ["name_ru", "name_en"] : ["name_en", "name_ru"];
  return sql<string>`coalesce(${sql.ref(`${alias}.${first}`)}, ${sql.ref(`${alias}.${second}`)}) collate "und-x-icu"`;
}

/**
 * ORDER BY of a search: `rank` is where the rank is, `alias` the row with the id and dates, and its name to sort
 * by (nameOrder of its names, or its `sort_name` column when it has one).
 */
function orderBy(
  params: Pick<SearchParams, "sort" | "lang">,
  rank: RawBuilder<unknown>,
  alias: string,
): RawBuilder<unknown> {
  const id = sql.ref(`${alias}.id`);
  const name = alias === "i" ? nameOrder(params.lang, alias) : sql.ref(`${alias}.sort_name`);
  // Both descending, so that the index on (updated_at, id) serves it read backwards.
  if (params.sort === "updated") return sql`${sql.ref(`${alias}.updated_at`)} desc, ${id} desc`;
  if (params.sort === "relevance") return sql`${rank} desc, ${name}, ${id}`;
  return sql`${name}, ${id}`;
}

interface Filters {
  readonly category: RawBuilder<boolean>;
  readonly country: RawBuilder<boolean>;
  readonly topic: RawBuilder<boolean>;
}

function filters(params: Pick<SearchParams, "categories" | "countries" | "topics">): Filters {
  const { categories, countries, topics } = params;
  return {
    category: categories.length === 0 ? sql<boolean>`true` : sql<boolean>`i.category = any(${textArray(categories)})`,
    country: countries.length === 0 ? sql<boolean>`true` : sql<boolean>`i.countries && ${textArray(countries)}`,
    topic: topics.length === 0 ? sql<boolean>`true` : sql<boolean>`i.topics && ${textArray(topics)}`,
  };
}

/** The inventory's version: a counter bumped by every change to the institutions (cached answers are keyed by it). */
export async function inventoryVersion(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom("inventory_state")
    .select(sql<string>`version::text`.as("version"))
    .executeTakeFirstOrThrow();
  return row.version;
}

/**
 * Total, one page and the facets of a search (without facets, empty lists: the page alone costs less). Without
 * words, the page comes straight from the table in name or date order, which its indexes give.
 */
export async function searchInstitutions(
  db: Kysely<Database>,
  params: SearchParams,
  options: { readonly facets?: boolean } = {},
): Promise<SearchOutcome> {
  const units = await prepare(db, planQuery(params.q));
  const f = filters(params);
  const offset = (params.page - 1) * params.pageSize;
  const facet = (query: RawBuilder<unknown>) =>
    options.facets === false
      ? sql`'[]'::json`
      : sql`(select coalesce(json_agg(json_build_array(x.id, x.n)), '[]'::json) from (${query}) x)`;
  const rank = params.sort === "relevance" ? rankExpression(units, params.q) : sql`0`;
  const page =
    units.length === 0
      ? sql`select ${ROW_COLUMNS}, ${LINK_STATUS}, 0 as rank, ${nameOrder(params.lang)} as sort_name from institution i
          where i.status <> 'withdrawn' and ${f.category} and ${f.country} and ${f.topic}
          order by ${orderBy({ lang: params.lang, sort: params.sort === "updated" ? "updated" : "name" }, sql``, "i")}
          limit ${params.pageSize} offset ${offset}`
      : sql`select ${ROW_COLUMNS}, ${LINK_STATUS}, top.rank, top.sort_name from (
          select b.id, b.rank, b.sort_name, b.updated_at from base b where b.fc and b.fn and b.ft
          order by ${orderBy(params, sql`b.rank`, "b")} limit ${params.pageSize} offset ${offset}
        ) top join institution i on i.id = top.id`;
  const { rows } = await sql<{
    total: number;
    items: (InstitutionRow & { rank: number; sort_name: string })[];
    category: [string, number][];
    country: [string, number][];
    topic: [string, number][];
  }>`
    with base as materialized (
      select i.category, i.countries, i.topics, ${f.category} as fc, ${f.country} as fn, ${f.topic} as ft
        ${units.length === 0 ? sql`` : sql`, i.id, ${rank} as rank, ${nameOrder(params.lang)} as sort_name, i.updated_at`}
      from institution i
      where ${matchCondition(units)}
    ),
    page as (${page})
    select
      (select count(*) from base where fc and fn and ft)::integer as total,
      (select coalesce(json_agg(p order by ${orderBy(params, sql`p.rank`, "p")}), '[]'::json) from page p) as items,
      ${facet(sql`select category as id, count(*)::integer as n from base where fn and ft group by category`)} as category,
      ${facet(sql`select id, count(*)::integer as n from (select unnest(countries) as id from base where fc and ft) c group by id`)} as country,
      ${facet(sql`select id, count(*)::integer as n from (select unnest(topics) as id from base where fc and fn) t group by id`)} as topic
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error("the search returned no row");
  const counts = (pairs: [string, number][]) => pairs.map(([id, count]) => ({ id, count }));
  return {
    total: row.total,
    rows: row.items.map(({ rank: _rank, sort_name: _name, ...item }) => withIsoTimes(item)),
    facets: { category: counts(row.category), country: counts(row.country), topic: counts(row.topic) },
  };
}

/** Every institution matching a search (no page, no facets), in its order: for exports and the map. */
export async function allMatching(
  db: Kysely<Database>,
  params: Omit<SearchParams, "page" | "pageSize">,
): Promise<InstitutionRow[]> {
  const units = await prepare(db, planQuery(params.q));
  const f = filters(params);
  const { rows } = await sql<InstitutionRow>`
    select ${ROW_COLUMNS}
    from institution i
    where ${matchCondition(units)} and ${f.category} and ${f.country} and ${f.topic}
    order by ${orderBy(params, rankExpression(units, params.q), "i")}
  `.execute(db);
  return rows.map(withIsoTimes);
}

/**
 * Timestamps as ISO texts in UTC: JSON from the database writes them in the session's time zone, pg and PGlite
 * read plain columns as Dates.
 */
function withIsoTimes(row: InstitutionRow): InstitutionRow {
  const iso = (t: string | Date) => new Date(t).toISOString();
  return {
    ...row,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    verified_at: row.verified_at === null ? null : iso(row.verified_at),
  };
}
