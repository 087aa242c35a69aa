/**
 * Illustrative demo data: a deterministic generator of plausible, internally consistent figures for the 12
 * standard tables (the UN figures of `un-desa.ts` replace 1.1 and 1.2 when given). Invented numbers of realistic
 * magnitude, labelled as such in every cube (`ILLUSTRATIVE`, `isIllustrative`).
 *
 * How the figures are made (all of it pure and keyed by a seed, see `random.ts`):
 * - Per country a profile (`PROFILES`): population, foreign-born share, recorded long-term immigration,
 *   emigration to countries outside the region, foreign citizens, stateless persons, naturalisations, the age
 *   structure, and the ties to partner countries (weights of the countries of previous residence of immigrants,
 *   used also for citizenship, country of birth and acquisitions). Partners are the participating countries plus
 *   `EXTRA_PARTNERS` (DEU, ISR, TUR, CHN, USA, UZB, …); the rest is `_O`.
 * - Every cube is the sum of hidden "leaf" series, one per reporter × partner × citizenship group × sex × age
 *   group, over the years. A leaf is either nil (`-`) in every year or at least 3 in every year, and moves by at
 *   most about 20% from one year to the next, so the year-on-year check (50%) finds nothing; every total (age,
 *   sex, own dimension) is computed from its parts, so every consistency rule holds by construction:
 *   - 3, 5.1 and 5.2 are the same immigration leaves summed by country of previous residence, by citizenship
 *     status and by country of citizenship (3 = 5.1 = 5.2); likewise 4, 6.1, 6.2 (emigration) and 7.1, 7.2;
 *   - 2.1 `FOR` is the sum of 2.2; 2.1 `_T` is the population (`_T` of 1.1), 2.1 `CIT` the rest;
 *   - 1.1 `FOR` is the sum of 1.2; 1.1 `NAT` is the population minus the foreign-born.
 * - Mirror asymmetry: the recorded emigration from B to another participating country A is the recorded
 *   immigration of A from B times a coverage of 30–80% that varies by pair (`emigrationCoverage`), so emigration
 *   is under-recorded by the sending country as in real statistics.
 * - Population and foreign-born anchors (the UN figures, when given): the population total (1.1 and 2.1 `_T`) and
 *   the foreign-born total (1.1 `FOR`, 1.2 `_T`) equal the anchor in the anchor's years, are interpolated
 *   linearly between them and extrapolated with the growth of the last interval (at most ±3% a year). The
 *   foreign-born not assigned to a country of birth in the model (about 4%) are in 1.2 `_U` at unknown age.
 * - Some `..`: Tajikistan reports no age detail (age groups and unknown age `..`, totals filled); some `-`: pairs
 *   without flows (Armenia–Azerbaijan, a country with itself) and leaves too small to show; some `p`: the latest
 *   year of the flow tables of Kazakhstan, the Russian Federation and Ukraine.
 *
 * Conventions of the partner-country tables (the partner code list has no code for stateless persons): in 5.2,
 * 6.2 and 7.2 citizens of the reporting country are under its own code, stateless persons and persons of unknown
 * citizenship under `_U`; 2.2 counts foreign citizens only (2.1 `FOR` = 2.2 `_T`).
 */

import { type Bilingual, type Dataset, Flag, type Note, Status } from "@clearinghouse/cube";
import { DEFAULT_REPORTERS } from "../countries.ts";
import { emptyCube, LANGUAGES, type Language, TABLE_IDS, type TableId } from "../tables.ts";
import { KeyedRandom } from "./random.ts";
import { type Anchors, textsOf } from "./un-desa.ts";

// ---------------------------------------------------------------------------------------------------------------
// Labelling
// ---------------------------------------------------------------------------------------------------------------

/** The label of every synthetic cube: the first words of its first note and of its source. */
export const ILLUSTRATIVE: Bilingual = {
  en: "Illustrative data, not official statistics",
  ru: "Иллюстративные данные, не официальная статистика",
};

const ILLUSTRATIVE_NOTE: Bilingual = {
  en: `${ILLUSTRATIVE.en}: invented figures of plausible magnitude, generated to demonstrate the clearinghouse.`,
  ru: `${ILLUSTRATIVE.ru}: вымышленные данные правдоподобного порядка, созданные для демонстрации центра обмена данными.`,
};

/**
 * Whether a cube holds illustrative data. The dataset model has no field for it (`extension` holds PX leftovers
 * only), so the mark is the text: the first note (mandatory, so every format keeps it, PX as NOTEX) or the source
 * starts with `ILLUSTRATIVE` in one of its languages. The UI shows a banner for such cubes.
 */
export function isIllustrative(ds: Pick<Dataset, "notes" | "source">): boolean {
  const starts = (texts: Readonly<Record<string, string>> | undefined) =>
    texts !== undefined &&
    (texts.en?.startsWith(ILLUSTRATIVE.en) === true || texts.ru?.startsWith(ILLUSTRATIVE.ru) === true);
  return starts(ds.notes?.[0]?.text) || starts(ds.source);
}

// ---------------------------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------------------------

export const DEMO_YEARS: readonly number[] = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
export const DEMO_SEED = 20_240_601;

/** Partner countries outside the participating ones that the model names; the rest of the world is `_O`. */
export const EXTRA_PARTNERS: readonly string[] = [
  "CHN",
  "DEU",
  "IND",
  "IRN",
  "ISR",
  "POL",
  "ROU",
  "TKM",
  "TUR",
  "USA",
  "UZB",
];

/** Reporters that give no age detail (age groups `..`, `age = _T` filled). */
export const NO_AGE_DETAIL: readonly string[] = ["TJK"];

/** Reporters whose latest year of the flow tables is provisional (`p`). */
export const PROVISIONAL_LATEST: readonly string[] = ["KAZ", "RUS", "UKR"];

export interface CountryProfile {
  /** Population in 2020, persons. */
  readonly population: number;
  /** Yearly population growth. */
  readonly growth: number;
  readonly foreignBornShare: number;
  /** Recorded long-term immigration around 2019, persons a year. */
  readonly immigration: number;
  /** Recorded emigration to countries outside the participating ones, persons a year. */
  readonly emigrationOutside: number;
  /** Stock of foreign citizens. */
  readonly foreignCitizens: number;
  /** Stock of stateless persons. */
  readonly stateless: number;
  /** Acquisitions of citizenship, persons a year. */
  readonly naturalisations: number;
  /** Slope of the age pyramid: high for a young population. */
  readonly youth: number;
  /** Weights of the countries of previous residence of immigrants (and of the other partner breakdowns). */
  readonly ties: Readonly<Record<string, number>>;
}

