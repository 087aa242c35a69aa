/** The comparability API (`/api/comparability/…`) as the pages use it: the answers' shapes and their fetchers. */
import { type CountryMetadata, request as get } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";

export type BlockState = "available" | "partial" | "flagged" | "missing";

export interface Counts {
  readonly expected: number;
  readonly values: number;
  readonly nil: number;
  readonly confidential: number;
  readonly notAvailable: number;
  readonly provisional: number;
  readonly estimated: number;
  readonly breaks: number;
}

export interface Block {
  readonly reporter: string;
  readonly table: string;
  readonly year: number;
  readonly state: BlockState;
  readonly share: number;
  readonly counts: Counts;
  readonly partners: number | null;
}

export interface Summary {
  readonly blocks: number;
  readonly states: Readonly<Record<BlockState, number>>;
  readonly share: number;
  readonly counts: Counts;
}

export interface AvailabilityAnswer {
  readonly language: Lang;
  readonly detail: string;
  readonly versions: string;
  readonly reporters: readonly { readonly code: string; readonly name: string }[];
  readonly tables: readonly {
    readonly id: string;
    readonly number: string;
    readonly title: string;
    readonly chapter: string;
  }[];
  readonly chapters: Readonly<Record<string, string>>;
  readonly years: readonly number[];
  readonly blocks: readonly Block[];
  readonly byTable: Readonly<Record<string, Summary>>;
  readonly byReporter: Readonly<Record<string, Summary>>;
  readonly all: Summary;
}

export interface FindingCell {
  readonly table: string;
  readonly coordinates: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number | null;
  readonly symbol: string;
  readonly flags: string;
  readonly previousVersion?: boolean;
}

export interface Finding {
  readonly rule: string;
  readonly kind: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly explanation: string | null;
  readonly table: string;
  readonly tableNumber: string;
  readonly expected?: number;
  readonly found?: number;
  readonly cells: readonly FindingCell[];
  readonly links: readonly { readonly table: string; readonly href: string }[];
}

export interface RuleOutcome {
  readonly rule: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly description: string;
  readonly tables: readonly string[];
  readonly checked: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly explanation: string | null;
}

export interface ConsistencyAnswer {
  readonly language: Lang;
  readonly reporter: { readonly code: string; readonly name: string };
  readonly year: number;
  readonly versions: string;
  readonly tables: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  readonly truncated: boolean;
  readonly rules: readonly RuleOutcome[];
  readonly findings: readonly Finding[];
}

export interface ConsistencyYears {
  readonly reporter: { readonly code: string; readonly name: string };
  readonly years: readonly {
    readonly year: number;
    readonly errors: number;
    readonly warnings: number;
    readonly checked: number;
    readonly rules: number;
    readonly tables: readonly string[];
  }[];
}

export interface PartnerList {
  readonly table: string;
  readonly year: number | null;
  readonly total: number | null;
  readonly other: number | null;
  readonly unknown: number | null;
  readonly partners: readonly {
    readonly code: string;
    readonly name: string;
    readonly value: number;
    readonly share: number | null;
  }[];
}

export interface ProfileAnswer {
  readonly reporter: { readonly code: string; readonly name: string };
  readonly versions: string;
  readonly availability: AvailabilityAnswer;
  readonly partnersIn: PartnerList;
  readonly partnersOut: PartnerList;
}

/** A country's indicators year by year (h8's `/api/comparability/indicators/{country}`). */
export interface IndicatorSeries {
  readonly years: readonly string[];
  readonly indicators: readonly {
    readonly code: string;
    readonly label: string;
    readonly units: string;
    readonly decimals: number;
    readonly formula: string;
    readonly values: readonly {
      readonly year: string;
      readonly value: number | null;
      readonly status: string;
      readonly flags: string;
    }[];
  }[];
}

interface MirrorFigure {
  readonly value: number | null;
  readonly status: string;
  readonly flags: string;
}

/** Every pair of participating countries in a year (h8's `/api/comparability/mirror`). */
export interface MirrorMatrix {
  readonly year: string;
  readonly definitions: { readonly asymmetry: string };
  readonly countries: readonly { readonly code: string; readonly label: string }[];
  readonly comparisons: readonly {
    readonly receiver: string;
    readonly sender: string;
    readonly immigration: MirrorFigure;
    readonly emigration: MirrorFigure;
    readonly asymmetry: MirrorFigure;
  }[];
}

const base = "/api/comparability";
const c = encodeURIComponent;

export const comparabilityApi = {
  availabilityUrl: (query: string, lang: Lang, format?: "csv" | "xlsx" | "json") =>
    `${base}/availability?${[query, `lang=${lang}`, format ? `format=${format}` : ""].filter(Boolean).join("&")}`,
  availability: (query: string, lang: Lang) => get<AvailabilityAnswer>(comparabilityApi.availabilityUrl(query, lang)),
  consistencyUrl: (country: string, year: number, lang: Lang, format?: "csv" | "json", table?: string) =>
    `${base}/consistency/${c(country)}/${year}?lang=${lang}${table ? `&table=${c(table)}` : ""}${format ? `&format=${format}` : ""}`,
  consistency: (country: string, year: number, lang: Lang, table?: string) =>
    get<ConsistencyAnswer>(comparabilityApi.consistencyUrl(country, year, lang, undefined, table)),
  consistencyYears: (country: string, lang: Lang) =>
    get<ConsistencyYears>(`${base}/consistency/${c(country)}?lang=${lang}`),
  profile: (country: string, lang: Lang) => get<ProfileAnswer>(`${base}/countries/${c(country)}?lang=${lang}`),
  indicators: (country: string, lang: Lang) => get<IndicatorSeries>(`${base}/indicators/${c(country)}?lang=${lang}`),
  mirror: (lang: Lang) => get<MirrorMatrix>(`${base}/mirror?lang=${lang}`),
  metadata: (country: string, lang: Lang) =>
    get<{ entries: CountryMetadata[] }>(`/api/metadata/countries?reporter=${c(country)}&lang=${lang}`).then(
      (r) => r.entries,
    ),
};
