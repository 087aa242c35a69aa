/**
 * The indicators with their formulas and the cells of each value, under /api/comparability/indicators (the same
 * values as table IND, which the PxWeb APIs serve; pure part: `@clearinghouse/domain` comparability/indicators.ts):
 *   GET /api/comparability/indicators?lang=                              the indicators: label, units, decimals, formula, tables
 *   GET /api/comparability/indicators/{reporter}?lang=&format=json|csv    every indicator of a country, year by year (no cells)
 *   GET /api/comparability/indicators/{reporter}/{year}?lang=             every indicator of a country and year, with the cells
 *   GET /api/comparability/indicators/{reporter}/{year}/{indicator}?lang= one value with its formula and cells
 */

import { flagLetters } from "@clearinghouse/cube";
import {
  countryByCode,
  type Derived,
  INDICATORS,
  type IndicatorDecl,
  type IndicatorSet,
  indicatorDecl,
  indicatorValue,
  roundedValue,
  type SourceCell,
  tableDecl,
} from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { sendCached } from "../http/caching.ts";
import { ApiProblem, notFound } from "../http/problem.ts";
import { writeCsv } from "../inventory/csv.ts";
import type { ComparabilityContext } from "./index.ts";

type Lang = "en" | "ru";

const langQuery = {
  type: "object",
  properties: { lang: { type: "string", enum: ["en", "ru"], description: "Language of the texts (default en)" } },
} as const;

function definition(d: IndicatorDecl, lang: Lang) {
  return {
    code: d.code,
    label: d.label[lang],
    units: d.units[lang],
    decimals: d.decimals,
    formula: d.formula[lang],
    tables: d.tables.map((t) => ({ id: t, number: tableDecl(t).number })),
  };
}

function sourceJson(s: SourceCell) {
  return {
    table: s.table,
    number: tableDecl(s.table).number,
    cell: s.cell,
    value: s.value,
    status: s.status,
    flags: s.flags,
  };
}

function valueJson(d: Derived, decl: IndicatorDecl, lang: Lang, withSources: boolean) {
  return {
    value: roundedValue(d, decl),
    status: d.status,
    flags: flagLetters(d.flags),
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.note ? { note: d.note[lang] } : {}),
    ...(withSources ? { sources: d.sources.map(sourceJson) } : {}),
  };
}

