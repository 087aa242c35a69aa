/**
 * GET /api/comparability/availability?table=&chapter=&country=&from=&to=&detail=&lang=&format=json|csv|xlsx
 * The data availability matrix (`availability` of the domain package): every participating country × standard
 * table × year with its state, share and the counts behind them; CSV and Excel have one row per block, and Excel
 * a second sheet with the matrix itself, coloured by state.
 */

import {
  AVAILABILITY_DETAILS,
  AVAILABILITY_STATE_LABELS,
  AVAILABILITY_STATES,
  type AvailabilityBlock,
  type AvailabilityMatrix,
  type AvailabilityState,
  availability,
  CHAPTERS,
  countryByCode,
  filteredTables,
  tableDecl,
} from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { FILE_MEDIA_TYPES, type Sheet, sheetCsv, sheetsXlsx } from "./files.ts";
import { type ComparabilityContext, jsonAnswer } from "./index.ts";
import { chaptersOf, countriesOf, type Lang, langOf, oneOf, tablesOf, yearOf } from "./params.ts";
import { currentVersions, loadReleased, versionsKey } from "./released.ts";

const FORMATS = ["json", "csv", "xlsx"] as const;

/** Fill colours of the states in the Excel matrix (the web page's colours, as ARGB). */
const STATE_FILLS: Readonly<Record<AvailabilityState, string>> = {
  available: "FF9FD5A8",
  partial: "FFF6DC8A",
  flagged: "FFB9C8F0",
  missing: "FFF2B8B5",
};

const countsSchema = {
  type: "object",
  properties: Object.fromEntries(
    ["expected", "values", "nil", "confidential", "notAvailable", "provisional", "estimated", "breaks"].map((k) => [
      k,
      { type: "integer" },
    ]),
  ),
} as const;

const summarySchema = {
  type: "object",
  properties: {
    blocks: { type: "integer" },
    states: {
      type: "object",
      properties: Object.fromEntries(AVAILABILITY_STATES.map((s) => [s, { type: "integer" }])),
    },
    share: { type: "number" },
    counts: countsSchema,
  },
} as const;

export const availabilitySchema = {
  type: "object",
  properties: {
    language: { type: "string" },
    detail: { type: "string", enum: [...AVAILABILITY_DETAILS] },
    versions: { type: "string", description: "The table versions the matrix was computed from" },
    states: {
      type: "array",
      items: { type: "object", properties: { id: { type: "string" }, label: { type: "string" } } },
    },
    reporters: {
      type: "array",
      items: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
    },
    tables: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          number: { type: "string" },
          title: { type: "string" },
          chapter: { type: "string" },
        },
      },
    },
    chapters: { type: "object", additionalProperties: { type: "string" }, description: "Chapter id → label" },
    years: { type: "array", items: { type: "integer" } },
    blocks: {
      type: "array",
      items: {
        type: "object",
        properties: {
          reporter: { type: "string" },
          table: { type: "string" },
          year: { type: "integer" },
          state: { type: "string", enum: [...AVAILABILITY_STATES] },
          share: { type: "number" },
          counts: countsSchema,
          partners: { type: "integer", nullable: true },
        },
      },
    },
    byTable: { type: "object", additionalProperties: summarySchema },
    byReporter: { type: "object", additionalProperties: summarySchema },
    all: summarySchema,
  },
} as const;

const reporterName = (code: string, lang: Lang) => countryByCode(code)?.label[lang] ?? code;

export function availabilityView(matrix: AvailabilityMatrix, lang: Lang) {
  return {
    language: lang,
    detail: matrix.detail,
    versions: matrix.versions,
    states: AVAILABILITY_STATES.map((id) => ({ id, label: AVAILABILITY_STATE_LABELS[id][lang] })),
    reporters: matrix.reporters.map((code) => ({ code, name: reporterName(code, lang) })),
    tables: matrix.tables.map((id) => {
      const decl = tableDecl(id);
      return { id, number: decl.number, title: decl.title[lang], chapter: decl.chapter };
    }),
    chapters: Object.fromEntries(CHAPTERS.map((c) => [c.id, c.label[lang]])),
    years: matrix.years,
    blocks: matrix.blocks,
    byTable: matrix.byTable,
    byReporter: matrix.byReporter,
    all: matrix.all,
  };
}

const HEADER = {
  en: [
    "reporter",
    "country",
    "table",
    "number",
    "year",
    "state",
    "state label",
    "share",
    "expected",
    "values",
    "nil",
    "confidential",
    "not available",
    "provisional",
    "estimated",
    "breaks",
    "partners",
  ],
  ru: [
    "reporter",
    "страна",
    "table",
    "номер",
    "год",
    "state",
    "состояние",
    "доля",
    "ожидается",
    "значений",
    "явление отсутствует",
    "конфиденциально",
    "нет данных",
    "предварительные",
    "оценка",
    "разрыв ряда",
    "стран-партнеров",
  ],
} as const;

