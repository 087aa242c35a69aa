/**
 * Country metadata: how each participating country produces each standard table — data source, the definition of a
 * long-term migrant actually used, coverage, breaks in series, deviations from the international recommendations —
 * for a range of years where it changes (TABLES.md, "Comparability across countries").
 *
 * Key: reporter, table and the first year of the range (null: from the start of the series). The ranges of one
 * reporter and table never overlap, so for any year at most one entry applies, and an entry is identified by where
 * it starts: writing an entry with the same start replaces it. The database keys on `coalesce(from_year, 0)`
 * (`from_key`); the non-overlap is checked here, under a table lock, in the writing transaction.
 *
 * Writes are validated whole before anything is stored, and a batch lands in one transaction or not at all.
 */

import { DEFAULT_REPORTERS, isTableId, TABLE_IDS, type TableId, tableDecl } from "@clearinghouse/domain";
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../storage/schema.ts";
import { inTransaction } from "../storage/transactions.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A text in both working languages. */
export interface MetadataText {
  readonly en: string;
  readonly ru: string;
}

export const METADATA_TEXT_FIELDS = ["source", "definition", "coverage", "breaks", "deviations"] as const;
export type MetadataTextField = (typeof METADATA_TEXT_FIELDS)[number];
/** Texts every entry must have; the others are null when there is nothing to say (no break, no deviation). */
const REQUIRED_TEXTS: readonly MetadataTextField[] = ["source", "definition", "coverage"];

/** One entry as stored. */
export interface CountryMetadataEntry {
  readonly reporter: string;
  readonly tableId: TableId;
  /** First year the entry applies to; null: from the start of the series. */
  readonly fromYear: number | null;
  /** Last year the entry applies to; null: until further notice. */
  readonly toYear: number | null;
  /** Data source (population register, residence permits, border statistics, census, survey). */
  readonly source: MetadataText;
  /** The definition actually used (for flows: of a long-term migrant). */
  readonly definition: MetadataText;
  readonly coverage: MetadataText;
  /** Breaks in series, or null when there is none. */
  readonly breaks: MetadataText | null;
  /** Deviations from the international recommendations, or null when there is none. */
  readonly deviations: MetadataText | null;
  /** Table 2.2 (or another table by country of citizenship) includes stateless persons. */
  readonly statelessInCitizenshipTable: boolean;
  readonly updatedAt: Date;
}

/** One entry to write. Optional fields default to null (years, breaks, deviations) and false. */
export interface CountryMetadataInput {
  readonly reporter: string;
  readonly tableId: string;
  readonly fromYear?: number | null;
  readonly toYear?: number | null;
  readonly source: MetadataText;
  readonly definition: MetadataText;
  readonly coverage: MetadataText;
  readonly breaks?: MetadataText | null;
  readonly deviations?: MetadataText | null;
  readonly statelessInCitizenshipTable?: boolean;
}

/** What is wrong with one field of one entry of a write. */
export interface CountryMetadataIssue {
  /** Position of the entry in the batch. */
  readonly index: number;
  /** The field, as named in `CountryMetadataInput`: "reporter", "fromYear", "source.ru", … */
  readonly field: string;
  readonly message: string;
}

/** A write refused: every issue found, each naming its entry and field. Nothing was stored. */
export class CountryMetadataError extends Error {
  constructor(readonly issues: readonly CountryMetadataIssue[]) {
    super(`country metadata refused: ${issues.map((i) => `entry ${i.index} ${i.field}: ${i.message}`).join("; ")}`);
    this.name = "CountryMetadataError";
  }
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export interface CountryMetadataOptions {
  /** The participating countries (alpha-3); default `DEFAULT_REPORTERS`. */
  readonly reporters?: readonly string[];
}

/** Tables whose own dimension is the country of citizenship: the only ones that can include stateless persons. */
const CITIZENSHIP_TABLES: readonly TableId[] = TABLE_IDS.filter((id) =>
  tableDecl(id).own.some((d) => d.code === "citizenship"),
);

// ── Validation (pure) ───────────────────────────────────────────────────────────────────────────────────────────

const LANGUAGE_NAMES = { en: "English", ru: "Russian" } as const;

function checkText(
  value: unknown,
  field: MetadataTextField,
  required: boolean,
  issue: (field: string, message: string) => void,
): MetadataText | null {
  if (value === undefined || value === null) {
    if (required) issue(field, "is missing: give the text in English (en) and Russian (ru)");
    return null;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    issue(field, 'must be an object {"en": "…", "ru": "…"}');
    return null;
  }
  const texts = value as Record<string, unknown>;
  let ok = true;
  for (const lang of ["en", "ru"] as const) {
    const text = texts[lang];
    if (typeof text !== "string" || text.trim() === "") {
      issue(`${field}.${lang}`, `the ${LANGUAGE_NAMES[lang]} text is missing or empty`);
      ok = false;
    }
  }
  return ok ? { en: String(texts.en).trim(), ru: String(texts.ru).trim() } : null;
}

function checkYear(value: unknown, field: string, issue: (field: string, message: string) => void): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    issue(field, `must be a whole year from ${MIN_YEAR} to ${MAX_YEAR} or null, not ${JSON.stringify(value)}`);
    return null;
  }
  return value;
}

