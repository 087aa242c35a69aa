/**
 * Derived tables: tables computed from the current versions of stored ones (the indicators table `IND`), listed
 * in the tree and served like any table, with nothing stored. A derived table's version is the sum of its inputs'
 * current versions: versions only grow, so every release of an input gives a new, larger number, and the answers
 * cached by table and version (cubes, encoded responses, ETags) follow at once. Only the current version of a
 * derived table can be read: its earlier states are not kept (the inputs' earlier versions are).
 */

import type { Dataset } from "@clearinghouse/cube";
import type { PathSegment } from "./repository.ts";

/** The version of one input a derived table was computed from. */
export interface InputVersion {
  readonly id: string;
  readonly version: number;
}

export interface DerivedTable {
  readonly id: string;
  readonly title: Readonly<Record<string, string>>;
  /** The folder it is listed in, inside the database that holds its first input present. */
  readonly folder: PathSegment;
  /** Stored tables it reads (those present are read; one absent reads as missing everywhere). */
  readonly inputs: readonly string[];
  /** Inputs without which it is not listed at all (most of its figures would be missing). */
  readonly requires: readonly string[];
  /** The table from the inputs present (a missing input is absent from the map); `key` names their versions. */
  build(inputs: ReadonlyMap<string, Dataset>, key: string): Dataset | Promise<Dataset>;
}

/** "T1_1@3,T3@1": the versions of the inputs, for cache keys. */
export function inputKey(inputs: readonly InputVersion[]): string {
  return inputs.map((i) => `${i.id}@${i.version}`).join(",");
}

/** The version number of a derived table: the sum of its inputs' (see the top of this file). */
export function derivedVersion(inputs: readonly InputVersion[]): number {
  return inputs.reduce((sum, i) => sum + i.version, 0);
}
