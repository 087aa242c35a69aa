/**
 * ISO 3166-1 codes: the clearinghouse names countries by alpha-3 (ARM, RUS), the world map by numeric id ("051",
 * "643"), and the browser names regions by alpha-2 (Intl.DisplayNames). Only the package's code table is bundled,
 * not its locales or its name-search helpers. Pure: tested without a browser.
 */
import codes from "i18n-iso-countries/codes.json" with { type: "json" };

interface Codes {
  readonly alpha2: string;
  readonly numeric: string;
}

const BY_ALPHA3 = new Map<string, Codes>();
const ALPHA3_BY_NUMERIC = new Map<string, string>();
for (const [alpha2, alpha3, numeric] of codes) {
  if (alpha2 === undefined || alpha3 === undefined || numeric === undefined) continue;
  BY_ALPHA3.set(alpha3, { alpha2, numeric });
  ALPHA3_BY_NUMERIC.set(numeric, alpha3);
}

export const isCountryCode = (code: string): boolean => BY_ALPHA3.has(code);

/** The ISO numeric code ("051") of an alpha-3 code, as world-atlas ids its features; undefined for `_T` and such. */
export const alpha3ToNumeric = (alpha3: string): string | undefined => BY_ALPHA3.get(alpha3)?.numeric;

export const numericToAlpha3 = (numeric: string): string | undefined => ALPHA3_BY_NUMERIC.get(numeric);

export const alpha3ToAlpha2 = (alpha3: string): string | undefined => BY_ALPHA3.get(alpha3)?.alpha2;

/**
 * Whether a dimension's codes are countries: most of them ISO alpha-3, not counting the aggregates (`_T` total,
 * `_O` other countries, `_U` unknown), and at least one.
 */
export function mostlyCountries(codes: readonly string[]): boolean {
  const plain = codes.filter((c) => !c.startsWith("_"));
  const countries = plain.filter(isCountryCode).length;
  return countries > 0 && countries * 2 > plain.length;
}
