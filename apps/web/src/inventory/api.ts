/** The inventory's read API (apps/server/src/inventory/api.ts) as the pages use it. */
import { getJson } from "../account/http.ts";
import type { Lang } from "../lib/i18n.ts";
import { apiQuery, filterQuery, type SearchState } from "./search-state.ts";

export const BASE = "/api/inventory";

export interface FacetValue {
  readonly id: string;
  readonly label: string;
  readonly count: number;
}

export type LinkStatus = string;

export interface InstitutionItem {
  readonly id: string;
  readonly name: string;
  readonly nameOriginal: string | null;
  readonly acronym: string | null;
  readonly category: string;
  readonly country: string | null;
  readonly countryName: string | null;
  readonly city: string | null;
  readonly countriesOfActivity: readonly string[];
  readonly website: string | null;
  readonly summary: string | null;
  readonly topics: readonly string[];
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly synthetic: boolean;
  readonly verifiedAt: string | null;
  readonly updatedAt: string;
  /** The website's last check, when the server gives it. */
  readonly linkStatus?: LinkStatus | null;
}

export interface SearchAnswer {
  readonly total: number;
  readonly items: readonly InstitutionItem[];
  readonly facets: Readonly<Record<"category" | "country" | "topic", readonly FacetValue[]>>;
}

export interface Labelled {
  readonly id: string;
  readonly label: string;
}

export interface InstitutionDetail {
  readonly language: string;
  readonly id: string;
  readonly name: { readonly en: string | null; readonly ru: string | null };
  readonly nameOriginal: string | null;
  readonly originalLanguage: string | null;
  readonly acronym: string | null;
  readonly category: Labelled;
  readonly country: { readonly code: string; readonly name: string } | null;
  readonly city: string | null;
  readonly address: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly countriesOfActivity: readonly { readonly code: string; readonly name: string }[];
  readonly website: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly summary: { readonly en: string | null; readonly ru: string | null };
  readonly topics: readonly Labelled[];
  readonly languages: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly verifiedAt: string | null;
  readonly synthetic: boolean;
  readonly version: number;
  readonly link: {
    readonly status: LinkStatus;
    readonly httpCode: number | null;
    readonly checkedAt: string | null;
  } | null;
  readonly history: readonly {
    readonly version: number;
    readonly kind: string;
    readonly at: string;
    readonly reason: string | null;
  }[];
}

export interface MapFeature {
  readonly id: string;
  readonly geometry: { readonly coordinates: readonly [number, number] };
  readonly properties: { readonly name: string; readonly acronym: string | null; readonly city: string | null };
}

export interface Vocabulary {
  readonly topics: readonly Labelled[];
  readonly categories: readonly Labelled[];
}

export const inventoryApi = {
  search: (state: SearchState, lang: Lang, signal?: AbortSignal) =>
    getJson<SearchAnswer>(`${BASE}/institutions${apiQuery(state, lang)}`, signal),
  points: (state: SearchState, lang: Lang, signal?: AbortSignal) =>
    getJson<{ features: MapFeature[] }>(`${BASE}/institutions.geojson${filterQuery(state, lang)}`, signal).then(
      (r) => r.features,
    ),
  detail: (id: string, lang: Lang) =>
    getJson<InstitutionDetail>(`${BASE}/institutions/${encodeURIComponent(id)}?lang=${lang}`),
  vocabulary: (lang: Lang) => getJson<Vocabulary>(`${BASE}/topics?lang=${lang}`),
};

export const EXPORT_FORMATS = [
  { format: "csv", key: "csv" },
  { format: "xlsx", key: "xlsx" },
  { format: "json", key: "json" },
] as const;

/** The address of an export of every match of a search. */
export const exportUrl = (state: SearchState, lang: Lang, format: string) =>
  `${BASE}/institutions/export.${format}${filterQuery(state, lang)}`;