export type ValidatedEntry = Omit<CountryMetadataEntry, "updatedAt">;

/**
 * Checks one entry to write: the reporter is a participating country, the table one of the 12, the year range
 * ordered, source, definition and coverage present in English and Russian, breaks and deviations either null or
 * present in both. Returns the entry ready to store, or the issues (each naming the field).
 */
export function validateCountryMetadata(
  input: unknown,
  index = 0,
  options: CountryMetadataOptions = {},
): { entry?: ValidatedEntry; issues: CountryMetadataIssue[] } {
  const issues: CountryMetadataIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ index, field, message });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    issue("(entry)", "must be an object");
    return { issues };
  }
  const v = input as Record<string, unknown>;
  const reporters = options.reporters ?? DEFAULT_REPORTERS;
  const reporter = v.reporter;
  if (typeof reporter !== "string" || !reporters.includes(reporter)) {
    issue("reporter", `${JSON.stringify(reporter)} is not a participating country (${reporters.join(", ")})`);
  }
  const tableId = v.tableId;
  const knownTable = typeof tableId === "string" && isTableId(tableId);
  if (!knownTable) issue("tableId", `${JSON.stringify(tableId)} is not a standard table (${TABLE_IDS.join(", ")})`);
  const fromYear = checkYear(v.fromYear, "fromYear", issue);
  const toYear = checkYear(v.toYear, "toYear", issue);
  if (fromYear !== null && toYear !== null && fromYear > toYear) {
    issue("toYear", `the range ends (${toYear}) before it starts (fromYear ${fromYear})`);
  }
  const texts: Partial<Record<MetadataTextField, MetadataText | null>> = {};
  for (const field of METADATA_TEXT_FIELDS)
    texts[field] = checkText(v[field], field, REQUIRED_TEXTS.includes(field), issue);
  const stateless = v.statelessInCitizenshipTable ?? false;
  if (typeof stateless !== "boolean") issue("statelessInCitizenshipTable", "must be true or false");
  else if (stateless && knownTable && !(CITIZENSHIP_TABLES as readonly string[]).includes(tableId)) {
    issue(
      "statelessInCitizenshipTable",
      `only a table by country of citizenship (${CITIZENSHIP_TABLES.join(", ")}) can include stateless persons, not ${tableId}`,
    );
  }
  if (issues.length > 0) return { issues };
  const { source, definition, coverage } = texts;
  if (!source || !definition || !coverage) return { issues }; // unreachable: a missing text is an issue
  return {
    entry: {
      reporter: reporter as string,
      tableId: tableId as TableId,
      fromYear,
      toYear,
      source,
      definition,
      coverage,
      breaks: texts.breaks ?? null,
      deviations: texts.deviations ?? null,
      statelessInCitizenshipTable: stateless as boolean,
    },
    issues,
  };
}

/** "2011–", "–2010", "2011–2015", "all years": a range as people read it. */
export function formatYearRange(fromYear: number | null, toYear: number | null): string {
  if (fromYear === null && toYear === null) return "all years";
  if (fromYear !== null && fromYear === toYear) return String(fromYear);
  return `${fromYear ?? ""}–${toYear ?? ""}`;
}

interface Range {
  readonly fromYear: number | null;
  readonly toYear: number | null;
}

const overlaps = (a: Range, b: Range): boolean =>
  (a.fromYear ?? Number.NEGATIVE_INFINITY) <= (b.toYear ?? Number.POSITIVE_INFINITY) &&
  (b.fromYear ?? Number.NEGATIVE_INFINITY) <= (a.toYear ?? Number.POSITIVE_INFINITY);

