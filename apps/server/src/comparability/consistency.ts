/**
 * The public consistency report (`consistencyReport` of the domain package) on the released data:
 *   GET /api/comparability/consistency/{country}?lang=            each year: errors, warnings, rules checked
 *   GET /api/comparability/consistency/{country}/{year}?table=&lang=&format=json|csv
 *                                                                 every rule and finding of that year, each
 *                                                                 finding with its cells and links to them
 * The country's metadata (breaks in series, stateless persons in 2.2) is part of the input, so its latest change
 * is part of the cache key beside the table versions.
 */

import {
  type ConsistencyFinding,
  type ConsistencyMetadata,
  type ConsistencyReport,
  consistencyReport,
  countryByCode,
  type ReleasedTables,
  type RuleKind,
  tableDecl,
  tablePagePath,
} from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { countryMetadataForReporter } from "../tables/country-metadata.ts";
import { FILE_MEDIA_TYPES, sheetCsv } from "./files.ts";
import { type ComparabilityContext, jsonAnswer } from "./index.ts";
import { countryOf, type Lang, langOf, oneOf, tablesOf, yearOf } from "./params.ts";
import { currentVersions, loadReleased, versionsKey } from "./released.ts";

const RULE_KINDS: Readonly<Record<RuleKind, { en: string; ru: string }>> = {
  structure: { en: "structure", ru: "структура" },
  within: { en: "within a table", ru: "внутри таблицы" },
  cross: { en: "across tables", ru: "между таблицами" },
  change: { en: "over time", ru: "во времени" },
};

const bilingualNullable = { type: "string", nullable: true } as const;

const cellSchema = {
  type: "object",
  properties: {
    table: { type: "string" },
    coordinates: { type: "object", additionalProperties: { type: "string" } },
    labels: { type: "object", additionalProperties: { type: "string" } },
    value: { type: "number", nullable: true },
    symbol: { type: "string" },
    flags: { type: "string" },
    previousVersion: { type: "boolean" },
  },
} as const;

export const consistencySchema = {
  type: "object",
  properties: {
    language: { type: "string" },
    reporter: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
    year: { type: "integer" },
    versions: { type: "string" },
    tables: { type: "array", items: { type: "string" } },
    errors: { type: "integer" },
    warnings: { type: "integer" },
    truncated: { type: "boolean" },
    rules: {
      type: "array",
      items: {
        type: "object",
        properties: {
          rule: { type: "string" },
          kind: { type: "string" },
          kindLabel: { type: "string" },
          description: { type: "string" },
          tables: { type: "array", items: { type: "string" } },
          checked: { type: "boolean" },
          errors: { type: "integer" },
          warnings: { type: "integer" },
          explanation: bilingualNullable,
        },
      },
    },
    findings: {
      type: "array",
      items: {
        type: "object",
        properties: {
          rule: { type: "string" },
          kind: { type: "string" },
          severity: { type: "string", enum: ["error", "warning"] },
          message: { type: "string" },
          explanation: bilingualNullable,
          table: { type: "string" },
          tableNumber: { type: "string" },
          expected: { type: "number" },
          found: { type: "number" },
          cells: { type: "array", items: cellSchema },
          links: {
            type: "array",
            items: { type: "object", properties: { table: { type: "string" }, href: { type: "string" } } },
          },
        },
      },
    },
  },
} as const;

export function findingView(f: ConsistencyFinding, lang: Lang) {
  return {
    rule: f.rule,
    kind: f.kind,
    severity: f.severity,
    message: f.message[lang],
    explanation: f.explanation?.[lang] ?? null,
    table: f.table,
    tableNumber: tableDecl(f.table).number,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.found !== undefined ? { found: f.found } : {}),
    cells: f.cells.map((c) => ({
      table: c.table,
      coordinates: c.cell,
      labels: Object.fromEntries(Object.entries(c.labels).map(([d, l]) => [d, l[lang]])),
      value: c.value,
      symbol: c.symbol,
      flags: c.flags,
      ...(c.previousVersion ? { previousVersion: true } : {}),
    })),
    links: f.selections.map((s) => ({ table: s.table, href: tablePagePath(lang, s.table, s.selection) })),
  };
}

