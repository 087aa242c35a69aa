/** The part of jsonstat-toolkit (the JSON-stat JavaScript Toolkit, which ships no types) that the tests use. */
declare module "jsonstat-toolkit" {
  export interface JsonStatCategory {
    readonly label: string;
    readonly index: number;
    /** Codes of the children, or null. */
    readonly id: string[] | null;
    readonly note: string[] | null;
    readonly unit: { readonly label?: string; readonly base?: string; readonly decimals?: number } | null;
  }

  export interface JsonStatDimension {
    readonly label: string | null;
    /** Category codes in index order. */
    readonly id: string[];
    readonly length: number;
    readonly role: "time" | "geo" | "metric" | "classification";
    readonly note: string[] | null;
    readonly hierarchy: boolean;
    readonly extension: unknown;
    Category(selection: string | number): JsonStatCategory | null;
  }

  export interface JsonStatCell {
    readonly value: number | null;
    readonly status: string | null;
  }

  export interface JsonStatItem {
    readonly class: string;
    readonly href: string;
    readonly label: string;
    readonly updated?: string;
  }

  export interface JsonStat {
    readonly class: "dataset" | "collection" | "bundle" | "dimension";
    readonly length: number;
    readonly id: string[];
    readonly label: string | null;
    readonly source: string | null;
    readonly updated: string | null;
    readonly note: string[] | null;
    readonly size: number[];
    readonly n: number;
    readonly role: Record<"time" | "geo" | "metric" | "classification", string[] | null> | null;
    readonly status: (string | null)[] | null;
    readonly extension: unknown;
    Dataset(selection: number | string): JsonStat | null;
    Dimension(selection: number | string): JsonStatDimension | null;
    Data(selection: number | readonly number[] | Readonly<Record<string, string>>): JsonStatCell | null;
    Item(): JsonStatItem[];
  }

  export default function JSONstat(response: object): JsonStat;
}
