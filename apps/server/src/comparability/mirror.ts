/**
 * Mirror statistics under /api/comparability/mirror (pure part: `@clearinghouse/domain` comparability/mirror.ts):
 *   GET /api/comparability/mirror?year=&basis=&lang=&format=json|csv          every pair of a year (the matrix)
 *   GET /api/comparability/mirror/{receiver}/{sender}?basis=&lang=&format=     one pair over every year
 * Answers are computed from the current versions of tables 3 and 4 (or 5.2 and 6.2) and carry their ETag by them.
 */

import { type Bilingual, flagLetters } from "@clearinghouse/cube";
import {
  countryByCode,
  type Derived,
  MIRROR_BASES,
  MIRROR_BASIS_DECLS,
  MIRROR_DEFINITIONS,
  type MirrorBasis,
  type MirrorComparison,
  MirrorInputs,
  mirrorMatrix,
  mirrorSeries,
  roundTo,
  versionKey,
} from "@clearinghouse/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendCached } from "../http/caching.ts";
import { ApiProblem, badRequest } from "../http/problem.ts";
import { writeCsv } from "../inventory/csv.ts";
import type { ComparabilityContext } from "./index.ts";
import { releasedTables } from "./released.ts";

/** Decimals of the ratio and the asymmetry index in the answers. */
export const MIRROR_DECIMALS = 3;

type Lang = "en" | "ru";

const MISSING_TEXT: Readonly<Record<"immigration" | "emigration" | "both", Bilingual>> = {
  immigration: {
    en: "{receiver} has no figure of immigration from {sender} (table {table}).",
    ru: "Нет данных {receiver} об иммиграции из {sender} (таблица {table}).",
  },
  emigration: {
    en: "{sender} has no figure of emigration to {receiver} (table {table}).",
    ru: "Нет данных {sender} об эмиграции в {receiver} (таблица {table}).",
  },
  both: {
    en: "Neither country has a figure of this flow.",
    ru: "Ни одна из стран не представила данных об этом потоке.",
  },
};

const tableNumber = (id: string) => id.replace(/^T/, "").replace("_", ".");

export const mirrorQuerySchema = {
  type: "object",
  properties: {
    basis: {
      type: "string",
      enum: [...MIRROR_BASES],
      description: "residence (tables 3 and 4, default) or citizenship (5.2 and 6.2)",
    },
    year: { type: "string", description: "Four digits (default the latest year of the tables)" },
    lang: { type: "string", enum: ["en", "ru"], description: "Language of the labels (default en)" },
    format: { type: "string", enum: ["json", "csv"], description: "json (default) or csv" },
  },
} as const;

const { year: _year, ...seriesProperties } = mirrorQuerySchema.properties;
const seriesQuerySchema = { type: "object", properties: seriesProperties } as const;

interface MirrorQuery {
  readonly basis?: MirrorBasis;
  readonly year?: string;
  readonly lang?: Lang;
  readonly format?: "json" | "csv";
}

/** A derived figure as the API writes it: rounded value, symbol, flag letters, why there is none. */
function figure(d: Derived, decimals?: number) {
  const value = d.value === null ? null : decimals === undefined ? d.value : roundTo(d.value, decimals);
  return {
    value,
    status: d.status,
    flags: flagLetters(d.flags),
    ...(d.reason ? { reason: d.reason } : {}),
  };
}

function countryLabel(code: string, lang: Lang): string {
  return countryByCode(code)?.label[lang] ?? code;
}

function comparisonJson(c: MirrorComparison, lang: Lang) {
  const decl = MIRROR_BASIS_DECLS[c.basis];
  const missingTable = c.missing === "immigration" ? decl.immigration.table : decl.emigration.table;
  return {
    year: c.year,
    receiver: c.receiver,
    sender: c.sender,
    immigration: { ...figure(c.immigration), cell: c.immigration.sources[0] },
    emigration: { ...figure(c.emigration), cell: c.emigration.sources[0] },
    difference: figure(c.difference),
    ratio: figure(c.ratio, MIRROR_DECIMALS),
    asymmetry: figure(c.asymmetry, MIRROR_DECIMALS),
    ...(c.missing
      ? {
          missing: c.missing,
          missingText: MISSING_TEXT[c.missing][lang]
            .replace("{receiver}", countryLabel(c.receiver, lang))
            .replace("{sender}", countryLabel(c.sender, lang))
            .replace("{table}", tableNumber(missingTable)),
        }
      : {}),
  };
}

const CSV_HEADER = [
  "basis",
  "year",
  "receiver",
  "receiver_label",
  "sender",
  "sender_label",
  "immigration",
  "immigration_status",
  "immigration_flags",
  "emigration",
  "emigration_status",
  "emigration_flags",
  "difference",
  "ratio",
  "asymmetry",
  "asymmetry_status",
  "asymmetry_flags",
  "missing",
];

function csvRow(c: MirrorComparison, lang: Lang): string[] {
  const n = (d: Derived, decimals?: number) =>
    d.value === null ? "" : String(decimals === undefined ? d.value : roundTo(d.value, decimals));
  return [
    c.basis,
    c.year,
    c.receiver,
    countryLabel(c.receiver, lang),
    c.sender,
    countryLabel(c.sender, lang),
    n(c.immigration),
    c.immigration.status,
    flagLetters(c.immigration.flags),
    n(c.emigration),
    c.emigration.status,
    flagLetters(c.emigration.flags),
    n(c.difference),
    n(c.ratio, MIRROR_DECIMALS),
    n(c.asymmetry, MIRROR_DECIMALS),
    c.asymmetry.status,
    flagLetters(c.asymmetry.flags),
    c.missing ?? "",
  ];
}

