/**
 * Importing PX files, one file or a folder tree: each file that reads becomes a new version of its table, in the
 * database named by `into` (default: the folder's name) and folders mirroring the subfolders. A table's id is its
 * MATRIX, or the file name without one; when two files of one import share an id, the later one takes its file
 * name, and the report says so.
 */

import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, relative, sep } from "node:path";
import { type PxMapping, pxMapping } from "@clearinghouse/cube";
import { formatDiagnostic, openPxStream, type PxBlock, type PxDiagnostic } from "@clearinghouse/px";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import type { Cells } from "../storage/tiles.ts";
import { type PathSegment, saveVersionCells } from "./repository.ts";

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
  /** Called as a file's cells are stored: cells written so far, of the file's cells. */
  readonly onCells?: (written: number, cells: number, file: string) => void;
}

/** A file refused once its cells were read (DATA with errors): the version it was becoming is rolled back. */
class RefusedFile extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join("; "));
  }
}

const errorsOf = (diagnostics: readonly PxDiagnostic[]) =>
  diagnostics
    .filter((d) => d.severity === "error")
    .slice(0, 5)
    .map((d) => formatDiagnostic(d));

/**
 * Flags of a block's cells from DATANOTECELL rules (a category index per dimension, null for any), by walking the
 * block's coordinates; tables without such rules (nearly all) skip it.
 */
function blockFlags(
  rules: readonly { where: readonly (number | null)[]; bits: number }[],
  sizes: readonly number[],
  block: PxBlock,
  flags: Uint8Array,
) {
  flags.fill(0, 0, block.length);
  if (rules.length === 0) return;
  const at = sizes.map(() => 0);
  let rest = block.first;
  for (let d = sizes.length - 1; d >= 0; d--) {
    at[d] = rest % (sizes[d] as number);
    rest = Math.floor(rest / (sizes[d] as number));
  }
  for (let i = 0; i < block.length; i++) {
    for (const rule of rules)
      if (rule.where.every((w, d) => w === null || w === at[d])) flags[i] = (flags[i] as number) | rule.bits;
    for (let d = sizes.length - 1; d >= 0; d--) {
      at[d] = (at[d] as number) + 1;
      if ((at[d] as number) < (sizes[d] as number)) break;
      at[d] = 0;
    }
  }
}

/** The file's cells, block by block, as the dataset fromPx would make has them (statuses mapped, flags set). */
async function* datasetCells(blocks: AsyncGenerator<PxBlock>, mapping: PxMapping): AsyncGenerator<Cells> {
  const dimensions = mapping.head.dimensions;
  const sizes = dimensions.map((d) => d.categories.length);
  const rules = mapping.flagRules.flatMap((rule) => {
    const where = rule.where.map((code, k) =>
      code === null ? null : (dimensions[k]?.categories.findIndex((c) => c.code === code) ?? -1),
    );
    return where.includes(-1) ? [] : [{ where, bits: rule.bits }];
  });
  let status = new Uint8Array(0);
  let flags = new Uint8Array(0);
  for await (const block of blocks) {
    if (status.length < block.length) {
      status = new Uint8Array(block.length);
      flags = new Uint8Array(block.length);
    }
    for (let i = 0; i < block.length; i++) status[i] = mapping.status(block.status[i] as number, block.extraSymbols);
    blockFlags(rules, sizes, block, flags);
    yield {
      values: block.data.subarray(0, block.length),
      status: status.subarray(0, block.length),
      flags: flags.subarray(0, block.length),
    };
  }
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
      // Read as a stream (header, then DATA in blocks) and stored a row of tiles at a time: memory does not grow
      // with the file.
      const stream = await openPxStream(createReadStream(file, { highWaterMark: 1 << 20 }));
      if (!stream.header || stream.hasErrors) {
        report.refused.push({ file: name, reasons: errorsOf(stream.diagnostics()) });
        continue;
      }
      const mapping = pxMapping(stream.header);
      const none = new Uint8Array(0);
      const { values: _v, status: _s, flags: _f, ...head } = mapping.dataset(new Float64Array(0), none, none);
      const fileId = safeCode(basename(file, extname(file)));
      let tableId = head.id ? safeCode(head.id) : fileId;
      const owner = usedIds.get(tableId);
      if (owner !== undefined && owner !== name) {
        const because = `table id ${tableId} is already taken by ${owner}`;
        const folder = safeCode(basename(join(file, "..")));
        tableId = [fileId, `${folder}_${fileId}`, `${folder}_${fileId}_${k + 1}`].find(
          (id) => !usedIds.has(id),
        ) as string;
        report.renamed.push({ file: name, id: tableId, because });
      }
      const folders = isFile
        ? []
        : relative(root, join(file, ".."))
            .split(sep)
            .filter((s) => s !== "" && s !== ".");
      const onCells = options.onCells;
      const saved = await saveVersionCells(
        db,
        {
          tableId,
          path: [...base, ...folders].map(segment),
          sourceName: name,
          ...(onCells ? { onCells: (written: number, cells: number) => onCells(written, cells, name) } : {}),
        },
        head,
        async (push) => {
          for await (const cells of datasetCells(stream.blocks(), mapping)) await push(cells);
          if (stream.hasErrors) throw new RefusedFile(errorsOf(stream.diagnostics()));
          // The data symbols met in DATA are known now.
          const {
            values: _values,
            status: _status,
            flags: _flags,
            ...complete
          } = mapping.dataset(new Float64Array(0), none, none);
          return complete;
        },
      );
      usedIds.set(tableId, name);
      report.imported.push({
        file: name,
        tableId,
        version: saved.version,
        warnings: stream.diagnostics().length,
      });
    } catch (error) {
      report.refused.push({
        file: name,
        reasons: error instanceof RefusedFile ? error.reasons : [(error as Error).message],
      });
    } finally {
      options.onProgress?.(k + 1, files.length, name);
    }
  }
  return report;
}