function blockRow(b: AvailabilityBlock, lang: Lang) {
  const c = b.counts;
  return [
    b.reporter,
    reporterName(b.reporter, lang),
    b.table,
    tableDecl(b.table).number,
    b.year,
    b.state,
    AVAILABILITY_STATE_LABELS[b.state][lang],
    Math.round(b.share * 10_000) / 10_000,
    c.expected,
    c.values,
    c.nil,
    c.confidential,
    c.notAvailable,
    c.provisional,
    c.estimated,
    c.breaks,
    b.partners,
  ];
}

const SHEET_NAMES = {
  en: { blocks: "Availability", matrix: "Matrix", table: "table", country: "country", summary: "all years" },
  ru: { blocks: "Наличие данных", matrix: "Матрица", table: "таблица", country: "страна", summary: "все годы" },
} as const;

/** The matrix as a sheet: a row per reporter and table, a column per year, the share in per cent, coloured. */
function matrixSheet(matrix: AvailabilityMatrix, lang: Lang): Sheet {
  const names = SHEET_NAMES[lang];
  const index = new Map(matrix.blocks.map((b) => [`${b.reporter} ${b.table} ${b.year}`, b]));
  const pairs = matrix.reporters.flatMap((r) => matrix.tables.map((t) => [r, t] as const));
  const rows = pairs.map(([r, t]) => [
    reporterName(r, lang),
    tableDecl(t).number,
    ...matrix.years.map((y) => {
      const b = index.get(`${r} ${t} ${y}`);
      return b ? Math.round(b.share * 1000) / 10 : null;
    }),
  ]);
  return {
    name: names.matrix,
    header: [names.country, names.table, ...matrix.years.map(String)],
    rows,
    widths: [24, 8, ...matrix.years.map(() => 7)],
    fill: (row, column) => {
      const pair = pairs[row];
      const year = matrix.years[column - 2];
      if (!pair || year === undefined) return undefined;
      const b = index.get(`${pair[0]} ${pair[1]} ${year}`);
      return b ? STATE_FILLS[b.state] : undefined;
    },
  };
}

export async function availabilityRoutes(app: FastifyInstance, context: ComparabilityContext): Promise<void> {
  app.get(
    "/api/comparability/availability",
    {
      schema: {
        tags: ["Comparability"],
        summary: "Data availability: countries × tables × years",
        description:
          "For every participating country, standard table and year: available, partly available (with the share of the expected cells reported), missing, or flagged (provisional, estimated, break in series), with the counts behind each. Expected cells depend on `detail`: `total` the headline figure, `sex` by sex, `age` by sex and the 18 age groups, `all` (default) also by the table's breakdown (place of birth, citizenship status, status of receiver); partner countries are never expected, `_U` categories neither. Reported = a number, nil or confidential. Cached by the versions of the tables it reads.",
        querystring: {
          type: "object",
          properties: {
            table: { type: "string", description: "Standard tables, comma-separated (default all)" },
            chapter: {
              type: "string",
              description: "Chapters, comma-separated: birthplace, citizenship, immigration, emigration, acquisition",
            },
            country: { type: "string", description: "Participating countries, comma-separated (default all)" },
            from: { type: "string", description: "First year" },
            to: { type: "string", description: "Last year" },
            detail: {
              type: "string",
              description: `Which cells are expected: ${AVAILABILITY_DETAILS.join(", ")} (default all)`,
            },
            lang: { type: "string", description: "en or ru" },
            format: { type: "string", description: "json (default), csv or xlsx" },
          },
        },
        response: { 200: availabilitySchema },
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const lang = langOf(q.lang, context.languages);
      const format = oneOf(q.format, "format", FORMATS, "json");
      const filter = {
        tables: tablesOf(q.table),
        chapters: chaptersOf(q.chapter),
        countries: countriesOf(q.country, context.reporters),
        detail: oneOf(q.detail, "detail", AVAILABILITY_DETAILS, "all"),
        ...(yearOf(q.from, "from") !== undefined ? { from: yearOf(q.from, "from") as number } : {}),
        ...(yearOf(q.to, "to") !== undefined ? { to: yearOf(q.to, "to") as number } : {}),
      };
      const ids = filteredTables(filter);
      const versions = await currentVersions(context.cubes);
      const key = `availability|${JSON.stringify(filter)}|${lang}|${format}|${versionsKey(versions, ids)}`;
      return context.answer(request, reply, key, async () => {
        const matrix = availability(await loadReleased(context.cubes, versions, { ids }), context.reporters, filter);
        if (format === "json") return jsonAnswer(availabilityView(matrix, lang));
        const blocks: Sheet = {
          name: SHEET_NAMES[lang].blocks,
          header: HEADER[lang],
          rows: matrix.blocks.map((b) => blockRow(b, lang)),
          widths: [8, 24, 8, 7, 6, 10, 28],
        };
        const disposition = `attachment; filename="availability.${format}"`;
        if (format === "csv") {
          return {
            body: sheetCsv(blocks),
            mediaType: FILE_MEDIA_TYPES.csv,
            headers: { "content-disposition": disposition },
          };
        }
        return {
          body: await sheetsXlsx([matrixSheet(matrix, lang), blocks]),
          mediaType: FILE_MEDIA_TYPES.xlsx,
          headers: { "content-disposition": disposition },
        };
      });
    },
  );
}
