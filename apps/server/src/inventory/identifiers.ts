/**
 * External identifiers of an entry — ROR, Wikidata, the national register number — read from what people paste
 * (a URL or the bare identifier) into one stored form, with their format checked. Pure: no I/O.
 *
 * - ROR: `0` + six characters of Crockford's base 32 (no i, l, o, u) + two check digits, ISO 7064 mod 97-10 of the
 *   first seven characters' value (`https://ror.org/03vek6s52` → `03vek6s52`).
 * - Wikidata: an item, `Q` + digits (`https://www.wikidata.org/wiki/Q1065` → `Q1065`).
 * - National register number, by the country where the entry is: Russia's OGRN (13 digits, the last one checks the
 *   others: their value mod 11, mod 10), Kazakhstan's BIN (12 digits), Ukraine's EDRPOU code (8 digits), Belarus's
 *   UNP (9 digits); elsewhere 1–40 letters, digits, spaces, dots, slashes or hyphens, starting with a letter or digit.
 */

import type { Message } from "./messages.ts";
import { networkMessages as nm } from "./network-messages.ts";
import type { IdentifierScheme } from "./schema.ts";

export const IDENTIFIER_SCHEMES = ["ror", "wikidata", "national"] as const satisfies readonly IdentifierScheme[];

export const SCHEME_LABELS: Readonly<Record<IdentifierScheme, Message>> = {
  ror: { en: "ROR", ru: "ROR" },
  wikidata: { en: "Wikidata", ru: "Викиданные" },
  national: { en: "National register number", ru: "Номер в национальном реестре" },
};

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** The two check digits of a ROR identifier's first seven characters. */
export function rorChecksum(first7: string): string {
  let value = 0n;
  for (const c of first7) value = value * 32n + BigInt(CROCKFORD.indexOf(c));
  return String(98n - ((value * 100n) % 97n)).padStart(2, "0");
}

const NATIONAL_FORMATS: Readonly<Record<string, { pattern: RegExp; format: string }>> = {
  RUS: { pattern: /^\d{13}$/, format: "OGRN, 13 digits" },
  KAZ: { pattern: /^\d{12}$/, format: "BIN, 12 digits" },
  UKR: { pattern: /^\d{8}$/, format: "EDRPOU, 8 digits" },
  BLR: { pattern: /^\d{9}$/, format: "UNP, 9 digits" },
};
const NATIONAL_GENERAL = { pattern: /^[0-9A-Z][0-9A-Z ./-]{0,39}$/, format: "1–40 letters, digits, . / -" };

export type IdentifierReading =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: Message };

/** An identifier as stored, or why it is not one. `country` (alpha-3) chooses the national register's format. */
export function readIdentifier(scheme: IdentifierScheme, text: string, country: string | null): IdentifierReading {
  const raw = text.trim();
  if (scheme === "ror") {
    const value = raw.replace(/^(?:https?:\/\/)?(?:www\.)?ror\.org\//i, "").toLowerCase();
    if (!/^0[0-9a-hjkmnp-tv-z]{6}\d{2}$/.test(value)) {
      return { ok: false, message: nm.badIdentifier("ROR", raw, "0 + 6 letters or digits + 2 digits") };
    }
    if (rorChecksum(value.slice(0, 7)) !== value.slice(7)) return { ok: false, message: nm.badChecksum(raw) };
    return { ok: true, value };
  }
  if (scheme === "wikidata") {
    const value = raw.replace(/^(?:https?:\/\/)?(?:www\.|m\.)?wikidata\.org\/(?:wiki|entity)\//i, "").toUpperCase();
    if (!/^Q[1-9]\d{0,11}$/.test(value)) return { ok: false, message: nm.badIdentifier("Wikidata", raw, "Q + digits") };
    return { ok: true, value };
  }
  const value = raw.toUpperCase().replace(/\s+/g, " ");
  const rule = (country && NATIONAL_FORMATS[country]) || NATIONAL_GENERAL;
  if (!rule.pattern.test(value)) return { ok: false, message: nm.badIdentifier("national register", raw, rule.format) };
  if (country === "RUS" && Number(BigInt(value.slice(0, 12)) % 11n) % 10 !== Number(value[12])) {
    return { ok: false, message: nm.badIdentifier("OGRN", raw, "the 13th digit checks the first 12") };
  }
  return { ok: true, value };
}

/** Where an identifier can be looked up (none for national registers: each country has its own). */
export function identifierUrl(scheme: IdentifierScheme, value: string): string | null {
  if (scheme === "ror") return `https://ror.org/${value}`;
  if (scheme === "wikidata") return `https://www.wikidata.org/wiki/${value}`;
  return null;
}
