/**
 * The network's routes (decision 0019), registered in moderation.ts's scope (its error handler answers refusals
 * as problem documents in the reader's language):
 *   public:  GET  /api/inventory/network                          countries × topics, with counts
 *            GET  /api/inventory/releases                         releases, newest first, with the licence
 *            GET  /api/inventory/releases/schema.json             JSON Schema of a release document
 *            GET  /api/inventory/releases/:version                one release: counts and what changed
 *            GET  /api/inventory/releases/:version/inventory.json the whole release (JSON)
 *            GET  /api/inventory/releases/:version/:file.csv      institutions, names, relationships (CSV)
 *   editors: POST /api/inventory/releases                         publish the inventory as the next release
 *            POST /api/inventory/institutions/:id/relationships   add {type, id} (and so its reciprocal)
 *            DELETE /api/inventory/institutions/:id/relationships/:other
 *            PUT  /api/inventory/institutions/:id/identifiers     {identifiers: {ror?, wikidata?, national?}}
 *            PUT  /api/inventory/institutions/:id/names           {names: [{type, lang, name}]}
 *            POST /api/inventory/institutions/:id/verify          {note?}: checked today
 *            GET  /api/inventory/verification                     the queue of entries to check
 *            POST /api/inventory/duplicates/dismiss               {a, b}: not a duplicate
 */

import { countryByCode } from "@clearinghouse/domain";
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { Kysely } from "kysely";
import { sendCached } from "../http/caching.ts";
import { requestLanguage } from "../http/language.ts";
import type { Database } from "../storage/schema.ts";
import { IDENTIFIER_SCHEMES } from "./identifiers.ts";
import { ModerationError } from "./moderation-store.ts";
import { networkMessages as nm } from "./network-messages.ts";
import {
  addRelationship,
  dismissPair,
  listReleases,
  networkCounts,
  publishRelease,
  releaseDocument,
  removeRelationship,
  setIdentifiers,
  setNames,
  verificationQueue,
  verifyInstitution,
} from "./network-store.ts";
import { networkGrid } from "./networking.ts";
import type { FieldProblem } from "./proposal.ts";
import { isRelationView, RELATION_VIEWS } from "./relationships.ts";
import { LICENCE, NAME_TYPES, RELEASE_CSV_FILES, type ReleaseCsvFile, releaseCsv, releaseSchema } from "./release.ts";
import type { IdentifierScheme, NameType } from "./schema.ts";
import { TOPICS } from "./vocabulary.ts";

type Body = Record<string, unknown>;

export interface NetworkApiOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly editor: preHandlerHookHandler;
  readonly fieldProblems: (problems: readonly FieldProblem[]) => ModerationError;
  readonly objectBody: (value: unknown) => Body;
  readonly optionalText: (body: Body, field: string, max: number) => string | null;
  readonly paging: (request: FastifyRequest) => { page: number; pageSize: number };
}