export async function mirrorRoutes(app: FastifyInstance, context: ComparabilityContext): Promise<void> {
  const { cubes, reporters } = context;
  const tags = ["Comparability"];

  const inputsOf = async (basis: MirrorBasis) => {
    const decl = MIRROR_BASIS_DECLS[basis];
    const ids = [decl.immigration.table, decl.emigration.table];
    const tables = await releasedTables(cubes, ids);
    const inputs = new MirrorInputs(decl, {
      ...(tables.get(decl.immigration.table) ? { immigration: tables.get(decl.immigration.table)?.cube } : {}),
      ...(tables.get(decl.emigration.table) ? { emigration: tables.get(decl.emigration.table)?.cube } : {}),
    });
    return { decl, inputs, key: versionKey(tables, ids) };
  };

  const checkCountry = (code: string, name: string) => {
    if (!reporters.includes(code)) {
      throw new ApiProblem(
        400,
        `${name} "${code.slice(0, 20)}" is not a participating country (${reporters.join(", ")})`,
        `${name} «${code.slice(0, 20)}» — не страна-участница (${reporters.join(", ")})`,
      );
    }
  };

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    query: MirrorQuery,
    key: string,
    comparisons: readonly MirrorComparison[],
    head: Record<string, unknown>,
  ) => {
    const lang = query.lang ?? "en";
    if (query.format === "csv") {
      const csv = writeCsv([CSV_HEADER, ...comparisons.map((c) => csvRow(c, lang))], { bom: true });
      reply.header("content-disposition", `attachment; filename="${String(head.name)}.csv"`);
      return sendCached(request, reply, Buffer.from(csv), `${key}|csv|${lang}`, "text/csv; charset=utf-8");
    }
    const basis = query.basis ?? "residence";
    const body = {
      basis,
      basisLabel: MIRROR_BASIS_DECLS[basis].label[lang],
      definitions: {
        difference: MIRROR_DEFINITIONS.difference[lang],
        ratio: MIRROR_DEFINITIONS.ratio[lang],
        asymmetry: MIRROR_DEFINITIONS.asymmetry[lang],
      },
      countries: reporters.map((code) => ({ code, label: countryLabel(code, lang) })),
      ...head,
      comparisons: comparisons.map((c) => comparisonJson(c, lang)),
    };
    return sendCached(request, reply, body, key);
  };

  app.get(
    "/api/comparability/mirror",
    {
      schema: {
        tags,
        summary: "Mirror statistics of every pair of participating countries for one year",
        description:
          "For every ordered pair (receiver A, sender B): A's immigration from B (table 3, previous residence B) against B's emigration to A (table 4, next residence A), or by citizenship 5.2 against 6.2; both figures with their status, flags and cell, the difference I − E, the ratio I / E and the asymmetry index (I − E) / (I + E), and which side is missing. `format=csv` gives one row per pair.",
        querystring: mirrorQuerySchema,
      },
    },
    async (request, reply) => {
      const query = request.query as MirrorQuery;
      const { inputs, key } = await inputsOf(query.basis ?? "residence");
      const years = inputs.years();
      const year = query.year ?? years.at(-1);
      if (query.year !== undefined && !/^\d{4}$/.test(query.year)) {
        throw badRequest(
          `year must be four digits, not "${query.year.slice(0, 20)}"`,
          `год должен состоять из четырёх цифр, а не «${query.year.slice(0, 20)}»`,
        );
      }
      const comparisons = year ? mirrorMatrix(inputs, year, reporters) : [];
      return send(request, reply, query, `${key}|${year}`, comparisons, {
        name: `mirror-${query.basis ?? "residence"}-${year ?? "none"}`,
        year: year ?? null,
        years,
      });
    },
  );

  app.get(
    "/api/comparability/mirror/:receiver/:sender",
    {
      schema: {
        tags,
        summary: "Mirror statistics of one pair of participating countries over every year",
        description:
          "The receiver A's immigration from the sender B against B's emigration to A, year by year, as in /api/comparability/mirror.",
        params: {
          type: "object",
          properties: {
            receiver: { type: "string", pattern: "^[A-Z]{3}$", description: "The receiving country (ISO alpha-3)" },
            sender: { type: "string", pattern: "^[A-Z]{3}$", description: "The sending country (ISO alpha-3)" },
          },
          required: ["receiver", "sender"],
        },
        querystring: seriesQuerySchema,
      },
    },
    async (request, reply) => {
      const { receiver, sender } = request.params as { receiver: string; sender: string };
      checkCountry(receiver, "receiver");
      checkCountry(sender, "sender");
      if (receiver === sender)
        throw badRequest("receiver and sender must differ", "страны приёма и выбытия должны различаться");
      const query = request.query as MirrorQuery;
      const { inputs, key } = await inputsOf(query.basis ?? "residence");
      const comparisons = mirrorSeries(inputs, receiver, sender);
      return send(request, reply, query, `${key}|${receiver}|${sender}`, comparisons, {
        name: `mirror-${query.basis ?? "residence"}-${receiver}-${sender}`,
        receiver: { code: receiver, label: countryLabel(receiver, query.lang ?? "en") },
        sender: { code: sender, label: countryLabel(sender, query.lang ?? "en") },
        years: inputs.years(),
      });
    },
  );
}
