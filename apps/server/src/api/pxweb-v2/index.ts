/**
 * PxWeb API 2.0 (the OpenAPI description PxAPI-2.yml of PxTools/PxApiSpecs), as PxWebApi serves it:
 *   GET  /api/v2/tables                        TablesResponse: search (`query`), `pastDays`, paging
 *   GET  /api/v2/tables/{id}                   TableResponse
 *   GET  /api/v2/tables/{id}/metadata          JSON-stat 2.0 dataset without values (Dataset), `codelist[VAR]`
 *   GET  /api/v2/tables/{id}/defaultselection  SelectionResponse: what …/data answers without a selection
 *   GET  /api/v2/tables/{id}/data              `valuecodes[VAR]`, `codelist[VAR]`, `heading`, `stub`,
 *                                              `outputFormat`, `outputFormatParams`
 *   POST /api/v2/tables/{id}/data              a VariablesSelection body
 *   GET  /api/v2/codelists/{id}                CodelistResponse of a value set (`vs_…`) or grouping (`agg_…`)
 *   GET  /api/v2/config                        ConfigResponse
 *   POST /api/v2/savedqueries                  store a SavedQuery, 201 with its id
 *   GET  /api/v2/savedqueries/{id}             SavedQueryResponse
 *   GET  /api/v2/savedqueries/{id}/data        run it (its output format unless another is asked for)
 *   GET  /api/v2/savedqueries/{id}/selection   SelectionResponse of it, expressions expanded
 * A table's description, metadata, default selection and data take `version=N` or `asOf=DATE` (our extension, which
 * PxWeb clients never send; docs/decisions/0009-versions.md): that released version instead of the current one.
 * Every endpoint takes `lang` (one of the API's languages; the first is the default). Errors are Problem
 * documents (http/problem.ts): 400 bad parameter, unknown variable, value, codelist, format or language; 403 more cells
 * than allowed; 404 unknown table, codelist, saved query, page or path; 429 too many calls. Published answers to GET
 * carry an ETag (304 on If-None-Match) and a public Cache-Control; POST answers are not cached.
 */

import {
  CsvError,
  type Dataset,
  type Dimension,
  type DimensionQuery,
  HtmlTableError,
  type Note,
  ParquetError,
  PivotError,
  select,
  type Texts,
  textIn,
  XlsxError,
} from "@clearinghouse/cube";
import { dataOrigin, isIllustrative } from "@clearinghouse/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendCached } from "../../http/caching.ts";
import {
  ApiProblem,
  badRequest,
  forbidden,
  notFound,
  PROBLEM_MEDIA_TYPE,
  problemDocument,
  sendStorageProblem,
  uriReference,
} from "../../http/problem.ts";
import { ResponseCache } from "../../http/response-cache.ts";
import { StorageProblem } from "../../storage/errors.ts";
import type { CubeService, PublishedTable } from "../../tables/cubes.ts";
import type { TableInfo } from "../../tables/repository.ts";
import { isRefusal, VERSION_QUERY_PROPERTIES, type VersionChoice, versionChoice } from "../../tables/versions.ts";
import { checkCodelistId, checkTableId } from "./ids.ts";
import { defaultPlacement, isoDateTime, pxEntry, tableLayout, toPxWebJsonStat2 } from "./jsonstat2.ts";
import {
  DEFAULT_OUTPUT_FORMAT,
  downloadFileName,
  EXTENSION_FORMATS,
  encodeOutput,
  OUTPUT_FORMATS,
  type Output,
  parseOutput,
} from "./output.ts";
import {
  checkSelectionSize,
  DEFAULT_SAVED_QUERY_LIMITS,
  type SavedQueryLimits,
  SavedQueryStore,
  type StoredQuery,
  tooManySaves,
} from "./saved-queries.ts";
import {
  codelistOf,
  defaultSelection,
  findDimension,
  type Placement,
  parseSelectionBody,
  resolvePlacement,
  resolveSelection,
  selectionFromQuery,
  type VariableSelection,
  type VariablesSelection,
} from "./selection.ts";

export interface PxWebV2Options {
  readonly cubes: CubeService;
  /** Languages of the API; the first is the default. */
  readonly languages: readonly string[];
  /** Largest number of cells one data request may return. */
  readonly maxCells: number;
  /** The rate limit the API scope applies, reported by /config. */
  readonly maxCalls?: number;
  readonly timeWindowSeconds?: number;
  /** Memory for encoded data responses, in MB (default 64; 0 keeps none). */
  readonly responseCacheMb?: number;
  /** Tables per page of /tables when pageSize is not given (default 20). */
  readonly pageSize?: number;
  /** The licence of the data, reported by /config. */
  readonly license?: string;
  /** Limits of the saved queries (size, saves per client, expiry). */
  readonly savedQueries?: SavedQueryLimits;
}

export const API_VERSION = "2.0";
const APP_VERSION = "0.1.0";
const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: "English", ru: "Русский" };
const SOURCE_REFERENCES: Readonly<Record<string, string>> = {
  en: "Source: Migration Statistics Clearinghouse",
  ru: "Источник: Информационный центр по статистике миграции",
};
const TIME_UNITS: Readonly<Record<string, string>> = {
  A1: "Annual",
  H1: "HalfYear",
  Q1: "Quarterly",
  M1: "Monthly",
  W1: "Weekly",
};