const tags = ["Inventory network and releases"];
const MAX_NAMES = 50;
const MAX_NOTE = 2000;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function networkApi(app: FastifyInstance, options: NetworkApiOptions): Promise<void> {
  const { db, now, editor, fieldProblems, objectBody, optionalText, paging } = options;
  const countryName = (code: string, lang: "en" | "ru") => countryByCode(code)?.label[lang] ?? code;
  const idParam = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(
    "/api/inventory/network",
    {
      schema: {
        tags,
        summary: "Who works on what: countries × topics with counts (public)",
        description:
          "For each country (where entries are or work) and topic, how many entries in the list (not withdrawn) there are: the total a search with that country and topic shows. Countries with most entries first.",
      },
    },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const { cells, countryTotals } = await networkCounts(db);
      const collator = new Intl.Collator(lang);
      const topics = TOPICS.map((t) => t.id);
      const rows = networkGrid(cells, countryTotals, topics, (a, b) =>
        collator.compare(countryName(a, lang), countryName(b, lang)),
      );
      return sendCached(request, reply, {
        language: lang,
        topics: TOPICS.map((t) => ({ id: t.id, label: t.label[lang] })),
        countries: rows.map((r) => ({ code: r.country, name: countryName(r.country, lang), ...r })),
      });
    },
  );

  // ——— relationships, identifiers, names ———

  app.post(
    "/api/inventory/institutions/:id/relationships",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Relate an entry to another (editors, CSRF)",
        description:
          "`type` is what the other entry (`id`) is to this one: parent, child, predecessor, successor or related; the other side gets the reciprocal. Refused (409) when the pair is related already or it would close a cycle of parents or predecessors.",
        body: {
          type: "object",
          required: ["type", "id"],
          properties: { type: { type: "string", enum: [...RELATION_VIEWS] }, id: { type: "string" } },
        },
      },
    },
    async (request, reply) => {
      const body = objectBody(request.body);
      if (!isRelationView(body.type)) {
        throw fieldProblems([{ field: "type", message: nm.badRelationshipType(String(body.type), RELATION_VIEWS) }]);
      }
      const other = optionalText(body, "id", 64);
      if (other === null) throw fieldProblems([{ field: "id", message: nm.unknownEntry("") }]);
      await addRelationship(db, idParam(request), body.type, other, request.user?.id ?? null);
      return reply.code(201).send({ id: idParam(request), type: body.type, related: other });
    },
  );

  app.delete(
    "/api/inventory/institutions/:id/relationships/:other",
    { preHandler: editor, schema: { tags, summary: "Remove a relationship, both sides (editors, CSRF)" } },
    async (request) => {
      const { id, other } = request.params as { id: string; other: string };
      await removeRelationship(db, id, other);
      return { id, removed: other };
    },
  );

  app.put(
    "/api/inventory/institutions/:id/identifiers",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Set an entry's external identifiers (editors, CSRF)",
        description:
          "ROR (`03vek6s52` or its URL; the check digits are verified), Wikidata (`Q1065` or its URL), the national register number (by the country's format). An identifier another entry has is refused (409): the two are likely duplicates.",
        body: {
          type: "object",
          properties: {
            identifiers: {
              type: "object",
              properties: { ror: { type: "string" }, wikidata: { type: "string" }, national: { type: "string" } },
            },
          },
        },
      },
    },
    async (request) => {
      const body = objectBody(request.body);
      const given = body.identifiers === undefined ? {} : objectBody(body.identifiers);
      const inputs: { scheme: IdentifierScheme; value: string }[] = [];
      for (const [scheme, value] of Object.entries(given)) {
        if (!(IDENTIFIER_SCHEMES as readonly string[]).includes(scheme)) {
          throw fieldProblems([{ field: `identifiers.${scheme}`, message: nm.badScheme(scheme) }]);
        }
        if (value === null || value === "") continue;
        if (typeof value !== "string")
          throw fieldProblems([{ field: `identifiers.${scheme}`, message: nm.badScheme(scheme) }]);
        inputs.push({ scheme: scheme as IdentifierScheme, value });
      }
      try {
        return { id: idParam(request), identifiers: await setIdentifiers(db, idParam(request), inputs) };
      } catch (error) {
        // Name the field of a malformed identifier.
        if (error instanceof ModerationError && error.status === 400) {
          const scheme = inputs.find((i) => error.text.en.includes(i.value.trim()))?.scheme ?? "";
          throw fieldProblems([{ field: `identifiers.${scheme}`, message: error.text }]);
        }
        throw error;
      }
    },
  );

  app.put(
    "/api/inventory/institutions/:id/names",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Set an entry's further names by type and language (editors, CSRF)",
        description:
          "Names besides the official English, Russian and original ones (the entry's fields): official names in other languages, short names, acronyms, former names; `lang` is an ISO 639 code.",
        body: {
          type: "object",
          properties: {
            names: {
              type: "array",
              maxItems: MAX_NAMES,
              items: {
                type: "object",
                properties: {
                  type: { type: "string", enum: [...NAME_TYPES] },
                  lang: { type: "string" },
                  name: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const body = objectBody(request.body);
      const raw = body.names;
      if (!Array.isArray(raw)) throw fieldProblems([{ field: "names", message: nm.notAList("names") }]);
      if (raw.length > MAX_NAMES) throw fieldProblems([{ field: "names", message: nm.tooMany("names", MAX_NAMES) }]);
      const names = raw.map((n: unknown, k: number) => {
        const o = (typeof n === "object" && n !== null ? n : {}) as Record<string, unknown>;
        const at = `names[${k}]`;
        if (!(NAME_TYPES as readonly unknown[]).includes(o.type)) {
          throw fieldProblems([{ field: `${at}.type`, message: nm.badNameType(String(o.type)) }]);
        }
        const lang = typeof o.lang === "string" ? o.lang.trim().toLowerCase() : "";
        if (!/^[a-z]{2,3}$/.test(lang))
          throw fieldProblems([{ field: `${at}.lang`, message: nm.badLanguage(String(o.lang)) }]);
        const name = typeof o.name === "string" ? o.name.trim() : "";
        if (name === "") throw fieldProblems([{ field: `${at}.name`, message: nm.emptyName() }]);
        if (name.length > 500) throw fieldProblems([{ field: `${at}.name`, message: nm.nameTooLong() }]);
        return { type: o.type as NameType, lang, name };
      });
      await setNames(db, idParam(request), names);
      return { id: idParam(request), names };
    },
  );

  // ——— verification ———

  app.post(
    "/api/inventory/institutions/:id/verify",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Mark an entry as checked today (editors, CSRF)",
        body: { type: "object", properties: { note: { type: "string" } } },
      },
    },
    async (request) => {
      const body = request.body === undefined || request.body === null ? {} : objectBody(request.body);
      const note = optionalText(body, "note", MAX_NOTE);
      return {
        id: idParam(request),
        ...(await verifyInstitution(db, idParam(request), request.user?.id as number, note, now())),
      };
    },
  );

  app.get(
    "/api/inventory/verification",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Entries to check: never verified, verified over a year ago, or whose website fails (editors)",
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const { page, pageSize } = paging(request);
      const { total, items } = await verificationQueue(db, now(), page, pageSize);
      return {
        total,
        page,
        pageSize,
        items: items.map((i) => ({
          id: i.id,
          name: (lang === "ru" ? (i.name_ru ?? i.name_en) : (i.name_en ?? i.name_ru)) ?? i.id,
          website: i.website,
          verifiedAt: iso(i.verifiedAt),
          linkStatus: i.linkStatus,
          reasons: i.reasons,
        })),
      };
    },
  );

  app.post(
    "/api/inventory/duplicates/dismiss",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Not a duplicate: the pair is not proposed again (editors, CSRF)",
        body: { type: "object", required: ["a", "b"], properties: { a: { type: "string" }, b: { type: "string" } } },
      },
    },
    async (request) => {
      const body = objectBody(request.body);
      const a = optionalText(body, "a", 64);
      const b = optionalText(body, "b", 64);
      if (a === null) throw fieldProblems([{ field: "a", message: nm.unknownEntry("") }]);
      if (b === null) throw fieldProblems([{ field: "b", message: nm.unknownEntry("") }]);
      await dismissPair(db, a, b, request.user?.id as number);
      return { a, b, dismissed: true };
    },
  );

  // ——— releases ———

  app.get(
    "/api/inventory/releases",
    { schema: { tags, summary: "The public releases of the inventory, newest first, and their licence (public)" } },
    async (request, reply) => {
      const lang = requestLanguage(request);
      const releases = await listReleases(db);
      return sendCached(request, reply, {
        licence: { id: LICENCE.id, name: LICENCE.name, url: LICENCE.url, statement: LICENCE.statement[lang] },
        schema: "/api/inventory/releases/schema.json",
        items: releases.map((r) => ({ ...r, publishedAt: iso(r.publishedAt), files: filesOf(r.version) })),
      });
    },
  );

  app.post(
    "/api/inventory/releases",
    {
      preHandler: editor,
      schema: {
        tags,
        summary: "Publish the inventory as it is now as the next release (editors, CSRF)",
        description: "Refused (409) when nothing changed since the last release.",
        body: { type: "object", properties: { note: { type: "string" } } },
      },
    },
    async (request, reply) => {
      const body = request.body === undefined || request.body === null ? {} : objectBody(request.body);
      const note = optionalText(body, "note", MAX_NOTE);
      const release = await publishRelease(db, request.user?.id ?? null, note, now());
      return reply
        .code(201)
        .send({ ...release, publishedAt: iso(release.publishedAt), files: filesOf(release.version) });
    },
  );

  app.get(
    "/api/inventory/releases/schema.json",
    { schema: { tags, summary: "The JSON Schema of a release document (public)" } },
    async (request, reply) => {
      reply.type("application/schema+json; charset=utf-8");
      return sendCached(request, reply, releaseSchema("/api/inventory/releases/schema.json"));
    },
  );

  const versionOf = (request: FastifyRequest): number => {
    const raw = (request.params as { version: string }).version;
    const n = Number(raw);
    if (!/^\d{1,6}$/.test(raw) || n < 1) throw new ModerationError(404, nm.releaseNotFound(raw));
    return n;
  };
  const documentOf = async (request: FastifyRequest) => {
    const version = versionOf(request);
    const doc = await releaseDocument(db, version);
    if (!doc) throw new ModerationError(404, nm.releaseNotFound(String(version)));
    return doc;
  };

  app.get(
    "/api/inventory/releases/:version",
    { schema: { tags, summary: "One release: its counts, what changed since the previous one, its files (public)" } },
    async (request, reply) => {
      const version = versionOf(request);
      const release = (await listReleases(db)).find((r) => r.version === version);
      if (!release) throw new ModerationError(404, nm.releaseNotFound(String(version)));
      return sendCached(request, reply, { ...release, publishedAt: iso(release.publishedAt), files: filesOf(version) });
    },
  );

  app.get(
    "/api/inventory/releases/:version/inventory.json",
    { schema: { tags, summary: "A whole release as JSON (the schema: releases/schema.json) (public)" } },
    async (request, reply) => {
      const doc = await documentOf(request);
      reply.header("content-disposition", `attachment; filename="inventory-release-${doc.version}.json"`);
      return sendCached(request, reply, doc);
    },
  );

  app.get(
    "/api/inventory/releases/:version/:file",
    {
      schema: {
        tags,
        summary: "A release's CSV file: institutions.csv, names.csv or relationships.csv (public)",
      },
    },
    async (request, reply) => {
      const file = (request.params as { file: string }).file.replace(/\.csv$/, "");
      if (!(RELEASE_CSV_FILES as readonly string[]).includes(file)) {
        throw new ModerationError(404, nm.releaseNotFound((request.params as { version: string }).version));
      }
      const doc = await documentOf(request);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="inventory-release-${doc.version}-${file}.csv"`);
      return reply.send(releaseCsv(doc, file as ReleaseCsvFile));
    },
  );
}

/** The files of a release, by their API paths. */
function filesOf(version: number) {
  const base = `/api/inventory/releases/${version}`;
  return {
    json: `${base}/inventory.json`,
    ...Object.fromEntries(RELEASE_CSV_FILES.map((f) => [`${f}Csv`, `${base}/${f}.csv`])),
  };
}
