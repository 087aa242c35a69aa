/**
 * Mirror statistics: the same flow between two participating countries as each of them records it. For a year and
 * a pair (A receiving, B sending):
 * - by residence: A's immigration from B (table 3, reporter A, previous residence B) against B's emigration to A
 *   (table 4, reporter B, next residence A);
 * - by citizenship: A's immigration of B's citizens (5.2, reporter A, citizenship B) against B's emigration of its
 *   own citizens (6.2, reporter B, citizenship B): the same persons, but 6.2 has no destination, so B's side counts
 *   its citizens leaving for every country and is an upper bound of the flow to A.
 * Both figures, the difference I − E, the ratio I / E and the asymmetry index (I − E) / (I + E): 0 when both agree,
 * towards +1 when the receiving country records more (emigration under-recorded by the sender, the usual case),
 * towards −1 when the sender records more. With I = E = 0 the index is undefined (not 0/0 shown as a number).
 * Pure: takes cubes, returns values; statuses and flags pass as in derived.ts.
 */

import type { Bilingual, Dataset } from "@clearinghouse/cube";
import type { TableId } from "../tables.ts";
import { absentCell, type Derived, derive, type Operand, ratio, standardCells, type TableCells } from "./derived.ts";

export type MirrorBasis = "residence" | "citizenship";
export const MIRROR_BASES: readonly MirrorBasis[] = ["residence", "citizenship"];

export interface MirrorBasisDecl {
  readonly basis: MirrorBasis;
  readonly label: Bilingual;
  /** The receiving country's table and its partner dimension. */
  readonly immigration: { readonly table: TableId; readonly dimension: string };
  /** The sending country's table and its partner dimension. */
  readonly emigration: { readonly table: TableId; readonly dimension: string };
  /** The partner code on the sending side: the receiving country (by residence) or the sender itself (citizenship). */
  readonly emigrationPartner: "receiver" | "sender";
}

export const MIRROR_BASIS_DECLS: Readonly<Record<MirrorBasis, MirrorBasisDecl>> = {
  residence: {
    basis: "residence",
    label: {
      en: "By country of previous / next residence (tables 3 and 4)",
      ru: "По стране предыдущего / последующего проживания (таблицы 3 и 4)",
    },
    immigration: { table: "T3", dimension: "prevres" },
    emigration: { table: "T4", dimension: "nextres" },
    emigrationPartner: "receiver",
  },
  citizenship: {
    basis: "citizenship",
    label: {
      en: "By country of citizenship (tables 5.2 and 6.2)",
      ru: "По стране гражданства (таблицы 5.2 и 6.2)",
    },
    immigration: { table: "T5_2", dimension: "citizenship" },
    emigration: { table: "T6_2", dimension: "citizenship" },
    emigrationPartner: "sender",
  },
};

/** The definitions shown with every mirror figure. */
export const MIRROR_DEFINITIONS: Readonly<Record<"difference" | "ratio" | "asymmetry", Bilingual>> = {
  difference: {
    en: "Difference = I − E: the receiving country's immigration figure less the sending country's emigration figure.",
    ru: "Разность = I − E: иммиграция по данным принимающей страны минус эмиграция по данным страны выбытия.",
  },
  ratio: {
    en: "Ratio = I / E: how many immigrants the receiving country records per emigrant the sending country records (undefined when E = 0).",
    ru: "Отношение = I / E: сколько иммигрантов учитывает принимающая страна на одного эмигранта, учтённого страной выбытия (не определено при E = 0).",
  },
  asymmetry: {
    en: "Asymmetry index = (I − E) / (I + E), from −1 to +1: 0 when both countries record the same flow, positive when the receiving country records more (emigration under-recorded by the sending country), negative when the sending country records more; undefined when both are 0.",
    ru: "Индекс асимметрии = (I − E) / (I + E), от −1 до +1: 0, когда обе страны учитывают одинаковый поток; положителен, когда принимающая страна учитывает больше (эмиграция недоучтена страной выбытия); отрицателен, когда больше учитывает страна выбытия; не определён, когда оба значения равны 0.",
  },
};

/** The two tables of a basis, either possibly absent (not published yet). */
export interface MirrorTables {
  readonly immigration?: Dataset;
  readonly emigration?: Dataset;
}

/** Which side of a comparison has no figure. */
export type MissingSide = "immigration" | "emigration" | "both";

export interface MirrorComparison {
  readonly basis: MirrorBasis;
  readonly year: string;
  /** The receiving country A (reporter of the immigration figure). */
  readonly receiver: string;
  /** The sending country B (reporter of the emigration figure). */
  readonly sender: string;
  /** A's immigration from B, as a derived figure of one cell (with its status, flags and coordinates). */
  readonly immigration: Derived;
  /** B's emigration to A. */
  readonly emigration: Derived;
  readonly difference: Derived;
  readonly ratio: Derived;
  readonly asymmetry: Derived;
  /** The side(s) with no figure (not available or confidential), when there is one. */
  readonly missing?: MissingSide;
}