export function consistencyView(report: ConsistencyReport, lang: Lang, only: readonly string[]) {
  const keep = <T extends { readonly table?: string; readonly tables?: readonly string[] }>(x: T) =>
    only.length === 0 ||
    (x.table !== undefined && only.includes(x.table)) ||
    (x.tables?.some((t) => only.includes(t)) ?? false);
  const findings = report.findings.filter(keep);
  return {
    language: lang,
    reporter: { code: report.reporter, name: countryByCode(report.reporter)?.label[lang] ?? report.reporter },
    year: report.year,
    versions: report.versions,
    tables: report.tables,
    errors: only.length ? findings.filter((f) => f.severity === "error").length : report.errors,
    warnings: only.length ? findings.filter((f) => f.severity === "warning").length : report.warnings,
    truncated: report.truncated,
    rules: report.rules.filter(keep).map((r) => ({
      rule: r.rule,
      kind: r.kind,
      kindLabel: RULE_KINDS[r.kind][lang],
      description: r.description[lang],
      tables: r.tables,
      checked: r.checked,
      errors: r.errors,
      warnings: r.warnings,
      explanation: r.explanation?.[lang] ?? null,
    })),
    findings: findings.map((f) => findingView(f, lang)),
  };
}

const CSV_HEADER = {
  en: ["severity", "rule", "kind", "table", "message", "explanation", "expected", "found", "cells", "link"],
  ru: [
    "серьезность",
    "правило",
    "вид",
    "таблица",
    "сообщение",
    "объяснение",
    "ожидается",
    "фактически",
    "ячейки",
    "ссылка",
  ],
} as const;

const SEVERITY = {
  en: { error: "error", warning: "warning" },
  ru: { error: "ошибка", warning: "предупреждение" },
} as const;

/** The reporter's metadata as the report reads it, and a stamp of its last change for the cache key. */
async function metadataOf(context: ComparabilityContext, reporter: string) {
  const entries = await countryMetadataForReporter(context.cubes.db, reporter);
  const metadata: ConsistencyMetadata[] = entries.map((e) => ({
    table: e.tableId,
    fromYear: e.fromYear,
    toYear: e.toYear,
    breaks: e.breaks,
    statelessInCitizenshipTable: e.statelessInCitizenshipTable,
  }));
  const stamp = `${entries.length}:${Math.max(0, ...entries.map((e) => e.updatedAt.getTime()))}`;
  return { metadata, stamp };
}

/** Years with figures for the reporter in any released table, ascending. */
export function reporterYears(tables: ReleasedTables, reporter: string): number[] {
  const years = new Set<number>();
  for (const { cube } of tables.values()) {
    if (!cube.dimensions.find((d) => d.code === "reporter")?.categories.some((c) => c.code === reporter)) continue;
    for (const c of cube.dimensions.find((d) => d.code === "year")?.categories ?? []) years.add(Number(c.code));
  }
  return [...years].sort((a, b) => a - b);
}

const FORMATS = ["json", "csv"] as const;

