/**
 * Likely duplicates: entries that look like the same institution. The database proposes candidates (trigram
 * similarity of the folded names and acronym, the same website host or e-mail domain); `scorePair` (pure) weighs
 * them. Reasons: `name`, `website` (same registrable domain, "www." aside), `email` (same domain, unless it is a
 * public mail provider, where a shared domain says nothing).
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { InstitutionFields } from "./interchange.ts";

export type DuplicateReason = "name" | "website" | "email";

export interface DuplicateScore {
  readonly score: number;
  readonly reasons: readonly DuplicateReason[];
}

/** A pair with at least this score is shown as a likely duplicate. */
export const DUPLICATE_THRESHOLD = 0.5;
/** Trigram similarity of the names from which they count as similar. */
const NAME_SIMILAR = 0.45;

/** Mail providers anyone can use: the same domain there is no sign of the same institution. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "mail.ru",
  "inbox.ru",
  "list.ru",
  "bk.ru",
  "yandex.ru",
  "yandex.com",
  "ya.ru",
  "rambler.ru",
  "ukr.net",
  "i.ua",
  "meta.ua",
  "tut.by",
  "mail.kz",
  "inbox.kz",
]);

/** Second-level labels under a country code that registries sell names beneath (gov.am, co.uk, org.ua…). */
const SECOND_LEVEL = new Set(["com", "org", "net", "gov", "edu", "ac", "co", "mil", "int", "nic", "or", "go", "in"]);

/**
 * The registrable domain of a host ("www.stat.gov.kz" → "stat.gov.kz", "armstat.am" → "armstat.am"), by a rule of
 * thumb instead of the whole public-suffix list: two labels, or three under a country code's common second level.
 */
export function registrableDomain(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".").filter(Boolean);
  if (labels.length < 2 || labels.every((l) => /^\d+$/.test(l))) return labels.length ? labels.join(".") : undefined;
  const tld = labels[labels.length - 1] as string;
  const second = labels[labels.length - 2] as string;
  const take = tld.length === 2 && SECOND_LEVEL.has(second) && labels.length >= 3 ? 3 : 2;
  return labels.slice(-take).join(".");
}