/** Cell readers over the two tables of a basis; a table not given reads as missing everywhere. */
export class MirrorInputs {
  private readonly immigration: TableCells | undefined;
  private readonly emigration: TableCells | undefined;

  constructor(
    readonly decl: MirrorBasisDecl,
    tables: MirrorTables,
  ) {
    // A table that has not the standard shape (imported under a standard id) reads as missing.
    this.immigration = standardCells(decl.immigration.table, tables.immigration);
    this.emigration = standardCells(decl.emigration.table, tables.emigration);
  }

  /** Reporting countries of either table, in the order of the immigration table, then any others. */
  reporters(): string[] {
    const out = this.immigration?.codes("reporter") ?? [];
    for (const c of this.emigration?.codes("reporter") ?? []) if (!out.includes(c)) out.push(c);
    return out;
  }

  /** Years of either table, ascending. */
  years(): string[] {
    const set = new Set([...(this.immigration?.codes("year") ?? []), ...(this.emigration?.codes("year") ?? [])]);
    return [...set].sort();
  }

  immigrationCell(receiver: string, sender: string, year: string): Operand {
    const coords = { reporter: receiver, year, [this.decl.immigration.dimension]: sender };
    return this.immigration?.read(coords) ?? absentCell(this.decl.immigration.table, coords);
  }

  emigrationCell(receiver: string, sender: string, year: string): Operand {
    const partner = this.decl.emigrationPartner === "receiver" ? receiver : sender;
    const coords = { reporter: sender, year, [this.decl.emigration.dimension]: partner };
    return this.emigration?.read(coords) ?? absentCell(this.decl.emigration.table, coords);
  }
}

/** The asymmetry index (I − E) / (I + E); undefined when both are 0. */
export function asymmetryIndex(immigration: number, emigration: number): number | undefined {
  return ratio(immigration - emigration, immigration + emigration);
}

export function compare(inputs: MirrorInputs, receiver: string, sender: string, year: string): MirrorComparison {
  const I = inputs.immigrationCell(receiver, sender, year);
  const E = inputs.emigrationCell(receiver, sender, year);
  const both = [I, E];
  const iMissing = I.kind !== "number";
  const eMissing = E.kind !== "number";
  const missing: MissingSide | undefined =
    iMissing && eMissing ? "both" : iMissing ? "immigration" : eMissing ? "emigration" : undefined;
  return {
    basis: inputs.decl.basis,
    year,
    receiver,
    sender,
    immigration: derive([I], ([i]) => i),
    emigration: derive([E], ([e]) => e),
    difference: derive(both, ([i, e]) => (i as number) - (e as number)),
    ratio: derive(both, ([i, e]) => ratio(i as number, e as number)),
    asymmetry: derive(both, ([i, e]) => asymmetryIndex(i as number, e as number)),
    ...(missing ? { missing } : {}),
  };
}

/** Every ordered pair of distinct reporters (receiver, sender) for one year, receivers then senders in order. */
export function mirrorMatrix(
  inputs: MirrorInputs,
  year: string,
  reporters: readonly string[] = inputs.reporters(),
): MirrorComparison[] {
  const out: MirrorComparison[] = [];
  for (const receiver of reporters)
    for (const sender of reporters) if (receiver !== sender) out.push(compare(inputs, receiver, sender, year));
  return out;
}

/** One pair over every year of the tables. */
export function mirrorSeries(inputs: MirrorInputs, receiver: string, sender: string): MirrorComparison[] {
  return inputs.years().map((year) => compare(inputs, receiver, sender, year));
}

/**
 * The asymmetry of a country's flows with all its partners together, for the indicators: as receiver (its
 * immigration from each partner against the partner's emigration to it) or as sender. Sums over the partners
 * whose two figures are both known; a confidential figure in any pair makes the result confidential (a pair's
 * index with one side known gives the other); none known gives not available.
 */
export function countryAsymmetry(
  inputs: MirrorInputs,
  country: string,
  year: string,
  role: "receiver" | "sender",
  partners: readonly string[] = inputs.reporters(),
): Derived {
  const used: Operand[] = [];
  let immigration = 0;
  let emigration = 0;
  let confidential = false;
  for (const partner of partners) {
    if (partner === country) continue;
    const [receiver, sender] = role === "receiver" ? [country, partner] : [partner, country];
    const I = inputs.immigrationCell(receiver, sender, year);
    const E = inputs.emigrationCell(receiver, sender, year);
    if (I.kind === "confidential" || E.kind === "confidential") confidential = true;
    if (I.kind !== "number" || E.kind !== "number") continue;
    used.push(I, E);
    immigration += I.value as number;
    emigration += E.value as number;
  }
  let flags = 0;
  for (const o of used) flags |= o.flags;
  const sources = used.map((o) => o.source);
  if (confidential) return { value: null, status: "x", flags, reason: "confidential", sources };
  if (used.length === 0) return { value: null, status: "..", flags, reason: "missing", sources };
  const value = asymmetryIndex(immigration, emigration);
  return value === undefined
    ? { value: null, status: "..", flags, reason: "undefined", sources }
    : { value, status: "", flags, sources };
}