export async function consistencyRoutes(app: FastifyInstance, context: ComparabilityContext): Promise<void> {
  const countryParam = {
    type: "object",
    required: ["country"],
    properties: { country: { type: "string", description: "A participating country (ISO alpha-3)" } },
  } as const;

  app.get(
    "/api/comparability/consistency/:country",
    {
      schema: {
        tags: ["Comparability"],
        summary: "Consistency of a country's released data, year by year",
        description:
          "For each year with figures: how many errors and warnings the consistency rules find on the released data, and how many rules could run. The report of one year is at /api/comparability/consistency/{country}/{year}.",
        params: countryParam,
        querystring: { type: "object", properties: { lang: { type: "string" } } },
        response: {
          200: {
            type: "object",
            properties: {
              language: { type: "string" },
              reporter: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
              versions: { type: "string" },
              years: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    year: { type: "integer" },
                    errors: { type: "integer" },
                    warnings: { type: "integer" },
                    checked: { type: "integer" },
                    rules: { type: "integer" },
                    tables: { type: "array", items: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { country } = request.params as { country: string };
      const lang = langOf((request.query as { lang?: string }).lang, context.languages);
      const reporter = countryOf(country, context.reporters);
      const versions = await currentVersions(context.cubes);
      const { metadata, stamp } = await metadataOf(context, reporter);
      const key = `consistency-years|${reporter}|${lang}|${stamp}|${versionsKey(versions)}`;
      return context.answer(request, reply, key, async () => {
        const tables = await loadReleased(context.cubes, versions, { previous: true });
        const years = reporterYears(tables, reporter).map((year) => {
          const r = consistencyReport(tables, reporter, year, {
            reporters: context.reporters,
            metadata,
            maxFindings: 0,
          });
          return {
            year,
            errors: r.errors,
            warnings: r.warnings,
            checked: r.rules.filter((x) => x.checked).length,
            rules: r.rules.length,
            tables: r.tables,
          };
        });
        return jsonAnswer({
          language: lang,
          reporter: { code: reporter, name: countryByCode(reporter)?.label[lang] ?? reporter },
          versions: versionsKey(versions),
          years,
        });
      });
    },
  );

  app.get(
    "/api/comparability/consistency/:country/:year",
    {
      schema: {
        tags: ["Comparability"],
        summary: "Consistency report of a country and year",
        description:
          "Every consistency rule of the standard tables run on the released data of one country and year: within each table (totals by sex, age and the table's breakdown or partners, whole non-negative numbers), across tables (1.1 FOR = 1.2 _T, 3 _T = 5.1 _T = 5.2 _T, …), over time (against the year before and the previous version). Each finding names the cells it involves, with labels and figures, and links to the table page showing them. Known, explained differences (two UN revisions; a break in series recorded in the country's metadata or flagged on the cell) are warnings with their explanation. `table` keeps the findings and rules of some tables.",
        params: {
          type: "object",
          required: ["country", "year"],
          properties: { country: { type: "string" }, year: { type: "string" } },
        },
        querystring: {
          type: "object",
          properties: {
            table: { type: "string", description: "Only findings and rules of these tables, comma-separated" },
            lang: { type: "string" },
            format: { type: "string", description: "json (default) or csv" },
          },
        },
        response: { 200: consistencySchema },
      },
    },
    async (request, reply) => {
      const params = request.params as { country: string; year: string };
      const q = request.query as Record<string, string | undefined>;
      const lang = langOf(q.lang, context.languages);
      const format = oneOf(q.format, "format", FORMATS, "json");
      const reporter = countryOf(params.country, context.reporters);
      const year = yearOf(params.year, "year") as number;
      const only = tablesOf(q.table);
      const versions = await currentVersions(context.cubes);
      const { metadata, stamp } = await metadataOf(context, reporter);
      const key = `consistency|${reporter}|${year}|${only.join(",")}|${lang}|${format}|${stamp}|${versionsKey(versions)}`;
      return context.answer(request, reply, key, async () => {
        const tables = await loadReleased(context.cubes, versions, { previous: true });
        const report = consistencyReport(tables, reporter, year, { reporters: context.reporters, metadata });
        const view = consistencyView(report, lang, only);
        if (format === "json") return jsonAnswer(view);
        const rows = view.findings.map((f) => [
          SEVERITY[lang][f.severity],
          f.rule,
          RULE_KINDS[f.kind][lang],
          f.tableNumber,
          f.message,
          f.explanation ?? "",
          f.expected ?? null,
          f.found ?? null,
          f.cells
            .map(
              (c) =>
                `${c.table} ${Object.values(c.labels).join(" / ")}: ${c.value ?? c.symbol}${c.flags ? ` ${c.flags}` : ""}`,
            )
            .join("; "),
          f.links[0]?.href ?? "",
        ]);
        return {
          body: sheetCsv({ name: "consistency", header: CSV_HEADER[lang], rows }),
          mediaType: FILE_MEDIA_TYPES.csv,
          headers: { "content-disposition": `attachment; filename="consistency-${reporter}-${year}.csv"` },
        };
      });
    },
  );
}