/** Plausible magnitudes for the participating countries (populations as the UN 2020 revision, rounded). */
export const PROFILES: Readonly<Record<string, CountryProfile>> = {
  ARM: {
    population: 2_963_000,
    growth: 0.002,
    foreignBornShare: 0.064,
    immigration: 8_000,
    emigrationOutside: 6_000,
    foreignCitizens: 25_000,
    stateless: 1_000,
    naturalisations: 4_000,
    youth: 0.009,
    ties: { RUS: 45, GEO: 5, UKR: 4, KAZ: 2, BLR: 1, IRN: 6, USA: 5, DEU: 2, TUR: 1, CHN: 1, IND: 3, _O: 15 },
  },
  AZE: {
    population: 10_139_000,
    growth: 0.009,
    foreignBornShare: 0.025,
    immigration: 4_000,
    emigrationOutside: 2_500,
    foreignCitizens: 60_000,
    stateless: 3_500,
    naturalisations: 1_500,
    youth: 0.016,
    ties: { RUS: 40, TUR: 15, GEO: 6, UKR: 4, KAZ: 3, IRN: 6, UZB: 2, CHN: 2, TKM: 1, DEU: 1, _O: 12 },
  },
  BLR: {
    population: 9_449_000,
    growth: -0.002,
    foreignBornShare: 0.113,
    immigration: 25_000,
    emigrationOutside: 8_000,
    foreignCitizens: 140_000,
    stateless: 6_000,
    naturalisations: 3_000,
    youth: 0.004,
    ties: {
      RUS: 45,
      UKR: 20,
      KAZ: 3,
      AZE: 2,
      ARM: 2,
      MDA: 1,
      GEO: 0.5,
      TJK: 1,
      TKM: 5,
      CHN: 3,
      UZB: 3,
      POL: 2,
      DEU: 1,
      IND: 2,
      TUR: 1,
      _O: 8,
    },
  },
  GEO: {
    population: 3_989_000,
    growth: -0.002,
    foreignBornShare: 0.02,
    immigration: 20_000,
    emigrationOutside: 15_000,
    foreignCitizens: 60_000,
    stateless: 1_000,
    naturalisations: 1_200,
    youth: 0.008,
    ties: {
      RUS: 25,
      UKR: 8,
      ARM: 6,
      AZE: 6,
      KAZ: 1,
      BLR: 0.5,
      TUR: 12,
      IRN: 4,
      CHN: 3,
      IND: 3,
      USA: 2,
      DEU: 2,
      ISR: 2,
      _O: 20,
    },
  },
  KAZ: {
    population: 18_777_000,
    growth: 0.013,
    foreignBornShare: 0.199,
    immigration: 15_000,
    emigrationOutside: 8_000,
    foreignCitizens: 160_000,
    stateless: 7_000,
    naturalisations: 20_000,
    youth: 0.017,
    ties: { RUS: 45, KGZ: 5, TJK: 2, UKR: 2, BLR: 0.5, AZE: 0.5, UZB: 25, CHN: 6, TUR: 2, DEU: 1.5, TKM: 1.5, _O: 8 },
  },
  KGZ: {
    population: 6_524_000,
    growth: 0.018,
    foreignBornShare: 0.031,
    immigration: 4_000,
    emigrationOutside: 3_000,
    foreignCitizens: 25_000,
    stateless: 1_500,
    naturalisations: 5_000,
    youth: 0.022,
    ties: { RUS: 50, KAZ: 15, TJK: 3, UKR: 1, UZB: 8, CHN: 5, TUR: 3, _O: 8 },
  },
  MDA: {
    population: 4_034_000,
    growth: -0.002,
    foreignBornShare: 0.026,
    immigration: 4_500,
    emigrationOutside: 12_000,
    foreignCitizens: 18_000,
    stateless: 2_000,
    naturalisations: 1_000,
    youth: 0.006,
    ties: { RUS: 20, UKR: 18, BLR: 2, KAZ: 0.5, ROU: 10, ISR: 4, TUR: 8, DEU: 3, USA: 3, _O: 20 },
  },
  RUS: {
    population: 145_934_000,
    growth: 0.001,
    foreignBornShare: 0.08,
    immigration: 600_000,
    emigrationOutside: 90_000,
    foreignCitizens: 1_000_000,
    stateless: 60_000,
    naturalisations: 250_000,
    youth: 0.005,
    ties: {
      UKR: 16,
      KAZ: 10,
      TJK: 14,
      KGZ: 7,
      ARM: 6,
      AZE: 5,
      MDA: 2,
      BLR: 3,
      GEO: 1,
      UZB: 18,
      TKM: 1,
      CHN: 2,
      TUR: 1,
      DEU: 0.5,
      ISR: 0.3,
      USA: 0.3,
      IND: 0.5,
      _O: 10,
      _U: 0.5,
    },
  },
  TJK: {
    population: 9_538_000,
    growth: 0.024,
    foreignBornShare: 0.029,
    immigration: 3_000,
    emigrationOutside: 2_000,
    foreignCitizens: 12_000,
    stateless: 2_000,
    naturalisations: 1_500,
    youth: 0.028,
    ties: { RUS: 55, KAZ: 8, KGZ: 4, UZB: 12, CHN: 6, TUR: 2, IRN: 2, _O: 6 },
  },
  UKR: {
    population: 43_734_000,
    growth: -0.005,
    foreignBornShare: 0.114,
    immigration: 20_000,
    emigrationOutside: 25_000,
    foreignCitizens: 250_000,
    stateless: 6_000,
    naturalisations: 6_000,
    youth: 0.004,
    ties: {
      RUS: 30,
      MDA: 5,
      BLR: 6,
      AZE: 4,
      ARM: 3,
      GEO: 3,
      KAZ: 3,
      UZB: 4,
      TUR: 4,
      ISR: 2,
      DEU: 2,
      POL: 3,
      CHN: 3,
      IND: 4,
      USA: 2,
      TKM: 3,
      _O: 15,
      _U: 1,
    },
  },
};

const REGION = new Set(Object.keys(PROFILES));

const FALLBACK_TIES: Readonly<Record<string, number>> = {
  RUS: 10,
  UKR: 5,
  BLR: 3,
  KAZ: 3,
  DEU: 6,
  POL: 5,
  TUR: 3,
  CHN: 3,
  USA: 3,
  _O: 30,
};

