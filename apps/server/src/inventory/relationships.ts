/**
 * Typed relationships between entries, kept reciprocal (decision 0019). Pure: no I/O.
 *
 * Each entry sees a relationship from its own side — its `parent` or `child`, its `predecessor` or `successor`, or a
 * `related` entry — and the two sides are reciprocal (A's child B ⇔ B's parent A). The database keeps each pair once,
 * in a canonical direction (the subject is the parent or the predecessor of the object; for `related` the subject's
 * id sorts first), so a stored pair is reciprocal by construction; lists of both sides (a release, an import) are
 * checked for reciprocity here. Parents and predecessors must not form cycles (A parent of B parent of A).
 */

import type { Message } from "./messages.ts";
import { networkMessages as nm } from "./network-messages.ts";
import type { RelationshipType } from "./schema.ts";

export const RELATION_VIEWS = ["parent", "child", "predecessor", "successor", "related"] as const;
export type RelationView = (typeof RELATION_VIEWS)[number];

export const isRelationView = (x: unknown): x is RelationView =>
  typeof x === "string" && (RELATION_VIEWS as readonly string[]).includes(x);

/** What the other entry is to this one, as a heading of the entry page's list. */
export const RELATION_LABELS: Readonly<Record<RelationView, Message>> = {
  parent: { en: "Parent organisation", ru: "Вышестоящая организация" },
  child: { en: "Subordinate body or office", ru: "Подведомственная организация или отделение" },
  predecessor: { en: "Predecessor", ru: "Предшественник" },
  successor: { en: "Successor", ru: "Преемник" },
  related: { en: "Related or partner", ru: "Связанная или партнёрская организация" },
};

/** The same relationship seen from the other entry. */
export const RECIPROCAL: Readonly<Record<RelationView, RelationView>> = {
  parent: "child",
  child: "parent",
  predecessor: "successor",
  successor: "predecessor",
  related: "related",
};

/** A stored pair: the subject is the parent or predecessor of the object; `related` with subject < object. */
export interface Edge {
  readonly subject: string;
  readonly object: string;
  readonly type: RelationshipType;
}

/** What `from` says about `to` ("B is my parent") as the stored pair. */
export function canonicalEdge(from: string, view: RelationView, to: string): Edge {
  switch (view) {
    case "parent":
      return { subject: to, object: from, type: "parent" };
    case "child":
      return { subject: from, object: to, type: "parent" };
    case "predecessor":
      return { subject: to, object: from, type: "predecessor" };
    case "successor":
      return { subject: from, object: to, type: "predecessor" };
    case "related":
      return from < to
        ? { subject: from, object: to, type: "related" }
        : { subject: to, object: from, type: "related" };
  }
}

/** A stored pair seen from one of its entries: what the other one is to it. */
export function viewFrom(edge: Edge, id: string): { readonly view: RelationView; readonly other: string } {
  const mine = edge.subject === id;
  const other = mine ? edge.object : edge.subject;
  if (edge.type === "related") return { view: "related", other };
  if (edge.type === "parent") return { view: mine ? "child" : "parent", other };
  return { view: mine ? "successor" : "predecessor", other };
}

/**
 * A path from `start` to `goal` following subject → object among edges of one type, or undefined. Iterative
 * (depth-first, each entry visited once), so a long chain cannot overflow the stack.
 */
function pathBetween(edges: readonly Edge[], start: string, goal: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.subject, [...(next.get(e.subject) ?? []), e.object]);
  const cameFrom = new Map<string, string>();
  const stack = [start];
  const seen = new Set([start]);
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (at === goal) {
      const path = [at];
      for (let k = at; k !== start; ) {
        k = cameFrom.get(k) as string;
        path.unshift(k);
      }
      return path;
    }
    for (const n of next.get(at) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      cameFrom.set(n, at);
      stack.push(n);
    }
  }
  return undefined;
}

/**
 * Why `edge` cannot be added to `existing` (the stored pairs): it relates an entry to itself, the pair is already
 * related (either way round), or it closes a cycle of parents or predecessors. Undefined: it may be added.
 */