type DatasetMeta = Omit<Dataset, "values" | "status" | "flags">;

interface Link {
  readonly rel: string;
  readonly hreflang: string;
  readonly href: string;
}

// ——— Reading the store ———

/** Tables' metadata (no cells), read once per version: enough to list, search and describe them. */
class MetadataCache {
  private readonly byId = new Map<string, { version: number; meta: DatasetMeta }>();

  async get(cubes: CubeService, rows: readonly TableInfo[]): Promise<Map<string, DatasetMeta>> {
    const missing = rows.filter((r) => this.byId.get(r.id)?.version !== r.version);
    if (missing.length) {
      const found = await cubes.metadata(missing);
      for (const r of missing) {
        const meta = found.get(r.id);
        if (meta) this.byId.set(r.id, { version: r.version, meta });
      }
    }
    const out = new Map<string, DatasetMeta>();
    for (const r of rows) {
      const hit = this.byId.get(r.id);
      if (hit) out.set(r.id, hit.meta);
    }
    return out;
  }

  private readonly past = new Map<string, DatasetMeta>();

  /** One version's metadata (a past one, asked for with ?version or ?asOf); versions never change, so kept. */
  async version(cubes: CubeService, id: string, version: number): Promise<DatasetMeta | undefined> {
    const key = `${id}@${version}`;
    const hit = this.past.get(key);
    if (hit) return hit;
    const meta = (await cubes.metadata([{ id, version }])).get(id);
    if (!meta) return undefined;
    this.past.set(key, meta);
    return meta;
  }
}

// ——— Small helpers ———

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function singleParameter(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(`the query parameter ${name} may be given once`);
  return value;
}

function positiveInteger(query: Record<string, unknown>, name: string): number | undefined {
  const text = singleParameter(query, name);
  if (text === undefined || text === "") return undefined;
  const n = /^\d{1,9}$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(n >= 1)) throw badRequest(`${name} must be a whole number of 1 or more, not "${text}"`);
  return n;
}

function booleanParameter(query: Record<string, unknown>, name: string): boolean | undefined {
  const text = singleParameter(query, name);
  if (text === undefined || text === "") return undefined;
  if (!/^(true|false)$/i.test(text)) throw badRequest(`${name} must be true or false, not "${text}"`);
  return text.toLowerCase() === "true";
}

/** A table's language for the labels: the one asked for if the table has it, else the API's default, else its first. */
function labelLanguage(meta: Pick<Dataset, "languages">, lang: string, fallback: string): string {
  if (meta.languages.includes(lang)) return lang;
  return meta.languages.includes(fallback) ? fallback : (meta.languages[0] ?? lang);
}

