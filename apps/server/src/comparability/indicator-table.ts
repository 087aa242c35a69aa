/**
 * The indicators table `IND`: a derived table (tables/derived.ts) computed from the current versions of its input
 * tables, listed in the tree in the folder "Indicators" and served by both PxWeb APIs and every download format.
 * The computed values with their source cells are kept once per set of input versions, for IND and for
 * /api/comparability/indicators alike.
 */

import type { Dataset } from "@clearinghouse/cube";
import {
  computeIndicators,
  INDICATOR_INPUTS,
  INDICATOR_TABLE_ID,
  INDICATOR_TABLE_TITLE,
  type IndicatorInputs,
  type IndicatorSet,
  indicatorDataset,
  isIllustrative,
  isTableId,
  LANGUAGES,
  type Language,
} from "@clearinghouse/domain";
import type { CubeService } from "../tables/cubes.ts";
import { type DerivedTable, inputKey } from "../tables/derived.ts";

export const INDICATORS_FOLDER = { code: "indicators", label: { en: "Indicators", ru: "Показатели" } } as const;

/** The indicators of the last set of input versions asked for (a release makes a new set, computed once). */
export class IndicatorCache {
  private last: { readonly key: string; readonly set: IndicatorSet } | undefined;

  constructor(private readonly reporters: readonly string[]) {}

  get(inputs: ReadonlyMap<string, Dataset>, key: string): IndicatorSet {
    if (this.last?.key === key) return this.last.set;
    const tables: IndicatorInputs = {};
    for (const [id, dataset] of inputs) if (isTableId(id)) tables[id] = dataset;
    const set = computeIndicators(tables, { reporters: this.reporters });
    this.last = { key, set };
    return set;
  }

  /** The indicators of the current versions of the inputs, with their key; undefined when none is published. */
  async current(cubes: CubeService): Promise<{ readonly set: IndicatorSet; readonly key: string } | undefined> {
    const info = await cubes.catalog.table(INDICATOR_TABLE_ID);
    if (!info?.inputs) return undefined;
    const key = inputKey(info.inputs);
    if (this.last?.key === key) return { set: this.last.set, key };
    const inputs = new Map<string, Dataset>();
    for (const input of info.inputs) {
      const dataset = await cubes.version(input.id, input.version);
      if (dataset) inputs.set(input.id, dataset);
    }
    return { set: this.get(inputs, key), key };
  }
}

export function indicatorTable(cache: IndicatorCache): DerivedTable {
  return {
    id: INDICATOR_TABLE_ID,
    title: { ...INDICATOR_TABLE_TITLE },
    folder: INDICATORS_FOLDER,
    inputs: INDICATOR_INPUTS,
    // Without the population and both flows, most indicators would be missing.
    requires: ["T1_1", "T3", "T4"],
    build(inputs, key) {
      const set = cache.get(inputs, key);
      const datasets = [...inputs.values()];
      const languages = LANGUAGES.filter((l: Language) => datasets.every((d) => d.languages.includes(l)));
      const updated = datasets
        .map((d) => d.updated)
        .filter((u): u is string => u !== undefined)
        .sort()
        .at(-1);
      return indicatorDataset(set, {
        languages: languages.length ? languages : LANGUAGES,
        ...(updated ? { updated } : {}),
        illustrative: datasets.some(isIllustrative),
      });
    },
  };
}