export function edgeProblem(existing: readonly Edge[], edge: Edge): Message | undefined {
  if (edge.subject === edge.object) return nm.selfRelationship(edge.subject);
  const same = (e: Edge) =>
    (e.subject === edge.subject && e.object === edge.object) ||
    (e.subject === edge.object && e.object === edge.subject);
  if (existing.some(same)) return nm.alreadyRelated(edge.subject, edge.object);
  if (edge.type === "related") return undefined;
  // A path object → … → subject plus the new subject → object would be a cycle.
  const back = pathBetween(
    existing.filter((e) => e.type === edge.type),
    edge.object,
    edge.subject,
  );
  return back ? nm.cycle([edge.subject, ...back], edge.type) : undefined;
}

/** One entry's relationships as a release lists them. */
export interface ListedRelationships {
  readonly id: string;
  readonly relationships: readonly { readonly type: RelationView; readonly id: string }[];
}

export interface RelationshipProblem {
  /** The entry whose list is at fault. */
  readonly id: string;
  readonly message: Message;
}

/**
 * The stored pairs of entries' lists of both sides, or what is wrong: a relationship to itself or to an entry not
 * in the lists, one side without its reciprocal, two relationships for one pair, a cycle of parents or
 * predecessors.
 */
export function edgesOfLists(entries: readonly ListedRelationships[]): {
  readonly edges: Edge[];
  readonly problems: RelationshipProblem[];
} {
  const problems: RelationshipProblem[] = [];
  const ids = new Set(entries.map((e) => e.id));
  const listed = new Map<string, RelationView>();
  const key = (a: string, b: string) => `${a}\u0000${b}`;
  for (const entry of entries) {
    for (const r of entry.relationships) {
      if (r.id === entry.id) problems.push({ id: entry.id, message: nm.selfRelationship(entry.id) });
      else if (!ids.has(r.id)) problems.push({ id: entry.id, message: nm.unknownEntry(r.id) });
      else if (listed.has(key(entry.id, r.id)) && listed.get(key(entry.id, r.id)) !== r.type) {
        problems.push({ id: entry.id, message: nm.conflictingRelationships(entry.id, r.id) });
      } else listed.set(key(entry.id, r.id), r.type);
    }
  }
  const edges: Edge[] = [];
  for (const [pair, view] of listed) {
    const [from, to] = pair.split("\u0000") as [string, string];
    const back = listed.get(key(to, from));
    if (back === undefined) {
      problems.push({
        id: from,
        message: nm.missingReciprocal(from, RELATION_LABELS[view], to, RELATION_LABELS[RECIPROCAL[view]]),
      });
      continue;
    }
    if (back !== RECIPROCAL[view]) {
      // Reported once, from the side whose id sorts first.
      if (from < to) problems.push({ id: from, message: nm.conflictingRelationships(from, to) });
      continue;
    }
    // Each pair is listed from both sides; keep it once.
    if (from < to) edges.push(canonicalEdge(from, view, to));
  }
  const accepted: Edge[] = [];
  for (const edge of edges) {
    const problem = edgeProblem(accepted, edge);
    if (problem) problems.push({ id: edge.subject, message: problem });
    else accepted.push(edge);
  }
  return { edges: accepted, problems };
}

/** Each entry's list of relationships (both sides) from the stored pairs, sorted by type then id. */
export function listsOfEdges(edges: readonly Edge[]): Map<string, { type: RelationView; id: string }[]> {
  const lists = new Map<string, { type: RelationView; id: string }[]>();
  for (const edge of edges) {
    for (const id of [edge.subject, edge.object]) {
      const { view, other } = viewFrom(edge, id);
      lists.set(id, [...(lists.get(id) ?? []), { type: view, id: other }]);
    }
  }
  for (const list of lists.values()) {
    list.sort((a, b) => RELATION_VIEWS.indexOf(a.type) - RELATION_VIEWS.indexOf(b.type) || (a.id < b.id ? -1 : 1));
  }
  return lists;
}
