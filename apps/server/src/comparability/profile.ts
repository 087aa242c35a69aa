/**
 * GET /api/comparability/countries/{country}?lang=   a country profile's figures: the country's data availability
 * (every table and year), its largest partner countries in (table 3) and out (table 4) in the latest year. The
 * profile page adds /api/metadata/countries (the country's comparability metadata), the consistency by year
 * (/api/comparability/consistency/{country}), and the indicators and mirror comparisons.
 */

import { type CountryProfileData, countryByCode, countryProfile, type TopPartners } from "@clearinghouse/domain";
import type { FastifyInstance } from "fastify";
import { availabilitySchema, availabilityView } from "./availability.ts";
import { type ComparabilityContext, jsonAnswer } from "./index.ts";
import { countryOf, type Lang, langOf } from "./params.ts";
import { currentVersions, loadReleased, versionsKey } from "./released.ts";

const nullableNumber = { type: "number", nullable: true } as const;

const partnersSchema = {
  type: "object",
  properties: {
    table: { type: "string" },
    year: { type: "integer", nullable: true },
    total: nullableNumber,
    other: nullableNumber,
    unknown: nullableNumber,
    partners: {
      type: "array",
      items: {
        type: "object",
        properties: {
          code: { type: "string" },
          name: { type: "string" },
          value: { type: "number" },
          share: nullableNumber,
        },
      },
    },
  },
} as const;

export const profileSchema = {
  type: "object",
  properties: {
    language: { type: "string" },
    reporter: { type: "object", properties: { code: { type: "string" }, name: { type: "string" } } },
    versions: { type: "string" },
    availability: availabilitySchema,
    partnersIn: partnersSchema,
    partnersOut: partnersSchema,
  },
} as const;

const partnersView = (p: TopPartners, lang: Lang) => ({
  ...p,
  partners: p.partners.map((x) => ({ ...x, name: countryByCode(x.code)?.label[lang] ?? x.code })),
});

export function profileView(data: CountryProfileData, lang: Lang, versions: string) {
  return {
    language: lang,
    reporter: { code: data.reporter, name: countryByCode(data.reporter)?.label[lang] ?? data.reporter },
    versions,
    availability: availabilityView(data.availability, lang),
    partnersIn: partnersView(data.partnersIn, lang),
    partnersOut: partnersView(data.partnersOut, lang),
  };
}

export async function profileRoutes(app: FastifyInstance, context: ComparabilityContext): Promise<void> {
  app.get(
    "/api/comparability/countries/:country",
    {
      schema: {
        tags: ["Comparability"],
        summary: "A country profile's figures",
        description:
          "A participating country's data availability (every standard table and year, detail `all`) and its five largest partner countries of immigration (table 3, country of previous residence) and emigration (table 4, country of next residence) in the latest year with a total, with their shares of the total. Cached by the versions of the tables it reads.",
        params: {
          type: "object",
          required: ["country"],
          properties: { country: { type: "string", description: "A participating country (ISO alpha-3)" } },
        },
        querystring: { type: "object", properties: { lang: { type: "string" } } },
        response: { 200: profileSchema },
      },
    },
    async (request, reply) => {
      const { country } = request.params as { country: string };
      const lang = langOf((request.query as { lang?: string }).lang, context.languages);
      const reporter = countryOf(country, context.reporters);
      const versions = await currentVersions(context.cubes);
      const key = `profile|${reporter}|${lang}|${versionsKey(versions)}`;
      return context.answer(request, reply, key, async () => {
        const data = countryProfile(await loadReleased(context.cubes, versions), reporter);
        return jsonAnswer(profileView(data, lang, versionsKey(versions)));
      });
    },
  );
}
