/**
 * A standard table's related tables: the flow in the other direction (3 ↔ 4, 5.1 ↔ 6.1, 5.2 ↔ 6.2: immigration
 * beside emigration, whose partner figures mirror another country's) and the same population as a total by status
 * or by country (1.1 ↔ 1.2, 2.1 ↔ 2.2, 7.1 ↔ 7.2). A link keeps the reporting countries and years selected, which
 * the standard tables share. Pure: tested without a browser.
 */

export type Relation = "opposite" | "byCountry" | "byStatus";

export interface RelatedTable {
  readonly id: string;
  readonly relation: Relation;
}

const PAIRS: readonly (readonly [string, string, Relation, Relation])[] = [
  ["T3", "T4", "opposite", "opposite"],
  ["T5_1", "T6_1", "opposite", "opposite"],
  ["T5_2", "T6_2", "opposite", "opposite"],
  // The first of the pair is the total by status, the second the same population by country.
  ["T1_1", "T1_2", "byCountry", "byStatus"],
  ["T2_1", "T2_2", "byCountry", "byStatus"],
  ["T7_1", "T7_2", "byCountry", "byStatus"],
];

/** The tables related to `id`, none for a table outside the standard set. */
export function relatedTables(id: string): RelatedTable[] {
  const out: RelatedTable[] = [];
  for (const [a, b, fromA, fromB] of PAIRS) {
    if (a === id) out.push({ id: b, relation: fromA });
    if (b === id) out.push({ id: a, relation: fromB });
  }
  return out;
}

/** The variables whose selection a link to a related table keeps (both tables have them, with the same codes). */
export const SHARED_VARIABLES = ["reporter", "year"] as const;

/** The part of a selection a related table's link carries over. */
export function sharedSelection(
  selection: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const code of SHARED_VARIABLES) {
    const codes = selection[code];
    if (codes) out[code] = codes;
  }
  return out;
}