/** The profile of a reporter: `PROFILES`, else one scaled to its population (5 million unless anchored). */
export function profileOf(code: string, population?: number): CountryProfile {
  const known = PROFILES[code];
  if (known) return known;
  const pop = population ?? 5_000_000;
  const ties: Record<string, number> = {};
  for (const [k, v] of Object.entries(FALLBACK_TIES)) if (k !== code) ties[k] = v;
  return {
    population: pop,
    growth: 0,
    foreignBornShare: 0.08,
    immigration: Math.round(pop * 0.004),
    emigrationOutside: Math.round(pop * 0.003),
    foreignCitizens: Math.round(pop * 0.02),
    stateless: Math.round(pop * 0.0005),
    naturalisations: Math.round(pop * 0.0005),
    youth: 0.01,
    ties,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------------------------

/** Index of age categories in the cube: 0 `_T`, 1–18 the five-year groups, 19 `_U`. */
const AGE_CELLS = 20;
const AGE_UNKNOWN = 19;

function normalised(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/** Age shares (18 groups then unknown age) of migration flows: young adults and their children. */
const FLOW_AGE = normalised([5, 3.5, 3, 5, 11, 14, 13, 10.5, 8, 6, 5, 4, 3.5, 2.5, 2, 1.5, 1, 1, 0.3]);
/** Acquisitions of citizenship: adults of working age, and children with their parents. */
const ACQUISITION_AGE = normalised([6, 7, 6, 5, 8, 10, 11, 10, 8, 7, 6, 5, 4, 3, 2, 1, 0.6, 0.4, 0]);
/** Foreign citizens: working age. */
const FOREIGN_AGE = normalised([4, 4, 3.5, 3.5, 8, 12, 13, 12, 10, 8, 6, 5, 4, 3, 2, 1, 0.6, 0.4, 0]);
/** Foreign-born in the region: mostly born in another Soviet republic, so older. */
const FOREIGN_BORN_AGE = normalised([0.5, 0.8, 1, 1.5, 3, 4.5, 5.5, 6, 6.5, 7, 7.5, 8.5, 9.5, 9.5, 8, 7, 5.5, 4, 0]);
/** Stateless persons: older, former Soviet citizens without a new citizenship. */
const STATELESS_AGE = normalised([1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 9, 7, 4, 3, 0]);

/** Population shares by sex (men, women) and the 18 age groups, from the slope of the pyramid. */
function populationShares(youth: number): { men: number[]; women: number[] } {
  const w = (m: number) => Math.exp(-youth * m) * (m < 50 ? 1 : Math.exp(-(((m - 50) / 28) ** 2)));
  const groups = Array.from({ length: 18 }, (_, i) =>
    i < 17 ? w(5 * i + 2.5) : w(87.5) + w(92.5) + w(97.5) + w(102.5),
  );
  const total = groups.reduce((a, b) => a + b, 0);
  const maleShare = (i: number) => (i < 9 ? 0.51 : 0.51 - 0.022 * (i - 8));
  return {
    men: groups.map((g, i) => (g / total) * maleShare(i)),
    women: groups.map((g, i) => (g / total) * (1 - maleShare(i))),
  };
}

/** Whole numbers summing to `total` in proportion to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = (order[k] as { i: number }).i;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/** A figure in `year` from anchors: exact in their years, linear between, the last growth (±3%) outside. */
export function anchored(anchors: ReadonlyMap<number, number> | undefined, year: number): number | undefined {
  if (!anchors || anchors.size === 0) return undefined;
  const exact = anchors.get(year);
  if (exact !== undefined) return exact;
  const ys = [...anchors.keys()].sort((a, b) => a - b);
  const at = (y: number) => anchors.get(y) as number;
  const first = ys[0] as number;
  const last = ys[ys.length - 1] as number;
  const rate = (a: number, b: number) => {
    const va = at(a);
    const vb = at(b);
    if (a === b || va <= 0 || vb <= 0) return 1;
    return Math.min(1.03, Math.max(0.97, (vb / va) ** (1 / (b - a))));
  };
  if (year > last) return Math.round(at(last) * rate(ys[ys.length - 2] ?? last, last) ** (year - last));
  if (year < first) return Math.round(at(first) / rate(first, ys[1] ?? first) ** (first - year));
  let k = 0;
  while ((ys[k + 1] as number) < year) k++;
  const a = ys[k] as number;
  const b = ys[k + 1] as number;
  return Math.round(at(a) + ((at(b) - at(a)) * (year - a)) / (b - a));
}

// ---------------------------------------------------------------------------------------------------------------
// Leaves
// ---------------------------------------------------------------------------------------------------------------

/** The smallest figure a leaf shows (else it is nil in every year). */
const MIN_LEAF = 3;

/** Citizenship group of a flow leaf: of the country left, of the country entered, stateless, unknown. */
type Group = "origin" | "dest" | "stl" | "unk";

interface Leaf {
  readonly reporter: string;
  /** Category of the own dimension. */
  readonly own: string;
  /** 1 men, 2 women. */
  readonly sex: 1 | 2;
  /** 1–18 age group, 19 unknown age. */
  readonly age: number;
  /** One figure per year. */
  readonly values: Float64Array;
}

/** A flow leaf with the categories of its three tables (by partner, by citizenship status, by citizenship). */
interface FlowLeaf {
  readonly reporter: string;
  readonly partner: string;
  readonly status: "CIT" | "FOR" | "STL" | "_U";
  readonly citizenship: string;
  readonly sex: 1 | 2;
  readonly age: number;
  readonly values: Float64Array;
}

export interface SyntheticOptions {
  /** Reporting countries (alpha-3); default the participating countries. */
  readonly reporters?: readonly string[];
  /** Years; default 2015–2024. */
  readonly years?: readonly number[];
  readonly languages?: readonly Language[];
  /** Seed of the generator; default `DEMO_SEED`. */
  readonly seed?: number;
  /** Total population by reporter and year to match (the UN figures): 1.1 and 2.1 `_T`. */
  readonly population?: Anchors;
  /** Foreign-born population by reporter and year to match: 1.1 `FOR` and 1.2 `_T`. */
  readonly foreignBorn?: Anchors;
  /** The men of `population` (the UN figures by sex): 1.1 and 2.1 `_T` of men, the rest women. */
  readonly populationMen?: Anchors;
  /** The men of `foreignBorn`: 1.1 `FOR` and 1.2 `_T` of men, the rest women. */
  readonly foreignBornMen?: Anchors;
  /**
   * Partner code list of the partner-country tables: `full` (default), every country of TABLES.md's list, those
   * a reporter does not report separately `..` (they are in its `_O`); `reported`, only the countries some
   * reporter reports (the smaller cubes of earlier versions, kept for the storage benchmark's baseline).
   */
  readonly partnerList?: "full" | "reported";
  /** Where `population` comes from, for the source of the tables that use it (1.1, 2.1). */
  readonly populationSource?: Bilingual;
  /** Where `foreignBorn` comes from, for the source of the tables that use it (1.1, 1.2). */
  readonly foreignBornSource?: Bilingual;
}

class Model {
  readonly rng: KeyedRandom;
  readonly years: readonly number[];
  private readonly cache = new Map<string, Float64Array>();

  constructor(readonly options: SyntheticOptions) {
    this.rng = new KeyedRandom(options.seed ?? DEMO_SEED);
    this.years = [...(options.years ?? DEMO_YEARS)].sort((a, b) => a - b);
  }

  private readonly profiles = new Map<string, CountryProfile>();

  profile(code: string): CountryProfile {
    let p = this.profiles.get(code);
    if (!p) {
      p = profileOf(code, anchored(this.options.population?.get(code), 2020));
      this.profiles.set(code, p);
    }
    return p;
  }

  /** Per year: a smooth wave of ±`amplitude`, the 2020–2021 dip for flows, and growth. */
  trend(key: string, amplitude: number, covid: boolean, growth = 0): Float64Array {
    const id = `trend|${key}|${amplitude}|${covid}|${growth}`;
    let out = this.cache.get(id);
    if (!out) {
      const phase = 2 * Math.PI * this.rng.unit(`phase|${key}`);
      out = Float64Array.from(this.years, (y) => {
        const dip = covid ? (y === 2020 ? 0.9 : y === 2021 ? 0.96 : 1) : 1;
        return (1 + amplitude * Math.sin(phase + 0.5 * (y - 2015))) * dip * (1 + growth) ** (y - 2019);
      });
      this.cache.set(id, out);
    }
    return out;
  }

  /** Per year: noise of ±3% around 1. */
  noise(key: string): Float64Array {
    const id = `noise|${key}`;
    let out = this.cache.get(id);
    if (!out) {
      out = Float64Array.from(this.years, (y) => this.rng.between(`noise|${key}|${y}`, 0.97, 1.03));
      this.cache.set(id, out);
    }
    return out;
  }

  /** Whole figures ≥ `MIN_LEAF` in every year, or undefined (nil): small series kept with probability min/3. */
  realise(x: Float64Array, key: string): Float64Array | undefined {
    let min = Number.POSITIVE_INFINITY;
    for (const v of x) min = Math.min(min, v);
    if (!(min > 0)) return undefined;
    let scale = 1;
    if (min < MIN_LEAF) {
      if (this.rng.unit(`keep|${key}`) >= min / MIN_LEAF) return undefined;
      scale = MIN_LEAF / min;
    }
    return x.map((v) => Math.max(MIN_LEAF, Math.round(v * scale)));
  }

  /** Ties of a country without itself (and without `_U` when `known`), with their sum. */
  ties(code: string, known = false): { codes: string[]; weights: number[]; sum: number } {
    const entries = Object.entries(this.profile(code).ties).filter(
      ([k, w]) => k !== code && w > 0 && !(known && k === "_U"),
    );
    return {
      codes: entries.map(([k]) => k),
      weights: entries.map(([, w]) => w),
      sum: entries.reduce((a, [, w]) => a + w, 0),
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Flows
  // -------------------------------------------------------------------------------------------------------------

  /** Shares of the citizenship groups of the immigrants to `a` from `b`. */
  immigrationGroups(a: string, b: string): readonly [Group, number][] {
    if (b === "_U")
      return [
        ["dest", 0.3],
        ["unk", 0.7],
      ];
    if (b === "_O")
      return [
        ["origin", 0.7],
        ["dest", 0.28],
        ["stl", 0.01],
        ["unk", 0.01],
      ];
    const own = REGION.has(b) ? (a === "RUS" || a === "KAZ" ? 0.1 : 0.15) : 0.3;
    return [
      ["origin", 1 - own - 0.014],
      ["dest", own],
      ["stl", 0.01],
      ["unk", 0.004],
    ];
  }

  /** Share of men among the migrants from `from` to `to`. */
  maleShare(kind: string, to: string, from: string): number {
    const workers = (to === "RUS" || to === "KAZ") && (from === "TJK" || from === "UZB" || from === "KGZ");
    return this.rng.between(`male|${kind}|${to}|${from}`, 0.45, 0.58) + (workers ? 0.08 : 0);
  }

  /**
   * The unrounded immigration leaf of reporter `a` from `b` (whether or not `a` is a reporter of this run: the
   * mirror emigration is made from it).
   */
  immigrationX(a: string, b: string, group: Group, sex: 1 | 2, age: number): Float64Array | undefined {
    const p = this.profile(a);
    const w = b === a ? 0 : (p.ties[b] ?? 0);
    if (w <= 0) return undefined;
    const share = this.immigrationGroups(a, b).find(([g]) => g === group)?.[1];
    if (share === undefined) return undefined;
    const { sum } = this.ties(a);
    const male = this.maleShare("I", a, b);
    const base =
      ((p.immigration * w) / sum) *
      share *
      (sex === 1 ? male : 1 - male) *
      (FLOW_AGE[age - 1] as number) *
      this.rng.between(`leaf|I|${a}|${b}|${group}|${sex}|${age}`, 0.85, 1.15);
    const trend = this.trend(`I|${a}`, 0.06, true);
    const noise = this.noise(`I|${a}|${b}`);
    return trend.map((t, y) => base * t * (noise[y] as number));
  }

  immigration(a: string): FlowLeaf[] {
    const out: FlowLeaf[] = [];
    for (const b of this.ties(a).codes) {
      for (const [group] of this.immigrationGroups(a, b)) {
        const citizenship = group === "origin" ? b : group === "dest" ? a : "_U";
        const status = group === "origin" ? "FOR" : group === "dest" ? "CIT" : group === "stl" ? "STL" : "_U";
        for (const sex of [1, 2] as const) {
          for (let age = 1; age <= AGE_UNKNOWN; age++) {
            const x = this.immigrationX(a, b, group, sex, age);
            const values = x && this.realise(x, `I|${a}|${b}|${group}|${sex}|${age}`);
            if (values) out.push({ reporter: a, partner: b, status, citizenship, sex, age, values });
          }
        }
      }
    }
    return out;
  }

  /** Recorded emigration from `b` to `a` as a share of `a`'s recorded immigration from `b` (30–80%). */
  emigrationCoverage(b: string, a: string): number {
    return this.rng.between(`coverage|${b}|${a}`, 0.3, 0.8);
  }

  emigration(b: string): FlowLeaf[] {
    const out: FlowLeaf[] = [];
    const push = (d: string, group: Group, sex: 1 | 2, age: number, values: Float64Array | undefined) => {
      if (!values) return;
      const citizenship = group === "origin" ? b : group === "dest" ? d : "_U";
      const status = group === "origin" ? "CIT" : group === "dest" ? "FOR" : group === "stl" ? "STL" : "_U";
      out.push({ reporter: b, partner: d, status, citizenship, sex, age, values });
    };
    // To the other participating countries: the mirror of their immigration from b, under-recorded.
    const inRegion = REGION.has(b);
    if (inRegion) {
      for (const d of REGION) {
        if (d === b || !((this.profile(d).ties[b] ?? 0) > 0)) continue;
        const coverage = this.emigrationCoverage(b, d);
        for (const [group] of this.immigrationGroups(d, b)) {
          for (const sex of [1, 2] as const) {
            for (let age = 1; age <= AGE_UNKNOWN; age++) {
              const x = this.immigrationX(d, b, group, sex, age);
              if (!x) continue;
              const key = `E|${b}|${d}|${group}|${sex}|${age}`;
              const f = coverage * this.rng.between(`leaf|${key}`, 0.9, 1.1);
              push(
                d,
                group,
                sex,
                age,
                this.realise(
                  x.map((v) => v * f),
                  key,
                ),
              );
            }
          }
        }
      }
    }
    // Elsewhere: the country's own profile.
    const p = this.profile(b);
    const ties = this.ties(b);
    const outside = ties.codes.filter((d) => !(inRegion && REGION.has(d)));
    const sum = outside.reduce((s, d) => s + (p.ties[d] ?? 0), 0);
    const trend = this.trend(`E|${b}`, 0.06, true);
    for (const d of outside) {
      const groups: [Group, number][] =
        d === "_U"
          ? [
              ["origin", 0.9],
              ["unk", 0.1],
            ]
          : [
              ["origin", 0.85],
              ["dest", 0.13],
              ["stl", 0.01],
              ["unk", 0.01],
            ];
      const pair = (p.emigrationOutside * (p.ties[d] ?? 0)) / sum;
      const male = this.maleShare("E", d, b);
      const noise = this.noise(`E|${b}|${d}`);
      for (const [group, share] of groups) {
        for (const sex of [1, 2] as const) {
          for (let age = 1; age <= AGE_UNKNOWN; age++) {
            const key = `E|${b}|${d}|${group}|${sex}|${age}`;
            const base =
              pair *
              share *
              (sex === 1 ? male : 1 - male) *
              (FLOW_AGE[age - 1] as number) *
              this.rng.between(`leaf|${key}`, 0.85, 1.15);
            push(
              d,
              group,
              sex,
              age,
              this.realise(
                trend.map((t, y) => base * t * (noise[y] as number)),
                key,
              ),
            );
          }
        }
      }
    }
    return out;
  }

  acquisitions(a: string): FlowLeaf[] {
    const p = this.profile(a);
    const ties = this.ties(a, true);
    const stateless = a === "RUS" || a === "KAZ" ? 0.03 : 0.015;
    const unknown = 0.005;
    const groups: { prevcit: string; status: FlowLeaf["status"]; share: number }[] = [
      ...ties.codes.map((c, i) => ({
        prevcit: c,
        status: "FOR" as const,
        share: ((ties.weights[i] as number) / ties.sum) * (1 - stateless - unknown),
      })),
      { prevcit: "_U", status: "STL", share: stateless },
      { prevcit: "_U", status: "_U", share: unknown },
    ];
    const trend = this.trend(`N|${a}`, 0.08, false);
    const out: FlowLeaf[] = [];
    for (const g of groups) {
      const male = this.rng.between(`male|N|${a}|${g.prevcit}|${g.status}`, 0.4, 0.52);
      const noise = this.noise(`N|${a}|${g.prevcit}|${g.status}`);
      for (const sex of [1, 2] as const) {
        for (let age = 1; age <= AGE_UNKNOWN; age++) {
          const key = `N|${a}|${g.prevcit}|${g.status}|${sex}|${age}`;
          const base =
            p.naturalisations *
            g.share *
            (sex === 1 ? male : 1 - male) *
            (ACQUISITION_AGE[age - 1] as number) *
            this.rng.between(`leaf|${key}`, 0.85, 1.15);
          const values = this.realise(
            trend.map((t, y) => base * t * (noise[y] as number)),
            key,
          );
          if (values) {
            out.push({
              reporter: a,
              partner: g.prevcit,
              status: g.status,
              citizenship: g.prevcit,
              sex,
              age,
              values,
            });
          }
        }
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Stocks
  // -------------------------------------------------------------------------------------------------------------

  population(a: string): Float64Array {
    const p = this.profile(a);
    const anchors = this.options.population?.get(a);
    return Float64Array.from(
      this.years,
      (y) => anchored(anchors, y) ?? Math.round(p.population * (1 + p.growth) ** (y - 2020)),
    );
  }

  foreignBornTotal(a: string, population: Float64Array): Float64Array {
    const p = this.profile(a);
    const anchors = this.options.foreignBorn?.get(a);
    const wave = this.trend(`FB|${a}`, 0.01, false);
    return Float64Array.from(
      this.years,
      (y, k) =>
        anchored(anchors, y) ?? Math.round((population[k] as number) * p.foreignBornShare * (wave[k] as number)),
    );
  }

  /**
   * Stock leaves over the ties of `a` (without itself and `_U`): `total` per year spread by age `shape`, each
   * country's share drifting by ±`drift` over the years.
   */
  stockLeaves(
    kind: string,
    a: string,
    total: Float64Array,
    shape: readonly number[],
    drift: number,
    factor = 1,
    sexFactor: readonly [number, number] = [1, 1],
  ): Leaf[] {
    const ties = this.ties(a, true);
    const out: Leaf[] = [];
    ties.codes.forEach((c, i) => {
      const w = ((ties.weights[i] as number) / ties.sum) * factor;
      const male = this.rng.between(`male|${kind}|${a}|${c}`, 0.42, 0.55);
      const wave = this.trend(`${kind}|${a}|${c}`, drift, false);
      for (const sex of [1, 2] as const) {
        for (let age = 1; age <= AGE_UNKNOWN; age++) {
          const key = `${kind}|${a}|${c}|${sex}|${age}`;
          const base =
            w *
            (sex === 1 ? male : 1 - male) *
            (sexFactor[sex - 1] as number) *
            (shape[age - 1] as number) *
            this.rng.between(`leaf|${key}`, 0.85, 1.15);
          const values = this.realise(
            total.map((t, y) => t * base * (wave[y] as number)),
            key,
          );
          if (values) out.push({ reporter: a, own: c, sex, age, values });
        }
      }
    });
    return out;
  }

  /**
   * 1.2 leaves: the foreign-born by country of birth, in fixed shares of the total summing to about 96% of it;
   * the rest (the foreign-born the model does not assign) in `_U` at unknown age, so the leaves add up to the
   * total exactly and the rest moves with it. With the men's figures anchored (`foreignBornMen`), each sex's
   * leaves are scaled to about 96% of that sex's total, and each sex's rest is its own.
   */
  foreignBorn(a: string, total: Float64Array): Leaf[] {
    const men = this.menOf(this.options.foreignBornMen?.get(a), total);
    const targets = men ? [men, total.map((t, y) => t - (men[y] as number))] : undefined;
    const sumOf = (leaves: readonly Leaf[], sex?: 1 | 2) =>
      leaves.reduce((s, l) => (sex && l.sex !== sex ? s : s + l.values.reduce((x, v) => x + v, 0)), 0);
    const all = total.reduce((s, v) => s + v, 0);
    const first = this.stockLeaves("FB", a, total, FOREIGN_BORN_AGE, 0);
    let factor = first.length > 0 && all > 0 ? (0.96 * all) / sumOf(first) : 0.96;
    const sexFactor: [number, number] = [1, 1];
    if (targets) {
      for (const sex of [1, 2] as const) {
        const want = (targets[sex - 1] as Float64Array).reduce((s, v) => s + v, 0);
        const have = sumOf(first, sex) * factor;
        sexFactor[sex - 1] = have > 0 ? (0.96 * want) / have : 1;
      }
    }
    for (let attempt = 0; attempt < 5; attempt++, factor *= 0.9) {
      const leaves = this.stockLeaves("FB", a, total, FOREIGN_BORN_AGE, 0, factor, sexFactor);
      const restOf = (target: Float64Array, sex?: 1 | 2) =>
        target.map((t, y) => leaves.reduce((s, l) => (sex && l.sex !== sex ? s : s - (l.values[y] as number)), t));
      const [restMen, restWomen] = targets
        ? [restOf(targets[0] as Float64Array, 1), restOf(targets[1] as Float64Array, 2)]
        : (() => {
            const rest = restOf(total);
            const m = rest.map((r) => Math.ceil(r / 2));
            return [m, rest.map((r, y) => r - (m[y] as number))];
          })();
      if (restMen.some((r) => r < 0) || restWomen.some((r) => r < 0)) continue;
      leaves.push({ reporter: a, own: "_U", sex: 1, age: AGE_UNKNOWN, values: restMen });
      leaves.push({ reporter: a, own: "_U", sex: 2, age: AGE_UNKNOWN, values: restWomen });
      return leaves;
    }
    throw new Error(`foreign-born of ${a}: the model exceeds the total`);
  }

  /** The men of a total by year, from anchors of the men (interpolated like the total), or undefined. */
  menOf(anchors: ReadonlyMap<number, number> | undefined, total: Float64Array): Float64Array | undefined {
    if (!anchors || anchors.size === 0) return undefined;
    return Float64Array.from(this.years, (y, k) => {
      const m = anchored(anchors, y);
      return m === undefined ? Math.round((total[k] as number) / 2) : Math.min(m, total[k] as number);
    });
  }

  foreignCitizens(a: string): Leaf[] {
    const p = this.profile(a);
    const wave = this.trend(`FC|${a}`, 0.04, false, 0.01);
    return this.stockLeaves(
      "FC",
      a,
      wave.map((w) => p.foreignCitizens * w),
      FOREIGN_AGE,
      0.03,
    );
  }

  stateless(a: string): Leaf[] {
    const p = this.profile(a);
    const out: Leaf[] = [];
    for (const sex of [1, 2] as const) {
      for (let age = 1; age <= AGE_UNKNOWN; age++) {
        const key = `STL|${a}|${sex}|${age}`;
        const base =
          p.stateless * 0.5 * (STATELESS_AGE[age - 1] as number) * this.rng.between(`leaf|${key}`, 0.85, 1.15);
        const values = this.realise(
          Float64Array.from(this.years, (y) => base * 0.97 ** (y - 2020)),
          key,
        );
        if (values) out.push({ reporter: a, own: "STL", sex, age, values });
      }
    }
    return out;
  }

  /**
   * The native-born by sex and age: the population minus the foreign-born, spread by the age pyramid. With the
   * men of the population anchored (`populationMen`), each sex's native-born is that sex's population minus its
   * foreign-born (`foreignBornBySex`: men, women per year), so the population by sex is the anchor's.
   */
  nativeBorn(
    a: string,
    population: Float64Array,
    foreignBorn: Float64Array,
    foreignBornBySex?: readonly [Float64Array, Float64Array],
  ): Leaf[] {
    const shares = populationShares(this.profile(a).youth);
    const weights = [...shares.men, ...shares.women];
    const cells = weights.map(() => new Float64Array(this.years.length));
    const men = foreignBornBySex ? this.menOf(this.options.populationMen?.get(a), population) : undefined;
    this.years.forEach((_, y) => {
      let parts: number[];
      if (men && foreignBornBySex) {
        const nativeMen = (men[y] as number) - (foreignBornBySex[0][y] as number);
        const nativeWomen = (population[y] as number) - (men[y] as number) - (foreignBornBySex[1][y] as number);
        if (nativeMen < 0 || nativeWomen < 0) {
          throw new Error(`native-born of ${a}: more foreign-born than population of one sex in ${this.years[y]}`);
        }
        parts = [...apportion(nativeMen, shares.men), ...apportion(nativeWomen, shares.women)];
      } else parts = apportion((population[y] as number) - (foreignBorn[y] as number), weights);
      parts.forEach((v, i) => {
        (cells[i] as Float64Array)[y] = v;
      });
    });
    return cells.map((values, i) => ({
      reporter: a,
      own: "NAT",
      sex: i < 18 ? 1 : 2,
      age: (i % 18) + 1,
      values,
    }));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cubes
// ---------------------------------------------------------------------------------------------------------------

/** Fills a table's cube from leaves and computes every total. */
class CubeFill {
  readonly ds: Dataset;
  private readonly acc: Float64Array;
  private readonly reporters: Map<string, number>;
  private readonly own: Map<string, number>;
  private readonly R: number;
  private readonly Y: number;
  private readonly O: number;

  constructor(
    table: TableId,
    reporters: readonly string[],
    years: readonly number[],
    languages: readonly Language[],
    partners?: readonly string[],
  ) {
    this.ds = emptyCube(table, { reporters, years, languages, ...(partners ? { partners } : {}) });
    this.acc = new Float64Array(this.ds.values.length);
    this.reporters = new Map(reporters.map((r, i) => [r, i]));
    this.own = new Map(this.ds.dimensions[2]?.categories.map((c, i) => [c.code, i]));
    this.R = reporters.length;
    this.Y = years.length;
    this.O = this.own.size;
  }

  private offset(r: number, y: number, o: number, s: number, a: number): number {
    return (((r * this.Y + y) * this.O + o) * 3 + s) * AGE_CELLS + a;
  }

  add(leaf: { reporter: string; own: string; sex: 1 | 2; age: number; values: Float64Array }): void {
    const r = this.reporters.get(leaf.reporter);
    const o = this.own.get(leaf.own);
    if (r === undefined || o === undefined) throw new Error(`no cell for ${leaf.reporter} ${leaf.own}`);
    for (let y = 0; y < this.Y; y++) {
      const i = this.offset(r, y, o, leaf.sex, leaf.age);
      this.acc[i] = (this.acc[i] as number) + (leaf.values[y] as number);
    }
  }

  /** Figure of a leaf cell added so far. */
  at(reporter: string, y: number, own: string, sex: 1 | 2, age: number): number {
    const r = this.reporters.get(reporter) as number;
    return this.acc[this.offset(r, y, this.own.get(own) as number, sex, age)] as number;
  }

  /**
   * Totals from the parts (age, then sex, then the own dimension); 0 becomes nil. With `reported` (partner
   * tables), the partners a reporter does not report separately are not available (`..`) rather than nil.
   */
  finish(reported?: ReadonlyMap<string, ReadonlySet<string>>): Dataset {
    const { acc } = this;
    const oT = this.own.get("_T") as number;
    for (let r = 0; r < this.R; r++) {
      for (let y = 0; y < this.Y; y++) {
        for (let o = 0; o < this.O; o++) {
          if (o === oT) continue;
          for (let s = 1; s <= 2; s++) {
            let sum = 0;
            for (let a = 1; a < AGE_CELLS; a++) sum += acc[this.offset(r, y, o, s, a)] as number;
            acc[this.offset(r, y, o, s, 0)] = sum;
          }
          for (let a = 0; a < AGE_CELLS; a++) {
            acc[this.offset(r, y, o, 0, a)] =
              (acc[this.offset(r, y, o, 1, a)] as number) + (acc[this.offset(r, y, o, 2, a)] as number);
          }
        }
        for (let k = 0; k < 3 * AGE_CELLS; k++) {
          let sum = 0;
          for (let o = 0; o < this.O; o++) if (o !== oT) sum += acc[this.offset(r, y, o, 0, 0) + k] as number;
          acc[this.offset(r, y, oT, 0, 0) + k] = sum;
        }
      }
    }
    const { values, status } = this.ds;
    for (let i = 0; i < acc.length; i++) {
      const v = acc[i] as number;
      if (v > 0) {
        values[i] = v;
        status[i] = Status.value;
      } else {
        values[i] = Number.NaN;
        status[i] = Status.nil;
      }
    }
    if (reported) {
      const codes = this.ds.dimensions[2]?.categories.map((c) => c.code) ?? [];
      for (const [reporter, r] of this.reporters) {
        const own = reported.get(reporter);
        for (const [o, code] of codes.entries()) {
          if (code.startsWith("_") || own?.has(code)) continue;
          for (let y = 0; y < this.Y; y++) {
            const from = this.offset(r, y, o, 0, 0);
            // Nothing was added here (the model has no tie), so the cells are nil: make them `..`.
            status.fill(Status.notAvailable, from, from + 3 * AGE_CELLS);
          }
        }
      }
    }
    return this.ds;
  }

  /** Leaves the age groups and unknown age of a reporter not available (`..`), totals kept. */
  noAgeDetail(reporter: string): void {
    const r = this.reporters.get(reporter);
    if (r === undefined) return;
    for (let y = 0; y < this.Y; y++) {
      for (let o = 0; o < this.O; o++) {
        for (let s = 0; s < 3; s++) {
          for (let a = 1; a < AGE_CELLS; a++) {
            const i = this.offset(r, y, o, s, a);
            this.ds.values[i] = Number.NaN;
            this.ds.status[i] = Status.notAvailable;
          }
        }
      }
    }
  }

  /** Flags every figure of a reporter's last year provisional. */
  provisionalLastYear(reporter: string): void {
    const r = this.reporters.get(reporter);
    if (r === undefined) return;
    const from = this.offset(r, this.Y - 1, 0, 0, 0);
    const to = from + this.O * 3 * AGE_CELLS;
    const { status, flags } = this.ds;
    for (let i = from; i < to; i++) if (status[i] === Status.value) flags[i] = (flags[i] as number) | Flag.provisional;
  }
}

const CONVENTION_NOTES: Partial<Record<TableId, Bilingual>> = {
  T2_1: {
    en:
      "Total is the population: where UN figures are given, the UN mid-year estimate in the UN years, interpolated " +
      "linearly between them and extrapolated with the last five-year growth, so 1.1 Total = 2.1 Total in the years " +
      "both tables have. Foreign citizens = 2.2 Total; citizens = the rest.",
    ru:
      "«Всего» — численность населения: при наличии данных ООН — оценка ООН на середину года в годы ООН, линейная " +
      "интерполяция между ними и экстраполяция по росту последнего пятилетия, поэтому «Всего» таблиц 1.1 и 2.1 " +
      "совпадают в общих годах. Иностранные граждане = «Всего» таблицы 2.2; граждане страны — остальные.",
  },
  T1_1: {
    en:
      "Total is the population (as 2.1 Total); foreign-born = 1.2 Total; native-born = the rest. Where UN figures " +
      "are given, totals match them in the UN years (interpolated between).",
    ru:
      "«Всего» — численность населения (как «Всего» таблицы 2.1); родившиеся за рубежом = «Всего» таблицы 1.2; " +
      "родившиеся в стране — остальные. При наличии данных ООН итоги совпадают с ними в годы ООН (между ними — " +
      "интерполяция).",
  },
  T1_2: {
    en: "Foreign-born the model does not assign to a country of birth are under Unknown, at unknown age.",
    ru: "Родившиеся за рубежом, не отнесённые моделью к стране рождения, учтены в «Неизвестно» с неизвестным возрастом.",
  },
};

const CITIZENSHIP_NOTE: Bilingual = {
  en:
    "Citizens of the reporting country are under its own code; stateless persons and persons of unknown " +
    "citizenship under Unknown (the partner-country list has no code for stateless persons).",
  ru:
    "Граждане отчитывающейся страны учтены под её собственным кодом; лица без гражданства и лица с неизвестным " +
    "гражданством — в «Неизвестно» (в списке стран нет кода для лиц без гражданства).",
};
for (const id of ["T5_2", "T6_2", "T7_2"] as const) CONVENTION_NOTES[id] = CITIZENSHIP_NOTE;

function modelNote(seed: number, reporters: readonly string[]): Bilingual {
  const noAge = NO_AGE_DETAIL.filter((r) => reporters.includes(r));
  const provisional = PROVISIONAL_LATEST.filter((r) => reporters.includes(r));
  return {
    en:
      `Made by a deterministic model (seed ${seed}): the same figures on every run. Totals are the sums of their parts. ` +
      "Emigration is under-recorded by the sending country: its recorded emigration to another participating " +
      "country is 30–80% (by pair) of that country's recorded immigration from it." +
      (noAge.length ? ` No age detail from ${noAge.join(", ")} (age groups ..).` : "") +
      (provisional.length ? ` Latest year provisional (p) for ${provisional.join(", ")} in the flow tables.` : ""),
    ru:
      `Получено детерминированной моделью (начальное значение ${seed}): при каждом запуске те же данные. Итоги — ` +
      "суммы своих частей. Эмиграция недоучитывается страной выбытия: учтённая ею эмиграция в другую страну-участницу " +
      "составляет 30–80% (в зависимости от пары) иммиграции из неё, учтённой той страной." +
      (noAge.length ? ` ${noAge.join(", ")}: без распределения по возрасту (возрастные группы ..).` : "") +
      (provisional.length
        ? ` Последний год предварительный (p) для ${provisional.join(", ")} в таблицах потоков.`
        : ""),
  };
}

function label(ds: Dataset, table: TableId, options: SyntheticOptions, seed: number, reporters: readonly string[]) {
  const languages = options.languages ?? LANGUAGES;
  const credits: Bilingual[] = [];
  const credit = (b: Bilingual | undefined) => {
    if (b && !credits.some((c) => c.en === b.en)) credits.push(b);
  };
  if ((table === "T1_1" || table === "T2_1") && options.population) credit(options.populationSource);
  if ((table === "T1_1" || table === "T1_2") && options.foreignBorn) credit(options.foreignBornSource);
  const source: Bilingual = {
    en:
      `${ILLUSTRATIVE.en}. Clearinghouse demo data made by a deterministic model (seed ${seed})` +
      (credits.length ? `; totals matched to ${credits.map((c) => c.en).join("; ")}` : "") +
      ".",
    ru:
      `${ILLUSTRATIVE.ru}. Демонстрационные данные центра, полученные детерминированной моделью (начальное значение ${seed})` +
      (credits.length ? `; итоги согласованы с: ${credits.map((c) => c.ru).join("; ")}` : "") +
      ".",
  };
  const notes: Note[] = [
    { text: textsOf(ILLUSTRATIVE_NOTE, languages), mandatory: true },
    { text: textsOf(modelNote(seed, reporters), languages) },
  ];
  const convention = CONVENTION_NOTES[table];
  if (convention) notes.push({ text: textsOf(convention, languages) });
  return { ...ds, source: textsOf(source, languages), notes };
}

/** Partner codes of leaves, without the special ones. */
function partnersOf(leaves: readonly { own: string }[]): string[] {
  const set = new Set<string>();
  for (const l of leaves) if (!l.own.startsWith("_")) set.add(l.own);
  return [...set];
}

/**
 * The 12 standard tables with illustrative figures for `reporters` and `years` (default the participating
 * countries, 2015–2024), consistent by every rule of `validate`. Pure and deterministic.
 */
export function syntheticTables(options: SyntheticOptions = {}): Record<TableId, Dataset> {
  const model = new Model(options);
  const seed = options.seed ?? DEMO_SEED;
  const reporters = [...(options.reporters ?? DEFAULT_REPORTERS)];
  const years = model.years;
  const languages = options.languages ?? LANGUAGES;

  const immigration = reporters.flatMap((r) => model.immigration(r));
  const emigration = reporters.flatMap((r) => model.emigration(r));
  const acquisitions = reporters.flatMap((r) => model.acquisitions(r));
  const population = new Map(reporters.map((r) => [r, model.population(r)]));
  const foreignBorn = reporters.flatMap((r) =>
    model.foreignBorn(r, model.foreignBornTotal(r, population.get(r) as Float64Array)),
  );
  const foreignCitizens = reporters.flatMap((r) => model.foreignCitizens(r));
  const stateless = reporters.flatMap((r) => model.stateless(r));

  const as = (leaves: readonly FlowLeaf[], by: "partner" | "status" | "citizenship") =>
    leaves.map((l) => ({ reporter: l.reporter, own: l[by], sex: l.sex, age: l.age, values: l.values }));
  const full = (options.partnerList ?? "full") === "full";
  // What each reporter reports separately in a partner table: every participating country (nil where there is
  // no flow) and the countries of its leaves; with the full code list, the rest is `..`.
  const reportedBy = new Map<TableId, Map<string, Set<string>>>();
  const fill = (table: TableId, leaves: readonly Leaf[], partner: boolean) => {
    const cube = new CubeFill(table, reporters, years, languages, partner && !full ? partnersOf(leaves) : undefined);
    for (const l of leaves) cube.add(l);
    if (partner && full) {
      const byReporter = new Map(reporters.map((r) => [r, new Set<string>(reporters)]));
      for (const l of leaves) byReporter.get(l.reporter)?.add(l.own);
      reportedBy.set(table, byReporter);
    }
    return cube;
  };

  // 1.2, then 1.1 from it and the population.
  const t12 = fill("T1_2", foreignBorn, true);
  const t11 = new CubeFill("T1_1", reporters, years, languages);
  for (const l of foreignBorn) t11.add({ ...l, own: "FOR" });
  const pop = new Map<string, Float64Array>(); // reporter → (year × sex × age) population leaf figures
  for (const r of reporters) {
    const fbOf = (sexes: readonly (1 | 2)[]) =>
      Float64Array.from(years, (_, y) => {
        let s = 0;
        for (const sex of sexes) for (let a = 1; a < AGE_CELLS; a++) s += t11.at(r, y, "FOR", sex, a);
        return s;
      });
    const bySex: [Float64Array, Float64Array] = [fbOf([1]), fbOf([2])];
    for (const l of model.nativeBorn(r, population.get(r) as Float64Array, fbOf([1, 2]), bySex)) t11.add(l);
    const cells = new Float64Array(years.length * 2 * AGE_CELLS);
    years.forEach((_, y) => {
      for (const sex of [1, 2] as const) {
        for (let a = 1; a < AGE_CELLS; a++) {
          cells[(y * 2 + sex - 1) * AGE_CELLS + a] = t11.at(r, y, "NAT", sex, a) + t11.at(r, y, "FOR", sex, a);
        }
      }
    });
    pop.set(r, cells);
  }

  // 2.2, then 2.1 from it, the stateless and the population.
  const t22 = fill("T2_2", foreignCitizens, true);
  const t21 = new CubeFill("T2_1", reporters, years, languages);
  for (const l of foreignCitizens) t21.add({ ...l, own: "FOR" });
  for (const l of stateless) t21.add(l);
  for (const r of reporters) {
    const cells = pop.get(r) as Float64Array;
    for (const sex of [1, 2] as const) {
      for (let a = 1; a < AGE_CELLS; a++) {
        const values = Float64Array.from(years, (_, y) => {
          const rest =
            (cells[(y * 2 + sex - 1) * AGE_CELLS + a] as number) -
            t21.at(r, y, "FOR", sex, a) -
            t21.at(r, y, "STL", sex, a);
          if (rest < 0) throw new Error(`2.1 ${r}: more foreigners than population at sex ${sex}, age ${a}`);
          return rest;
        });
        t21.add({ reporter: r, own: "CIT", sex, age: a, values });
      }
    }
  }

  const cubes: Record<string, CubeFill> = {
    T1_1: t11,
    T1_2: t12,
    T2_1: t21,
    T2_2: t22,
    T3: fill("T3", as(immigration, "partner"), true),
    T4: fill("T4", as(emigration, "partner"), true),
    T5_1: fill("T5_1", as(immigration, "status"), false),
    T5_2: fill("T5_2", as(immigration, "citizenship"), true),
    T6_1: fill("T6_1", as(emigration, "status"), false),
    T6_2: fill("T6_2", as(emigration, "citizenship"), true),
    T7_1: fill("T7_1", as(acquisitions, "status"), false),
    T7_2: fill("T7_2", as(acquisitions, "partner"), true),
  };
  const out = {} as Record<TableId, Dataset>;
  for (const id of TABLE_IDS) {
    const cube = cubes[id] as CubeFill;
    const ds = cube.finish(reportedBy.get(id));
    for (const r of NO_AGE_DETAIL) cube.noAgeDetail(r);
    if (!id.startsWith("T1") && !id.startsWith("T2")) for (const r of PROVISIONAL_LATEST) cube.provisionalLastYear(r);
    out[id] = label(ds, id, options, seed, reporters);
  }
  return out;
}
