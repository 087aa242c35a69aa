/**
 * The table tree and the tables' current versions, read in two queries and kept for a moment. Every API request
 * needs them; reading them per request would cost several database round trips. A snapshot is at most
 * `maxAgeMs` old: a newly published version shows within that time, in every process, with no messaging between
 * processes (the data itself is never stale: versions are immutable).
 */

import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type DerivedTable, derivedVersion, type InputVersion } from "./derived.ts";
import type { TableInfo, Texts, TreeNode } from "./repository.ts";

interface Snapshot {
  readonly at: number;
  readonly children: ReadonlyMap<number | null, readonly TreeNode[]>;
  readonly byPath: ReadonlyMap<string, TreeNode>;
  readonly tables: ReadonlyMap<string, TableInfo>;
}

export class Catalog {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxAgeMs = 2000,
    /** Tables computed from stored ones (derived.ts), listed beside them. */
    private readonly derived: readonly DerivedTable[] = [],
  ) {}

  /** Forgets the snapshot (after this process publishes something). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.at < this.maxAgeMs) return this.snapshot;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    this.snapshot = await this.loading;
    return this.snapshot;
  }

  private async load(): Promise<Snapshot> {
    const nodes = await this.db
      .selectFrom("tree_node")
      .select(["id", "parent_id", "kind", "code", "label", "sort"])
      .execute();
    const stored = await this.db
      .selectFrom("data_table")
      .select(["id", "node_id", "current_version", "title", "updated"])
      .execute();
    const { nodes: derivedNodes, tables } = withDerived(nodes, stored, this.derived);
    nodes.push(...derivedNodes);
    const tableByNode = new Map(tables.map((t) => [t.node_id, t]));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const children = new Map<number | null, TreeNode[]>();
    const treeNodes = new Map<number, TreeNode>();
    for (const n of nodes) {
      const table = tableByNode.get(n.id);
      const node: TreeNode = {
        id: n.id,
        kind: n.kind,
        code: n.code,
        label: n.label,
        ...(table ? { updated: new Date(table.updated) } : {}),
      };
      treeNodes.set(n.id, node);
      const list = children.get(n.parent_id) ?? [];
      list.push(node);
      children.set(n.parent_id, list);
    }
    const sortKey = (n: TreeNode) =>
      `${n.kind === "table" ? 1 : 0}\u0000${String(byId.get(n.id)?.sort ?? 0).padStart(8, "0")}\u0000${n.code}`;
    for (const list of children.values())
      list.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const pathOf = (id: number): string[] => {
      const path: string[] = [];
      let current = byId.get(id);
      while (current) {
        path.unshift(current.code);
        current = current.parent_id === null ? undefined : byId.get(current.parent_id);
      }
      return path;
    };
    const byPath = new Map<string, TreeNode>();
    for (const [id, node] of treeNodes) byPath.set(pathOf(id).join("/"), node);
    const infos = new Map<string, TableInfo>();
    for (const t of tables) {
      infos.set(t.id, {
        id: t.id,
        version: t.current_version,
        title: t.title as Texts,
        updated: new Date(t.updated),
        path: pathOf(t.node_id).slice(0, -1),
        ...(t.inputs ? { inputs: t.inputs } : {}),
      });
    }
    return { at: Date.now(), children, byPath, tables: infos };
  }

  async children(parentId: number | null): Promise<readonly TreeNode[]> {
    return (await this.current()).children.get(parentId) ?? [];
  }

  async node(path: readonly string[]): Promise<TreeNode | undefined> {
    return (await this.current()).byPath.get(path.join("/"));
  }

  async table(id: string): Promise<TableInfo | undefined> {
    return (await this.current()).tables.get(id);
  }

  async tables(): Promise<readonly TableInfo[]> {
    return [...(await this.current()).tables.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

type NodeRow = {
  id: number;
  parent_id: number | null;
  kind: "database" | "folder" | "table";
  code: string;
  label: Record<string, string>;
  sort: number;
};
type TableRow = {
  id: string;
  node_id: number;
  current_version: number;
  title: Record<string, string>;
  updated: Date;
  inputs?: readonly InputVersion[];
};

/** Where derived folders sort among their siblings: after the stored ones. */
const DERIVED_SORT = 1000;

/**
 * The tree nodes and table rows of the derived tables whose required inputs exist: each in its folder (a stored one of
 * that code, or a new node) in the database of its first input present. New nodes get negative ids, which no
 * stored node has.
 */
function withDerived(
  nodes: readonly NodeRow[],
  stored: readonly TableRow[],
  derived: readonly DerivedTable[],
): { nodes: NodeRow[]; tables: TableRow[] } {
  const added: NodeRow[] = [];
  const tables: TableRow[] = [...stored];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const storedById = new Map(stored.map((t) => [t.id, t]));
  let nextId = -1;
  for (const table of derived) {
    if (storedById.has(table.id) || !table.requires.every((id) => storedById.has(id))) continue;
    const inputs = table.inputs.flatMap((id) => {
      const row = storedById.get(id);
      return row ? [{ row, version: { id, version: row.current_version } }] : [];
    });
    const first = inputs[0];
    if (!first) continue;
    let database = byId.get(first.row.node_id);
    while (database && database.parent_id !== null) database = byId.get(database.parent_id);
    if (!database) continue;
    const databaseId = database.id;
    const all = [...nodes, ...added];
    let folder = all.find((n) => n.parent_id === databaseId && n.code === table.folder.code);
    if (!folder) {
      folder = {
        id: nextId--,
        parent_id: databaseId,
        kind: "folder",
        code: table.folder.code,
        label: { ...table.folder.label },
        sort: table.folder.sort ?? DERIVED_SORT,
      };
      added.push(folder);
    }
    const node: NodeRow = {
      id: nextId--,
      parent_id: folder.id,
      kind: "table",
      code: table.id,
      label: { ...table.title },
      sort: 0,
    };
    added.push(node);
    const versions = inputs.map((i) => i.version);
    const updated = new Date(Math.max(...inputs.map((i) => new Date(i.row.updated).getTime())));
    tables.push({
      id: table.id,
      node_id: node.id,
      current_version: derivedVersion(versions),
      title: { ...table.title },
      updated,
      inputs: versions,
    });
  }
  return { nodes: added, tables };
}