const fromKey = (r: Range): number => r.fromYear ?? 0;
const pairKey = (e: { reporter: string; tableId: string }): string => `${e.reporter}\u0000${e.tableId}`;

/** Within a batch: one entry per reporter, table and first year, and no overlapping ranges. */
export function overlappingEntries(entries: readonly ValidatedEntry[]): CountryMetadataIssue[] {
  const batchIssues: CountryMetadataIssue[] = [];
  for (const [i, a] of entries.entries()) {
    for (let j = 0; j < i; j++) {
      const b = entries[j];
      if (!b || pairKey(a) !== pairKey(b) || !overlaps(a, b)) continue;
      const what = fromKey(a) === fromKey(b) ? "starts in the same year as" : "overlaps";
      batchIssues.push({
        index: i,
        field: "fromYear",
        message: `${a.reporter} ${a.tableId} ${formatYearRange(a.fromYear, a.toYear)} ${what} entry ${j} (${formatYearRange(b.fromYear, b.toYear)})`,
      });
    }
  }
  return batchIssues;
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface CountryMetadataFilter {
  readonly tableId?: string;
  readonly reporter?: string;
  /** Only the entries whose range contains this year. */
  readonly year?: number;
}

const tableOrder = new Map<string, number>(TABLE_IDS.map((id, i) => [id, i]));

type Row = Awaited<ReturnType<typeof selectRows>>[number];

function selectRows(db: Db, filter: CountryMetadataFilter) {
  let query = db
    .selectFrom("country_metadata")
    .select([
      "reporter",
      "table_id",
      "from_year",
      "to_year",
      "source",
      "definition",
      "coverage",
      "breaks",
      "deviations",
      "stateless_in_citizenship_table",
      "updated_at",
    ]);
  if (filter.tableId !== undefined) query = query.where("table_id", "=", filter.tableId);
  if (filter.reporter !== undefined) query = query.where("reporter", "=", filter.reporter);
  const year = filter.year;
  if (year !== undefined) {
    query = query
      .where((eb) => eb.or([eb("from_year", "is", null), eb("from_year", "<=", year)]))
      .where((eb) => eb.or([eb("to_year", "is", null), eb("to_year", ">=", year)]));
  }
  return query.execute();
}

const bilingual = (t: { en: string; ru: string }): MetadataText => ({ en: t.en, ru: t.ru });

function entryOf(row: Row): CountryMetadataEntry {
  return {
    reporter: row.reporter,
    tableId: row.table_id as TableId,
    fromYear: row.from_year,
    toYear: row.to_year,
    source: bilingual(row.source),
    definition: bilingual(row.definition),
    coverage: bilingual(row.coverage),
    breaks: row.breaks ? bilingual(row.breaks) : null,
    deviations: row.deviations ? bilingual(row.deviations) : null,
    statelessInCitizenshipTable: row.stateless_in_citizenship_table,
    updatedAt: new Date(row.updated_at),
  };
}

/** Entries matching the filter, in table order (T1_1 … T7_2), then by reporter, then by first year (open first). */
export async function listCountryMetadata(db: Db, filter: CountryMetadataFilter = {}): Promise<CountryMetadataEntry[]> {
  const rows = await selectRows(db, filter);
  return rows
    .map(entryOf)
    .sort(
      (a, b) =>
        (tableOrder.get(a.tableId) ?? 99) - (tableOrder.get(b.tableId) ?? 99) ||
        (a.reporter < b.reporter ? -1 : a.reporter > b.reporter ? 1 : 0) ||
        fromKey(a) - fromKey(b),
    );
}

/** The entries of one table, every reporter (optionally only those applying to `year`). */
export function countryMetadataForTable(db: Db, tableId: string, year?: number): Promise<CountryMetadataEntry[]> {
  return listCountryMetadata(db, year === undefined ? { tableId } : { tableId, year });
}

/** The entries of one reporter, every table (optionally only those applying to `year`). */
export function countryMetadataForReporter(db: Db, reporter: string, year?: number): Promise<CountryMetadataEntry[]> {
  return listCountryMetadata(db, year === undefined ? { reporter } : { reporter, year });
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface UpsertOptions extends CountryMetadataOptions {
  /**
   * The batch is the whole metadata of each reporter and table it names: their other entries are deleted (a seed
   * that changes where ranges start). Default false: other entries stay, and must not overlap the batch.
   */
  readonly replace?: boolean;
  /** Time of the write (default now). */
  readonly now?: Date;
}

/**
 * Writes entries in one transaction (the caller's, when `db` is one): each one replaces the stored entry with the same reporter, table and first
 * year, or is added. Throws `CountryMetadataError` (nothing stored) when an entry is invalid or when two ranges of
 * one reporter and table would overlap. Returns the entries as stored.
 */
export async function upsertCountryMetadata(
  db: Db,
  inputs: readonly CountryMetadataInput[],
  options: UpsertOptions = {},
): Promise<CountryMetadataEntry[]> {
  const issues: CountryMetadataIssue[] = [];
  const entries: ValidatedEntry[] = [];
  for (const [index, input] of inputs.entries()) {
    const result = validateCountryMetadata(input, index, options);
    issues.push(...result.issues);
    if (result.entry) entries.push(result.entry);
  }
  if (issues.length > 0) throw new CountryMetadataError(issues);
  if (entries.length === 0) return [];

  const batchIssues = overlappingEntries(entries);
  if (batchIssues.length > 0) throw new CountryMetadataError(batchIssues);

  const updatedAt = options.now ?? new Date();
  const pairs = [...new Map(entries.map((e) => [pairKey(e), [e.reporter, e.tableId] as const])).values()];
  await inTransaction(db, async (tx) => {
    // One writer at a time, so two batches cannot both pass the overlap check; readers are not blocked.
    await sql`lock table country_metadata in share row exclusive mode`.execute(tx);
    const samePair = (eb: ExpressionBuilder<Database, "country_metadata">) =>
      eb(
        eb.refTuple("reporter", "table_id"),
        "in",
        pairs.map(([reporter, tableId]) => eb.tuple(reporter, tableId)),
      );
    if (options.replace) {
      await tx.deleteFrom("country_metadata").where(samePair).execute();
    } else {
      const stored = await tx
        .selectFrom("country_metadata")
        .select(["reporter", "table_id", "from_year", "to_year"])
        .where(samePair)
        .execute();
      const overlapIssues: CountryMetadataIssue[] = [];
      for (const row of stored) {
        const range = { fromYear: row.from_year, toYear: row.to_year };
        const batch = entries.filter((e) => e.reporter === row.reporter && e.tableId === row.table_id);
        // A stored entry with the same first year as one of the batch is replaced by it.
        if (batch.some((e) => fromKey(e) === fromKey(range))) continue;
        for (const e of batch) {
          if (!overlaps(e, range)) continue;
          overlapIssues.push({
            index: entries.indexOf(e),
            field: "fromYear",
            message: `${e.reporter} ${e.tableId} ${formatYearRange(e.fromYear, e.toYear)} overlaps the stored entry ${formatYearRange(range.fromYear, range.toYear)}`,
          });
        }
      }
      if (overlapIssues.length > 0) {
        throw new CountryMetadataError(overlapIssues.sort((a, b) => a.index - b.index));
      }
    }
    await tx
      .insertInto("country_metadata")
      .values(
        entries.map((e) => ({
          reporter: e.reporter,
          table_id: e.tableId,
          from_year: e.fromYear,
          to_year: e.toYear,
          source: JSON.stringify(e.source),
          definition: JSON.stringify(e.definition),
          coverage: JSON.stringify(e.coverage),
          breaks: e.breaks ? JSON.stringify(e.breaks) : null,
          deviations: e.deviations ? JSON.stringify(e.deviations) : null,
          stateless_in_citizenship_table: e.statelessInCitizenshipTable,
          updated_at: updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["reporter", "table_id", "from_key"]).doUpdateSet((eb) => ({
          from_year: eb.ref("excluded.from_year"),
          to_year: eb.ref("excluded.to_year"),
          source: eb.ref("excluded.source"),
          definition: eb.ref("excluded.definition"),
          coverage: eb.ref("excluded.coverage"),
          breaks: eb.ref("excluded.breaks"),
          deviations: eb.ref("excluded.deviations"),
          stateless_in_citizenship_table: eb.ref("excluded.stateless_in_citizenship_table"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  });
  return entries.map((e) => ({ ...e, updatedAt }));
}
