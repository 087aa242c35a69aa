/** The inventory's read API (apps/server/src/inventory/api.ts) as the pages use it. */
import { getJson, send } from "../account/http.ts";
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
  /** Who checked it last: given to editors only. */
  readonly verifiedBy?: string;
  readonly status: Labelled;
  readonly cityNames: { readonly en: string | null; readonly ru: string | null };
  readonly sourceUrl: string | null;
  readonly names: readonly { readonly type: string; readonly lang: string; readonly name: string }[];
  readonly identifiers: readonly {
    readonly scheme: string;
    readonly label: string;
    readonly value: string;
    readonly url: string | null;
  }[];
  readonly relationships: readonly Relationship[];
  readonly mergedFrom: readonly { readonly id: string; readonly name: string | null }[];
  readonly contacts: readonly {
    readonly id: string;
    readonly name: string;
    readonly sharedTopics: readonly Labelled[];
    readonly countries: readonly { readonly code: string; readonly name: string }[];
    readonly neighbouring: boolean;
  }[];
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

/** What the related entry is to this one. */
export const RELATION_VIEWS = ["parent", "child", "predecessor", "successor", "related"] as const;
export type RelationView = (typeof RELATION_VIEWS)[number];

export interface Relationship {
  readonly type: RelationView;
  readonly label: string;
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
}

/** Countries × topics (`GET /network`). */
export interface Network {
  readonly topics: readonly Labelled[];
  readonly countries: readonly {
    readonly code: string;
    readonly name: string;
    readonly total: number;
    readonly counts: readonly number[];
  }[];
}

export interface ReleaseChanges {
  readonly since: number | null;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly { readonly id: string; readonly fields: readonly string[] }[];
  readonly statusChanged: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

export interface Release {
  readonly version: number;
  readonly publishedAt: string;
  readonly note: string | null;
  readonly counts: Readonly<
    Record<"institutions" | "active" | "inactive" | "withdrawn" | "relationships" | "identifiers", number>
  >;
  readonly changes: ReleaseChanges;
  readonly files: Readonly<Record<"json" | "institutionsCsv" | "namesCsv" | "relationshipsCsv", string>>;
}

export interface Releases {
  readonly licence: { readonly id: string; readonly name: string; readonly url: string; readonly statement: string };
  readonly schema: string;
  readonly items: readonly Release[];
}

export interface MapFeature {
  readonly id: string;
  readonly geometry: { readonly coordinates: readonly [number, number] };
  readonly properties: { readonly name: string; readonly acronym: string | null; readonly city: string | null };
}

/** A country or language named in both languages, for pickers. */
export interface Bilingual {
  readonly id: string;
  readonly name: { readonly en: string; readonly ru: string };
}

export interface Vocabulary {
  readonly topics: readonly Labelled[];
  readonly categories: readonly Labelled[];
  readonly countries: readonly Bilingual[];
  readonly languages: readonly Bilingual[];
}

/** "Armenia · Армения": the name in the page's language first, then in the other one when it differs. */
export function bothNames(item: Bilingual, lang: Lang): string {
  const first = item.name[lang];
  const second = item.name[lang === "ru" ? "en" : "ru"];
  return first === second ? first : `${first} · ${second}`;
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
  network: (lang: Lang) => getJson<Network>(`${BASE}/network?lang=${lang}`),
  releases: (lang: Lang) => getJson<Releases>(`${BASE}/releases?lang=${lang}`),
  /** Editors: publish the inventory as it is as the next release. */
  publish: (lang: Lang, note: string) =>
    send<Release>(`${BASE}/releases?lang=${lang}`, note.trim() ? { note: note.trim() } : {}),
  relate: (id: string, type: RelationView, other: string, lang: Lang) =>
    send(`${BASE}/institutions/${encodeURIComponent(id)}/relationships?lang=${lang}`, { type, id: other }),
  unrelate: (id: string, other: string, lang: Lang) =>
    send(
      `${BASE}/institutions/${encodeURIComponent(id)}/relationships/${encodeURIComponent(other)}?lang=${lang}`,
      undefined,
      "DELETE",
    ),
  verify: (id: string, lang: Lang) => send(`${BASE}/institutions/${encodeURIComponent(id)}/verify?lang=${lang}`, {}),
};

export const EXPORT_FORMATS = [
  { format: "csv", key: "csv" },
  { format: "xlsx", key: "xlsx" },
  { format: "json", key: "json" },
] as const;

/** The address of an export of every match of a search. */
export const exportUrl = (state: SearchState, lang: Lang, format: string) =>
  `${BASE}/institutions/export.${format}${filterQuery(state, lang)}`;