/** The registrable domain of a website address. */
export function websiteDomain(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return registrableDomain(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** The domain of an institutional e-mail address; undefined for public mail providers. */
export function emailDomain(email: string | null): string | undefined {
  const domain = email?.split("@")[1]?.trim().toLowerCase();
  if (!domain || PUBLIC_MAIL_DOMAINS.has(domain)) return undefined;
  return registrableDomain(domain);
}

/**
 * How likely two entries are the same: the name similarity (0–1), a shared website domain and a shared e-mail
 * domain, combined as independent signs (1 − Π(1 − sᵢ)). A shared website domain alone stays below the threshold
 * (one organisation's country offices share it); a shared institutional e-mail domain alone reaches it. Entries
 * located in two different countries count half: "IOM Kazakhstan" and "IOM Kyrgyzstan" share a domain and most
 * of their name, yet are two offices.
 */
export function scorePair(
  nameSimilarity: number,
  a: Pick<InstitutionFields, "website" | "email"> & { readonly country?: string | null },
  b: Pick<InstitutionFields, "website" | "email"> & { readonly country?: string | null },
): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  const signs: number[] = [];
  if (nameSimilarity >= NAME_SIMILAR) reasons.push("name");
  signs.push(nameSimilarity >= NAME_SIMILAR ? nameSimilarity : nameSimilarity / 2);
  const web = websiteDomain(a.website);
  if (web !== undefined && web === websiteDomain(b.website)) {
    reasons.push("website");
    signs.push(0.45);
  }
  const mail = emailDomain(a.email);
  if (mail !== undefined && mail === emailDomain(b.email)) {
    reasons.push("email");
    signs.push(0.5);
  }
  const elsewhere = Boolean(a.country && b.country && a.country.toUpperCase() !== b.country.toUpperCase());
  const score = (1 - signs.reduce((rest, s) => rest * (1 - s), 1)) * (elsewhere ? 0.5 : 1);
  return { score: Math.round(score * 100) / 100, reasons };
}

export interface DuplicateCandidate extends DuplicateScore {
  readonly id: string;
  readonly name_en: string | null;
  readonly name_ru: string | null;
}

/** The text the database folds into `name_key` for some fields (the same concatenation). */
const nameText = (f: Pick<InstitutionFields, "name_en" | "name_ru" | "name_original" | "acronym">) =>
  [f.name_en, f.name_ru, f.name_original, f.acronym].map((t) => t ?? "").join(" ");

/** The host part of a stored website, in SQL ("https://www.x.am/en" → "x.am"). */
const hostOf = sql<string>`lower(substring(website from '^[a-zA-Z]+://(?:www\\.)?([^/:?#]+)'))`;

/** Existing entries that look like `fields` (other than `exceptId`), likeliest first. */
export async function duplicatesOf(
  db: Kysely<Database>,
  fields: Pick<
    InstitutionFields,
    "name_en" | "name_ru" | "name_original" | "acronym" | "website" | "email" | "country"
  >,
  exceptId: string | null,
  limit = 10,
): Promise<DuplicateCandidate[]> {
  const web = websiteDomain(fields.website);
  const mail = emailDomain(fields.email);
  const key = sql`inventory_fold(${nameText(fields)})`;
  const rows = await db
    .selectFrom("institution")
    .select([
      "id",
      "name_en",
      "name_ru",
      "website",
      "email",
      "country",
      sql<number>`similarity(name_key, ${key})`.as("sim"),
    ])
    .where(
      sql<boolean>`(${sql.join(
        [
          sql`name_key % ${key}`,
          ...(web ? [sql`${hostOf} = ${web}`, sql`${hostOf} like ${`%.${web}`}`] : []),
          ...(mail ? [sql`lower(split_part(email, '@', 2)) like ${`%${mail}`}`] : []),
        ],
        sql` or `,
      )})`,
    )
    .where("status", "<>", "withdrawn")
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId as string))
    .limit(200)
    .execute();
  return rows
    .map((r) => ({ id: r.id, name_en: r.name_en, name_ru: r.name_ru, ...scorePair(Number(r.sim), fields, r) }))
    .filter((c) => c.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export interface DuplicatePair extends DuplicateScore {
  readonly a: { readonly id: string; readonly name_en: string | null; readonly name_ru: string | null };
  readonly b: { readonly id: string; readonly name_en: string | null; readonly name_ru: string | null };
}

/**
 * Likely duplicate pairs among the entries (synthetic test entries aside), best first: pairs with similar names
 * (the trigram index finds them) or the same website host.
 */
export async function duplicatePairs(db: Kysely<Database>, limit: number): Promise<DuplicatePair[]> {
  const rows = await db.transaction().execute(async (trx) => {
    await sql`set local pg_trgm.similarity_threshold = ${sql.lit(NAME_SIMILAR)}`.execute(trx);
    const result = await sql<{
      a_id: string;
      a_en: string | null;
      a_ru: string | null;
      a_web: string | null;
      a_mail: string | null;
      a_country: string | null;
      b_id: string;
      b_en: string | null;
      b_ru: string | null;
      b_web: string | null;
      b_mail: string | null;
      b_country: string | null;
      sim: number;
    }>`
      select a.id a_id, a.name_en a_en, a.name_ru a_ru, a.website a_web, a.email a_mail, a.country a_country,
             b.id b_id, b.name_en b_en, b.name_ru b_ru, b.website b_web, b.email b_mail, b.country b_country,
             similarity(a.name_key, b.name_key) sim
      from institution a join institution b on a.id < b.id and (
        a.name_key % b.name_key
        or lower(substring(a.website from '^[a-zA-Z]+://(?:www\\.)?([^/:?#]+)'))
           = lower(substring(b.website from '^[a-zA-Z]+://(?:www\\.)?([^/:?#]+)')))
      where not a.synthetic and not b.synthetic and a.status <> 'withdrawn' and b.status <> 'withdrawn'
        and not exists (select 1 from institution_distinct_pair d where d.a_id = a.id and d.b_id = b.id)
      limit 5000`.execute(trx);
    return result.rows;
  });
  return rows
    .map((r) => ({
      a: { id: r.a_id, name_en: r.a_en, name_ru: r.a_ru },
      b: { id: r.b_id, name_en: r.b_en, name_ru: r.b_ru },
      ...scorePair(
        Number(r.sim),
        { website: r.a_web, email: r.a_mail, country: r.a_country },
        { website: r.b_web, email: r.b_mail, country: r.b_country },
      ),
    }))
    .filter((p) => p.score >= DUPLICATE_THRESHOLD)
    .sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id))
    .slice(0, limit);
}
