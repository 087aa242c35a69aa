/**
 * Importing PX files, one file or a folder tree: each file that reads becomes a new version of its table, in the
 * database named by `into` (default: the folder's name) and folders mirroring the subfolders. A table's id is its
 * MATRIX, or the file name without one; when two files of one import share an id, the later one takes its file
 * name, and the report says so.
 */

import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative, sep } from "node:path";
import { fromPx } from "@clearinghouse/cube";
import { formatDiagnostic, readPx } from "@clearinghouse/px";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type PathSegment, saveTableVersion } from "./repository.ts";

export interface ImportReport {
  readonly imported: { file: string; tableId: string; version: number; warnings: number }[];
  readonly refused: { file: string; reasons: string[] }[];
  readonly renamed: { file: string; id: string; because: string }[];
}

export interface ImportOptions {
  /** Database and folders to import into, e.g. ["px", "population"]; default: the imported folder's name. */
  readonly into?: readonly string[];
  /** Called after each file with the number done and the total. */
  readonly onProgress?: (done: number, total: number, file: string) => void;
}

/** A path segment safe in URLs: letters, digits, `_`, `-`, `.`. */
export function safeCode(text: string): string {
  const code = text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return code || "table";
}

async function pxFiles(root: string): Promise<string[]> {
  if ((await stat(root)).isFile()) return [root];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.px$/i.test(entry.name)) out.push(path);
    }
  };
  await walk(root);
  return out;
}

const segment = (code: string): PathSegment => ({ code: safeCode(code), label: { en: code, ru: code } });

export async function importPath(
  db: Kysely<Database>,
  root: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const files = await pxFiles(root);
  const isFile = files.length === 1 && files[0] === root;
  const base = options.into?.length ? options.into : [basename(isFile ? join(root, "..") : root)];
  const report: ImportReport = { imported: [], refused: [], renamed: [] };
  const usedIds = new Map<string, string>();
  for (const [k, file] of files.entries()) {
    const name = isFile ? basename(file) : relative(root, file);
    try {
      const result = readPx(new Uint8Array(await readFile(file)));
      if (!result.file) {
        report.refused.push({
          file: name,
          reasons: result.diagnostics
            .filter((d) => d.severity === "error")
            .slice(0, 5)
            .map((d) => formatDiagnostic(d)),
        });
        continue;
      }
      const dataset = fromPx(result.file);
      const fileId = safeCode(basename(file, extname(file)));
      let tableId = dataset.id ? safeCode(dataset.id) : fileId;
      const owner = usedIds.get(tableId);
      if (owner !== undefined && owner !== name) {
        const because = `table id ${tableId} is already taken by ${owner}`;
        const folder = safeCode(basename(join(file, "..")));
        tableId = [fileId, `${folder}_${fileId}`, `${folder}_${fileId}_${k + 1}`].find(
          (id) => !usedIds.has(id),
        ) as string;
        report.renamed.push({ file: name, id: tableId, because });
      }
      usedIds.set(tableId, name);
      const folders = isFile
        ? []
        : relative(root, join(file, ".."))
            .split(sep)
            .filter((s) => s !== "" && s !== ".");
      const saved = await saveTableVersion(db, {
        tableId,
        path: [...base, ...folders].map(segment),
        dataset,
        sourceName: name,
      });
      report.imported.push({ file: name, tableId, version: saved.version, warnings: result.diagnostics.length });
    } catch (error) {
      report.refused.push({ file: name, reasons: [(error as Error).message] });
    } finally {
      options.onProgress?.(k + 1, files.length, name);
    }
  }
  return report;
}