function notesOf(notes: readonly Note[] | undefined, t: (texts: Texts) => string) {
  return notes?.map((n) => ({ mandatory: n.mandatory === true, text: t(n.text) }));
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A selection as the specification writes it: the codelist as `codeList` (the body may say either). */
function wireSelection(selection: readonly VariableSelection[]) {
  return selection.map(({ codelist, ...rest }) => ({
    variableCode: rest.variableCode,
    ...(codelist ? { codeList: codelist } : {}),
    valueCodes: rest.valueCodes,
  }));
}

const wireSelections = (s: VariablesSelection) => ({
  selection: wireSelection(s.selection),
  ...(s.placement ? { placement: s.placement } : {}),
});

// ——— The plugin ———

export async function pxwebV2(app: FastifyInstance, options: PxWebV2Options): Promise<void> {
  const { cubes, languages, maxCells } = options;
  const db = cubes.db;
  const defaultLanguage = languages[0] ?? "en";
  const pageSizeDefault = options.pageSize ?? 20;
  const metadata = new MetadataCache();
  const responses = new ResponseCache((options.responseCacheMb ?? 64) * 1024 * 1024);
  const savedQueries = new SavedQueryStore(db, options.savedQueries ?? DEFAULT_SAVED_QUERY_LIMITS);

  const languageOf = (request: FastifyRequest): string => {
    const lang = singleParameter(request.query as Record<string, unknown>, "lang");
    if (lang === undefined || lang === "") return defaultLanguage;
    const lower = lang.toLowerCase();
    if (!languages.includes(lower)) throw badRequest(`unsupported language "${lang}" (${languages.join(", ")})`);
    return lower;
  };
  const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}/api/v2`;
  const link = (rel: string, href: string, lang: string): Link => ({ rel, hreflang: lang, href });
  const withLang = (url: string, lang: string, more: Record<string, string> = {}) =>
    `${url}?${new URLSearchParams({ lang, ...more }).toString()}`;

  /** The databases and folders above a table, with their labels. */
  const pathOf = async (info: TableInfo, lang: string) => {
    const path: { id: string; label: string }[] = [];
    for (let k = 1; k <= info.path.length; k++) {
      const node = await cubes.catalog.node(info.path.slice(0, k));
      path.push({ id: info.path[k - 1] as string, label: textIn(node?.label, lang, languages) });
    }
    return path;
  };

  /** A Table of the specification (in TablesResponse and TableResponse). */
  const tableEntry = async (
    row: TableInfo,
    meta: DatasetMeta,
    lang: string,
    base: string,
    /** The version asked for, which the links keep (?version=N). */
    pinned: Record<string, string> = {},
  ) => {
    const l = labelLanguage(meta, lang, defaultLanguage);
    const t = (texts: Texts | undefined) => textIn(texts, l, meta.languages);
    const time = meta.dimensions.find((d) => d.role === "time");
    const first = time?.categories[0];
    const last = time?.categories.at(-1);
    const self = `${base}/tables/${encodeURIComponent(row.id)}`;
    const source = meta.source ? t(meta.source) : undefined;
    const subjectCode = pxEntry(meta, "SUBJECT-CODE", l);
    return {
      type: "Table",
      id: row.id,
      label: t(meta.title),
      description: pxEntry(meta, "DESCRIPTION", l) ?? "",
      updated: isoDateTime(meta.updated) ?? isoDateTime(row.updated) ?? null,
      firstPeriod: first ? t(first.label) : null,
      lastPeriod: last ? t(last.label) : null,
      category: "public",
      variableNames: meta.dimensions.map((d) => t(d.label)),
      ...(source ? { source } : {}),
      ...(subjectCode ? { subjectCode } : {}),
      ...(time ? { timeUnit: TIME_UNITS[time.timeUnit ?? ""] ?? "Other" } : {}),
      ...(isIllustrative(meta) ? { illustrative: true } : {}),
      // Where the figures come from (UN estimates, illustrative, national submissions), which the site states.
      dataOrigin: dataOrigin(meta),
      paths: [await pathOf(row, lang)],
      links: [
        link("self", withLang(self, lang, pinned), lang),
        link("metadata", withLang(`${self}/metadata`, lang, pinned), lang),
        link("data", withLang(`${self}/data`, lang, { ...pinned, outputFormat: DEFAULT_OUTPUT_FORMAT }), lang),
      ],
    };
  };

  const codelistLink = (base: string, id: string, lang: string) =>
    link("metadata", withLang(`${base}/codelists/${encodeURIComponent(id)}`, lang), lang);

  /** The codelists of a dimension, as CodelistInformation. */
  const codelistInfos = (d: Dimension, t: (texts: Texts) => string, base: string, lang: string) => [
    ...(d.groupings ?? []).map((g) => ({
      id: `agg_${g.id}`,
      label: t(g.label),
      type: "Aggregation",
      links: [codelistLink(base, `agg_${g.id}`, lang)],
    })),
    ...(d.valueSets ?? []).map((v) => ({
      id: `vs_${v.id}`,
      label: t(v.label),
      type: "Valueset",
      links: [codelistLink(base, `vs_${v.id}`, lang)],
    })),
  ];

  /** The metadata document: JSON-stat 2.0 without values, with PxWeb API 2.0's extensions. */
  const metadataDocument = (meta: DatasetMeta, lang: string, base: string, published: Date) => {
    const l = labelLanguage(meta, lang, defaultLanguage);
    const t = (texts: Texts | undefined) => textIn(texts, l, meta.languages);
    const empty: Dataset = {
      ...meta,
      values: new Float64Array(0),
      status: new Uint8Array(0),
      flags: new Uint8Array(0),
    };
    const doc = toPxWebJsonStat2(empty, { lang: l, placement: tableLayout(meta), fallbackUpdated: published });
    const dimension = Object.fromEntries(
      meta.dimensions.map((d) => {
        const json = doc.dimension[d.code];
        const codelists = codelistInfos(d, t, base, lang);
        return [d.code, codelists.length && json ? { ...json, extension: { ...json.extension, codelists } } : json];
      }),
    );
    const time = meta.dimensions.find((d) => d.role === "time");
    return {
      ...doc,
      dimension,
      value: [],
      extension: {
        ...doc.extension,
        ...(time?.categories.length
          ? {
              firstPeriod: t(time.categories[0]?.label),
              lastPeriod: t(time.categories.at(-1)?.label),
              timeUnit: TIME_UNITS[time.timeUnit ?? ""] ?? "Other",
            }
          : {}),
        // Invented demo figures, not official statistics: clients show it (isIllustrative reads the first note).
        ...(isIllustrative(meta) ? { illustrative: true } : {}),
      },
    };
  };

  const currentTable = async (id: string): Promise<PublishedTable> => {
    const table = await cubes.current(checkTableId(id));
    if (!table) throw notFound(`no table "${id}"`);
    return table;
  };

  /** `?version=N` or `?asOf=DATE` (our extension, docs/decisions/0009-versions.md), undefined for neither. */
  const chosenVersion = (request: FastifyRequest): VersionChoice | undefined => {
    const choice = versionChoice(request.query as Record<string, unknown>);
    if (!choice.ok) throw new ApiProblem(choice.refusal.status, choice.refusal.message.en, choice.refusal.message.ru);
    return choice.value;
  };

  /** The version of the table the request reads: the current one unless it chose another. */
  const tableAt = async (request: FastifyRequest, id: string): Promise<PublishedTable> => {
    const choice = chosenVersion(request);
    if (!choice) return currentTable(id);
    const table = await cubes.at(checkTableId(id), choice);
    if (!table) throw notFound(`no table "${id}"`);
    if (isRefusal(table)) throw new ApiProblem(table.status, table.message.en, table.message.ru);
    return table;
  };

  /** The table's row and metadata in the version the request reads (the current one's from the metadata cache). */
  const describedTable = async (request: FastifyRequest, id: string) => {
    const choice = chosenVersion(request);
    if (choice) {
      const { info } = await tableAt(request, id);
      const meta = await metadata.version(cubes, info.id, info.version);
      if (!meta) throw notFound(`table "${info.id}" has no version ${info.version}`);
      return { row: info, meta, pinned: { version: String(info.version) } };
    }
    const row = await cubes.catalog.table(checkTableId(id));
    if (!row) throw notFound(`no table "${id}"`);
    const meta = (await metadata.get(cubes, [row])).get(row.id);
    if (!meta) throw notFound(`table "${row.id}" has no published version`);
    return { row, meta, pinned: {} as Record<string, string> };
  };

  /** The selection to run: the one asked for, else the table's default (keeping a placement asked for). */
  const chooseSelection = (ds: Dataset, input: VariablesSelection | undefined): VariablesSelection =>
    input && input.selection.length > 0
      ? input
      : { ...defaultSelection(ds, maxCells), ...(input?.placement ? { placement: input.placement } : {}) };

  /** The selected cells, checked against the cell limit, and where their variables go. */
  const selectCells = (ds: Dataset, queries: readonly DimensionQuery[], asked: Placement | undefined) => {
    // The request's size was checked as it was read (selection.ts); these lists are the table's own codes.
    const result = select(ds, queries, { maxCells, limits: false });
    if (!result.ok) {
      const { error } = result;
      if (error.code === "too-many-cells") {
        throw forbidden(
          `the selection makes ${error.cells ?? "too many"} cells, more than the ${maxCells} allowed (see /api/v2/config): select fewer values`,
        );
      }
      throw badRequest(error.message.en, error.message.ru);
    }
    return { dataset: result.dataset, placement: resolvePlacement(result.dataset, asked) };
  };

  /** Runs a selection (the default one when there is none). */
  const runSelection = (ds: Dataset, input: VariablesSelection | undefined) => {
    const chosen = chooseSelection(ds, input);
    const { queries, expanded } = resolveSelection(ds, chosen);
    return { ...selectCells(ds, queries, chosen.placement), expanded };
  };

  /**
   * Encoded data, kept by table version and resolved selection (so `top(1)` and `2023` share an entry): a hot
   * query is answered without selecting and encoding again, and formats whose bytes vary from one encoding to the
   * next (xlsx records when it was written) keep one ETag while they are kept.
   */
  const sendData = async (
    request: FastifyRequest,
    reply: FastifyReply,
    table: PublishedTable,
    input: VariablesSelection | undefined,
    output: Output,
    lang: string,
  ) => {
    const chosen = chooseSelection(table.dataset, input);
    const { queries } = resolveSelection(table.dataset, chosen);
    const labels = labelLanguage(table.dataset, lang, defaultLanguage);
    const version = `${table.info.id}@${table.info.version}`;
    const key = `v2|${version}|${labels}|${output.format}|${output.params.join(",")}|${JSON.stringify(queries)}|${JSON.stringify(chosen.placement ?? null)}`;
    const response = await responses.getOrMake(key, async () => {
      const { dataset, placement } = selectCells(table.dataset, queries, chosen.placement);
      const updated = isoDateTime(dataset.updated) ?? isoDateTime(table.info.updated);
      let encoded: Awaited<ReturnType<typeof encodeOutput>>;
      try {
        encoded = await encodeOutput(updated ? { ...dataset, updated } : dataset, output, { lang: labels, placement });
      } catch (error) {
        if (error instanceof HtmlTableError) throw forbidden(error.message);
        if (
          error instanceof PivotError ||
          error instanceof XlsxError ||
          error instanceof CsvError ||
          error instanceof ParquetError
        ) {
          throw badRequest(error.message);
        }
        throw error;
      }
      return {
        body: Buffer.from(encoded.bytes.buffer, encoded.bytes.byteOffset, encoded.bytes.byteLength),
        mediaType: encoded.mediaType,
        headers: {
          "content-disposition": contentDisposition(
            downloadFileName(table.info.id, output.format, isIllustrative(table.dataset)),
          ),
        },
      };
    });
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    if (request.method === "GET" || request.method === "HEAD") {
      return sendCached(request, reply, response.body, version, response.mediaType);
    }
    return reply.type(response.mediaType).send(response.body);
  };

  const selectionResponse = (
    request: FastifyRequest,
    table: PublishedTable,
    input: VariablesSelection | undefined,
    lang: string,
    self: string,
    /** The version asked for, which the links keep (?version=N). */
    pinned: Record<string, string> = {},
  ) => {
    const { dataset, expanded, placement } = runSelection(table.dataset, input);
    const base = baseOf(request);
    return {
      language: lang,
      selection: wireSelection(expanded),
      placement: placement ?? defaultPlacement(dataset),
      links: [
        link("self", withLang(`${base}${self}`, lang, pinned), lang),
        link("data", withLang(`${base}/tables/${encodeURIComponent(table.info.id)}/data`, lang, pinned), lang),
      ],
    };
  };

  // ——— Documentation of the routes (the OpenAPI document at /api/openapi.json) ———

  const TAGS = ["PxWeb API 2.0"];
  const text = (description: string) => ({ type: "string", description }) as const;
  const list = (description: string) => ({ type: "array", items: { type: "string" }, description }) as const;
  const langDoc = text(`Language of the texts: ${languages.join(", ")} (default ${defaultLanguage})`);
  const outputDocs = {
    outputFormat: text(
      `${OUTPUT_FORMATS.join(", ")} (default ${DEFAULT_OUTPUT_FORMAT}); our extension ${EXTENSION_FORMATS.join(", ")}: one row per cell with value, status and flags columns`,
    ),
    outputFormatParams: list(
      "UseCodes, UseTexts or UseCodesAndTexts and IncludeTitle (csv, html, xlsx); SeparatorTab or SeparatorSemicolon (csv, csv-long; the semicolon with a decimal comma and a UTF-8 byte order mark, for Excel in Russian)",
    ),
  };
  const withLangOnly = { type: "object", properties: { lang: langDoc } } as const;
  const withVersion = { type: "object", properties: { lang: langDoc, ...VERSION_QUERY_PROPERTIES } } as const;
  const docs = {
    tables: {
      tags: TAGS,
      summary: "List and search tables",
      querystring: {
        type: "object",
        properties: {
          lang: langDoc,
          query: text("Words that the table's id or title must all contain, in any language"),
          pastDays: text("Only tables updated in the last N days"),
          includeDiscontinued: text("true or false; no table is discontinued"),
          pageNumber: text("Page to return, from 1"),
          pageSize: text(`Tables per page (default ${pageSizeDefault}, at most ${MAX_PAGE_SIZE})`),
        },
      },
    },
    table: { tags: TAGS, summary: "A table", querystring: withVersion },
    metadata: {
      tags: TAGS,
      summary: "A table's metadata as JSON-stat 2.0",
      description: "codelist[VARIABLE]=vs_ID|agg_ID shows a variable's values as the codelist has them.",
      querystring: {
        type: "object",
        properties: {
          lang: langDoc,
          defaultSelection: text("true or false; the metadata is the same"),
          ...VERSION_QUERY_PROPERTIES,
        },
      },
    },
    defaultSelection: {
      tags: TAGS,
      summary: "The selection …/data uses when none is given",
      querystring: withVersion,
    },
    dataGet: {
      tags: TAGS,
      summary: "Data of a table",
      description:
        "valuecodes[VARIABLE]=codes or expressions (*, ?, top(n[,offset]), bottom(n[,offset]), from(x), to(x), range(x,y)), comma-separated; codelist[VARIABLE]=vs_ID|agg_ID. Variables left out are eliminated where they can be; without any valuecodes the default selection is used.",
      querystring: {
        type: "object",
        properties: {
          lang: langDoc,
          ...outputDocs,
          heading: list("Variables across, comma-separated"),
          stub: list("Variables down the side, comma-separated"),
          ...VERSION_QUERY_PROPERTIES,
        },
      },
    },
    dataPost: {
      tags: TAGS,
      summary: "Data of a table, selected by a VariablesSelection body",
      description:
        'Body: {"selection": [{"variableCode": "…", "codelist": "vs_ID|agg_ID", "valueCodes": ["…"]}], "placement": {"heading": ["…"], "stub": ["…"]}}; without a selection the default selection is used.',
      querystring: { type: "object", properties: { lang: langDoc, ...outputDocs, ...VERSION_QUERY_PROPERTIES } },
    },
    codelist: { tags: TAGS, summary: "A value set (vs_…) or grouping (agg_…)", querystring: withLangOnly },
    config: { tags: TAGS, summary: "API configuration" },
    save: {
      tags: TAGS,
      summary: "Save a query for later use",
      description:
        'Body: {"tableId": "…", "language": "…", "selection": {VariablesSelection}, "outputFormat": "…", "outputFormatParams": ["…"]}. ' +
        `At most ${savedQueries.limits.maxBytes} bytes and ${savedQueries.limits.maxValues} value codes; ` +
        `${savedQueries.limits.maxSaves} saves per client per ${savedQueries.limits.windowSeconds} s; ` +
        `deleted after ${savedQueries.limits.unusedDays} days without use.`,
    },
    saved: { tags: TAGS, summary: "A saved query" },
    savedData: {
      tags: TAGS,
      summary: "Run a saved query, in its language and format unless others are asked for",
      querystring: { type: "object", properties: { lang: langDoc, ...outputDocs } },
    },
    savedSelection: { tags: TAGS, summary: "The selection a saved query makes now", querystring: withLangOnly },
  };

  // ——— Errors ———

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StorageProblem) return sendStorageProblem(error, request, reply);
    const failure = error as { statusCode?: number; message?: string; error?: string };
    let status = 500;
    let detail = "internal error";
    if (error instanceof ApiProblem) {
      status = error.status;
      const lang = (request.query as { lang?: unknown } | undefined)?.lang;
      detail = error.detailIn(typeof lang === "string" ? lang.toLowerCase() : defaultLanguage);
    } else if (failure.statusCode === 429) {
      status = 429;
      detail = failure.error ?? failure.message ?? "too many calls, try again later";
    } else if (failure.statusCode === 413) {
      status = 413;
      detail = `the body is larger than the ${request.routeOptions.bodyLimit ?? "allowed number of"} bytes allowed here`;
    } else if (typeof failure.statusCode === "number" && failure.statusCode >= 400 && failure.statusCode < 500) {
      status = failure.statusCode;
      detail = failure.message ?? "bad request";
    } else {
      request.log.error(error);
    }
    return reply
      .code(status)
      .type(PROBLEM_MEDIA_TYPE)
      .send(JSON.stringify(problemDocument(status, detail, uriReference(request.url))));
  });

  // ——— Tables ———

  app.get("/api/v2/tables", { schema: docs.tables }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = languageOf(request);
    const pageNumber = positiveInteger(query, "pageNumber") ?? 1;
    const pageSize = Math.min(positiveInteger(query, "pageSize") ?? pageSizeDefault, MAX_PAGE_SIZE);
    const pastDays = positiveInteger(query, "pastDays");
    booleanParameter(query, "includeDiscontinued"); // no table is discontinued
    const text = (singleParameter(query, "query") ?? "").trim();
    const terms = text.toLowerCase().split(/\s+/).filter(Boolean);

    const rows = await cubes.catalog.tables();
    const metas = await metadata.get(cubes, rows);
    const since = pastDays === undefined ? undefined : Date.now() - pastDays * DAY_MS;
    const matching = rows.filter((row) => {
      const meta = metas.get(row.id);
      if (!meta) return false;
      if (since !== undefined) {
        const updated = new Date(isoDateTime(meta.updated) ?? row.updated).getTime();
        if (updated < since) return false;
      }
      if (terms.length === 0) return true;
      const haystack = [row.id, ...Object.values(meta.title)].join("\n").toLowerCase();
      return terms.every((term) => haystack.includes(term));
    });
    const totalElements = matching.length;
    const totalPages = Math.max(1, Math.ceil(totalElements / pageSize));
    if (pageNumber > totalPages) {
      throw notFound(`page ${pageNumber} does not exist: there are ${totalPages} pages of ${pageSize} tables`);
    }
    const base = baseOf(request);
    const pageLink = (rel: string, page: number) => {
      const params: Record<string, string> = { lang };
      if (text) params.query = text;
      if (pastDays !== undefined) params.pastDays = String(pastDays);
      params.pageSize = String(pageSize);
      params.pageNumber = String(page);
      return link(rel, `${base}/tables?${new URLSearchParams(params).toString()}`, lang);
    };
    const pageLinks = [
      ...(pageNumber < totalPages ? [pageLink("next", pageNumber + 1)] : []),
      ...(pageNumber > 1 ? [pageLink("previous", pageNumber - 1)] : []),
      ...(totalPages > 1 ? [pageLink("first", 1), pageLink("last", totalPages)] : []),
    ];
    const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return sendCached(request, reply, {
      language: lang,
      tables: await Promise.all(page.map((row) => tableEntry(row, metas.get(row.id) as DatasetMeta, lang, base))),
      page: { pageNumber, pageSize, totalElements, totalPages, links: pageLinks },
      links: [pageLink("self", pageNumber)],
    });
  });

  app.get<{ Params: { id: string } }>("/api/v2/tables/:id", { schema: docs.table }, async (request, reply) => {
    const lang = languageOf(request);
    const { row, meta, pinned } = await describedTable(request, request.params.id);
    return sendCached(
      request,
      reply,
      { language: lang, ...(await tableEntry(row, meta, lang, baseOf(request), pinned)) },
      `${row.id}@${row.version}`,
    );
  });

  app.get<{ Params: { id: string } }>(
    "/api/v2/tables/:id/metadata",
    { schema: docs.metadata },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const lang = languageOf(request);
      booleanParameter(query, "defaultSelection"); // no codelist is applied by default, so metadata is the same
      const { row, meta } = await describedTable(request, request.params.id);
      // codelist[VAR]=vs_…|agg_…: the variable's values as the codelist has them.
      const applied = new Map<number, string>();
      for (const [key, value] of Object.entries(query)) {
        if (!key.toLowerCase().startsWith("codelist")) continue;
        const variable = /^codelist\[(.+)\]$/is.exec(key)?.[1];
        if (variable === undefined || typeof value !== "string") {
          throw badRequest(`query parameter "${key}" should be written codelist[VARIABLE]=ID, once`);
        }
        const found = findDimension(meta.dimensions, variable);
        const k = found ? meta.dimensions.indexOf(found) : -1;
        if (k === -1) throw badRequest(`the table has no variable "${variable}"`);
        applied.set(k, value);
      }
      const shown: DatasetMeta = applied.size
        ? {
            ...meta,
            dimensions: meta.dimensions.map((d, k) => {
              const id = applied.get(k);
              if (id === undefined) return d;
              const codelist = codelistOf(d, id);
              if (!codelist) throw badRequest(`variable "${d.code}" has no codelist "${id}"`);
              if (codelist.kind === "valueset") {
                const members = new Set(codelist.set.codes);
                return { ...d, categories: d.categories.filter((c) => members.has(c.code)) };
              }
              return {
                ...d,
                categories: codelist.grouping.groups.map((g) => ({ code: g.code, label: g.label })),
              };
            }),
          }
        : meta;
      return sendCached(
        request,
        reply,
        metadataDocument(shown, lang, baseOf(request), row.updated),
        `${row.id}@${row.version}`,
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v2/tables/:id/defaultselection",
    { schema: docs.defaultSelection },
    async (request, reply) => {
      const lang = languageOf(request);
      const table = await tableAt(request, request.params.id);
      const body = selectionResponse(
        request,
        table,
        undefined,
        lang,
        `/tables/${encodeURIComponent(table.info.id)}/defaultselection`,
        chosenVersion(request) ? { version: String(table.info.version) } : {},
      );
      return sendCached(request, reply, body, `${table.info.id}@${table.info.version}`);
    },
  );

  app.get<{ Params: { id: string } }>("/api/v2/tables/:id/data", { schema: docs.dataGet }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = languageOf(request);
    const output = parseOutput(query.outputFormat, query.outputFormatParams);
    const input = selectionFromQuery(query);
    const table = await tableAt(request, request.params.id);
    return sendData(request, reply, table, input, output, lang);
  });

  app.post<{ Params: { id: string } }>("/api/v2/tables/:id/data", { schema: docs.dataPost }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const lang = languageOf(request);
    const output = parseOutput(query.outputFormat, query.outputFormatParams);
    const input = parseSelectionBody(request.body);
    const table = await tableAt(request, request.params.id);
    return sendData(request, reply, table, input, output, lang);
  });

  // ——— Codelists ———

  app.get<{ Params: { id: string } }>("/api/v2/codelists/:id", { schema: docs.codelist }, async (request, reply) => {
    const lang = languageOf(request);
    const id = checkCodelistId(request.params.id);
    if (!id.startsWith("vs_") && !id.startsWith("agg_")) {
      throw notFound(`no codelist "${id}": codelist ids start with vs_ (value sets) or agg_ (groupings)`);
    }
    const rows = await cubes.catalog.tables();
    const metas = await metadata.get(cubes, rows);
    for (const row of rows) {
      const meta = metas.get(row.id);
      for (const d of meta?.dimensions ?? []) {
        const codelist = codelistOf(d, id);
        if (!meta || !codelist) continue;
        const l = labelLanguage(meta, lang, defaultLanguage);
        const t = (texts: Texts) => textIn(texts, l, meta.languages);
        const values =
          codelist.kind === "valueset"
            ? codelist.set.codes.flatMap((code) => {
                const category = d.categories.find((c) => c.code === code);
                if (!category) return [];
                const notes = notesOf(category.notes, t);
                return [{ code, label: t(category.label), valueMap: [code], ...(notes ? { notes } : {}) }];
              })
            : codelist.grouping.groups.map((g) => ({ code: g.code, label: t(g.label), valueMap: [...g.members] }));
        const eliminationValueCode = d.elimination?.code;
        return sendCached(
          request,
          reply,
          {
            id,
            label: t(codelist.kind === "valueset" ? codelist.set.label : codelist.grouping.label),
            language: lang,
            languages: [...meta.languages],
            elimination: Boolean(d.elimination),
            ...(eliminationValueCode !== undefined && values.some((v) => v.code === eliminationValueCode)
              ? { eliminationValueCode }
              : {}),
            type: codelist.kind === "valueset" ? "Valueset" : "Aggregation",
            values,
            links: [link("self", withLang(`${baseOf(request)}/codelists/${encodeURIComponent(id)}`, lang), lang)],
          },
          `${row.id}@${row.version}`,
        );
      }
    }
    throw notFound(`no codelist "${id}"`);
  });

  // ——— Configuration ———

  app.get("/api/v2/config", { schema: docs.config }, async (request, reply) =>
    sendCached(request, reply, {
      apiVersion: API_VERSION,
      appVersion: APP_VERSION,
      languages: languages.map((id) => ({ id, label: LANGUAGE_NAMES[id] ?? id })),
      defaultLanguage,
      maxDataCells: maxCells,
      maxCallsPerTimeWindow: options.maxCalls ?? 0,
      timeWindow: options.timeWindowSeconds ?? 0,
      license: options.license ?? "See the source of each table",
      sourceReferences: languages.flatMap((language) =>
        SOURCE_REFERENCES[language] ? [{ language, text: SOURCE_REFERENCES[language] }] : [],
      ),
      defaultDataFormat: DEFAULT_OUTPUT_FORMAT,
      dataFormats: [...OUTPUT_FORMATS],
      features: [
        { id: "CORS", params: [{ key: "enabled", value: "true" }] },
        { id: "savedQueries", params: [{ key: "enabled", value: "true" }] },
      ],
    }),
  );

  // ——— Saved queries ———

  /** A saved query as the specification's SavedQuery (with its id). */
  const savedQueryJson = (id: string, q: StoredQuery) => ({
    id,
    tableId: q.tableId,
    language: q.language,
    selection: wireSelections(q.selection),
    ...(q.outputFormat ? { outputFormat: q.outputFormat } : {}),
    ...(q.outputFormatParams?.length ? { outputFormatParams: [...q.outputFormatParams] } : {}),
  });

  /**
   * What POST and GET answer: the SavedQuery itself (what PxWebApi's POST answers and the specification's GET
   * names) with the SavedQueryResponse's language, savedQuery and links (what PxWebApi's GET answers), so a client
   * that reads either shape finds its fields. See docs/decisions/0006-pxweb-api-2-conformance.md.
   */
  const savedQueryAnswer = (request: FastifyRequest, id: string, stored: StoredQuery) => {
    const base = `${baseOf(request)}/savedqueries/${encodeURIComponent(id)}`;
    const lang = stored.language;
    const savedQuery = savedQueryJson(id, stored);
    return {
      ...savedQuery,
      savedQuery,
      links: [
        link("self", base, lang),
        link("data", withLang(`${base}/data`, lang), lang),
        link("selection", withLang(`${base}/selection`, lang), lang),
        link("table", withLang(`${baseOf(request)}/tables/${encodeURIComponent(stored.tableId)}`, lang), lang),
      ],
    };
  };

  const limits = savedQueries.limits;
  app.post(
    "/api/v2/savedqueries",
    // The body limit answers 413 before the body is read; the value count is checked once it is parsed.
    { schema: docs.save, bodyLimit: limits.maxBytes },
    async (request, reply) => {
      let body = request.body;
      if (Buffer.isBuffer(body)) {
        try {
          body = JSON.parse(body.toString("utf8"));
        } catch {
          throw badRequest("the body is not valid JSON");
        }
      }
      if (!isObject(body)) throw badRequest('the body must be a SavedQuery {"tableId", "language", "selection"}');
      if (typeof body.tableId !== "string" || body.tableId === "") throw badRequest("tableId must name a table");
      if (typeof body.language !== "string" || !languages.includes(body.language.toLowerCase())) {
        throw badRequest(`language must be one of ${languages.join(", ")}`);
      }
      if (!isObject(body.selection)) throw badRequest('selection must be a VariablesSelection {"selection": [...]}');
      const selection = parseSelectionBody(body.selection, "selection") ?? { selection: [] };
      checkSelectionSize(selection, limits);
      const output = parseOutput(body.outputFormat, body.outputFormatParams);
      const table = await cubes.current(checkTableId(body.tableId));
      if (!table) throw badRequest(`no table "${body.tableId}"`);
      try {
        runSelection(table.dataset, selection);
      } catch (error) {
        // The specification answers 400 to any query that cannot be saved.
        if (error instanceof ApiProblem) throw badRequest(error.detail);
        throw error;
      }
      // Counted once the query is known to be good, so that mistakes do not use up a client's share.
      const over = await savedQueries.countSave(request.ip);
      if (over) {
        reply.header("retry-after", over.retryAfterSeconds);
        throw tooManySaves(limits);
      }
      const stored: StoredQuery = {
        tableId: table.info.id,
        language: body.language.toLowerCase(),
        selection,
        ...(body.outputFormat !== undefined && body.outputFormat !== null ? { outputFormat: output.format } : {}),
        ...(output.params.length ? { outputFormatParams: output.params } : {}),
      };
      const id = await savedQueries.save(stored);
      return reply
        .code(201)
        .header("location", `${baseOf(request)}/savedqueries/${id}`)
        .send(savedQueryAnswer(request, id, stored));
    },
  );

  app.get<{ Params: { id: string } }>("/api/v2/savedqueries/:id", { schema: docs.saved }, async (request, reply) => {
    const { id } = request.params;
    const stored = await savedQueries.load(id);
    return sendCached(request, reply, savedQueryAnswer(request, id, stored), id);
  });

  app.get<{ Params: { id: string } }>(
    "/api/v2/savedqueries/:id/data",
    { schema: docs.savedData },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const stored = await savedQueries.load(request.params.id);
      const lang = query.lang === undefined ? stored.language : languageOf(request);
      const asked = query.outputFormat !== undefined || query.outputFormatParams !== undefined;
      const output = asked
        ? parseOutput(query.outputFormat, query.outputFormatParams)
        : parseOutput(stored.outputFormat, stored.outputFormatParams);
      const table = await currentTable(stored.tableId);
      return sendData(request, reply, table, stored.selection, output, lang);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v2/savedqueries/:id/selection",
    { schema: docs.savedSelection },
    async (request, reply) => {
      const { id } = request.params;
      const stored = await savedQueries.load(id);
      const lang = (request.query as { lang?: unknown }).lang === undefined ? stored.language : languageOf(request);
      const table = await currentTable(stored.tableId);
      const body = selectionResponse(
        request,
        table,
        stored.selection,
        lang,
        `/savedqueries/${encodeURIComponent(id)}/selection`,
      );
      return sendCached(request, reply, body, `${table.info.id}@${table.info.version}`);
    },
  );

  // Anything else under /api/v2, by any method the API does not have, is a Problem too, not the server's generic 404.
  for (const url of ["/api/v2", "/api/v2/*"]) {
    app.route({
      method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      url,
      schema: { hide: true },
      handler: async (request) => {
        throw notFound(`no such resource: ${request.method} ${uriReference(request.url.split("?")[0] ?? "")}`);
      },
    });
  }
}