export async function indicatorRoutes(app: FastifyInstance, context: ComparabilityContext): Promise<void> {
  const { cubes, reporters, indicators } = context;
  const tags = ["Comparability"];

  const current = async (): Promise<{ set: IndicatorSet; key: string }> =>
    (await indicators.current(cubes)) ?? {
      set: { reporters, years: [], indicators: INDICATORS, values: [] },
      key: "",
    };

  const checkReporter = (code: string) => {
    if (!reporters.includes(code)) {
      throw new ApiProblem(
        404,
        `"${code.slice(0, 20)}" is not a participating country (${reporters.join(", ")})`,
        `«${code.slice(0, 20)}» — не страна-участница (${reporters.join(", ")})`,
      );
    }
  };
  const country = (code: string, lang: Lang) => ({ code, label: countryByCode(code)?.label[lang] ?? code });

  app.get(
    "/api/comparability/indicators",
    {
      schema: {
        tags,
        summary: "The indicators of table IND: label, units, decimals, formula and input tables",
        description:
          "Computed for every participating country and year from the current versions of tables 1.1, 2.1, 3, 4 and 7.1: missing where an input is missing (..), confidential where an input is (x), with the inputs' flags. The same values are table IND of the PxWeb APIs.",
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const lang = (request.query as { lang?: Lang }).lang ?? "en";
      const { set, key } = await current();
      return sendCached(
        request,
        reply,
        {
          table: "IND",
          indicators: set.indicators.map((d) => definition(d, lang)),
          countries: set.reporters.map((c) => country(c, lang)),
          years: set.years,
        },
        key,
      );
    },
  );

  const reporterParam = { type: "string", pattern: "^[A-Z]{3}$", description: "Participating country (ISO alpha-3)" };

  app.get(
    "/api/comparability/indicators/:reporter",
    {
      schema: {
        tags,
        summary: "Every indicator of one country, year by year (for sparklines and profiles)",
        params: { type: "object", properties: { reporter: reporterParam }, required: ["reporter"] },
        querystring: {
          type: "object",
          properties: {
            ...langQuery.properties,
            format: { type: "string", enum: ["json", "csv"], description: "json (default) or csv" },
          },
        },
      },
    },
    async (request, reply) => {
      const { reporter } = request.params as { reporter: string };
      const query = request.query as { lang?: Lang; format?: "json" | "csv" };
      const lang = query.lang ?? "en";
      checkReporter(reporter);
      const { set, key } = await current();
      const series = set.indicators.map((decl) => ({
        ...definition(decl, lang),
        values: set.years.map((year) => {
          const d = indicatorValue(set, reporter, year, decl.code);
          return { year, ...(d ? valueJson(d, decl, lang, false) : { value: null, status: "..", flags: "" }) };
        }),
      }));
      if (query.format === "csv") {
        const rows = series.flatMap((s) =>
          s.values.map((v) => [
            reporter,
            v.year,
            s.code,
            s.label,
            s.units,
            v.value === null ? "" : String(v.value),
            v.status,
            v.flags,
          ]),
        );
        const csv = writeCsv(
          [["reporter", "year", "indicator", "label", "units", "value", "status", "flags"], ...rows],
          { bom: true },
        );
        reply.header("content-disposition", `attachment; filename="indicators-${reporter}.csv"`);
        return sendCached(
          request,
          reply,
          Buffer.from(csv),
          `${key}|${reporter}|csv|${lang}`,
          "text/csv; charset=utf-8",
        );
      }
      return sendCached(
        request,
        reply,
        { country: country(reporter, lang), years: set.years, indicators: series },
        key,
      );
    },
  );

  const yearParam = { type: "string", pattern: "^\\d{4}$", description: "Year (four digits)" };

  app.get(
    "/api/comparability/indicators/:reporter/:year",
    {
      schema: {
        tags,
        summary: "Every indicator of one country and year, each with its formula and the cells it was computed from",
        params: {
          type: "object",
          properties: { reporter: reporterParam, year: yearParam },
          required: ["reporter", "year"],
        },
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const { reporter, year } = request.params as { reporter: string; year: string };
      const lang = (request.query as { lang?: Lang }).lang ?? "en";
      checkReporter(reporter);
      const { set, key } = await current();
      if (!set.years.includes(year)) throw notFound(`no indicators for ${year} (years: ${set.years.join(", ")})`);
      return sendCached(
        request,
        reply,
        {
          country: country(reporter, lang),
          year,
          indicators: set.indicators.map((decl) => ({
            ...definition(decl, lang),
            ...valueJson(indicatorValue(set, reporter, year, decl.code) as Derived, decl, lang, true),
          })),
        },
        key,
      );
    },
  );

  app.get(
    "/api/comparability/indicators/:reporter/:year/:indicator",
    {
      schema: {
        tags,
        summary: "One indicator value with its formula and the cells it was computed from",
        params: {
          type: "object",
          properties: {
            reporter: reporterParam,
            year: yearParam,
            indicator: { type: "string", description: `Indicator code: ${INDICATORS.map((d) => d.code).join(", ")}` },
          },
          required: ["reporter", "year", "indicator"],
        },
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const { reporter, year, indicator } = request.params as { reporter: string; year: string; indicator: string };
      const lang = (request.query as { lang?: Lang }).lang ?? "en";
      checkReporter(reporter);
      const decl = indicatorDecl(indicator);
      if (!decl)
        throw notFound(`no indicator "${indicator.slice(0, 20)}" (${INDICATORS.map((d) => d.code).join(", ")})`);
      const { set, key } = await current();
      const d = indicatorValue(set, reporter, year, decl.code);
      if (!d) throw notFound(`no indicators for ${year} (years: ${set.years.join(", ")})`);
      return sendCached(
        request,
        reply,
        { country: country(reporter, lang), year, ...definition(decl, lang), ...valueJson(d, decl, lang, true) },
        key,
      );
    },
  );
}
